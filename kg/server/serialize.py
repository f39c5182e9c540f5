"""Writing query results: SPARQL JSON, XML, CSV and TSV for solutions, pyoxigraph for graphs.

The engine collects at most the result cap of solutions (so it can stop at a deadline and say
when it truncated), so solutions are written here from pyoxigraph terms, without rdflib; graphs
go through pyoxigraph's own serialisers.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from kg.server.negotiation import Format

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_DOUBLE = XSD + "double"
XSD_FLOAT = XSD + "float"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def canonical_double(lexical: str) -> str:
    """The XSD canonical form of a double (``1.0E6``); the store keeps doubles by value."""
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
    dt = lit.datatype.value
    if dt in (XSD_DOUBLE, XSD_FLOAT):
        return canonical_double(lit.value)
    return lit.value


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
        "value": {"subject": term_json(t.subject), "predicate": term_json(t.predicate),
                  "object": term_json(t.object)},
    }


def term_nt(t: Term) -> str:
    """A term in N-Triples / Turtle syntax (for TSV cells and error messages)."""
    if isinstance(t, ox.Literal) and t.datatype.value in (XSD_DOUBLE, XSD_FLOAT):
        return f'"{lexical(t)}"^^<{t.datatype.value}>'
    return str(t)


def _xml_escape(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def _term_xml(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang="{_xml_escape(t.language)}">{_xml_escape(t.value)}</literal>'
        if t.datatype.value != XSD_STRING:
            return f'<literal datatype="{_xml_escape(t.datatype.value)}">{_xml_escape(lexical(t))}</literal>'
        return f"<literal>{_xml_escape(t.value)}</literal>"
    return (f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}"
            f"</predicate><object>{_term_xml(t.object)}</object></triple>")


def _csv_value(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        return lexical(t)
    return str(t)


def solutions_bytes(variables: Sequence[str], rows: Iterable[ox.QuerySolution], f: Format) -> bytes:
    """SELECT results in one of the four SPARQL results formats."""
    if f.name == "srj":
        bindings = []
        for row in rows:
            b = {}
            for v in variables:
                t = row[v]
                if t is not None:
                    b[v] = term_json(t)
            bindings.append(b)
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if f.name == "srx":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
               "<head>", *(f'<variable name="{_xml_escape(v)}"/>' for v in variables), "</head><results>"]
        for row in rows:
            out.append("<result>")
            for v in variables:
                t = row[v]
                if t is not None:
                    out.append(f'<binding name="{_xml_escape(v)}">{_term_xml(t)}</binding>')
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "".join(out).encode("utf-8")
    if f.name == "csv" or f.media_type == "text/csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow(["" if (t := row[v]) is None else _csv_value(t) for v in variables])
        return buf.getvalue().encode("utf-8")
    if f.name == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        for row in rows:
            lines.append("\t".join("" if (t := row[v]) is None else term_nt(t) for v in variables))
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"{f.name} is not a SPARQL results format")


def boolean_bytes(value: bool, f: Format) -> bytes:
    if f.name == "srj":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if f.name == "srx":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if f.media_type == "text/csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if f.name == "tsv":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"{f.name} is not a SPARQL results format")


def graph_bytes(triples: Sequence[ox.Triple] | Sequence[ox.Quad], f: Format,
                prefixes: dict[str, str] | None = None) -> bytes:
    """Triples (or quads) in an RDF syntax, with pyoxigraph's serialiser."""
    if f.ox_rdf is None:
        raise ValueError(f"{f.name} is not an RDF format")
    use_prefixes = prefixes if f.ox_rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    out = ox.serialize(triples, format=f.ox_rdf, prefixes=use_prefixes)
    return out if isinstance(out, bytes) else b""
