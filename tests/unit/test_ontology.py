"""The ontology, the SKOS vocabularies and their use across the repository.

These tests glob the repository when they run, so they also guard files added later: every
Turtle file parses, every ``mbl:`` term used in shapes, queries, examples, data and code is
declared in ontology/mbl.ttl, and every concept IRI used in examples, shapes, queries and code
exists in ontology/vocab/. A Turtle file under tests/ that is broken on purpose must say so in
its name (``malformed``, ``broken`` or ``syntax-error``).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.namespaces import DCT, MBL, OWL, RDF, RDFS, SCHEMES, SKOS, XSD

REPO = Path(__file__).resolve().parent.parent.parent
ONTOLOGY = REPO / "ontology" / "mbl.ttl"
VOCAB_DIR = REPO / "ontology" / "vocab"
VENDOR_DIR = REPO / "ontology" / "vendor"
MBL_NS = "https://w3id.org/medborgarlofte/def/"
VOCAB_NS = "https://w3id.org/medborgarlofte/vocab/"
EUFREQ = "http://publications.europa.eu/resource/authority/frequency/"

_SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "var", "build", "dist", "__pycache__", "out"}
_BROKEN_ON_PURPOSE = re.compile(r"malformed|broken|syntax-error", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def repo_files(suffixes: Iterable[str], folders: Iterable[str] | None = None) -> list[Path]:
    """Files with one of ``suffixes`` under the repository (or under ``folders`` of it)."""
    roots = [REPO / f for f in folders] if folders is not None else [REPO]
    wanted = tuple(suffixes)
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
            found += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(wanted)]
    return found


def _rel(path: Path) -> str:
    return str(path.relative_to(REPO))


@cache
def mbl() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@cache
def vocab() -> Graph:
    g = Graph()
    for f in sorted(VOCAB_DIR.glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


@cache
def vendor() -> Graph:
    g = Graph()
    for f in sorted(VENDOR_DIR.glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


def concepts() -> list[URIRef]:
    return sorted(c for c in vocab().subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef))


def _texts(g: Graph, s: URIRef, p: URIRef, lang: str) -> list[str]:
    return [str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang]


# --- every Turtle file parses ------------------------------------------------------------------


@pytest.mark.parametrize("path", repo_files([".ttl"]), ids=_rel)
def test_every_turtle_file_parses(path: Path) -> None:
    if "tests" in path.relative_to(REPO).parts and _BROKEN_ON_PURPOSE.search(path.name):
        pytest.skip("broken on purpose (named so)")
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        pytest.fail(f"{_rel(path)} does not parse: {exc}")
    assert quads, f"{_rel(path)} holds no triples"


# --- the ontology --------------------------------------------------------------------------------

_TERM_TYPES = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
}


def ontology_terms() -> list[URIRef]:
    return sorted(s for s in mbl().subjects() if isinstance(s, URIRef) and str(s).startswith(MBL_NS))


def test_every_ontology_term_is_typed_and_has_sv_en_labels_and_definitions() -> None:
    g = mbl()
    problems: list[str] = []
    for term in ontology_terms():
        if not set(g.objects(term, RDF.type)) & _TERM_TYPES:
            problems.append(f"{term}: not declared as a class or property")
        for lang in ("sv", "en"):
            if len(_texts(g, term, RDFS.label, lang)) != 1:
                problems.append(f"{term}: needs exactly one rdfs:label@{lang}")
            if not _texts(g, term, SKOS.definition, lang):
                problems.append(f"{term}: needs a skos:definition@{lang}")
    assert len(ontology_terms()) > 50
    assert not problems, "\n".join(problems)


def test_domains_and_ranges_are_declared_here_or_vendored() -> None:
    known = set(mbl().subjects()) | set(vendor().subjects())
    known |= {XSD.string, XSD.integer, XSD.decimal, XSD.nonNegativeInteger, XSD.date, XSD.boolean}
    missing = [
        f"{t} {p.n3()} {o}"
        for t in ontology_terms()
        for p in (RDFS.domain, RDFS.range, RDFS.subClassOf, RDFS.subPropertyOf)
        for o in mbl().objects(t, p)
        if o not in known
    ]
    assert not missing, "declare these in ontology/vendor/external-terms.ttl:\n" + "\n".join(missing)


# --- schemes and concepts ------------------------------------------------------------------------

SCHEME_NAMES = tuple(SCHEMES)


def test_one_file_per_scheme_and_each_scheme_is_described() -> None:
    assert sorted(p.stem for p in VOCAB_DIR.glob("*.ttl")) == sorted(SCHEME_NAMES)
    problems: list[str] = []
    for path in sorted(VOCAB_DIR.glob("*.ttl")):
        g = Graph().parse(path, format="turtle")
        schemes = list(g.subjects(RDF.type, SKOS.ConceptScheme))
        if schemes != [URIRef(VOCAB_NS + path.stem)]:
            problems.append(f"{_rel(path)}: must declare exactly the scheme {VOCAB_NS}{path.stem}")
            continue
        scheme = schemes[0]
        for lang in ("sv", "en"):
            for p in (SKOS.prefLabel, DCT.title, SKOS.definition):
                if len(_texts(g, scheme, p, lang)) != 1:
                    problems.append(f"{scheme}: needs exactly one {p.n3(g.namespace_manager)}@{lang}")
        for c in g.subjects(RDF.type, SKOS.Concept):
            if g.value(c, SKOS.inScheme) != scheme:
                problems.append(f"{c} is declared in {_rel(path)} but not in its scheme")
    assert not problems, "\n".join(problems)


def test_every_concept_is_complete() -> None:
    g = vocab()
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    problems: list[str] = []
    for c in concepts():
        in_schemes = list(g.objects(c, SKOS.inScheme))
        if len(in_schemes) != 1 or in_schemes[0] not in schemes:
            problems.append(f"{c}: must be in exactly one known scheme, is in {in_schemes}")
            continue
        scheme = in_schemes[0]
        slug = str(c).removeprefix(f"{scheme}/")
        if not str(c).startswith(f"{scheme}/") or not _SLUG.match(slug):
            problems.append(f"{c}: IRI must be {scheme}/<ascii-slug>")
        for top in g.objects(c, SKOS.topConceptOf):
            if top != scheme:
                problems.append(f"{c}: topConceptOf {top} but inScheme {scheme}")
        for lang in ("sv", "en"):
            if len(_texts(g, c, SKOS.prefLabel, lang)) != 1:
                problems.append(f"{c}: needs exactly one skos:prefLabel@{lang}")
            if not _texts(g, c, SKOS.definition, lang):
                problems.append(f"{c}: needs a skos:definition@{lang}")
        pref = {s.casefold() for s in _texts(g, c, SKOS.prefLabel, "sv")}
        others: Counter[str] = Counter()
        for p in (SKOS.altLabel, SKOS.hiddenLabel):
            for o in g.objects(c, p):
                if not isinstance(o, Literal) or o.language not in ("sv", "en"):
                    problems.append(f"{c}: {p} {o!r} needs a language tag")
                elif o.language == "sv":
                    others[str(o).casefold()] += 1
        clash = sorted((pref & set(others)) | {k for k, n in others.items() if n > 1})
        if clash:
            problems.append(f"{c}: labels repeated across pref/alt/hidden: {clash}")
        if not g.value(c, SKOS.broader) and (c, SKOS.topConceptOf, scheme) not in g:
            problems.append(f"{c}: neither a top concept nor narrower than another concept")
    assert len(concepts()) > 100
    assert not problems, "\n".join(problems)


def test_swedish_labels_are_unambiguous_within_a_scheme() -> None:
    """The text extractor maps a surface form to one concept per scheme."""
    g = vocab()
    owners: dict[tuple[URIRef, str], set[URIRef]] = defaultdict(set)
    for c in concepts():
        scheme = g.value(c, SKOS.inScheme)
        assert isinstance(scheme, URIRef)
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for text in _texts(g, c, p, "sv"):
                owners[(scheme, text.casefold())].add(c)
    clashes = [f"{k[0]} {k[1]!r}: {sorted(v)}" for k, v in owners.items() if len(v) > 1]
    assert not clashes, "\n".join(clashes)


REQUIRED = {
    "priority-area": "narkotika trygghet-offentlig-miljo trafiksakerhet vald-i-nara-relation bostadsinbrott "
    "ungdomsbrottslighet organiserad-brottslighet vald-hat-hot alkohol skadegorelse nedskrapning",
    "activity-type": "narkotikasok-med-hund trygghetsvandring platsbesiktning kamerabevakning trafikkontroll "
    "tillsyn-krogmiljo kontrollkop tobakstillsyn grannsamverkan skolbesok nattvandring medborgardialog "
    "informationsinsats kontaktpolis riktade-insatser synlig-polisnarvaro underrattelsestyrda-kontroller "
    "samverkansmote fritidsaktiviteter uppsokande-arbete stadinsats myndighetsgemensamma-insatser "
    "ordningsvakter trygghetsframjande-atgarder forebyggande-arbete-skola sociala-insatsgrupper",
    "actor-type": "polismyndighet polisregion lokalpolisomrade kommun forvaltning namnd kommunalt-bolag "
    "fastighetsbolag raddningstjanst socialtjanst skola civilsamhalle naringsliv region lansstyrelse "
    "ordningsvakter",
    "role": "ansvarig samverkanspart undertecknare utfardare",
    "post": "lokalpolisomradeschef kommunstyrelsens-ordforande kommundirektor polisomradeschef",
    "frequency": "daily weekly monthly per-termin tertialvis quarterly semiannual annual biennial continuous "
    "once irregular",
    "followup-status": "genomford pagaende ej-genomford installd ej-paborjad",
    "indicator": "trygghetsmatning anmalda-brott polisens-trygghetsundersokning ntu medborgarundersokning "
    "fortroende-for-polisen",
    "knowledge-source": "medborgardialog medarbetardialog samverkansdialog trygghetsmatning brottsstatistik "
    "lagesbild underrattelse",
    "channel-type": "webbplats sociala-medier pressmeddelande mote nyhetsbrev app",
}


@pytest.mark.parametrize("scheme", sorted(REQUIRED))
def test_required_concepts_exist(scheme: str) -> None:
    have = {str(c) for c in concepts()}
    missing = [s for s in REQUIRED[scheme].split() if f"{VOCAB_NS}{scheme}/{s}" not in have]
    assert not missing, f"{scheme} lacks {missing}"


def test_schemes_are_generous_enough_for_the_extractor() -> None:
    per_scheme = Counter(str(vocab().value(c, SKOS.inScheme)).removeprefix(VOCAB_NS) for c in concepts())
    assert per_scheme["activity-type"] >= 25
    assert per_scheme["priority-area"] >= 15


def test_indicator_concepts_are_typed_indicator() -> None:
    g = vocab()
    scheme = URIRef(VOCAB_NS + "indicator")
    members = set(g.subjects(SKOS.inScheme, scheme))
    assert members and members == set(g.subjects(RDF.type, MBL.Indicator))


# --- frequencies and the EU frequency table -----------------------------------------------------

_NO_NUMBER = {"continuous", "irregular", "as-needed", "once", "recurring"}
_NO_EU_MATCH = {"once", "recurring"}
"""The EU table has no concept for a single occurrence nor for a repetition of unstated frequency."""


def test_frequencies_map_to_vendored_eu_concepts_and_have_a_yearly_count() -> None:
    g, eu = vocab(), vendor()
    scheme = URIRef(VOCAB_NS + "frequency")
    problems: list[str] = []
    for c in sorted(g.subjects(SKOS.inScheme, scheme)):
        slug = str(c).rsplit("/", 1)[-1]
        matches = list(g.objects(c, SKOS.exactMatch)) + list(g.objects(c, SKOS.closeMatch))
        if slug not in _NO_EU_MATCH and not matches:
            problems.append(f"{slug}: no skos:exactMatch/closeMatch to the EU table")
        for m in matches:
            if not str(m).startswith(EUFREQ) or (m, RDF.type, SKOS.Concept) not in eu:
                problems.append(f"{slug}: {m} is not a vendored EU frequency concept")
        n = g.value(c, MBL.occurrencesPerYear)
        if slug in _NO_NUMBER:
            if n is not None:
                problems.append(f"{slug}: should have no occurrencesPerYear")
        elif not (isinstance(n, Literal) and n.datatype == XSD.decimal and n.toPython() > 0):
            problems.append(f"{slug}: needs a positive xsd:decimal mbl:occurrencesPerYear")
    assert not problems, "\n".join(problems)


def test_frequency_facts_the_example_and_seeds_rely_on() -> None:
    g = vocab()

    def f(slug: str) -> URIRef:
        return URIRef(f"{VOCAB_NS}frequency/{slug}")

    assert (f("tertialvis"), SKOS.exactMatch, URIRef(EUFREQ + "ANNUAL_3")) in g
    assert g.value(f("tertialvis"), MBL.occurrencesPerYear).toPython() == 3  # type: ignore[union-attr]
    assert (f("per-termin"), SKOS.closeMatch, URIRef(EUFREQ + "ANNUAL_2")) in g
    assert (f("per-termin"), SKOS.exactMatch, None) not in g
    assert (f("monthly"), SKOS.exactMatch, URIRef(EUFREQ + "MONTHLY")) in g
    assert (f("weekly"), SKOS.exactMatch, URIRef(EUFREQ + "WEEKLY")) in g
    annual = {s.casefold() for s in _texts(g, f("annual"), SKOS.altLabel, "sv")}
    assert {"minst en gång per år", "en gång/år", "minst en gång/år"} <= annual
    # there is no TRIANNUAL in the EU table, and TRIENNIAL means every three years
    every_iri = {str(o) for o in g.objects()} | {str(o) for o in vendor().subjects()}
    assert not any(i.endswith(("TRIANNUAL", "TRIENNIAL")) for i in every_iri)


# --- use of the ontology and the vocabularies across the repository ----------------------------

_MBL_PREFIXED = re.compile(r"(?<![\w:/.#-])mbl:([A-Za-z_][A-Za-z0-9_]*)")
_MBL_FULL = re.compile(re.escape(MBL_NS) + r"([A-Za-z_][A-Za-z0-9_]*)")
_MBL_PY = re.compile(r"\bMBL\.([A-Za-z][A-Za-z0-9_]*)")
_USE_FOLDERS = ("shapes", "queries", "examples", "data", "kg", "ontology")
_USE_SUFFIXES = (".ttl", ".trig", ".rq", ".yaml", ".yml", ".py", ".jsonld", ".json")


def mbl_names_in_text(text: str, python: bool = False) -> set[str]:
    """Local names of mbl: terms a text mentions, prefixed (``mbl:x``) or as full IRIs."""
    names = set(_MBL_PREFIXED.findall(text)) | set(_MBL_FULL.findall(text))
    if python:
        names |= set(_MBL_PY.findall(text))
    return names


def test_mbl_term_finder_finds_what_it_should() -> None:
    text = 'sh:path mbl:municipality ; mblsh:Foo <https://w3id.org/medborgarlofte/def/policeUnit> "def/0.1.0"'
    assert mbl_names_in_text(text) == {"municipality", "policeUnit"}
    assert mbl_names_in_text("MBL.CitizenPromise and MBL._NS", python=True) == {"CitizenPromise"}


def test_every_mbl_term_used_in_the_repository_is_declared() -> None:
    declared = {str(t).removeprefix(MBL_NS) for t in ontology_terms()}
    undeclared: list[str] = []
    files = repo_files(_USE_SUFFIXES, _USE_FOLDERS)
    assert any(p.suffix == ".rq" for p in files) or not (REPO / "queries").glob("*.rq")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        names = mbl_names_in_text(text, python=path.suffix == ".py")
        if path.suffix in (".ttl", ".trig") and not _BROKEN_ON_PURPOSE.search(path.name):
            fmt = ox.RdfFormat.TURTLE if path.suffix == ".ttl" else ox.RdfFormat.TRIG
            for q in ox.parse(path=str(path), format=fmt):
                for term in (q.subject, q.predicate, q.object):
                    if isinstance(term, ox.NamedNode) and term.value.startswith(MBL_NS):
                        names.add(term.value.removeprefix(MBL_NS))
        undeclared += [f"{_rel(path)}: mbl:{n}" for n in sorted(names - declared) if n[0].isalpha()]
    # the ontology's own version IRI (def/0.1.0) is not a term and does not match the patterns
    assert not undeclared, "undeclared in ontology/mbl.ttl:\n" + "\n".join(undeclared)


_SCHEME_CONST = re.compile(r"\b(PA|AT|ACT|FREQ|STATUS|IND|KS|CH|POST|ROLE)\[\s*[\"']([^\"']+)[\"']\s*\]")
_CONST_SCHEME = {
    "PA": "priority-area",
    "AT": "activity-type",
    "ACT": "actor-type",
    "FREQ": "frequency",
    "STATUS": "followup-status",
    "IND": "indicator",
    "KS": "knowledge-source",
    "CH": "channel-type",
    "POST": "post",
    "ROLE": "role",
}
_PREFIX_DECL = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_FULL_VOCAB = re.compile(re.escape(VOCAB_NS) + r"[A-Za-z0-9_/-]*[A-Za-z0-9_]")


def vocab_iris_in_text(text: str, python: bool = False) -> set[str]:
    """Concept and scheme IRIs a query, YAML or Python text mentions."""
    found = set(_FULL_VOCAB.findall(text))
    for prefix, ns in _PREFIX_DECL.findall(text):
        if ns.startswith(VOCAB_NS) and prefix:
            pattern = re.compile(rf"(?<![\w:/.#-]){re.escape(prefix)}:([A-Za-z0-9][A-Za-z0-9_-]*)")
            found |= {ns + local for local in pattern.findall(text)}
    if python:
        found |= {f"{VOCAB_NS}{_CONST_SCHEME[c]}/{slug}" for c, slug in _SCHEME_CONST.findall(text)}
    return found


def test_vocab_iri_finder_finds_what_it_should() -> None:
    rq = (
        "PREFIX pa: <https://w3id.org/medborgarlofte/vocab/priority-area/>\nSELECT * { ?p mbl:x pa:narkotka }"
    )
    assert vocab_iris_in_text(rq) == {
        "https://w3id.org/medborgarlofte/vocab/priority-area",  # the PREFIX line: the scheme itself
        "https://w3id.org/medborgarlofte/vocab/priority-area/narkotka",
    }
    assert vocab_iris_in_text('FREQ["per-termin"]', python=True) == {VOCAB_NS + "frequency/per-termin"}


def _graph_iris(g: Graph) -> set[str]:
    return {str(t) for triple in g for t in triple if isinstance(t, URIRef)}


def test_every_concept_iri_used_in_the_repository_exists() -> None:
    from kg.documents.parse import detect_format, parse_quads
    from kg.terms import graph_of

    def parse_file(path: Path) -> Graph:
        return graph_of(parse_quads(path.read_bytes(), detect_format(path), str(path)).merged())

    known = {str(c) for c in concepts()} | {str(s) for s in vocab().subjects(RDF.type, SKOS.ConceptScheme)}
    known.add(VOCAB_NS.rstrip("/"))
    unknown: list[str] = []
    for path in repo_files((".ttl", ".yaml", ".yml", ".rq", ".py", ".jsonld"), _USE_FOLDERS):
        if path.is_relative_to(VOCAB_DIR):
            continue
        if path.parent.name == "examples" and path.suffix in (".ttl", ".yaml", ".yml", ".jsonld"):
            iris = _graph_iris(parse_file(path))
        elif path.suffix == ".ttl":
            iris = _graph_iris(Graph().parse(path, format="turtle"))
        else:
            iris = vocab_iris_in_text(path.read_text(encoding="utf-8"), python=path.suffix == ".py")
        unknown += [f"{_rel(path)}: {i}" for i in sorted(iris) if i.startswith(VOCAB_NS) and i not in known]
    assert not unknown, "not in ontology/vocab/:\n" + "\n".join(unknown)


# --- the YAML-LD authoring form ------------------------------------------------------------------


@pytest.mark.parametrize("yaml_path", sorted((REPO / "examples").glob("*.yaml")), ids=_rel)
def test_yaml_example_gives_the_same_graph_as_its_turtle_twin(yaml_path: Path) -> None:
    from kg.documents.parse import detect_format, parse_quads
    from kg.terms import graph_of

    def parse_file(path: Path) -> Graph:
        return graph_of(parse_quads(path.read_bytes(), detect_format(path), str(path)).merged())

    ttl_path = yaml_path.with_suffix(".ttl")
    if not ttl_path.exists():
        pytest.skip(f"{_rel(yaml_path)} has no Turtle twin")
    from_yaml, from_ttl = parse_file(yaml_path), Graph().parse(ttl_path, format="turtle")
    if not isomorphic(from_yaml, from_ttl):
        _, only_yaml, only_ttl = graph_diff(to_isomorphic(from_yaml), to_isomorphic(from_ttl))
        lines = [f"only in YAML: {t}" for t in sorted(only_yaml)] + [
            f"only in Turtle: {t}" for t in sorted(only_ttl)
        ]
        pytest.fail("\n".join(lines[:40]))


def test_context_terms_point_at_declared_or_reused_terms() -> None:
    import json

    ctx = json.loads((REPO / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    declared = {str(t) for t in ontology_terms()} | {str(s) for s in vendor().subjects()}
    loose: list[str] = []
    for key, value in ctx.items():
        if key.startswith("@") or key in prefixes or value is None:
            continue  # a key mapped to null is left out by every processor (a draft's provenance)
        iri = value if isinstance(value, str) else value.get("@id", "")
        if iri.startswith("@"):
            continue
        prefix, _, local = iri.partition(":")
        full = prefixes[prefix] + local if prefix in prefixes else iri
        if full not in declared:
            loose.append(f"{key} -> {full}")
    assert not loose, "context keys without a term in mbl.ttl or ontology/vendor/:\n" + "\n".join(loose)


def test_example_points_only_at_reference_nodes_that_exist() -> None:
    ref = REPO / "ontology" / "reference" / "reference.ttl"
    reference = Graph().parse(ref, format="turtle")
    example = Graph().parse(REPO / "examples" / "nykoping-2025-2026.ttl", format="turtle")
    base = "https://w3id.org/medborgarlofte/id/"
    shared = {
        o
        for o in example.objects()
        if isinstance(o, URIRef)
        and str(o).startswith((base + "org/", base + "place/"))
        and (o, None, None) not in example
    }
    assert shared, "the example should point at reference data"
    missing = sorted(str(o) for o in shared if (o, RDF.type, None) not in reference)
    assert not missing, f"not in the reference graph: {missing}"
