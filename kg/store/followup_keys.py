"""What the follow-up state (:mod:`kg.store.followup_state`) writes for two listings to sort and
filter by, without a date of its own.

* :func:`share`: the share done of a promise's activities at its latest follow-up
  (``mbl:latestShare``), as followup-fulfilment's forms reading the documents compute it; its
  first page reads the highest shares first, one at a time (:mod:`kg.query.value_window`).
* :func:`overdue_from`: the first day on which followups-overdue can list the promise
  (``mbl:latestOverdueFrom``), from the end of its latest follow-up's period, its plan's
  frequency (occurrences per year, reference data) and its period's end. The query compares the
  date asked for (default: today) with it, and tests every promise it lets through in full, as
  the forms reading the documents do: the day only leaves out promises that cannot be overdue
  yet, so it must never be later than the query's own test would say (a value this module cannot
  read the query's way gives :data:`EARLIEST`). :func:`planned_promises` says which promises a
  write may change it for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Protocol

import pyoxigraph as ox

from kg.namespaces import OX
from kg.store.core import ChangeSet

MBL, XSD, DCT, DCAT = OX.mbl, OX.xsd, OX.dct, OX.dcat
PLAN_PREDICATES = (MBL.followUpPlan, MBL.frequency, MBL.occurrencesPerYear, DCT.temporal, DCAT.endDate)
"""What the overdue day of a promise reads beside its follow-ups' summaries: its plan's frequency
and that frequency's occurrences per year, its period's end."""
_DATE = XSD.date.value
_NUMBERS = {XSD.decimal.value, XSD.integer.value}


class View(Protocol):
    """The store as a write leaves it (:class:`kg.store.followup_state.After`)."""

    def about(self, subject: ox.NamedNode, predicate: ox.NamedNode | None = None) -> list[ox.Quad]: ...


def share(completed: int, activities: int) -> ox.Literal | None:
    """``completed`` of ``activities`` as followup-fulfilment's forms reading the documents
    compute it (``ROUND(1000 * xsd:decimal(?completed) / ?activities) / 1000``: SPARQL rounds
    half up), an ``xsd:decimal``; None without activities (those forms have no row then)."""
    if activities <= 0:
        return None
    thousandths = (2000 * completed + activities) // (2 * activities)  # floor(x + 1/2), exact
    return ox.Literal(format(Decimal(thousandths).scaleb(-3).normalize(), "f"), datatype=XSD.decimal)


def _month(date: str) -> int | None:
    """``YEAR * 12 + MONTH`` of an ``xsd:date`` written ``YYYY-MM-DD``, else None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return None
    return int(date[:4]) * 12 + int(date[5:7])


EARLIEST = ox.Literal("0001-01-01", datatype=XSD.date)
"""The overdue day of a promise whose dates or frequency this module cannot read as the query
does: always a candidate, so the query's own test decides."""


def overdue_from(covered: ox.Literal, plans: Iterable[tuple[ox.Literal, ox.Literal]]) -> ox.Literal | None:
    """The first day on which followups-overdue can list a promise whose latest follow-up's
    period ends on ``covered``, given each (occurrences per year, end of the promise's period)
    its documents combine: the query lists it on ``asOf`` when, for some pair with occurrences
    > 0 and ``covered`` < end, the months from ``covered``'s month to ``min(asOf, end)``'s
    exceed ``CEIL(12 / occurrences)``, i.e. from the first day of the month after
    ``covered``'s month + that interval, and only if the end is on or after that day. The
    earliest such day over the pairs, or None when no pair can ever list it; a value this
    cannot read the query's way gives :data:`EARLIEST` (the query's own test then decides).
    Never a date of its own: the date asked for is compared with it in the query."""
    days: list[str] = []
    for per_year, end in plans:
        if per_year.datatype.value not in _NUMBERS:
            return EARLIEST
        try:
            occurrences = Fraction(Decimal(per_year.value))
        except (InvalidOperation, ValueError, OverflowError):
            return EARLIEST
        if occurrences <= 0:
            continue
        covered_month, end_month = _month(covered.value), _month(end.value)
        if (
            covered_month is None
            or end_month is None
            or {covered.datatype.value, end.datatype.value} != {_DATE}
        ):
            return EARLIEST
        if not covered.value < end.value:
            continue
        due = covered_month + math.ceil(Fraction(12) / occurrences) + 1  # the month it is overdue in
        day = f"{(due - 1) // 12:04d}-{(due - 1) % 12 + 1:02d}-01"
        if len(day) == 10 and end.value >= day:
            days.append(day)
    return ox.Literal(min(days), datatype=XSD.date) if days else None


def plans_of(view: View, promise: ox.NamedNode) -> list[tuple[ox.Literal, ox.Literal]]:
    """Each (occurrences per year, end of its period) a promise's documents combine."""
    rates = [
        q.object
        for plan in view.about(promise, MBL.followUpPlan)
        if isinstance(plan.object, ox.NamedNode)
        for f in view.about(plan.object, MBL.frequency)
        if isinstance(f.object, ox.NamedNode)
        for q in view.about(f.object, MBL.occurrencesPerYear)
        if isinstance(q.object, ox.Literal)
    ]
    ends = [
        q.object
        for period in view.about(promise, DCT.temporal)
        if isinstance(period.object, ox.NamedNode | ox.BlankNode)
        for q in view.about(period.object, DCAT.endDate)  # type: ignore[arg-type]
        if isinstance(q.object, ox.Literal)
    ]
    return [(r, e) for r in rates for e in ends]


def planned_promises(store: ox.Store, change: ChangeSet) -> set[object]:
    """The promises whose overdue day ``change`` may change: those of a graph it replaces or
    drops, or in which it changes a plan, a frequency or a period (:data:`PLAN_PREDICATES`), and
    every promise when it changes a frequency's occurrences per year (the reference data, which
    ``kg init`` replaces when its files changed)."""
    promise = OX.mbl.CitizenPromise
    graphs: set[ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None] = {
        q.graph_name for q in (*change.insert, *change.delete) if q.predicate in PLAN_PREDICATES
    }
    graphs |= {ox.NamedNode(g) for g in (*change.replace, *change.drop)}
    graphs |= {ox.NamedNode(g) for g, _ in change.delete_subjects}
    if _rates_change(store, change):
        graphs = {None}
    added = [
        q for q in (*change.insert, *(q for qs in change.replace.values() for q in qs)) if _is_promise(q)
    ]
    out: set[object] = set()
    for graph in graphs:
        out.update(q.subject for q in store.quads_for_pattern(None, OX.rdf.type, promise, graph))
        out.update(q.subject for q in added if graph in (None, q.graph_name))
    return out


def _rates_change(store: ox.Store, change: ChangeSet) -> bool:
    rate = MBL.occurrencesPerYear
    if any(q.predicate == rate for q in (*change.insert, *change.delete)):
        return True
    for g in (*change.replace, *change.drop):
        stored = {(q.subject, q.object) for q in store.quads_for_pattern(None, rate, None, ox.NamedNode(g))}
        new = {(q.subject, q.object) for q in change.replace.get(g, ()) if q.predicate == rate}
        if stored != new:
            return True
    return False


def _is_promise(q: ox.Quad) -> bool:
    return q.predicate == OX.rdf.type and q.object == OX.mbl.CitizenPromise
