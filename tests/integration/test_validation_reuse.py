"""What pySHACL runs share never changes a report (kg.validation.shacl_graph: constraints built
once per shape and reused by every later run, the shapes' lists and paths read once, rdflib terms
made once per process, each focus node's ownership asked once a run; kg.validation.validator:
several documents in one run (kg.validation.batches), a reference node's and a context's quads
listed once a run): every document's report from one call over all of them, after earlier calls
have filled every cache, equals, field by field and in order, its report validated alone on the
reference path (:func:`kg.validation.sparql_batch.per_focus_node`: constraints built afresh,
pySHACL's own shape evaluation, value nodes and SPARQL queries, no term remembered from another
run). The value nodes kg finds (scanned, or looked up for one focus node) are compared with
pySHACL's set by set, and the reference nodes a document's run gets with a plain walk.

The documents: every shape fixture (with its stored context), the bundled documents, a sample of
the benchmark corpus with its follow-ups checked against their promises as the importer checks
them (one context per promise, the same quads for each of its follow-ups: read once, listed once
a run), and the same sample mutated so that shapes fire in runs of many documents."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from query_fixtures import bench_generate

import kg.validation.shacl_graph as shacl_graph
from kg.authoring.followup import context_for, followup_context
from kg.documents.load import load_document, load_documents
from kg.iris import Minter
from kg.namespaces import MBL
from kg.validation.sparql_batch import per_focus_node
from kg.validation.validator import TriplesDocument, Validator


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Any], list[Any]]:
    from test_shapes import BUNDLED_DOCUMENTS
    from test_sparql_batch import FIXTURE_FILES, _mutated, fixture_document

    pairs = [fixture_document(p) for p in FIXTURE_FILES]
    docs, contexts = [d for d, _ in pairs], [c for _, c in pairs]
    minter = Minter()
    bundled = [load_document(p, minter=minter) for p in BUNDLED_DOCUMENTS]
    promises = {str(d.iri): d for d in bundled if d.kind == "promise"}
    docs += bundled
    contexts += [context_for(d, store=None, minter=minter, local=promises) for d in bundled]
    out = tmp_path_factory.mktemp("corpus")
    bench_generate().generate(out, scale=1, municipalities=4)
    sample = [d for p in sorted(out.rglob("*.ttl")) for d in load_documents(p, minter=minter)]
    promises = {str(d.iri): d for d in sample if d.kind == "promise"}
    made: dict[str, Any] = {}  # as the importer checks them: one context per promise, copied
    sample_contexts: list[Any] = []
    for d in sample:
        if d.kind != "followup" or d.follows not in promises:
            sample_contexts.append(None)
            continue
        if d.follows not in made:
            made[d.follows] = followup_context(d, store=None, minter=minter, local=promises)
        sample_contexts.append(list(made[d.follows]))
    assert len(made) < sum(c is not None for c in sample_contexts)  # promises followed up twice
    docs += sample + _mutated(sample, random.Random(1919))
    contexts += sample_contexts + sample_contexts
    return docs, contexts


def alone(validator: Validator, docs: Sequence[Any], contexts: Sequence[Any]) -> list[dict[str, Any]]:
    with per_focus_node():
        return [validator.validate([d], [c])[0].as_dict() for d, c in zip(docs, contexts, strict=True)]


def test_reports_of_shared_runs_equal_reports_alone(
    validator: Validator, documents: tuple[list[Any], list[Any]]
) -> None:
    docs, contexts = documents
    validator.validate(docs[::-1], contexts[::-1])  # every cache filled, in another order
    runs: list[int] = []
    real = Validator._shacl

    def counted(self: Validator, *args: Any, **kwargs: Any) -> Any:
        runs.append(1)
        return real(self, *args, **kwargs)

    Validator._shacl = counted  # type: ignore[method-assign]
    try:
        shared = [r.as_dict() for r in validator.validate(docs, contexts)]
    finally:
        Validator._shacl = real  # type: ignore[method-assign]
    reference = alone(validator, docs, contexts)
    for got, want in zip(shared, reference, strict=True):
        assert got == want, want["source"]
    assert len(runs) < len(docs) // 2  # documents did share runs
    assert sum(len(r["findings"]) for r in reference) > len(docs)  # and the shapes fired
    assert {f["severity"] for r in reference for f in r["findings"]} == {"violation", "warning", "info"}


def test_a_small_term_memory_changes_nothing(
    validator: Validator, documents: tuple[list[Any], list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terms remembered between runs are forgotten every few terms: the same reports."""
    monkeypatch.setattr(shacl_graph, "RDF_TERMS_KEPT", 7)
    shacl_graph._RDF_TERMS.clear()
    docs, contexts = documents
    docs, contexts = docs[-60:], contexts[-60:]  # the mutated sample
    shared = [r.as_dict() for r in validator.validate(docs, contexts)]
    assert shared == alone(validator, docs, contexts)
    assert len(shacl_graph._RDF_TERMS) <= 7


