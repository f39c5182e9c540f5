"""Saved-query parameters: raw text as a person types it → RDF terms of the parameter's type.

A value is taken in every form ``kg`` prints it: an IRI parameter takes the full IRI, ``<…>``,
``kg:promise/…/activity/1`` (the result tables' form), another prefix of the project's table
(``at:skola``) or a ``kg documents`` id (``promise/0480-2025-2026``), all through
:func:`kg.iris.expand_iri`; a municipality, county or concept parameter also takes a name, a
label, an SCB code or a slug, resolved by the one resolver of typed values, :class:`kg.names.NameIndex`
(:class:`Resolver`). A value of the wrong kind (a county for a municipality, a promise for an
activity) is refused with an example of the right kind; nothing is ever spliced into the query
text (:mod:`kg.query.run` binds the terms).

The public API: :func:`bind`, :func:`convert`, :func:`parse_param_args`, :func:`example_args`,
:class:`Resolver`; :mod:`kg.query.run` re-exports them.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import QueryParameterError
from kg.iris import DEFAULT_BASE, expand_iri, printed
from kg.query.cache import default_cache
from kg.query.saved import XSD, ParamKind, QueryParameter, SavedQuery, Term
from kg.store.core import GraphStore

if TYPE_CHECKING:  # the resolver's tables are imported when a value needs them (issue 19)
    from kg.names import Entry, NameIndex

MAX_DIGITS = 18
"""Digits an integer parameter may have (a year, a count, a code; never thousands of digits)."""
Params = Mapping[str, str | Sequence[str]]
"""Raw parameter values as a user gives them: name → value or list of values."""

_ID_KINDS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "activity": (
        re.compile(r"promise/[^/]+/activity/[^/]+"),
        "en aktivitet / an activity",
        "kg:promise/0480-2025-2026/activity/1",
    ),
    "promise": (re.compile(r"promise/[^/]+"), "ett löfte / a promise", "kg:promise/0480-2025-2026"),
    "followUp": (
        re.compile(r"followup/[^/]+/[^/]+"),
        "en uppföljning / a follow-up",
        "kg:followup/0480-2025-2026/2025",
    ),
}
"""Parameters that name a minted resource (by name or name ending): the path under ``…/id/`` its
IRI has, what it is, and an example."""
_OTHER_PLACE = {
    "municipality": ("county", ("ett län", "a county")),
    "county": ("municipality", ("en kommun", "a municipality")),
}
"""The place a value of the other kind names, for "a county, not a municipality"."""
_PREFERRED = {"municipality": "0480", "county": "04"}  # by kg.names.MUNICIPALITY, COUNTY
"""The entry shown in an example of a kind (Nyköping, Södermanland: the worked example's)."""


def parse_param_args(args: Sequence[str]) -> dict[str, list[str]]:
    """``["municipality=0480", "year=2025"]`` → ``{"municipality": ["0480"], "year": ["2025"]}``."""
    out: dict[str, list[str]] = {}
    for arg in args:
        name, sep, value = arg.partition("=")
        if not sep or not name.strip():
            raise QueryParameterError(
                f"parametern ska skrivas namn=värde / a parameter is written name=value, not {arg!r}",
                hint="Exempel / Example: -p municipality=Nyköping",
            )
        out.setdefault(name.strip(), []).append(value)
    return out


def example_args(query: SavedQuery) -> list[str]:
    """The example call's parameters as ``name=value`` strings (repeated for lists)."""
    out: list[str] = []
    for name, value in query.example.items():
        for v in value if isinstance(value, list) else [value]:
            out.append(f"{name}={v}")
    return out


def bind(
    query: SavedQuery, raw: Params | None, store: GraphStore | None = None, *, base: str = DEFAULT_BASE
) -> dict[str, list[Term]]:
    """Check and convert raw parameter values into RDF terms, by SPARQL variable name.

    Missing required parameters take their default; optional ones without a value stay
    unbound (absent from the result). Names, SCB codes and slugs are resolved against
    ``store``; ``base`` is the base of the store's minted IRIs (``kg documents`` ids are under
    it). Raises :class:`QueryParameterError`.
    """
    given: dict[str, list[str]] = {}
    for name, value in (raw or {}).items():
        query.parameter(name)  # unknown name → error with did-you-mean
        values = [value] if isinstance(value, str) else list(value)
        values = [v for v in values if v.strip()]  # a blank value is not given, on every edge
        if values:
            given[name] = values
    missing = [p.name for p in query.parameters if p.required and p.name not in given and p.default is None]
    if missing:
        call = " ".join(f"-p {a}" for a in example_args(query)) or "-p name=value"
        raise QueryParameterError(
            f"parameter saknas / missing parameter: {', '.join(missing)} (fråga / query {query.name})",
            hint=f"Exempel / Example: kg query run {query.name} {call}",
        )
    resolver = Resolver(store, base)
    out: dict[str, list[Term]] = {}
    for p in query.parameters:
        values = given.get(p.name) or ([p.default] if p.default is not None else [])
        if values:
            shown = query.example.get(p.name)
            documented = shown if isinstance(shown, str) else shown[0] if shown else None
            terms = list(dict.fromkeys(convert(p, v, resolver, example=documented) for v in values))
            _check_single(query, p, terms)
            out[p.variable] = terms  # a value given twice ("0580" and "Linköping") counts once
    _check_period(query, out)
    return out


def _check_single(query: SavedQuery, param: QueryParameter, terms: Sequence[Term]) -> None:
    """A yes/no parameter takes one answer: ``includeExamples=true`` and ``=false`` at once
    would be both questions, every row twice."""
    if param.kind is ParamKind.boolean and len(terms) > 1:
        given = ", ".join(f"{param.name}={t.value}" for t in terms)
        raise QueryParameterError(
            f"{param.name} ges en gång / is given once: {given} (fråga / query {query.name})",
            hint=f"Ge ett värde / give one value: -p {param.name}=true",
        )


def _check_period(query: SavedQuery, bound: Mapping[str, list[Term]]) -> None:
    """A period's ``from`` after its ``to`` is a mistake, not a question with no answer (a
    period "from 2025 to 2024" would match the promises that span both dates)."""
    ends = {p.name: bound.get(p.variable) for p in query.parameters if p.kind is ParamKind.date}
    start, end = ends.get("from"), ends.get("to")
    if not start or not end:
        return
    first, last = max(t.value for t in start), min(t.value for t in end)  # ISO dates: in order
    if first > last:
        raise QueryParameterError(
            f"from={first} är efter / is after to={last} (fråga / query {query.name})",
            hint=f"Byt plats på dem / swap them: -p from={last} -p to={first}",
        )


def convert(
    param: QueryParameter, value: str, resolver: Resolver | None = None, *, example: str | None = None
) -> Term:
    """One raw value as an RDF term of the parameter's type (:class:`QueryParameterError` if not).

    ``example`` (the query's documented value) is shown in the error for a value of the wrong kind.
    """
    value = value.strip()
    if param.enum is not None and value not in param.enum:
        raise QueryParameterError(
            f"{param.name}={value!r} är inte tillåtet / is not allowed",
            hint=f"Tillåtna värden / allowed values: {', '.join(param.enum)}",
        )

    def bad(expected: str, right: str | None = None) -> QueryParameterError:
        sv, en = expected.split(" / ")
        shown = value if len(value) <= 60 else value[:57] + "..."
        return QueryParameterError(
            f"{param.name}={shown!r} är inte {sv} / is not {en}",
            hint=f"Exempel / Example: -p {param.name}={right or example or _example(param.kind)}",
        )

    if param.kind is ParamKind.integer:
        if not re.fullmatch(r"[+-]?[0-9]+", value):
            raise bad("ett heltal / an integer")
        if len(value.lstrip("+-").lstrip("0")) > MAX_DIGITS:
            raise bad(
                f"ett heltal med högst {MAX_DIGITS} siffror / an integer of at most {MAX_DIGITS} digits"
            )
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.kind is ParamKind.decimal:
        if not re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", value):
            raise bad("ett tal / a number")
        if len(value) > 2 * MAX_DIGITS:
            raise bad(
                f"ett tal med högst {2 * MAX_DIGITS} tecken / a number of at most {2 * MAX_DIGITS} characters"
            )
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise bad("ett tal / a number") from None
        if not number.is_finite():
            raise bad("ett tal / a number")
        return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))
    if param.kind is ParamKind.date:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise bad("ett datum ÅÅÅÅ-MM-DD / a date YYYY-MM-DD") from None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise bad("ett datum ÅÅÅÅ-MM-DD / a date YYYY-MM-DD")
        return ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if param.kind is ParamKind.boolean:
        flag = _BOOLEANS.get(value.lower())
        if flag is None:
            raise bad(
                "sant eller falskt (true, false, ja, nej, 1, 0) / true or false (true, false, yes, no, 1, 0)"
            )
        return ox.Literal("true" if flag else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if param.kind is ParamKind.string:
        return ox.Literal(value)
    if param.kind is ParamKind.lang:
        return ox.Literal(value, language=param.lang)
    # IRIs: every printed form (kg:…, at:…, promise/…, <…>, the full IRI), then names and codes
    base = resolver.base if resolver is not None else DEFAULT_BASE
    iri = expand_iri(value, base)
    if iri is not None:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise bad("en giltig IRI / a valid IRI") from None
    if param.entity and resolver is not None:
        return resolver.resolve(param, value, iri)
    id_kind = _id_kind(param.name)
    if iri is None:
        raise bad("en IRI / an IRI", id_kind[2] if id_kind else None)
    if id_kind is not None:
        pattern, what, right = id_kind
        for ns in {f"{base}id/", f"{DEFAULT_BASE}id/"}:
            if iri.startswith(ns) and not pattern.fullmatch(iri[len(ns) :]):
                raise bad(what, example or right)
    return ox.NamedNode(iri)


def absent_resources(
    query: SavedQuery, bindings: Mapping[str, Sequence[Term]], store: GraphStore
) -> list[tuple[str, str]]:
    """The minted resources given to a parameter that names one (an activity, a promise, a
    follow-up) that ``store`` does not describe, as (parameter, IRI): why a result is empty when
    the value is well formed but names nothing (``activity/99`` of a promise of 12)."""
    out: list[tuple[str, str]] = []
    for p in query.parameters:
        if p.kind is not ParamKind.iri or p.entity or _id_kind(p.name) is None:
            continue
        for term in bindings.get(p.variable, ()):
            if isinstance(term, ox.NamedNode) and not store.query("ASK { ?s ?p ?o }", {"s": term}):
                out.append((p.name, term.value))
    return out


def _id_kind(name: str) -> tuple[re.Pattern[str], str, str] | None:
    for key, kind in _ID_KINDS.items():
        if name == key or name.endswith(key[0].upper() + key[1:]):
            return kind
    return None


_BOOLEANS = {
    "true": True,
    "false": False,
    "ja": True,
    "nej": False,
    "yes": True,
    "no": False,
    "1": True,
    "0": False,
}

_EXAMPLES = {
    ParamKind.boolean: "true",
    ParamKind.integer: "2025",
    ParamKind.decimal: "12",
    ParamKind.date: "2025-06-30",
    ParamKind.string: "skola",
    ParamKind.lang: "skola",
}


def _example(kind: ParamKind) -> str:
    # An IRI's example is minted when needed: minting imports rdflib, which a query does not need.
    if kind is ParamKind.iri:
        from kg.iris import Minter, promise_key

        return str(Minter().promise(promise_key("0480", 2025, 2026)))
    return _EXAMPLES.get(kind, "x")


_INDEXES: dict[tuple[int, int], NameIndex] = {}
"""Name indexes shared across calls, by (store token, store generation): the names are read
again only when the store has changed (see :mod:`kg.query.cache`)."""
_MAX_INDEXES = 32
_INDEXES_LOCK = threading.Lock()


def _shared_key(store: GraphStore | None) -> tuple[int, int] | None:
    token = getattr(store, "cache_token", None)
    generation = getattr(store, "generation", None)
    if not isinstance(token, int) or not isinstance(generation, int) or not default_cache().enabled:
        return None
    return (token, generation)


class _Empty:
    """No store: an index with no names (every value is unknown, with the 'kg init' hint)."""

    def query(self, sparql: str) -> list[Any]:
        del sparql
        return []


class Resolver:
    """Resolves names, SCB codes, slugs and IRIs of entity parameters (municipality, county,
    concepts) with the one resolver of typed values, :class:`kg.names.NameIndex`, over the
    reference data and vocabularies in the store; ``base`` is the store's base of minted IRIs."""

    def __init__(self, store: GraphStore | None, base: str = DEFAULT_BASE) -> None:
        self.store = store
        self.base = base
        self._names: NameIndex | None = None

    @property
    def names(self) -> NameIndex:
        if self._names is None:
            from kg.names import NameIndex

            shared = _shared_key(self.store)
            with _INDEXES_LOCK:
                hit = _INDEXES.get(shared) if shared is not None else None
            self._names = hit or NameIndex(self.store if self.store is not None else _Empty())
            if shared is not None and hit is None:
                with _INDEXES_LOCK:
                    while len(_INDEXES) >= _MAX_INDEXES:
                        _INDEXES.pop(next(iter(_INDEXES)))
                    _INDEXES[shared] = self._names
        return self._names

    def warm(self) -> None:
        """Read the names now (a server worker does this before it says it is ready)."""
        from kg.names import COUNTY, MUNICIPALITY

        for kind in (MUNICIPALITY, COUNTY):
            self.names.entries(kind)

    def resolve(self, param: QueryParameter, value: str, iri: str | None = None) -> ox.NamedNode:
        """``value`` as the IRI of the parameter's kind; ``iri`` is its printed form expanded
        (:func:`kg.iris.expand_iri`), checked to be of that kind when the store knows the kind."""
        entity = param.entity or ""
        # Swedish nouns agree with their article: "en kommun" but "ett län", "ett begrepp"
        unknown_sv, no_sv, noun_sv, noun_en = {
            "municipality": ("okänd", "ingen", "kommun", "municipality"),
            "county": ("okänt", "inget", "län", "county"),
        }.get(entity, ("okänt", "inget", f"begrepp i {entity}", f"concept in {entity}"))
        if iri is not None:
            known = self.names.entries(entity)
            if not known or iri in known:  # no reference data to check against: as given
                return ox.NamedNode(iri)
            raise QueryParameterError(
                f"{param.name}={value!r} är {no_sv} {noun_sv} / is not a {noun_en}",
                hint=self.example(param),
            )
        found = self.names.lookup(entity, value)
        if found.entry is not None:
            return ox.NamedNode(found.entry.iri)
        if found.matches:
            raise QueryParameterError(
                f"{param.name}={value!r} är tvetydigt / is ambiguous", hint=found.hint()
            )
        other = _OTHER_PLACE.get(entity)
        if other is not None:  # a county for a municipality, or a municipality for a county
            kind_sv, kind_en = other[1]
            elsewhere = self.names.lookup(other[0], value).entry
            if elsewhere is not None:
                raise QueryParameterError(
                    f"{param.name}={value!r} är {kind_sv} ({elsewhere.name}), {no_sv} {noun_sv} / "
                    f"is {kind_en} ({elsewhere.name}), not a {noun_en}",
                    hint=self.example(param),
                )
        hint = found.hint()
        if other is not None and value.strip().isdigit() and found.suggestions:  # an unknown code:
            near = self.names.near(entity, value.strip())  # the near codes, beside their names
            hint = "Menade du / did you mean: " + ", ".join(f"{e.name} ({e.code})" for e in near) + "?"
        raise QueryParameterError(
            f"{unknown_sv} {noun_sv} / unknown {noun_en}: {value!r} (parameter {param.name})",
            hint=hint or self.example(param),
        )

    def example(self, param: QueryParameter) -> str | None:
        """An example of the right kind for ``param``: a name, its code and its printed IRI."""
        entries = self.names.entries(param.entity or "")
        if not entries:
            return None
        entry: Entry = next(
            (e for e in entries.values() if e.code == _PREFERRED.get(param.entity or "")),
            min(entries.values(), key=lambda e: e.iri),
        )
        forms = [f for f in (entry.code, printed(entry.iri)) if f]
        return f"Exempel / Example: -p {param.name}={entry.name!r} (eller / or {', '.join(forms)})"
