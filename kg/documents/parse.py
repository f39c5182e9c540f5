"""Reading RDF files safely: one format table, clear errors, nothing fetched from the network.

Every format is parsed by pyoxigraph (fast, with line and column in its errors); JSON-LD and
YAML-LD after the project's own context has been put in place of its URL and every other context
reference refused (:mod:`kg.documents.jsonld`: nothing is fetched or read from disk). Every file
is read within the budgets of :mod:`kg.documents.limits` (size, nesting, literal length; only
regular files), and a UTF-8 byte order mark is accepted.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.documents.formats import EXTENSIONS, InputFormat, sniff
from kg.documents.jsonld import CONTEXT_URL, bundled_context, parse_jsonld, quads_of_data
from kg.documents.limits import MAX_BYTES, MAX_DEPTH, MAX_LITERAL, check_terms, read_limited, too_deep
from kg.documents.notes import Note
from kg.documents.provenance import SectionError
from kg.documents.yaml_read import read_yaml_ld
from kg.errors import InputError, ParseError

__all__ = ["CONTEXT_URL", "EXTENSIONS", "MAX_BYTES", "bundled_context"]  # re-exported


_OX_FORMATS: dict[InputFormat, ox.RdfFormat] = {
    InputFormat.turtle: ox.RdfFormat.TURTLE,
    InputFormat.trig: ox.RdfFormat.TRIG,
    InputFormat.ntriples: ox.RdfFormat.N_TRIPLES,
    InputFormat.nquads: ox.RdfFormat.N_QUADS,
    InputFormat.rdfxml: ox.RdfFormat.RDF_XML,
}


def detect_format(path: Path, override: InputFormat | None = None) -> InputFormat:
    """The format of a file, from ``override`` or its extension (``.ttl.gz`` is not supported)."""
    if override is not None:
        return override
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise InputError(
            f"okänd filändelse / unknown file extension {path.suffix or '(none)'!r}",
            where=str(path),
            hint=f"Kända / known: {known}. Ange formatet med --input-format / or give --input-format.",
        )
    return fmt


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, with clear errors for a missing, empty, too large or special file
    (FIFO, device, symlink loop)."""
    data = read_limited(path, max_bytes=max_bytes)
    if not data.strip():
        raise InputError("filen är tom / the file is empty", where=str(path))
    return data


def decode_text(data: bytes, where: str) -> str:
    """UTF-8 text, with the line of the first bad byte when it is not UTF-8 or is binary."""
    if b"\x00" in data[:8192]:
        raise InputError(
            "filen ser ut att vara binär, inte text / the file looks binary, not text",
            where=where,
            hint="Kontrollera att det är rätt fil och rätt filändelse / check the file and extension.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            f"inte giltig UTF-8 (byte {exc.start}) / not valid UTF-8 (byte {exc.start})",
            where=where,
            line=line,
            hint="Spara filen som UTF-8 / save the file as UTF-8.",
        ) from exc


_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _refuse_xml_entities(data: bytes, where: str) -> None:
    m = _ENTITY.search(data)
    if m:
        raise ParseError(
            "RDF/XML med entitetsdeklarationer läses inte (de kan hämta externa filer) / "
            "RDF/XML with entity declarations is refused (they can fetch external files)",
            where=where,
            line=data[: m.start()].count(b"\n") + 1,
            hint="Ta bort <!DOCTYPE>/<!ENTITY> och skriv ut värdena / remove them and write the values out.",
        )


def _quads(data: bytes, fmt: InputFormat, where: str) -> list[ox.Quad]:
    try:  # a list made at once: a generator here cost a switch of frames for every triple
        return list(ox.parse(data, format=_OX_FORMATS[fmt]))
    except SyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        column = exc.offset if isinstance(exc.offset, int) else None
        msg = str(exc.args[0]) if exc.args else str(exc)
        raise ParseError(f"syntaxfel / syntax error: {msg}", where=where, line=line, column=column) from exc
    except MemoryError:  # pyoxigraph's token buffer (16 MiB) ran full: one huge literal or IRI
        raise InputError(
            f"en literal eller IRI är för lång (över {MAX_LITERAL} tecken) / a literal or IRI is too"
            f" long (over {MAX_LITERAL} characters)",
            where=where,
            hint="Korta texten / shorten the text.",
        ) from None


