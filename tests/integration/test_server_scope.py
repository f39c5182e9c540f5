"""The pages show whom and where a promise is for (issue 16): the areas within the municipality,
the target groups, each priority's aim and the revision clause, escaped and linked.

The store holds the server fixtures and the extractor's graph of the seed Landskrona 2017
(data/seeds/, in the repository), which states the area Karlslundsområdet and the target group
boende."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from server_support import SCRIPT, AppClient, fill_store, make_app

from kg.iris import Minter
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store

SEED = Path(__file__).resolve().parent.parent.parent / "data" / "seeds" / "001_bbdb3963ef63b756.ttl"
LANDSKRONA = "/id/promise/1282-2017"
XSS = "/id/promise/0581-2024"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client() -> Iterator[AppClient]:
    store: OxigraphStore = open_store(StoreSettings(None))
    minter = Minter()
    fill_store(store, minter)
    g = ox.NamedNode(str(minter.graph("promise/1282-2017")))
    change = ChangeSet()
    change.replace[g.value] = [
        ox.Quad(t.subject, t.predicate, t.object, g)
        for t in ox.parse(path=str(SEED), format=ox.RdfFormat.TURTLE)
    ]
    store.apply(change)
    with AppClient(make_app(store)) as c:
        yield c
    store.close()


def _section(page: str, testid: str) -> str:
    m = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(dd|table|blockquote)>', page, re.S)
    assert m, f"no {testid} on the page"
    return m.group(1)


def test_landskrona_2017_shows_its_area_and_target_group(client: AppClient) -> None:
    page = client.get(LANDSKRONA, headers=HTML).text
    areas = _section(page, "promise-areas")
    assert 'href="/id/promise/1282-2017/place/karlslundsomradet"' in areas
    assert ">Karlslundsområdet</a>" in areas
    assert 'href="/vocab/area-kind/bostadsomrade"' in areas and ">bostadsområde</a>" in areas
    audience = _section(page, "promise-audience")
    assert 'href="/vocab/target-group/boende"' in audience and ">boende</a>" in audience
    # the activity table: the area and target group columns, each activity's own values
    head = page[page.index('<table class="data activities">') :]
    head = head[: head.index("</thead>")]
    assert "<th>Område</th>" in head and "<th>Målgrupp</th>" in head
    rows = page[page.index('<table class="data activities">') :].split("</tr>")
    row8 = next(r for r in rows if "riktade till ungdomar i området" in r)
    assert 'href="/vocab/target-group/ungdomar"' in row8
    row7 = next(r for r in rows if "utveckla fritidsaktiviteterna i Karlslundsområdet" in r)
    assert ">Karlslundsområdet</a>" in row7.split('<td class="areas">')[1]
    # an area shows once, as the area, not again as a plain place
    assert "Plats:" not in row7


def test_landskrona_2017_in_english(client: AppClient) -> None:
    page = client.get(LANDSKRONA + "?lang=en", headers=HTML).text
    assert "<dt>Area</dt>" in page and "<dt>Target group</dt>" in page
    assert ">housing area</a>" in page and ">residents</a>" in page


def test_municipality_page_lists_the_areas_its_promises_cover(client: AppClient) -> None:
    page = client.get("/id/org/kommun-1282", headers=HTML).text
    table = _section(page, "areas-within")
    for name in ("Karlslundsområdet", "Pilängskolan", "Ungdomshuset Karlslund"):
        assert f">{name}</a>" in table, name
    assert table.count('href="/id/promise/1282-2017"') >= 3
    assert "Områden inom kommunen" in page
    assert "Areas within the municipality" in client.get("/id/org/kommun-1282?lang=en", headers=HTML).text


def test_target_group_and_area_kind_have_concept_pages(client: AppClient) -> None:
    page = client.get("/vocab/target-group/boende", headers=HTML).text
    assert 'class="concept"' in page and 'href="/id/org/kommun-1282"' in page
    # the promise's own target group: the promise, not the promise again as what it goes through
    assert ">Medborgarlöfte Landskrona stad 2017</a></div>" in page
    page = client.get("/vocab/target-group/ungdomar", headers=HTML).text
    assert 'href="/id/promise/1282-2017/activity/8"' in page  # through the activity
    page = client.get("/vocab/area-kind/bostadsomrade", headers=HTML).text
    assert 'class="concept"' in page and 'href="/id/org/kommun-1282"' in page
    assert ">Karlslundsområdet</a>" in page


def test_aim_and_revision_clause(client: AppClient) -> None:
    page = client.get(XSS, headers=HTML).text
    assert 'class="aim">Syfte: Minska narkotikan ' + ESCAPED in page
    assert "Löftet kan revideras " + ESCAPED in _section(page, "revision-clause")
    page = client.get(XSS + "?lang=en", headers=HTML).text
    assert "Aim: Minska" in page and "<h2>Revision clause</h2>" in page


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (XSS, "Navestad "),
        ("/id/org/kommun-0581", "Navestad "),
        ("/vocab/area-kind/stadsdel", "Navestad "),
        (XSS + "/place/navestad", "Navestad "),
        ("/vocab/target-group/ungdomar", "Aktivitet "),  # reached through the fixture's activity
    ],
)
def test_script_in_an_area_name_is_escaped(client: AppClient, path: str, text: str) -> None:
    page = client.get(path, headers=HTML).text
    assert SCRIPT not in page
    assert text + ESCAPED in page


def test_no_scope_no_empty_headings(client: AppClient) -> None:
    """A promise that states no area, target group, aim or revision clause shows none of them."""
    page = client.get("/id/promise/0480-2023-2024", headers=HTML).text
    for marker in (
        'data-testid="promise-areas"',
        'data-testid="promise-audience"',
        'class="aim"',
        'data-testid="revision-clause"',
        "<th>Område</th>",
        "<th>Målgrupp</th>",
    ):
        assert marker not in page, marker
