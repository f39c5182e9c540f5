"""SPARQL-based constraints evaluated once per shape and run, not once per focus node.

pySHACL (0.40) evaluates a SPARQL-based constraint (``sh:sparql``) with one query per focus node,
``$this`` pre-bound: for a run of 64 documents that is thousands of Oxigraph queries, each
parsed again, each answer converted to rdflib terms. :class:`BatchedSPARQLConstraint` (pySHACL's
own :class:`~pyshacl.constraints.sparql.sparql_based_constraints.SPARQLBasedConstraint`, installed
in its table of constraint components by :mod:`kg.validation.shacl_graph`) asks one query for all
focus nodes of the shape instead: the constraint's SELECT with ``$this`` joined, at the start of
its WHERE group, with the focus nodes of the evaluation, which are written for the length of the
query into a named graph of the run's store that nothing else reads (pySHACL reads the default
graph only; no focus node is spliced into the query text). The answers are grouped by ``$this``
and handed to pySHACL's own loop (:meth:`_validate_sparql_query` answers for one focus node from
them), so every validation result (focus node, value, path, message with ``{?var}``
substitution, severity, source constraint, shape and component) is made by pySHACL's code as
before.

Joining at the start of the group is pre-binding for the queries SHACL allows (no MINUS, VALUES,
SERVICE, no re-bound ``$this``; pySHACL refuses the others): every pattern, OPTIONAL, BIND and
FILTER of the group then sees ``$this`` bound. What this module cannot rewrite safely is left to
pySHACL's per-focus-node path (:meth:`SPARQLBasedConstraint._evaluate_sparql_constraint`):

* a query whose head is not ``SELECT [DISTINCT|REDUCED] ?var ... [WHERE] {`` (``SELECT *``,
  expressions, FROM, comments in the head) or that does not project ``$this``;
* a query with anything after its WHERE group (GROUP BY, ORDER BY, LIMIT, OFFSET, HAVING: they
  would apply to all focus nodes together), a nested SELECT (pre-binding reaches into it, a join
  would not), or the words GRAPH, VALUES, MINUS, SERVICE anywhere;
* a query that pre-binds more than ``$this`` (``$currentShape``; pySHACL does not bind ``$value``
  for SPARQL-based constraints, and refuses ``$shapesGraph``); ``$PATH`` is written into the text
  by pySHACL before, the same for every focus node, so it is batched;
* a data graph that is not an Oxigraph store, and an evaluation with a single focus node (one
  query either way; nested shapes, reached through ``sh:node``, are evaluated one value at a time).

tests/integration/test_sparql_batch.py compares the reports of both paths on the bundled examples,
the test fixtures, the seeds and a sample of the benchmark corpus, and on documents made to fire
every SPARQL-based shape.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyoxigraph as ox
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from pyshacl.graph_abstraction import to_ox, to_rdf

FOCUS_GRAPH = ox.NamedNode("urn:x-kg:validation:focus")
"""The named graph that holds the focus nodes while a batched query runs (also its subject and
predicate: ``<g> <g> focus``, so that a literal can be a focus node)."""

_HEAD = re.compile(
    r"\A\s*SELECT\s+(?P<mod>(?:DISTINCT|REDUCED)\s+)?(?P<vars>(?:[?$]\w+\s+)*[?$]\w+)\s*(?:WHERE\s*)?\{",
    re.IGNORECASE,
)
_UNSAFE = re.compile(r"\b(?:SELECT|GRAPH|VALUES|MINUS|SERVICE)\b", re.IGNORECASE)

MIN_FOCUS_NODES = 2
"""Fewer focus nodes than this are left to pySHACL's path (one query either way; the tests set it
to 1 to send every evaluation through the batched path)."""

_lock = threading.Lock()
_texts: dict[tuple[int, Any, str], tuple[Any, str | None]] = {}
"""(shapes graph id, constraint node, pre-bound text) → (the graph, kept alive so that its id is
not reused, and the batched text with its prefixes, or None: pySHACL's path)."""
_state = threading.local()


def batched_text(text: str) -> str | None:
    """The query ``text`` (``$PATH`` already written in) with ``$this`` joined with the focus
    graph at the start of its WHERE group, or None when it cannot be batched (module docstring)."""
    head = _HEAD.match(text)
    if head is None:
        return None
    names = [v[1:] for v in head.group("vars").split()]
    body = text[head.end() :]
    if "this" not in names or _UNSAFE.search(body) or not body.rstrip().endswith("}"):
        return None
    g = str(FOCUS_GRAPH)
    return (
        f"SELECT {head.group('mod') or ''}{head.group('vars')} WHERE {{\n"
        f"  GRAPH {g} {{ {g} {g} ?this }}\n{body}"
    )


@contextmanager
def per_focus_node() -> Iterator[None]:
    """Evaluate SPARQL-based constraints with pySHACL's own path (one query per focus node), and
    find value nodes one focus node at a time (:class:`kg.validation.shacl_graph.ScannedShape`),
    in this thread while the block runs: the reference the batched paths are tested against."""
    before = getattr(_state, "off", False)
    _state.off = True
    try:
        yield
    finally:
        _state.off = before


def ox_terms(graph: Any, nodes: Any) -> dict[Any, Any]:
    """The pyoxigraph term of each rdflib node → the node, remembered on the run's data graph
    (the same focus nodes come back for many shapes of a run)."""
    known: dict[Any, Any] | None = getattr(graph, "_kg_ox_terms", None)
    if known is None:
        known = {}
        graph._kg_ox_terms = known
    out = {}
    for node in nodes:
        term = known.get(node)
        if term is None:
            term = known[node] = to_ox(node)
        out[term] = node
    return out


def per_focus_node_now() -> bool:
    """Whether this thread is in a :func:`per_focus_node` block."""
    return bool(getattr(_state, "off", False))


class BatchedSPARQLConstraint(SPARQLBasedConstraint):  # type: ignore[misc]
    """:class:`SPARQLBasedConstraint` that asks each query once for all focus nodes."""

    _answers: dict[Any, list[Any]] | None = None

    def _evaluate_sparql_constraint(self, sparql_constraint: Any, target_graph: Any, f_v_dict: dict) -> Any:  # type: ignore[type-arg]
        answers = self._batched(sparql_constraint, target_graph, f_v_dict)
        if answers is None:  # pySHACL's own path, one query per focus node
            return super()._evaluate_sparql_constraint(sparql_constraint, target_graph, f_v_dict)
        # pySHACL's loop makes nothing of a focus node without violations: only those with some
        # go through it, in their order (none: conforms, no result)
        answered = {f: values for f, values in f_v_dict.items() if answers.get(f)}
        if not answered:
            return False, []
        self._answers = answers
        try:
            return super()._evaluate_sparql_constraint(sparql_constraint, target_graph, answered)
        finally:
            self._answers = None

    def _validate_sparql_query(self, query: Any, init_binds: Any, target_graph: Any) -> Any:
        if self._answers is None:
            return super()._validate_sparql_query(query, init_binds, target_graph)
        return self._answers.get(init_binds["this"], [])

    def _batched(self, helper: Any, target_graph: Any, f_v_dict: dict) -> dict[Any, list[Any]] | None:  # type: ignore[type-arg]
        """The violations of each focus node, as :meth:`_validate_sparql_query` makes them from
        one query per focus node; None: not batched (the module docstring says when)."""
        store = getattr(target_graph, "impl", None)
        if (
            per_focus_node_now()
            or len(f_v_dict) < MIN_FOCUS_NODES
            or not isinstance(store, ox.Store)
            or not hasattr(target_graph, "query_oxigraph")
        ):
            return None
        init, text = helper.pre_bind_variables(next(iter(f_v_dict)))
        if set(init) != {"this"}:
            return None
        query = _query(helper, text)
        if query is None:
            return None
        focus = ox_terms(target_graph, f_v_dict)
        store.extend(ox.Quad(FOCUS_GRAPH, FOCUS_GRAPH, node, FOCUS_GRAPH) for node in focus)  # type: ignore[arg-type]
        try:
            solutions = target_graph.query_oxigraph(query)
            names = [v.value for v in solutions.variables]
            rows: dict[Any, list[dict[str, Any]]] = {}
            rdf: dict[Any, Any] = {}  # each term converted once
            for solution in solutions:
                row: dict[str, Any] = {}
                for name, term in zip(names, solution, strict=True):
                    if term is not None:
                        converted = rdf.get(term)
                        if converted is None:
                            converted = rdf[term] = to_rdf(term)
                        row[name] = converted
                rows.setdefault(solution["this"], []).append(row)
        finally:
            store.remove_graph(FOCUS_GRAPH)
        return {focus[node]: _violations(found) for node, found in rows.items() if node in focus}


def _query(helper: Any, text: str) -> str | None:
    graph = helper.shape.sg.graph
    key = (id(graph), helper.node, text)
    known = _texts.get(key)
    if known is None or known[0] is not graph:
        batched = batched_text(text)
        known = (graph, helper.apply_prefixes(batched) if batched is not None else None)
        with _lock:
            _texts[key] = known
    return known[1]


def _violations(rows: list[dict[str, Any]]) -> list[Any]:
    """What pySHACL's ``_validate_sparql_query`` returns for one focus node's solutions (the
    same steps: a ``?failure`` once, else (this, path, value, the other variables) once each)."""
    violations: list[Any] = []
    failed = False
    for var_dict in rows:
        f = var_dict.pop("failure", None)
        if f is not None:
            if not failed:
                violations.append((True, var_dict))
                failed = True
            continue
        p = var_dict.pop("path", None)
        v = var_dict.pop("value", None)
        t = var_dict.pop("this", None)
        if (p is not None) or (v is not None) or (t is not None):
            if (t, p, v, var_dict) in violations:
                continue
            violations.append((t, p, v, var_dict))
    return violations
