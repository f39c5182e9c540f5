"""``kg extract``: golden results for the five seeds and the team's own fixtures, shapes
conformance, provenance, the YAML-LD round trip, PDF and HTML input, the lexicon in the
vocabularies, and honest failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.parse import detect_format, parse_quads
from kg.errors import EXIT_BAD_INPUT, ExtractionError
from kg.extract import extract_file, extract_text, read_source
from kg.extract.lexicon import build_lexicon, default_lexicon
from kg.extract.summary import summarise
from kg.extract.text import BlockKind, normalise, segment
from kg.extract.yamlld import to_yamlld
from kg.terms import graph_of


def parse_file(path: Path) -> Graph:
    """All triples of an RDF file (in any format kg reads) as one rdflib Graph."""
    return graph_of(parse_quads(path.read_bytes(), detect_format(path), str(path)).merged())


REPO = Path(__file__).resolve().parent.parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "extract"
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
MBL = Namespace("https://w3id.org/medborgarlofte/def/")
FREQ = "https://w3id.org/medborgarlofte/vocab/frequency/"

SEED_OPTIONS = {"003_d3222688a511906b.txt": {"municipality": "1280"}}


def _source(golden: dict[str, Any]) -> Path:
    root, _, name = str(golden["source"]).partition("/")
    return (SEEDS if root == "seeds" else FIXTURES) / name


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is absent: the seed texts live in ../shared/seeds, outside the repository")


GOLDENS = sorted(GOLDEN.glob("*.yaml"))


def test_there_are_goldens_for_five_seeds_and_ten_fixtures() -> None:
    sources = [yaml.safe_load(p.read_text(encoding="utf-8"))["source"] for p in GOLDENS]
    assert len({s for s in sources if s.startswith("seeds/")}) == 5
    assert len({s for s in sources if s.startswith("fixtures/")}) >= 10


@pytest.mark.parametrize("golden_path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_extraction_matches_golden(golden_path: Path) -> None:
    golden = yaml.safe_load(golden_path.read_text(encoding="utf-8"))
    path = _source(golden)
    _need(path)
    options = golden.get("options") or {}
    if "error" in golden:
        with pytest.raises(ExtractionError) as info:
            extract_file(path, **options)
        assert golden["error"] in str(info.value)
        return
    got = summarise(extract_file(path, **options).analysis)
    expected = golden["expected"]
    # field by field, so a failure says which part of the hand-checked result moved
    for key in ("municipality", "police_area", "period", "priority_areas", "followup", "signatories"):
        assert got[key] == expected[key], key
    assert len(got["activities"]) == len(expected["activities"])
    for n, (g, e) in enumerate(zip(got["activities"], expected["activities"], strict=True), start=1):
        assert g == e, f"activity {n}"


SEED_FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(
    not SEED_FILES, reason="../shared/seeds is absent: the seed texts are not in the repository"
)
@pytest.mark.parametrize("seed", SEED_FILES, ids=[p.stem for p in SEED_FILES])
def test_seed_extractions_conform_to_the_shapes(seed: Path) -> None:
    from kg.validation.validator import TriplesDocument, default_validator

    result = extract_file(seed, **SEED_OPTIONS.get(seed.name, {}))
    (report,) = default_validator().validate([TriplesDocument.of(result.graph)])
    assert report.conforms, [f.message_en for f in report.findings]


def test_seed_003_asks_for_the_municipality() -> None:
    seed = SEEDS / "003_d3222688a511906b.txt"
    _need(seed)
    with pytest.raises(ExtractionError) as info:
        extract_file(seed)
    assert "--municipality" in str(info.value) and "namnger ingen kommun" in str(info.value)


# -- provenance ---------------------------------------------------------------------------------


def test_every_activity_points_at_its_passage() -> None:
    result = extract_file(FIXTURES / "f01_numbered.txt")
    g = result.graph
    activities = list(g.objects(result.iri, MBL.activity))
    assert len(activities) == 4
    source = URIRef(f"{result.iri}/source")
    assert (source, RDF.type, MBL.SourceDocument) in g
    for act in activities:
        passage = g.value(act, PROV.wasDerivedFrom)
        assert g.value(passage, OA.hasSource) == source
        selectors = {g.value(s, RDF.type): s for s in g.objects(passage, OA.hasSelector)}
        quote = g.value(selectors[OA.TextQuoteSelector], OA.exact)
        pos = selectors[OA.TextPositionSelector]
        start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))  # type: ignore[arg-type]
        assert result.text[start:end] == str(quote)
        assert str(g.value(act, URIRef("http://purl.org/dc/terms/description")))[:20] in str(quote)


def test_explain_prints_items_beside_their_source_lines() -> None:
    text = extract_file(FIXTURES / "f01_numbered.txt").explain()
    assert "Aktivitet / activity 2" in text
    assert "minst en gång i månaden" in text
    assert "monthly" in text
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("Aktivitet / activity 2"))
    assert "2. Polisen ska genomföra riktade insatser" in lines[i + 1]


# -- formats -----------------------------------------------------------------------------------


def test_yaml_draft_reimports_to_the_same_graph(tmp_path: Path) -> None:
    result = extract_file(FIXTURES / "f04_actor_sections.md")
    draft = tmp_path / "draft.yaml"
    draft.write_text(to_yamlld(result.graph, header="test"), encoding="utf-8")
    assert isomorphic(parse_file(draft), result.graph)


def test_pdf_made_from_a_fixture_extracts_like_the_text(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev extra) makes the test PDF")
    text = (FIXTURES / "f01_numbered.txt").read_text(encoding="utf-8")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in text.translate(str.maketrans({"—": "-"})).splitlines():
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(6)
    path = tmp_path / "f01.pdf"
    pdf.output(str(path))
    got = summarise(extract_file(path).analysis)
    expected = yaml.safe_load((GOLDEN / "f01-numbered.yaml").read_text(encoding="utf-8"))["expected"]
    assert got["municipality"] == expected["municipality"]
    assert (got["period"]["start"], got["period"]["end"]) == (
        expected["period"]["start"],
        expected["period"]["end"],
    )
    assert got["activities"] == expected["activities"]
    assert got["signatories"] == expected["signatories"]


def test_a_file_that_is_not_a_pdf_is_an_extraction_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(ExtractionError):
        extract_file(path)


def test_html_drops_scripts_and_page_chrome() -> None:
    text = read_source(FIXTURES / "f09_areas.html")
    assert "Polisen ska inte synas" not in text
    assert "Cookies" not in text
    assert "## Det här ska vi göra" in text
    assert "1. Polisen och Västerås stad" in text


# -- the lexicon lives in the vocabularies --------------------------------------------------------


def test_a_synonym_added_to_a_vocabulary_is_extracted_without_code_change() -> None:
    text = (
        "Medborgarlöfte Nora kommun 2025\n\nDet här ska vi göra\n\n"
        "- Polisen ska göra trafikkontroller var sjätte vecka.\n"
    )
    plain = extract_text(text, source_name="t.txt")
    # the interval rule reads the rate (8.7 a year), which no concept has
    found = plain.activities[0].frequency
    assert found is not None and found.concept is None and found.phrase == "var sjätte vecka"
    vocab = Graph()
    from kg import resources

    for path in resources.vocabulary_files():
        vocab.parse(path)
    vocab.add((URIRef(FREQ + "bimonthly"), URIRef("http://www.w3.org/2004/02/skos/core#altLabel"),
               Literal("var sjätte vecka", lang="sv")))  # fmt: skip
    reference = Graph().parse(resources.reference_file())
    richer = extract_text(text, source_name="t.txt", lexicon=build_lexicon(vocab, reference))
    freq = richer.activities[0].frequency
    assert freq is not None and freq.concept == FREQ + "bimonthly" and freq.phrase == "var sjätte vecka"


def test_municipality_forms_come_from_the_reference_graph() -> None:
    lexicon = default_lexicon()
    for form, code in [("Linköpings kommun", "0580"), ("Landskrona stad", "1282"), ("Salems kommun", "0128"),
                       ("Malmö stad", "1280"), ("1280", "1280"), ("Region Gotland", "0980")]:  # fmt: skip
        info = lexicon.resolve_municipality(form)
        assert info is not None and info.code == code, form


# -- honest failure ------------------------------------------------------------------------------


def test_an_unknown_municipality_option_is_an_error() -> None:
    with pytest.raises(ExtractionError, match="Okänd kommun"):
        extract_file(FIXTURES / "f06_wrapped_lines.txt", municipality="Atlantis")


def test_an_empty_text_is_an_error() -> None:
    with pytest.raises(ExtractionError):
        extract_text("  \n\n", source_name="empty.txt")


# -- text segmentation ---------------------------------------------------------------------------


def test_segmentation_removes_noise_and_joins_wrapped_bullets() -> None:
    text = normalise(
        "Sök\n\n## Det här ska vi göra\n\n- Polisen ska göra trafik-\nkontroller vid skolan\n\n"
        "12\n\nvarje vecka.\n- Kommunen ska städa.\nAnsvarig: kommunen\n"
    )
    blocks = segment(text)
    assert [b.kind for b in blocks] == [BlockKind.heading, BlockKind.bullet, BlockKind.bullet]
    assert blocks[1].text == "Polisen ska göra trafikkontroller vid skolan varje vecka."
    assert blocks[2].text == "Kommunen ska städa. Ansvarig: kommunen"
    p = blocks[1].span(0, len(blocks[1].text))
    assert text[p.start : p.end].startswith("Polisen ska") and text[p.start : p.end].endswith("vecka.")


def test_repeated_paragraphs_are_marked() -> None:
    para = "Polisen och kommunen lovar att arbeta tillsammans för en tryggare stadsdel för alla som bor här."
    blocks = segment(normalise(f"{para}\n\n{para}\n"))
    assert [b.duplicate for b in blocks] == [False, True]


# -- the command -------------------------------------------------------------------------------


def test_cli_extract_writes_a_yaml_draft(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(app, ["extract", str(FIXTURES / "f02_bullets_tags.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8")
    assert body.startswith("# Utkast")
    assert "https://w3id.org/medborgarlofte/context.jsonld" in body
    assert len(list(parse_file(out).subjects(RDF.type, MBL.Activity))) == 4


def test_cli_extract_explain_and_turtle() -> None:
    result = CliRunner().invoke(
        app, ["extract", str(FIXTURES / "f10_interleaved_signatures.txt"), "--explain"]
    )
    assert result.exit_code == 0, result.output
    assert "Underskrift / signature 2: Mats Nyström" in result.output
    ttl = CliRunner().invoke(
        app, ["extract", str(FIXTURES / "f10_interleaved_signatures.txt"), "-f", "turtle"]
    )
    assert ttl.exit_code == 0
    assert "mbl:CitizenPromise" in ttl.output
    # schema.org as the ontology uses it (http), under its usual prefix: rdflib binds "schema" to
    # https://schema.org/ by default, and a plain bind wrote "schema1:" instead
    assert "@prefix schema: <http://schema.org/> ." in ttl.output and "schema:name" in ttl.output
    assert "schema1:" not in ttl.output


def test_cli_extract_refuses_a_non_promise_with_exit_2() -> None:
    result = CliRunner().invoke(app, ["extract", str(FIXTURES / "f07_not_a_promise.txt")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "does not look like a citizen promise" in result.output


@pytest.mark.skipif(
    not SEED_FILES, reason="../shared/seeds is absent: the seed texts are not in the repository"
)
def test_bundled_seed_extractions_are_up_to_date(tmp_path: Path) -> None:
    """data/seeds/*.ttl is what `python -m tools.seed_bundle` writes today."""
    from tools.seed_bundle import write_bundle

    for fresh in write_bundle(SEEDS, tmp_path):
        committed = REPO / "data" / "seeds" / fresh.name
        assert committed.exists(), f"{committed} is missing; run python -m tools.seed_bundle"
        assert isomorphic(Graph().parse(fresh), Graph().parse(committed)), (
            f"{committed.name} is stale; run python -m tools.seed_bundle"
        )


@pytest.mark.parametrize(
    ("name", "fmt", "start"),
    [
        ("draft.ttl", None, "@prefix"),
        ("draft.yml", None, "provenance:"),
        ("draft.ttl", "yaml", "provenance:"),
    ],
)
def test_cli_extract_writes_the_format_its_out_file_names(
    tmp_path: Path, name: str, fmt: str | None, start: str
) -> None:
    # `kg extract … --out draft.ttl` wrote YAML-LD into draft.ttl, which `kg import` then failed to read as
    # Turtle; --format still wins over the extension
    out = tmp_path / name
    args = ["extract", str(FIXTURES / "f02_bullets_tags.txt"), "--out", str(out)] + (
        ["-f", fmt] if fmt else []
    )
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8")
    assert any(line.startswith(start) for line in body.splitlines())
    if fmt is None:  # read back as what its extension says
        assert len(list(parse_file(out).subjects(RDF.type, MBL.Activity))) == 4


def test_cli_extract_refuses_an_out_file_whose_extension_names_no_draft_format(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    result = CliRunner().invoke(app, ["extract", str(FIXTURES / "f02_bullets_tags.txt"), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "draft.json" in result.output and "--format" in result.output
    assert "Traceback" not in result.output and not out.exists()
