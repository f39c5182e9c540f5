"""Derived forms of saved queries: the same rows, read from facts derived per document.

A saved query may keep, beside its text (``queries/NAME.rq``, which reads the documents) and its
plain form (``queries/plain/NAME.rq``), a *derived* form (``queries/derived/NAME.rq``) that reads
the derived summaries written beside the follow-ups' catalogue records
(:mod:`kg.store.followup_facts`: one row per follow-up instead of its assessments) or the
derived facts written beside the promises' (:mod:`kg.store.promise_facts`: one row per promise
and distinct priority area instead of every priority, or every pair of them). The three return
the same rows wherever those are complete (tests/integration/test_query_derived.py,
tests/integration/test_query_promise_facts.py).

:func:`form_for` picks the text a run uses: the derived form only on the embedded store, and only
when every record there that it reads has its derived node: every follow-up its summary
(:func:`kg.store.derived_checks.summaries_complete`) when the form reads summaries, every
promise its facts (:func:`kg.store.derived_checks.facts_complete`) when it reads facts, each
asked once per store generation (:mod:`kg.store.derived_checks`, which a query process imports
without the modules that write the nodes). A store written before them, one bulk-loaded without them,
and a remote endpoint (which may hold the documents without their records) get the query that
reads the documents, so their answers stay right. A derived form's line ``# documents when
given: NAME, ...`` sends a run with one of those parameters to the documents' form as well.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from kg.query.keyset import per_generation
from kg.query.saved import SavedQuery, twin_form
from kg.store.core import GraphStore, is_remote

FOLDER = "derived"
"""The folder of the derived forms, beside the saved queries."""


def derived_path(query: SavedQuery) -> Path:
    return Path(query.path).parent / FOLDER / Path(query.path).name


def has_summaries(store: GraphStore) -> bool:
    """Whether ``store`` is an embedded store whose follow-ups all have their summaries
    (remembered per store generation)."""
    if is_remote(store):
        return False
    from kg.store.derived_checks import summaries_complete

    return bool(per_generation(store, ("summaries",), lambda: summaries_complete(store)))


def has_promise_facts(store: GraphStore) -> bool:
    """Whether ``store`` is an embedded store whose promises all have their derived facts of
    the current version (remembered per store generation)."""
    if is_remote(store):
        return False
    from kg.store.derived_checks import facts_complete

    return bool(per_generation(store, ("promise facts",), lambda: facts_complete(store)))


def has_followup_state(store: GraphStore) -> bool:
    """Whether ``store`` is an embedded store whose promises' follow-up state is complete and
    current (:func:`kg.store.derived_checks.state_complete`; remembered per store generation)."""
    if is_remote(store):
        return False
    from kg.store.derived_checks import state_complete

    return bool(per_generation(store, ("follow-up state",), lambda: state_complete(store)))


_PROMISE_FACTS = re.compile(r"\bmbl:facts?[A-Z]")
"""A derived form reads the promises' facts when it names one of their predicates
(``mbl:factsAbout``, ``mbl:factPriorityArea`` ...: kg.store.promise_facts)."""
_SUMMARIES = re.compile(r"\bmbl:summar")
"""... and the follow-ups' summaries when it names one of theirs (``mbl:summarisedPromise``,
``mbl:summaryPeriodEnd`` ...: kg.store.followup_facts); a form naming neither is taken to read
the summaries."""
_STATE = re.compile(r"\bmbl:(state|latest)[A-Z]")
"""... and the promises' follow-up state when it names one of its predicates (``mbl:latestOf``,
``mbl:latestDone`` ...: kg.store.followup_state), which is derived from the summaries: both must
then be complete."""


def form_for(
    target: GraphStore, query: SavedQuery, bindings: Mapping[str, Sequence[object]] | None = None
) -> SavedQuery:
    """``query`` as ``target`` should run it: its derived form where that gives the same rows
    (see the module's text), else ``query`` itself. A form reading the promises' facts may read
    a parameter inside a sub-select, which a constant reaches but a VALUES block does not: with
    several values of a parameter (``bindings``), the query itself runs."""
    twin = twin_form(str(query.path), FOLDER, query.parameters)
    if twin is None:
        return query
    text = twin.text
    facts = bool(_PROMISE_FACTS.search(text))
    if facts and any(len(v) > 1 for v in (bindings or {}).values()):
        return query
    if _documents_when_given(text, query, bindings or {}):
        return query
    state = bool(_STATE.search(text))
    summaries = bool(_SUMMARIES.search(text)) or state or not facts
    ready = (
        (not facts or has_promise_facts(target))
        and (not summaries or has_summaries(target))
        and (not state or has_followup_state(target))
    )
    return replace(query, text=text) if ready else query


_DOCUMENTS_WHEN = re.compile(r"^# documents when given: ([\w, ]+)$", re.MULTILINE)
"""A derived form's line naming the parameters with which the query reading the documents runs
instead: a constant there (a county) is planned into its index lookups, which the derived form's
hashed blocks are not (top-activity-types at 10x with a county: 242-331 ms against 763-848)."""


def _documents_when_given(text: str, query: SavedQuery, bindings: Mapping[str, Sequence[object]]) -> bool:
    """Whether the derived form ``text`` sends ``query`` to its document form for ``bindings``."""
    found = _DOCUMENTS_WHEN.search(text)
    names = {n.strip() for n in found.group(1).split(",")} if found else set()
    return any(p.name in names and bindings.get(p.variable) for p in query.parameters)
