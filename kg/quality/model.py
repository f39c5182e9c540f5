"""The data-quality scorecard's model: what it says of a promise, a municipality and the country,
and the arithmetic behind it (years covered and missing, follow-ups due by a date).

Nothing here reads a store: :mod:`kg.quality.collect` fills these from one, the command line and
the server print or draw them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise


@dataclass
class Counts:
    """Findings, assumptions and activities summed over some documents."""

    violations: int = 0
    warnings: int = 0
    infos: int = 0
    assumptions: int = 0
    activities: int = 0
    with_actor: int = 0
    with_frequency: int = 0
    with_type: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def share(self, part: int) -> float | None:
        """``part`` of the activities, 0-1 (None without activities)."""
        return round(part / self.activities, 3) if self.activities else None

    @property
    def actor_share(self) -> float | None:
        return self.share(self.with_actor)

    @property
    def frequency_share(self) -> float | None:
        return self.share(self.with_frequency)

    @property
    def type_share(self) -> float | None:
        return self.share(self.with_type)

    def values(self) -> dict[str, int]:
        """The counts by name (as :func:`dataclasses.asdict` gives them, without its deep copies)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = dict(self.values())
        out.update(
            actor_share=self.actor_share, frequency_share=self.frequency_share, type_share=self.type_share
        )
        return out


@dataclass
class PromiseQuality:
    """One promise: its period, its follow-ups against its plan, its counts."""

    iri: str
    doc_id: str | None
    start: str | None
    end: str | None
    example: bool = False
    per_year: float | None = None
    """How many follow-ups a year its follow-up plan announces (None: the plan gives no frequency)."""
    expected: int | None = None
    """Follow-ups the plan announces over the whole period."""
    due: int | None = None
    """Follow-ups the plan announces whose interval has ended by the scorecard's date."""
    followups: int = 0
    """Follow-ups in the store that follow this promise up."""
    counts: Counts = field(default_factory=Counts)
    """The promise's own findings, assumptions and activities (its follow-ups' are in the municipality's)."""

    @property
    def years(self) -> list[int]:
        return years_of(self.start, self.end)

    def as_dict(self) -> dict[str, object]:
        return {
            "iri": self.iri,
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "years": self.years,
            "example": self.example,
            "followups_per_year": self.per_year,
            "followups_expected": self.expected,
            "followups_due": self.due,
            "followups_recorded": self.followups,
            **{k: v for k, v in self.counts.as_dict().items()},
        }


@dataclass
class HistoryPoint:
    """The municipality's (or the country's) sums after the imports of one moment."""

    when: str
    counts: Counts


@dataclass
class Change:
    """One recorded revision of a document and how its counts moved from the one before."""

    doc_id: str
    revision: int
    when: str
    counts: Counts
    delta: Counts | None
    """The difference to the document's previous recorded revision (None for its first)."""


@dataclass
class MunicipalityQuality:
    """One municipality's scorecard."""

    iri: str
    code: str | None
    name: str
    promises: list[PromiseQuality] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    """Its promises' and follow-ups' findings and assumptions; its promises' activities."""
    followups: int = 0
    followups_due: int = 0
    followups_expected: int = 0
    without_plan_frequency: int = 0
    """Promises whose follow-up plan gives no frequency (nothing can be expected of them)."""
    history: list[HistoryPoint] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    without_history: list[str] = field(default_factory=list)
    """Documents imported before the store kept counts per revision ("no history")."""
    current_year: int = 0

    @property
    def years(self) -> list[int]:
        return sorted({y for p in self.promises for y in p.years})

    @property
    def covered(self) -> list[tuple[int, int]]:
        return ranges(self.years)

    @property
    def gaps(self) -> list[tuple[int, int]]:
        return gaps_of(self.years)

    @property
    def current(self) -> bool:
        """A promise covers the scorecard's year."""
        return self.current_year in self.years

    def as_dict(self) -> dict[str, object]:
        years = self.years
        return {
            "iri": self.iri,
            "code": self.code,
            "name": self.name,
            "promises": [p.as_dict() for p in self.promises],
            "years": years,
            "covered": [list(r) for r in ranges(years)],
            "gaps": [list(r) for r in gaps_of(years)],
            "current": self.current_year in years,
            "followups_recorded": self.followups,
            "followups_due": self.followups_due,
            "followups_expected": self.followups_expected,
            "promises_without_plan_frequency": self.without_plan_frequency,
            **self.counts.as_dict(),
            "history": [{"when": h.when, **h.counts.as_dict()} for h in self.history],
            "changes": [
                {
                    "doc_id": c.doc_id,
                    "revision": c.revision,
                    "when": c.when,
                    **c.counts.as_dict(),
                    "delta": None if c.delta is None else c.delta.values(),
                }
                for c in self.changes
            ],
            "without_history": self.without_history,
        }


