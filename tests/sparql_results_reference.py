"""The SPARQL results writer as it was before it was made faster (issue 19), kept as the
reference its bytes are pinned against (tests/unit/test_sparql_results_bytes.py,
tests/integration/test_sparql_results_national.py). Do not edit: it is the old behaviour."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from kg.query.sparql_results import canonical_double, quoteattr

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
_FLOATING = (XSD + "double", XSD + "float")
_XML_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\t": "&#9;", "\r": "&#13;"}
)
_XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
)


def _lexical(lit: ox.Literal) -> str:
    if lit.datatype.value in _FLOATING:
        return canonical_double(lit.value)
    return lit.value


def _term_nt(t: Any) -> str:
    if isinstance(t, ox.Literal) and t.datatype.value in _FLOATING:
        return f'"{_lexical(t)}"^^<{t.datatype.value}>'
    return str(t)


def _term_json(t: Any) -> dict[str, Any]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, Any] = {"type": "literal", "value": _lexical(t)}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {
        "type": "triple",
        "value": {
            "subject": _term_json(t.subject),
            "predicate": _term_json(t.predicate),
            "object": _term_json(t.object),
        },
    }


def _x(text: str) -> str:
    return text.translate(_XML_TEXT)


def _term_xml(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_x(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_x(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{_x(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{_x(_lexical(t))}</literal>"
        return f"<literal>{_x(t.value)}</literal>"
    return (
        f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}"
        f"</predicate><object>{_term_xml(t.object)}</object></triple>"
    )


def _term_csv(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        return _lexical(t)
    return str(t)


def _json(variables: Sequence[str], rows: Iterable[Any]) -> str:
    n = range(len(variables))
    bindings = []
    for row in rows:
        bindings.append({variables[i]: _term_json(t) for i in n if (t := row[i]) is not None})
    doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def _xml(variables: Sequence[str], rows: Iterable[Any]) -> str:
    names = [quoteattr(v) for v in variables]
    out = [_XML_HEAD, "<head>", *(f"<variable name={n}/>" for n in names), "</head>\n<results>\n"]
    for row in rows:
        out.append("<result>")
        for i, name in enumerate(names):
            t = row[i]
            if t is not None:
                out.append(f"<binding name={name}>{_term_xml(t)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


def _csv(variables: Sequence[str], rows: Iterable[Any]) -> str:
    n = range(len(variables))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if (t := row[i]) is None else _term_csv(t) for i in n])
    return buf.getvalue()


def _tsv(variables: Sequence[str], rows: Iterable[Any]) -> str:
    n = range(len(variables))
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if (t := row[i]) is None else _term_nt(t) for i in n) for row in rows]
    return "\n".join(lines) + "\n"


_WRITERS = {"sparql-json": _json, "sparql-xml": _xml, "sparql-csv": _csv, "sparql-tsv": _tsv}


def reference_solutions(variables: Sequence[str], rows: Iterable[Any], fmt: str) -> str:
    """The old ``write_solutions``: SELECT results in the format ``fmt``."""
    return _WRITERS[fmt](list(variables), rows)
