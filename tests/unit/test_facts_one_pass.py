"""What an import worker works out of each document's triples (kg.ingest.prepare) reads each
triple's predicate once and its subject and object only for the predicates that count: a
promise's facts (kg.store.promise_facts), a follow-up's (kg.store.followup_facts), the revision
counts (kg.store.history.count_document) and the lines the follow-up state reads
(kg.store.followup_state.state_lines). Each must say what a plain reading of every triple says:
here that plain reading is written out and compared over every fixture and example, the
steward's follow-ups and a sample of the benchmark corpus (promises with assumptions, pairs of
areas, groups of actors, follow-ups of every status)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.documents.load import Document, load_documents
from kg.errors import KgError
from kg.iris import Minter
from kg.namespaces import OX
from kg.store import promise_facts as pf
from kg.store.derived_kinds import compute_facts, derived_quads
from kg.store.followup_facts import FollowUpFacts, followup_facts
from kg.store.history import DocumentCounts, count_document
from kg.store.state_loads import read_by_state, state_lines
from tests.query_fixtures import bench_generate

ROOT = Path(__file__).resolve().parents[2]
MBL, DCT, DCAT = OX.mbl, OX.dct, OX.dcat
_TYPE = OX.rdf.type


def _documents(corpus: Path) -> Iterator[Document]:
    folders = (ROOT / "tests" / "fixtures", ROOT / "examples", ROOT / "data" / "followups", corpus)
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".ttl", ".trig", ".yaml", ".jsonld"}:
                try:
                    yield from load_documents(path, minter=Minter())
                except KgError:
                    continue


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    corpus = tmp_path_factory.mktemp("corpus")
    bench_generate().generate(corpus, scale=1, municipalities=2)
    docs = list(_documents(corpus))
    assert sum(d.kind == "promise" for d in docs) > 20 and sum(d.kind == "followup" for d in docs) > 20
    return docs


class _Every(frozenset[ox.NamedNode]):
    def __contains__(self, item: object) -> bool:
        return True


def test_promise_facts_are_those_of_every_triple(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = 0
    for doc in documents:
        facts = pf.promise_facts(doc.quads)
        with monkeypatch.context() as m:
            m.setattr(pf, "_READ", _Every())  # every predicate kept, as before the filter
            assert facts == pf.promise_facts(doc.quads), doc.source
        found += facts is not None and bool(facts.pairs) and bool(facts.actor_groups)
    assert found > 10


def _plain_followup_facts(quads: list[ox.Quad]) -> FollowUpFacts | None:
    """A follow-up's facts, every triple's terms read and compared with each predicate in turn."""
    followups: set[ox.NamedNode] = set()
    follows: dict[object, set[str]] = {}
    temporal: dict[object, set[object]] = {}
    starts: dict[object, set[ox.Literal]] = {}
    ends: dict[object, set[ox.Literal]] = {}
    assessments: dict[object, set[object]] = {}
    activity: dict[object, set[str]] = {}
    done: set[object] = set()
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if p == _TYPE and o == MBL.FollowUp and isinstance(s, ox.NamedNode):
            followups.add(s)
        elif p == MBL.followsUp and isinstance(o, ox.NamedNode):
            follows.setdefault(s, set()).add(o.value)
        elif p == DCT.temporal:
            temporal.setdefault(s, set()).add(o)
        elif p == DCAT.startDate and isinstance(o, ox.Literal):
            starts.setdefault(s, set()).add(o)
        elif p == DCAT.endDate and isinstance(o, ox.Literal):
            ends.setdefault(s, set()).add(o)
        elif p == MBL.assessment:
            assessments.setdefault(s, set()).add(o)
        elif p == MBL.assessedActivity and isinstance(o, ox.NamedNode):
            activity.setdefault(s, set()).add(o.value)
        elif p == MBL.status and o == OX.status.genomford:
            done.add(s)
    if len(followups) != 1:
        return None
    (f,) = followups
    periods, own = temporal.get(f, set()), assessments.get(f, set())

    def key(lit: ox.Literal) -> tuple[str, str]:
        return (lit.value, lit.datatype.value)

    return FollowUpFacts(
        followup=f.value,
        promises=tuple(sorted(follows.get(f, ()))),
        starts=tuple(sorted({d for p in periods for d in starts.get(p, ())}, key=key)),
        ends=tuple(sorted({d for p in periods for d in ends.get(p, ())}, key=key)),
        assessed=tuple(sorted({x for a in own for x in activity.get(a, ())})),
        completed=tuple(sorted({x for a in own if a in done for x in activity.get(a, ())})),
    )


def test_followup_facts_are_those_of_every_triple(documents: list[Document]) -> None:
    done = 0
    for doc in documents:
        facts = followup_facts(doc.quads)
        assert facts == _plain_followup_facts(doc.quads), doc.source
        done += facts is not None and bool(facts.completed) and facts.assessed != facts.completed
    assert done > 5


def _plain_counts(quads: list[ox.Quad]) -> DocumentCounts:
    def subjects(p: ox.NamedNode, o: object = None) -> set[object]:
        return {q.subject for q in quads if q.predicate == p and (o is None or q.object == o)}

    activities = subjects(_TYPE, MBL.Activity)
    return DocumentCounts(
        assumptions=len(subjects(_TYPE, MBL.Assumption)),
        activities=len(activities),
        with_actor=len(subjects(MBL.responsibleActor) & activities),
        with_frequency=len(subjects(MBL.frequency) & activities),
        with_type=len(subjects(MBL.activityType) & activities),
    )


def test_counts_and_state_lines_are_those_of_every_triple(documents: list[Document]) -> None:
    minter = Minter()
    assumed = lines = 0
    for doc in documents:
        counts = count_document(doc.quads)
        assert counts == _plain_counts(doc.quads), doc.source
        assumed += counts.assumptions > 0
        derived = derived_quads(minter, doc.doc_id, compute_facts(doc.kind, doc.quads))
        g = ox.NamedNode(doc.graph_iri)
        plain = [ox.Quad(q.subject, q.predicate, q.object, g) for q in doc.quads if read_by_state(q)]
        plain += [q for q in derived if read_by_state(q)]
        expected = ox.serialize(plain, format=ox.RdfFormat.N_QUADS) or b""
        assert state_lines(doc.graph_iri, doc.quads, derived) == expected, doc.source
        lines += bool(expected)
    assert assumed > 3 and lines > 40


def test_a_promises_context_is_that_of_every_triple(documents: list[Document]) -> None:
    """A follow-up is validated with its promise's context (kg.authoring.followup.context_of_quads),
    made in one pass: the same triples in the same order as two plain passes."""
    from kg.authoring.followup import _CHILD_OX, _CONTEXT_OX, _PARENT_OX, context_of_quads

    found = 0
    for doc in documents:
        if doc.kind != "promise":
            continue
        node = ox.NamedNode(str(doc.iri))
        own = [q for q in doc.quads if q.subject == node and q.predicate in _CONTEXT_OX]
        children = {q.object for q in own if q.predicate in _PARENT_OX and isinstance(q.object, ox.NamedNode)}
        plain = own + [q for q in doc.quads if q.subject in children and q.predicate in _CHILD_OX]
        assert context_of_quads(doc.quads, doc.iri) == plain, doc.source
        found += len(plain) > len(own) > 0
    assert found > 20
