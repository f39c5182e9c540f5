"""``kg validate`` and the report: JSON equals the library, exit codes, renderings, batching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.load import load_document, load_documents
from kg.documents.parse import first_lines
from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING, EXIT_OK, EXIT_UNAVAILABLE
from kg.ingest.importer import import_paths
from kg.iris import Minter
from kg.store.core import StoreSettings, open_store
from kg.validation.validator import PREFIXES, Severity, ValidationReport, Validator

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "nykoping-2025-2026.ttl"
INVALID = HERE / "fixtures" / "shapes" / "invalid"
PROMISE = "https://w3id.org/medborgarlofte/id/promise/0480-2025-2026"


@pytest.fixture(scope="session")
def validator() -> Validator:
    return Validator()


def kg(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--quiet", *args])
    return result.exit_code, result.output


def broken_example(tmp_path: Path) -> Path:
    """The example with a gYear end date, a misspelt activity type and an unnamed partner."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('dcat:endDate "2026-12-31"^^xsd:date', 'dcat:endDate "2026"^^xsd:gYear')
    text = text.replace("at:trafikkontroll", "at:trafikkontrol")
    text = text.replace('    skos:prefLabel "Nattvandrarna i Nyköping"@sv ;\n', "")
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def library_report(validator: Validator, path: Path) -> ValidationReport:
    doc = load_document(path, minter=Minter())
    return validator.validate(doc.graph, source=doc)


