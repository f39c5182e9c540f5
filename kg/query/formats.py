"""The one table of output formats, read by the command line and by the web server.

Every format has one row and one name: ``kg sparql -f NAME``, ``kg query run -f NAME`` and the
server's ``?_format=NAME`` all take it. A row holds the media type (and the other media types
clients send for it), the file extension, the kind (SPARQL results, rows for people, an RDF
graph, a web page), the pyoxigraph and rdflib format names and a label.

Older names still select their row (``by_name``): the server called the SPARQL results formats
``srj``/``srx`` and the saved-query API's CSV ``csvdata``; ``xml``, ``turtle`` and ``json-ld``
were accepted in ``?_format=`` too. ``csv`` and ``tsv`` are the formats for people (columns by
display name); where a surface offers only the SPARQL form of a media type (``/sparql``), a name
selects the offer with the same media type (see :func:`kg.server.negotiation.negotiate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox


class Kind(StrEnum):
    results = "results"
    """W3C SPARQL 1.1 query results (query variables as written)."""
    rows = "rows"
    """rows for people and programs: columns by display name, values as plain text or JSON."""
    rdf = "rdf"
    """an RDF graph or dataset."""
    page = "page"
    """a web page."""


@dataclass(frozen=True)
class Format:
    name: str
    """the one name: ``--format`` value and ``?_format=`` value."""
    media_type: str
    kind: Kind
    extension: str
    aliases: tuple[str, ...] = ()
    """other media types that select this format (matched after the main one)."""
    old_names: tuple[str, ...] = ()
    """names this format had before, still accepted by :func:`by_name`."""
    rdflib: str | None = None
    ox_rdf: ox.RdfFormat | None = None
    ox_results: ox.QueryResultsFormat | None = None
    label: str = ""
    graph: bool = False
    """an RDF syntax for one graph: what ``kg sparql`` writes a CONSTRUCT or DESCRIBE in."""

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith(("+xml", "+json", "/json"))
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type

    def matches(self, media_type: str) -> bool:
        return media_type == self.media_type or media_type in self.aliases


_R = ox.QueryResultsFormat
_G = ox.RdfFormat

FORMATS: tuple[Format, ...] = (
    # W3C SPARQL results
    Format(
        "sparql-json",
        "application/sparql-results+json",
        Kind.results,
        "srj",
        ("application/json",),
        ("srj",),
        "json",
        ox_results=_R.JSON,
        label="SPARQL JSON",
    ),
    Format(
        "sparql-xml",
        "application/sparql-results+xml",
        Kind.results,
        "srx",
        ("application/xml", "text/xml"),
        ("srx", "xml"),
        "xml",
        ox_results=_R.XML,
        label="SPARQL XML",
    ),
    Format(
        "sparql-csv", "text/csv", Kind.results, "csv", (), (), "csv", ox_results=_R.CSV, label="SPARQL CSV"
    ),
    Format(
        "sparql-tsv",
        "text/tab-separated-values",
        Kind.results,
        "tsv",
        (),
        (),
        "tsv",
        ox_results=_R.TSV,
        label="SPARQL TSV",
    ),
    # rows for people and programs
    Format("table", "text/plain", Kind.rows, "txt", label="table"),
    Format("csv", "text/csv", Kind.rows, "csv", old_names=("csvdata",), label="CSV"),
    Format("tsv", "text/tab-separated-values", Kind.rows, "tsv", label="TSV"),
    Format("json", "application/json", Kind.rows, "json", label="JSON"),
    Format("jsonl", "application/x-ndjson", Kind.rows, "jsonl", label="JSON Lines"),
    Format("md", "text/markdown", Kind.rows, "md", label="Markdown"),
    # RDF graphs and datasets
    Format(
        "ttl",
        "text/turtle",
        Kind.rdf,
        "ttl",
        ("application/x-turtle",),
        ("turtle",),
        "turtle",
        _G.TURTLE,
        label="Turtle",
        graph=True,
    ),
    Format(
        "nt",
        "application/n-triples",
        Kind.rdf,
        "nt",
        ("text/plain",),
        (),
        "nt",
        _G.N_TRIPLES,
        label="N-Triples",
        graph=True,
    ),
    Format(
        "jsonld",
        "application/ld+json",
        Kind.rdf,
        "jsonld",
        ("application/json",),
        ("json-ld",),
        "json-ld",
        _G.JSON_LD,
        label="JSON-LD",
        graph=True,
    ),
    Format(
        "rdf",
        "application/rdf+xml",
        Kind.rdf,
        "rdf",
        ("application/xml", "text/xml"),
        (),
        "xml",
        _G.RDF_XML,
        label="RDF/XML",
        graph=True,
    ),
    Format("nq", "application/n-quads", Kind.rdf, "nq", (), (), "nquads", _G.N_QUADS, label="N-Quads"),
    Format("trig", "application/trig", Kind.rdf, "trig", (), (), "trig", _G.TRIG, label="TriG"),
    # web pages
    Format("html", "text/html", Kind.page, "html", ("application/xhtml+xml",), label="HTML"),
)

BY_NAME: dict[str, Format] = {f.name: f for f in FORMATS}
OLD_NAMES: dict[str, Format] = {old: f for f in FORMATS for old in f.old_names}


def fmt(name: str) -> Format:
    """One row by its name (an old name is accepted too); KeyError for an unknown name."""
    return BY_NAME.get(name) or OLD_NAMES[name]


def result_formats() -> tuple[Format, ...]:
    """The formats of query results, as ``--format`` lists them: rows for people, then the W3C
    SPARQL results."""
    return (*(f for f in FORMATS if f.kind is Kind.rows), *(f for f in FORMATS if f.kind is Kind.results))


def sparql_formats() -> tuple[Format, ...]:
    """The formats of ``kg sparql --format``: the result formats, then the RDF syntaxes of one
    graph (a CONSTRUCT or DESCRIBE)."""
    return (*result_formats(), *(f for f in FORMATS if f.graph))


def format_enum(name: str, rows: tuple[Format, ...]) -> type[StrEnum]:
    """An enum of the formats ``rows`` for a command's ``--format`` option: one member a format,
    named by the format's name (``sparql-json`` is the member ``sparql_json``), valued by it."""
    members = [(f.name.replace("-", "_"), f.name) for f in rows]
    made: type[StrEnum] = StrEnum(name, members, module=__name__)  # type: ignore[misc]
    return made


