"""Ad-hoc SPARQL for people (``kg sparql``): the project's prefixes predeclared, syntax errors
shown at their place in the text, ``SELECT *`` columns in the query's order, and graphs as RDF.

- :func:`prepare` declares the prefixes of the project's table (:data:`kg.namespaces.PREFIXES`,
  plus ``kg:`` for the minted IRIs under ``…/id/``, the form the result tables print) that the
  query uses and does not declare itself, on one line before the text, and refuses a prefix that
  is neither declared nor known, naming it, its line and column.
- :func:`explain_syntax_error` turns the parser's message ("error at 2:10: expected one of …",
  with grammar character classes) into a line, a column, the line of the query with a caret under
  the place, and the tokens that could stand there.
- :func:`in_query_order` orders the columns of ``SELECT *`` as the variables first appear in the
  query (the store lists them alphabetically).
- :func:`graph_text` writes CONSTRUCT and DESCRIBE results as Turtle (with the prefixes),
  N-Triples, JSON-LD or RDF/XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pyoxigraph as ox

from kg.errors import QueryRefused, QuerySyntaxError
from kg.iris import DEFAULT_BASE
from kg.namespaces import PREFIXES
from kg.query.formats import Format
from kg.query.results import ResultTable
from kg.sparql_text import tokens

KG_PREFIX = "kg"


def known_prefixes() -> dict[str, str]:
    """Every predeclared prefix → its namespace: the project's table and ``kg:`` (``…/id/``)."""
    return {**PREFIXES, KG_PREFIX: f"{DEFAULT_BASE}id/"}


@dataclass(frozen=True)
class Prepared:
    """A query text ready to run, and how it differs from what the user wrote."""

    text: str
    added: tuple[str, ...] = ()
    """The prefixes declared for the query."""
    escapes: tuple[tuple[int, int], ...] = ()
    """(line, column) in the user's text of each ``\\`` put before a ``/`` of a ``kg:`` name."""

    @property
    def shift(self) -> int:
        """Lines before the user's first line (0 or 1)."""
        return 1 if self.added else 0


def prepare(text: str, *, refuse_unknown: bool = True) -> Prepared:
    """``text`` with the known prefixes it uses but does not declare declared before it.

    Raises :class:`QuerySyntaxError` for a prefix that is neither declared nor known, unless
    ``refuse_unknown`` is False (a remote endpoint may predeclare prefixes of its own), and
    :class:`QueryRefused` for a SPARQL Update (``kg sparql`` only reads).
    """
    declared: set[str] = set()
    used: dict[str, int] = {}
    previous = ""
    raw_previous = None
    first: str | None = None  # the first keyword after the prologue: the query's form
    for t in tokens(text):
        blank_node = raw_previous is not None and raw_previous.text == "_" and t.text.startswith(":")
        raw_previous = t
        if t.kind in ("space", "comment"):
            continue
        if first is None and t.kind == "word" and t.text.upper() not in ("PREFIX", "BASE"):
            first = t.text.upper()
            if first in _UPDATES:
                raise QueryRefused(
                    f"kg sparql kör inte SPARQL Update ({first}), den läser bara / "
                    f"kg sparql does not run a SPARQL Update ({first}): it only reads",
                    hint="Ändra lagret med 'kg import' och 'kg remove' / change the store with "
                    "'kg import' and 'kg remove'.",
                )
        if t.kind == "pname" and not blank_node:
            prefix = t.text.split(":", 1)[0]
            if previous == "PREFIX":
                declared.add(prefix)
            else:
                used.setdefault(prefix, t.start)
        previous = t.text.upper() if t.kind == "word" else t.text
    known = known_prefixes()
    missing = {p: at for p, at in used.items() if p not in declared}
    unknown = {p: at for p, at in missing.items() if p not in known}
    if unknown and refuse_unknown:
        prefix, at = min(unknown.items(), key=lambda item: item[1])
        line, column = _line_column(text, at)
        raise QuerySyntaxError(
            f"okänt prefix / unknown prefix '{prefix}:' på rad / at line {line}, kolumn / column {column}"
            + "\n"
            + caret(text, line, column, len(prefix) + 1),
            hint=f"Deklarera det / declare it: PREFIX {prefix}: <…>; 'kg sparql --prefixes' visar de "
            "fördeklarerade / lists the predeclared ones.",
        )
    text, escapes = _escape_slashes(text, KG_PREFIX not in declared)
    added = tuple(sorted(p for p in missing if p in known))
    if not added:
        return Prepared(text, (), escapes)
    prologue = " ".join(f"PREFIX {p}: {ox.NamedNode(known[p])}" for p in added)
    return Prepared(f"{prologue}\n{text}", added, escapes)


