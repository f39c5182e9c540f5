"""Which documents can share one pySHACL run (:func:`batches`): the rule that lets
:meth:`kg.validation.validator.Validator.validate` validate many documents at once while every
report stays the one the document would get alone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from kg.namespaces import MBL
from kg.terms import OxTerm

Triple = tuple[Any, Any, Any]
"""(subject, predicate, object) as pyoxigraph terms."""

CROSS_DOCUMENT = frozenset(ox.NamedNode(str(p)) for p in (MBL.followsUp, MBL.assessedActivity))
"""Properties that point from a follow-up into its promise, another document."""


def batches(docs: Sequence[list[Triple]], contexts: Sequence[list[Triple] | None]) -> list[list[int]]:
    """Groups of documents that can share one pySHACL run without one document's triples
    standing in for another's: every node two documents of a run both name is described the same
    way in both (the same triples about it, named through the same properties), so each
    document's findings are those it would have alone. Documents of one municipality that
    describe its offices and the local police area alike share a run; a document that only names
    an actor another describes does not. A follow-up's context (the promise it follows up) is in a
    run only as context: never beside the promise's own document, whose triples would stand in
    for the stored ones, and beside another follow-up only when the two have the same context."""
    groups: list[tuple[dict[OxTerm, object], dict[OxTerm, frozenset[Triple] | None], list[int]]] = []
    keys: dict[int, frozenset[Triple]] = {}  # a context's, by identity (follow-ups share one)
    for i, doc in enumerate(docs):
        ctx = contexts[i]
        key = None
        if ctx:
            key = keys.get(id(ctx))
            if key is None:
                key = keys[id(ctx)] = frozenset(ctx)
        outside = {o for _, p, o in doc if p in CROSS_DOCUMENT}
        if ctx is not None:
            outside.update(s for s, _, _ in ctx)
        named = _named(doc, outside)
        outside -= named.keys()
        for seen, context_of, members in groups:
            if (
                all(seen.get(node, how) == how for node, how in named.items())
                and seen.keys().isdisjoint(outside)
                and context_of.keys().isdisjoint(named)
                and all(context_of.get(node, key) == key for node in outside)
            ):
                seen.update(named)
                context_of.update(dict.fromkeys(outside, key))
                members.append(i)
                break
        else:
            groups.append((named, dict.fromkeys(outside, key), [i]))
    return [members for _, _, members in groups]


def _named(doc: Sequence[Triple], outside: set[OxTerm]) -> dict[OxTerm, object]:
    """Every node a document names (but not its context's), with how the document describes it:
    the triples it states about the node and the properties through which it names the node."""
    about: dict[OxTerm, list[tuple[OxTerm, OxTerm]]] = defaultdict(list)
    through: dict[OxTerm, set[OxTerm]] = defaultdict(set)
    for s, p, o in doc:
        about[s].append((p, o))
        if not isinstance(o, ox.Literal) and o not in outside:
            through[o].add(p)
    return {
        node: (frozenset(about.get(node, ())), frozenset(through.get(node, ())))
        for node in about.keys() | through.keys()
    }
