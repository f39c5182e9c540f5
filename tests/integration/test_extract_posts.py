"""A job title the text names as the one who acts ("Trygghetssamordnaren ska …") is the
activity's responsible actor: an ``org:Post`` with its ``org:role`` and ``org:postIn``, stated where
the text names the organisation ("kommunens trygghetssamordnare", "Köpings fältassistenter",
"polisens kommunpolis"), else by the post's kind as an assumption (extract:post-in-by-kind), else
unknown (extract:post-in-not-stated). It used to be dropped: both parties were assumed responsible
(extract:no-actor-both-parties) although the text names who. A job title is never an activity
type; the draft imports and validates, and a researcher's query shows the post and its
organisation."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from cli_support import kg
from rdflib import RDF, Graph, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EXIT_OK
from kg.extract import extract_file
from kg.extract.actors import ActorFinder
from kg.extract.lexicon import default_lexicon
from kg.extract.model import Assumption, Party
from kg.namespaces import MBL, ORG, SKOS
from kg.query.derived import form_for
from kg.query.run import run_saved
from kg.query.saved import SavedQuery, load_queries, parse_query_file
from kg.store.core import OxigraphStore, StoreSettings, open_store

REPO = Path(__file__).resolve().parent.parent.parent
ID = "https://w3id.org/medborgarlofte/id/"
POST = "https://w3id.org/medborgarlofte/vocab/post/"
KOPING = "1983"
TEXT = """Medborgarlöfte för Köpings kommun 2024

Lokalpolisområde Västerås och Köpings kommun lovar:

Prioriterat område: Trygghet i centrum

