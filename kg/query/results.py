"""Query results as one table object, and the one table of result formats.

:class:`ResultTable` is what every query path returns (the embedded store, a remote endpoint,
a saved or an ad-hoc query). It holds RDF terms (pyoxigraph terms), so nothing is lost before
rendering. :class:`ResultFormat` lists every output format with its media type and file
extension; :func:`render` turns a table into bytes in one of them. The CLI (``kg query``,
``kg sparql``) and the web server render through the same function.

Human formats (``table``, ``csv``, ``tsv``, ``json``, ``jsonl``, ``md``) use *column names*:
a BASIL parameter variable such as ``?__county_iri`` is shown as ``county``. The SPARQL
results formats keep the query's variable names, as the standards require.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from kg.iris import printed
from kg.query.formats import ResultFormat
from kg.query.sparql_results import Term, write_boolean, write_solutions
from kg.terminal import one_line

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}
_BASIL = re.compile(r"^__?(?P<name>[A-Za-z][A-Za-z0-9]*)(?:_[A-Za-z0-9_]+)?$")


def column_name(variable: str) -> str:
    """The display name of a variable: BASIL markup removed (``__county_iri`` → ``county``)."""
    m = _BASIL.match(variable)
    return m.group("name") if m else variable


@dataclass
class ResultTable:
    """The result of a query: variables and rows of RDF terms (``None`` = unbound).

    For an ``ASK`` query :attr:`boolean` is set and the table has one column ``result``;
    for ``CONSTRUCT``/``DESCRIBE`` the columns are ``subject``, ``predicate``, ``object``.
    """

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    """True when ``limit`` cut the result short."""
    offset: int = 0
    """Rows of the whole result before the first of these (a page after the first)."""

    @property
    def columns(self) -> list[str]:
        """Display names of the variables (see :func:`column_name`)."""
        return [column_name(v) for v in self.variables]

    def records(self) -> list[dict[str, Any]]:
        """Rows as JSON-friendly dicts keyed by column name (what ``--format json`` prints).

        IRIs and strings are strings, integers are ``int``, decimals and doubles ``float``
        (NaN and INF their lexical form, a string: JSON has no such number), booleans ``bool``;
        unbound cells are ``None``.
        """
        cols = self.columns
        return [{c: plain(v) for c, v in zip(cols, row, strict=True)} for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def plain(term: Term | None) -> Any:
    """A term as a plain JSON value: the lexical form, typed for numbers and booleans."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt in _FLOAT_TYPES:
                number = float(Decimal(term.value)) if dt == XSD + "decimal" else float(term.value)
                # NaN and INF have no JSON number (json.dumps would write the invalid NaN): the
                # lexical form, as a string
                return number if math.isfinite(number) else term.value
            if dt == XSD + "boolean":
                return term.value in ("true", "1")
        except (ValueError, InvalidOperation):
            return term.value
        return term.value
    return str(term)


def from_solutions(solutions: Any, limit: int | None = None) -> ResultTable:
    """A :class:`ResultTable` from pyoxigraph query results (solutions, boolean or triples).

    With ``limit``, reads at most ``limit`` rows (and one more, to set ``truncated``).
    """
    if isinstance(solutions, (ox.QueryBoolean, bool)):
        value = bool(solutions)
        lit = ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
        return ResultTable(["result"], [(lit,)], boolean=value)
    if isinstance(solutions, ox.QuerySolutions) or hasattr(solutions, "variables"):
        variables = [v.value for v in solutions.variables]
        rows: list[tuple[Term | None, ...]] = []
        truncated = False
        for sol in solutions:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(tuple(sol[i] for i in range(len(variables))))
        return ResultTable(variables, rows, truncated=truncated)
    # CONSTRUCT / DESCRIBE: an iterable of triples
    triples: list[tuple[Term | None, ...]] = []
    truncated = False
    for t in solutions:
        if limit is not None and len(triples) >= limit:
            truncated = True
            break
        triples.append((t.subject, t.predicate, t.object))
    return ResultTable(["subject", "predicate", "object"], triples, truncated=truncated)


# -- formats ----------------------------------------------------------------------------------


def render(table: ResultTable, fmt: ResultFormat) -> str:
    """The table as text in ``fmt`` (UTF-8 when written out)."""
    if fmt.is_sparql:
        return _sparql(table, fmt)
    return _RENDERERS[fmt](table)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _cells(table: ResultTable) -> list[list[str]]:
    return [[_text(plain(v)) for v in row] for row in table.rows]


def compact_iri(value: str) -> str:
    """An IRI shortened for people: a municipality's ``…/id/org/kommun-0580`` → ``kg:org/kommun-0580``
    (:func:`kg.iris.printed`; every parameter takes the same form back: :func:`kg.iris.expand_iri`)."""
    return printed(value)


def _table_cell(term: Term | None) -> str:
    text = _text(plain(term))
    if isinstance(term, ox.NamedNode):
        text = compact_iri(text)
    return one_line(text)


def _render_table(table: ResultTable) -> str:
    """The human table: aligned columns, IRIs shortened with the project's prefixes."""
    if not table.rows:
        if table.offset:  # a page past the end: the result has fewer rows than the page starts at
            start = table.offset + 1
            return (
                f"(inga rader från rad {start}; resultatet är kortare / "
                f"no rows from row {start}; the result is shorter)\n"
            )
        return "(inga rader / no rows)\n"
    cols = table.columns
    cells = [[_table_cell(v) for v in row] for row in table.rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    label = window_label(table)
    if label:
        lines.append(label)
    return "\n".join(lines) + "\n"


def window_label(table: ResultTable) -> str | None:
    """Which rows of the whole result these are, when not all of them: "(first 100 rows)" for a
    cut result, "(rows 101-200, more follow)" for a page after the first."""
    n = len(table.rows)
    if not table.offset:
        return f"(de första {n} raderna / first {n} rows)" if table.truncated else None
    first, last = table.offset + 1, table.offset + n
    sv, en = (f"rad {first}", f"row {first}") if n == 1 else (f"rad {first}–{last}", f"rows {first}–{last}")
    if table.truncated:
        return f"({sv}, fler finns / {en}, more follow)"
    return f"({sv}, {'den sista' if n == 1 else 'de sista'} / {en}, the last)"


def _render_csv_rows(header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _render_csv(table: ResultTable) -> str:
    return _render_csv_rows(table.columns, _cells(table))


def _tsv_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _render_tsv(table: ResultTable) -> str:
    lines = ["\t".join(table.columns)]
    lines += ["\t".join(_tsv_cell(c) for c in row) for row in _cells(table)]
    return "\n".join(lines) + "\n"


def _render_json(table: ResultTable) -> str:
    return json.dumps(table.records(), ensure_ascii=False, indent=2) + "\n"


def _render_jsonl(table: ResultTable) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in table.records())


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _render_md(table: ResultTable) -> str:
    cols = table.columns
    lines = ["| " + " | ".join(_md_cell(c) for c in cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in _cells(table)]
    return "\n".join(lines) + "\n"


def _sparql(table: ResultTable, fmt: ResultFormat) -> str:
    """The SPARQL results formats, written by the one writer the server uses too."""
    if table.boolean is not None:
        return write_boolean(table.boolean, fmt.value)
    return write_solutions(table.variables, table.rows, fmt.value)


_RENDERERS = {
    ResultFormat.table: _render_table,
    ResultFormat.csv: _render_csv,
    ResultFormat.tsv: _render_tsv,
    ResultFormat.json: _render_json,
    ResultFormat.jsonl: _render_jsonl,
    ResultFormat.md: _render_md,
}
