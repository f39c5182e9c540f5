"""Saved queries: ``queries/*.rq`` files with grlc ``#+`` decorators and BASIL parameters.

A saved query is a SPARQL file whose first lines are a YAML header, each line starting with
``#+`` (the convention of grlc)::

    #+ summary: Löften per kommun och period / promises per municipality and period
    #+ description: ...
    #+ tags: [promises, municipalities]
    #+ defaults:
    #+   - year: 2025
    #+ enumerate:
    #+   - activityType
    #+ pagination: 100
    #+ example:
    #+   municipality: "0480"

Keys: ``summary`` (required), ``description``, ``tags``, ``defaults`` (value used when a
parameter is not given), ``enumerate`` (a parameter name: its values are the concepts or places
it names; or ``{name: [allowed values]}``), ``pagination`` (page size), and the project's own
``example`` (the parameters of the documented example call; grlc ignores unknown keys). grlc's
``method``, ``endpoint``, ``endpoint_in_url`` and ``transform`` are accepted and ignored. Any
other key, or a header that is not YAML, is a :class:`~kg.errors.QueryMetadataError` naming the
file and line.

Parameters follow BASIL: ``?_name`` is required, ``?__name`` optional (left unbound it matches
everything); a suffix gives the type: ``_iri``, ``_integer``, ``_decimal``, ``_xsd_date``,
``_xsd_string``/``_literal``/none (a string), or a language tag (``_sv``, ``_en``). Names are
camelCase. Users pass the camelCase name: ``municipality=Linköping``.

IRI parameters whose name is (or ends with) ``municipality``/``Municipality``, ``county``/
``County`` or a concept scheme (``activityType``, ``priorityArea``, ``actorType``, ``frequency``,
``indicator``, ``status``, ``role``, ``channelType``, ``knowledgeSource``, ``post``) accept a full
IRI, or a name, an SCB code or a concept slug/label, resolved against the store (see
:func:`resolve`).

Values are bound as RDF terms, never spliced into the text: on the embedded store a single
value is a pyoxigraph substitution (SEP-0007, so a parameter must appear in the SELECT
projection); several values of one parameter, and every value on a remote endpoint, become a
VALUES block of N-Triples terms at the start of the WHERE group (:mod:`kg.sparqltext`).

The public API (used by the CLI and the web server): :class:`SavedQuery`,
:class:`QueryParameter`, :func:`load_queries`, :func:`get_query`, :func:`parse_query_file`,
:func:`bind`, :func:`run_saved`, :func:`run_bound`, :func:`run_sparql`, :func:`execute`,
:func:`parse_param_args`, :func:`example_args`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from kg import resources
from kg.errors import (
    KgError,
    QueryMetadataError,
    QueryNotFound,
    QueryParameterError,
    QuerySyntaxError,
    QueryTimeout,
)
from kg.results import ResultTable, from_solutions
from kg.sparqltext import inject_values, query_form, variables, with_window
from kg.store import GraphStore

XSD = "http://www.w3.org/2001/XMLSchema#"
VOCAB = "https://w3id.org/medborgarlofte/vocab/"
Term = ox.NamedNode | ox.Literal
Params = Mapping[str, str | Sequence[str]]
"""Raw parameter values as a user gives them: name → value or list of values."""


class ParamKind(StrEnum):
    """The type of a parameter, from its BASIL suffix."""

    iri = "iri"
    integer = "integer"
    decimal = "decimal"
    date = "date"
    string = "string"
    lang = "lang"


_SUFFIX_KINDS = {
    "iri": ParamKind.iri,
    "integer": ParamKind.integer,
    "xsd_integer": ParamKind.integer,
    "decimal": ParamKind.decimal,
    "xsd_decimal": ParamKind.decimal,
    "xsd_date": ParamKind.date,
    "": ParamKind.string,
    "literal": ParamKind.string,
    "xsd_string": ParamKind.string,
}
_LANG = re.compile(r"^[a-z]{2,3}$")
_PARAM = re.compile(r"^(?P<opt>__?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?:_(?P<suffix>[A-Za-z0-9_]+))?$")

# parameter name (or its ending) → what an IRI parameter names
_ENTITIES: dict[str, str] = {
    "municipality": "municipality",
    "county": "county",
    "activityType": "activity-type",
    "priorityArea": "priority-area",
    "actorType": "actor-type",
    "frequency": "frequency",
    "indicator": "indicator",
    "status": "followup-status",
    "role": "role",
    "channelType": "channel-type",
    "knowledgeSource": "knowledge-source",
    "post": "post",
}
_KNOWN_KEYS = {"summary", "description", "tags", "defaults", "enumerate", "pagination", "example"}
_IGNORED_KEYS = {"method", "endpoint", "endpoint_in_url", "transform"}


@dataclass(frozen=True)
class QueryParameter:
    """One BASIL parameter of a saved query."""

    name: str
    """The camelCase name users give (``municipality``)."""
    variable: str
    """The SPARQL variable without ``?`` (``_municipality_iri``)."""
    required: bool
    kind: ParamKind
    lang: str | None = None
    default: str | None = None
    enum: tuple[str, ...] | None = None
    """Allowed values, when the header lists them."""
    entity: str | None = None
    """What an IRI parameter names: ``municipality``, ``county`` or a concept scheme name."""

    @property
    def type_label(self) -> str:
        """``iri``, ``integer``, ``date``, ``string``, ``string@sv`` ..., plus the entity."""
        base = f"string@{self.lang}" if self.kind is ParamKind.lang else self.kind.value
        return f"{base} ({self.entity})" if self.entity else base

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "variable": self.variable,
            "required": self.required,
            "type": self.kind.value,
            "lang": self.lang,
            "default": self.default,
            "enum": list(self.enum) if self.enum is not None else None,
            "entity": self.entity,
        }


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its metadata, parameters and text."""

    name: str
    path: Path
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[QueryParameter, ...]
    pagination: int | None
    text: str
    """The whole file (the ``#+`` lines are SPARQL comments, so it runs as is)."""
    example: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def sparql(self) -> str:
        """The query text without the ``#+`` header lines."""
        return "\n".join(ln for ln in self.text.splitlines() if not ln.startswith("#+")).strip() + "\n"

    def parameter(self, name: str) -> QueryParameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = [p.name for p in self.parameters]
        raise QueryParameterError(
            f"frågan {self.name} har ingen parameter {name!r} / query {self.name} has no parameter {name!r}",
            hint=_did_you_mean(name, known) or f"Parametrar / parameters: {', '.join(known) or '-'}",
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "tags": list(self.tags),
            "pagination": self.pagination,
            "parameters": [p.as_dict() for p in self.parameters],
            "example": self.example,
        }


