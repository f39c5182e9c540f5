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
``_xsd_boolean`` (``true``/``false``, ``ja``/``nej``, ``yes``/``no``, ``1``/``0``),
``_xsd_string``/``_literal``/none (a string), or a language tag (``_sv``, ``_en``). Names are
camelCase. Users pass the camelCase name: ``municipality=Linköping``.

IRI parameters whose name is (or ends with) ``municipality``/``Municipality``, ``county``/
``County`` or a concept scheme (``activityType``, ``priorityArea``, ``actorType``, ``frequency``,
``indicator``, ``status``, ``role``, ``channelType``, ``knowledgeSource``, ``post``, ``placeKind``:
the area-kind scheme) accept a full IRI, or a name, an SCB code or a concept slug/label,
resolved against the store (see :mod:`kg.names`, the one resolver of typed values).

This module reads the files into typed records (:class:`SavedQuery`, :class:`QueryParameter`,
:func:`load_queries`, :func:`get_query`, :func:`parse_query_file`); :mod:`kg.query.run` binds the
parameters as RDF terms and runs the queries.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from kg import resources
from kg.errors import (
    InputError,
    KgError,
    QueryMetadataError,
    QueryNotFound,
    QueryParameterError,
    QuerySyntaxError,
)
from kg.namespaces import PREFIXES, VOCAB_NS
from kg.sparql_text import query_form, variables

XSD = PREFIXES["xsd"]
VOCAB = VOCAB_NS
Term = ox.NamedNode | ox.Literal
Params = Mapping[str, str | Sequence[str]]
"""Raw parameter values as a user gives them: name → value or list of values."""

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (the wheels are), else the pure-Python one."""


class ParamKind(StrEnum):
    """The type of a parameter, from its BASIL suffix."""

    iri = "iri"
    integer = "integer"
    decimal = "decimal"
    date = "date"
    boolean = "boolean"
    string = "string"
    lang = "lang"


_SUFFIX_KINDS = {
    "iri": ParamKind.iri,
    "integer": ParamKind.integer,
    "xsd_integer": ParamKind.integer,
    "decimal": ParamKind.decimal,
    "xsd_decimal": ParamKind.decimal,
    "xsd_date": ParamKind.date,
    "xsd_boolean": ParamKind.boolean,
    "boolean": ParamKind.boolean,
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
    "placeKind": "area-kind",
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

    @cached_property
    def sparql(self) -> str:
        """The query text without the ``#+`` header lines (worked out once per query)."""
        return "\n".join(ln for ln in self.text.splitlines() if not ln.startswith("#+")).strip() + "\n"

    def parameter(self, name: str) -> QueryParameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = [p.name for p in self.parameters]
        raise QueryParameterError(
            f"frågan {self.name} har ingen parameter {name!r} / query {self.name} has no parameter {name!r}",
            hint="\n".join(
                h
                for h in (did_you_mean(name, known), f"Parametrar / parameters: {', '.join(known) or '-'}")
                if h
            ),
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


def did_you_mean(word: str, candidates: Sequence[str]) -> str | None:
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


@lru_cache(maxsize=256)
def twin_form(path: str, folder: str, parameters: tuple[Any, ...]) -> SavedQuery | None:
    """Another form of the saved query in file ``path``: the file of the same name in ``folder``
    beside it (``plain``: its readable form; ``derived``: the form that reads derived facts),
    parsed, or None when there is no such file, it does not parse, or it does not take the same
    ``parameters`` (then the query's own text is the one to run)."""
    twin = Path(path).parent / folder / Path(path).name
    if not twin.is_file():
        return None
    try:
        parsed = parse_query_file(twin)
    except KgError:
        return None
    return parsed if parsed.parameters == parameters else None


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
        meta = yaml.load("\n".join(yaml_lines), Loader=_YAML_LOADER)
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
                hint = did_you_mean(key, sorted(names)) or ""
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
                "(iri, integer, decimal, xsd_date, xsd_boolean, xsd_string, or a language tag such as sv)",
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
    return {q.name: q for q in (parse_query_file(f) for f in _query_files(folder))}


def load_query(name: str, folder: Path | None = None) -> SavedQuery:
    """The saved query ``name`` of ``folder`` (default: the bundled ``queries/``), reading only its
    own file; an unknown name reads them all, for :func:`get_query`'s did-you-mean."""
    stem = name.removesuffix(".rq")
    files = _query_files(folder)
    for path in files:
        if path.stem == stem:
            return parse_query_file(path)
    if not files and folder is not None:  # a folder of no queries: say so, not "see kg query list"
        raise QueryNotFound(
            f"ingen sparad fråga som heter / no saved query named {name!r}: "
            f"inga .rq-filer i / no .rq files in {folder}",
            hint="Ange mappen med de sparade frågorna (--queries, KG_QUERIES) / "
            "give the folder of the saved queries (--queries, KG_QUERIES).",
        )
    return get_query(load_queries(folder), name)


def _query_files(folder: Path | None) -> list[Path]:
    """The ``.rq`` files of ``folder`` (default: the bundled ones); a folder that does not exist
    is an :class:`InputError` naming it, not an empty list of queries."""
    if folder is None:
        return resources.query_files()
    if not folder.is_dir():
        raise InputError(
            f"ingen mapp med sparade frågor / no folder of saved queries: {folder}",
            hint="Ange en mapp med .rq-filer (--queries, KG_QUERIES) eller inget för de medföljande / "
            "give a folder of .rq files (--queries, KG_QUERIES), or none for the bundled queries.",
        )
    return sorted(folder.glob("*.rq"))


def get_query(queries: Mapping[str, SavedQuery], name: str) -> SavedQuery:
    """One query by name; :class:`QueryNotFound` with a did-you-mean otherwise."""
    query = queries.get(name.removesuffix(".rq"))
    if query is None:
        raise QueryNotFound(
            f"ingen sparad fråga som heter / no saved query named {name!r}",
            hint=did_you_mean(name, sorted(queries)) or "Se 'kg query list' / see 'kg query list'.",
        )
    return query
