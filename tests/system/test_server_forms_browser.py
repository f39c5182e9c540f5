"""Query forms with choices, tables that sort, and the YASGUI editor, in a real browser (issue 22
point 6): Playwright driving Debian's chromium against a `kg serve` process with the bundled
saved queries. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import ARTIFACTS, chromium, require_chromium
from query_fixtures import BUNDLED
from server_support import kg_serve
from typer.testing import CliRunner

from kg.cli import app
from kg.server.editor import yasgui_installed

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    path = tmp_path_factory.mktemp("forms-browser") / "store"
    # made in this process (the store is the subject of other tests; what is served is what matters)
    for args in (["init"], ["import", *(str(p) for p in BUNDLED)]):
        made = CliRunner().invoke(app, ["--store", str(path), "--quiet", *args])
        assert made.exit_code == 0, made.output
    with kg_serve(path) as base:  # what make run leaves, with the bundled saved queries
        yield base


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


def _column(page: Any, index: int) -> list[str]:
    cells = page.locator(f"[data-testid=results] tbody tr:not([hidden]) td:nth-child({index + 1})")
    return [" ".join(t.split()) for t in cells.all_inner_texts()]


def _first_value(texts: list[str]) -> list[str]:
    """A cell's value without the @lang or datatype note the table prints after it."""
    return [t.split("@")[0].removesuffix("xsd:integer").strip() for t in texts]


def test_a_county_drop_down_runs_a_saved_query(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="sv-SE")
    page.goto(server + "_/queries/priority-areas-ranked")
    county = page.locator("#p-county")
    assert county.evaluate("e => e.tagName") == "SELECT"
    assert county.locator("option").count() == 22  # "–" (the whole country) and 21 counties
    county.select_option(label="Östergötlands län")
    page.get_by_role("button", name="Kör").click()
    page.wait_for_selector("[data-testid=results]")
    assert "county=05" in page.url
    assert page.locator("#p-county").input_value() == "05"  # the choice stays selected
    counties = set(_column(page, 0))
    areas = _first_value(_column(page, 2))
    assert counties == {"Östergötlands län"}, counties
    assert "narkotika" in areas and len(areas) >= 3
    page.screenshot(path=str(ARTIFACTS / "forms-county.png"), full_page=True)
    page.close()


def test_a_column_sorts_with_javascript_and_the_rows_filter(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="sv-SE")
    page.goto(server + "_/queries/priority-areas-ranked?run=1&includeExamples=true")
    page.wait_for_selector("[data-testid=results]")
    before = page.url
    labels = _first_value(_column(page, 1))
    heading = page.locator("[data-testid=results] th", has_text="priorityAreaLabel")
    heading.locator("a").click()
    assert page.url == before  # sorted in place, no request
    assert heading.get_attribute("aria-sort") == "ascending"
    asc = _first_value(_column(page, 1))
    assert asc == sorted(labels, key=str.casefold) and asc != labels
    heading.locator("a").click()
    assert heading.get_attribute("aria-sort") == "descending"
    assert _first_value(_column(page, 1)) == list(reversed(asc))
    # the filter hides the rows without the text
    page.fill("[data-testid=table-filter]", "narko")
    assert _first_value(_column(page, 1)) == ["narkotika"]
    page.fill("[data-testid=table-filter]", "")
    assert len(_column(page, 1)) == len(labels)
    page.close()


def test_a_column_sorts_without_javascript(server: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    page.goto(server + "_/queries/priority-areas-ranked?run=1&includeExamples=true")
    assert page.locator("[data-testid=table-filter]").count() == 0  # no script ran
    labels = _first_value(_column(page, 1))
    page.locator("[data-testid=results] th a", has_text="priorityAreaLabel").click()
    page.wait_for_url("**_sort=priorityAreaLabel**")
    asc = _first_value(_column(page, 1))
    assert asc == sorted(labels, key=str.casefold) and asc != labels
    page.locator("[data-testid=results] th a", has_text="priorityAreaLabel").click()
    page.wait_for_url("**_dir=desc**")
    assert _first_value(_column(page, 1)) == list(reversed(asc))
    assert "includeExamples=true" in page.url
    context.close()


def test_yasgui_runs_a_query_against_the_endpoint(server: str, browser: Any) -> None:
    if not yasgui_installed():
        pytest.skip("YASGUI is not installed (make assets: npm ci and python -m tools.vendor_assets)")
    page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="sv-SE")
    elsewhere: list[str] = []
    failed: list[str] = []
    host = urlsplit(server).hostname

    def seen(request: Any) -> None:
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != host:
            elsewhere.append(request.url)

    page.on("request", seen)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("console", lambda m: failed.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "_/sparql")
    page.wait_for_selector("#yasgui[data-ready='1'] .CodeMirror")
    assert page.locator("#sparql-form").is_hidden()  # YASGUI in place of the plain form
    query = (
        "PREFIX mbl: <https://w3id.org/medborgarlofte/def/>\n"
        "SELECT ?promise ?title WHERE { ?promise a mbl:CitizenPromise ; "
        "<http://purl.org/dc/terms/title> ?title } ORDER BY ?promise"
    )
    page.evaluate("q => document.querySelector('#yasgui .CodeMirror').CodeMirror.setValue(q)", query)
    with page.expect_response(lambda r: urlsplit(r.url).path.endswith("/sparql")) as answer:
        page.locator("#yasgui .yasqe_queryButton").click()
    assert answer.value.status == 200
    page.wait_for_selector("#yasgui .yasr table tbody tr td")
    rows = page.locator("#yasgui .yasr table tbody tr")
    assert rows.count() == 6, rows.all_inner_texts()  # the six promises make run imports
    text = " ".join(rows.all_inner_texts())
    assert "kg:promise/0480-2025-2026" in text  # IRIs shortened with the project's kg: prefix
    # the project's prefixes complete: typing 'pa:' declares it
    editor = page.locator("#yasgui .CodeMirror")
    page.evaluate(
        "() => { const cm = document.querySelector('#yasgui .CodeMirror').CodeMirror;"
        " cm.setValue('SELECT * WHERE { ?p ?x pa'); cm.focus(); cm.setCursor(cm.lineCount(), 0); }"
    )
    editor.press("End")
    page.keyboard.type(":")
    page.wait_for_function(
        "() => document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue().includes('PREFIX pa:')"
    )
    value = page.evaluate("() => document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()")
    assert "PREFIX pa: <https://w3id.org/medborgarlofte/vocab/priority-area/>" in value, value
    page.screenshot(path=str(ARTIFACTS / "forms-yasgui.png"), full_page=True)
    assert not elsewhere, f"requests left {host}: {elsewhere}"
    assert not failed, failed
    page.close()
