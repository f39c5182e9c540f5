"""Validation in the browser and over HTTP (issue 21 point 5), the app in process.

The page (``/_/validate``) and ``POST /api/validate`` give the report ``kg validate`` gives for the
same file: the JSON is compared for a conforming and a broken document in Turtle and YAML-LD
(the bundled example and a copy broken here); the store is the same after as before; oversized
bodies get 413; hostile values in a document reach the page escaped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from server_support import SCRIPT, AppClient, fill_store, make_app
from typer.testing import CliRunner
from validation_cases import CASES, TEXT, TYPES

from kg.cli import app as cli
from kg.store.core import OxigraphStore, StoreSettings, open_store

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[AppClient]:
    with AppClient(make_app(store, query_timeout=120.0, max_body=256 * 1024)) as c:
        yield c


@pytest.fixture(scope="module")
def cli_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """``kg validate NAME -f json|turtle|human`` of every case, run in the folder that holds it
    (so that the report names the file as the upload names it), over a store with the same data."""
    folder = tmp_path_factory.mktemp("validate")
    store_path = tmp_path_factory.mktemp("validate-store") / "store"
    with open_store(StoreSettings(store_path)) as s:
        fill_store(s)
    for name, data in CASES.items():
        (folder / name).write_bytes(data)
    (folder / "text.txt").write_bytes(TEXT.read_bytes())
    runner = CliRunner()
    out: dict[tuple[str, str], str] = {}
    here = Path.cwd()
    os.chdir(folder)
    try:
        for name in [*CASES, "text.txt"]:
            for fmt in ("json", "turtle", "human"):
                result = runner.invoke(cli, ["--store", str(store_path), "validate", name, "-f", fmt])
                assert result.exit_code in (0, 1), result.output
                out[name, fmt] = result.stdout
    finally:
        os.chdir(here)
    return out


def fingerprint(store: OxigraphStore) -> str:
    lines = sorted(str(q) for q in store.raw.quads_for_pattern(None, None, None, None))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.mark.parametrize("name", list(CASES))
def test_the_api_gives_the_report_kg_validate_gives(
    client: AppClient, cli_reports: dict[tuple[str, str], str], name: str
) -> None:
    suffix = Path(name).suffix
    r = client.post(
        "/api/validate",
        params={"filename": name},
        content=CASES[name],
        headers={"Content-Type": TYPES[suffix]},
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    expected = json.loads(cli_reports[name, "json"])
    assert r.json() == expected
    assert r.text.strip() == cli_reports[name, "json"].strip()  # byte for byte, as the CLI prints it
    assert expected[0]["conforms"] is name.startswith("good")
    if name.startswith("broken"):
        assert expected[0]["counts"]["violation"] == 2


@pytest.mark.parametrize("name", list(CASES))
def test_the_page_gives_the_report_kg_validate_gives(
    client: AppClient, cli_reports: dict[tuple[str, str], str], name: str
) -> None:
    r = client.post("/_/validate", files={"file": (name, CASES[name], "application/octet-stream")})
    assert r.status_code == 303, r.text
    page = r.headers["location"]
    assert page.startswith("/_/validate/")
    html = client.get(page, headers=HTML)
    assert html.status_code == 200
    assert 'data-testid="validation-report"' in html.text
    expected = json.loads(cli_reports[name, "json"])
    verdict = "godkänt" if expected[0]["conforms"] else "INTE godkänt"
    assert f"{name}: {verdict}" in html.text
    downloaded = client.get(page + ".json")
    assert downloaded.status_code == 200 and "attachment" in downloaded.headers["content-disposition"]
    assert downloaded.json() == expected
    turtle = client.get(page + ".ttl")
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert isomorphic(
        Graph().parse(data=turtle.text, format="turtle"),
        Graph().parse(data=cli_reports[name, "turtle"], format="turtle"),
    )
    assert client.get(page + ".txt").text.strip() == cli_reports[name, "human"].strip()


def test_the_page_shows_each_finding_with_its_line_and_fix_hint(client: AppClient) -> None:
    r = client.post("/_/validate", files={"file": ("broken.yaml", CASES["broken.yaml"], "application/yaml")})
    en = client.get(r.headers["location"], params={"lang": "en"}, headers=HTML)
    assert "broken.yaml: does NOT conform" in en.text
    assert "Summary (count per rule)" in en.text and "Findings" in en.text
    assert "(line 40)" in en.text  # the start date's line in the YAML file
    assert "Give exactly one dcat:startDate" in en.text  # the fix hint of the start-date rule
    assert "period.startDate (dcat:startDate)" in en.text  # the YAML key the steward typed
    # the misspelt frequency under the key the steward typed, with the nearest term (issue 21 point 2)
    assert "activities[0].frequency (mbl:frequency)" in en.text
    assert "Did you mean: per-termin (en gång per termin)," in en.text
    assert en.text.count('class="finding sev-violation"') == 2
    sv = client.get(r.headers["location"], headers=HTML)
    assert "(rad 40)" in sv.text and "INTE godkänt" in sv.text
    # the language switch of a report's page stays on the report
    assert f'href="{r.headers["location"]}?lang=en"' in sv.text


def test_a_pasted_document_is_recognised_by_its_content(
    client: AppClient, cli_reports: dict[tuple[str, str], str]
) -> None:
    text = CASES["broken.ttl"].decode("utf-8")
    r = client.post("/_/validate", data={"text": text, "format": ""}, files={"file": ("", b"", "")})
    assert r.status_code == 303, r.text
    got = client.get(r.headers["location"] + ".json").json()
    expected = json.loads(cli_reports["broken.ttl", "json"])
    assert got[0]["findings"] == expected[0]["findings"]
    assert got[0]["source"] == "document.ttl"


def test_a_published_text_is_extracted_first(
    client: AppClient, cli_reports: dict[tuple[str, str], str]
) -> None:
    r = client.post(
        "/api/validate",
        params={"filename": "text.txt"},
        content=TEXT.read_bytes(),
        headers={"Content-Type": "text/plain"},
    )
    assert r.status_code == 200, r.text
    assert r.json() == json.loads(cli_reports["text.txt", "json"])


FOLLOWUP = Path(__file__).resolve().parents[1] / "fixtures" / "followup" / "nykoping-2025-T3-script.ttl"


def test_a_follow_up_is_validated_with_its_promise_from_the_served_store(client: AppClient) -> None:
    data = FOLLOWUP.read_bytes()
    ok = client.post("/api/validate?filename=f.ttl", content=data)
    assert ok.status_code == 200 and ok.json()[0]["conforms"], ok.text
    wrong = data.replace(b"p:activity\\/5", b"p:activity\\/9")
    bad = client.post("/api/validate?filename=f.ttl&lang=en", content=wrong, headers={"Accept": "text/plain"})
    assert "f.ttl: does NOT conform" in bad.text and "activity/9" in bad.text
    with AppClient(make_app(open_store(StoreSettings(None)), query_timeout=120.0)) as empty:
        r = empty.post("/api/validate?filename=f.ttl", content=data)
    assert r.status_code == 400  # not 404: the API is there, the follow-up's promise is not
    assert "which is not in the store" in r.text


def test_reports_by_content_negotiation(client: AppClient, cli_reports: dict[tuple[str, str], str]) -> None:
    body, ct = CASES["broken.ttl"], {"Content-Type": "text/turtle"}
    ttl = client.post(
        "/api/validate?filename=broken.ttl", content=body, headers={**ct, "Accept": "text/turtle"}
    )
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.text, format="turtle")
    assert len(list(g.subjects(SH.conforms, None))) == 1 and len(list(g.objects(None, SH.result))) == 2
    text = client.post(
        "/api/validate?filename=broken.ttl", content=body, headers={**ct, "Accept": "text/plain"}
    )
    assert text.text.strip() == cli_reports["broken.ttl", "human"].strip()
    html = client.post("/api/validate?filename=broken.ttl&lang=en", content=body, headers={**ct, **HTML})
    assert html.status_code == 200 and "broken.ttl: does NOT conform" in html.text
    by_param = client.post("/api/validate?filename=broken.ttl&_format=ttl", content=body, headers=ct)
    assert by_param.headers["content-type"].startswith("text/turtle")
    assert (
        client.post("/api/validate", content=body, headers={**ct, "Accept": "image/png"}).status_code == 406
    )


def test_the_input_format_by_parameter_content_type_or_form(client: AppClient) -> None:
    body = CASES["broken.yaml"]
    for params, headers in [
        ({"format": "yamlld"}, {"Content-Type": "application/octet-stream"}),
        ({"format": "yaml"}, {}),
        ({"filename": "x.yaml"}, {"Content-Type": "text/plain"}),  # the file name wins over the type
        ({}, {"Content-Type": "application/x-yaml"}),
        ({}, {}),  # recognised by its @context key
    ]:
        r = client.post("/api/validate", params=params, content=body, headers=headers)
        assert r.status_code == 200, (params, headers, r.text)
        assert r.json()[0]["counts"]["violation"] == 2, (params, headers)
    form = client.post("/api/validate", files={"file": ("b.yaml", body, "application/yaml")})
    assert form.status_code == 200 and form.json()[0]["source"] == "b.yaml"


@pytest.mark.parametrize(
    ("params", "headers", "body", "status", "words"),
    [
        ({}, {"Content-Type": "text/turtle"}, b"", 400, "no document to validate"),
        ({"format": "docx"}, {}, b"x", 400, "unknown format 'docx'"),
        ({}, {"Content-Type": "image/png"}, b"x", 415, "unsupported media type 'image/png'"),
        ({"filename": "bad.ttl"}, {}, b"@prefix : <http://e/> .\n:a :b", 400, "bad.ttl"),
    ],
)
def test_refusals_say_what_is_wrong(
    client: AppClient, params: dict[str, str], headers: dict[str, str], body: bytes, status: int, words: str
) -> None:
    r = client.post("/api/validate", params=params, content=body, headers=headers)
    assert r.status_code == status, r.text
    assert words in r.text
    assert "kg-validate-" not in r.text and "/tmp" not in r.text  # never the server's own folders


def test_oversized_input_is_refused_with_413(client: AppClient) -> None:
    big = CASES["good.ttl"] + b"# " + b"x" * (300 * 1024) + b"\n"
    r = client.post("/api/validate?filename=big.ttl", content=big, headers={"Content-Type": "text/turtle"})
    assert r.status_code == 413
    assert "262144" in r.text and "--max-body" in r.text
    page = client.post("/_/validate", files={"file": ("big.ttl", big, "text/turtle")}, headers=HTML)
    assert page.status_code == 413
    assert 'data-testid="validation-error"' in page.text and 'data-testid="validate-form"' in page.text


def test_validation_never_writes_to_the_store(client: AppClient, store: OxigraphStore) -> None:
    before = fingerprint(store)
    for name, data in CASES.items():
        client.post("/api/validate", params={"filename": name}, content=data)
        client.post("/_/validate", files={"file": (name, data, "application/octet-stream")})
    # a document that is not in the store yet, validated: still not in the store afterwards
    other = CASES["good.ttl"].replace(b"2025-2026", b"2031-2032")
    assert client.post("/api/validate?filename=o.ttl", content=other).json()[0]["conforms"]
    assert fingerprint(store) == before


def test_hostile_values_reach_the_page_escaped(client: AppClient) -> None:
    text = CASES["good.ttl"].decode("utf-8")
    text = text.replace('"2025-01-01"^^xsd:date', f'"{SCRIPT}"^^xsd:date', 1)
    text = text.replace("freq:per-termin", "<javascript:alert(2)>", 1)
    r = client.post("/_/validate", files={"file": (f"{SCRIPT}.ttl", text.encode(), "text/turtle")})
    assert r.status_code == 303, r.text
    page = client.get(r.headers["location"], headers=HTML)
    assert page.status_code == 200
    assert SCRIPT not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert 'href="javascript:' not in page.text and "<javascript:" not in page.text
    # a document that does not parse comes back in the form, escaped, with the parser's message
    bad = f"@prefix : <http://e/> .\n:a :b {SCRIPT} ."
    again = client.post("/_/validate", data={"text": bad, "format": "turtle"}, headers=HTML)
    assert again.status_code == 400
    assert SCRIPT not in again.text and "&lt;script&gt;" in again.text


def test_unknown_report_tokens_are_404(client: AppClient) -> None:
    r = client.get("/_/validate/nothing-here", headers=HTML)
    assert r.status_code == 404 and "validate the document again" in r.text


def test_the_page_is_linked_and_the_api_is_in_the_openapi(client: AppClient) -> None:
    home = client.get("/", headers=HTML)
    assert 'href="/_/validate"' in home.text
    form = client.get("/_/validate?lang=en", headers=HTML)
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text
    spec = client.get("/api/openapi.json").json()
    op = spec["paths"]["/api/validate"]["post"]
    assert set(op["responses"]["200"]["content"]) == {
        "application/json",
        "text/turtle",
        "text/html",
        "text/plain",
    }
    assert {"413", "503"} <= set(op["responses"])
    assert "multipart/form-data" in op["requestBody"]["content"]
