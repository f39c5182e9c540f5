"""What a bulk load gives the follow-up state (:mod:`kg.store.followup_state`): the few
quads of a load (or of one document) that the state reads, and the promises whose state those
touch, from which an import's loads are planned (:mod:`kg.ingest.bulk`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.iris import Minter
from kg.namespaces import OX
from kg.store.followup_keys import PLAN_PREDICATES as _PLAN_PREDICATES
from kg.store.state_counts import COUNTED, line_pattern

MBL = OX.mbl
_TYPE = OX.rdf.type
_ACTIVITY = MBL.activity
_SUMMARISED = MBL.summarisedPromise
SUMMARY_PREDICATES = {
    MBL.summarisedPromise,
    MBL.summarisedFollowUp,
    MBL.summaryPeriodStart,
    MBL.summaryPeriodEnd,
    MBL.summaryAssessed,
    MBL.summaryCompleted,
}
"""A follow-up's summary (:mod:`kg.store.followup_facts`), as the state reads it."""

LOADED = (_ACTIVITY, *_PLAN_PREDICATES, *sorted(SUMMARY_PREDICATES, key=str), *COUNTED)
STATE_PREDICATES = frozenset(LOADED)
"""What the state reads: the summaries, ``mbl:activity``, a promise's plan and period (the overdue
day), what its counts read (:mod:`kg.store.state_counts`); and an assumption's ``rdf:type``."""
_LOADED_LINE = line_pattern(LOADED)


def read_by_state(q: ox.Quad) -> bool:
    return q.predicate in STATE_PREDICATES or (q.predicate == _TYPE and q.object == MBL.Assumption)


def loaded_quads(data: bytes, minter: Minter | None = None) -> list[ox.Quad]:
    """The quads of N-Quads ``data`` that the state reads (the summaries', the promises'
    ``mbl:activity``, their plans and periods; not a catalogue record's ``dct:temporal``): only
    their lines are parsed."""
    lines: dict[int, bytes] = {}
    for m in _LOADED_LINE.finditer(data):
        start = data.rfind(b"\n", 0, m.start()) + 1
        if start not in lines:
            end = data.find(b"\n", m.end())
            lines[start] = data[start : end if end >= 0 else len(data)]
    if not lines:
        return []
    parsed = ox.parse(b"\n".join(lines.values()) + b"\n", format=ox.RdfFormat.N_QUADS, lenient=True)
    cat = ox.NamedNode((minter or Minter()).graph_iri("catalogue"))
    return [
        q
        for q in parsed
        if read_by_state(q) and not (q.graph_name == cat and q.predicate in _PLAN_PREDICATES)
    ]


def state_lines(graph: str, triples: Iterable[ox.Quad], derived: Iterable[ox.Quad]) -> bytes:
    """The N-Quads of what an import loads for one document (its ``triples`` in its ``graph``,
    its ``derived`` facts' quads) that the state reads: made where the document is read (an
    import worker, :mod:`kg.ingest.prepare`), so the importer's write parses these few lines
    (:func:`kg.store.followup_state.load_state`) instead of looking for them in the whole load."""
    g, reads = ox.NamedNode(graph), STATE_PREDICATES  # read_by_state, each predicate read once
    quads = [
        ox.Quad(q.subject, p, q.object, g)
        for q in triples
        if (p := q.predicate) in reads or (p == _TYPE and q.object == MBL.Assumption)
    ] + [q for q in derived if read_by_state(q)]
    return (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"") if quads else b""


def stores_any(
    store: ox.Store, predicates: Iterable[ox.NamedNode], graph: ox.NamedNode | None = None
) -> bool:
    return any(
        next(iter(store.quads_for_pattern(None, p, None, graph)), None) is not None for p in predicates
    )


def touched_by(store: ox.Store, parts: Sequence[Sequence[ox.Quad]]) -> list[set[ox.NamedNode]]:
    """For each of ``parts`` (the quads the state reads of a load, or of one document, as
    :func:`loaded_quads` or :func:`state_lines` give them), the promises whose state it touches,
    when ``parts`` are loaded together into ``store``: the subject of its ``mbl:activity`` and
    ``mbl:followUpPlan``, the promise its summary nodes name (in any of ``parts`` or stored). A
    load touches the promises its documents touch (the union of theirs)."""
    # the promises a summary node names, for a part that adds to a summary without naming
    # its promise (stated in another part, or stored)
    named: dict[object, set[object]] = {}
    for part in parts:
        for q in part:
            if q.predicate == _SUMMARISED:
                named.setdefault(q.subject, set()).add(q.object)
    stored_named = stores_any(store, (_SUMMARISED,))
    looked: set[object] = set()
    out: list[set[ox.NamedNode]] = []
    for part in parts:
        touched: set[object] = set()
        for q in part:
            if q.predicate in (_ACTIVITY, MBL.followUpPlan):
                touched.add(q.subject)
            elif q.predicate in SUMMARY_PREDICATES:
                if stored_named and q.subject not in looked:
                    looked.add(q.subject)
                    found = store.quads_for_pattern(q.subject, _SUMMARISED, None, None)
                    named.setdefault(q.subject, set()).update(f.object for f in found)
                touched |= named.get(q.subject, set())
        out.append({p for p in touched if isinstance(p, ox.NamedNode)})
    return out