_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
"""The keywords a SPARQL Update starts with (after its prologue)."""
_KG_TAIL = re.compile(r"(?:/(?!a(?![\w.-]))[\w-][\w.-]*(?<!\.))+")


def _escape_slashes(text: str, ours: bool) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``kg:promise/0480-2025-2026`` as the tables print it is no SPARQL prefixed name (``/`` is a
    path operator); written ``kg:promise\\/0480-2025-2026`` it is. Only ``kg:`` names (``ours``:
    the prefix is the predeclared one) followed by ``/`` and a word that cannot start a path step."""
    if not ours:
        return text, ()
    out: list[str] = []
    escapes: list[tuple[int, int]] = []
    last = 0
    for t in tokens(text):
        if t.kind != "pname" or not t.text.startswith(f"{KG_PREFIX}:"):
            continue
        end = t.start + len(t.text)
        m = _KG_TAIL.match(text, end)
        if m is None:
            continue
        out.append(text[last:end])
        for i, ch in enumerate(m.group()):
            if ch == "/":
                escapes.append(_line_column(text, end + i))
                out.append("\\")
            out.append(ch)
        last = m.end()
    out.append(text[last:])
    return "".join(out), tuple(escapes)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def caret(text: str, line: int, column: int, width: int = 1) -> str:
    """Line ``line`` of ``text`` with a caret (``^``) under ``column`` (both from 1)."""
    lines = text.splitlines() or [""]
    row = lines[min(max(line, 1), len(lines)) - 1].expandtabs(1)
    label = f"{line} | "
    pad = " " * (len(label) - 2) + "| "
    return f"  {label}{row}\n  {pad}{' ' * max(column - 1, 0)}{'^' * max(width, 1)}"


_AT = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.DOTALL)


def explain_syntax_error(
    text: str, error: QuerySyntaxError, prepared: Prepared | None = None
) -> QuerySyntaxError:
    """``error`` (from the store's parser, about ``prepared.text``, made from the user's ``text``)
    as a line, a column, the line with a caret under the place and what could stand there."""
    m = _AT.search(error.message)
    if m is None:
        return error
    line = max(int(m.group(1)) - (prepared.shift if prepared else 0), 1)
    column = int(m.group(2))
    for at_line, at_column in prepared.escapes if prepared else ():
        if at_line == line and at_column < column:
            column -= 1
    said = _said(m.group(3))
    if said:  # the engine's own words (a variable outside GROUP BY ...), not a grammar position
        wanted = ": " + "; ".join(_SAID.get(s, f"motorn säger / the engine says: {s}") for s in said)
    elif '"\\\\u"' in _items(m.group(3)):  # a string's escapes could go on: it never ended
        wanted = (
            ": en sträng som inte slutar (saknas ett \" eller ')? / "
            "a string that does not end (a \" or ' missing?)"
        )
    else:
        expected = _expected(m.group(3))
        wanted = f": väntade / expected {expected}" if expected else ""
    return QuerySyntaxError(
        f"SPARQL-syntaxfel på rad {line}, kolumn {column} / SPARQL syntax error at line {line}, "
        f"column {column}{wanted}\n{caret(text, line, column)}",
        hint=error.hint,
    )


_SAID = {
    "The SELECT contains a variable that is unbound": (
        "SELECT nämner en variabel som frågan inte binder (med GROUP BY: en som inte grupperas) / "
        "SELECT names a variable the query does not bind (with GROUP BY: one not grouped by)"
    ),
    "Duplicated variable name in SELECT": (
        "en variabel står två gånger i SELECT / a variable is named twice in SELECT"
    ),
}
"""The engine's messages that are sentences, in both languages; others are shown as they are."""


