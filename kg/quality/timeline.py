"""Quality over time: the sums after each import, and each revision against the one before.

The imports recorded a revision node per document revision (:mod:`kg.store.history`). Replayed in
the order they were written, each document's latest revision so far gives the state of a
municipality (or of the country) after every import.
"""

from __future__ import annotations

from kg.quality.model import Change, Counts, HistoryPoint
from kg.store.history import Revision


def _values(r: Revision) -> tuple[int, ...]:
    """A revision's counts in the order of :class:`Counts`'s fields."""
    return (
        r.violations,
        r.warnings,
        r.infos,
        r.assumptions,
        r.activities,
        r.with_actor,
        r.with_frequency,
        r.with_type,
    )


def counts_of(r: Revision) -> Counts:
    return Counts(*_values(r))


def _minus(a: Counts, b: Counts) -> Counts:
    return Counts(*(x - y for x, y in zip(a.values().values(), b.values().values(), strict=True)))


def _moment(r: Revision) -> str:
    """The import that wrote ``r``: its moment to the microsecond (to the second in a store written
    before imports recorded it)."""
    return r.moment or r.modified


def history_of(revisions: list[Revision], *, by_day: bool = False) -> list[HistoryPoint]:
    """The sums after each import (a point per import, however close two imports are; each day,
    with ``by_day``)."""
    latest: dict[str, tuple[int, ...]] = {}
    points: list[tuple[str, tuple[int, ...]]] = []
    running: tuple[int, ...] = (0,) * len(Counts.__dataclass_fields__)
    last = ""
    for r in sorted(revisions, key=lambda r: (_moment(r), r.doc_id, r.revision)):
        now = _values(r)
        before = latest.get(r.doc_id)
        if before is None:
            running = tuple(a + b for a, b in zip(running, now, strict=True))
        else:
            running = tuple(a - b + c for a, b, c in zip(running, before, now, strict=True))
        latest[r.doc_id] = now
        when = r.modified[:10] if by_day else r.modified
        key = when if by_day else _moment(r)
        if points and key == last:
            points[-1] = (when, running)
        else:
            points.append((when, running))
        last = key
    return [HistoryPoint(when, Counts(*total)) for when, total in points]


def changes_of(revisions: list[Revision]) -> list[Change]:
    """Every revision, newest first, with its difference to the same document's previous one."""
    out: list[tuple[str, Change]] = []
    before: dict[str, Counts] = {}
    for r in sorted(revisions, key=lambda r: (r.doc_id, r.revision)):
        now = counts_of(r)
        prev = before.get(r.doc_id)
        delta = None if prev is None else _minus(now, prev)
        change = Change(r.doc_id, r.revision, r.modified, now, delta)
        out.append((_moment(r), change))
        before[r.doc_id] = now
    out.sort(key=lambda mc: (mc[0], mc[1].doc_id, mc[1].revision), reverse=True)
    return [c for _, c in out]
