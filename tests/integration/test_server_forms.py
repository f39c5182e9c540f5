"""Query forms with choices and result tables that sort, over HTTP against the app (issue 22
point 6): a county or concept parameter is a drop-down of the store's values (the municipalities
an autocomplete list), the OpenAPI lists the same values, and ``?_sort=&_dir=`` sorts the table
without JavaScript."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_support import REPO, SCRIPT, AppClient, make_app

from kg.store.core import OxigraphStore

PAGE = "/_/queries/"


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store, queries_folder=REPO / "queries")) as c:
        yield c


def _select(page: str, name: str) -> list[tuple[str, str, bool]]:
    """The options (value, label, selected) of the form's drop-down for parameter ``name``."""
    m = re.search(rf'<select id="p-{name}" name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert m, f"no drop-down for {name}"
    return [
        (html.unescape(v), html.unescape(label), bool(sel))
        for v, sel, label in re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', m.group(1))
    ]


def test_county_is_a_drop_down_of_the_counties_in_the_pages_language(client: AppClient) -> None:
    sv = client.get(PAGE + "priority-areas-ranked").text
    options = _select(sv, "county")
    assert options[0] == ("", "–", False)  # optional: the whole country
    counties = options[1:]
    assert len(counties) == 21
    assert ("04", "Södermanlands län", False) in counties
    en = _select(client.get(PAGE + "priority-areas-ranked?lang=en").text, "county")
    assert ("04", "Södermanland County", False) in en
    assert [v for v, _, _ in en] == [v for v, _, _ in options] or {v for v, _, _ in en} == {
        v for v, _, _ in options
    }


def test_the_value_typed_is_the_option_selected(client: AppClient) -> None:
    for typed in ("Södermanland", "04", "kg:place/lan-04"):
        page = client.get(PAGE + "priority-areas-ranked", params={"county": typed}).text
        assert [v for v, _, sel in _select(page, "county") if sel] == ["04"], typed
    # a value that names no county stays in the form, selected, and running it says why
    page = client.get(PAGE + "priority-areas-ranked", params={"county": "Atlantis", "run": "1"})
    assert page.status_code == 400
    assert [v for v, _, sel in _select(page.text, "county") if sel] == ["Atlantis"]
    assert "okänt län / unknown county: 'Atlantis'" in html.unescape(page.text)


def test_a_concept_parameter_lists_its_vocabulary(client: AppClient) -> None:
    page = client.get(PAGE + "municipalities-with-activity-type").text
    options = _select(page, "activityType")
    assert ("narkotikasok-med-hund", "narkotikasök med hund", False) in [
        (v, label.lower(), s) for v, label, s in options
    ]
    assert options[0][0] == ""  # required: a "choose" entry that the browser will not submit
    assert re.search(r'<select id="p-activityType" name="activityType"[^>]* required', page)


def test_the_kind_of_place_is_an_optional_drop_down_of_the_area_kinds(client: AppClient) -> None:
    page = client.get(PAGE + "municipalities-with-activity-type").text
    options = _select(page, "placeKind")
    assert options[0] == ("", "–", False)  # optional: every kind of place
    assert ("skola", "skola", False) in options[1:]
    r = client.get(
        "/api/queries/municipalities-with-activity-type.json",
        params={"activityType": "narkotikasok-med-hund", "placeKind": "skola"},
    )
    assert r.status_code == 200, r.text


def test_municipalities_are_an_autocomplete_list_of_290(client: AppClient) -> None:
    page = client.get(PAGE + "followup-fulfilment").text
    assert re.search(r'<input id="p-municipality" name="municipality"[^>]*list="choices-municipality"', page)
    listed = re.search(r'<datalist id="choices-municipality">(.*?)</datalist>', page, re.S)
    assert listed
    values = re.findall(r'<option value="([^"]*)">([^<]*)</option>', listed.group(1))
    assert len(values) == 290
    assert ("Nyköping", "Nyköpings kommun") in values
    # every label is escaped (the fixture's reference data gives Norrköping a second, hostile name)
    assert "Norrköpings kommun &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert SCRIPT not in page


def test_every_offered_value_runs(client: AppClient) -> None:
    """What the form offers is what the binder takes: each county runs (200, not 400)."""
    for value, _, _ in _select(client.get(PAGE + "priority-areas-ranked").text, "county")[1:]:
        r = client.get("/api/queries/priority-areas-ranked.json", params={"county": value})
        assert r.status_code == 200, (value, r.text)


def test_openapi_lists_the_forms_values(client: AppClient) -> None:
    doc = client.get("/api/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/api/queries/priority-areas-ranked"]["get"]["parameters"]}
    schema = params["county"]["schema"]
    form = [v for v, _, _ in _select(client.get(PAGE + "priority-areas-ranked").text, "county")[1:]]
    assert schema["enum"] == form
    assert schema["example"] in form
    labels = {c["value"]: c["label"] for c in schema["x-kg-choices"]}
    assert labels["04"] == {"sv": "Södermanlands län", "en": "Södermanland County"}
    muni = {p["name"]: p for p in doc["paths"]["/api/queries/followup-fulfilment"]["get"]["parameters"]}[
        "municipality"
    ]["schema"]
    assert "enum" not in muni  # 290 names: the choices, not a closed list
    assert len(muni["x-kg-choices"]) == 290


def _column(page: str, index: int) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    assert body
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    cells = [re.findall(r"<td>(.*?)</td>", r, re.S)[index] for r in rows]
    return [html.unescape(re.sub(r"<small.*?</small>|<[^>]+>", "", c)) for c in cells]


