"""The controlled lists a steward writes terms from (``kg vocab list`` / ``kg vocab show``).

Read from the bundled vocabularies (``ontology/vocab/*.ttl``): each list (a SKOS concept scheme)
with its labels and definition, and each term with its short name (what a YAML-LD file writes:
``frequency: monthly``), notation, Swedish and English labels, other Swedish wordings and
definitions. A list or term is found the way every typed name is (:mod:`kg.names`): by short
name, notation, label in either language or its ASCII form, or IRI; a name that finds nothing is
refused with the nearest ones ("did you mean").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg import resources
from kg.errors import InputError
from kg.names import Entry, bundled_names, fold
from kg.namespaces import VOCAB_NS, sparql_prefixes

_CONCEPTS = (
    sparql_prefixes("skos")
    + """SELECT ?c ?scheme ?notation ?p ?label WHERE {
  ?c skos:inScheme ?scheme .
  OPTIONAL { ?c skos:notation ?notation }
  OPTIONAL { VALUES ?p { skos:prefLabel skos:altLabel skos:definition } ?c ?p ?label }
}"""
)
_SCHEMES = (
    sparql_prefixes("skos")
    + """SELECT ?s ?p ?label WHERE {
  ?s a skos:ConceptScheme .
  OPTIONAL { VALUES ?p { skos:prefLabel skos:definition } ?s ?p ?label }
}"""
)


@dataclass(frozen=True)
class Term:
    """One term of a list."""

    scheme: str
    """The list's name (``frequency``)."""
    term: str
    """The short name a document writes (``monthly``)."""
    iri: str
    notation: str | None
    label_sv: str | None
    label_en: str | None
    alt_labels: tuple[str, ...]
    """Other Swedish wordings (``månadsvis``)."""
    definition_sv: str | None
    definition_en: str | None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["alt_labels"] = list(self.alt_labels)
        return d


@dataclass(frozen=True)
class Scheme:
    """One list (a concept scheme)."""

    name: str
    iri: str
    label_sv: str | None
    label_en: str | None
    definition_sv: str | None
    definition_en: str | None
    terms: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _text(values: dict[tuple[str, str], list[str]], prop: str, lang: str) -> str | None:
    found = values.get((prop, lang))
    return found[0] if found else None


@cache
def _read() -> tuple[dict[str, Scheme], dict[str, Term]]:
    store = ox.Store()
    for path in resources.vocabulary_files():
        store.load(path=path, format=ox.RdfFormat.TURTLE)
    rows: dict[str, dict[str, Any]] = {}
    for row in store.query(_CONCEPTS):  # type: ignore[union-attr]
        iri, scheme = row["c"].value, row["scheme"].value
        if not iri.startswith(VOCAB_NS) or not scheme.startswith(VOCAB_NS):
            continue
        data = rows.setdefault(iri, {"scheme": scheme[len(VOCAB_NS) :], "notation": None, "values": {}})
        if row["notation"] is not None:
            data["notation"] = row["notation"].value
        label = row["label"]
        if isinstance(label, ox.Literal) and row["p"] is not None:
            key = (row["p"].value.rsplit("#", 1)[-1], label.language or "")
            data["values"].setdefault(key, []).append(label.value)
    terms: dict[str, Term] = {}
    for iri, data in sorted(rows.items()):
        values = {k: sorted(v) for k, v in data["values"].items()}
        terms[iri] = Term(
            scheme=data["scheme"],
            term=iri.rsplit("/", 1)[-1],
            iri=iri,
            notation=data["notation"],
            label_sv=_text(values, "prefLabel", "sv"),
            label_en=_text(values, "prefLabel", "en"),
            alt_labels=tuple(values.get(("altLabel", "sv"), [])),
            definition_sv=_text(values, "definition", "sv"),
            definition_en=_text(values, "definition", "en"),
        )
    schemes: dict[str, dict[tuple[str, str], list[str]]] = {}
    for row in store.query(_SCHEMES):  # type: ignore[union-attr]
        iri = row["s"].value
        if not iri.startswith(VOCAB_NS):
            continue
        held = schemes.setdefault(iri, {})
        label = row["label"]
        if isinstance(label, ox.Literal) and row["p"] is not None:
            held.setdefault((row["p"].value.rsplit("#", 1)[-1], label.language or ""), []).append(label.value)
    out: dict[str, Scheme] = {}
    for iri, values in sorted(schemes.items()):
        name = iri[len(VOCAB_NS) :]
        out[name] = Scheme(
            name=name,
            iri=iri,
            label_sv=_text(values, "prefLabel", "sv"),
            label_en=_text(values, "prefLabel", "en"),
            definition_sv=_text(values, "definition", "sv"),
            definition_en=_text(values, "definition", "en"),
            terms=sum(1 for t in terms.values() if t.scheme == name),
        )
    return out, terms