def test_constraints_are_built_once_per_shape(
    validator: Validator, documents: tuple[list[Any], list[Any]]
) -> None:
    docs, contexts = documents
    validator.validate(docs[:40], contexts[:40])
    built = dict(validator._shapes_graph._constraints)
    assert built, "no constraint was kept"
    validator.validate(docs[:40], contexts[:40])
    assert all(validator._shapes_graph._constraints[k][1] is c for k, (_, c) in built.items())


def test_value_nodes_of_one_focus_node_equal_pyshacl_s(
    validator: Validator, documents: tuple[list[Any], list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """kg.validation.shacl_graph looks up the value nodes of a single focus node itself (a
    document validated alone, a nested shape's value), along a property and along its inverse:
    every set it finds (scanned or looked up) is pySHACL's own, each document alone on kg's
    paths gives its report on the reference path, and both lookups did run (a run with one
    activity: mblsh:Activity-promise's inverse path)."""
    from pyshacl.shape import Shape

    docs, contexts = documents
    looked_up: set[bool] = set()
    real = shacl_graph._scanned

    def spy(shape: Any, graph: Any, focus: Any) -> Any:
        found = real(shape, graph, focus)
        if found is not None:
            with per_focus_node():
                assert found == Shape.value_nodes(shape, graph, focus)
            step = shacl_graph._step(shape)
            assert step is not None
            if len(found) == 1:
                looked_up.add(step[1])
        return found

    monkeypatch.setattr(shacl_graph, "_scanned", spy)
    fixtures = [i for i, d in enumerate(docs) if getattr(d, "where", None) is None][:80]
    picked = fixtures + list(range(len(docs) - 30, len(docs)))  # and part of the mutated sample
    mine = [validator.validate([docs[i]], [contexts[i]])[0].as_dict() for i in picked]
    assert mine == alone(validator, [docs[i] for i in picked], [contexts[i] for i in picked])
    assert looked_up == {False, True}


def test_shapes_are_evaluated_on_kg_s_path(
    validator: Validator, documents: tuple[list[Any], list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """kg.validation.shape_eval evaluates the shapes of kg's runs (the reports above are its), and
    pySHACL's own ``Shape.validate`` only the reference path's."""
    docs, contexts = documents
    taken: list[bool] = []
    real = shacl_graph.evaluated

    def spy(*args: Any) -> Any:
        found = real(*args)
        taken.append(found is not None)
        return found

    monkeypatch.setattr(shacl_graph, "evaluated", spy)
    validator.validate(docs[:60], contexts[:60])
    assert taken and all(taken)
    taken.clear()
    alone(validator, docs[:3], contexts[:3])
    assert taken and not any(taken)


def test_reference_closure_equals_a_plain_reading(
    validator: Validator, documents: tuple[list[Any], list[Any]]
) -> None:
    """Validator._closure (the reference nodes a document's run gets: its municipality, the
    municipality's county, its concepts) against the same walk over the reference triples."""
    import pyoxigraph as ox

    from kg.validation.documents import spo

    def plain(doc: list[Any]) -> set[Any]:
        index = validator._index
        added: set[Any] = set()
        frontier = {o for _, _, o in doc if isinstance(o, ox.NamedNode)} | {
            s for s, _, _ in doc if s in index
        }
        for _ in range(2):
            nxt: set[Any] = set()
            for node in frontier - added:
                if node in index:
                    added.add(node)
                    nxt |= {t[2] for t in index[node] if isinstance(t[2], ox.NamedNode)}
            frontier = nxt - added
        return added

    docs, _ = documents
    closures = [validator._closure(spo(d.quads)) for d in docs]
    assert closures == [plain(spo(d.quads)) for d in docs]
    assert any(len(c) > 3 for c in closures)  # municipality, county, concepts: two steps taken


def _groups_over_every_node(
    docs: Sequence[Any], contexts: Sequence[Any], reference: Any = frozenset()
) -> list[list[int]]:
    """The batching rule of kg.validation.batches asked of every node each document names."""
    from collections import defaultdict

    import pyoxigraph as ox

    from kg.validation.batches import CROSS_DOCUMENT

    type_ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    groups: list[tuple[dict[Any, Any], dict[Any, Any], set[Any], list[int]]] = []
    for i, doc in enumerate(docs):
        ctx = contexts[i]
        key = frozenset(ctx) if ctx else None
        outside = {o for _, p, o in doc if p in CROSS_DOCUMENT}
        if ctx is not None:
            outside.update(s for s, _, _ in ctx)
        about: dict[Any, list[Any]] = defaultdict(list)
        through: dict[Any, set[Any]] = defaultdict(set)
        for s, p, o in doc:
            about[s].append((p, o))
            if not isinstance(o, ox.Literal) and o not in outside:
                through[o].add(p)
        named = {
            n: (frozenset(about.get(n, ())), frozenset(through.get(n, ())))
            for n in about.keys() | through.keys()
        }
        outside -= named.keys()
        # what the context names and does not describe (not a class, not reference data)
        pointed = {
            o for _, p, o in ctx or () if p != type_ and not isinstance(o, ox.Literal) and o not in reference
        }
        pointed -= named.keys() | outside
        for seen, context_of, context_names, members in groups:
            if (
                all(seen.get(n, how) == how for n, how in named.items())
                and seen.keys().isdisjoint(outside)
                and context_of.keys().isdisjoint(named)
                and all(context_of.get(n, key) == key for n in outside)
                and seen.keys().isdisjoint(pointed)
                and context_names.isdisjoint(named)
            ):
                seen.update(named)
                context_of.update(dict.fromkeys(outside, key))
                context_names.update(pointed)
                members.append(i)
                break
        else:
            groups.append((named, dict.fromkeys(outside, key), pointed, [i]))
    return [members for _, _, _, members in groups]


def test_the_batching_rule_asked_of_shared_nodes_gives_its_groups(
    validator: Validator, documents: tuple[list[Any], list[Any]]
) -> None:
    """kg.validation.batches asks its rule only of nodes two documents name or have outside."""
    from kg.validation.batches import batches
    from kg.validation.documents import contexts_read, spo

    docs, contexts = documents
    triples = [spo(d.quads) for d in docs]
    read = contexts_read(contexts)
    reference = validator._index.keys()
    for part in (slice(None), slice(None, None, -1), slice(len(docs) // 2, None)):
        got = batches(triples[part], read[part])
        assert got == _groups_over_every_node(triples[part], read[part])
        got = batches(triples[part], read[part], reference)
        assert got == _groups_over_every_node(triples[part], read[part], reference)
    assert len(got) < len(triples[part])


def test_a_node_a_context_only_names_is_not_checked_in_another_document(
    validator: Validator, tmp_path: Path
) -> None:
    """A follow-up's context names the promise's police unit (mbl:policeUnit, whose range makes
    it an actor) without describing it; a promise of another municipality that only points to
    the same unit (a signatory's post, org:postIn) does not check it as an actor alone, nor when
    the two share a run (the unit lies outside the follow-up, kg.validation.batches)."""
    bench_generate().generate(tmp_path, scale=1, municipalities=4)
    minter = Minter()
    loaded = [d for p in sorted(tmp_path.rglob("*.ttl")) for d in load_documents(p, minter=minter)]
    promises = {str(d.iri): d for d in loaded if d.kind == "promise"}
    police_unit = ox.NamedNode(str(MBL.policeUnit))
    post_in = ox.NamedNode("http://www.w3.org/ns/org#postIn")
    for followup in (d for d in loaded if d.kind == "followup"):
        context = followup_context(followup, store=None, minter=minter, local=promises)
        units = [q.object for q in context if q.predicate == police_unit]
        if units and units[0] not in validator._index:
            break
    else:
        pytest.fail("no follow-up whose promise names a police unit the reference data does not")
    unit, municipality = units[0], str(followup.follows).split("/")[-1][:4]
    other = next(d for d in promises.values() if municipality not in str(d.iri))
    quads = [
        ox.Quad(q.subject, q.predicate, unit, q.graph_name) if q.predicate == post_in else q
        for q in other.quads
    ]
    assert quads != list(other.quads)
    pointing = TriplesDocument(quads, iri=str(other.iri), where=other.doc_id)
    alone = [validator.validate([d], [c])[0].as_dict() for d, c in ((pointing, None), (followup, context))]
    assert not alone[0]["findings"]
    together = [r.as_dict() for r in validator.validate([pointing, followup], [None, context])]
    assert together == alone