def test_a_column_sorts_without_javascript(client: AppClient) -> None:
    url = PAGE + "priority-areas-ranked"
    base = {"run": "1", "includeExamples": "true"}
    plain = client.get(url, params=base).text
    # the headings link to the same run sorted by them, parameters kept
    links = dict(re.findall(r'<a href="([^"]+)" class="sort" title="[^"]*">([^<]+)</a>', plain))
    by_name = {v: html.unescape(k) for k, v in links.items()}
    assert "_sort=priorityAreaLabel&_dir=asc" in by_name["priorityAreaLabel"]
    assert "includeExamples=true" in by_name["priorityAreaLabel"]
    asc = client.get(by_name["priorityAreaLabel"]).text
    labels = _column(asc, 1)
    assert labels == sorted(labels, key=str.casefold) and len(labels) >= 3
    assert 'aria-sort="ascending"' in asc
    # sorted ascending, the heading's link now sorts descending
    desc = client.get(url, params={**base, "_sort": "priorityAreaLabel", "_dir": "desc"}).text
    assert _column(desc, 1) == list(reversed(labels))
    # numbers sort by value
    counts = [int(x) for x in _column(client.get(url, params={**base, "_sort": "promises"}).text, 3)]
    assert counts == sorted(counts)


def test_a_bad_sort_is_a_clear_400(client: AppClient) -> None:
    r = client.get(PAGE + "priority-areas-ranked", params={"run": "1", "_sort": SCRIPT})
    assert r.status_code == 400
    assert SCRIPT not in r.text and "priorityAreaLabel" in r.text
    r = client.get(PAGE + "priority-areas-ranked", params={"run": "1", "_dir": "up"})
    assert r.status_code == 400 and "asc" in r.text


def test_the_sparql_editor_table_sorts_too(client: AppClient) -> None:
    q = "SELECT ?n WHERE { VALUES ?n { 3 10 2 } }"
    page = client.get("/_/sparql", params={"query": q, "_sort": "n", "_dir": "desc"}).text
    assert _column(page, 0) == ["10", "3", "2"]


# -- the SPARQL editor ----------------------------------------------------------------------------


def test_the_editor_page_configures_yasgui_from_this_server(
    client: AppClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With YASGUI's files in place the page loads them from here, hands it the endpoint path and
    the project's prefixes (kg: for minted IRIs included) as JSON that no query text can break
    out of, and keeps the plain form for browsers without JavaScript."""
    from kg.namespaces import PREFIXES
    from kg.server import editor

    vendor = tmp_path / "yasgui"
    vendor.mkdir()
    for name in editor.FILES:
        (vendor / name).write_text("/* stand-in */", encoding="utf-8")
    monkeypatch.setattr(editor, "VENDOR", vendor)
    r = client.get("/_/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } # </script>" + SCRIPT})
    page = r.text
    assert '<script src="/_/static/vendor/yasgui/yasgui.min.js" defer></script>' in page
    assert "style-src 'self' 'unsafe-inline'" in r.headers["content-security-policy"]
    assert "script-src 'self';" in r.headers["content-security-policy"]
    m = re.search(r'<script type="application/json" id="yasgui-config">(.*?)</script>', page, re.S)
    assert m, "no YASGUI configuration"
    config = json.loads(m.group(1))
    assert config["endpoint"] == "/sparql"
    assert config["prefixes"]["kg"] == "https://w3id.org/medborgarlofte/id/"
    assert all(config["prefixes"][p] == iri for p, iri in PREFIXES.items())
    assert config["query"].endswith(SCRIPT)  # the text as typed, escaped inside the JSON
    assert page.count("</script>") == page.count("<script")
    assert '<textarea name="query"' in page  # the form without JavaScript


def test_without_yasgui_the_editor_is_the_text_box_with_a_note(
    client: AppClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from kg.server import editor

    monkeypatch.setattr(editor, "VENDOR", tmp_path / "absent")
    r = client.get("/_/sparql")
    assert "yasgui" not in r.text.split("<main>")[0]
    assert 'data-testid="editor-note"' in r.text and "make assets" in r.text
    assert "style-src 'self';" in r.headers["content-security-policy"]  # the strict policy
    assert '<textarea name="query"' in r.text


def test_the_editor_follows_a_proxy_prefix(store: OxigraphStore) -> None:
    with AppClient(make_app(store, base_url="https://data.example.org/medborgarlofte/")) as c:
        page = c.get("/_/sparql").text
    m = re.search(r'id="yasgui-config">(.*?)</script>', page, re.S)
    if m is None:
        pytest.skip("YASGUI is not installed (make assets)")
    assert json.loads(m.group(1))["endpoint"] == "/medborgarlofte/sparql"
    assert 'src="/medborgarlofte/_/static/vendor/yasgui/yasgui.min.js"' in page


def test_the_api_documentation_offers_the_same_lists(client: AppClient) -> None:
    """/api/docs has a form per query: their place and concept parameters share one
    autocomplete list per kind, with the values the query pages offer."""
    page = client.get("/api/docs").text
    assert page.count('<datalist id="list-county">') == 1
    assert re.search(r'id="priority-areas-ranked-county" name="county"[^>]* list="list-county"', page)
    listed = re.search(r'<datalist id="list-county">(.*?)</datalist>', page, re.S)
    assert listed
    values = re.findall(r'<option value="([^"]*)">', listed.group(1))
    form = [v for v, _, _ in _select(client.get(PAGE + "priority-areas-ranked").text, "county")[1:]]
    assert values == form
    assert '<datalist id="list-activity-type">' in page and '<datalist id="list-municipality">' in page
    assert SCRIPT not in page
