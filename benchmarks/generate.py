"""A synthetic corpus of medborgarlöften at national scale, seeded and reproducible.

Every document looks like a real one in the project's terms (examples/nykoping-2025-2026.ttl):
a promise of one of the 290 municipalities (real SCB codes, from the bundled reference graph)
and a local police area, for a period of one or two years, with a situation picture, two to five
priorities, three to nine activities with responsible actors, partners, frequencies and places
(about a third say where they are done, mbl:placeText and mbl:placeKind, as in the seed bundle),
expected outcomes with indicators, a follow-up plan with channels and two signatures; and
follow-ups that assess the activities of a promise. Priority areas, activity types, actor
types, frequencies, indicators, knowledge sources, channel types, posts and follow-up statuses
are drawn from the SKOS vocabularies in ontology/vocab/, texts are Swedish sentences of
realistic length. Every document conforms to the shapes (tests/unit/test_benchmark_corpus.py).

Scale 1 is the country: 290 municipalities × 8 promises = 2,320 promises, each followed up as
real promises are (:func:`municipality_documents`): one to three follow-ups a year by the
promise's own plan (tertialvis: three, half-yearly reports of a quarterly plan: two, annual:
one), for the periods that ended by :data:`AS_OF`, about one in twelve never reported, statuses
in the shares of :data:`STATUS_SHARES`; about 5,100 follow-ups, 7,400 documents. Scale 10 is
ten times that: ten promises per municipality and period (a city of ten local police areas),
23,200 promises and their follow-ups, about 74,000 documents.

Output (``--format``):

* ``ttl``: one Turtle file per document, ``<out>/<code>/<key>.ttl``, as a steward would import;
* ``nq``: N-Quads files of ``--per-file`` documents each, exactly what ``kg import`` would store
  for them (the document in its named graph with its source node, and its catalogue record),
  for bulk loading a large store quickly.

    python benchmarks/generate.py --scale 1 --format ttl --out benchmarks/out/national
    python benchmarks/generate.py --scale 10 --format nq --out benchmarks/out/x10

The same seed gives the same files, byte for byte (timestamps in nq records are fixed).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/medborgarlofte/"
ID = BASE + "id/"
MBL = BASE + "def/"
VOCAB = BASE + "vocab/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
GEO = "http://www.opengis.net/ont/geosparql#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF = "http://xmlns.com/foaf/0.1/"

PREFIXES: dict[str, str] = {
    "mbl": MBL,
    "pa": VOCAB + "priority-area/",
    "at": VOCAB + "activity-type/",
    "act": VOCAB + "actor-type/",
    "freq": VOCAB + "frequency/",
    "ind": VOCAB + "indicator/",
    "ks": VOCAB + "knowledge-source/",
    "ch": VOCAB + "channel-type/",
    "post": VOCAB + "post/",
    "status": VOCAB + "followup-status/",
    "dct": DCT,
    "dcat": DCAT,
    "prov": PROV,
    "org": ORG,
    "skos": SKOS,
    "schema": SCHEMA,
    "geo": GEO,
    "xsd": XSD,
}

FIXED_TIMESTAMP = "2025-01-01T00:00:00Z"
"""Catalogue timestamps in N-Quads output: fixed, so a seed gives the same bytes."""

# County (SCB two-digit code) → police region (polisen.se).
POLICE_REGION: dict[str, str] = {
    "01": "stockholm", "09": "stockholm",
    "03": "mitt", "19": "mitt", "21": "mitt",
    "04": "ost", "05": "ost", "06": "ost",
    "07": "syd", "08": "syd", "10": "syd", "12": "syd",
    "13": "vast", "14": "vast",
    "17": "bergslagen", "18": "bergslagen", "20": "bergslagen",
    "22": "nord", "23": "nord", "24": "nord", "25": "nord",
}  # fmt: skip


# -- what the generator draws from -----------------------------------------------------------------
@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    """The municipality's own name for itself, e.g. ``Nyköpings kommun``."""
    short: str
    """The place name, e.g. ``Nyköping``."""
    lpo: str | None = None
    """The IRI of its local police area when the reference graph has one."""


@dataclass
class Sources:
    """The vocabularies and municipalities, read once from the bundled files."""

    concepts: dict[str, list[tuple[str, str]]]
    """scheme name → [(concept IRI, Swedish label)], sorted by IRI."""
    municipalities: list[Municipality]
    described: set[str] = field(default_factory=set)
    """IRIs the reference graph describes (so documents need not)."""
    named: set[str] = field(default_factory=set)
    """IRIs the reference graph gives a Swedish name (an actor a follow-up may name as reporter)."""


