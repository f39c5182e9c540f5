"""The reference graph: Sweden's municipalities and counties, the police authority, its regions
and the local police areas that the seed documents and the worked example name.

``python -m tools.reference [SOURCE] [--output FILE] [--check]`` reads the SCB code lists in SOURCE
(default ``../shared/reference`` beside the repository: ``municipalities.csv`` and
``counties.csv``, see its SOURCES.md) and writes ``ontology/reference/reference.ttl``; ``kg init``
loads that file into the reference graph. The output is sorted and written by this module's own
Turtle writer, so the same input gives the same bytes on every machine and rdflib version.
``--check`` writes nothing and exits with 1 when the committed file differs.

The municipality as an organisation (``id/org/kommun-{code}``, cv:PublicOrganisation) is kept
apart from the municipality as a territory (``id/place/kommun-{code}``); the organisation points
at its territory with dct:spatial, as CPOV does, and so do police units at the territories they
cover.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal, URIRef

from kg.errors import InputError
from kg.iris import Minter
from kg.namespaces import ACT, CV, DCT, GEO, MBL, ORG, PREFIXES, RDF, SCHEMA, SKOS

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "reference"
DEFAULT_OUTPUT = REPO / "ontology" / "reference" / "reference.ttl"

_CODE4 = re.compile(r"^\d{4}$")
_CODE2 = re.compile(r"^\d{2}$")

# Wrong genitives in the source's municipality_name column (its SOURCES.md, error 1).
NAME_FIXES: dict[str, str] = {
    "0880": "Kalmar kommun",
    "2080": "Falu kommun",
    "2514": "Kalix kommun",
    "2513": "Överkalix kommun",
}

# Municipalities whose own name for themselves is "stad" or "Region" rather than "kommun":
# (Swedish name, English name). Only names the project is sure of; the plain "X kommun" stays an
# altLabel, so text using either form resolves.
OFFICIAL_NAMES: dict[str, tuple[str, str]] = {
    "0180": ("Stockholms stad", "City of Stockholm"),
    "0183": ("Sundbybergs stad", "City of Sundbyberg"),
    "0184": ("Solna stad", "City of Solna"),
    "0186": ("Lidingö stad", "City of Lidingö"),
    "0187": ("Vaxholms stad", "City of Vaxholm"),
    "0980": ("Region Gotland", "Region Gotland"),
    "1280": ("Malmö stad", "City of Malmö"),
    "1282": ("Landskrona stad", "City of Landskrona"),
    "1283": ("Helsingborgs stad", "City of Helsingborg"),
    "1480": ("Göteborgs stad", "City of Gothenburg"),
    "1481": ("Mölndals stad", "City of Mölndal"),
    "1488": ("Trollhättans stad", "City of Trollhättan"),
    "1490": ("Borås Stad", "City of Borås"),
    "1980": ("Västerås stad", "City of Västerås"),
    "2583": ("Haparanda stad", "City of Haparanda"),
}


@dataclass(frozen=True)
class PoliceRegion:
    slug: str
    name: str  # the part after "Polisregion"
    english: str
    counties: tuple[str, ...]


# The seven police regions since 2015 and the counties each covers (Brå, "Nu delas anmälda brott
# in i regioner", 2015-02-12; polisen.se). Polisregion Stockholm also covers Gotland.
POLICE_REGIONS: tuple[PoliceRegion, ...] = (
    PoliceRegion("nord", "Nord", "North", ("22", "23", "24", "25")),
    PoliceRegion("mitt", "Mitt", "Central", ("03", "19", "21")),
    PoliceRegion("bergslagen", "Bergslagen", "Bergslagen", ("17", "18", "20")),
    PoliceRegion("stockholm", "Stockholm", "Stockholm", ("01", "09")),
    PoliceRegion("ost", "Öst", "East", ("04", "05", "06")),
    PoliceRegion("vast", "Väst", "West", ("13", "14")),
    PoliceRegion("syd", "Syd", "South", ("07", "08", "10", "12")),
)


@dataclass(frozen=True)
class PoliceArea:
    name: str  # as in "Lokalpolisområde {name}"
    english: str
    region: str  # police region slug
    municipalities: tuple[str, ...]
    alt_labels: tuple[str, ...]
    note: str


# The local police areas named in the seeds and the worked example. Coverage as checked in July
# 2025 against public pages; LPO boundaries change, so each says where it comes from.
POLICE_AREAS: tuple[PoliceArea, ...] = (
    PoliceArea(
        "Linköping",
        "Linköping local police area",
        "ost",
        ("0580",),
        ("LPO Linköping", "Linköpings lokalpolisområde", "Linköping lokalpolisområde", "Polisen Linköping"),
        "Seed 000. Covers Linköping; whether it also covers neighbouring municipalities was not checked.",
    ),
    PoliceArea(
        "Landskrona",
        "Landskrona local police area",
        "syd",
        ("1282",),
        ("LPO Landskrona", "Landskrona lokalpolisområde", "Polisen Landskrona"),
        "Seed 001 and polisen.se. Neighbouring Svalöv belongs to LPO Klippan (svalov.se, 2019-2024).",
    ),
    PoliceArea(
        "Södertälje",
        "Södertälje local police area",
        "stockholm",
        ("0181", "0128", "0140"),
        ("LPO Södertälje", "Södertälje lokalpolisområde", "Polisen Södertälje"),
        "Seed 002 (signed for Salem). Covers Södertälje, Salem and Nykvarn.",
    ),
    PoliceArea(
        "norra Lappland",
        "Northern Lapland local police area",
        "nord",
        ("2584", "2523", "2510"),
        (
            "Lokalpolisområde Norra Lappland",
            "LPO norra Lappland",
            "norra Lapplands lokalpolisområde",
            "Polisen norra Lappland",
        ),
        "Seed 004. Kiruna, Gällivare and Jokkmokk (polisen.se, November 2020); later changes not checked.",
    ),
    PoliceArea(
        "Nyköping",
        "Nyköping local police area",
        "ost",
        ("0480", "0481", "0461", "0488"),
        ("LPO Nyköping", "Nyköpings lokalpolisområde", "Polisen Nyköping"),
        "The worked example. Gnesta, Nyköping, Oxelösund and Trosa (oxelosund.se on the joint "
        "cooperation agreement); the date of that page was not checked.",
    ),
)


@dataclass(frozen=True)
class County:
    code: str
    name: str  # "Östergötlands län"
    short: str  # "Östergötland"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str  # corrected "X kommun"
    short: str  # "Linköping"
    county: str

    @property
    def official_name(self) -> str:
        return OFFICIAL_NAMES.get(self.code, (self.name, ""))[0]

    @property
    def english_name(self) -> str:
        return OFFICIAL_NAMES.get(self.code, ("", f"{self.short} Municipality"))[1]


@dataclass(frozen=True)
class ReferenceData:
    counties: tuple[County, ...]
    municipalities: tuple[Municipality, ...]


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise InputError(
            f"the reference file {path} is missing", hint="pass the folder with the SCB CSV files"
        )
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)  # every value is a string: leading zeros of codes are kept
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path} lacks the column(s) {', '.join(missing)}")
        for row in reader:
            yield {c: (row[c] or "").strip() for c in columns}


def load(source: Path) -> ReferenceData:
    """Reads and checks ``counties.csv`` and ``municipalities.csv`` in ``source``."""
    counties: dict[str, County] = {}
    for row in _rows(source / "counties.csv", ("county_code", "county_name", "county_name_short")):
        code = row["county_code"]
        if not _CODE2.match(code) or code in counties:
            raise InputError(f"bad or repeated county code {code!r}", where=str(source / "counties.csv"))
        counties[code] = County(code, row["county_name"], row["county_name_short"])
    municipalities: dict[str, Municipality] = {}
    cols = ("municipality_code", "municipality_name", "municipality_name_short", "county_code")
    for row in _rows(source / "municipalities.csv", cols):
        code, county = row["municipality_code"], row["county_code"]
        where = str(source / "municipalities.csv")
        if not _CODE4.match(code) or code in municipalities:
            raise InputError(f"bad or repeated municipality code {code!r}", where=where)
        if county not in counties or not code.startswith(county):
            raise InputError(f"municipality {code} has the county code {county!r}", where=where)
        name = NAME_FIXES.get(code, row["municipality_name"])
        municipalities[code] = Municipality(code, name, row["municipality_name_short"], county)
    return ReferenceData(
        counties=tuple(counties[c] for c in sorted(counties)),
        municipalities=tuple(municipalities[c] for c in sorted(municipalities)),
    )


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _sv(text: str) -> Literal:
    return Literal(text, lang="sv")


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def triples(data: ReferenceData, minter: Minter) -> Iterator[Triple]:
    """Every triple of the reference graph, in no particular order."""
    for county in data.counties:
        place = minter.county_place(county.code)
        yield place, RDF.type, SCHEMA.AdministrativeArea
        yield place, RDF.type, DCT.Location
        yield place, SKOS.prefLabel, _sv(county.name)
        yield place, SKOS.prefLabel, _en(f"{county.short} County")
        yield place, SKOS.altLabel, _sv(county.short)
        yield place, SKOS.notation, Literal(county.code)

    by_code = {m.code: m for m in data.municipalities}
    for m in data.municipalities:
        place, org = minter.municipality_place(m.code), minter.municipality_org(m.code)
        yield place, RDF.type, SCHEMA.AdministrativeArea
        yield place, RDF.type, DCT.Location
        yield place, SKOS.prefLabel, _sv(m.name)
        yield place, SKOS.prefLabel, _en(f"{m.short} Municipality")
        yield place, SKOS.altLabel, _sv(m.short)
        yield place, SKOS.notation, Literal(m.code)
        yield place, GEO.sfWithin, minter.county_place(m.county)

        yield org, RDF.type, CV.PublicOrganisation
        yield org, RDF.type, ORG.Organization
        yield org, SKOS.prefLabel, _sv(m.official_name)
        yield org, SKOS.prefLabel, _en(m.english_name)
        for alt in {m.short, m.name} - {m.official_name}:
            yield org, SKOS.altLabel, _sv(alt)
        # the genitive the text extractor meets in "Landskrona stads satsningar"
        if not m.official_name.endswith("s"):
            yield org, SKOS.hiddenLabel, _sv(m.official_name + "s")
        yield org, SKOS.notation, Literal(m.code)
        yield org, MBL.actorType, ACT["kommun"]
        yield org, DCT.spatial, place

    authority = minter.police_authority()
    yield authority, RDF.type, CV.PublicOrganisation
    yield authority, RDF.type, ORG.Organization
    yield authority, SKOS.prefLabel, _sv("Polismyndigheten")
    yield authority, SKOS.prefLabel, _en("Swedish Police Authority")
    yield authority, SKOS.altLabel, _sv("Polisen")
    yield authority, MBL.actorType, ACT["polismyndighet"]

    for region in POLICE_REGIONS:
        unit = minter.police_region(region.slug)
        yield unit, RDF.type, ORG.OrganizationalUnit
        yield unit, RDF.type, ORG.Organization
        yield unit, SKOS.prefLabel, _sv(f"Polisregion {region.name}")
        yield unit, SKOS.prefLabel, _en(f"Police Region {region.english}")
        yield unit, SKOS.altLabel, _sv(f"region {region.name}")
        yield unit, ORG.unitOf, authority
        yield unit, MBL.actorType, ACT["polisregion"]
        for code in region.counties:
            yield unit, DCT.spatial, minter.county_place(code)

    for area in POLICE_AREAS:
        unit = minter.police_area(area.name)
        yield unit, RDF.type, ORG.OrganizationalUnit
        yield unit, RDF.type, ORG.Organization
        yield unit, SKOS.prefLabel, _sv(f"Lokalpolisområde {area.name}")
        yield unit, SKOS.prefLabel, _en(area.english)
        for alt in area.alt_labels:
            yield unit, SKOS.altLabel, _sv(alt)
        # LPOs belong to a polisområde within the region; that middle level is not modelled yet.
        yield unit, ORG.unitOf, minter.police_region(area.region)
        yield unit, MBL.actorType, ACT["lokalpolisomrade"]
        yield unit, SKOS.editorialNote, Literal(area.note, lang="en")
        for code in area.municipalities:
            if code not in by_code:
                raise InputError(f"the police area {area.name} covers the unknown municipality {code}")
            yield unit, DCT.spatial, minter.municipality_place(code)


# ---------------------------------------------------------------------------------------------
# A small deterministic Turtle writer (IRIs and literals only; no blank nodes in this graph).

_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _iri(term: URIRef, prefixes: list[tuple[str, str]], used: set[str]) -> str:
    value = str(term)
    for prefix, ns in prefixes:
        if value.startswith(ns) and _LOCAL.match(value[len(ns) :]):
            used.add(prefix)
            return f"{prefix}:{value[len(ns) :]}"
    return f"<{value}>"


def _literal(lit: Literal, prefixes: list[tuple[str, str]], used: set[str]) -> str:
    text = '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(lit)) + '"'
    if lit.language:
        return f"{text}@{lit.language}"
    if lit.datatype is not None and str(lit.datatype) != "http://www.w3.org/2001/XMLSchema#string":
        return f"{text}^^{_iri(URIRef(lit.datatype), prefixes, used)}"
    return text


def _sort_key(term: URIRef | Literal) -> tuple[int, str, str]:
    if isinstance(term, Literal):
        return (1, str(term), term.language or str(term.datatype or ""))
    return (0, str(term), "")


def to_turtle(items: Iterable[Triple], header: str = "") -> str:
    """Sorted Turtle: subjects, then predicates (rdf:type first), then objects, by IRI text."""
    by_subject: dict[URIRef, dict[URIRef, set[URIRef | Literal]]] = {}
    for s, p, o in items:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    # Longest namespace first, so "vocab/actor-type/" wins over a shorter one.
    prefixes = sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    base = Minter().base
    prefixes[:0] = [("idorg", base + "id/org/"), ("idplace", base + "id/place/")]
    used: set[str] = set()
    body: list[str] = []
    for s in sorted(by_subject, key=str):
        preds = sorted(by_subject[s], key=lambda p: (p != RDF.type, str(p)))
        body.append(_iri(s, prefixes, used))
        for i, p in enumerate(preds):
            verb = "a" if p == RDF.type else _iri(p, prefixes, used)
            objs = sorted(by_subject[s][p], key=_sort_key)
            rendered = [
                _literal(o, prefixes, used) if isinstance(o, Literal) else _iri(o, prefixes, used)
                for o in objs
            ]
            end = " ." if i == len(preds) - 1 else " ;"
            body.append(f"    {verb} " + " ,\n        ".join(rendered) + end)
        body.append("")
    head = [f"# {line}".rstrip() for line in header.splitlines()]
    head += [f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes) if p in used]
    return "\n".join([*head, "", *body]).rstrip("\n") + "\n"


HEADER = """\
The reference graph of the medborgarlöfte knowledge graph.
generated, do not edit: `python -m tools.reference /path/to/shared/reference` rewrites this file.
Municipality and county codes: SCB codes from github.com/sjbrg/swedish-geodata (CC0 1.0), with
the four wrong genitives corrected and official "stad"/"Region" names (see tools/reference.py).
Police regions: Brå and polisen.se; local police areas: see each unit's skos:editorialNote.
The minted IRIs use the default base; a publisher with another base regenerates this file."""


def render(source: Path, minter: Minter | None = None) -> str:
    """The Turtle text of the reference graph built from the CSV files in ``source``."""
    return to_turtle(triples(load(source), minter or Minter()), HEADER)


def write(source: Path = DEFAULT_SOURCE, output: Path = DEFAULT_OUTPUT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(source), encoding="utf-8")
    return output


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.reference [SOURCE] [--output FILE] [--check]``; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    output = DEFAULT_OUTPUT
    if "--output" in args:
        i = args.index("--output")
        output = Path(args[i + 1])
        del args[i : i + 2]
    source = Path(args[0]) if args else DEFAULT_SOURCE
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        return 0 if current == render(source) else 1
    write(source, output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
