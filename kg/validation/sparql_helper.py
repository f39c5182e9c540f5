"""pySHACL's SPARQL query helper, with the work that depends only on the shapes done once.

For every SPARQL-based constraint, pySHACL (0.40) builds a query helper on each validation run
and, for each focus node, checks the query text with regular expressions (no MINUS, VALUES,
SERVICE, no re-bound ``$this``). Two of those expressions rescan the rest of the text from
every line start, so the check grows with the square of the query's length; together with
reading the ``sh:declare`` prefixes on every run, this was about a quarter of the time of
validating one document. Both results depend only on the shapes graph and the query text, so
:class:`CachedQueryHelper` remembers them. It is installed through pySHACL's own hook for the
helper class (``pyshacl.helper.SPARQLQueryHelperCls``), once, by :func:`install`.

pySHACL is pinned (pyproject.toml) because of this and the validator's other uses of its
internals; tests/integration/test_shapes.py exercises every SPARQL-based shape.
"""

from __future__ import annotations

import threading
from typing import Any

import pyshacl.helper as _helper
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper

_lock = threading.Lock()
_prefixes: dict[tuple[int, Any], tuple[Any, dict[str, Any]]] = {}
"""(id of the shapes graph, constraint node) → (the graph, kept alive so that its id is not
reused, and the constraint's prefixes)."""
_checked: set[tuple[str, bool, frozenset[str]]] = set()
_bound: dict[tuple[Any, ...], tuple[Any, str, bool, bool, bool]] = {}
"""(shapes graph id, shape, query text, value given, extra variables) → (the graph, the query text
with the shape's path in place of ``$PATH``, whether it names ``$this``, ``$value``,
``$currentShape``)."""
_prefixed: dict[tuple[int, Any, str], tuple[Any, str]] = {}
"""(shapes graph id, constraint node, query text) → (the graph, the text with its PREFIX lines)."""


class CachedQueryHelper(SPARQLQueryHelper):  # type: ignore[misc]
    """:class:`SPARQLQueryHelper` that reads each constraint's prefixes and checks each query
    text once per process."""

    def collect_prefixes(self) -> None:
        graph = self.shape.sg.graph
        key = (id(graph), self.node)
        with _lock:
            known = _prefixes.get(key)
        if known is not None and known[0] is graph:
            self.prefixes.update(known[1])
            return
        super().collect_prefixes()
        with _lock:
            _prefixes[key] = (graph, dict(self.prefixes))

    def check_invalid_sparql(self, sparql_text: str, valuenode: Any = None, extravars: Any = None) -> bool:
        # The outcome depends on the text and on which variables may be pre-bound: `value` when
        # a value node is given, and the extra variables.
        key = (sparql_text, valuenode is not None, frozenset(extravars or ()))
        if key in _checked:
            return True
        result: bool = super().check_invalid_sparql(sparql_text, valuenode=valuenode, extravars=extravars)
        with _lock:
            _checked.add(key)
        return result

    def pre_bind_variables(self, thisnode: Any, valuenode: Any = None, extravars: Any = None) -> Any:
        # What pySHACL works out from the text on every focus node (five regular expressions and
        # the path written into the text) depends only on the text, the shape and which
        # variables may be bound: worked out once, then only the bindings are made per node.
        graph = self.shape.sg.graph
        extra = frozenset(extravars or ())
        key = (id(graph), self.shape.node, self.select_text, valuenode is not None, extra)
        known = _bound.get(key)
        if known is None or known[0] is not graph:
            _bindings, text = super().pre_bind_variables(thisnode, valuenode=valuenode, extravars=extravars)
            select = self.select_text
            known = (
                graph,
                text,
                self.bind_this_regex.search(select) is not None,
                self.bind_value_regex.search(select) is not None,
                self.bind_cs_regex.search(select) is not None,
            )
            with _lock:
                _bound[key] = known
        _graph, text, this, value, shape = known
        init: dict[str, Any] = {}
        if this:
            init["this"] = thisnode
        if value and valuenode:  # pySHACL's own test of the value node
            init["value"] = valuenode
        if shape:
            init["currentShape"] = self.shape.node
        return init, text

    def apply_prefixes(self, sparql: Any) -> str:
        graph = self.shape.sg.graph
        key = (id(graph), self.node, sparql)
        known = _prefixed.get(key)
        if known is not None and known[0] is graph:
            return known[1]
        text: str = super().apply_prefixes(sparql)
        with _lock:
            _prefixed[key] = (graph, text)
        return text


def install() -> None:
    """Make pySHACL use :class:`CachedQueryHelper` (idempotent)."""
    setattr(_helper, "SPARQLQueryHelperCls", CachedQueryHelper)  # noqa: B010  (no typed attribute)