# -- JSON equals the library ------------------------------------------------------------------
def test_json_output_equals_library_report(runner: CliRunner, validator: Validator, tmp_path: Path) -> None:
    bad = broken_example(tmp_path)
    code, out = kg(runner, "validate", str(bad), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    assert json.loads(out) == library_report(validator, bad).as_dict()


def test_json_of_several_files_is_a_list_of_reports(
    runner: CliRunner, validator: Validator, tmp_path: Path
) -> None:
    bad = broken_example(tmp_path)
    code, out = kg(runner, "validate", str(EXAMPLE), str(bad), "--format", "json")
    assert code == EXIT_NOT_CONFORMING
    assert json.loads(out) == [library_report(validator, p).as_dict() for p in (EXAMPLE, bad)]


# -- exit codes -------------------------------------------------------------------------------
def test_exit_0_when_the_document_conforms(runner: CliRunner) -> None:
    code, out = kg(runner, "validate", str(EXAMPLE))
    assert code == EXIT_OK, out
    assert "godkänt (0 fel, 0 varningar, 0 upplysningar)" in out


def test_exit_1_on_a_violation(runner: CliRunner, tmp_path: Path) -> None:
    code, out = kg(runner, "validate", str(broken_example(tmp_path)))
    assert code == EXIT_NOT_CONFORMING, out


@pytest.mark.parametrize(
    ("fixture", "fail_on", "exit_code"),
    [
        ("promise-no-signature.ttl", "violation", EXIT_OK),
        ("promise-no-signature.ttl", "warning", EXIT_NOT_CONFORMING),
        ("promise-no-situation.ttl", "warning", EXIT_OK),
        ("promise-no-situation.ttl", "info", EXIT_NOT_CONFORMING),
    ],
)
def test_fail_on_chooses_the_blocking_severity(
    runner: CliRunner, fixture: str, fail_on: str, exit_code: int
) -> None:
    code, out = kg(runner, "validate", str(INVALID / fixture), "--fail-on", fail_on)
    assert code == exit_code, out


def test_exit_2_on_unreadable_input(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "malformed.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b "open .\n', encoding="utf-8")
    code, out = kg(runner, "validate", str(bad))
    assert code == EXIT_BAD_INPUT, out
    assert "malformed.ttl:2" in out and "Traceback" not in out
    code, out = kg(runner, "validate", str(tmp_path / "missing.ttl"))
    assert code == EXIT_BAD_INPUT, out


def test_exit_2_without_anything_to_validate(runner: CliRunner) -> None:
    code, out = kg(runner, "validate")
    assert code == EXIT_BAD_INPUT, out


def test_exit_3_when_the_store_is_unavailable(runner: CliRunner, tmp_path: Path) -> None:
    code, out = kg(runner, "--store", str(tmp_path / "none"), "validate", "--all")
    assert code == EXIT_UNAVAILABLE, out


def test_stored_documents_by_id_and_all(runner: CliRunner, validator: Validator, store_path: Path) -> None:
    with open_store(StoreSettings(store_path)) as store:
        summary = import_paths([EXAMPLE], store=store, minter=Minter(), validator=validator)
    assert not summary.has_invalid and not summary.has_errors
    code, out = kg(runner, "--store", str(store_path), "validate", "--document", "promise/0480-2025-2026")
    assert code == EXIT_OK, out
    code, out = kg(runner, "--store", str(store_path), "validate", "--all", "--format", "json")
    assert code == EXIT_OK, out
    data = json.loads(out)
    assert data["document"] == PROMISE and data["findings"] == []
    code, out = kg(runner, "--store", str(store_path), "validate", "--document", "promise/9999-2025-2026")
    assert code == EXIT_BAD_INPUT, out


# -- what a steward reads ---------------------------------------------------------------------
def test_human_report_groups_then_lists_with_labels_lines_and_values(
    runner: CliRunner, tmp_path: Path
) -> None:
    bad = broken_example(tmp_path)
    lines = first_lines(bad.read_text(encoding="utf-8"))
    code, out = kg(runner, "validate", str(bad))
    assert code == EXIT_NOT_CONFORMING
    summary, findings = out.split("Fynd:")
    assert "Sammanfattning (antal per regel):" in summary
    assert "1 × fel        mblsh:Period-end [dcat:endDate]: Perioden saknar ett giltigt slutdatum." in summary
    period_line = lines[PROMISE + "/period"]
    assert f"FEL: Giltighetsperiod (promise/0480-2025-2026/period) (rad {period_line})" in findings
    assert 'värde:    "2026"^^xsd:gYear' in findings
    assert "Aktivitet 5: “Polisen ska göra riktade trafikkontroller" in findings
    activity_line = lines[PROMISE + "/activity/5"]
    assert (
        "FEL: activity-type/trafikkontrol (aktivitetstyp i Aktivitet 5: “Polisen ska göra riktade" in findings
    )
    assert f"A-traktor…”) (rad {activity_line})" in findings
    assert "FEL: Organisation (org/kommun-0480/nattvandrarna)" in findings


def test_lang_en_gives_english_messages(runner: CliRunner, tmp_path: Path) -> None:
    code, out = kg(runner, "validate", str(broken_example(tmp_path)), "--lang", "en")
    assert code == EXIT_NOT_CONFORMING
    assert "Summary (count per rule):" in out
    assert "The period has no valid end date." in out
    assert "Perioden" not in out


def test_table_format(runner: CliRunner, tmp_path: Path) -> None:
    code, out = kg(runner, "validate", str(broken_example(tmp_path)), "--format", "table", "--lang", "en")
    assert code == EXIT_NOT_CONFORMING
    header = out.splitlines()[1]
    assert header.split() == ["severity", "line", "focus", "path", "value", "message"]
    assert "dcat:endDate" in out


def test_turtle_format_is_a_standard_validation_report(
    runner: CliRunner, validator: Validator, tmp_path: Path
) -> None:
    bad = broken_example(tmp_path)
    code, out = kg(runner, "validate", str(bad), "--format", "turtle")
    assert code == EXIT_NOT_CONFORMING
    g = Graph().parse(data=out, format="turtle")
    (report,) = list(g.subjects(RDF.type, SH.ValidationReport))
    results = list(g.objects(report, SH.result))
    expected = library_report(validator, bad)
    assert len(results) == len(expected.findings) > 0
    shapes = {str(g.value(r, SH.sourceShape)) for r in results}
    assert shapes == {f.source_shape for f in expected.findings}


def test_findings_point_at_the_line_where_the_focus_node_is_described(
    validator: Validator, tmp_path: Path
) -> None:
    bad = broken_example(tmp_path)
    lines = first_lines(bad.read_text(encoding="utf-8"))
    report = library_report(validator, bad)
    by_focus = {f.focus_node: f.line for f in report.findings}
    assert by_focus[PROMISE + "/period"] == lines[PROMISE + "/period"]
    # a misspelt concept is not described in the file: the line is that of the activity using it
    concept = "https://w3id.org/medborgarlofte/vocab/activity-type/trafikkontrol"
    assert by_focus[concept] == lines[PROMISE + "/activity/5"]


def test_source_passage_from_a_web_annotation(validator: Validator) -> None:
    g = Graph().parse(INVALID / "activity-no-responsible.ttl", format="turtle")
    g.parse(
        data=f"""
        @prefix oa: <http://www.w3.org/ns/oa#> .
        <{PROMISE}/annotation/1> oa:hasBody <{PROMISE}/activity/1> ;
            oa:hasTarget [ oa:hasSelector [ a oa:TextQuoteSelector ;
                oa:exact "Polisen ska göra trafikkontroller." ] ] .
        """,
        format="turtle",
    )
    (finding,) = validator.validate(g).findings
    assert finding.source_passage == "Polisen ska göra trafikkontroller."


# -- batching ---------------------------------------------------------------------------------
def test_validate_many_equals_one_by_one(validator: Validator) -> None:
    paths = sorted(INVALID.glob("*.ttl"))[:12]
    graphs = [Graph().parse(p, format="turtle") for p in paths]
    batched = validator.validate_many(graphs)
    single = [validator.validate(g) for g in graphs]
    assert [r.as_dict() for r in batched] == [r.as_dict() for r in single]


def test_batch_does_not_let_one_document_hide_another_documents_gap(validator: Validator) -> None:
    """Two documents describe the same local actor; only one names it. Both are checked alone."""
    good = Graph().parse(HERE / "fixtures" / "shapes" / "valid" / "minimal-promise.ttl", format="turtle")
    bad = Graph().parse(INVALID / "actor-no-label.ttl", format="turtle")
    other = Graph()
    old = "0480-2025-2026"
    for s, p, o in good:
        other.add(
            tuple(
                URIRef(str(t).replace(old, "0480-2027-2028")) if isinstance(t, URIRef) else t
                for t in (s, p, o)
            )
        )  # type: ignore[arg-type]
    reports = validator.validate_many([other, bad])
    assert reports[0].findings == []
    assert [f.source_shape for f in reports[1].findings] == [PREFIXES["mblsh"] + "Actor-label"]


def test_report_counts_blocks_and_conforms(validator: Validator) -> None:
    report = validator.validate(Graph().parse(INVALID / "promise-no-signature.ttl", format="turtle"))
    assert report.counts() == {"violation": 0, "warning": 1, "info": 0}
    assert report.conforms and not report.blocks(Severity.violation) and report.blocks(Severity.warning)
    assert report.as_dict()["conforms"] is True


def test_trig_file_with_several_documents(runner: CliRunner, tmp_path: Path) -> None:
    docs = load_documents(EXAMPLE, minter=Minter())
    trig = tmp_path / "two.trig"
    text = docs[0].graph.serialize(format="nt")
    other = text.replace("0480-2025-2026", "0480-2027-2028")
    trig.write_text(
        f"<urn:g1> {{\n{text}\n}}\n<urn:g2> {{\n{other}\n}}\n",
        encoding="utf-8",
    )
    code, out = kg(runner, "validate", str(trig), "--format", "json")
    assert code == EXIT_OK, out
    assert sorted(r["document"] for r in json.loads(out)) == [
        PROMISE,
        PROMISE.replace("2025-2026", "2027-2028"),
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_docs_show_the_real_report(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """docs/validation.md quotes `kg validate` on the broken example verbatim."""
    repo = HERE.parent
    text = (repo / "docs" / "validation.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- report:{lang} -->\n```\n", 1)[1].split("\n```\n<!-- /report", 1)[0]
    monkeypatch.chdir(repo)
    code, out = kg(runner, "validate", "tests/fixtures/validation/nykoping-broken.ttl", "--lang", lang)
    assert code == EXIT_NOT_CONFORMING
    assert out.rstrip("\n") == block
