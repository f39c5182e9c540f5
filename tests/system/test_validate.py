"""``kg validate`` and the report: JSON equals the library, exit codes, renderings, batching."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from kg_child import kg_commands
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.load import load_document, load_documents
from kg.documents.parse import first_lines
from kg.errors import EXIT_BAD_INPUT, EXIT_NOT_CONFORMING, EXIT_OK, EXIT_UNAVAILABLE
from kg.ingest.importer import ImportOptions, import_paths
from kg.iris import Minter
from kg.store.core import StoreSettings, open_store
from kg.validation.validator import PREFIXES, Severity, TriplesDocument, ValidationReport, Validator

HERE = Path(__file__).resolve().parent.parent
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
    (report,) = validator.validate([doc])
    return report


# -- JSON equals the library ------------------------------------------------------------------
def test_json_output_equals_library_report(runner: CliRunner, validator: Validator, tmp_path: Path) -> None:
    bad = broken_example(tmp_path)
    code, out = kg(runner, "validate", str(bad), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    # one shape whatever the number of inputs: a list of reports
    assert json.loads(out) == [library_report(validator, bad).as_dict()]


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
    (data,) = json.loads(out)
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
    ((finding,),) = [r.findings for r in validator.validate([TriplesDocument.of(g)])]
    assert finding.source_passage == "Polisen ska göra trafikkontroller."


# -- batching ---------------------------------------------------------------------------------
def test_a_batch_equals_one_by_one(validator: Validator) -> None:
    paths = sorted(INVALID.glob("*.ttl"))
    docs = [TriplesDocument.of(Graph().parse(p, format="turtle")) for p in paths]
    batched = validator.validate(docs)
    single = [validator.validate([d])[0] for d in docs]
    assert [r.as_dict() for r in batched] == [r.as_dict() for r in single]


def _renamed(graph: Graph, old: str, new: str) -> Graph:
    out = Graph()
    for s, p, o in graph:
        out.add(tuple(URIRef(str(t).replace(old, new)) if isinstance(t, URIRef) else t for t in (s, p, o)))  # type: ignore[arg-type]
    return out


def test_documents_describing_an_actor_alike_share_a_run_and_keep_their_own_findings(
    validator: Validator,
) -> None:
    """Promises of one municipality describe its offices alike (one pySHACL run for them all);
    a promise that only names an office that another describes is still checked as if alone."""
    good = Graph().parse(HERE / "fixtures" / "shapes" / "valid" / "minimal-promise.ttl", format="turtle")
    actors = {s for s, o in good.subject_objects(RDF.type) if "/org/" in str(s)}
    assert actors, "the fixture describes an actor"
    twin = _renamed(good, "0480-2025-2026", "0480-2027-2028")  # describes the same actors alike
    naming = _renamed(good, "0480-2025-2026", "0480-2029-2030")
    for actor in actors:  # names the actors without describing them
        naming.remove((actor, None, None))
    docs = [TriplesDocument.of(g) for g in (good, twin, naming)]
    batched = validator.validate(docs)
    single = [validator.validate([d])[0] for d in docs]
    assert [r.as_dict() for r in batched] == [r.as_dict() for r in single]
    assert batched[0].findings == [] and batched[1].findings == []
    assert {f.focus_node for f in batched[2].findings} >= {str(a) for a in actors}


def test_batch_does_not_let_one_document_hide_another_documents_gap(validator: Validator) -> None:
    """Two documents describe the same local actor; only one names it. Both are checked alone."""
    good = Graph().parse(HERE / "fixtures" / "shapes" / "valid" / "minimal-promise.ttl", format="turtle")
    bad = Graph().parse(INVALID / "actor-no-label.ttl", format="turtle")
    other = _renamed(good, "0480-2025-2026", "0480-2027-2028")
    reports = validator.validate([TriplesDocument.of(other), TriplesDocument.of(bad)])
    assert reports[0].findings == []
    assert [f.source_shape for f in reports[1].findings] == [PREFIXES["mblsh"] + "Actor-label"]


def test_report_counts_blocks_and_conforms(validator: Validator) -> None:
    (report,) = validator.validate(
        [TriplesDocument.of(Graph().parse(INVALID / "promise-no-signature.ttl", format="turtle"))]
    )
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


# -- one language per report (issue 16 point 7) -------------------------------------------------
SPARQL_FIXTURES = [
    HERE / "fixtures" / "shapes" / "invalid" / "period-reversed.ttl",
    HERE / "fixtures" / "shapes" / "invalid" / "police-unit-other-area.ttl",
    HERE / "fixtures" / "shapes" / "layouts" / "promise-police-unknown.ttl",
    HERE / "fixtures" / "shapes" / "invalid" / "document-hijacks-municipality.ttl",
]
"""Findings of SPARQL-based shapes (whose messages pySHACL returns untagged) and of the rules the
validator evaluates itself."""


def message_heads(validator: Validator, shape: str) -> dict[str, str]:
    """The text before the first placeholder of a shape's message, per language."""
    node = URIRef(shape)
    holders = [node, *validator.shapes.objects(node, SH.sparql)]
    out = {}
    for h in holders:
        for m in validator.shapes.objects(h, SH.message):
            out[m.language] = str(m).split("{", 1)[0]  # type: ignore[attr-defined]
    return out