def load_sources(root: Path = ROOT) -> Sources:
    """Concepts from ontology/vocab/, municipalities from ontology/reference/reference.ttl (or,
    while that file does not exist, from ../shared/reference/municipalities.csv)."""
    concepts: dict[str, list[tuple[str, str]]] = {}
    in_scheme = ox.NamedNode(SKOS + "inScheme")
    pref = ox.NamedNode(SKOS + "prefLabel")
    for f in sorted((root / "ontology" / "vocab").glob("*.ttl")):
        labels: dict[str, str] = {}
        members: dict[str, str] = {}
        for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE):
            if t.predicate == in_scheme and isinstance(t.object, ox.NamedNode):
                members[t.subject.value] = t.object.value
            elif t.predicate == pref and isinstance(t.object, ox.Literal) and t.object.language == "sv":
                labels[t.subject.value] = t.object.value
        for iri, scheme in members.items():
            concepts.setdefault(scheme.rsplit("/", 1)[-1], []).append((iri, labels.get(iri, iri)))
    for v in concepts.values():
        v.sort()
    ref = root / "ontology" / "reference" / "reference.ttl"
    if ref.exists():
        munis, described = _municipalities_from_reference(ref)
        named = {
            t.subject.value
            for t in ox.parse(path=str(ref), format=ox.RdfFormat.TURTLE)
            if t.predicate == pref and isinstance(t.object, ox.Literal) and t.object.language == "sv"
        }
    else:  # pragma: no cover - only before the reference graph existed
        munis, described = _municipalities_from_csv(
            root.parent / "shared" / "reference" / "municipalities.csv"
        )
        named = set()
    return Sources(concepts=concepts, municipalities=munis, described=described, named=named)


def _municipalities_from_reference(path: Path) -> tuple[list[Municipality], set[str]]:
    notation: dict[str, str] = {}
    pref_sv: dict[str, str] = {}
    alt_sv: dict[str, str] = {}
    lpo_of: dict[str, str] = {}
    described: set[str] = set()
    for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        s = t.subject.value
        described.add(s)
        p = t.predicate.value
        o = t.object
        if p == SKOS + "notation":
            notation[s] = o.value
        elif p == SKOS + "prefLabel" and isinstance(o, ox.Literal) and o.language == "sv":
            pref_sv[s] = o.value
        elif p == SKOS + "altLabel" and isinstance(o, ox.Literal) and o.language == "sv":
            alt_sv.setdefault(s, o.value)
        elif p == DCT + "spatial" and s.startswith(ID + "org/lpo-"):
            lpo_of[o.value.rsplit("-", 1)[-1]] = s
    out = []
    for s, code in notation.items():
        if s.startswith(ID + "org/kommun-"):
            name = pref_sv.get(s, code)
            out.append(Municipality(code, name, alt_sv.get(s, _short(name)), lpo_of.get(code)))
    out.sort(key=lambda m: m.code)
    return out, described


def _municipalities_from_csv(path: Path) -> tuple[list[Municipality], set[str]]:  # pragma: no cover
    import csv

    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        Municipality(r["municipality_code"], r["municipality_name"], r["municipality_name_short"])
        for r in rows
    ], set()


def _short(name: str) -> str:
    return re.sub(r"s? (kommun|stad)$", "", name)


# -- terms and text -------------------------------------------------------------------------------
def _iri(value: str) -> str:
    return f"<{value}>"


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _sv(text: str) -> str:
    return f'"{_esc(text)}"@sv'


def _str(text: str) -> str:
    return f'"{_esc(text)}"'


def _typed(value: str, dt: str) -> str:
    return f'"{value}"^^<{XSD}{dt}>'


def _int(value: int) -> str:
    return _typed(str(value), "integer")


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-") or "x"


Triple = tuple[str, str, str]

PLACE_KINDS = ["centrum", "resecentrum", "torget", "stationsområdet", "idrottsplatsen", "hamnen", "parken"]
SCHOOL_SUFFIX = ["skolan", "gymnasiet", "högstadieskolan"]
SCHOOL_STEMS = [
    "Rosenbergs",
    "Björk",
    "Ekbacke",
    "Tallbacka",
    "Sjövik",
    "Norra",
    "Södra",
    "Centrum",
    "Vallby",
]
HOUSING = ["{s}hem", "{s} Bostäder", "Bostadsbolaget i {s}", "{s}s Fastigheter"]
DEPARTMENTS = [
    ("Socialförvaltningen", "socialtjanst"),
    ("Utbildningsförvaltningen", "forvaltning"),
    ("Kultur- och fritidsförvaltningen", "forvaltning"),
    ("Samhällsbyggnadsförvaltningen", "forvaltning"),
    ("Räddningstjänsten {s}", "raddningstjanst"),
    ("Fritidsgårdarna i {s}", "fritidsverksamhet"),
]
CIVIL = [
    "Nattvandrarna i {s}",
    "Föreningen Trygga {s}",
    "Grannsamverkan {s}",
    "{s} Handel",
    "Svenska kyrkan i {s}",
]
PROBLEMS = [
    "Otrygghet i {place} på kvällar och helger, särskilt bland unga kvinnor",
    "Öppen narkotikahandel och langning till unga i anslutning till {place}",
    "Buskörning med A-traktorer och mopeder i de mindre orterna runt {s}",
    "Ökat antal anmälda bostadsinbrott i villaområden under semesterperioderna",
    "Nedskräpning, skadegörelse och klotter vid {place} som skapar otrygghet",
    "Unga som dras in i kriminalitet och rekryteras till kriminella nätverk",
    "Våld i nära relation som inte anmäls och som socialtjänsten får kännedom om sent",
    "Ordningsstörningar i krogmiljön på fredags- och lördagsnätter",
    "Bedrägerier riktade mot äldre via telefon och i hemmet",
]
ACTIVITY_TEXT: dict[str, str] = {
    "narkotikasok-med-hund": (
        "Polisen ska genomföra narkotikasök med hund på {school} i samråd med skolledningen"
    ),
    "trygghetsvandring": (
        "Tillsammans genomföra trygghetsvandringar i {place} som leder till "
        "konkreta åtgärder som bättre belysning och röjd växtlighet"
    ),
    "nattvandring": "Kommunen ska samordna nattvandringar med civilsamhället under helger och lov",
    "trafikkontroll": (
        "Polisen ska göra riktade trafikkontroller där "
        "buskörning med A-traktorer och höga hastigheter förekommer"
    ),
    "tillsyn-krogmiljo": "Polisen och kommunen ska göra gemensamma tillsyner i krogmiljön under helgkvällar",
    "skolbesok": (
        "Kommunpolisen ska besöka {school} och samtala med "
        "elever om trygghet, droger och konsekvenser av brott"
    ),
    "medborgardialog": (
        "Parterna ska genomföra medborgardialoger i {place} för att fånga upp invånarnas synpunkter"
    ),
    "synlig-polisnarvaro": (
        "Polisen ska öka sin synliga närvaro i {place} på tider då otryggheten är som störst"
    ),
    "kontrollkop": "Kommunen ska genomföra kontrollköp av alkohol och tobak hos butiker och restauranger",
    "grannsamverkan": "Parterna ska starta och stödja grannsamverkan i fler bostadsområden i kommunen",
}
GENERIC_ACTIVITY = "Parterna ska genomföra {label} med fokus på {area} i {place}"
AREA_KIND = VOCAB + "area-kind/"
PLACE_KIND_OF = {"centrum": "centrum", "torget": "centrum", "resecentrum": "station",
                 "stationsområdet": "station", "parken": "park"}  # fmt: skip
