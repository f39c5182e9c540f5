"""Small, safe edits of SPARQL query text: find variables, add a VALUES block, set LIMIT/OFFSET.

These functions never put user text into a query. A VALUES block is built only from RDF terms
(pyoxigraph terms, serialised in N-Triples form, which escapes quotes, ``>``, braces and line
breaks), and LIMIT/OFFSET only from integers. A light tokenizer skips comments, strings and IRIs,
so a ``{`` or ``?x`` inside them is never taken for syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Concatenate, ParamSpec, TypeVar

import pyoxigraph as ox

from kg.errors import QuerySyntaxError, QueryTooComplex

Term = ox.NamedNode | ox.BlankNode | ox.Literal

# The name characters of SPARQL's grammar (PN_CHARS and its kin, and VARNAME's) are written as
# the complement of the ASCII and Latin-1 characters they leave out: a class spelled with
# ranges up to U+FFFF takes tens of milliseconds to compile, once per process start (issue 19).
_PN_START = r"[^\x00-\x40\x5b-\x60\x7b-\xbf]"
_PN_CHAR = r"[^\x00-\x2c\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\xb6]"
_PN_LOCAL = r"[^\x00-\x24\x26-\x2c\x2e\x2f\x3b-\x40\x5b-\x5e\x60\x7b-\xb6]"
_PNAME = rf"(?:{_PN_START}{_PN_CHAR}*)?:(?:{_PN_LOCAL}|\\.|\.(?=[\w\-:%]))*"
_VAR = r"[?$][^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\xb6\xb8-\xbf]+"
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '''(?:[^'\\]|\\.|'(?!''))*'''
        | "(?:[^"\\\n\r]|\\.)*"
        | '(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>"""
    + _VAR
    + r""")
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<pname>"""
    + _PNAME
    + r""")
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*)
    | (?P<number>\d+)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


# -- what is remembered of a text ------------------------------------------------------------------

MEMO_CHARS = 64_000
"""Longest text whose tokens and analyses are remembered (a saved query is a few kB): a repeated
page of a saved query analyses the same texts again and again, and tokenising them cost more
than the cached answer itself (issue 19: 5-11 ms a repeated page, most of it here)."""
MEMO_TEXTS = 64
"""How many texts are remembered (the saved queries, their plain forms and windows)."""

R = TypeVar("R")
P = ParamSpec("P")


def _memo(fn: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
    """``fn`` of a text (and hashable arguments), remembered for texts up to :data:`MEMO_CHARS`
    (``fn`` must be pure: its answer depends on its arguments alone). An exception is not
    remembered: it is raised again, the text analysed again, each time."""
    cached = lru_cache(maxsize=MEMO_TEXTS)(fn)

    @wraps(fn)
    def call(text: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if len(text) > MEMO_CHARS:
            return fn(text, *args, **kwargs)
        return cached(text, *args, **kwargs)  # type: ignore[arg-type]

    return call


# -- limits checked before a query is parsed -------------------------------------------------------

MAX_NESTING = 64
"""Most levels of ``{}``, ``()`` and ``[]`` a query may nest (the parser recurses on each)."""
MAX_OPERATORS = 1000
"""Most keywords, function names and operators (``. ; , | / ! && + ...``) in one query."""

_SCAN = re.compile(
    r"""
    (?P<skip>\#[^\n\r]*
      | \"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*\"\"\" | '''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''
      | "[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*" | '[^'\\\n\r]*(?:\\.[^'\\\n\r]*)*'
      | <[^<>"{}|^`\\\x00-\x20]*>
      | """
    + _VAR
    + r"""
      | \\. | \s+ | [0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?
      | """
    + _PNAME
    + r""")
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<op>[A-Za-z_][A-Za-z0-9_]* | .)
    """,
    re.VERBOSE | re.DOTALL,
)


@_memo
def check_complexity(text: str, *, nesting: int = MAX_NESTING, operators: int = MAX_OPERATORS) -> None:
    """Refuse a query that nests deeper than ``nesting`` or has more than ``operators`` operators.

    Runs before the query is parsed: the SPARQL parser and planner recurse on nesting and on
    chains of operators, and a query some thousands deep overflows their stack, which no error
    handler can catch (the process dies). Comments, strings, IRIs, variables, numbers and
    prefixed names are skipped, so braces or operators inside them do not count; a
    backslash escape outside a string (``ex:a\\'``) is one character of a name.
    """
    depth = ops = 0
    for m in _SCAN.finditer(text):
        kind = m.lastgroup
        if kind == "skip":
            continue
        if kind == "open":
            depth += 1
            if depth > nesting:
                raise QueryTooComplex(
                    f"frågan är nästlad djupare än {nesting} nivåer / the query nests deeper than "
                    f"{nesting} levels of {{}}, () or [] (the limit of this server)",
                    hint="Skriv om frågan med färre nivåer / rewrite the query with fewer levels.",
                )
        elif kind == "close":
            depth = max(0, depth - 1)
        else:
            ops += 1
            if ops > operators:
                raise QueryTooComplex(
                    f"frågan har fler än {operators} nyckelord och operatorer / the query has more "
                    f"than {operators} keywords and operators (the limit of this server)",
                    hint="Dela upp frågan; långa listor av värden skrivs med VALUES / split the "
                    "query; write long lists of values with VALUES.",
                )


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    depth: int
    """Brace depth before the token (an opening brace at the top level has depth 0)."""


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a query, with their brace depth; comments, strings and IRIs are single tokens."""
    return iter(token_list(text))


@_memo
def token_list(text: str) -> tuple[Token, ...]:
    """:func:`tokens` as a tuple, remembered for the texts seen last."""
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[Token]:
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        yield Token(kind, m.group(), m.start(), depth)
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)


def order_by(toks: Sequence[Token]) -> int | None:
    """The index in ``toks`` (a query's tokens without spaces and comments) of the ``ORDER`` of
    its top-level ``ORDER BY``, or None; the sort keys start two tokens on."""
    return next(
        (
            i
            for i in range(len(toks) - 1)
            if toks[i].depth == 0 and toks[i].text.upper() == "ORDER" and toks[i + 1].text.upper() == "BY"
        ),
        None,
    )


def written_iri(written: str, toks: Sequence[Token]) -> ox.NamedNode | None:
    """The IRI of a predicate written ``<iri>`` or ``prefix:local`` in a text (``toks``, without
    spaces and comments) that declares the prefix, or None (a relative IRI, an undeclared prefix)."""
    if written.startswith("<"):
        iri = written[1:-1]
    else:
        prefix, _, local = written.partition(":")
        declared = {
            toks[i + 1].text: toks[i + 2].text[1:-1]
            for i in range(len(toks) - 2)
            if toks[i].kind == "word" and toks[i].text.upper() == "PREFIX"
            if toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri"
        }
        if prefix + ":" not in declared:
            return None
        iri = declared[prefix + ":"] + local
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def variables(text: str) -> list[tuple[str, int]]:
    """Every variable occurrence (name without ``?``, offset), outside comments, strings and IRIs."""
    return [(t.text[1:], t.start) for t in tokens(text) if t.kind == "var"]


@_memo
def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (the first such keyword)."""
    for t in tokens(text):
        if t.kind == "word" and t.depth == 0 and t.text.upper() in _FORMS:
            return t.text.upper()
    raise QuerySyntaxError("ingen SELECT/ASK/CONSTRUCT/DESCRIBE i frågan / not a SPARQL query")


_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@_memo
def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset (``FROM`` or ``FROM NAMED``, outside any group).

    Such a query is evaluated over the graphs it names; without one, kg queries the union of all
    graphs as the default graph.
    """
    return any(t.kind == "word" and t.depth == 0 and t.text.upper() == "FROM" for t in tokens(text))


def _where_brace(toks: list[Token]) -> int:
    """Index (in ``toks``) of the brace that opens the query's WHERE group."""
    form: str | None = None
    seen_where = False
    for i, t in enumerate(toks):
        if t.depth != 0:
            continue
        if t.kind == "word":
            word = t.text.upper()
            if form is None and word in _FORMS:
                form = word
            elif form is not None and word == "WHERE":
                seen_where = True
        elif t.kind == "open" and form is not None and (seen_where or form != "CONSTRUCT"):
            return i
    raise QuerySyntaxError("hittar inte frågans WHERE-block / cannot find the query's WHERE group")


def values_block(values: Mapping[str, Sequence[Term]]) -> str:
    """A VALUES block for several variables; each variable's values are alternatives.

    The rows are the cross product of the given values (one variable with two values and one
    with one value give two rows). Terms are serialised as N-Triples terms.
    """
    names = list(values)
    rows: list[list[str]] = [[]]
    for name in names:
        if not values[name]:
            raise ValueError(f"no values for ?{name}")
        rows = [[*r, _term(v)] for r in rows for v in values[name]]
    head = " ".join(f"?{n}" for n in names)
    body = " ".join("(" + " ".join(r) + ")" for r in rows)
    return f"VALUES ({head}) {{ {body} }}"


def _term(term: Term) -> str:
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise TypeError(f"only IRIs and literals can be bound, not {term!r}")
    return str(term)


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def inject_values(text: str, values: Mapping[str, Sequence[Term]]) -> str:
    """The query with a VALUES block for ``values`` as the first element of its WHERE group.

    Placed there, the values join with the whole group (filters and aggregates included), exactly
    as pre-bound variables do; a trailing VALUES clause would join after aggregation instead.
    """
    if not values:
        return text
    for name in values:
        if not _NAME.match(name):
            raise ValueError(f"not a variable name: {name!r}")
    toks = list(tokens(text))
    brace = toks[_where_brace(toks)]
    at = brace.start + 1
    return f"{text[:at]}\n  {values_block(values)}\n{text[at:]}"


@_memo
def with_window(text: str, limit: int | None = None, offset: int | None = None) -> str:
    """The query with at most ``limit`` rows from ``offset`` on (existing LIMIT/OFFSET respected)."""
    if limit is None and not offset:
        return text
    toks = list(tokens(text))
    where = _where_brace(toks)
    # the top-level tokens after the WHERE group closes
    close = next(
        (i for i in range(where + 1, len(toks)) if toks[i].kind == "close" and toks[i].depth == 1), None
    )
    if close is None:
        raise QuerySyntaxError("frågans WHERE-block slutar inte / the WHERE group is not closed")
    tail = [t for t in toks[close + 1 :] if t.depth == 0 and t.kind not in ("space", "comment")]
    existing: dict[str, tuple[int, int, int]] = {}
    values_at: int | None = None
    for i, t in enumerate(tail):
        word = t.text.upper() if t.kind == "word" else ""
        if word in ("LIMIT", "OFFSET") and i + 1 < len(tail) and tail[i + 1].text.isdigit():
            n = tail[i + 1]
            existing[word] = (n.start, n.start + len(n.text), int(n.text))
        elif word == "VALUES" and values_at is None:
            values_at = t.start
    edits: list[tuple[int, int, str]] = []
    new_offset = offset or 0
    if "OFFSET" in existing:
        s, e, old = existing["OFFSET"]
        new_offset += old
        if offset:
            edits.append((s, e, str(new_offset)))
    if "LIMIT" in existing:
        s, e, old = existing["LIMIT"]
        room = max(0, old - (offset or 0))
        new_limit = room if limit is None else min(limit, room)
        edits.append((s, e, str(new_limit)))
        add = ""
    else:
        add = f"\nLIMIT {int(limit)}" if limit is not None else ""
    if offset and "OFFSET" not in existing:
        add += f"\nOFFSET {int(offset)}"
    for s, e, repl in sorted(edits, reverse=True):
        text = text[:s] + repl + text[e:]
    if add:
        if values_at is not None:
            # digits changed above lie after the trailing VALUES only if it came first; find it again
            starts = [
                t.start
                for t in tokens(text)
                if t.depth == 0 and t.kind == "word" and t.text.upper() == "VALUES"
            ]
            pos = starts[-1]
            text = text[:pos] + add.lstrip("\n") + "\n" + text[pos:]
        else:
            text = text.rstrip() + add + "\n"
    return text


def bind_constants(text: str, values: Mapping[str, Term]) -> str | None:
    """The query with each variable of ``values`` written as its constant term, or None.

    Only for SELECT queries on the embedded store, where pyoxigraph plans a constant into its
    joins but not a substituted variable (decision 0011). Each value is a pyoxigraph term
    serialised in N-Triples form (``str(ox.NamedNode)``/``str(ox.Literal)``, which escapes
    quotes, line breaks and ``>``), never user text; the tokenizer replaces only variable
    tokens, never text inside strings, IRIs or comments. So that the result keeps the
    variable's column, ``SELECT ?v`` becomes ``SELECT (<c> AS ?v)``; ``GROUP BY ?v`` and
    ``ORDER BY ?v`` become ``GROUP BY (<c>)`` and ``ORDER BY (<c>)``.

    Returns None (the caller then substitutes) when the text uses a variable of ``values`` in a
    way a constant cannot take: as the target of ``AS`` or ``VALUES``, in ``BOUND()``, under
    ``SELECT *``, or when the text is not a SELECT query.
    """
    if not values:
        return text
    for name, term in values.items():
        if not _NAME.match(name) or not isinstance(term, (ox.NamedNode, ox.Literal)):
            return None
    consts = {name: str(term) for name, term in values.items()}
    try:
        if query_form(text) != "SELECT":
            return None
    except QuerySyntaxError:
        return None
    out: list[str] = []
    clause = ""  # "select", "group", "order", "values" or "" (patterns and expressions)
    parens = 0  # parenthesis depth inside the current clause
    prev = prev2 = ""  # the two previous significant tokens, words upper-cased
    for t in tokens(text):
        piece = t.text
        if t.kind == "word":
            word = t.text.upper()
            if word == "SELECT":
                clause, parens = "select", 0
            elif word == "BY" and prev in ("GROUP", "ORDER"):
                clause, parens = ("group" if prev == "GROUP" else "order"), 0
            elif word in ("WHERE", "HAVING", "LIMIT", "OFFSET", "GROUP", "ORDER"):
                clause = ""
            elif word == "VALUES":
                clause = "values"
        elif t.kind == "other":
            if t.text == "(":
                parens += 1
            elif t.text == ")":
                parens = max(0, parens - 1)
            elif t.text == "*" and clause == "select" and parens == 0:
                return None
        elif t.kind in ("open", "close"):
            clause, parens = "", 0
        elif t.kind == "var" and t.text[1:] in consts:
            name = t.text[1:]
            if prev == "AS" or clause == "values" or (prev == "(" and prev2 == "BOUND"):
                return None
            const = consts[name]
            if clause == "select" and parens == 0:
                piece = f"({const} AS ?{name})"
            elif clause in ("group", "order") and parens == 0:
                piece = f"({const})"
            else:
                piece = const
        if t.kind not in ("space", "comment"):
            prev2, prev = prev, (t.text.upper() if t.kind == "word" else t.text)
        out.append(piece)
    return "".join(out)


def bound_query(text: str, values: Mapping[str, Term]) -> str:
    """A SELECT query kg itself writes, with each variable of ``values`` as its constant RDF term.

    The one way kg puts a value it knows (a graph, a record) into its own query text: through
    :func:`bind_constants`, as serialised pyoxigraph terms, never as text. pyoxigraph plans such
    constants into its joins. A ValueError where a variable cannot take a constant (a bug in the
    query text, not in user input).
    """
    out = bind_constants(text, values)
    if out is None:
        raise ValueError(f"cannot bind {sorted(values)} as constants in: {text}")
    return out
