"""Which documents can share one pySHACL run (:func:`batches`): the rule that lets
:meth:`kg.validation.validator.Validator.validate` validate many documents at once while every
report stays the one the document would get alone."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container, Sequence
from typing import Any

import pyoxigraph as ox

from kg.namespaces import MBL
from kg.terms import OxTerm

Triple = tuple[Any, Any, Any]
"""(subject, predicate, object) as pyoxigraph terms."""

CROSS_DOCUMENT = frozenset(ox.NamedNode(str(p)) for p in (MBL.followsUp, MBL.assessedActivity))
"""Properties that point from a follow-up into its promise, another document."""

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def batches(
    docs: Sequence[list[Triple]],
    contexts: Sequence[list[Triple] | None],
    reference: Container[OxTerm] = frozenset(),
) -> list[list[int]]:
    """Groups of documents that can share one pySHACL run without one document's triples
    standing in for another's: every node two documents of a run both name is described the same
    way in both (the same triples about it, named through the same properties), so each
    document's findings are those it would have alone. Documents of one municipality that
    describe its offices and the local police area alike share a run; a document that only names
    an actor another describes does not. A follow-up's context (the promise it follows up) is in a
    run only as context: never beside the promise's own document, whose triples would stand in
    for the stored ones, and beside another follow-up only when the two have the same context.
    A node a context names without describing it (the promise's police unit, described in the
    promise's own graph) is never beside a document that names it: the context's triples type it
    (the range of mbl:policeUnit), which would make it an actor to check in a document that only
    points to it. A node of ``reference`` (the nodes the reference data describes, the same in
    every run) or a class is exempt."""
    # What each document names and what lies outside it (its context's nodes, the documents it
    # points into). Only a node that two documents name or have outside can make them differ: the
    # rule below is asked of those nodes alone, which gives the groups it gives over every node.
    names: list[set[OxTerm]] = []
    outsides: list[set[OxTerm]] = []
    pointed: list[set[OxTerm]] = []  # what a context names and does not describe
    count: Counter[OxTerm] = Counter()
    for i, doc in enumerate(docs):
        ctx = contexts[i]
        outside = {o for _, p, o in doc if p in CROSS_DOCUMENT}
        if ctx is not None:
            outside.update(s for s, _, _ in ctx)
        nodes = {s for s, _, _ in doc}
        nodes.update(o for _, _, o in doc if not isinstance(o, ox.Literal) and o not in outside)
        outside -= nodes
        only_named: set[OxTerm] = set()
        if ctx is not None:
            only_named.update(
                o for _, p, o in ctx if p != _TYPE and not isinstance(o, ox.Literal) and o not in reference
            )
            only_named -= nodes | outside
        names.append(nodes)
        outsides.append(outside)
        pointed.append(only_named)
        count.update(nodes)
        count.update(outside)
        count.update(only_named)
    shared = {node for node, n in count.items() if n > 1}
    # per group: how its documents describe the nodes they share, the contexts of what lies
    # outside them, what their contexts only name, its members
    groups: list[
        tuple[dict[OxTerm, object], dict[OxTerm, frozenset[Triple] | None], set[OxTerm], list[int]]
    ] = []
    keys: dict[int, frozenset[Triple]] = {}  # a context's, by identity (follow-ups share one)
    for i, doc in enumerate(docs):
        ctx = contexts[i]
        key = None
        if ctx:
            key = keys.get(id(ctx))
            if key is None:
                key = keys[id(ctx)] = frozenset(ctx)
        named = _named(doc, names[i] & shared, outsides[i])
        outside = outsides[i] & shared
        only_named = pointed[i] & shared
        for seen, context_of, contexts_name, members in groups:
            if (
                all(seen.get(node, how) == how for node, how in named.items())
                and seen.keys().isdisjoint(outside)
                and context_of.keys().isdisjoint(named)
                and all(context_of.get(node, key) == key for node in outside)
                and seen.keys().isdisjoint(only_named)
                and contexts_name.isdisjoint(named)
            ):
                seen.update(named)
                context_of.update(dict.fromkeys(outside, key))
                contexts_name.update(only_named)
                members.append(i)
                break
        else:
            groups.append((named, dict.fromkeys(outside, key), only_named, [i]))
    return [members for _, _, _, members in groups]


def _named(doc: Sequence[Triple], nodes: set[OxTerm], outside: set[OxTerm]) -> dict[OxTerm, object]:
    """The ``nodes`` a document names (not its context's, not in ``outside``), with how the
    document describes each: the triples it states about the node and the properties through
    which it names the node."""
    about: dict[OxTerm, list[tuple[OxTerm, OxTerm]]] = defaultdict(list)
    through: dict[OxTerm, set[OxTerm]] = defaultdict(set)
    for s, p, o in doc:
        if s in nodes:
            about[s].append((p, o))
        if o in nodes and o not in outside:  # (a literal is never one of the nodes)
            through[o].add(p)
    return {node: (frozenset(about.get(node, ())), frozenset(through.get(node, ()))) for node in nodes}
