"""The one writer of the W3C SPARQL 1.1 results formats (JSON, XML, CSV, TSV).

``kg sparql``/``kg query run`` (through :func:`kg.query.results.render`) and the server's
``/sparql`` (which collects at most its result cap of solutions) both write here, so the same
query gives the same bytes in each format wherever it runs. A row is anything indexed by column
position that yields pyoxigraph terms or ``None`` for unbound (a tuple of a
:class:`~kg.query.results.ResultTable`, a ``pyoxigraph.QuerySolution``).

The written form, for all four formats:

- values are lexical forms, except that doubles and floats are written in their XSD canonical
  form (``1.0E6``): the store keeps them by value and gives back ``1000000``;
- JSON is compact (no spaces), one document and a line break;
- XML has one ``<result>`` a line; ``&``, ``<``, ``>`` and line breaks, tabs and carriage
  returns in text are character references, so no parser can trim or normalise them;
- CSV has CRLF line ends (RFC 4180), TSV LF; an ``ASK`` answer in CSV/TSV is one column
  ``_askResult``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
"""A value in a result cell."""

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_FLOATING = (XSD + "double", XSD + "float")
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
FORMATS = ("sparql-json", "sparql-xml", "sparql-csv", "sparql-tsv")
"""The names (see :mod:`kg.query.formats`) this module writes."""


class Row(Protocol):
    def __getitem__(self, index: int, /) -> Any: ...


def canonical_double(lexical: str) -> str:
    """The XSD canonical form of a double (``1000000`` → ``1.0E6``)."""
    try:
        f = float(lexical)
    except ValueError:
        return lexical
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "INF" if f > 0 else "-INF"
    if f == 0:
        return "-0.0E0" if math.copysign(1.0, f) < 0 else "0.0E0"
    try:
        sign, digits, exponent = Decimal(repr(f)).normalize().as_tuple()
    except InvalidOperation:  # pragma: no cover - repr of a finite float is always a decimal
        return lexical
    ds = "".join(map(str, digits))
    exp = int(exponent) + len(ds) - 1
    return f"{'-' if sign else ''}{ds[0]}.{ds[1:] or '0'}E{exp}"


def lexical(lit: ox.Literal) -> str:
    """The lexical form a literal is written with (doubles and floats canonical)."""
    if lit.datatype.value in _FLOATING:
        return canonical_double(lit.value)
    return lit.value


def term_nt(t: Term) -> str:
    """A term in N-Triples syntax, doubles canonical (TSV cells, error messages)."""
    if isinstance(t, ox.Literal) and t.datatype.value in _FLOATING:
        return f'"{lexical(t)}"^^<{t.datatype.value}>'
    return str(t)


def term_json(t: Term) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, Any] = {"type": "literal", "value": lexical(t)}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {
        "type": "triple",
        "value": {
            "subject": term_json(t.subject),
            "predicate": term_json(t.predicate),
            "object": term_json(t.object),
        },
    }


# XML text and attribute values escaped here rather than with xml.sax.saxutils, whose import
# brings urllib.request, http.client, ssl and email into every command that runs a query
# (20 ms of start-up, issue 19); the output is the same (tests/unit/test_sparql_results_xml.py).
_XML_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\t": "&#9;", "\r": "&#13;"}
)


def _x(text: str) -> str:
    """Text as XML character data: ``& < >`` and the line breaks and tabs as references."""
    return text.translate(_XML_TEXT)


def quoteattr(text: str) -> str:
    """An XML attribute value with its quotes: double quotes, or single ones when the value has
    a double quote and no single one, else double quotes with ``&quot;``."""
    data = _x(text)
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def term_xml(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_x(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_x(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{_x(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{_x(lexical(t))}</literal>"
        return f"<literal>{_x(t.value)}</literal>"
    return (
        f"<triple><subject>{term_xml(t.subject)}</subject><predicate>{term_xml(t.predicate)}"
        f"</predicate><object>{term_xml(t.object)}</object></triple>"
    )


def term_csv(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        return lexical(t)
    return str(t)


# The writers below remember each distinct term's written form within one call (results repeat
# IRIs and literals a lot: places-in-activities at national scale, 11,108 rows of 8 columns, has
# a few thousand distinct terms) and join strings once; the bytes are those of json.dumps, the
# csv module and the term functions above (tests/unit/test_sparql_results_bytes.py).
_JSON_STR = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) writes


def _term_json_text(t: Term) -> str:
    """``term_json(t)`` as compact JSON, as ``json.dumps`` writes it without ASCII escapes."""
    if isinstance(t, ox.NamedNode):
        return '{"type":"uri","value":' + _JSON_STR(t.value) + "}"
    if isinstance(t, ox.BlankNode):
        return '{"type":"bnode","value":' + _JSON_STR(t.value) + "}"
    if isinstance(t, ox.Literal):
        head = '{"type":"literal","value":' + _JSON_STR(lexical(t))
        if t.language:
            return head + ',"xml:lang":' + _JSON_STR(t.language) + "}"
        if t.datatype.value != XSD_STRING:
            return head + ',"datatype":' + _JSON_STR(t.datatype.value) + "}"
        return head + "}"
    return json.dumps(term_json(t), ensure_ascii=False, separators=(",", ":"))


def _json(variables: Sequence[str], rows: Iterable[Row]) -> str:
    if len(set(variables)) != len(variables):  # a repeated name: one key, as a dict keeps it
        return _json_by_dicts(variables, rows)
    keys = [_JSON_STR(v) + ":" for v in variables]
    bindings = [
        "{" + ",".join(keys[i] + text for i, text in enumerate(cells) if text) + "}"
        for cells in _cells(rows, len(variables), _term_json_text)
    ]
    head = json.dumps(list(variables), ensure_ascii=False, separators=(",", ":"))
    return '{"head":{"vars":' + head + '},"results":{"bindings":[' + ",".join(bindings) + "]}}\n"


def _json_by_dicts(variables: Sequence[str], rows: Iterable[Row]) -> str:
    n = range(len(variables))
    bindings = []
    for row in rows:
        bindings.append({variables[i]: term_json(t) for i in n if (t := row[i]) is not None})
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


_XML_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n'


def _xml(variables: Sequence[str], rows: Iterable[Row]) -> str:
    names = [quoteattr(v) for v in variables]
    opens = [f"<binding name={n}>" for n in names]
    out = [_XML_HEAD, "<head>", *(f"<variable name={n}/>" for n in names), "</head>\n<results>\n"]
    append = out.append
    for cells in _cells(rows, len(variables), term_xml):
        append("<result>")
        for i, text in enumerate(cells):
            if text:
                append(opens[i])
                append(text)
                append("</binding>")
        append("</result>\n")
    append("</results>\n</sparql>\n")
    return "".join(out)


def _cells(rows: Iterable[Row], width: int, term: Callable[[Term], str]) -> Iterator[list[str]]:
    """Each row as its cells written by ``term`` (an unbound one empty: a written JSON or XML
    term never is), each distinct term written once per call: the one loop of the four writers."""
    n = range(width)
    seen: dict[Term, str] = {}
    for row in rows:
        cells = []
        for i in n:
            t = row[i]
            if t is None:
                cells.append("")
            else:
                text = seen.get(t)
                if text is None:
                    text = seen[t] = term(t)
                cells.append(text)
        yield cells


def _csv_cell(t: Term) -> str:
    """A term as a CSV field, quoted as the csv module quotes (only when it has ``, " CR LF``)."""
    text = term_csv(t)
    if any(c in text for c in _CSV_SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


_CSV_SPECIAL = (",", '"', "\r", "\n")


def _csv(variables: Sequence[str], rows: Iterable[Row]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(variables)
    if len(variables) == 1:  # the csv module writes a lone empty field as "" (not a blank line)
        lines = [cells[0] or '""' for cells in _cells(rows, 1, _csv_cell)]
    else:
        lines = [",".join(cells) for cells in _cells(rows, len(variables), _csv_cell)]
    if lines:
        lines.append("")
    return buf.getvalue() + "\r\n".join(lines)


def _tsv(variables: Sequence[str], rows: Iterable[Row]) -> str:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(cells) for cells in _cells(rows, len(variables), term_nt)]
    return "\n".join(lines) + "\n"


_WRITERS = {"sparql-json": _json, "sparql-xml": _xml, "sparql-csv": _csv, "sparql-tsv": _tsv}


def write_solutions(variables: Sequence[str], rows: Iterable[Row], fmt: str) -> str:
    """SELECT results (or triples as rows of subject, predicate, object) in the format ``fmt``."""
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise ValueError(f"{fmt} is not a SPARQL results format") from None
    return writer(list(variables), rows)


def write_boolean(value: bool, fmt: str) -> str:
    """An ASK answer in the format ``fmt``."""
    word = "true" if value else "false"
    if fmt == "sparql-json":
        return json.dumps({"head": {}, "boolean": value}, separators=(",", ":")) + "\n"
    if fmt == "sparql-xml":
        return f"{_XML_HEAD}<head/>\n<boolean>{word}</boolean>\n</sparql>\n"
    if fmt == "sparql-csv":
        return f"_askResult\r\n{word}\r\n"
    if fmt == "sparql-tsv":
        return f"?_askResult\n{word}\n"
    raise ValueError(f"{fmt} is not a SPARQL results format")