def _did_you_mean(word: str, candidates: Sequence[str]) -> str | None:
    near = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.5)
    return "Menade du / did you mean: " + ", ".join(near) + "?" if near else None


# -- parsing ------------------------------------------------------------------------------------


def parse_query_file(path: Path) -> SavedQuery:
    """Parse one ``.rq`` file; :class:`QueryMetadataError` (with file and line) if malformed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryMetadataError(f"kan inte läsa / cannot read: {exc}", where=str(path)) from exc
    return parse_query_text(text, path)


def _err(path: Path, line: int, message: str) -> QueryMetadataError:
    return QueryMetadataError(message, where=f"{path}:{line}")


def parse_query_text(text: str, path: Path) -> SavedQuery:
    """Parse a saved query's text (``path`` names it in errors and gives its name)."""
    header_lines: list[int] = []
    yaml_lines: list[str] = []
    for no, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#+"):
            header_lines.append(no)
            body = line[2:]
            yaml_lines.append(body[1:] if body.startswith(" ") else body)
    if not header_lines:
        raise _err(path, 1, "ingen '#+'-rubrik / no '#+' header (at least '#+ summary: ...')")
    try:
        meta = yaml.safe_load("\n".join(yaml_lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        idx = min(mark.line, len(header_lines) - 1) if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _err(
            path, header_lines[idx], f"ogiltig YAML i rubriken / invalid YAML in the header: {problem}"
        ) from exc
    if not isinstance(meta, dict):
        raise _err(
            path, header_lines[0], "rubriken ska vara 'nyckel: värde' / the header must be 'key: value'"
        )

    def line_of(key: str) -> int:
        for no, body in zip(header_lines, yaml_lines, strict=True):
            if re.match(rf"\s*-?\s*{re.escape(key)}\s*:", body):
                return no
        return header_lines[0]

    for key in meta:
        if key not in _KNOWN_KEYS | _IGNORED_KEYS:
            raise _err(
                path,
                line_of(str(key)),
                f"okänd nyckel / unknown key {key!r}; known: {', '.join(sorted(_KNOWN_KEYS))}",
            )
    summary = meta.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise _err(path, line_of("summary"), "'summary' saknas eller är tom / 'summary' is missing or empty")
    description = meta.get("description") or ""
    if not isinstance(description, str):
        raise _err(path, line_of("description"), "'description' ska vara text / must be a string")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _err(path, line_of("tags"), "'tags' ska vara en lista av ord / must be a list of strings")
    pagination = meta.get("pagination")
    if pagination is not None and (not isinstance(pagination, int) or pagination < 1):
        raise _err(
            path, line_of("pagination"), "'pagination' ska vara ett positivt heltal / a positive integer"
        )

    defaults = _name_map(meta.get("defaults"), path, line_of("defaults"), "defaults")
    enumerate_ = _enumerate(meta.get("enumerate"), path, line_of("enumerate"))
    example_raw = meta.get("example") or {}
    if not isinstance(example_raw, dict):
        raise _err(path, line_of("example"), "'example' ska vara 'namn: värde' / must be a mapping")
    example: dict[str, str | list[str]] = {
        str(k): [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in example_raw.items()
    }

    params = _parameters(text, path, defaults, enumerate_)
    names = {p.name for p in params}
    for what, mapping in (("defaults", defaults), ("enumerate", enumerate_), ("example", example)):
        for key in mapping:
            if key not in names:
                hint = _did_you_mean(key, sorted(names)) or ""
                raise _err(
                    path,
                    line_of(key),
                    f"'{what}' nämner en okänd parameter / names an unknown parameter {key!r}. "
                    f"{hint}".strip(),
                )
    try:
        form = query_form(text)
    except QuerySyntaxError as exc:
        raise _err(path, header_lines[-1] + 1, exc.message) from exc
    if form != "SELECT":
        raise _err(
            path,
            header_lines[-1] + 1,
            f"sparade frågor ska vara SELECT / saved queries are SELECT, not {form}",
        )
    return SavedQuery(
        name=path.stem,
        path=path,
        summary=summary.strip(),
        description=description.strip(),
        tags=tuple(tags),
        parameters=tuple(params),
        pagination=pagination,
        text=text,
        example=example,
    )


def _name_map(value: Any, path: Path, line: int, key: str) -> dict[str, str]:
    """``defaults`` as grlc writes it (a list of one-key mappings) or as one mapping."""
    if value is None:
        return {}
    items: list[Any] = value if isinstance(value, list) else [value]
    out: dict[str, str] = {}
    for item in items:
        if not isinstance(item, dict):
            raise _err(path, line, f"'{key}' ska vara '- namn: värde' / must be a list of 'name: value'")
        for k, v in item.items():
            out[str(k)] = "true" if v is True else "false" if v is False else str(v)
    return out


def _enumerate(value: Any, path: Path, line: int) -> dict[str, tuple[str, ...] | None]:
    if value is None:
        return {}
    out: dict[str, tuple[str, ...] | None] = {}
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out[item] = None
        elif isinstance(item, dict):
            for k, v in item.items():
                if not isinstance(v, list):
                    raise _err(path, line, f"'enumerate: {k}' ska vara en lista / must be a list")
                out[str(k)] = tuple(str(x) for x in v)
        else:
            raise _err(path, line, "'enumerate' ska vara en lista av namn / must be a list of names")
    return out


def _entity(name: str) -> str | None:
    for key, entity in _ENTITIES.items():
        if name == key or name.endswith(key[0].upper() + key[1:]):
            return entity
    return None


def _parameters(
    text: str,
    path: Path,
    defaults: Mapping[str, str],
    enumerate_: Mapping[str, tuple[str, ...] | None],
) -> list[QueryParameter]:
    found: dict[str, QueryParameter] = {}
    for var, offset in variables(text):
        if not var.startswith("_"):
            continue
        line = text.count("\n", 0, offset) + 1
        m = _PARAM.match(var)
        if not m:
            raise _err(
                path, line, f"?{var} är inget giltigt parameternamn / is not a valid BASIL parameter name"
            )
        name, suffix = m.group("name"), m.group("suffix") or ""
        lang: str | None = None
        if suffix in _SUFFIX_KINDS:
            kind = _SUFFIX_KINDS[suffix]
        elif _LANG.match(suffix):
            kind, lang = ParamKind.lang, suffix
        else:
            raise _err(
                path,
                line,
                f"?{var}: okänd typ / unknown type suffix {suffix!r} "
                "(iri, integer, decimal, xsd_date, xsd_string, or a language tag such as sv)",
            )
        param = QueryParameter(
            name=name,
            variable=var,
            required=m.group("opt") == "_",
            kind=kind,
            lang=lang,
            default=defaults.get(name),
            enum=enumerate_.get(name),
            entity=_entity(name) if kind is ParamKind.iri else None,
        )
        old = found.get(name)
        if old is not None and old.variable != var:
            raise _err(
                path,
                line,
                f"?{var} och / and ?{old.variable} är samma parameter / are one parameter {name!r}",
            )
        found.setdefault(name, param)
    return list(found.values())


def load_queries(folder: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query of ``folder`` (default: the bundled ``queries/``), by name."""
    files = sorted(folder.glob("*.rq")) if folder is not None else resources.query_files()
    return {q.name: q for q in (parse_query_file(f) for f in files)}


def get_query(queries: Mapping[str, SavedQuery], name: str) -> SavedQuery:
    """One query by name; :class:`QueryNotFound` with a did-you-mean otherwise."""
    query = queries.get(name.removesuffix(".rq"))
    if query is None:
        raise QueryNotFound(
            f"ingen sparad fråga som heter / no saved query named {name!r}",
            hint=_did_you_mean(name, sorted(queries)) or "Se 'kg query list' / see 'kg query list'.",
        )
    return query


# -- binding ------------------------------------------------------------------------------------


def parse_param_args(args: Sequence[str]) -> dict[str, list[str]]:
    """``["municipality=0480", "year=2025"]`` → ``{"municipality": ["0480"], "year": ["2025"]}``."""
    out: dict[str, list[str]] = {}
    for arg in args:
        name, sep, value = arg.partition("=")
        if not sep or not name.strip():
            raise QueryParameterError(
                f"parametern ska skrivas namn=värde / a parameter is written name=value, not {arg!r}",
                hint="Example: -p municipality=Nyköping",
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


def bind(query: SavedQuery, raw: Params | None, store: GraphStore | None = None) -> dict[str, list[Term]]:
    """Check and convert raw parameter values into RDF terms, by SPARQL variable name.

    Missing required parameters take their default; optional ones without a value stay
    unbound (absent from the result). Names, SCB codes and slugs are resolved against
    ``store`` (see :func:`resolve`). Raises :class:`QueryParameterError`.
    """
    given: dict[str, list[str]] = {}
    for name, value in (raw or {}).items():
        query.parameter(name)  # unknown name → error with did-you-mean
        values = [value] if isinstance(value, str) else list(value)
        if values:
            given[name] = values
    missing = [p.name for p in query.parameters if p.required and p.name not in given and p.default is None]
    if missing:
        example = " ".join(f"-p {a}" for a in example_args(query)) or "-p name=value"
        raise QueryParameterError(
            f"parameter saknas / missing parameter: {', '.join(missing)} (fråga / query {query.name})",
            hint=f"Example: kg query run {query.name} {example}",
        )
    resolver = Resolver(store)
    out: dict[str, list[Term]] = {}
    for p in query.parameters:
        values = given.get(p.name) or ([p.default] if p.default is not None else [])
        if values:
            out[p.variable] = [convert(p, v, resolver) for v in values]
    return out


def convert(param: QueryParameter, value: str, resolver: Resolver | None = None) -> Term:
    """One raw value as an RDF term of the parameter's type (:class:`QueryParameterError` if not)."""
    value = value.strip()
    if param.enum is not None and value not in param.enum:
        raise QueryParameterError(
            f"{param.name}={value!r} är inte tillåtet / is not allowed",
            hint=f"Tillåtna värden / allowed values: {', '.join(param.enum)}",
        )

    def bad(expected: str) -> QueryParameterError:
        sv, en = expected.split(" / ")
        return QueryParameterError(
            f"{param.name}={value!r} är inte {sv} / is not {en}",
            hint=f"Example: -p {param.name}={_EXAMPLES.get(param.kind, 'x')}",
        )

    if param.kind is ParamKind.integer:
        if not re.fullmatch(r"[+-]?\d+", value):
            raise bad("ett heltal / an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.kind is ParamKind.decimal:
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
    if param.kind is ParamKind.string:
        return ox.Literal(value)
    if param.kind is ParamKind.lang:
        return ox.Literal(value, language=param.lang)
    # IRIs
    if param.entity and resolver is not None and not _looks_like_iri(value):
        return resolver.resolve(param, value)
    if not _looks_like_iri(value):
        raise bad("en IRI / an IRI")
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise bad("en giltig IRI / a valid IRI") from None


_EXAMPLES = {
    ParamKind.integer: "2025",
    ParamKind.decimal: "12",
    ParamKind.date: "2025-06-30",
    ParamKind.iri: "https://w3id.org/medborgarlofte/id/org/kommun-0480",
    ParamKind.string: "skola",
    ParamKind.lang: "skola",
}


def _looks_like_iri(value: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) is not None and not re.fullmatch(r"\d+", value)


_MUNICIPALITIES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?iri ?code ?label WHERE {
  ?iri skos:notation ?code .
  FILTER(REGEX(STR(?iri), "/id/org/kommun-[0-9]{4}$"))
  OPTIONAL { ?iri skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label }
}"""
_COUNTIES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?iri ?code ?label WHERE {
  ?iri skos:notation ?code .
  FILTER(REGEX(STR(?iri), "/id/place/lan-[0-9]{2}$"))
  OPTIONAL { ?iri skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label }
}"""
_CONCEPTS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?_scheme_iri ?iri ?code ?label WHERE {
  ?iri skos:inScheme ?_scheme_iri .
  OPTIONAL { ?iri skos:notation ?code }
  OPTIONAL { ?iri skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label }
}"""


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


class Resolver:
    """Looks up municipalities, counties and concepts by name, code or slug in a store.

    Each kind is fetched once (one small query) and indexed by SCB code, IRI slug and every
    label (pref/alt/hidden, any language), case-insensitively.
    """

    def __init__(self, store: GraphStore | None) -> None:
        self.store = store
        self._index: dict[str, tuple[dict[str, set[str]], list[str]]] = {}

    def _load(self, entity: str) -> tuple[dict[str, set[str]], list[str]]:
        if entity in self._index:
            return self._index[entity]
        keys: dict[str, set[str]] = {}
        names: set[str] = set()
        if self.store is not None:
            if entity == "municipality":
                rows = self.store.query(_MUNICIPALITIES)
            elif entity == "county":
                rows = self.store.query(_COUNTIES)
            else:
                rows = self.store.query(_CONCEPTS, {"_scheme_iri": ox.NamedNode(VOCAB + entity)})
            for row in rows:
                iri = row["iri"].value
                entries = [iri.rsplit("/", 1)[-1]]
                if row["code"] is not None:
                    entries.append(row["code"].value)
                if row["label"] is not None:
                    label = row["label"].value
                    entries.append(label)
                    names.add(label)
                    for suffix in (" kommun", " län"):
                        if label.endswith(suffix):
                            entries.append(label[: -len(suffix)])
                for e in entries:
                    keys.setdefault(_norm(e), set()).add(iri)
        self._index[entity] = (keys, sorted(names))
        return self._index[entity]

    def resolve(self, param: QueryParameter, value: str) -> ox.NamedNode:
        entity = param.entity or ""
        keys, names = self._load(entity)
        v = _norm(value)
        candidates = [v, f"{v} kommun", f"{v}s kommun", f"{v} län", f"{v}s län"]
        for c in candidates:
            hits = keys.get(c)
            if hits and len(hits) == 1:
                return ox.NamedNode(next(iter(hits)))
            if hits:
                raise QueryParameterError(
                    f"{param.name}={value!r} är tvetydigt / is ambiguous",
                    hint="Träffar / matches: " + ", ".join(sorted(hits)),
                )
        what = {"municipality": "kommun / municipality", "county": "län / county"}.get(
            entity, f"begrepp i / concept in {entity}"
        )
        if not keys:
            hint = (
                "Lagret saknar referensdata; kör 'kg init' eller ange en full IRI / the store has no "
                "reference data or vocabulary for it; run 'kg init' or give a full IRI."
            )
        else:
            near = difflib.get_close_matches(value, names, n=3, cutoff=0.6) or difflib.get_close_matches(
                v, sorted(keys), n=3, cutoff=0.6
            )
            hint = ("Menade du / did you mean: " + ", ".join(near) + "?") if near else ""
        raise QueryParameterError(f"okänd {what}: {value!r} (parameter {param.name})", hint=hint or None)


# -- running ------------------------------------------------------------------------------------


def run_saved(
    target: GraphStore,
    query: SavedQuery,
    params: Params | None = None,
    *,
    limit: int | None = None,
    page: int | None = None,
    timeout: float | None = None,
) -> ResultTable:
    """Bind ``params`` and run a saved query on a store or a :class:`kg.remote.RemoteEndpoint`.

    ``limit`` caps the rows (the table's ``truncated`` says whether more were there); ``page``
    (from 1) selects one page of ``limit`` rows, or of the query's ``pagination`` size when no
    limit is given. ``timeout`` in seconds.
    """
    return run_bound(target, query, bind(query, params, target), limit=limit, page=page, timeout=timeout)


def run_bound(
    target: GraphStore,
    query: SavedQuery,
    bindings: Mapping[str, Sequence[Term]],
    *,
    limit: int | None = None,
    page: int | None = None,
    timeout: float | None = None,
) -> ResultTable:
    """Run a saved query with values already bound by :func:`bind` (see :func:`run_saved`)."""
    offset = None
    if page is not None:
        if page < 1:
            raise QueryParameterError(f"sidan ska vara 1 eller mer / page must be 1 or more, not {page}")
        size = limit if limit is not None else query.pagination
        if not size:
            raise QueryParameterError(
                f"frågan {query.name} har ingen sidstorlek / has no pagination; use --limit with --page"
            )
        offset = (page - 1) * size
        limit = size
    return execute(target, query.sparql, bindings, limit=limit, offset=offset, timeout=timeout)


def run_sparql(
    target: GraphStore, sparql: str, *, limit: int | None = None, timeout: float | None = None
) -> ResultTable:
    """Run an ad-hoc query text (SELECT, ASK, CONSTRUCT or DESCRIBE) without parameters."""
    return execute(target, sparql, {}, limit=limit, timeout=timeout)


def execute(
    target: GraphStore,
    sparql: str,
    bindings: Mapping[str, Sequence[Term]],
    *,
    limit: int | None = None,
    offset: int | None = None,
    timeout: float | None = None,
) -> ResultTable:
    """Run a query with bound variables and return its :class:`ResultTable`.

    Single values go to the store as substitutions (the remote endpoint turns them into a VALUES
    block itself); several values of one variable become a VALUES block here.
    """
    from kg.remote import RemoteEndpoint  # local import: remote pulls in SPARQLWrapper

    if limit is not None and limit < 0:
        raise QueryParameterError(f"--limit ska vara 0 eller mer / must be 0 or more, not {limit}")
    form = query_form(sparql)
    text = sparql
    if form == "SELECT" and (limit is not None or offset):
        text = with_window(text, None if limit is None else limit + 1, offset)
    singles = {k: v[0] for k, v in bindings.items() if len(v) == 1}
    multis = {k: list(v) for k, v in bindings.items() if len(v) > 1}
    if multis:
        text = inject_values(text, multis)
    if isinstance(target, RemoteEndpoint):
        return from_solutions(target.query(text, singles, timeout=timeout), limit)
    return _local(target, text, singles, limit, timeout)


def _local(
    store: GraphStore, text: str, subs: Mapping[str, Term], limit: int | None, timeout: float | None
) -> ResultTable:
    def work() -> ResultTable:
        try:
            return from_solutions(store.query(text, subs), limit)
        except RuntimeError as exc:
            msg = str(exc)
            if "projection" in msg:
                raise QueryParameterError(
                    f"en parameter saknas i SELECT / a parameter is not in the SELECT projection: {msg}",
                    hint="Substitution (SEP-0007) needs every parameter in the SELECT clause.",
                ) from exc
            raise QuerySyntaxError(f"frågan kunde inte köras / the query failed: {msg}") from exc

    if timeout is None:
        return work()
    outcome: dict[str, Any] = {}

    def runner() -> None:
        try:
            outcome["table"] = work()
        except (KgError, OSError) as exc:
            outcome["error"] = exc

    # A daemon thread: pyoxigraph releases the GIL while it evaluates, so join() can time out.
    # The query cannot be cancelled; the thread finishes (or dies with the process) on its own.
    thread = threading.Thread(target=runner, name="kg-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(
            f"frågan tog mer än {timeout:g} s / the query ran past {timeout:g} s",
            hint="Öka --timeout eller begränsa frågan / raise --timeout or narrow the query.",
        )
    if "error" in outcome:
        raise outcome["error"]
    table: ResultTable = outcome["table"]
    return table