@dataclass
class Scorecard:
    """The country's scorecard: every municipality, and the national sums over time."""

    as_of: str
    include_examples: bool
    municipalities: list[MunicipalityQuality]
    history: list[HistoryPoint] = field(default_factory=list)
    examples_left_out: int = 0
    """Documents marked as made-up examples that were not counted."""
    totals: Counts = field(default_factory=Counts)
    """The shown municipalities' documents, each counted once (a joint promise is on the card of
    each of its municipalities, and once here)."""

    def coverage_by_year(self) -> dict[int, int]:
        """How many municipalities a promise covers, per year (the years any promise covers)."""
        each = [set(m.years) for m in self.municipalities]
        years = sorted(set().union(*each))
        if not years:
            return {}
        return {y: sum(1 for covered in each if y in covered) for y in range(years[0], years[-1] + 1)}

    def as_dict(self) -> dict[str, object]:
        with_promise = [m for m in self.municipalities if m.promises]
        return {
            "as_of": self.as_of,
            "include_examples": self.include_examples,
            "examples_left_out": self.examples_left_out,
            "municipalities_total": len(self.municipalities),
            "municipalities_with_promise": len(with_promise),
            "municipalities_with_current_promise": sum(1 for m in with_promise if m.current),
            "coverage_by_year": {str(y): n for y, n in self.coverage_by_year().items()},
            "totals": self.totals.as_dict(),
            "history": [{"when": h.when, **h.counts.as_dict()} for h in self.history],
            "municipalities": [m.as_dict() for m in self.municipalities],
        }


# -- arithmetic ------------------------------------------------------------------------------------


def years_of(start: str | None, end: str | None) -> list[int]:
    """The calendar years a period touches (``2025-01-01``..``2026-12-31``: 2025, 2026)."""
    if not start:
        return []
    first = int(start[:4])
    last = int(end[:4]) if end else first
    return list(range(first, max(first, last) + 1))


def ranges(years: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive years: [2019, 2020, 2023] -> [(2019, 2020), (2023, 2023)]."""
    out: list[tuple[int, int]] = []
    for y in sorted(set(years)):
        if out and out[-1][1] == y - 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def gaps_of(years: list[int]) -> list[tuple[int, int]]:
    """The missing runs between the first and the last covered year."""
    runs = ranges(years)
    return [(a[1] + 1, b[0] - 1) for a, b in pairwise(runs)]


def span(run: tuple[int, int]) -> str:
    return str(run[0]) if run[0] == run[1] else f"{run[0]}–{run[1]}"


def _months(a: date, b: date) -> int:
    """Whole months from ``a`` to ``b`` (0 when ``b`` is not after ``a``)."""
    months = (b.year - a.year) * 12 + b.month - a.month - (1 if b.day < a.day else 0)
    return max(0, months)


def followups_announced(
    start: str | None, end: str | None, per_year: float | None, as_of: date
) -> tuple[int, int]:
    """(over the whole period, due by ``as_of``): the follow-up intervals (12 / ``per_year``
    months from the start) that fit in the period, and those of them that have ended by ``as_of``."""
    if not start or not end or not per_year:
        return 0, 0
    try:
        first, last = date.fromisoformat(start[:10]), date.fromisoformat(end[:10]) + timedelta(days=1)
    except ValueError:
        return 0, 0
    total = int(_months(first, last) * per_year / 12 + 1e-9)
    due = int(_months(first, min(last, as_of + timedelta(days=1))) * per_year / 12 + 1e-9)
    return total, min(due, total)
