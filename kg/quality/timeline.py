"""Quality over time: the sums after each import, and each revision against the one before.

The imports recorded a revision node per document revision (:mod:`kg.store.history`). Replayed in
the order they were written, each document's latest revision so far gives the state of a
municipality (or of the country) after every import.
"""

from __future__ import annotations

from kg.quality.model import Change, Counts, HistoryPoint
from kg.store.history import Revision


def counts_of(r: Revision) -> Counts:
    return Counts(
        violations=r.violations,
        warnings=r.warnings,
        infos=r.infos,
        assumptions=r.assumptions,
        activities=r.activities,
        with_actor=r.with_actor,
        with_frequency=r.with_frequency,
        with_type=r.with_type,
    )


def _minus(a: Counts, b: Counts) -> Counts:
    return Counts(**{k: getattr(a, k) - getattr(b, k) for k in a.__dataclass_fields__})


def _moment(r: Revision) -> str:
    """The import that wrote ``r``: its moment to the microsecond (to the second in a store written
    before imports recorded it)."""
    return r.moment or r.modified


def history_of(revisions: list[Revision], *, by_day: bool = False) -> list[HistoryPoint]:
    """The sums after each import (a point per import, however close two imports are; each day,
    with ``by_day``)."""
    latest: dict[str, Counts] = {}
    points: list[HistoryPoint] = []
    running = Counts()
    last = ""
    for r in sorted(revisions, key=lambda r: (_moment(r), r.doc_id, r.revision)):
        now = counts_of(r)
        if r.doc_id in latest:
            running = _minus(running, latest[r.doc_id])
        running.add(now)
        latest[r.doc_id] = now
        when = r.modified[:10] if by_day else r.modified
        key = when if by_day else _moment(r)
        total = Counts(**{k: getattr(running, k) for k in running.__dataclass_fields__})
        if points and key == last:
            points[-1] = HistoryPoint(when, total)
        else:
            points.append(HistoryPoint(when, total))
        last = key
    return points


def changes_of(revisions: list[Revision]) -> list[Change]:
    """Every revision, newest first, with its difference to the same document's previous one."""
    out: list[tuple[str, Change]] = []
    before: dict[str, Counts] = {}
    for r in sorted(revisions, key=lambda r: (r.doc_id, r.revision)):
        now = counts_of(r)
        prev = before.get(r.doc_id)
        change = Change(r.doc_id, r.revision, r.modified, now, None if prev is None else _minus(now, prev))
        out.append((_moment(r), change))
        before[r.doc_id] = now
    out.sort(key=lambda mc: (mc[0], mc[1].doc_id, mc[1].revision), reverse=True)
    return [c for _, c in out]
