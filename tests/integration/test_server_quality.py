"""The data-quality pages of ``kg serve`` in process: the country and a municipality, by SCB code
or name, HTML, JSON and CSV, on the server fixtures' store (graphs without catalogue records: the
counts come from the graphs, the history says there is none) and escaped throughout."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from server_support import SCRIPT, AppClient, fill_store, make_app

from kg.quality.model import Counts, HistoryPoint, MunicipalityQuality, PromiseQuality
from kg.quality.svg import Words, coverage_timeline, findings_over_time
from kg.store.core import OxigraphStore, StoreSettings, open_store

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client() -> Iterator[AppClient]:
    s: OxigraphStore = open_store(StoreSettings(None))
    fill_store(s)
    with AppClient(make_app(s)) as c:
        yield c
    s.close()


def test_the_country_page(client: AppClient) -> None:
    r = client.get("/_/quality", headers=HTML)
    assert r.status_code == 200
    html = r.text
    assert "Datakvalitet" in html and 'data-testid="coverage-by-year"' in html
    assert 'href="/_/quality/0581"' in html  # Norrköping's 2024 promise
    assert 'href="/_/quality/0480"' in html and SCRIPT not in html
    en = client.get("/_/quality?lang=en", headers=HTML).text
    assert "Data quality" in en and "Municipalities with a promise in force, per year" in en


def test_a_municipality_by_code_and_by_name(client: AppClient) -> None:
    r = client.get("/_/quality/0480?examples=1&as_of=2025-12-31", headers=HTML)
    assert r.status_code == 200
    html = r.text
    # the fixtures' Nyköping 2023-2024 and the made-up 2025-2026 example: four years, no gap
    assert "2023–2026" in html and 'data-testid="coverage-timeline"' in html
    assert "Ingen historik" in html  # graphs written without the catalogue
    by_name = client.get("/_/quality/Nyk%C3%B6ping?examples=1&as_of=2025-12-31", headers=HTML).text
    assert "2023–2026" in by_name
    data = client.get("/_/quality/0480?format=json&as_of=2025-12-31").json()
    assert data["code"] == "0480" and data["covered"] == [[2023, 2024]]  # the example is left out
    assert data["without_history"]


def test_an_unknown_municipality_names_the_nearest(client: AppClient) -> None:
    r = client.get("/_/quality/Nykping", headers=HTML)
    assert r.status_code == 400
    assert "Nyköpings kommun" in r.text
    assert client.get("/_/quality?as_of=tomorrow", headers=HTML).status_code == 400


def test_json_and_csv_of_the_country(client: AppClient) -> None:
    data = client.get("/_/quality?format=json").json()
    assert data["municipalities_total"] == 290 and data["municipalities_with_promise"] >= 2
    rows = list(csv.DictReader(io.StringIO(client.get("/_/quality?format=csv").text)))
    assert {r["code"]: r["covered"] for r in rows}["0581"] == "2024"


def test_the_charts_escape_what_they_draw() -> None:
    m = MunicipalityQuality("m", "0480", "Nyköping", current_year=2024)
    m.promises = [
        PromiseQuality(f"x{SCRIPT}", f"promise/{SCRIPT}", "2019-01-01", "2020-12-31"),
        PromiseQuality("y", "promise/y", "2023-01-01", "2024-12-31"),
    ]
    svg = coverage_timeline(m, Words(SCRIPT, SCRIPT))
    assert SCRIPT not in svg and "&lt;script&gt;" in svg and 'data-gap="2021–2022"' in svg
    line = findings_over_time([HistoryPoint(SCRIPT, Counts(warnings=2))], Words(SCRIPT), {"warnings": SCRIPT})
    assert SCRIPT not in line and "<polyline" in line
