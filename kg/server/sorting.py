"""Result tables that sort by a column without JavaScript: ``?_sort=COLUMN&_dir=asc|desc``.

The rows the page shows (the materialised result, at most the server's result limit) are sorted
on the server: numbers by value when every value of the column is a number, anything else by its
label (case-folded), empty cells last in either direction. Each column heading links to the same
page sorted by it (ascending, or descending when it already is ascending); the page's own script
(``static/table.js``) sorts and filters the table in place when JavaScript runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request

from kg.errors import QueryParameterError
from kg.server.context import context
from kg.server.view import TermView

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Sort:
    """How a table is sorted and where each heading links."""

    column: str | None = None
    descending: bool = False
    links: dict[str, str] = field(default_factory=dict)
    """Column → the link that sorts by it (the other direction when it is the sorted column)."""
    numeric: frozenset[str] = frozenset()
    """The columns whose every value is a number (sorted by value)."""

    def aria(self, column: str) -> str:
        if column != self.column:
            return "none"
        return "descending" if self.descending else "ascending"


@dataclass
class Table:
    columns: list[str]
    rows: list[dict[str, TermView | None]]
    truncated: bool = False
    limit: int = 0
    boolean: bool | None = None
    sort: Sort = field(default_factory=Sort)


def is_number(tv: TermView | None) -> bool:
    return tv is not None and tv.literal and bool(_NUMBER.fullmatch(tv.label))


def numeric_columns(table: Table) -> frozenset[str]:
    return frozenset(
        c
        for c in table.columns
        if any(r.get(c) is not None for r in table.rows)
        and all(r.get(c) is None or is_number(r.get(c)) for r in table.rows)
    )


def sort_rows(
    rows: list[dict[str, TermView | None]], column: str, descending: bool, numeric: bool
) -> list[dict[str, TermView | None]]:
    """``rows`` by ``column`` (a stable sort; empty cells last in either direction)."""

    def key(row: dict[str, TermView | None]) -> Any:
        tv = row.get(column)
        assert tv is not None
        return float(tv.label) if numeric else (tv.label.casefold(), tv.label)

    filled = [r for r in rows if r.get(column) is not None]
    empty = [r for r in rows if r.get(column) is None]
    return sorted(filled, key=key, reverse=descending) + empty


def sorted_table(table: Table, request: Request) -> Table:
    """``table`` sorted as the request's ``_sort`` and ``_dir`` say, with the headings' links;
    :class:`QueryParameterError` naming the columns when ``_sort`` names none of them."""
    ctx = context(request)
    column = (request.query_params.get("_sort") or "").strip() or None
    direction = (request.query_params.get("_dir") or "asc").strip().lower()
    if direction not in ("asc", "desc"):
        raise QueryParameterError(
            f"_dir ska vara asc eller desc / _dir must be asc or desc, not {direction[:20]!r}"
        )
    if column is not None and column not in table.columns:
        raise QueryParameterError(
            f"_sort: ingen kolumn / no column {column[:60]!r}",
            hint="Kolumner / columns: " + ", ".join(table.columns),
        )
    numeric = numeric_columns(table)
    descending = direction == "desc"
    rows = sort_rows(table.rows, column, descending, column in numeric) if column else table.rows
    base = [(k, v) for k, v in request.query_params.multi_items() if k not in ("_sort", "_dir")]
    here = ctx.path(ctx.request_path(request))
    links = {}
    for c in table.columns:
        flip = "desc" if c == column and not descending else "asc"
        links[c] = here + "?" + urlencode([*base, ("_sort", c), ("_dir", flip)])
    return replace(table, rows=rows, sort=Sort(column, descending, links, numeric))
