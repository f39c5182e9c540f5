"""A citation, an assumption and a signature have no label of their own: their pages and the
links to them name what they are and their number ("källhänvisning 1", "antagande 2",
"underskrift 1"). They showed the number alone, so that a promise's page listed "rdf:subject"
as "5 6 8 7 9 4 1 1 2 1 …" (citations and assumptions alike) and "har underskrift" as "2341"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from server_support import AppClient, fill_store, make_app

from kg.iris import Minter
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "seeds" / "001_bbdb3963ef63b756.ttl"
PROMISE = "/id/promise/1282-2017"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client() -> Iterator[AppClient]:
    store: OxigraphStore = open_store(StoreSettings(None))
    fill_store(store)
    graph = str(Minter().graph("promise/1282-2017"))
    change = ChangeSet()
    change.replace[graph] = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
        for t in ox.parse(path=str(SEED), format=ox.RdfFormat.TURTLE)
    ]
    store.apply(change)
    with AppClient(make_app(store)) as c:
        yield c
    store.close()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("path", "sv", "en"),
    [
        ("citation/1", "källhänvisning 1", "citation 1"),
        ("assumption/1", "antagande 1", "assumption 1"),
        ("signature/1", "underskrift 1", "signature 1"),
    ],
)
def test_a_numbered_node_is_named_by_its_kind_and_number(
    client: AppClient, path: str, sv: str, en: str
) -> None:
    page = client.get(f"{PROMISE}/{path}", headers=HTML)
    assert page.status_code == 200
    assert f"<title>{sv} · " in page.text
    assert f"<title>{en} · " in client.get(f"{PROMISE}/{path}?lang=en", headers=HTML).text


def test_the_promise_page_links_its_citations_and_signatures_by_kind(client: AppClient) -> None:
    text = _text(client.get(PROMISE, headers=HTML).text)
    assert "rdf:subject källhänvisning " in text and "har underskrift underskrift " in text
