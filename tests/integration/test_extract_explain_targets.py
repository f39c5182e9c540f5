"""`kg extract --explain` shows the promise's target groups and areas beside the lines that state
them, as it shows every other field (it listed neither: they were only in the draft, with their
citations); and a promise's sentence with "lovar" is read within its paragraph, so that its
target group is found and its citation quotes the sentence, not the heading above it (the sentence
was read across the heading, "Det här ska vi göra" / "… lovar att …": the group was missed, or
cited with the heading). Texts of our own writing."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF
from typer.testing import CliRunner

from kg.cli import app
from kg.extract import extract_text
from kg.namespaces import DCT, OA, PROV

TEXT = """Medborgarlöfte Kumla 2025

Lokalpolisområde Kumla och Kumla kommun lovar att arbeta för ökad trygghet bland ungdomar i \
Kumla centrum.

Det här ska vi göra

- Polisen ska genomföra trafikkontroller i Kumla centrum varje månad.
- Kommunen ska ordna två föräldrakvällar under året.
"""


def test_explain_lists_the_promises_target_groups_and_areas_with_their_lines(tmp_path: Path) -> None:
    page = tmp_path / "kumla.txt"
    page.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page), "--explain"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    sentence = "         3 | Lokalpolisområde Kumla och Kumla kommun lovar att arbeta för ökad trygghet"
    group = lines.index("Målgrupp / target group: ungdomar")
    assert lines[group + 1].startswith(sentence)
    area = lines.index("Område / area: Kumla centrum [centrum]")
    assert lines[area + 1].startswith(sentence)


def test_a_target_groups_citation_quotes_its_sentence_not_the_heading_above() -> None:
    text = (
        "Medborgarlöfte Kumla 2025\n\nDet här ska vi göra\nPolisen och kommunen lovar att arbeta "
        "för ett ökat förtroende bland de boende.\n\n- Polisen ska genomföra trafikkontroller "
        "vid skolorna varje månad.\n"
    )
    g = extract_text(text, source_name="t.txt").graph
    quotes = [
        str(q)
        for c in g.subjects(RDF.predicate, DCT.audience)
        for passage in g.objects(c, PROV.wasDerivedFrom)
        for selector in g.objects(passage, OA.hasSelector)
        for q in g.objects(selector, OA.exact)
    ]
    assert quotes == ["Polisen och kommunen lovar att arbeta för ett ökat förtroende bland de boende."]