# ``kg validate`` twice in one process: the English report, then the JSON report (the command
# line's own entry point, as ``python -m kg`` calls it; a separator line after each).
TWO_REPORTS = """
import sys
from kg.cli import app
for extra in (["--lang", "en"], ["--format", "json"]):
    try:
        app(["--quiet", "validate", *sys.argv[1:], *extra], prog_name="kg")
    except SystemExit as exit:
        print("exit", exit.code)
    print("\\x00", flush=True)
"""


@pytest.fixture(scope="module")
def seeded_reports() -> list[tuple[str, str]]:
    """(the English report, the JSON report) of SPARQL_FIXTURES from ten processes, each with its
    own hash seed (set order differs between processes)."""
    files = [str(p) for p in SPARQL_FIXTURES]
    runs = []
    for seed in range(1, 11):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        result = subprocess.run(
            [sys.executable, "-c", TWO_REPORTS, *files],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        english, json_text, rest = result.stdout.split("\x00\n")
        assert english.endswith(f"exit {EXIT_NOT_CONFORMING}\n") and not rest, result.stdout
        assert json_text.endswith(f"exit {EXIT_NOT_CONFORMING}\n"), result.stdout
        runs.append((english, json_text.rsplit("exit", 1)[0]))
    return runs


def test_lang_en_gives_the_same_english_report_on_ten_runs(seeded_reports: list[tuple[str, str]]) -> None:
    outputs = {english for english, _ in seeded_reports}
    assert len(outputs) == 1, "the report differs between identical runs"
    (out,) = outputs
    assert "The period ends before it starts" in out and "does not cover the promise's municipality" in out
    for swedish in ("Perioden slutar", "Polisenheten", "Det framgår", "Dokumentet gör"):
        assert swedish not in out


def test_json_keeps_each_language_in_its_own_field(
    validator: Validator, seeded_reports: list[tuple[str, str]]
) -> None:
    outputs = {json_text for _, json_text in seeded_reports}
    assert len(outputs) == 1, "the JSON report differs between identical runs"
    findings = [f for report in json.loads(outputs.pop()) for f in report["findings"]]
    assert len(findings) == 5
    for f in findings:
        heads = message_heads(validator, f["source_shape"])
        assert f["message_sv"].startswith(heads["sv"]), f
        assert f["message_en"].startswith(heads["en"]), f
        assert f["message_sv"] != f["message_en"]


# -- a document describes only itself (issue 20 point 3) ------------------------------------------
def hijacking_promise(tmp_path: Path) -> Path:
    """The example as another promise (2027-2028) that also relabels Linköping and a concept."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("0480-2025-2026", "0480-2027-2028")
    text += (
        '\n<https://w3id.org/medborgarlofte/id/org/kommun-0580> skos:prefLabel "HIJACKED Linköping"@sv .\n'
        "<https://w3id.org/medborgarlofte/vocab/activity-type/trafikkontroll>"
        ' skos:prefLabel "HIJACKED"@sv .\n'
    )
    path = tmp_path / "hijack.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_refuses_statements_about_reference_data_and_concepts(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, out = kg(runner, "validate", str(hijacking_promise(tmp_path)), "--format", "json")
    assert code == EXIT_NOT_CONFORMING, out
    (report,) = json.loads(out)
    refused = {
        (f["focus_node"], f["severity"], f["path"])
        for f in report["findings"]
        if f["source_shape"] == PREFIXES["mblsh"] + "Document-ownSubjects"
    }
    skos_pref = "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert refused == {
        ("https://w3id.org/medborgarlofte/id/org/kommun-0580", "violation", skos_pref),
        ("https://w3id.org/medborgarlofte/vocab/activity-type/trafikkontroll", "violation", skos_pref),
    }
    assert all(f["severity"] != "violation" or f["focus_node"] != PROMISE for f in report["findings"])
    code, out = kg(runner, "validate", str(hijacking_promise(tmp_path)))
    assert "Dokumentet gör påståenden om https://w3id.org/medborgarlofte/id/org/kommun-0580" in out


def test_import_refuses_a_hijacking_document_and_leaves_the_store_unchanged(
    runner: CliRunner, validator: Validator, store_path: Path, tmp_path: Path
) -> None:
    with open_store(StoreSettings(store_path)) as store:
        summary = import_paths([EXAMPLE], store=store, minter=Minter(), validator=validator)
    assert not summary.has_invalid

    def dump() -> bytes:
        with open_store(StoreSettings(store_path, create=False)) as s:
            out = io.BytesIO()
            s.dump(out, ox.RdfFormat.N_QUADS)
        return b"\n".join(sorted(out.getvalue().splitlines()))

    before = dump()
    result = runner.invoke(
        app, ["--store", str(store_path), "--quiet", "import", str(hijacking_promise(tmp_path))]
    )
    assert result.exit_code == EXIT_NOT_CONFORMING, result.output
    assert dump() == before
    assert b"HIJACKED" not in before


# -- assumptions as findings (issue 15 point 6) ---------------------------------------------------
def test_assumption_is_an_info_naming_node_property_value_and_reason(runner: CliRunner) -> None:
    path = HERE / "fixtures" / "shapes" / "layouts" / "promise-municipality-from-steward.ttl"
    code, out = kg(runner, "validate", str(path), "--format", "json")
    assert code == EXIT_OK, out
    ((finding,),) = [r["findings"] for r in json.loads(out)]
    assert finding["severity"] == "info"
    assert finding["focus_node"] == PROMISE + "/assumption/1"
    assert finding["path"] == PREFIXES["mbl"] + "municipality"
    assert finding["value"] == "<https://w3id.org/medborgarlofte/id/org/kommun-0480>"
    assert "Medborgarlöfte Nyköpings kommun 2025-2026" in finding["message_sv"]
    assert "förvaltaren angav --municipality 0480" in finding["message_sv"]
    code, out = kg(runner, "validate", str(path), "--fail-on", "info")
    assert code == EXIT_NOT_CONFORMING, out


# -- impossible dates: a finding with the line, never a traceback (issue 16 point 6) --------------
IMPOSSIBLE_DATES = [
    ('issued: "2025-03-14"', 'issued: "2025-02-30"'),
    ('endDate: "2026-12-31"', 'endDate: "2026-13-45"'),
]


# ``kg --quiet validate FILE --lang en`` for each file, one after another in one process through the
# command line's entry point (``python -m kg`` calls it): a line with the exit code after each, on
# standard output and on standard error.
@pytest.fixture(scope="module")
def impossible_dates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str, int]]:
    """For each new value of IMPOSSIBLE_DATES: (exit code, standard output, standard error, line of
    the changed key) of ``kg validate`` on the example YAML with that value, from one child process
    (the command line as run, so that a traceback would show; one validator for both files)."""
    text = (HERE.parent / "examples" / "nykoping-2025-2026.yaml").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("impossible")
    paths, lines = [], []
    for i, (old, new) in enumerate(IMPOSSIBLE_DATES):
        assert old in text
        paths.append(folder / f"impossible-{i}.yaml")
        paths[-1].write_text(text.replace(old, new), encoding="utf-8")
        lines.append(text.splitlines().index(next(x for x in text.splitlines() if old in x)) + 1)
    done = kg_commands([(None, ["--quiet", "validate", str(p), "--lang", "en"]) for p in paths], timeout=300)
    return {new: (*done[i], lines[i]) for i, (_, new) in enumerate(IMPOSSIBLE_DATES)}


@pytest.mark.parametrize("new", [new for _, new in IMPOSSIBLE_DATES])
def test_impossible_date_in_yaml_is_a_finding_at_its_key(
    impossible_dates: dict[str, tuple[int, str, str, int]], new: str
) -> None:
    code, stdout, stderr, line = impossible_dates[new]
    assert code == EXIT_NOT_CONFORMING, stdout + stderr
    assert "Traceback" not in stdout + stderr
    value = new.split('"')[1]
    assert f'value:    "{value}"^^xsd:date' in stdout
    assert f"(line {line})" in stdout


def test_validate_files_is_import_dry_run_reported_in_full(runner: CliRunner, validator: Validator) -> None:
    """``kg validate FILES`` and ``kg import --dry-run`` run the same library call: the same
    reports, follow-ups validated with their promise, and the store never written."""
    files = [EXAMPLE, *sorted((HERE.parent / "data" / "followups").glob("*.yaml"))]
    code, out = kg(runner, "validate", *map(str, files), "--format", "json")
    assert code == EXIT_OK, out
    from_cli = json.loads(out)
    with open_store(StoreSettings(None)) as store:
        summary = import_paths(
            files, store=store, minter=Minter(), validator=validator, options=ImportOptions(dry_run=True)
        )
        assert store.count() == 0
    from_import = [o.report.as_dict() for o in summary.outcomes if o.report is not None]
    assert from_cli == from_import
    assert len(from_cli) == 3 and {r["document"] for r in from_cli} >= {PROMISE}


ID = "https://w3id.org/medborgarlofte/id/"


@pytest.mark.parametrize(
    ("subject", "refused"),
    [
        (ID + "org/kommun-0580", True),  # reference data: a municipality
        (ID + "place/lan-04", True),  # a county
        (ID + "org/lpo-linkoping", True),  # a local police area
        ("https://w3id.org/medborgarlofte/vocab/priority-area", True),  # a concept scheme
        ("https://w3id.org/medborgarlofte/def/Activity", True),  # the ontology
        ("https://w3id.org/medborgarlofte/shapes/Activity-responsible", True),  # the shapes
        (ID + "catalogue", True),
        (ID + "record/promise/0580-2023-2024", True),  # a catalogue record
        ("https://w3id.org/medborgarlofte/graph/promise/0580-2023-2024", True),  # a named graph
        (ID + "promise/0580-2023-2024", True),  # another document
        (ID + "followup/0480-2025-2026/2025-T1", True),
        (ID + "promise/0480-2025-2026-x/activity/1", True),  # a promise whose key starts like ours
        (PROMISE + "/place/brandkarr", False),  # the document's own nodes
        (ID + "org/kommun-0480/fritidsgarden", False),  # an actor the document introduces
        (ID + "agent/kg-extract", False),  # the agent of its assumptions
    ],
)
def test_a_document_describes_only_its_own_nodes(validator: Validator, subject: str, refused: bool) -> None:
    g = Graph().parse(HERE / "fixtures" / "shapes" / "valid" / "minimal-promise.ttl", format="turtle")
    g.add((URIRef(subject), URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal("x")))
    shape = PREFIXES["mblsh"] + "Document-ownSubjects"
    (report,) = validator.validate([TriplesDocument.of(g)])
    found = {f.focus_node for f in report.findings if f.source_shape == shape}
    assert found == ({subject} if refused else set())


def test_promises_describing_their_actors_alike_are_one_run(
    validator: Validator, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = Graph().parse(HERE / "fixtures" / "shapes" / "valid" / "minimal-promise.ttl", format="turtle")
    years = ("2025-2026", "2027-2028", "2029-2030")
    docs = [TriplesDocument.of(_renamed(good, "0480-2025-2026", f"0480-{y}")) for y in years]
    runs: list[int] = []
    real = Validator._shacl

    def counted(self: Validator, quads: list[ox.Quad], wanted: object = None) -> Graph:
        runs.append(len(quads))
        return real(self, quads, wanted)  # type: ignore[arg-type]

    monkeypatch.setattr(Validator, "_shacl", counted)
    assert all(r.findings == [] for r in validator.validate(docs))
    assert len(runs) == 1
