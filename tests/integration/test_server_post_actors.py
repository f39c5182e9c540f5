"""A post the text names as responsible ("Rektorn på Ekebyskolan", "Trygghetssamordnaren") is
shown on the promise's page with the organisation it is in: the post's label alone ("Rektorn")
did not say whose post it is, and two head teachers of two schools looked the same. Where that
organisation is an assumption (the text names the post alone), the page says so."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from server_support import AppClient, fill_store, make_app

from kg.extract import extract_file
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store

TEXT = """Medborgarlöfte för Köpings kommun 2024

Lokalpolisområde Västerås och Köpings kommun lovar:

Prioriterat område: Trygghet i skolan

- Rektorn på Ekebyskolan ska hålla trygghetsmöten varje termin.
- Rektorn på Kolbäcksskolan ska ordna föräldramöten varje termin.
- Trygghetssamordnaren ska i samverkan med fältassistenterna inom socialtjänsten göra trygghetsvandringar.
"""
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppClient, str]]:
    source = tmp_path_factory.mktemp("posts") / "koping.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = extract_file(source, period="2024")
    store: OxigraphStore = open_store(StoreSettings(None))
    fill_store(store)
    graph = ox.NamedNode(f"{result.iri}/graph")
    data = result.graph.serialize(format="nt", encoding="utf-8")
    change = ChangeSet()
    change.replace[graph.value] = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]
    store.apply(change)
    path = "/id/" + str(result.iri).split("/id/", 1)[1]
    with AppClient(make_app(store)) as c:
        yield c, path
    store.close()


def _cells(html: str) -> list[str]:
    """The responsible actors' cells of the activity table, as text."""
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td>(.*?)</td>", html, re.S)
    ]


def test_a_responsible_post_is_shown_with_its_organisation(client: tuple[AppClient, str]) -> None:
    app, path = client
    page = app.get(path, headers=HTML)
    assert page.status_code == 200
    cells = _cells(page.text)
    assert "Rektorn (Ekebyskolan)" in cells and "Rektorn (Kolbäcksskolan)" in cells, cells
    # the organisation of a post named alone is assumed, and the page says so
    assert "Trygghetssamordnaren (Köpings kommun, antaget)" in cells, cells
    english = _cells(app.get(f"{path}?lang=en", headers=HTML).text)
    assert "Trygghetssamordnaren (Köping Municipality, assumed)" in english, english
    # a partner that is a post is shown the same way; the page is escaped as before
    assert "Samverkanspartner: Fältassistenterna (Socialtjänsten)" in " ".join(_cells(page.text)), cells
