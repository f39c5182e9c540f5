"""Every write path keeps each promise's derived follow-up state (kg.store.followup_state: its
latest follow-up and the counts there, facts that span the promise's document and its
follow-ups') equal to what the store's documents and summaries say, in the same write: import
(bulk and transaction), replacing a follow-up, replacing a promise that has follow-ups, removing
a follow-up, removing a promise with --cascade, a direct change of a promise's activities,
restore of a dump, the benchmark's N-Quads; ``kg init`` writes it into a store without it; a
state that is missing, partial or of another version is noticed and the queries read the
documents, with the same answers. The authoring round trip and pull go through the import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from cli_support import kg
from query_fixtures import bench_generate
from typer.testing import CliRunner

from kg.cli.common import shared_validator
from kg.errors import EXIT_OK
from kg.ingest.dumps import export_to_path, restore_dump
from kg.ingest.importer import ImportOptions, import_paths
from kg.iris import Minter
from kg.namespaces import OX
from kg.query.derived import form_for, has_followup_state
from kg.query.run import run_saved
from kg.query.saved import load_queries
from kg.store.catalogue import remove_document
from kg.store.core import ChangeSet, OxigraphStore, StoreSettings, open_store
from kg.store.followup_state import bulk_state, state_change, state_complete, state_prefix, write_state

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
T1, T2 = sorted((REPO / "data" / "followups").glob("*.yaml"))
MINTER = Minter()
PROMISE = "https://w3id.org/medborgarlofte/id/promise/0480-2025-2026"
ACTIVITY = PROMISE + "/activity/{}"
QUERIES = [
    "followup-fulfilment",
    "fulfilment-by-activity-type",
    "fulfilment-by-priority-area",
    "followups-overdue",
]
Triples = set[tuple[str, str, str]]


def _import(store: OxigraphStore, *paths: Path) -> None:
    summary = import_paths([str(p) for p in paths], store=store, minter=MINTER, validator=shared_validator())
    assert not summary.has_errors, summary.as_dict()
    assert all(o.status.value in ("imported", "updated") for o in summary.outcomes), summary.as_dict()


def stored_state(store: OxigraphStore) -> Triples:
    prefix = "<" + state_prefix(MINTER)
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads(str(MINTER.catalogue_graph))
        if str(q.subject).startswith(prefix)
    }


def assert_state_matches(store: OxigraphStore) -> Triples:
    """The stored state is what the store's summaries and promises say now, computed afresh for
    every promise a summary names, and complete; the stored state."""
    raw = store.raw
    promises = {q.object for q in raw.quads_for_pattern(None, OX.mbl.summarisedPromise, None, None)}
    fresh = state_change(raw, [p for p in promises if isinstance(p, ox.NamedNode)], MINTER)
    prefix = "<" + state_prefix(MINTER)
    expected = {(str(q.subject), str(q.predicate), str(q.object)) for q in fresh.insert}
    stored = stored_state(store)
    assert stored == {t for t in expected if t[0].startswith(prefix)}, sorted(stored ^ expected)[:6]
    # the shared nodes of counts (kg.store.state_counts) the state links are stored too
    shared = {t for t in expected if not t[0].startswith(prefix)}
    assert shared <= {
        (str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(str(MINTER.catalogue_graph))
    }
    assert state_complete(store, MINTER)
    assert_fulfilment_forms_agree(store)
    return stored


FULFILMENT = ["fulfilment-by-activity-type", "fulfilment-by-priority-area"]
FLAGS: list[dict[str, str]] = [
    {},
    {"includeExamples": "true"},
    {"excludeAssumed": "true"},
    {"includeExamples": "true", "excludeAssumed": "true"},
]


def assert_fulfilment_forms_agree(store: OxigraphStore) -> dict[tuple[str, int], list[str]]:
    """fulfilment-by-*'s derived form (the state's counts) returns the rows of the form reading
    the documents, with every combination of includeExamples and excludeAssumed; the rows."""
    out: dict[tuple[str, int], list[str]] = {}
    for name in FULFILMENT:
        query = load_queries()[name]
        assert "mbl:state" in form_for(store, query).text, name
        documents = replace(query, path=Path("/no-derived-twin") / query.path.name)
        assert form_for(store, documents) is documents
        for i, flags in enumerate(FLAGS):
            # as sets of rows: a store without the vocabularies (the benchmark's N-Quads) has no
            # labels, so rows of equal share and count tie in the order
            got = sorted(str(sorted(r.items())) for r in run_saved(store, query, flags, cache=None).records())
            rows = run_saved(store, documents, flags, cache=None).records()
            assert got == sorted(str(sorted(r.items())) for r in rows), (name, flags)
            out[(name, i)] = got
    return out


def _value(state: Triples, predicate: ox.NamedNode) -> list[str]:
    return sorted(o for _, p, o in state if p == str(predicate))


def _answers(store: OxigraphStore) -> dict[str, list[dict[str, object]]]:
    queries = load_queries()
    params = {"includeExamples": "true"}
    return {
        name: run_saved(
            store,
            queries[name],
            {**params, "asOf": "2026-06-30"} if name == "followups-overdue" else params,
            cache=None,
        ).records()
        for name in QUERIES
    }


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    s = open_store(StoreSettings(tmp_path / "store"))
    _import(s, EXAMPLE, T1, T2)  # a first import: the bulk loader, the state right after it
    return s


def test_import_writes_the_state_of_each_promise_with_followups(store: OxigraphStore) -> None:
    state = assert_state_matches(store)
    assert _value(state, OX.mbl.stateFollowUps) == ['"2"^^<http://www.w3.org/2001/XMLSchema#integer>']
    assert _value(state, OX.mbl.latestPeriodEnd) == ['"2025-08-31"^^<http://www.w3.org/2001/XMLSchema#date>']
    assert [c.split('"')[1] for c in _value(state, OX.mbl.latestCompleted)] == ["4"]
    assert [c.split('"')[1] for c in _value(state, OX.mbl.latestShare)] == ["0.8"]
    # tertialvis (every 4 months) from the end of August 2025: overdue from January 2026
    assert _value(state, OX.mbl.latestOverdueFrom) == [
        '"2026-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    ]
    assert has_followup_state(store)
    for name in QUERIES:
        query = load_queries()[name]
        text = form_for(store, query).text
        assert "mbl:latest" in text or "mbl:stateAreaCount" in text or "mbl:stateTypeCount" in text, name


def test_replacing_the_latest_followup_rewrites_the_state(store: OxigraphStore, tmp_path: Path) -> None:
    changed = tmp_path / T2.name
    text = T2.read_text(encoding="utf-8")
    changed.write_text(text.replace("status: genomford", "status: pagaende", 1), encoding="utf-8")
    _import(store, changed)
    state = assert_state_matches(store)
    assert [c.split('"')[1] for c in _value(state, OX.mbl.latestCompleted)] == ["3"]
    assert f"<{ACTIVITY.format(1)}>" not in _value(state, OX.mbl.latestDone)


def test_replacing_a_promise_that_has_followups_rewrites_its_state(
    store: OxigraphStore, tmp_path: Path
) -> None:
    before = _answers(store)
    changed = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8")
    five = f"<{ACTIVITY.format(5)}> ;"
    block = text[text.index(f"<{ACTIVITY.format(5)}>\n") :]
    block = block[: block.index(" .\n") + 3]
    assert five in text and "mbl:order 5" in block
    six = block.replace("activity/5", "activity/6").replace("mbl:order 5", "mbl:order 6")
    six = six.replace("riktade trafikkontroller", "nya riktade trafikkontroller")
    changed.write_text(
        text.replace(five, f"<{ACTIVITY.format(5)}> , <{ACTIVITY.format(6)}> ;", 1) + "\n" + six,
        encoding="utf-8",
    )
    _import(store, changed)  # a sixth activity, which no follow-up assesses yet
    state = assert_state_matches(store)
    assert [c.split('"')[1] for c in _value(state, OX.mbl.latestActivities)] == ["6"]
    assert [c.split('"')[1] for c in _value(state, OX.mbl.latestAssessed)] == ["5"]
    after = _answers(store)
    assert after != before
    assert [r["activities"] for r in after["followup-fulfilment"]] == [6]


def test_removing_followups_and_the_promise_with_cascade(store: OxigraphStore) -> None:
    remove_document(store, MINTER, "followup/0480-2025-2026/2025-T2")  # the latest: T1 is now
    state = assert_state_matches(store)
    assert _value(state, OX.mbl.latestPeriodEnd) != ['"2025-08-31"^^<http://www.w3.org/2001/XMLSchema#date>']
    assert [c.split('"')[1] for c in _value(state, OX.mbl.stateFollowUps)] == ["1"]
    before = _answers(store)
    assert before["fulfilment-by-priority-area"] and before["fulfilment-by-activity-type"]
    remove_document(store, MINTER, "promise/0480-2025-2026", cascade=True)
    assert stored_state(store) == set()
    # nothing left to count, whichever form runs
    assert not any(_answers(store)[name] for name in FULFILMENT)


def test_a_direct_change_of_a_promises_activities_rewrites_its_state(store: OxigraphStore) -> None:
    graph = ox.NamedNode(str(MINTER.document_graph("promise/0480-2025-2026")))
    gone = ox.Quad(ox.NamedNode(PROMISE), OX.mbl.activity, ox.NamedNode(ACTIVITY.format(1)), graph)
    store.apply(ChangeSet(delete=[gone]))
    state = assert_state_matches(store)
    assert f"<{ACTIVITY.format(1)}>" not in _value(state, OX.mbl.latestDone)


def _overdue(store: OxigraphStore, as_of: str, documents: bool, tmp: Path) -> list[dict[str, object]]:
    query = load_queries()["followups-overdue"]
    if documents:  # its text under a path without a derived twin
        query = replace(query, path=tmp / query.path.name)
    return run_saved(store, query, {"asOf": as_of, "includeExamples": "true"}, cache=None).records()


def test_a_direct_change_of_a_promises_plan_or_period_rewrites_its_overdue_day(
    store: OxigraphStore, tmp_path: Path
) -> None:
    graph = ox.NamedNode(str(MINTER.document_graph("promise/0480-2025-2026")))
    plan, period = ox.NamedNode(PROMISE + "/followup-plan"), ox.NamedNode(PROMISE + "/period")
    freq = "https://w3id.org/medborgarlofte/vocab/frequency/"
    date = OX.xsd.date

    def days() -> list[str]:
        return [o.split('"')[1] for o in _value(assert_state_matches(store), OX.mbl.latestOverdueFrom)]

    def same_answers() -> None:
        for as_of in ("2025-09-15", "2025-10-15", "2026-02-01", "2026-06-30"):
            derived = _overdue(store, as_of, False, tmp_path)
            assert derived == _overdue(store, as_of, True, tmp_path), as_of

    same_answers()
    store.apply(  # monthly instead of tertialvis: overdue from October 2025
        ChangeSet(
            delete=[ox.Quad(plan, OX.mbl.frequency, ox.NamedNode(freq + "tertialvis"), graph)],
            insert=[ox.Quad(plan, OX.mbl.frequency, ox.NamedNode(freq + "monthly"), graph)],
        )
    )
    assert days() == ["2025-10-01"]
    same_answers()
    assert _overdue(store, "2025-10-15", False, tmp_path)
    end = ox.Quad(period, OX.dcat.endDate, ox.Literal("2026-12-31", datatype=date), graph)
    store.apply(  # the promise ends before it falls due: never overdue
        ChangeSet(
            delete=[end],
            insert=[ox.Quad(period, OX.dcat.endDate, ox.Literal("2025-09-30", datatype=date), graph)],
        )
    )
    assert days() == []
    same_answers()


def test_assumed_links_and_examples_counted_as_the_documents_count_them(store: OxigraphStore) -> None:
    """Assumptions stated by a direct change on a done activity's type, on the priority it
    addresses, and on that priority's area and the promise's link to it: excludeAssumed leaves
    them out of the state's counts as the documents' form does; the example promise is counted
    only with includeExamples."""
    before = assert_fulfilment_forms_agree(store)
    assert not before[("fulfilment-by-priority-area", 0)] and before[("fulfilment-by-priority-area", 1)]
    raw = store.raw
    graph = ox.NamedNode(str(MINTER.document_graph("promise/0480-2025-2026")))
    one, two = ox.NamedNode(ACTIVITY.format(1)), ox.NamedNode(ACTIVITY.format(2))
    assert f"<{one.value}>" in _value(stored_state(store), OX.mbl.latestDone)
    (kind,) = [q.object for q in raw.quads_for_pattern(one, OX.mbl.activityType, None, None)]
    priorities = [q.object for q in raw.quads_for_pattern(two, OX.mbl.addresses, None, None)]
    areas = [q.object for q in raw.quads_for_pattern(priorities[0], OX.mbl.priorityArea, None, None)]
    stated = [
        (one, OX.mbl.activityType, kind),
        (two, OX.mbl.addresses, priorities[0]),
        (priorities[0], OX.mbl.priorityArea, areas[0]),
        (ox.NamedNode(PROMISE), OX.mbl.priority, priorities[0]),
    ]
    for n, (s, p, o) in enumerate(stated[:2], start=90):
        node = ox.NamedNode(str(MINTER.assumption(PROMISE, n)))
        quads = [(node, OX.rdf.type, OX.mbl.Assumption), (node, OX.rdf.subject, s)]
        quads += [(node, OX.rdf.predicate, p), (node, OX.rdf.object, o)]
        store.apply(ChangeSet(insert=[ox.Quad(*q, graph) for q in quads]))  # type: ignore[arg-type]
    assert_state_matches(store)
    middle = assert_fulfilment_forms_agree(store)
    for name in FULFILMENT:  # with examples: excludeAssumed now counts fewer
        assert middle[(name, 3)] != middle[(name, 1)], name
    for n, (s, p, o) in enumerate(stated[2:], start=92):
        node = ox.NamedNode(str(MINTER.assumption(PROMISE, n)))
        quads = [(node, OX.rdf.type, OX.mbl.Assumption), (node, OX.rdf.subject, s)]
        quads += [(node, OX.rdf.predicate, p), (node, OX.rdf.object, o)]
        store.apply(ChangeSet(insert=[ox.Quad(*q, graph) for q in quads]))  # type: ignore[arg-type]
    assert_state_matches(store)
    after = assert_fulfilment_forms_agree(store)
    assert after[("fulfilment-by-priority-area", 3)] != middle[("fulfilment-by-priority-area", 3)]


def test_a_changed_frequency_vocabulary_rewrites_every_overdue_day(
    store: OxigraphStore, tmp_path: Path
) -> None:
    # what kg init does when the vocabularies' files changed: the graph replaced in one write
    graph = MINTER.graph_iri("vocabularies")
    tertialvis = ox.NamedNode("https://w3id.org/medborgarlofte/vocab/frequency/tertialvis")
    quads = list(store.raw.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    changed = [
        ox.Quad(q.subject, q.predicate, ox.Literal("12", datatype=OX.xsd.decimal), q.graph_name)
        if (q.subject, q.predicate) == (tertialvis, OX.mbl.occurrencesPerYear)
        else q
        for q in quads
    ]
    assert changed != quads
    store.apply(ChangeSet(replace={graph: changed}))
    state = assert_state_matches(store)
    assert _value(state, OX.mbl.latestOverdueFrom) == [
        '"2025-10-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    ]
    for as_of in ("2025-09-15", "2025-10-15"):
        assert _overdue(store, as_of, False, tmp_path) == _overdue(store, as_of, True, tmp_path), as_of


def test_a_restored_dump_has_the_state(store: OxigraphStore, tmp_path: Path) -> None:
    dump = tmp_path / "dump.trig"
    export_to_path(store, dump, minter=MINTER)
    with open_store(StoreSettings(tmp_path / "copy")) as copy:
        restore_dump(dump, store=copy, minter=MINTER, validator=shared_validator())
        assert assert_state_matches(copy) == stored_state(store)


def test_a_missing_partial_or_stale_state_is_noticed_and_the_queries_answer_the_same(
    store: OxigraphStore,
) -> None:
    answers = _answers(store)
    assert any(answers.values())
    cat = ox.NamedNode(str(MINTER.catalogue_graph))
    prefix = "<" + state_prefix(MINTER)
    quads = [q for q in store.quads(cat.value) if str(q.subject).startswith(prefix)]
    # of another version: stale
    (version,) = [q for q in quads if q.predicate == OX.mbl.stateVersion]
    old = ox.Quad(version.subject, version.predicate, ox.Literal("0", datatype=OX.xsd.integer), cat)
    store.apply(ChangeSet(delete=[version], insert=[old], state=False))
    assert not state_complete(store, MINTER) and not has_followup_state(store)
    assert "mbl:latest" not in form_for(store, load_queries()["followup-fulfilment"]).text
    assert _answers(store) == answers
    # missing (a bulk load whose state write never came): the counts differ
    store.apply(ChangeSet(delete=[*quads[1:], old], state=False))
    assert not state_complete(store, MINTER)
    assert _answers(store) == answers
    assert write_state(store, MINTER) == 1
    assert_state_matches(store)
    assert _answers(store) == answers


def test_kg_init_writes_the_state_an_older_store_lacks(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "old"
    with open_store(StoreSettings(path)) as old:
        _import(old, EXAMPLE, T1, T2)
        cat = ox.NamedNode(str(MINTER.catalogue_graph))
        prefix = "<" + state_prefix(MINTER)
        quads = [q for q in old.quads(cat.value) if str(q.subject).startswith(prefix)]
        old.apply(ChangeSet(delete=quads, state=False))
        assert not has_followup_state(old)
    code, out = kg(runner, path, "init", quiet=False)
    assert code == EXIT_OK, out
    assert "1 löftens uppföljningslägen skrivna / promises' follow-up states written" in out
    with open_store(StoreSettings(path, read_only=True)) as upgraded:
        assert assert_state_matches(upgraded) and has_followup_state(upgraded)
    code, out = kg(runner, path, "init", quiet=False)
    assert code == EXIT_OK and "redan aktuellt / up to date" in out


def test_the_benchmark_nquads_added_in_bulk_get_the_state(tmp_path: Path) -> None:
    bench_generate().generate(tmp_path / "corpus", scale=1, municipalities=2, fmt="nq")
    with open_store(StoreSettings(None)) as loaded:
        for f in sorted((tmp_path / "corpus").rglob("*.nq")):
            loaded.add_nquads(f.read_bytes())
        assert len(assert_state_matches(loaded)) > 0


def test_a_bulk_import_in_slices_writes_the_state_with_the_documents(tmp_path: Path) -> None:
    """A first import of a benchmark sample in slices of three documents, its follow-ups given
    before their promises (a promise loaded after its follow-ups' summaries, follow-ups of one
    promise over several slices), then more follow-ups of promises already stored: the state is
    the one computed afresh; a promise without a stored state gets it in the bulk load itself."""
    bench_generate().generate(tmp_path / "corpus", scale=1, municipalities=2, fmt="ttl")
    files = sorted((tmp_path / "corpus").rglob("*.ttl"))
    stems = {f.stem for f in files}
    followups = [f for f in files if f.stem.rsplit("-", 1)[0] in stems]  # <promise's stem>-<period>
    promises = [f for f in files if f not in followups]
    assert followups and promises
    later, first = followups[::3], [f for f in followups if f not in followups[::3]]
    opts = ImportOptions(write_batch=3)
    with open_store(StoreSettings(tmp_path / "store")) as s:
        summary = import_paths(
            [str(p) for p in [*first, *promises]],
            store=s,
            minter=MINTER,
            validator=shared_validator(),
            options=opts,
        )
        assert not summary.has_errors, summary.as_dict()
        assert len(assert_state_matches(s)) > 0
        summary = import_paths(
            [str(p) for p in later], store=s, minter=MINTER, validator=shared_validator(), options=opts
        )
        assert not summary.has_errors, summary.as_dict()
        assert all(o.status.value == "imported" for o in summary.outcomes)
        assert assert_state_matches(s)


def test_bulk_state_loads_a_new_promises_state_and_replaces_a_stored_one(tmp_path: Path) -> None:
    bench_generate().generate(tmp_path / "corpus", scale=1, municipalities=1, fmt="nq")
    data = b"".join(f.read_bytes() for f in sorted((tmp_path / "corpus").rglob("*.nq")))
    with open_store(StoreSettings(None)) as s:
        added, change = bulk_state(s.raw, data, MINTER)
        assert added and not change.insert and not change.delete_subjects  # nothing stored yet
        s.add_nquads(data)
        expected = assert_state_matches(s)
        again, change = bulk_state(s.raw, data, MINTER)  # every state stored: replaced, same quads
        assert not again and change.delete_subjects
        own = "<" + state_prefix(MINTER)  # the state's nodes; the shared counts' are beside them
        assert {
            (str(q.subject), str(q.predicate), str(q.object))
            for q in change.insert
            if str(q.subject).startswith(own)
        } == expected