def by_name(name: str) -> Format | None:
    """The row a user's name selects (case-insensitive, old names accepted), or None."""
    key = name.strip().lower()
    return BY_NAME.get(key) or OLD_NAMES.get(key)


class ResultFormat(StrEnum):
    """Output formats of query results (``--format``)."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    md = "md"
    sparql_json = "sparql-json"
    sparql_xml = "sparql-xml"
    sparql_csv = "sparql-csv"
    sparql_tsv = "sparql-tsv"

    @property
    def row(self) -> Format:
        """This format's row of the one format table (:mod:`kg.query.formats`)."""
        return fmt(self.value)

    @property
    def media_type(self) -> str:
        return self.row.media_type

    @property
    def extension(self) -> str:
        return self.row.extension

    @property
    def is_sparql(self) -> bool:
        """True for the W3C SPARQL 1.1 results formats."""
        return self.row.kind is Kind.results

    @classmethod
    def from_media_type(cls, media_type: str) -> ResultFormat | None:
        """The format of a media type (parameters ignored); SPARQL formats win for CSV/TSV."""
        mt = media_type.split(";")[0].strip().lower()
        for fmt in (*[f for f in cls if f.is_sparql], *[f for f in cls if not f.is_sparql]):
            if fmt.media_type == mt:
                return fmt
        return None

    @classmethod
    def from_extension(cls, extension: str) -> ResultFormat | None:
        ext = extension.lower().lstrip(".")
        return next((f for f in cls if f.extension == ext), None)