def schemes() -> list[Scheme]:
    """Every list, by name."""
    return list(_read()[0].values())


def scheme(name: str) -> Scheme:
    """A list by its name (``activity-type``), label (``aktivitetstyper``) or IRI."""
    found = _read()[0]
    value = name.strip().removeprefix(VOCAB_NS).strip("/")
    for s in found.values():
        if fold(value) in {fold(s.name), fold(s.label_sv or ""), fold(s.label_en or "")}:
            return s
    import difflib

    keys = {
        fold(k): s.name for s in found.values() for k in (s.name, s.label_sv or "", s.label_en or "") if k
    }
    near = sorted({keys[k] for k in difflib.get_close_matches(fold(value), list(keys), n=3, cutoff=0.6)})
    raise InputError(
        f"okänd lista / unknown list: {name!r}",
        hint=(f"Menade du / did you mean: {', '.join(near)}? " if near else "")
        + "Listorna / the lists: "
        + ", ".join(found),
    )


def terms(scheme_name: str | None = None) -> list[Term]:
    """The terms of one list (else of every list), by list and short name."""
    wanted = scheme(scheme_name).name if scheme_name else None
    return [t for t in _read()[1].values() if wanted is None or t.scheme == wanted]


def find_terms(value: str) -> list[Term]:
    """The terms a value names, in any list (a label may name terms of several lists): by IRI,
    ``list/term``, prefixed name (``freq:monthly``), short name, notation or label. Refused with
    the nearest terms when it names none."""
    all_terms = _read()[1]
    v = value.strip()
    if v in all_terms:
        return [all_terms[v]]
    if "/" in v and v.split("/", 1)[0] in _read()[0]:
        found = all_terms.get(VOCAB_NS + v)
        if found is not None:
            return [found]
        return _in_list(v.split("/", 1)[0], v.split("/", 1)[1])
    if ":" in v and not v.startswith("http"):
        from kg.documents.context_terms import bundled_terms

        expanded = bundled_terms().expand(v)
        if expanded in all_terms:
            return [all_terms[expanded]]
    names = bundled_names()
    hits: list[Term] = []
    for s in _read()[0]:
        for e in names.lookup(s, v).matches:
            if e.iri in all_terms and all_terms[e.iri] not in hits:
                hits.append(all_terms[e.iri])
    if hits:
        return hits
    near: list[Entry] = []
    for s in _read()[0]:
        near.extend(names.near(s, v, n=2))
    raise InputError(
        f"okänt begrepp / unknown term: {value!r}",
        hint=_did_you_mean(near, all_terms) + "'kg vocab list' visar listorna / lists the lists.",
    )


def _in_list(scheme_name: str, value: str) -> list[Term]:
    all_terms = _read()[1]
    names = bundled_names()
    found = names.lookup(scheme_name, value)
    if found.matches:
        return [all_terms[e.iri] for e in found.matches if e.iri in all_terms]
    raise InputError(
        f"okänt begrepp i {scheme_name} / unknown term in {scheme_name}: {value!r}",
        hint=_did_you_mean(list(names.near(scheme_name, value)), all_terms)
        + f"'kg vocab list {scheme_name}' visar alla / lists them all.",
    )


def _did_you_mean(near: list[Entry], all_terms: dict[str, Term]) -> str:
    shown = [f"{all_terms[e.iri].scheme}/{all_terms[e.iri].term}" for e in near if e.iri in all_terms][:5]
    return f"Menade du / did you mean: {', '.join(shown)}? " if shown else ""