_TAG = re.compile(rb"<(/?)[A-Za-z_][^<>]*?(/?)>")


def _refuse_deep_xml(data: bytes, where: str) -> None:
    """RDF/XML nested deeper than the budget allows (each level of blank node is two elements);
    the parser's time grows with the square of the depth, so this is checked before parsing."""
    depth = 0
    for m in _TAG.finditer(data):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
            if depth > 2 * MAX_DEPTH + 2:
                raise too_deep(where, " (XML)")


_TRIPLE_TERM = re.compile(rb"<<")


@dataclass
class ParsedQuads:
    """What :func:`parse_quads` read: the triples per graph (``None`` is the default graph), as
    pyoxigraph quads in the default graph, and the decoded text."""

    graphs: dict[str | None, list[ox.Quad]]
    text: str
    notes: list[Note] = field(default_factory=list)
    """What reading a YAML-LD text found in the steward's words (:mod:`.yaml_read`)."""
    ntriples: dict[str | None, bytes] = field(default_factory=dict)
    """Each graph's triples as N-Triples, written to check them (:func:`_checked`) and kept, so
    that the document they make is not written out again (:meth:`kg.documents.load.Document.ntriples`);
    none for a file that may hold RDF 1.2 triple terms."""

    def merged(self) -> list[ox.Quad]:
        """All triples of the file (each graph's list itself when there is only one)."""
        if len(self.graphs) == 1:
            return next(iter(self.graphs.values()))
        return [q for quads in self.graphs.values() for q in quads]


def parse_quads(data: bytes, fmt: InputFormat, where: str) -> ParsedQuads:
    """Parse RDF bytes of a known format into pyoxigraph quads; raises :class:`ParseError` with
    line and column, and :class:`InputError` past a budget (literal length, blank-node depth)."""
    text = decode_text(data, where)
    if data.startswith(codecs.BOM_UTF8):  # as Windows editors write it
        data = data[len(codecs.BOM_UTF8) :]
    try:
        graphs, notes = _parse(data, text, fmt, where)
    except ParseError as exc:
        exc.hint = exc.hint or looks_like(data, fmt)
        raise
    if not graphs:
        raise ParseError("filen innehåller inga tripler / the file holds no triples", where=where)
    # the only ways to write an RDF 1.2 triple term (a regular expression finds "<<" in half the
    # time of `in`, which stumbles on every "<" of an IRI)
    terms = _TRIPLE_TERM.search(data) is not None or fmt is InputFormat.rdfxml
    ntriples = {name: _checked(quads, where, written=not terms) for name, quads in graphs.items()}
    if terms:
        _refuse_triple_terms(graphs, where)
    return ParsedQuads(graphs, text, notes, {k: v for k, v in ntriples.items() if v is not None})


_LOOKS = {
    InputFormat.jsonld: ("JSON-LD", ".jsonld"),
    InputFormat.yamlld: ("YAML-LD", ".yaml"),
    InputFormat.turtle: ("Turtle", ".ttl"),
    InputFormat.html: ("HTML", ".html"),
    InputFormat.pdf: ("PDF", ".pdf"),
}


def looks_like(data: bytes, fmt: InputFormat) -> str | None:
    """What to do when a file that does not parse as ``fmt`` looks like another format (a .ttl
    file holding JSON, YAML-LD saved as .ttl): rename it, or name its format."""
    looks = sniff(data)
    if looks is fmt or looks not in _LOOKS or (looks is InputFormat.turtle and data.lstrip()[:1] == b"<"):
        return None  # "<" may as well begin RDF/XML as a Turtle IRI
    name, ext = _LOOKS[looks]
    return (
        f"Filen ser ut som {name}: byt filändelsen till {ext} eller ange --input-format {looks.value}"
        f" / the file looks like {name}: rename it to {ext} or give --input-format {looks.value}."
    )