- Trygghetssamordnaren ska genomföra trygghetsvandringar två gånger per år.
- Fältassistenterna ska vara ute i centrum varje fredag.
- Polisen ska genomföra narkotikasök med hund på skolor.
- Kommunens fritidsledare ska ordna lovaktiviteter varje lov.
- Köpings socialsekreterare ska göra hembesök varje vecka.
- Polisens kommunpolis ska besöka fritidsgårdarna en gång i månaden.
- Ungdomspedagogerna ska hålla samtalsgrupper varje vecka.
"""


def _extract(tmp_path: Path, text: str = TEXT) -> tuple[Graph, URIRef, list[Assumption]]:
    path = tmp_path / "poster.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_file(path, period="2024")
    return result.graph, result.iri, result.analysis.assumptions


def _responsible(graph: Graph, promise: URIRef, order: int) -> list[URIRef]:
    return sorted(
        URIRef(str(o)) for o in graph.objects(URIRef(f"{promise}/activity/{order}"), MBL.responsibleActor)
    )


def _rows(store: OxigraphStore, query: SavedQuery, params: dict[str, Any]) -> list[Any]:
    return sorted(
        (tuple(sorted(r.items())) for r in run_saved(store, query, params, cache=None).records()), key=repr
    )


def _subjects(store: OxigraphStore, graph: str) -> set[str]:
    return {q.subject.value for q in store.quads(graph) if isinstance(q.subject, ox.NamedNode)}


def _rules(assumed: list[Assumption], subject: str) -> set[str]:
    return {a.rule for a in assumed if a.subject == subject}


def test_a_post_named_alone_is_responsible_and_its_organisation_is_assumed_by_its_kind(
    tmp_path: Path,
) -> None:
    graph, promise, assumed = _extract(tmp_path)
    for order, slug, org in (
        (1, "trygghetssamordnare", f"{ID}org/kommun-{KOPING}"),
        (2, "faltassistent", f"{ID}org/kommun-{KOPING}"),
    ):
        post = URIRef(f"{promise}/post/{slug}")
        assert _responsible(graph, promise, order) == [post]
        assert {ORG.Post, ORG.Organization} <= set(graph.objects(post, RDF.type))
        assert graph.value(post, ORG.role) == URIRef(POST + slug)
        assert graph.value(post, ORG.postIn) == URIRef(org)
        assert _rules(assumed, str(post)) == {"extract:post-in-by-kind"}
        # the text names who: no default of both parties
        assert not _rules(assumed, f"{promise}/activity/{order}")
    assert (
        str(graph.value(URIRef(f"{promise}/post/trygghetssamordnare"), SKOS.prefLabel))
        == "Trygghetssamordnaren"
    )
    # "Polisen" is the police, not a post
    assert _responsible(graph, promise, 3) == [URIRef(f"{ID}org/lpo-vasteras")]


def test_a_post_named_with_its_organisation_is_in_it_as_stated(tmp_path: Path) -> None:
    graph, promise, assumed = _extract(tmp_path)
    for order, slug, org in (
        (4, "fritidsledare", f"{ID}org/kommun-{KOPING}"),
        (5, "socialsekreterare", f"{ID}org/kommun-{KOPING}"),
        (6, "kommunpolis", f"{ID}org/lpo-vasteras"),
    ):
        post = URIRef(f"{promise}/post/{slug}")
        assert _responsible(graph, promise, order) == [post], order
        assert list(graph.objects(post, ORG.postIn)) == [URIRef(org)], slug
        assert not _rules(assumed, str(post)), slug
        assert not _rules(assumed, f"{promise}/activity/{order}"), order


def test_a_title_the_vocabulary_does_not_list_is_read_by_its_role_noun(tmp_path: Path) -> None:
    graph, promise, assumed = _extract(tmp_path)
    post = URIRef(f"{promise}/post/ungdomspedagogerna")
    assert _responsible(graph, promise, 7) == [post]
    assert graph.value(post, ORG.role) is None
    assert graph.value(post, ORG.postIn) is None  # nothing says where: unknown, not guessed
    assert _rules(assumed, str(post)) == {"extract:post-in-not-stated"}


def test_a_later_mention_that_names_the_organisation_replaces_the_assumed_one(tmp_path: Path) -> None:
    text = TEXT + "- Kommunens trygghetssamordnare ska sammankalla samverkansmöten varje månad.\n"
    graph, promise, assumed = _extract(tmp_path, text)
    post = URIRef(f"{promise}/post/trygghetssamordnare")
    assert _responsible(graph, promise, 8) == [post]
    assert list(graph.objects(post, ORG.postIn)) == [URIRef(f"{ID}org/kommun-{KOPING}")]
    assert not _rules(assumed, str(post))


def test_a_job_title_is_never_an_activity_type(tmp_path: Path) -> None:
    graph, promise, _ = _extract(tmp_path)
    types = {
        order: {
            str(t).rsplit("/", 1)[-1]
            for t in graph.objects(URIRef(f"{promise}/activity/{order}"), MBL.activityType)
        }
        for order in range(1, 8)
    }
    assert types[1] == {"trygghetsvandring"}
    assert types[2] == set()  # "Fältassistenterna ska vara ute": no outreach work, no activity type
    assert types[7] == set()


def test_the_draft_with_posts_imports_validates_and_the_query_shows_post_and_organisation(
    tmp_path: Path,
) -> None:
    source = tmp_path / "poster.txt"
    source.write_text(TEXT, encoding="utf-8")
    draft = tmp_path / "poster.yaml"
    runner, store = CliRunner(), tmp_path / "store"
    assert kg(runner, store, "extract", str(source), "--period", "2024", "--out", str(draft))[0] == EXIT_OK
    text = draft.read_text(encoding="utf-8")
    assert "extract:post-in-by-kind" in text and "extract:no-actor-both-parties" not in text
    result = runner.invoke(app, ["--store", str(store), "validate", str(draft), "-f", "json"])
    assert result.exit_code == EXIT_OK, result.output
    (report,) = json.loads(result.output)
    shapes = {f["source_shape"].rsplit("/", 1)[-1] for f in report["findings"]}
    assert report["conforms"] and not shapes & {"Actor-type", "Post-in"}, shapes
    assert "Post-inUnknown" in shapes  # Ungdomspedagogerna: a steward says where
    assert kg(runner, store, "init")[0] == EXIT_OK
    code, out = kg(runner, store, "import", str(draft))
    assert code == EXIT_OK, out
    result = runner.invoke(
        app,
        [
            "--store",
            str(store),
            "query",
            "run",
            "activities-by-municipality",
            "-p",
            "municipality=Köping",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == EXIT_OK, result.output
    rows = json.loads(result.stdout)
    by_actor = {r["actorName"]: r for r in rows if r.get("actorName")}
    row = by_actor["Trygghetssamordnaren"]
    assert (row["actorInName"], row["actorTypeLabel"]) == ("Köpings kommun", "kommun"), row
    assert by_actor["Kommunpolis"]["actorInName"] == "Lokalpolisområde Västerås"
    assert not by_actor["Ungdomspedagogerna"].get("actorInName")
    # with excludeAssumed, a post's organisation only where the text names it: the post stays
    # (the text names it as the one who acts), its assumed organisation and type do not
    code, out = kg(runner, store, "query", "run", "activities-by-municipality", "-p", "municipality=Köping",
                   "-p", "excludeAssumed=true", "-f", "json")  # fmt: skip
    assert code == EXIT_OK, out
    stated = {r["actorName"]: r for r in json.loads(out) if r.get("actorName")}
    assert set(stated) == set(by_actor)
    row = stated["Trygghetssamordnaren"]
    assert not row.get("actorInName") and not row.get("actorTypeLabel"), row
    assert stated["Kommunpolis"]["actorInName"] == "Lokalpolisområde Västerås"
    # by actor type, a post counts for the type of the organisation it is in; with excludeAssumed
    # only where the text names that organisation
    for params, kommun in (([], 4), (["-p", "excludeAssumed=true"], 2)):
        result = runner.invoke(
            app, ["--store", str(store), "query", "run", "activities-by-actor-type", *params, "-f", "json"]
        )
        assert result.exit_code == EXIT_OK, result.output
        counts = {r["actorTypeLabel"]: int(r["activities"]) for r in json.loads(result.stdout)}
        assert counts == {"kommun": kommun, "lokalpolisområde": 2}, (params, counts)
    # the tuned, the plain and the derived form agree on posts
    with open_store(StoreSettings(path=store, read_only=True)) as opened:
        query = load_queries()["activities-by-actor-type"]
        documents = replace(query, path=tmp_path / query.path.name)  # no derived twin there
        plain = parse_query_file(REPO / "queries" / "plain" / "activities-by-actor-type.rq")
        assert form_for(opened, query).text != query.text  # the derived form
        for params in ({}, {"excludeAssumed": "true"}):
            rows = [_rows(opened, q, params) for q in (query, documents, plain)]
            assert rows[0] == rows[1] == rows[2], params

    # another statement about a post's organisation (a citation of where the text states it, an
    # rdf:Statement like an assumption) makes it no less stated: every form counts it
    with open_store(StoreSettings(path=store)) as opened:
        graph = next(g for g in opened.named_graphs() if "/graph/promise/" in g)
        cited = ox.BlankNode()
        post = ox.NamedNode(next(s for s in _subjects(opened, graph) if s.endswith("/post/kommunpolis")))
        opened.raw.extend(
            ox.Quad(cited, ox.NamedNode(str(p)), o, ox.NamedNode(graph))
            for p, o in (
                (RDF.type, ox.NamedNode(str(MBL.Citation))),
                (RDF.subject, post),
                (RDF.predicate, ox.NamedNode(str(ORG.postIn))),
                (RDF.object, ox.NamedNode(f"{ID}org/lpo-vasteras")),
            )
        )
        for params in ({}, {"excludeAssumed": "true"}):
            rows = [_rows(opened, q, params) for q in (query, documents, plain)]
            assert rows[0] == rows[1] == rows[2], params
        counts = {r["actorTypeLabel"]: int(r["activities"]) for r in run_saved(
            opened, query, {"excludeAssumed": "true"}, cache=None).records()}  # fmt: skip
        assert counts == {"kommun": 2, "lokalpolisområde": 2}, counts


SCHOOLS = """Medborgarlöfte för Köpings kommun 2024

