"""The scorecard's arithmetic: years covered and missing, follow-ups announced and due, and the
history replayed from the revisions the imports recorded."""

from __future__ import annotations

from datetime import date

from kg.quality.model import (
    MunicipalityQuality,
    PromiseQuality,
    followups_announced,
    gaps_of,
    ranges,
    span,
    years_of,
)
from kg.quality.timeline import changes_of, history_of
from kg.store.history import Revision, count_document, to_the_second


def test_years_and_gaps() -> None:
    m = MunicipalityQuality("m", "0480", "Nyköping", current_year=2024)
    m.promises = [
        PromiseQuality("a", None, "2019-01-01", "2020-12-31"),
        PromiseQuality("b", None, "2023-01-01", "2024-12-31"),
    ]
    assert m.covered == [(2019, 2020), (2023, 2024)]
    assert m.gaps == [(2021, 2022)]
    assert [span(g) for g in m.gaps] == ["2021–2022"]
    assert m.current
    m.current_year = 2025
    assert not m.current
    assert years_of("2023-07-01", None) == [2023]
    assert years_of(None, None) == []
    assert ranges([2017, 2019, 2018, 2023]) == [(2017, 2019), (2023, 2023)]
    assert gaps_of([2017, 2023, 2025]) == [(2018, 2022), (2024, 2024)]


def test_followups_announced_by_the_plan() -> None:
    # tertialvis (3 a year) over 2025-2026: six follow-ups, three of them due by the end of 2025
    assert followups_announced("2025-01-01", "2026-12-31", 3, date(2025, 12, 31)) == (6, 3)
    assert followups_announced("2025-01-01", "2026-12-31", 3, date(2025, 4, 29)) == (6, 0)
    assert followups_announced("2025-01-01", "2026-12-31", 3, date(2025, 4, 30)) == (6, 1)
    assert followups_announced("2025-01-01", "2026-12-31", 3, date(2030, 1, 1)) == (6, 6)
    assert followups_announced("2025-01-01", "2025-12-31", 1, date(2024, 1, 1)) == (1, 0)
    assert followups_announced("2025-01-01", "2026-12-31", None, date(2030, 1, 1)) == (0, 0)
    assert followups_announced("2025-01-01", "not a date", 3, date(2030, 1, 1)) == (0, 0)


def _rev(doc: str, n: int, when: str, warnings: int, assumptions: int) -> Revision:
    return Revision(doc, n, when, 0, warnings, 0, assumptions, 4, 4, 2, 3)


def test_history_replays_the_latest_revision_of_each_document() -> None:
    revisions = [
        _rev("promise/a", 1, "2025-01-01T10:00:00Z", 5, 3),
        _rev("promise/b", 1, "2025-01-02T10:00:00Z", 2, 1),
        _rev("promise/a", 2, "2025-01-03T10:00:00Z", 1, 0),
    ]
    points = history_of(revisions)
    assert [(p.when[:10], p.counts.warnings, p.counts.assumptions) for p in points] == [
        ("2025-01-01", 5, 3),
        ("2025-01-02", 7, 4),
        ("2025-01-03", 3, 1),
    ]
    assert points[-1].counts.activities == 8
    by_day = history_of([*revisions, _rev("promise/c", 1, "2025-01-03T11:00:00Z", 1, 1)], by_day=True)
    assert [(p.when, p.counts.warnings) for p in by_day] == [
        ("2025-01-01", 5),
        ("2025-01-02", 7),
        ("2025-01-03", 4),
    ]
    changes = changes_of(revisions)
    assert [(c.doc_id, c.revision) for c in changes] == [("promise/a", 2), ("promise/b", 1), ("promise/a", 1)]
    assert (
        changes[0].delta is not None
        and changes[0].delta.warnings == -4
        and changes[0].delta.assumptions == -3
    )
    assert changes[1].delta is None


def test_two_imports_within_one_second_are_two_points() -> None:
    second = "2025-01-01T10:00:00Z"
    assert to_the_second("2025-01-01T10:00:00.100000Z") == to_the_second(second) == second
    first = Revision("promise/a", 1, second, 0, 5, 0, 0, 4, 4, 2, 3, "2025-01-01T10:00:00.100000Z")
    other = Revision("promise/b", 1, second, 0, 2, 0, 0, 4, 4, 2, 3, "2025-01-01T10:00:00.100000Z")
    again = Revision("promise/a", 2, second, 0, 1, 0, 0, 4, 4, 2, 3, "2025-01-01T10:00:00.700000Z")
    points = history_of([again, other, first])  # one import of a and b, then a's second revision
    assert [(p.when, p.counts.warnings) for p in points] == [(second, 7), (second, 3)]
    newest = changes_of([first, other, again])[0]
    assert (newest.doc_id, newest.revision) == ("promise/a", 2)
    # a store written before imports recorded their moment: a point per second, as it said then
    old = [_rev("promise/a", 1, second, 5, 0), _rev("promise/b", 1, second, 2, 0)]
    assert [p.counts.warnings for p in history_of(old)] == [7]


def test_count_document_counts_only_activities() -> None:
    import pyoxigraph as ox

    from kg.namespaces import OX

    a, b, plan = (ox.NamedNode(f"http://example.org/{x}") for x in ("a", "b", "plan"))
    t = OX.rdf.type
    quads = [
        ox.Triple(a, t, OX.mbl.Activity),
        ox.Triple(b, t, OX.mbl.Activity),
        ox.Triple(a, OX.mbl.responsibleActor, plan),
        ox.Triple(a, OX.mbl.frequency, plan),
        ox.Triple(plan, OX.mbl.frequency, plan),  # a follow-up plan's frequency is not an activity's
        ox.Triple(b, OX.mbl.activityType, plan),
        ox.Triple(ox.BlankNode(), t, OX.mbl.Assumption),
    ]
    c = count_document(quads)
    assert (c.activities, c.with_actor, c.with_frequency, c.with_type, c.assumptions) == (2, 1, 1, 1, 1)