def _items(detail: str) -> list[str]:
    """The items of the parser's "expected one of …", whole: a quoted token (``"\\""`` too), a
    keyword or a sentence; character classes (``['0' ..= '9' | …]``, ``[_]``) left out."""
    body = re.sub(r"^expected (?:one of )?", "", detail.strip())
    found = re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,\["]+', body)
    return [i.strip() for i in found if i.strip() and not i.startswith("[")]


def _said(detail: str) -> list[str]:
    """The sentences among the items: what the engine says is wrong (``The SELECT contains a
    variable that is unbound``), rather than what could stand there."""
    return [i for i in _items(detail) if " " in i and not i.startswith('"') and i != "Prefix not found"]


def _expected(detail: str) -> str:
    """The parser's "expected one of …" without its character classes: keywords and punctuation."""
    items = [i for i in _items(detail) if i.startswith('"') or re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", i)]
    if len(items) > 12:
        items = [*items[:12], "…"]
    return ", ".join(items)


def star_select(text: str) -> bool:
    """Whether the query is ``SELECT *`` (``DISTINCT``/``REDUCED`` allowed) at the top level."""
    seq = [t for t in tokens(text) if t.kind not in ("space", "comment") and t.depth == 0]
    for i, t in enumerate(seq):
        if t.kind == "word" and t.text.upper() == "SELECT":
            rest = seq[i + 1 : i + 3]
            if rest and rest[0].kind == "word" and rest[0].text.upper() in ("DISTINCT", "REDUCED"):
                rest = rest[1:]
            return bool(rest) and rest[0].text == "*"
    return False


def query_order(text: str, variables: list[str]) -> list[str]:
    """``variables`` (a result's) in the order they first appear in ``text`` for ``SELECT *``
    (the store lists them alphabetically); as they are for any other query."""
    if not star_select(text):
        return variables
    seen: list[str] = []
    for t in tokens(text):
        if t.kind == "var" and t.text[1:] not in seen:
            seen.append(t.text[1:])
    order = [v for v in seen if v in variables]
    return order + [v for v in variables if v not in order]


def in_query_order(text: str, table: ResultTable) -> ResultTable:
    """A ``SELECT *`` result with its columns in the order the variables first appear in ``text``."""
    if table.boolean is not None:
        return table
    order = query_order(text, table.variables)
    if order == table.variables:
        return table
    index = [table.variables.index(v) for v in order]
    return replace(table, variables=order, rows=[tuple(r[i] for i in index) for r in table.rows])


def graph_text(table: ResultTable, fmt: Format) -> str:
    """CONSTRUCT or DESCRIBE rows (subject, predicate, object) in an RDF syntax."""
    if fmt.ox_rdf is None:
        raise ValueError(f"{fmt.name} is not an RDF format")
    triples = [ox.Triple(s, p, o) for s, p, o in table.rows]  # type: ignore[arg-type]
    prefixes = _used_prefixes(triples) if fmt.ox_rdf is ox.RdfFormat.TURTLE else None
    out = ox.serialize(triples, format=fmt.ox_rdf, prefixes=prefixes)
    written = out.decode("utf-8") if isinstance(out, bytes) else ""
    return written if written.endswith("\n") or not written else written + "\n"


_PLAIN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """The prefixes whose namespace some IRI of ``triples`` is in with a plain local name (so the
    Turtle declares only what it uses, and ``kg:`` IRIs with ``/`` stay whole)."""
    iris: set[str] = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {
        p: ns
        for p, ns in sorted(known_prefixes().items())
        if any(i.startswith(ns) and _PLAIN_LOCAL.fullmatch(i[len(ns) :]) for i in iris)
    }