def _parse(
    data: bytes, text: str, fmt: InputFormat, where: str
) -> tuple[dict[str | None, list[ox.Quad]], list[Note]]:
    """The graphs (None: the default graph) of RDF bytes, and the notes of a YAML-LD file."""
    graphs: dict[str | None, list[ox.Quad]] = {}
    notes: list[Note] = []
    if fmt is InputFormat.yamlld:
        read = read_yaml_ld(text, where)
        notes = read.notes
        try:
            quads = quads_of_data(read.data, where)
        except SectionError as exc:  # a draft's provenance entry: say on which line it is
            line = read.line_of_path(exc.path)
            if line is None:
                raise
            raise ParseError(exc.message, where=where, line=line, hint=exc.hint) from None
        if quads:
            graphs[None] = quads
    elif fmt is InputFormat.jsonld:
        quads = parse_jsonld(text, yaml_text=False, where=where)
        if quads:
            graphs[None] = quads
    elif not fmt.has_graphs:
        if fmt is InputFormat.rdfxml:
            _refuse_xml_entities(data, where)
            _refuse_deep_xml(data, where)
        quads = _quads(data, fmt, where)
        if quads:
            graphs[None] = quads
    else:
        for q in _quads(data, fmt, where):
            g = q.graph_name
            if isinstance(g, ox.DefaultGraph):
                graphs.setdefault(None, []).append(q)
            else:
                name = g.value if isinstance(g, ox.NamedNode) else None
                graphs.setdefault(name, []).append(ox.Quad(q.subject, q.predicate, q.object))
    return graphs, notes


def _checked(quads: list[ox.Quad], where: str, *, written: bool) -> bytes | None:
    """:func:`~kg.documents.limits.check_terms` of one graph's triples, looking at each term only
    when their N-Triples (returned when ``written``) say it may be needed: no blank node is
    written without ``_:``, and no term is longer than the text it is written as, so text without
    ``_:`` and within :data:`MAX_LITERAL` bytes holds neither a blank-node chain nor a term over
    the budget (most documents: the check's walk over every term costs more than the writing)."""
    nt = (ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"") if written else None
    if nt is None or len(nt) > MAX_LITERAL or may_hold_blank_nodes(nt):
        check_terms(quads, where)
    return nt


def may_hold_blank_nodes(ntriples: bytes) -> bool:
    """Whether N-Triples text may hold a blank node (N-Triples write every one as ``_:``...).
    One byte is looked for first: a search for two costs 50 µs in 32 kB, for one under 1 µs."""
    return b"_" in ntriples and b"_:" in ntriples


def _refuse_triple_terms(graphs: dict[str | None, list[ox.Quad]], where: str) -> None:
    for quads in graphs.values():
        for q in quads:
            if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
                raise InputError(
                    "trippeltermer (RDF 1.2, << ... >>) stöds inte / RDF 1.2 triple terms are not"
                    f" supported: {q.subject} {q.predicate} {q.object}"[:300],
                    where=where,
                    hint="Skriv påståendet som en vanlig nod med egna egenskaper"
                    " / describe the statement as an ordinary node with its own properties.",
                )


_SUBJECT_START = re.compile(r"^(<[^>\s]+>|[A-Za-z][\w.-]*:[^\s;,.]*(?:\\.[^\s;,]*)*|_:[\w-]+)(?:\s|$)")
_PREFIX = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)


def first_lines(text: str) -> dict[str, int]:
    """For Turtle or TriG text: the first line on which each subject starts a statement.

    Used to point a validation finding at the line a steward has to fix. Handles full IRIs and
    prefixed names; blank nodes and nested descriptions are not mapped.
    """
    prefixes: dict[str, str] = {}
    out: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        pm = _PREFIX.match(line)
        if pm:
            prefixes[pm.group(1)] = pm.group(2)
            continue
        m = _SUBJECT_START.match(line)
        if not m:
            continue
        token = m.group(1)
        if token.startswith("<"):
            iri = token[1:-1]
        elif token.startswith("_:"):
            continue
        else:
            prefix, _, local = token.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local.replace("\\", "")
        out.setdefault(iri, number)
    return out


class FirstLines(Mapping[str, int]):
    """:func:`first_lines` of a text, worked out on first use: only a document with findings
    needs its lines (to point each finding at the line to fix), and most documents have none.
    Pickled (sent from a worker), it is the plain dict of its lines."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._lines: dict[str, int] = {}

    def _read(self) -> dict[str, int]:
        if self._text is not None:
            self._lines, self._text = first_lines(self._text), None
        return self._lines

    def __getitem__(self, iri: str) -> int:
        return self._read()[iri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __reduce__(self) -> tuple[type[dict[str, int]], tuple[dict[str, int]]]:
        return (dict, (self._read(),))
