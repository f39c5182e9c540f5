"""The SKOS vocabularies in ontology/vocab/: the usual quality checks (qSKOS / skosify style) and
the extractor's lexicon built from them holding synonyms only (issue 15 point 7, issue 16 point 5).

Every label a concept carries is a form the extractor matches (kg/extract/lexicon.py), so a label
shared by two concepts of one scheme would silently match only one of them, and a label that is
not a synonym puts a concept into the graph that the text does not name.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from kg.extract.lexicon import GAP, build_lexicon, default_lexicon
from kg.namespaces import MBL

REPO = Path(__file__).resolve().parent.parent.parent
VOCAB_DIR = REPO / "ontology" / "vocab"
VOCAB = "https://w3id.org/medborgarlofte/vocab/"
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.narrowMatch)


def _graph() -> Graph:
    g = Graph()
    for path in sorted(VOCAB_DIR.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


G = _graph()
SCHEMES = sorted(s for s in G.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))
CONCEPTS = sorted(c for c in set(G.subjects(SKOS.inScheme, None)) if isinstance(c, URIRef))


def _slug(node: object) -> str:
    return str(node)[len(VOCAB) :]


def _norm(label: object) -> str:
    """How the matcher compares labels: whitespace collapsed, case folded."""
    return " ".join(str(label).split()).casefold()


def _scheme(concept: URIRef) -> URIRef:
    schemes = list(G.objects(concept, SKOS.inScheme))
    assert len(schemes) == 1, f"{_slug(concept)} is in {len(schemes)} schemes"
    return URIRef(str(schemes[0]))


def _sv_labels(concept: URIRef) -> list[tuple[URIRef, str]]:
    return [
        (URIRef(p), _norm(lit))
        for p in LABELS
        for lit in G.objects(concept, p)
        if isinstance(lit, Literal) and lit.language == "sv"
    ]


def test_there_are_schemes_and_concepts() -> None:
    assert len(SCHEMES) >= 10 and len(CONCEPTS) >= 150


@pytest.mark.parametrize("concept", CONCEPTS, ids=_slug)
def test_one_preflabel_per_language_and_a_notation(concept: URIRef) -> None:
    langs = [str(lit.language) for lit in G.objects(concept, SKOS.prefLabel) if isinstance(lit, Literal)]
    assert sorted(langs) == ["en", "sv"], f"{_slug(concept)}: prefLabels in {langs}"
    notations = list(G.objects(concept, SKOS.notation))
    assert len(notations) == 1, f"{_slug(concept)} needs exactly one skos:notation"


@pytest.mark.parametrize("scheme", SCHEMES, ids=_slug)
def test_no_label_twice_within_a_scheme(scheme: URIRef) -> None:
    """The lexicon's rule: a Swedish label (as the matcher normalises it) names one concept of a
    scheme only, and once on that concept (pref, alt and hidden labels are disjoint)."""
    owners: dict[str, set[str]] = defaultdict(set)
    problems: list[str] = []
    for concept in G.subjects(SKOS.inScheme, scheme):
        labels = [label for _, label in _sv_labels(URIRef(str(concept)))]
        problems += [f"{_slug(concept)}: {lab!r} twice" for lab in {x for x in labels if labels.count(x) > 1}]
        for label in set(labels):
            owners[label].add(_slug(concept))
    problems += [f"{label!r} on {sorted(cs)}" for label, cs in owners.items() if len(cs) > 1]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES, ids=_slug)
def test_notations_are_unique_within_a_scheme(scheme: URIRef) -> None:
    notations = [str(n) for c in G.subjects(SKOS.inScheme, scheme) for n in G.objects(c, SKOS.notation)]
    assert len(notations) == len(set(notations))


def test_no_orphan_and_top_concepts_are_exactly_those_without_broader() -> None:
    problems = []
    for concept in CONCEPTS:
        scheme = _scheme(concept)
        broader = list(G.objects(concept, SKOS.broader))
        top = (concept, SKOS.topConceptOf, scheme) in G
        if broader and top:
            problems.append(f"{_slug(concept)}: top concept with a broader concept")
        if not broader and not top:
            problems.append(f"{_slug(concept)}: orphan (neither top concept nor narrower of one)")
        for b in broader:
            if (b, SKOS.inScheme, scheme) not in G:
                problems.append(f"{_slug(concept)}: broader {b} is not in the same scheme")
    for scheme in SCHEMES:
        if not list(G.subjects(SKOS.inScheme, scheme)):
            problems.append(f"{_slug(scheme)}: empty scheme")
    assert not problems, "\n".join(problems)


def test_broader_and_narrower_are_both_stated_and_agree() -> None:
    broader = {(c, b) for c, b in G.subject_objects(SKOS.broader)}
    narrower = {(c, n) for n, c in G.subject_objects(SKOS.narrower)}
    assert broader == narrower
    assert broader, "the schemes have hierarchies (ANDT over alkohol, narkotika, ...)"


def test_no_cycle_in_broader() -> None:
    def ancestors(concept: URIRef, seen: tuple[URIRef, ...]) -> None:
        for parent in G.objects(concept, SKOS.broader):
            assert parent not in (*seen, concept), f"cycle through {_slug(concept)}"
            ancestors(URIRef(str(parent)), (*seen, concept))

    for concept in CONCEPTS:
        ancestors(concept, ())


def test_no_label_equals_another_concepts_preflabel_unless_linked_as_twins() -> None:
    """Within a scheme this is the rule above. Across schemes the same Swedish word may name two
    kinds of thing (the activity "medborgardialog" and the knowledge source "medborgardialog"):
    then the twins are linked by a SKOS mapping property, and every shared label counts."""
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for concept in CONCEPTS:
        for _, label in _sv_labels(concept):
            owners[label].add(concept)
    linked = {frozenset((s, o)) for p in MAPPINGS for s, o in G.subject_objects(p)}
    problems = []
    for label, concepts in sorted(owners.items()):
        for a in concepts:
            for b in concepts:
                if str(a) < str(b) and frozenset((a, b)) not in linked:
                    problems.append(f"{label!r}: {_slug(a)} and {_slug(b)} are not linked")
    assert not problems, "\n".join(problems)
    assert len({frozenset(p) for p in linked if all(str(c).startswith(VOCAB) for c in p)}) >= 10


def test_mappings_link_different_schemes_and_related_stays_within_one() -> None:
    for p in MAPPINGS:
        for s, o in G.subject_objects(p):
            if str(o).startswith(VOCAB):
                assert _scheme(URIRef(str(s))) != _scheme(URIRef(str(o))), f"{p}: {_slug(s)} -> {_slug(o)}"
    for s, o in G.subject_objects(SKOS.related):
        assert _scheme(URIRef(str(s))) == _scheme(URIRef(str(o)))
        assert (o, SKOS.related, s) in G, "skos:related is symmetric: state both directions"


def test_umbrella_concepts_have_narrower_concepts() -> None:
    umbrellas = set(G.subjects(RDF.type, MBL.UmbrellaConcept))
    assert URIRef(VOCAB + "priority-area/andt") in umbrellas
    assert URIRef(VOCAB + "priority-area/andts") in umbrellas
    for u in umbrellas:
        assert len(list(G.objects(u, SKOS.narrower))) >= 2


# --- the lexicon ---------------------------------------------------------------------------------


def _slugs(scheme: str, text: str) -> list[str]:
    return [c.rsplit("/", 1)[-1] for c in default_lexicon().concepts(scheme, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ANDTS-arbete", ["alkohol", "doping", "narkotika", "spel", "tobak"]),
        # ANDT without the S is the four without gambling (the national strategies before 2022)
        ("Vi prioriterar ANDT.", ["alkohol", "doping", "narkotika", "tobak"]),
        (
            "Förebyggande arbete i ANDT (alkohol, narkotika, dopning, tobak) frågor",
            ["alkohol", "doping", "narkotika", "tobak"],
        ),
        ("ANDT-frågor och spelberoende", ["alkohol", "doping", "narkotika", "tobak", "spel"]),
        ("Alkohol och droger.", ["alkohol", "narkotika"]),
    ],
)
def test_andt_and_alcohol_and_drugs_lead_to_every_concept_they_cover(text: str, expected: list[str]) -> None:
    assert _slugs("priority-area", text) == expected


def test_recurring_is_not_irregular() -> None:
    assert _slugs("frequency", "ska återkommande genomföras") == ["recurring"]
    assert _slugs("frequency", "polisen ska regelbundet synas") == ["recurring"]
    assert _slugs("frequency", "vid enstaka tillfällen") == ["irregular"]


@pytest.mark.parametrize(
    "text",
    [
        "Skolbesök i årskurs 8.",
        "Polisen ska besöka skolorna.",
        "Polisen ska en gång per termin besöka respektive Solrosens förskola.",
        "Områdespoliserna ska besöka Bergsvikens tre skolor.",
    ],
)
def test_school_visits_are_found(text: str) -> None:
    assert _slugs("activity-type", text) == ["skolbesok"]


@pytest.mark.parametrize(
    "text",
    [
        "Samverkan mellan socialfältare och fritidsfältare.",
        "Konceptet innehåller bland annat utbildning och nyhetsbrev.",
        "Kommunpolisen och områdespolisen deltar.",
        "Nattvandrarna finns på plats.",
    ],
)
def test_job_titles_and_incidental_words_give_no_activity_type(text: str) -> None:
    assert _slugs("activity-type", text) == []


def test_a_gap_label_takes_at_most_three_words() -> None:
    assert _slugs("activity-type", "besöka de fyra stora nya skolorna") == []
    assert GAP == "…"


def test_an_umbrella_in_any_vocabulary_expands_to_its_narrower_concepts() -> None:
    g = Graph().parse(
        data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix mbl: <https://w3id.org/medborgarlofte/def/> .
        @prefix v: <https://w3id.org/medborgarlofte/vocab/test/> .
        v:all a skos:Concept , mbl:UmbrellaConcept ; skos:inScheme v: ; skos:prefLabel "allt"@sv ;
            skos:narrower v:a , v:b .
        v:a a skos:Concept ; skos:inScheme v: ; skos:prefLabel "ett"@sv ; skos:broader v:all .
        v:b a skos:Concept ; skos:inScheme v: ; skos:prefLabel "två"@sv ; skos:broader v:all .
        """,
        format="turtle",
    )
    lexicon = build_lexicon(g)
    assert [c.rsplit("/", 1)[-1] for c in lexicon.concepts("test", "Allt och ett.")] == ["a", "b"]
    assert lexicon.find("test", "allt")[0].concept.endswith("/all")
