"""YAML-LD reported in the steward's words (issue 21 point 1).

A hand-written promise with a misspelt key, names where IRIs belong, a misspelt list term, an
impossible date and two unfilled ``FYLL I`` gives ONE report, in one run, listing each at its
line with the YAML key the steward typed (and the RDF term beside it), with a suggestion where
one exists, in every output format; ``kg import --dry-run`` goes through the same validation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.load import load_document
from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING
from kg.iris import Minter
from kg.namespaces import SHAPES_NS

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "yaml" / "minimal-promise.yaml"

EDITS = [
    ("municipality: kg:org/kommun-0480", "municipality: Nyköping"),  # a name, read as the IRI
    ('issued: "2025-03-14"', "issued: 2025-02-30"),  # a date that does not exist, unquoted
    ("    title: Trafiksäkerhet", '    title: "FYLL I: rubriken"'),
    ("  description: Otrygghet i centrum på kvällar.", '  description: "FYLL I"'),
    ("activityType: trafikkontroll", "activityType: trafikkontrol"),  # misspelt list term
    ("responsible: [kg:org/lpo-nykoping]", "responsible: [Lokalpolisomrade Nykopng]"),  # no such name
    ("    frequency: monthly", "    frekvens: en gång i månaden"),  # misspelt key
]


def _line(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.fixture
def promise(tmp_path: Path) -> tuple[Path, dict[str, tuple[int, str]]]:
    """The faulty promise and what the report must say: rule → (line, key path)."""
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "promise.yaml"
    path.write_text(text, encoding="utf-8")
    expected = {
        "name-read": (_line(text, "municipality: Nyköping"), "municipality"),
        "date": (_line(text, "issued: 2025-02-30"), "issued"),
        "fill-title": (_line(text, "FYLL I: rubriken"), "priorities[0].title"),
        "fill-situation": (_line(text, 'description: "FYLL I"'), "situation.description"),
        "term": (_line(text, "activityType: trafikkontrol"), "activities[0].activityType"),
        "iri": (_line(text, "Nykopng"), "activities[0].responsible[0]"),
        "key": (_line(text, "frekvens:"), "activities[0].frekvens"),
    }
    return path, expected


def _run(runner: CliRunner, tmp_path: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--store", str(tmp_path / "none"), *args])
    return result.exit_code, result.output


def test_one_report_gives_every_fault_with_line_key_and_suggestion(
    runner: CliRunner, tmp_path: Path, promise: tuple[Path, dict[str, tuple[int, str]]]
) -> None:
    path, expected = promise
    code, out = _run(runner, tmp_path, "validate", str(path), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    (report,) = json.loads(out)
    by_place = {(f["line"], f["key_path"]): f for f in report["findings"]}
    for what, place in expected.items():
        assert place in by_place, (what, place, sorted(by_place, key=str))
    shape = {what: by_place[place]["source_shape"].rsplit("/", 1)[-1] for what, place in expected.items()}
    assert shape == {
        "name-read": "Authoring-nameRead",
        "date": "Literal-wellFormed",
        "fill-title": "Authoring-filledIn",
        "fill-situation": "Authoring-filledIn",
        "term": "Authoring-listTerm",
        "iri": "Authoring-iriValue",
        "key": "Authoring-knownKey",
    }
    f = {what: by_place[place] for what, place in expected.items()}
    # the key as typed, with the RDF term beside it
    assert f["term"]["key"] == "activityType"
    assert f["term"]["path"].endswith("/def/activityType")
    assert f["key"]["key"] == "frekvens" and f["key"]["path"] is None
    # suggestions where one exists, Swedish first and English beside
    assert "Menade du: frequency?" in f["key"]["message_sv"]
    assert "Did you mean: frequency?" in f["key"]["message_en"]
    assert "trafikkontroll" in f["term"]["message_sv"]
    assert "kg:org/lpo-nykoping" in f["iri"]["message_sv"] and "Did you mean" in f["iri"]["message_en"]
    assert "kg:org/kommun-0480" in f["name-read"]["message_sv"]
    assert f["name-read"]["severity"] == "info"
    # never a file:// IRI, and no second finding about what a note already reports
    assert "file:" not in out
    assert len(report["findings"]) == len(expected), [
        (x["line"], x["message_en"]) for x in report["findings"]
    ]


def test_every_format_lists_both_markers_with_their_lines(
    runner: CliRunner, tmp_path: Path, promise: tuple[Path, dict[str, tuple[int, str]]]
) -> None:
    path, expected = promise
    markers = sorted([expected["fill-title"], expected["fill-situation"]])
    code, human = _run(runner, tmp_path, "validate", str(path))
    assert code == EXIT_NOT_CONFORMING
    for line, key_path in markers:
        assert f"(rad {line})" in human and key_path in human
    code, table = _run(runner, tmp_path, "validate", str(path), "--format", "table", "--lang", "en")
    rows = [r for r in table.splitlines() if "marker" in r]
    assert len(rows) == 2
    for (line, key_path), row in zip(markers, sorted(rows, key=lambda r: int(r.split()[1])), strict=True):
        assert row.split()[1] == str(line) and key_path in row
    code, turtle = _run(runner, tmp_path, "validate", str(path), "--format", "turtle")
    g = Graph().parse(data=turtle, format="turtle")
    shape = URIRef(SHAPES_NS + "Authoring-filledIn")
    results = list(g.subjects(URIRef("http://www.w3.org/ns/shacl#sourceShape"), shape))
    lines = {g.value(r, URIRef(SHAPES_NS + "sourceLine")) for r in results}
    assert lines == {Literal(line) for line, _ in markers}


def test_import_dry_run_validates_the_same_way(
    runner: CliRunner, tmp_path: Path, promise: tuple[Path, dict[str, tuple[int, str]]]
) -> None:
    path, _ = promise
    code, out = _run(runner, tmp_path, "import", "--dry-run", "--format", "json", str(path))
    assert code == EXIT_NOT_CONFORMING, out
    (outcome,) = json.loads(out)["outcomes"]
    assert outcome["status"] == "invalid"
    assert outcome["counts"] == {"violation": 6, "warning": 0, "info": 1}


def test_names_are_read_as_the_iris_they_stand_for(tmp_path: Path) -> None:
    """Polisen and Kommunen are the document's own; a municipality's name in territory is its
    area; a list's label its term. What was read is stored, so the file imports as intended."""
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in [
        ("territory: kg:place/kommun-0480", "territory: Nyköping"),
        ("responsible: [kg:org/lpo-nykoping]", "responsible: [Polisen, Kommunen]"),
        ("frequency: monthly", "frequency: varje månad"),
        ("signedFor: kg:org/lpo-nykoping", "signedFor: Lokalpolisområde Nyköping"),
    ]:
        text = text.replace(old, new, 1)
    path = tmp_path / "names.yaml"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path, minter=Minter())
    objects = {str(getattr(q.object, "value", "")) for q in doc.quads}
    base = "https://w3id.org/medborgarlofte/"
    for iri in (
        "id/place/kommun-0480",
        "id/org/lpo-nykoping",
        "id/org/kommun-0480",
        "vocab/frequency/monthly",
    ):
        assert base + iri in objects
    assert not any(o.startswith("file:") for o in objects)
    assert {n.rule for n in doc.notes} == {"Authoring-nameRead"}
    assert len(doc.notes) == 5


