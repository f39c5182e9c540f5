"""A promise's actor groups (kg.store.promise_facts): its activities counted per set of
responsible actors, the stated set leaving assumed actors out, and no facts at all for a promise
with a blank-node actor (no shared node could name it)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.iris import Minter
from kg.namespaces import OX
from kg.store.promise_facts import actor_group_iri, facts_quads, promise_facts

MBL, RDF = OX.mbl, OX.rdf
N = ox.NamedNode
BASE = "https://example.org/"
PROMISE, K, P = N(BASE + "promise"), N(BASE + "kommun"), N(BASE + "polis")


def _promise(
    actors: list[list[ox.NamedNode | ox.BlankNode]], assumed: list[tuple[int, ox.NamedNode]] | None = None
) -> list[ox.Triple]:
    triples = [ox.Triple(PROMISE, RDF.type, MBL.CitizenPromise)]
    for i, names in enumerate(actors):
        activity = N(f"{BASE}activity/{i}")
        triples.append(ox.Triple(PROMISE, MBL.activity, activity))
        triples += [ox.Triple(activity, MBL.responsibleActor, a) for a in names]
    for i, (index, actor) in enumerate(assumed or []):
        a = N(f"{BASE}assumption/{i}")
        triples += [
            ox.Triple(a, RDF.type, MBL.Assumption),
            ox.Triple(a, RDF.subject, N(f"{BASE}activity/{index}")),
            ox.Triple(a, RDF.predicate, MBL.responsibleActor),
            ox.Triple(a, RDF.object, actor),
        ]
    return triples


def test_activities_are_counted_per_set_of_actors() -> None:
    facts = promise_facts(_promise([[K], [K, P], [P, K], [P], [K]]))
    assert facts is not None
    k, p = K.value, P.value
    assert facts.actor_groups == (((k,), 2), ((k, p), 2), ((p,), 1))
    assert facts.stated_actor_groups == facts.actor_groups


def test_the_stated_groups_leave_assumed_actors_out() -> None:
    facts = promise_facts(_promise([[K, P], [P], [K]], assumed=[(0, P), (1, P)]))
    assert facts is not None
    k, p = K.value, P.value
    assert facts.actor_groups == (((k,), 1), ((k, p), 1), ((p,), 1))
    assert facts.stated_actor_groups == (((k,), 2),)  # activity 1's only actor is assumed


def test_group_nodes_are_shared_and_name_their_actors() -> None:
    minter = Minter()
    facts = promise_facts(_promise([[K, P]]))
    assert facts is not None
    quads = facts_quads(minter, "promise/x", facts)
    group = N(actor_group_iri(minter, (K.value, P.value), 1))
    assert {(q.predicate, q.object) for q in quads if q.subject == group} == {
        (MBL.groupActor, K),
        (MBL.groupActor, P),
        (MBL.groupActivities, ox.Literal("1", datatype=OX.xsd.integer)),
    }
    links = [q for q in quads if q.object == group]
    assert {q.predicate for q in links} == {MBL.factActorGroup, MBL.factStatedActorGroup}
    assert actor_group_iri(minter, (K.value, P.value), 2) != group.value


def test_a_blank_node_actor_gives_no_facts() -> None:
    assert promise_facts(_promise([[K], [ox.BlankNode()]])) is None
