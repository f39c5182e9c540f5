"""What pySHACL runs share never changes a report (kg.validation.shacl_graph: constraints built
once per shape and reused by every later run, the shapes' lists and paths read once, rdflib terms
made once per process, each focus node's ownership asked once a run; kg.validation.validator:
several documents in one run (kg.validation.batches), a reference node's and a context's quads
listed once a run): every document's report from one call over all of them, after earlier calls
have filled every cache, equals, field by field and in order, its report validated alone on the
reference path (:func:`kg.validation.sparql_batch.per_focus_node`: constraints built afresh,
pySHACL's own value nodes and SPARQL queries, no term remembered from another run).

The documents: every shape fixture (with its stored context), the bundled documents, a sample of
the benchmark corpus with its follow-ups checked against their promises as the importer checks
them (one context per promise, the same quads for each of its follow-ups: read once, listed once
a run), and the same sample mutated so that shapes fire in runs of many documents."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import pytest
from query_fixtures import bench_generate

import kg.validation.shacl_graph as shacl_graph
from kg.authoring.followup import context_for, followup_context
from kg.documents.load import load_document, load_documents
from kg.iris import Minter
from kg.validation.sparql_batch import per_focus_node
from kg.validation.validator import Validator


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


def _groups_over_every_node(docs: Sequence[Any], contexts: Sequence[Any]) -> list[list[int]]:
    """The batching rule of kg.validation.batches asked of every node each document names."""
    from collections import defaultdict

    import pyoxigraph as ox

    from kg.validation.batches import CROSS_DOCUMENT

    groups: list[tuple[dict[Any, Any], dict[Any, Any], list[int]]] = []
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
        for seen, context_of, members in groups:
            if (
                all(seen.get(n, how) == how for n, how in named.items())
                and seen.keys().isdisjoint(outside)
                and context_of.keys().isdisjoint(named)
                and all(context_of.get(n, key) == key for n in outside)
            ):
                seen.update(named)
                context_of.update(dict.fromkeys(outside, key))
                members.append(i)
                break
        else:
            groups.append((named, dict.fromkeys(outside, key), [i]))
    return [members for _, _, members in groups]


def test_the_batching_rule_asked_of_shared_nodes_gives_its_groups(
    documents: tuple[list[Any], list[Any]],
) -> None:
    """kg.validation.batches asks its rule only of nodes two documents name or have outside."""
    from kg.validation.batches import batches
    from kg.validation.documents import contexts_read, spo

    docs, contexts = documents
    triples = [spo(d.quads) for d in docs]
    read = contexts_read(contexts)
    for part in (slice(None), slice(None, None, -1), slice(len(docs) // 2, None)):
        got = batches(triples[part], read[part])
        assert got == _groups_over_every_node(triples[part], read[part])
    assert len(got) < len(triples[part])
