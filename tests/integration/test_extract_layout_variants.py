"""Metamorphic tests of extraction: the same promise in another layout gives the same result.

Every municipality publishes its medborgarlöfte in its own layout. Each document of the
development set (the five seeds, the 14 dev pages, the team's fixtures) is rewritten by the
transformations of tests/layout_transforms.py and tests/layout_render.py, which keep its
content and change only its form (hard wrapping at 60-64 columns, CRLF, non-breaking spaces,
soft hyphens, other list markers, headings in capitals, Markdown, HTML, and for a few documents
a PDF printed by chromium), and the summary of its extraction
(:func:`kg.extract.summary.summarise`: municipality, police area, period, priority areas,
activities with their actors and frequency, follow-up, signatories) must equal the original's.
A refusal must stay the same refusal. A rule that reads a document's phrases or line breaks too
literally fails here.

Differences not fixed yet are marked ``xfail(strict=True)`` with the reason (:data:`KNOWN`), so a
fix shows up as an unexpected pass."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from layout_render import to_html, to_markdown
from layout_transforms import TEXT_TRANSFORMS

from kg.errors import ExtractionError
from kg.extract import extract_text, read_source
from kg.extract.html import html_to_text
from kg.extract.naming import source_url
from kg.extract.pdf import pdf_to_text
from kg.extract.summary import summarise
from kg.extract.text import normalise

TESTS = Path(__file__).resolve().parent.parent
SHARED = TESTS.parent.parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("0*.txt"))
DEV = sorted((SHARED / "corpus" / "dev").glob("*.txt"))
FIXTURES = sorted((TESTS / "fixtures" / "extract").glob("f*"))
DOCS = [*SEEDS, *DEV, *FIXTURES]

# what a steward gives where the text does not state it (as benchmarks/eval_scoring.py does)
OPTIONS = {
    "003_d3222688a511906b.txt": {"municipality": "1280"},
    "000_degerfors.txt": {"period": "2000"},
    "007_orebro_vivalla.txt": {"period": "2000"},
}

VARIANTS = [*TEXT_TRANSFORMS, "markdown", "html"]

KNOWN: dict[tuple[str, str], str] = {}
"""(document, variant) -> why its extraction still differs from the original's."""

# A PDF round trip costs a browser: a few documents of different layouts, and those whose
# printed form is not read like the original yet (KNOWN_PDF).
KNOWN_PDF: dict[str, str] = {}
PDF_DOCS = [
    "000_c358ab39e642ff4f.txt",
    "005_koping_2024.txt",
    "f13_news_item.txt",
    "f15_priority_areas.txt",
    # read by the page's geometry (kg/extract/pdf_layout.py): a wrapped lead-in heading, a wrapped
    # "… lovar:" lead-in, two signature columns, indented sub-items, a table, a wrapped joint title
    "002_9c8af75687dfebe8.txt",
    "012_svedala_2020.txt",
    "f04_actor_sections.md",
    "f16_numbered_sub.txt",
    "f18_table.txt",
    "f26_joint_title.txt",
    *KNOWN_PDF,
]


def _id(path: Path) -> str:
    return path.name


def _canon(value: Any, *, fold: bool) -> Any:
    """Blanks collapsed (and case folded for a variant that sets headings in capitals)."""
    if isinstance(value, dict):
        return {k: _canon(v, fold=fold) for k, v in value.items()}
    if isinstance(value, list):
        return [_canon(v, fold=fold) for v in value]
    if isinstance(value, str):
        text = " ".join(value.split())
        return text.casefold() if fold else text
    return value


def _source(path: Path) -> tuple[str, str | None]:
    """The normalised text of a document and the address its first line may give."""
    url, text = source_url(read_source(path))
    return normalise(text), url


def outcome(text: str, path: Path, url: str | None, *, fold: bool = False) -> Any:
    """The summary of the extraction, or the refusal's first words."""
    try:
        options = OPTIONS.get(path.name, {})
        result = extract_text(
            text,
            source_name=path.name,
            url=url,
            municipality=options.get("municipality"),
            period=options.get("period"),
        )
    except ExtractionError as exc:
        return {"refused": str(exc).split(" / ")[0]}
    return _canon(summarise(result.analysis), fold=fold)