Lokalpolisområde Västerås och Köpings kommun lovar:

Prioriterat område: Trygghet i skolan

- Rektorn på Ekebyskolan ska hålla trygghetsmöten varje termin.
- Rektorn på Kolbäcksskolan ska ordna föräldramöten varje termin.
- Fritidsgårdens föreståndare ska ha öppet varje fredag.
- Rektorn ska rapportera till trygghetsrådet.
"""


def test_a_post_named_at_a_unit_is_one_actor_the_post_in_that_unit(tmp_path: Path) -> None:
    """ "Rektorn på Ekebyskolan" is the head of that school: one actor, not the post and the
    school side by side; "Fritidsgårdens föreståndare" is in the youth centre."""
    graph, promise, assumed = _extract(tmp_path, SCHOOLS)
    rektor = URIRef(f"{promise}/post/rektor")
    assert _responsible(graph, promise, 1) == [rektor]
    assert graph.value(rektor, ORG.role) == URIRef(POST + "rektor")
    assert list(graph.objects(rektor, ORG.postIn)) == [URIRef(f"{ID}org/kommun-{KOPING}/ekebyskolan")]
    assert not _rules(assumed, str(rektor))
    head = URIRef(f"{promise}/post/forestandare")
    assert _responsible(graph, promise, 3) == [head]
    assert list(graph.objects(head, ORG.postIn)) == [URIRef(f"{ID}org/kommun-{KOPING}/fritidsgarden")]


def test_posts_of_one_kind_in_two_organisations_are_two_posts(tmp_path: Path) -> None:
    """Two head teachers of two schools are two posts, each in its own school; they used to be one
    node in both schools, so that each activity named the other school's head too."""
    graph, promise, assumed = _extract(tmp_path, SCHOOLS)
    first, second = URIRef(f"{promise}/post/rektor"), URIRef(f"{promise}/post/rektor-kolbacksskolan")
    assert _responsible(graph, promise, 2) == [second]
    assert list(graph.objects(second, ORG.postIn)) == [URIRef(f"{ID}org/kommun-{KOPING}/kolbacksskolan")]
    assert URIRef(f"{ID}org/kommun-{KOPING}/kolbacksskolan") not in set(graph.objects(first, ORG.postIn))
    # "Rektorn" alone after two head teachers could be either: a post of its own, its
    # organisation assumed by its kind (a school's post is the municipality's), not one of theirs
    alone = _responsible(graph, promise, 4)
    assert alone not in ([first], [second]) and len(alone) == 1
    assert graph.value(alone[0], ORG.role) == URIRef(POST + "rektor")
    assert list(graph.objects(alone[0], ORG.postIn)) == [URIRef(f"{ID}org/kommun-{KOPING}")]
    assert _rules(assumed, str(alone[0])) == {"extract:post-in-by-kind"}
    # a second bare "Rektorn" is that same post, not yet another (it made post/rektor-4)
    again = SCHOOLS + "- Rektorn ska bjuda in polisen till skolan.\n"
    graph, promise, _ = _extract(tmp_path, again)
    assert _responsible(graph, promise, 5) == _responsible(graph, promise, 4)


def test_a_later_mention_of_the_same_post_in_the_same_organisation_is_that_post(tmp_path: Path) -> None:
    text = SCHOOLS.replace("- Rektorn ska rapportera", "- Rektorn på Ekebyskolan ska rapportera")
    graph, promise, _ = _extract(tmp_path, text)
    assert _responsible(graph, promise, 4) == [URIRef(f"{promise}/post/rektor")]


def test_an_actor_word_in_the_genitive_stays_that_actor_not_a_post() -> None:
    """ "trygghetsvärdarnas" is the genitive of "Trygghetsvärdarna", which the actor-type
    vocabulary lists as it stands: that actor, not a post of unknown organisation (it was one)."""
    finder = ActorFinder(default_lexicon(), None)
    [mention] = finder.mentions("Öka trygghetsvärdarnas närvaro i centrum.")
    assert (mention.actor.party, mention.genitive) == (Party.local, True)
    [mention] = finder.mentions("Trygghetsvärdarna ska patrullera.")
    assert mention.actor.party is Party.local