"""The area kind (``mbl:placeKind``) a place of :data:`PLACE_KINDS` is, read from its name as
the extractor reads it; "idrottsplatsen" and "hamnen" name none (only their words are kept)."""
FIXED_PLACE: dict[str, tuple[str, str]] = {
    "tillsyn-krogmiljo": ("krog", "krogmiljön"),
    "trafikkontroll": ("gata-och-vag", "där buskörning med A-traktorer och höga hastigheter förekommer"),
    "grannsamverkan": ("bostadsomrade", "fler bostadsområden i kommunen"),
}
"""Where an activity of a fixed text (:data:`ACTIVITY_TEXT`) is done: its kind and words."""
PLACED_SHARE = 0.3
"""Share of the activities whose text names a place of the promise's (``i {place}``) that state
it as ``mbl:placeText`` (and ``mbl:placeKind`` where the name says one). The generated texts name
a place far more often than real ones do, so this sets the corpus to the seed bundle's
proportion: 23 of its 60 activities have a place text and 21 a kind of place, 9 of them schools
(data/seeds/); here about 36% and 33%, schools about 5%, as every activity at a school (a
drug-dog search, a school visit) states it."""
OUTCOMES = [
    ("Den upplevda tryggheten i {place} ska öka.", "Uppföljning sker via polisens trygghetsmätning."),
    ("Fler narkotikabrott ska upptäckas och lagföras.", "Uppföljning sker via statistik över anmälda brott."),
    ("Förtroendet för polisen och kommunen ska öka.", "Mäts i den nationella trygghetsundersökningen (NTU)."),
    ("Antalet anmälda bostadsinbrott ska minska.", "Följs upp med polisens statistik över anmälda brott."),
    ("Färre unga ska använda alkohol och narkotika.", "Följs upp med drogvaneundersökningen i årskurs 9."),
]
FREQUENCY_TEXT: dict[str, str] = {
    "per-termin": "minst en gång per termin",
    "monthly": "en gång i månaden",
    "weekly": "varje helg",
    "annual": "minst en gång per år",
    "quarterly": "en gång per kvartal",
    "tertialvis": "tertialvis",
    "tva-ganger-per-termin": "två gånger per termin",
}
FIRST = ["Eva", "Karl", "Anna", "Lars", "Maria", "Johan", "Sara", "Per", "Fatima", "Ali", "Ingrid", "Mikael"]
LAST = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]  # fmt: skip