@cache
def _original(path: Path, fold: bool) -> Any:
    text, url = _source(path)
    return outcome(text, path, url, fold=fold)


def differences(expected: Any, got: Any, where: str = "") -> list[str]:
    """Where two summaries differ, one line per field (an activity by its number)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        return [
            d
            for k in sorted(expected.keys() | got.keys())
            for d in differences(expected.get(k), got.get(k), f"{where}.{k}")
        ]
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        return [
            d
            for i, (e, g) in enumerate(zip(expected, got, strict=True))
            for d in differences(e, g, f"{where}[{i}]")
        ]
    return [] if expected == got else [f"{where}: {expected!r} -> {got!r}"]


def _variant(text: str, variant: str) -> str:
    if variant == "html":
        return html_to_text(to_html(text))
    if variant == "markdown":
        return to_markdown(text)
    return TEXT_TRANSFORMS[variant](text)


def _cases() -> Iterator[Any]:
    for path in DOCS:
        for variant in VARIANTS:
            reason = KNOWN.get((path.name, variant))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(path, variant, marks=marks, id=f"{path.name}-{variant}")


@pytest.mark.skipif(not SEEDS or not DEV, reason="../shared/seeds and ../shared/corpus/dev are absent")
@pytest.mark.parametrize(("path", "variant"), list(_cases()))
def test_a_layout_variant_extracts_like_the_original(path: Path, variant: str) -> None:
    text, url = _source(path)
    changed = _variant(text, variant)
    if normalise(changed) == text:
        return  # normalised to the original text (CRLF, a list with no item to change): same result
    fold = variant == "upper-headings"
    got = outcome(changed, path, url, fold=fold)
    assert not differences(_original(path, fold), got), "\n".join(differences(_original(path, fold), got))


def test_the_variants_cover_every_kind_of_document() -> None:
    """Seeds, dev pages and fixtures (text, Markdown, HTML) are all rewritten; the variants are
    not identities (each changes the text of some document)."""
    if not SEEDS or not DEV:
        pytest.skip("../shared/seeds and ../shared/corpus/dev are absent")
    assert len(SEEDS) == 5 and len(DEV) == 14
    assert {p.suffix for p in FIXTURES} == {".txt", ".md", ".html"}
    for variant in VARIANTS:
        assert any(_variant(t, variant) != t for t in (_source(p)[0] for p in DOCS)), variant
    assert set(KNOWN_PDF) <= set(PDF_DOCS)
    assert all(name in {p.name for p in DOCS} for name, _ in KNOWN)


# -- the PDF a browser prints -----------------------------------------------------------------


@pytest.fixture(scope="module")
def printer() -> Iterator[Any]:
    """A chromium page that prints HTML to PDF (skipped without chromium or playwright)."""
    from browser_support import chromium, require_chromium

    require_chromium()
    with chromium() as browser:
        page = browser.new_page()
        yield page
        page.close()


def _pdf_cases() -> Iterator[Any]:
    for name in PDF_DOCS:
        reason = KNOWN_PDF.get(name)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.browser
@pytest.mark.parametrize("name", list(_pdf_cases()))
def test_the_document_printed_to_pdf_extracts_like_the_original(name: str, printer: Any) -> None:
    """The HTML variant printed by chromium (A4, the list markers written as text, as a word
    processor's PDF has them) and read back by the PDF reader: lines wrapped at the page's
    width, headings wrapped, ligatures, page breaks."""
    path = next((p for p in DOCS if p.name == name), None)
    if path is None:
        pytest.skip(f"{name} is absent (../shared is outside the repository)")
    text, url = _source(path)
    printer.set_content(to_html(text, markers=True))
    pdf = printer.pdf(format="A4", margin={"top": "2cm", "bottom": "2cm", "left": "2cm", "right": "2cm"})
    got = outcome(pdf_to_text(pdf, where=name), path, url)
    assert not differences(_original(path, False), got), "\n".join(differences(_original(path, False), got))
    assert re.search(r"\S", pdf_to_text(pdf, where=name))
