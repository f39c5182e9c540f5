"""What a person types, resolved to an IRI: a municipality, a county, a local police area or a
concept of a vocabulary, by SCB code, name, genitive, slug, label or full IRI.

One index serves every edge that takes such a value: saved-query parameters
(:mod:`kg.query.run`), the templates (``kg new promise --municipality``,
:mod:`kg.authoring.templates`), the extractor's ``--municipality`` and ``--police-area`` and the
extractor's lexicon; :mod:`kg.extract.naming` builds its patterns for finding names in a
document on the names read here. The index is read with a few SPARQL queries, either from the
bundled reference graph and vocabularies (:func:`bundled_names`) or from a store where
``kg init`` loaded them (:class:`NameIndex` over the store), so a value resolves to the same IRI
wherever it is typed.

A value is looked up, case- and space-insensitively, first among the exact keys (the full IRI,
the SCB code or notation, the IRI's last segment, every label in any language), then among the
derived ones (a municipality's genitive, "X kommun", "Xs stad", the name without "kommun",
"stad" or "län", a police area's place name, the ASCII slug of any of them: ``kungsor``). Two
entries under one key are ambiguous and named, never guessed.

Only the reference graph says which municipality is named "Region …" (Region Gotland); a
county's region ("Region Uppsala") is not a municipality.

Any IRI is also taken in the forms ``kg`` prints it (:func:`kg.iris.expand_iri`): ``kg:promise/…`` (the
result tables' prefix for ``…/id/``), another prefix of the project's table (``at:skola``,
``mbl:Activity``), a ``kg documents`` id (``promise/0480-2025-2026``), ``<…>`` or the full IRI.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from kg import resources
from kg.iris import slugify
from kg.namespaces import VOCAB_NS, sparql_prefixes

if TYPE_CHECKING:  # rdflib only for the extractor's graphs: a saved query does not load it
    from rdflib import Graph

MUNICIPALITY = "municipality"
COUNTY = "county"
POLICE_AREA = "police-area"
"""The kinds of reference entries; any other kind is the name of a concept scheme
(``activity-type``, ``priority-area`` ...)."""

_PROLOGUE = sparql_prefixes("skos", "rdfs", "schema", "dct")
_LABEL_PROPS = "VALUES ?prop { skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label schema:name }"
_LABEL_TEST = "FILTER(?prop IN (skos:prefLabel, skos:altLabel, skos:hiddenLabel, rdfs:label, schema:name))"
"""The label properties as a test on each subject's triples: half the CPU of ``VALUES ?prop``
(:data:`_LABEL_PROPS`) in a left join (the municipalities' names, cold: 30-37 against 50-55 ms)."""
_MUNICIPALITIES = (
    _PROLOGUE
    + """SELECT ?iri ?code ?prop ?label ?place WHERE {
  ?iri skos:notation ?code .
  FILTER(REGEX(STR(?iri), "/id/org/kommun-[0-9]{4}$"))
  OPTIONAL {
    { ?iri ?prop ?label } UNION { ?iri dct:spatial ?place . ?place ?prop ?label }
    """
    + _LABEL_TEST
    + """
  }
}"""
)
_COUNTIES = (
    _PROLOGUE
    + """SELECT ?iri ?code ?prop ?label ?place WHERE {
  ?iri skos:notation ?code .
  FILTER(REGEX(STR(?iri), "/id/place/lan-[0-9]{2}$"))
  OPTIONAL { ?iri ?prop ?label """
    + _LABEL_TEST
    + """ }
}"""
)
_POLICE_AREAS = (
    _PROLOGUE
    + """SELECT ?iri ?code ?prop ?label ?place WHERE {
  """
    + _LABEL_PROPS
    + """
  ?iri ?prop ?label .
  FILTER(REGEX(STR(?iri), "/id/org/lpo-[a-z0-9-]+$"))
  OPTIONAL { ?iri dct:spatial ?place }
}"""
)
_CONCEPTS = (
    _PROLOGUE
    + """SELECT ?iri ?scheme ?code ?prop ?label ?place WHERE {
  ?iri skos:inScheme ?scheme .
  OPTIONAL { ?iri skos:notation ?code }
  OPTIONAL { ?iri ?prop ?label """
    + _LABEL_TEST
    + """ }
}"""
)
_PROP_RANK = {"prefLabel": 0, "altLabel": 1, "hiddenLabel": 2, "label": 3, "name": 4}
_OFFICIAL = re.compile(r"(?:s)?\s+(?:kommun|stad)s?$", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(?:kommun|stad|län)s?$", re.IGNORECASE)
_IN_MUNICIPALITY = re.compile(r"/place/kommun-(\d{4})$")


class Source(Protocol):
    """Anything that answers SPARQL SELECT with rows of pyoxigraph terms (a store, an endpoint)."""

    def query(self, sparql: str) -> Any: ...


@dataclass(frozen=True)
class Entry:
    """One thing a value can name: a municipality, county, police area or concept."""

    iri: str
    kind: str
    name: str
    """Its Swedish preferred label (else its first label, else the IRI's last segment)."""
    code: str | None = None
    """The SCB code or the concept's notation."""
    labels: tuple[str, ...] = ()
    """Swedish (or untagged) labels, preferred first; a municipality's place's labels last."""
    other_labels: tuple[str, ...] = ()
    """Labels in other languages ("Drug-dog search")."""
    within: frozenset[str] = frozenset()
    """A police area: the SCB codes of the municipalities it covers (``dct:spatial``)."""

    @property
    def slug(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def shown(self) -> str:
        """A concept as a suggestion names it: its slug, with its label beside it when the label
        says more (``per-termin (en gång per termin)``, but ``narkotika``, not ``narkotika
        (narkotika)``)."""
        return self.slug if slugify(self.name) == self.slug else f"{self.slug} ({self.name})"


@dataclass(frozen=True)
class MunicipalityInfo:
    """A municipality of the reference graph."""

    code: str
    name: str
    """The organisation's name ("Linköpings kommun", "Malmö stad", "Region Gotland")."""
    short: str
    """The place name ("Linköping")."""
    iri: str = ""
    official: tuple[str, ...] = ()
    """Its other names in the reference graph ("Region Gotland", "Gotlands kommun")."""


@dataclass(frozen=True)
class PoliceAreaInfo:
    """A local police area of the reference graph."""

    iri: str
    name: str
    """Its Swedish name ("Lokalpolisområde norra Lappland")."""
    labels: tuple[str, ...]
    municipalities: frozenset[str]
    """SCB codes of the municipalities it covers (``dct:spatial``)."""


@dataclass(frozen=True)
class Lookup:
    """The answer to one typed value: no match, one, or several (ambiguous)."""

    kind: str
    value: str
    matches: tuple[Entry, ...]
    suggestions: tuple[str, ...] = ()
    """The nearest entries, for "did you mean": a place's name, a concept's ``slug (label)``."""
    known: int = 0
    """How many entries of the kind the index holds (0: the reference data is missing)."""

    @property
    def entry(self) -> Entry | None:
        return self.matches[0] if len(self.matches) == 1 else None

    def hint(self) -> str | None:
        """What to write instead, for an error message: the matches, close names or the cure."""
        if len(self.matches) > 1:
            return "Träffar / matches: " + ", ".join(f"{m.name} <{m.iri}>" for m in self.matches)
        if not self.known:
            return (
                "Referensdata eller vokabulär saknas; kör 'kg init' eller ange en full IRI / the "
                "reference data or vocabulary is missing; run 'kg init' or give a full IRI."
            )
        if self.suggestions:
            return "Menade du / did you mean: " + ", ".join(self.suggestions) + "?"
        return None


def fold(value: str) -> str:
    """A key: case-folded, with runs of white space as one space."""
    return " ".join(value.split()).casefold()


def short_name(labels: Iterable[str]) -> str | None:
    """The place name among a municipality's labels: not "X kommun", "X stad" or "Region X"."""
    return next((x for x in labels if not _OFFICIAL.search(x) and not x.startswith("Region ")), None)


def genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def municipality_forms(info: MunicipalityInfo) -> set[str]:
    """How a text names a municipality officially: its name, "X kommun", "Xs kommun", "X stad",
    "Xs stad", their genitives, and the reference graph's other names (only Region Gotland is a
    municipality named "Region …")."""
    short, gen = info.short, genitive(info.short)
    forms = {info.name, f"{short} kommun", f"{gen} kommun", f"{short} stad", f"{gen} stad"}
    forms |= {f"{f}s" for f in forms if f.endswith(("kommun", "stad"))}
    return forms | set(info.official)


def area_core(name: str) -> str:
    """ "Lokalpolisområde Motala", "LPO Motala", "Motala lokalpolisområde" -> "Motala"."""
    s = re.sub(r"^(?:lokalpolisområde(?:t)?|lpo|polisen)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"s?\s+lokalpolisområde$", "", s, flags=re.IGNORECASE).strip()


@dataclass
class _Index:
    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, set[str]] = field(default_factory=dict)
    _derived: dict[str, set[str]] | None = None

    def add(self, tier: dict[str, set[str]], key: str, iri: str) -> None:
        if key.strip():
            tier.setdefault(fold(key), set()).add(iri)

    @property
    def derived(self) -> dict[str, set[str]]:
        """The derived keys, made when a value first misses the exact ones (a typed name, code
        or slug mostly hits them: a cold lookup then skips every genitive and slug)."""
        tier = self._derived
        if tier is None:  # two threads may both make it: the same keys, the last one kept
            tier = {}
            for e in self.entries.values():
                _add_derived(self, tier, e)
            self._derived = tier
        return tier


class NameIndex:
    """Municipalities, counties, police areas and concepts of a source, by every name they have.

    Each kind is read at first use with one small query (the concepts of every scheme with one);
    the index is safe to share between threads.
    """

    def __init__(self, source: Source) -> None:
        self._source = source
        self._kinds: dict[str, _Index] = {}
        self._concepts_read = False
        self._lock = threading.Lock()
        self._by_code: dict[str, MunicipalityInfo] | None = None
        self._areas: dict[str, PoliceAreaInfo] | None = None

    # -- typed values -------------------------------------------------------------------------

    def lookup(self, kind: str, value: str) -> Lookup:
        """Every entry of ``kind`` that ``value`` names (by the rules in the module's text)."""
        index = self._index(kind)
        v = value.strip()
        if v in index.entries:
            return Lookup(kind, value, (index.entries[v],), known=len(index.entries))
        keys = [fold(v)]
        if kind == POLICE_AREA:
            keys.append(fold(area_core(v)))
        for derived in (False, True):  # the derived keys only when no exact key matches
            tier = index.derived if derived else index.exact
            for key in [*keys, *(slugify(k) for k in keys if derived)]:
                hits = tier.get(key)
                if hits:
                    found = tuple(index.entries[i] for i in sorted(hits))
                    return Lookup(kind, value, found, known=len(index.entries))
        reference = kind in (MUNICIPALITY, COUNTY, POLICE_AREA)
        near = tuple(e.name if reference else e.shown for e in self.near(kind, v))
        return Lookup(kind, value, (), near, len(index.entries))

    def near(self, kind: str, value: str, n: int = 3) -> tuple[Entry, ...]:
        """The entries of ``kind`` whose slug, code or a label is closest to ``value`` (for "did
        you mean"), best first; at most ``n``."""
        index, core = self._index(kind), area_core if kind == POLICE_AREA else str  # an area by place
        keys: dict[str, str] = {}
        for e in index.entries.values():
            for key in (core(x) for x in (e.slug, e.code or "", *e.labels, *e.other_labels) if x):
                keys.setdefault(fold(key), e.iri)
                keys.setdefault(slugify(key), e.iri)
        found: list[Entry] = []
        for probe in (fold(core(value)), slugify(core(value))):
            for key in difflib.get_close_matches(probe, list(keys), n=3 * n, cutoff=0.6):
                entry = index.entries[keys[key]]
                if entry not in found:
                    found.append(entry)
        return tuple(found[:n])

    def entries(self, kind: str) -> dict[str, Entry]:
        """Every entry of a kind, by IRI."""
        return self._index(kind).entries

    def municipality(self, value: str) -> MunicipalityInfo | None:
        """A municipality by SCB code ("0484"), name, place name, genitive, slug ("kungsor") or
        IRI; None when the value names none or several."""
        entry = self.lookup(MUNICIPALITY, value).entry
        return self.municipalities.get(entry.code or "") if entry else None

    def police_area(self, value: str) -> PoliceAreaInfo | None:
        """A reference police area by IRI, name ("Lokalpolisområde Motala", "LPO Motala",
        "Motala lokalpolisområde", "Motala") or slug; None when the reference does not know it."""
        entry = self.lookup(POLICE_AREA, value).entry
        return self.police_areas.get(entry.iri) if entry else None

    @property
    def municipalities(self) -> dict[str, MunicipalityInfo]:
        """The municipalities that have a place name, by SCB code (made once: the index does not
        change once read, and a page of choices asks it for every municipality)."""
        if self._by_code is None:
            self._by_code = self._municipalities()
        return self._by_code

    @property
    def police_areas(self) -> dict[str, PoliceAreaInfo]:
        """The reference's local police areas, by IRI."""
        if self._areas is None:
            self._areas = self._police_areas()
        return self._areas

    # -- reading ------------------------------------------------------------------------------

    def _municipalities(self) -> dict[str, MunicipalityInfo]:
        out: dict[str, MunicipalityInfo] = {}
        for e in self.entries(MUNICIPALITY).values():
            short = short_name(e.labels)
            if short is None or e.code is None:
                continue
            official = tuple(x for x in e.labels if x != short)
            name = e.name if e.name != short else next(iter(official), f"{short} kommun")
            out[e.code] = MunicipalityInfo(e.code, name, short, e.iri, official)
        return dict(sorted(out.items()))

    def _police_areas(self) -> dict[str, PoliceAreaInfo]:
        return {
            e.iri: PoliceAreaInfo(e.iri, e.name, e.labels, e.within)
            for e in self.entries(POLICE_AREA).values()
        }

    def _index(self, kind: str) -> _Index:
        hit = self._kinds.get(kind)
        if hit is not None:
            return hit
        with self._lock:
            if kind not in self._kinds:
                self._kinds.update(self._read(kind))
            return self._kinds.setdefault(kind, _Index())

    def _read(self, kind: str) -> dict[str, _Index]:
        """One kind of reference entry, or every concept scheme at once (one query each)."""
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        reference = {MUNICIPALITY: _MUNICIPALITIES, COUNTY: _COUNTIES, POLICE_AREA: _POLICE_AREAS}
        if kind in reference:
            for row in self._source.query(reference[kind]):
                _collect(rows, kind, row)
        elif not self._concepts_read:
            self._concepts_read = True
            for row in self._source.query(_CONCEPTS):
                scheme = _value(row["scheme"])
                if scheme and scheme.startswith(VOCAB_NS) and "/" not in scheme[len(VOCAB_NS) :]:
                    _collect(rows, scheme[len(VOCAB_NS) :], row)
        out: dict[str, _Index] = {}
        for (of_kind, _), data in sorted(rows.items()):
            _add(out.setdefault(of_kind, _Index()), _entry(of_kind, data))
        return out


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _collect(rows: dict[tuple[str, str], dict[str, Any]], kind: str, row: Any) -> None:
    """One row (?iri ?code ?prop ?label ?place) into the entry it describes."""
    iri = _value(row["iri"])
    if iri is None:
        return
    data = rows.get((kind, iri))
    if data is None:
        data = rows[(kind, iri)] = {"iri": iri, "code": None, "labels": set(), "within": set()}
    code, place, label = _value(row["code"]), _value(row["place"]), row["label"]
    if code:
        data["code"] = code
    if place and kind == POLICE_AREA:
        m = _IN_MUNICIPALITY.search(place)
        if m:
            data["within"].add(m.group(1))
    if isinstance(label, ox.Literal):
        prop = _value(row["prop"])
        if not prop:
            return
        rank = _rank(prop)
        if place and kind != POLICE_AREA:
            rank += 10  # a municipality's place: its labels after the organisation's
        lang = label.language or ""
        data["labels"].add((lang not in ("", "sv") and not lang.startswith("sv-"), rank, label.value))


@cache
def _rank(prop: str) -> int:
    """Which label a name comes from, preferred first (the rows repeat a few properties)."""
    return _PROP_RANK.get(re.split(r"[#/]", prop)[-1], 9)


def _entry(kind: str, data: dict[str, Any]) -> Entry:
    own: list[str] = []
    other: list[str] = []
    for foreign, _, text in sorted(data["labels"]):
        target = other if foreign else own
        if text not in target:
            target.append(text)
    iri = data["iri"]
    name = own[0] if own else other[0] if other else iri.rsplit("/", 1)[-1]
    return Entry(iri, kind, name, data["code"], tuple(own), tuple(other), frozenset(data["within"]))


def _add(index: _Index, e: Entry) -> None:
    index.entries[e.iri] = e
    for key in (e.slug, e.code or "", *e.labels, *e.other_labels):
        index.add(index.exact, key, e.iri)
    index._derived = None


def _add_derived(index: _Index, tier: dict[str, set[str]], e: Entry) -> None:
    labels = (*e.labels, *e.other_labels)
    derived: set[str] = set()
    for label in labels:
        if e.kind in (MUNICIPALITY, COUNTY):
            derived.add(_SUFFIX.sub("", label))
        elif e.kind == POLICE_AREA:
            derived.add(area_core(label))
    if e.kind == MUNICIPALITY:
        short = short_name(e.labels)
        if short is not None:
            official = tuple(x for x in e.labels if x != short)
            info = MunicipalityInfo(e.code or "", e.name, short, e.iri, official)
            derived |= municipality_forms(info) | {short, genitive(short)}
    for key in derived | set(labels):
        index.add(tier, key, e.iri)
        index.add(tier, slugify(key), e.iri)


# -- the bundled reference graph and vocabularies ----------------------------------------------


def bundled_names() -> NameIndex:
    """The index of the bundled reference graph and vocabularies (cached until a file changes)."""
    files = [resources.reference_file(), *resources.vocabulary_files()]
    return _bundled(tuple((str(p), p.stat().st_mtime) for p in files if p.exists()))


def names_of_graph(graph: Graph) -> NameIndex:
    """The index of an rdflib graph holding reference data and/or vocabularies (tests, tools)."""
    store = ox.Store()
    from kg.terms import quads_of

    store.extend(quads_of(graph))
    return NameIndex(store)


@cache
def _bundled(files: tuple[tuple[str, float], ...]) -> NameIndex:
    store = ox.Store()
    for path, _ in files:
        store.load(path=Path(path), format=ox.RdfFormat.TURTLE)
    return NameIndex(store)


__all__ = [
    "COUNTY",
    "MUNICIPALITY",
    "POLICE_AREA",
    "Entry",
    "Lookup",
    "MunicipalityInfo",
    "NameIndex",
    "PoliceAreaInfo",
    "area_core",
    "bundled_names",
    "fold",
    "genitive",
    "municipality_forms",
    "names_of_graph",
    "short_name",
]
