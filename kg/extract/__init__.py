"""Extraction of citizen promises from published text, Markdown, HTML and PDF.

The flow is one direction: file bytes -> text (:mod:`.html`, :mod:`.pdf`) -> normalised text and
blocks with offsets (:mod:`.text`) -> the typed model (:mod:`.analyse` and :mod:`.sections`, with
:mod:`.naming`, :mod:`.periods`, :mod:`.actors`, :mod:`.signatures`, :mod:`.places` and the
vocabulary-driven :mod:`.lexicon`) -> an rdflib Graph in the ontology's terms with Web
Annotation provenance and the assumptions it made (:mod:`.build`, :mod:`.assumptions`).

Public entry points: :func:`extract_file` and :func:`extract_text`, both returning an
:class:`Extraction`. Errors are :class:`kg.errors.ExtractionError` with steward-facing messages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from kg.documents.limits import read_limited
from kg.errors import ExtractionError, InputError
from kg.extract.analyse import analyse
from kg.extract.build import build_graph
from kg.extract.language import check_swedish
from kg.extract.lexicon import Lexicon, default_lexicon
from kg.extract.model import Activity, Analysis, Assumption, Priority, Signature
from kg.extract.naming import source_url
from kg.extract.text import normalise
from kg.iris import Minter

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES


@dataclass
class Extraction:
    """The result of extracting one document."""

    graph: Graph
    iri: URIRef
    text: str
    """The normalised text every passage (and oa:TextPositionSelector) points into."""
    analysis: Analysis

    @property
    def activities(self) -> list[Activity]:
        return self.analysis.activities

    @property
    def priorities(self) -> list[Priority]:
        return self.analysis.priorities

    @property
    def signatures(self) -> list[Signature]:
        return self.analysis.signatures

    @property
    def notes(self) -> list[str]:
        return self.analysis.notes

    @property
    def assumptions(self) -> list[Assumption]:
        """What the graph states that the text does not (also in the graph as mbl:Assumption)."""
        return self.analysis.assumptions

    def explain(self) -> str:
        from kg.extract.explain import explain

        return explain(self.analysis)


def read_source(path: Path, data: bytes | None = None) -> str:
    """The text of a .txt/.md/.html/.pdf file, before normalisation."""
    where = str(path)
    if data is None:
        data = read_limited(path)  # a regular file of at most 20 MiB, like every input
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from kg.extract.pdf import pdf_to_text

        return pdf_to_text(data, where=where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if suffix in HTML_SUFFIXES:
        from kg.extract.html import html_to_text

        return html_to_text(text)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return text
    raise InputError(
        f"okänd filtyp för extraktion / unknown file type for extraction: {suffix}",
        where=where,
        hint="Använd .txt, .md, .html eller .pdf / use .txt, .md, .html or .pdf.",
    )


def extract_text(
    text: str,
    *,
    source_name: str,
    minter: Minter | None = None,
    municipality: str | None = None,
    police_area: str | None = None,
    period: str | None = None,
    sha256: str | None = None,
    lexicon: Lexicon | None = None,
    url: str | None = None,
) -> Extraction:
    """Extract a promise from a text. ``sha256`` is the checksum of the original file's bytes
    (by default that of the text encoded as UTF-8). ``url`` is the page's address; an archived
    page may give it on its first line (``# source: <url>``), which is then not read as text."""
    minter = minter or Minter()
    lexicon = lexicon or default_lexicon()
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    stated_url, text = source_url(text)
    url = url or stated_url
    norm = normalise(text)
    if not norm.strip():
        raise ExtractionError(
            "texten är tom: inget medborgarlöfte att läsa (en webbsida kan ha bara meny, sidfot "
            "eller kakbanner) / the text is empty: no citizen promise to read (a web page may hold "
            "only navigation, a footer or a cookie notice)",
            where=source_name,
        )
    check_swedish(norm, where=source_name)
    analysis = analyse(
        norm,
        source_name=source_name,
        lexicon=lexicon,
        municipality=municipality,
        police_area=police_area,
        period=period,
        url=url,
    )
    graph, iri = build_graph(analysis, minter=minter, lexicon=lexicon, sha256=digest)
    return Extraction(graph, iri, norm, analysis)


def extract_file(
    path: Path,
    *,
    minter: Minter | None = None,
    municipality: str | None = None,
    police_area: str | None = None,
    period: str | None = None,
    lexicon: Lexicon | None = None,
) -> Extraction:
    """Extract a promise from a .txt, .md, .html or .pdf file."""
    path = Path(path)
    data = read_limited(path)  # a regular file of at most 20 MiB, like every input
    text = read_source(path, data)
    return extract_text(
        text,
        source_name=path.name,
        minter=minter,
        municipality=municipality,
        police_area=police_area,
        period=period,
        sha256=hashlib.sha256(data).hexdigest(),
        lexicon=lexicon,
    )


__all__ = ["SUFFIXES", "Extraction", "extract_file", "extract_text", "read_source"]