def test_a_misspelt_municipality_is_a_finding_with_suggestions_not_a_refusal(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The document's identity needs its municipality, but a name that names none is reported
    at its line with the nearest municipalities, in the same report as everything else, rather
    than refusing the file as one that names no municipality."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("municipality: kg:org/kommun-0480", "municipality: Nyköpng", 1)
    text = text.replace("activityType: trafikkontroll", "activityType: trafikkontrol", 1)
    path = tmp_path / "promise.yaml"
    path.write_text(text, encoding="utf-8")
    code, out = _run(runner, tmp_path, "validate", str(path), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    (report,) = json.loads(out)
    by_key = {f["key_path"]: f for f in report["findings"]}
    f = by_key["municipality"]
    assert f["line"] == _line(text, "municipality: Nyköpng")
    assert f["source_shape"].endswith("Authoring-iriValue")
    assert "Menade du: kg:org/kommun-0480 (Nyköpings kommun)" in f["message_sv"]
    assert "activities[0].activityType" in by_key  # the rest of the file is still reported


def test_a_missing_key_is_named_as_the_key_to_add(runner: CliRunner, tmp_path: Path) -> None:
    """A finding about something the node lacks (no signatures, no follow-up plan's description)
    names the key to add under the node, at the node's line, beside the RDF term."""
    path = tmp_path / "template.yaml"
    code, out = _run(
        runner,
        tmp_path,
        "new",
        "promise",
        "--municipality",
        "Linköping",
        "--period",
        "2025-2026",
        "--out",
        str(path),
    )
    assert code == 0, out
    code, out = _run(runner, tmp_path, "validate", str(path), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    (report,) = json.loads(out)
    by_shape = {f["source_shape"].rsplit("/", 1)[-1]: f for f in report["findings"]}
    sig = by_shape["CitizenPromise-signature"]
    assert sig["key_path"] == "signatures" and sig["key"] is None
    assert sig["line"] == _line(path.read_text(encoding="utf-8"), "id: kg:promise/0580-2025-2026")
    code, human = _run(runner, tmp_path, "validate", str(path), "--lang", "en")
    assert "key:      signatures (mbl:signature)" in human


def test_a_key_written_twice_is_refused_at_its_second_line(runner: CliRunner, tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys; the first value would be lost without a word."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("\ntitle:", "\ntitle: Ett annat namn\ntitle:", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    first = _line(text, "title: Ett annat namn")
    code, out = _run(runner, tmp_path, "validate", str(path))
    assert code == EXIT_BAD_INPUT, out
    assert f"twice.yaml:{first + 1}:" in out and "“title”" in out
    assert f"(rad {first} och {first + 1})" in out and f"(lines {first} and {first + 1})" in out
    assert "Traceback" not in out


def test_a_finding_on_a_node_the_file_only_names_is_at_the_key_naming_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A police area the reference data does not describe has no name and no type: the findings
    point at the ``policeUnit:`` line that names it, not at the promise's ``id:`` line with a
    top-level key the promise does not have."""
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "policeUnit: kg:org/lpo-nykoping", "policeUnit: kg:org/lpo-xyzzy", 1
    )
    path = tmp_path / "unknown-area.yaml"
    path.write_text(text, encoding="utf-8")
    code, out = _run(runner, tmp_path, "validate", str(path), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    (report,) = json.loads(out)
    about = [f for f in report["findings"] if f["focus_node"].endswith("/org/lpo-xyzzy")]
    assert {f["source_shape"].rsplit("/", 1)[-1] for f in about} >= {"Actor-label", "Actor-type"}
    line = _line(text, "policeUnit: kg:org/lpo-xyzzy")
    assert {(f["line"], f["key_path"]) for f in about} == {(line, "policeUnit")}
