"""The choices of a saved-query parameter whose values form a list the store knows: the
municipalities, the counties, or the concepts of a vocabulary (an IRI parameter with an entity,
see :mod:`kg.query.saved`).

The query form shows them as a drop-down (an autocomplete list for the 290 municipalities) and
the OpenAPI document lists the same values. A choice's value is what the binder takes
(:mod:`kg.query.bind`, resolved by :mod:`kg.names`): a municipality's place name when that names
it alone (else its SCB code), a county's SCB code, a concept's slug (the last segment of its
IRI); its label is the Swedish or English name, by the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.iris import DEFAULT_BASE, expand_iri
from kg.names import COUNTY, MUNICIPALITY, Entry, NameIndex, fold
from kg.query.saved import ParamKind, QueryParameter, SavedQuery

if TYPE_CHECKING:
    from kg.server.context import ServerContext

AUTOCOMPLETE_OVER = 60
"""A list longer than this is an autocomplete (text input with a datalist), not a drop-down."""


@dataclass(frozen=True)
class Choice:
    value: str
    """What the form sends and the binder resolves."""
    label: str
    """The name a person reads, in the page's language where the store has it."""
    iri: str


@dataclass(frozen=True)
class ParamChoices:
    choices: tuple[Choice, ...]
    selected: str | None = None
    """The value of the choice the request's value names (None when it names none)."""

    @property
    def autocomplete(self) -> bool:
        return len(self.choices) > AUTOCOMPLETE_OVER


def has_choices(param: QueryParameter) -> bool:
    """An IRI parameter that names a municipality, a county or a concept of a vocabulary."""
    return param.kind is ParamKind.iri and bool(param.entity) and param.enum is None


def _label(entry: Entry, lang: str) -> str:
    if lang != "sv" and entry.other_labels:
        return entry.other_labels[0]
    return entry.name


def _value(names: NameIndex, kind: str, entry: Entry) -> str:
    if kind == MUNICIPALITY:
        info = names.municipalities.get(entry.code or "")
        if info is not None:
            found = names.lookup(MUNICIPALITY, info.short).entry
            if found is not None and found.iri == entry.iri:
                return info.short
        return entry.code or entry.slug
    if kind == COUNTY:
        return entry.code or entry.slug
    return entry.slug


def choices_of(
    names: NameIndex, param: QueryParameter, lang: str, current: str | None = None, base: str = DEFAULT_BASE
) -> ParamChoices:
    """The choices of ``param`` (sorted by label), and which one ``current`` names."""
    kind = param.entity or ""
    entries = names.entries(kind).values()
    out = [Choice(_value(names, kind, e), _label(e, lang), e.iri) for e in entries]
    out.sort(key=lambda c: (fold(c.label), c.value))
    selected = None
    if current and current.strip():
        iri = expand_iri(current.strip(), base)
        if iri is None:
            hit = names.lookup(kind, current).entry
            iri = hit.iri if hit is not None else None
        selected = next((c.value for c in out if c.iri == iri), None)
    return ParamChoices(tuple(out), selected)


def query_choices(
    names: NameIndex,
    query: SavedQuery,
    lang: str,
    values: dict[str, list[str]] | None = None,
    base: str = DEFAULT_BASE,
) -> dict[str, ParamChoices]:
    """The choices of every parameter of ``query`` that has them, by parameter name."""
    values = values or {}
    out: dict[str, ParamChoices] = {}
    for p in query.parameters:
        if has_choices(p):
            found = choices_of(names, p, lang, (values.get(p.name) or [p.default or ""])[0], base)
            if found.choices:
                out[p.name] = found
    return out


async def server_choices(
    ctx: ServerContext, query: SavedQuery, lang: str, values: dict[str, list[str]] | None = None
) -> dict[str, ParamChoices]:
    """:func:`query_choices` over the served store's names (read in a thread, shared by the
    binder's index until the store changes)."""
    from kg.query.bind import Resolver

    if not any(has_choices(p) for p in query.parameters):
        return {}

    def build() -> dict[str, ParamChoices]:
        base = ctx.settings.data_base
        return query_choices(Resolver(ctx.store, base).names, query, lang, values, base)

    found: dict[str, ParamChoices] = await ctx.engine.call(build)
    return found


async def entity_choices(ctx: ServerContext, queries: list[SavedQuery], lang: str) -> dict[str, ParamChoices]:
    """The choices of every kind of value the ``queries`` take (municipality, county, each
    vocabulary), once per kind: the API documentation's forms share one list per kind."""
    from kg.query.bind import Resolver

    params: dict[str, QueryParameter] = {}
    for q in queries:
        for p in q.parameters:
            if has_choices(p) and p.entity:
                params.setdefault(p.entity, p)
    if not params:
        return {}

    def build() -> dict[str, ParamChoices]:
        names = Resolver(ctx.store, ctx.settings.data_base).names
        found = {kind: choices_of(names, p, lang, None, ctx.settings.data_base) for kind, p in params.items()}
        return {kind: c for kind, c in found.items() if c.choices}

    out: dict[str, ParamChoices] = await ctx.engine.call(build)
    return out
