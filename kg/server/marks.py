"""What the pages mark beside the data: made-up examples and assumed values.

A document marked ``mbl:isExample true`` (a promise, or a follow-up of one) gets an "exempel /
example" badge and stays out of the national figures. An ``mbl:Assumption`` in a promise's graph
(a value the text does not state) is listed on the promise page and marked beside the activity,
priority or fact it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.namespaces import OX
from kg.server.view import RDF_TYPE, N, Term, TermView, View

NOT_EXAMPLE = "FILTER NOT EXISTS { ?p " + str(OX.mbl.isExample) + " true }"
"""A filter for the home page's national figures: ``?p`` (a promise) is not a made-up example."""


def _true(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.value.strip() in ("true", "1")


def is_example(view: View, iri: str) -> bool:
    """The node is marked as an example, or follows up a promise that is."""
    node = ox.NamedNode(iri)
    if _true(view.obj(node, N("mbl:isExample"))):
        return True
    return any(_true(view.obj(p, N("mbl:isExample"))) for p in view.objs(node, N("mbl:followsUp")))


@dataclass
class AssumedValue:
    """One assumption, ready for a template."""

    node: str
    """The node the assumption is about, in N-Triples form (``<iri>`` or ``_:b``)."""
    node_label: str
    property: TermView
    value: TermView | None
    kind: TermView | None
    reason: str | None
    rule: str | None


def assumptions_of(view: View, promise: str) -> list[AssumedValue]:
    """The assumptions recorded in the graph(s) that hold the promise."""
    node = ox.NamedNode(promise)
    typed = view.store.quads_for_pattern(node, RDF_TYPE, N("mbl:CitizenPromise"), None)
    graphs = {q.graph_name for q in typed}
    out: list[AssumedValue] = []
    for graph in graphs:
        for q in view.store.quads_for_pattern(None, RDF_TYPE, N("mbl:Assumption"), graph):  # type: ignore[arg-type]
            a = q.subject
            subject = view.obj(a, N("rdf:subject"))
            prop = view.obj(a, N("rdf:predicate"))
            if subject is None or not isinstance(prop, ox.NamedNode):
                continue
            value = view.obj(a, N("rdf:object"))
            kind = view.obj(a, N("mbl:assumptionKind"))
            out.append(
                AssumedValue(
                    node=str(subject),
                    node_label=view.label(subject),
                    property=view.term(prop),
                    value=view.term(value) if value is not None else None,
                    kind=view.term(kind) if kind is not None else None,
                    reason=view.text(a, N("mbl:assumptionReason")),
                    rule=view.text(a, N("mbl:assumptionRule")),
                )
            )
    return sorted(out, key=lambda x: (x.node, x.property.label, x.value.label if x.value else ""))


def assumed_on(assumptions: list[AssumedValue], node: Term | str) -> list[dict[str, Any]]:
    """The assumptions about one node, for a mark beside it."""
    key = str(node) if isinstance(node, ox.NamedNode | ox.BlankNode) else f"<{node}>"
    return [{"property": a.property, "value": a.value} for a in assumptions if a.node == key]