# -- documents -------------------------------------------------------------------------------------
@dataclass
class Doc:
    """One generated document: its IRI, ID, triples and the file name it goes to."""

    iri: str
    doc_id: str
    key: str
    triples: list[Triple]
    kind: str
    municipality: str | None = None
    territory: str | None = None
    period: str | None = None
    plan: str | None = None
    """A promise's planned follow-up frequency (the slug of its follow-up plan's mbl:frequency)."""


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    @property
    def key(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


def promise_periods(rng: random.Random, count: int) -> list[Period]:
    """``count`` consecutive periods of one (mostly) or two years, ending in 2025 or 2026."""
    lengths = [rng.choice((1, 1, 1, 2)) for _ in range(count)]
    end = 2026 if rng.random() < 0.6 else 2025
    out: list[Period] = []
    for n in reversed(lengths):
        out.append(Period(end - n + 1, end))
        end -= n
    return list(reversed(out))


class Writer:
    """Collects one document's triples."""

    def __init__(self) -> None:
        self.triples: list[Triple] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.triples.append((_iri(s), _iri(p), o))

    def a(self, s: str, cls: str) -> None:
        self.add(s, RDF_TYPE, _iri(cls))


def _pick(rng: random.Random, items: Sequence[tuple[str, str]], k: int) -> list[tuple[str, str]]:
    return rng.sample(list(items), min(k, len(items)))


def promise(
    src: Sources, m: Municipality, period: Period, rng: random.Random, series: int = 0
) -> tuple[Doc, list[str]]:
    """One promise; also returns its activity IRIs (for follow-ups). ``series`` > 0 is a further
    promise of the same municipality and period (a city with several local police areas, as
    Stockholm or Göteborg): its key ends with an area slug, as :func:`kg.iris.promise_key` writes."""
    key = f"{m.code}-{period.key}" + (f"-{_slug(m.short)}-{series + 1}" if series else "")
    p = f"{ID}promise/{key}"
    w = Writer()
    c = src.concepts
    muni = f"{ID}org/kommun-{m.code}"
    place = f"{ID}place/kommun-{m.code}"
    lpo = m.lpo or f"{ID}org/lpo-{_slug(m.short)}"
    region = POLICE_REGION.get(m.code[:2], "ost")
    s = m.short

    w.a(p, MBL + "CitizenPromise")
    w.add(p, DCT + "identifier", _str(key))
    w.add(p, DCT + "title", _sv(f"Medborgarlöfte {m.name} {period.key}"))
    w.add(
        p,
        DCT + "description",
        _sv(
            f"Lokalpolisområde {s} och {m.name} lovar att tillsammans arbeta för att minska "
            f"brottsligheten och öka tryggheten i kommunen under {period.key}."
        ),
    )
    w.add(p, MBL + "municipality", _iri(muni))
    w.add(p, MBL + "policeUnit", _iri(lpo))
    w.add(p, DCT + "spatial", _iri(place))
    issued = f"{period.start}-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
    w.add(p, DCT + "issued", _typed(issued, "date"))
    per = f"{p}/period"
    w.add(p, DCT + "temporal", _iri(per))
    w.a(per, DCT + "PeriodOfTime")
    w.add(per, DCAT + "startDate", _typed(f"{period.start}-01-01", "date"))
    w.add(per, DCAT + "endDate", _typed(f"{period.end}-12-31", "date"))
    w.add(per, MBL + "verbatim", _str(period.key if rng.random() < 0.7 else f"{period.start}/{period.end}"))
    if m.lpo is None:  # a local police area the reference graph does not know: described here
        w.a(lpo, ORG + "OrganizationalUnit")
        w.add(lpo, SKOS + "prefLabel", _sv(f"Lokalpolisområde {s}"))
        w.add(lpo, ORG + "unitOf", _iri(f"{ID}org/polisregion-{region}"))
        w.add(lpo, MBL + "actorType", _iri(VOCAB + "actor-type/lokalpolisomrade"))

    # places
    places: list[tuple[str, str]] = []
    for kind in rng.sample(PLACE_KINDS, rng.randint(1, 3)):
        name = f"{s} {kind}" if kind != "centrum" else f"{s}s centrum"
        places.append((f"{p}/place/{_slug(name)}", name))
    school_name = rng.choice(SCHOOL_STEMS) + rng.choice(SCHOOL_SUFFIX)
    school = (f"{p}/place/{_slug(school_name)}", school_name)
    used_places: set[str] = set()

    # local actors
    actors: list[str] = []
    for name_t, atype in rng.sample(DEPARTMENTS, rng.randint(1, 2)):
        name = name_t.format(s=s)
        a = f"{muni}/{_slug(name)}"
        w.a(a, ORG + "OrganizationalUnit")
        w.add(a, SKOS + "prefLabel", _sv(name))
        w.add(a, ORG + "unitOf", _iri(muni))
        w.add(a, MBL + "actorType", _iri(VOCAB + f"actor-type/{atype}"))
        actors.append(a)
    for name_t, atype in [(rng.choice(HOUSING), "fastighetsbolag"), (rng.choice(CIVIL), "civilsamhalle")]:
        if rng.random() < 0.6:
            name = name_t.format(s=s)
            a = f"{muni}/{_slug(name)}"
            w.a(a, ORG + "Organization")
            w.add(a, SKOS + "prefLabel", _sv(name))
            w.add(a, MBL + "actorType", _iri(VOCAB + f"actor-type/{atype}"))
            actors.append(a)

    # situation picture
    sit = f"{p}/situation"
    w.add(p, MBL + "situationPicture", _iri(sit))
    w.a(sit, MBL + "SituationPicture")
    areas = _pick(rng, c["priority-area"], rng.randint(2, 5))
    problems = rng.sample(PROBLEMS, rng.randint(1, 3))
    texts = [t.format(place=rng.choice(places)[1], s=s) for t in problems]
    w.add(
        sit,
        DCT + "description",
        _sv(
            "Medborgardialoger, trygghetsmätningen och brottsstatistiken visar: "
            + "; ".join(t[0].lower() + t[1:] for t in texts)
            + "."
        ),
    )
    for ks, _ in _pick(rng, c["knowledge-source"], rng.randint(1, 3)):
        w.add(sit, MBL + "knowledgeSource", _iri(ks))
    for i, text in enumerate(texts, 1):
        prob = f"{sit}/problem/{i}"
        w.add(sit, MBL + "problem", _iri(prob))
        w.a(prob, MBL + "IdentifiedProblem")
        w.add(prob, MBL + "order", _int(i))
        w.add(prob, DCT + "description", _sv(text + "."))
        w.add(prob, MBL + "priorityArea", _iri(areas[(i - 1) % len(areas)][0]))
        if rng.random() < 0.5:
            pl = rng.choice(places)
            w.add(prob, SCHEMA + "location", _iri(pl[0]))
            used_places.add(pl[0])

    # priorities
    prios: list[tuple[str, str]] = []
    for i, (area, label) in enumerate(areas, 1):
        pr = f"{p}/priority/{i}"
        w.add(p, MBL + "priority", _iri(pr))
        w.a(pr, MBL + "Priority")
        w.add(pr, MBL + "order", _int(i))
        w.add(pr, DCT + "title", _sv(label[0].upper() + label[1:]))
        w.add(pr, MBL + "priorityArea", _iri(area))
        prios.append((pr, label))

    # activities; where they are done is drawn apart, so that the rest is as before places were
    prng = random.Random(f"{key}:places")
    activity_iris: list[str] = []
    types = c["activity-type"]
    freqs = [(iri, iri.rsplit("/", 1)[-1]) for iri, _ in c["frequency"]]
    freqs = [f for f in freqs if f[1] in FREQUENCY_TEXT] or freqs
    used: set[str] = set()
    for i in range(1, rng.randint(3, 8) + 1):
        act = f"{p}/activity/{i}"
        activity_iris.append(act)
        w.add(p, MBL + "activity", _iri(act))
        w.a(act, MBL + "Activity")
        w.add(act, MBL + "order", _int(i))
        atype, alabel = rng.choice(types)
        slug = atype.rsplit("/", 1)[-1]
        prio, plabel = rng.choice(prios)
        pl = rng.choice(places)
        template = ACTIVITY_TEXT.get(slug, GENERIC_ACTIVITY)
        text = template.format(school=school[1], place=pl[1], label=alabel, area=plabel)
        if text in used:  # one activity twice in a promise is refused by the shapes
            text += f", även i insats {i}"
        used.add(text)
        w.add(act, DCT + "description", _sv(text + "."))
        w.add(act, MBL + "addresses", _iri(prio))
        w.add(act, MBL + "activityType", _iri(atype))
        responsible = rng.choice([[lpo], [muni], [lpo, muni], [muni, lpo]])
        for r in responsible:
            w.add(act, MBL + "responsibleActor", _iri(r))
        if actors and rng.random() < 0.5:
            w.add(act, MBL + "partner", _iri(rng.choice(actors)))
        if rng.random() < 0.6:
            f_iri, f_slug = rng.choice(freqs)
            w.add(act, MBL + "frequency", _iri(f_iri))
            w.add(act, MBL + "frequencyText", _str(FREQUENCY_TEXT.get(f_slug, f_slug)))
        if rng.random() < 0.25:
            w.add(act, MBL + "quantity", _int(rng.choice((2, 4, 6, 10, 12, 20, 800))))
        where: tuple[str | None, str] | None = FIXED_PLACE.get(slug)
        if "{school}" in template:
            w.add(act, SCHEMA + "location", _iri(school[0]))
            used_places.add(school[0])
            where = ("skola", school[1])
        elif "{place}" in template:
            w.add(act, SCHEMA + "location", _iri(pl[0]))
            used_places.add(pl[0])
            if prng.random() < PLACED_SHARE:
                where = (PLACE_KIND_OF.get(pl[1].rsplit(" ", 1)[-1]), pl[1])
        if where is not None:
            kind, words = where
            if kind:
                w.add(act, MBL + "placeKind", _iri(AREA_KIND + kind))
            w.add(act, MBL + "placeText", _str(words))
    for iri, name in [*places, school]:
        if iri in used_places:
            w.a(iri, SCHEMA + "Place")
            w.add(iri, SCHEMA + "name", _sv(name))
            w.add(iri, GEO + "sfWithin", _iri(place))

    # expected outcomes
    inds = c["indicator"]
    for i, (text, ind_text) in enumerate(rng.sample(OUTCOMES, rng.randint(1, 3)), 1):
        o = f"{p}/outcome/{i}"
        w.add(p, MBL + "expectedOutcome", _iri(o))
        w.a(o, MBL + "ExpectedOutcome")
        w.add(o, MBL + "order", _int(i))
        w.add(o, DCT + "description", _sv(text.format(place=rng.choice(places)[1])))
        w.add(o, MBL + "indicator", _iri(rng.choice(inds)[0]))
        w.add(o, MBL + "indicatorText", _str(ind_text))

    # follow-up plan and channels
    fp = f"{p}/followup-plan"
    w.add(p, MBL + "followUpPlan", _iri(fp))
    w.a(fp, MBL + "FollowUpPlan")
    plan = rng.choice(["tertialvis", "annual", "quarterly"])
    w.add(fp, MBL + "frequency", _iri(VOCAB + f"frequency/{plan}"))
    w.add(fp, MBL + "frequencyText", _str(FREQUENCY_TEXT.get(plan, plan)))
    w.add(
        fp,
        DCT + "description",
        _sv(
            f"Löftet följs upp {FREQUENCY_TEXT.get(plan, plan)} i den lokala samverkansgruppen och "
            "resultaten redovisas på parternas webbplatser och i sociala medier."
        ),
    )
    for i, (ch, chlabel) in enumerate(_pick(rng, c["channel-type"], rng.randint(1, 3)), 1):
        chn = f"{fp}/channel/{i}"
        w.add(fp, MBL + "channel", _iri(chn))
        w.a(chn, MBL + "CommunicationChannel")
        w.add(chn, SKOS + "prefLabel", _sv(f"{chlabel[0].upper() + chlabel[1:]}: {m.name}"))
        w.add(chn, MBL + "channelType", _iri(ch))

    # signatures
    day = rng.randint(1, 28)
    month = rng.randint(1, 4)
    date = f"{period.start}-{month:02d}-{day:02d}"
    for i, (party, post_slug, post_label) in enumerate(
        [
            (lpo, "lokalpolisomradeschef", "lokalpolisområdeschef"),
            (muni, "kommunstyrelsens-ordforande", "kommunstyrelsens ordförande"),
        ],
        1,
    ):
        sig = f"{p}/signature/{i}"
        w.add(p, MBL + "signature", _iri(sig))
        w.a(sig, MBL + "Signature")
        person, post = f"{sig}/person", f"{sig}/post"
        w.add(sig, MBL + "signatory", _iri(person))
        w.add(sig, MBL + "post", _iri(post))
        w.add(sig, MBL + "signedFor", _iri(party))
        w.add(sig, MBL + "signingPlace", _str(s))
        w.add(sig, DCT + "date", _typed(date, "date"))
        w.add(sig, MBL + "dateText", _str(f"{day} {MONTHS[month - 1]} {period.start}"))
        w.a(person, SCHEMA + "Person")
        w.add(person, SCHEMA + "name", _str(f"{rng.choice(FIRST)} {rng.choice(LAST)}"))
        w.a(post, ORG + "Post")
        w.add(post, SKOS + "prefLabel", _sv(post_label))
        w.add(post, ORG + "role", _iri(VOCAB + f"post/{post_slug}"))
        w.add(post, ORG + "postIn", _iri(party))
    doc = Doc(p, f"promise/{key}", key, w.triples, "promise", muni, place, per, plan)
    return doc, activity_iris


AS_OF = (2026, 11, 30)
"""The corpus's "today" (year, month, day): a follow-up exists only for a period that ended by
then, and was issued by then; later periods of a running promise are not followed up yet."""

FOLLOWUP_PARTS: dict[str, list[tuple[str, int, int]]] = {
    # the promise's planned frequency -> the periods reported each year: (suffix, first, last month)
    "tertialvis": [("T1", 1, 4), ("T2", 5, 8), ("T3", 9, 12)],
    "annual": [("", 1, 12)],
    # planned every quarter, reported every half-year (as many do: followups-overdue finds them)
    "quarterly": [("H1", 1, 6), ("H2", 7, 12)],
}
PART_NAMES = {"T": "tertial", "H": "halvår", "Q": "kvartal"}
MISSING_SHARE = 0.08
"""The share of planned follow-ups never reported (nor imported)."""

STATUS_SHARES: dict[bool, list[tuple[str, float]]] = {
    # status slug -> weight, in a follow-up during the promise's period (False) and in the one
    # that closes it (True): work in progress early, mostly done or not at the end
    False: [("genomford", 30), ("pagaende", 35), ("delvis-genomford", 10), ("ej-paborjad", 14),
            ("ej-genomford", 6), ("installd", 5)],
    True: [("genomford", 55), ("delvis-genomford", 17), ("ej-genomford", 14), ("installd", 7),
           ("pagaende", 7)],
}  # fmt: skip
STATUS_TEXT: dict[str, str] = {
    "genomford": "Aktiviteten har genomförts som planerat under perioden",
    "delvis-genomford": "Aktiviteten har delvis genomförts; färre tillfällen än planerat",
    "pagaende": "Arbetet pågår och fortsätter under nästa period",
    "ej-paborjad": "Aktiviteten har inte påbörjats ännu; den planeras till senare i år",
    "ej-genomford": "Aktiviteten har inte genomförts på grund av resursbrist",
    "installd": "Aktiviteten har ställts in efter beslut i samverkansgruppen",
}


def _last_day(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


def followup(
    src: Sources,
    m: Municipality,
    promise_doc: Doc,
    activities: list[str],
    part: tuple[str, int, int, int],
    closing: bool,
    cancelled: set[str],
    rng: random.Random,
) -> Doc:
    """A follow-up of ``promise_doc`` for one period ``(suffix, year, first month, last month)``,
    in the shape ``kg followup new`` writes (data/followups/): its period with the key a steward
    writes (``2025-T1``), who reported it, when, and a status for each activity. ``closing``: the
    period is the last of the promise's. An activity in ``cancelled`` stays cancelled."""
    suffix, year, first, last = part
    period_key = f"{year}-{suffix}" if suffix else str(year)
    key = f"{promise_doc.key}/{period_key}"
    f = f"{ID}followup/{key}"
    w = Writer()
    muni = f"{ID}org/kommun-{m.code}"
    # a local police area the reference graph does not name is described in the promise only
    lpo = m.lpo if m.lpo in src.named else muni
    label = f"{PART_NAMES[suffix[0]]} {suffix[1]} {year}" if suffix else str(year)
    w.a(f, MBL + "FollowUp")
    w.add(f, DCT + "identifier", _str(key))
    w.add(f, DCT + "title", _sv(f"Uppföljning av medborgarlöftet {m.name}, {label}"))
    w.add(f, MBL + "followsUp", _iri(promise_doc.iri))
    for r in dict.fromkeys(rng.choice([[lpo, muni], [lpo, muni], [muni], [lpo]])):
        w.add(f, MBL + "reportedBy", _iri(r))
    # reported two to eight weeks after the period, but not after the corpus's "today"
    end_day = _last_day(year, last)
    issued_month, issued_year = (last % 12) + 1, year + (last == 12)
    if (issued_year, issued_month) > AS_OF[:2]:
        issued_year, issued_month = AS_OF[0], AS_OF[1]
    w.add(f, DCT + "issued", _typed(f"{issued_year}-{issued_month:02d}-{rng.randint(1, 28):02d}", "date"))
    per = f"{f}/period"
    w.add(f, DCT + "temporal", _iri(per))
    w.a(per, DCT + "PeriodOfTime")
    w.add(per, DCAT + "startDate", _typed(f"{year}-{first:02d}-01", "date"))
    w.add(per, DCAT + "endDate", _typed(f"{year}-{last:02d}-{end_day:02d}", "date"))
    w.add(per, MBL + "verbatim", _str(period_key))
    shares = STATUS_SHARES[closing]
    for i, act in enumerate(activities, 1):
        a = f"{f}/assessment/{i}"
        w.add(f, MBL + "assessment", _iri(a))
        w.a(a, MBL + "StatusAssessment")
        w.add(a, MBL + "order", _int(i))
        w.add(a, MBL + "assessedActivity", _iri(act))
        if act in cancelled:
            status = "installd"
        else:
            status = rng.choices([s for s, _ in shares], weights=[x for _, x in shares])[0]
            if status == "installd":
                cancelled.add(act)
        w.add(a, MBL + "status", _iri(f"{VOCAB}followup-status/{status}"))
        if status not in ("ej-paborjad", "installd") and rng.random() < 0.7:
            w.add(a, MBL + "occasions", _int(rng.randint(1, 12)))
        elif status == "ej-paborjad" and rng.random() < 0.5:
            w.add(a, MBL + "occasions", _int(0))
        w.add(a, DCT + "description", _sv(f"{STATUS_TEXT[status]} (aktivitet {i}, {label})."))
        if status == "genomford" and rng.random() < 0.2:
            slug = _slug(m.short)
            w.add(
                a,
                MBL + "evidence",
                _iri(f"https://www.{slug}.se/medborgarloften/uppfoljning-{period_key}.pdf"),
            )
    return Doc(f, f"followup/{key}", key.replace("/", "-"), w.triples, "followup", muni, None, per)


def followup_parts(period: Period, plan: str | None) -> list[tuple[str, int, int, int]]:
    """The periods a promise is followed up for, by its plan, that ended by :data:`AS_OF`."""
    out = []
    for year in range(period.start, period.end + 1):
        for suffix, first, last in FOLLOWUP_PARTS.get(plan or "", FOLLOWUP_PARTS["annual"]):
            if (year, last, _last_day(year, last)) <= AS_OF:
                out.append((suffix, year, first, last))
    return out


def municipality_documents(src: Sources, m: Municipality, scale: int, seed: int) -> list[Doc]:
    """The documents of one municipality: ``scale`` series of 8 promises (the first is the
    national corpus's; at scale 10 a city of ten local police areas), each promise followed by
    its follow-ups: one to three a year by its plan, for the periods that ended by
    :data:`AS_OF`, about one in twelve missing (never reported)."""
    docs: list[Doc] = []
    for series in range(scale):
        rng = random.Random(f"{seed}:{m.code}" if series == 0 else f"{seed}:{m.code}:{series}")
        periods = promise_periods(rng, 8)
        promises = [promise(src, m, per, rng, series) for per in periods]
        for (doc, acts), per in zip(promises, periods, strict=True):
            docs.append(doc)
            # a separate generator: the promises are the same with or without follow-ups
            frng = random.Random(f"{seed}:{doc.key}:followups")
            parts = followup_parts(per, doc.plan)
            cancelled: set[str] = set()
            for part in parts:
                if frng.random() < MISSING_SHARE:
                    continue
                closing = (part[1], part[3]) == (per.end, 12)
                docs.append(followup(src, m, doc, acts, part, closing, cancelled, frng))
    return docs


# -- serialisation --------------------------------------------------------------------------------
_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _compact(term: str) -> str:
    if term.startswith("<") and term.endswith(">"):
        iri = term[1:-1]
        if iri == RDF_TYPE:
            return "a"
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return term
    m = re.match(r'^(".*")\^\^<' + re.escape(XSD) + r"([a-zA-Z]+)>$", term, re.S)
    if m and m.group(2) == "integer":
        return m.group(1)[1:-1]
    if m:
        return f"{m.group(1)}^^xsd:{m.group(2)}"
    return term


def to_turtle(doc: Doc, municipality: str) -> str:
    """The document as a Turtle file a steward might write: prefixes, one block per subject."""
    lines = [f"# Synthetic medborgarlöfte ({municipality}); generated by benchmarks/generate.py."]
    lines += [f"@prefix {k}: <{v}> ." for k, v in PREFIXES.items()]
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in doc.triples:
        by_subject.setdefault(s, []).append((p, o))
    for s, po in by_subject.items():
        lines.append("")
        lines.append(_compact(s))
        body = [f"    {_compact(p)} {_compact(o)}" for p, o in po]
        lines.append(" ;\n".join(body) + " .")
    return "\n".join(lines) + "\n"


def to_nquads(doc: Doc, sha: str, file_name: str, size: int) -> list[str]:
    """What ``kg import`` stores for the document: its graph (with the source node) and its
    catalogue record, as N-Quads lines."""
    import pyoxigraph as ox

    from kg.iris import Minter
    from kg.store.catalogue import RecordFields, record_change
    from kg.store.derived_kinds import compute_facts

    minter = Minter()
    graph = f"<{BASE}graph/{doc.doc_id}>"
    src = f"{doc.iri}/source"
    triples = [
        *doc.triples,
        (_iri(doc.iri), _iri(PROV + "wasDerivedFrom"), _iri(src)),
        (_iri(src), _iri(RDF_TYPE), _iri(MBL + "SourceDocument")),
        (_iri(src), _iri(DCT + "title"), _str(file_name)),
        (_iri(src), _iri(MBL + "sha256"), _str(sha)),
    ]
    out = [f"{s} {p} {o} {graph} .\n" for s, p, o in triples]
    # a follow-up's derived summary, or a promise's derived facts, as kg import writes them
    # beside the record
    parsed = list(
        ox.parse("".join(f"{s} {p} {o} .\n" for s, p, o in doc.triples), format=ox.RdfFormat.N_TRIPLES)
    )
    derived = compute_facts(doc.kind, parsed)
    fields = RecordFields(
        doc_id=doc.doc_id,
        document=doc.iri,
        kind=doc.kind,
        source=file_name,
        file_name=file_name,
        sha256=sha,
        size=size,
        counts={},
        municipality=doc.municipality,
        territory=doc.territory,
        period=doc.period,
    )
    rec = record_change(
        minter,
        fields,
        previous=None,
        timestamp=FIXED_TIMESTAMP,
        derived=derived,
    )
    out += [f"{q} .\n" for q in rec.insert]
    return out


# -- driver ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    out: str
    fmt: str
    scale: int
    seed: int
    codes: tuple[str, ...]
    chunk: int
    per_file: int


_SOURCES: Sources | None = None


def _sources() -> Sources:
    global _SOURCES
    if _SOURCES is None:
        _SOURCES = load_sources()
    return _SOURCES


def iter_documents(
    src: Sources, *, scale: int = 1, seed: int = 1, codes: Sequence[str] | None = None
) -> Iterator[tuple[Municipality, Doc]]:
    """Every document of the corpus, municipality by municipality (``codes`` limits them)."""
    wanted = set(codes) if codes else None
    for m in src.municipalities:
        if wanted is None or m.code in wanted:
            for d in municipality_documents(src, m, scale, seed):
                yield m, d


def _run(job: Job) -> tuple[int, int]:
    """Write the documents of some municipalities; returns (documents, triples)."""
    src = _sources()
    out = Path(job.out)
    ndocs = ntriples = 0
    buffer: list[str] = []
    part = 0

    def flush() -> None:
        nonlocal buffer, part
        if buffer:
            (out / f"part-{job.chunk:03d}-{part:03d}.nq").write_text("".join(buffer), encoding="utf-8")
            part += 1
            buffer = []

    in_file = 0
    for m, d in iter_documents(src, scale=job.scale, seed=job.seed, codes=job.codes):
        text = to_turtle(d, m.name)
        data = text.encode("utf-8")
        name = f"{d.key}.ttl"
        ndocs += 1
        ntriples += len(d.triples) + 4  # + the source node kg import adds
        if job.fmt == "ttl":
            folder = out / m.code
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        else:
            buffer.extend(to_nquads(d, hashlib.sha256(data).hexdigest(), name, len(data)))
            in_file += 1
            if in_file >= job.per_file:
                flush()
                in_file = 0
    flush()
    return ndocs, ntriples


def generate(
    out: Path,
    *,
    scale: int = 1,
    seed: int = 1,
    fmt: str = "ttl",
    municipalities: int | None = None,
    workers: int = 1,
    per_file: int = 500,
) -> tuple[int, int]:
    """Write the corpus to ``out`` (emptied first); returns (documents, triples)."""
    src = _sources()
    codes = [m.code for m in src.municipalities][: municipalities or None]
    out.mkdir(parents=True, exist_ok=True)
    for old in sorted(out.rglob("*"), reverse=True):
        if old.is_file() and old.suffix in (".ttl", ".nq"):
            old.unlink()
        elif old.is_dir() and not any(old.iterdir()):
            old.rmdir()
    n = max(1, workers)
    chunks = [tuple(codes[i::n]) for i in range(n)]
    jobs = [Job(str(out), fmt, scale, seed, c, i, per_file) for i, c in enumerate(chunks) if c]
    if n == 1:
        results = [_run(j) for j in jobs]
    else:
        with ProcessPoolExecutor(n) as pool:
            results = list(pool.map(_run, jobs))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="output folder (emptied of .ttl/.nq first)")
    ap.add_argument("--scale", type=int, default=1, help="1 = the country (2,320 documents), 10 = 23,200")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("ttl", "nq"), default="ttl")
    ap.add_argument("--municipalities", type=int, default=None, help="only the first N municipalities")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--per-file", type=int, default=500, help="documents per N-Quads file")
    args = ap.parse_args(argv)
    docs, triples = generate(
        args.out,
        scale=args.scale,
        seed=args.seed,
        fmt=args.format,
        municipalities=args.municipalities,
        workers=args.workers,
        per_file=args.per_file,
    )
    sys.stdout.write(f"{docs} documents, {triples} triples in {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
