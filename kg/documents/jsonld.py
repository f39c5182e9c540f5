"""JSON-LD and YAML-LD read without fetching anything, within the budgets of :mod:`kg.documents.limits`.

Nothing is ever fetched or read from disk while a document is read: a context fetched at import
time could change what the document means, hang on a silent server with the store's lock held,
or read a local file. Two layers make sure of it:

1. every ``@context`` is walked before parsing: the document's own, those inside a context list,
   ``@import`` and the scoped contexts of term definitions (property- and type-scoped, at any
   depth). The project's context URL (:data:`CONTEXT_URL`, or ``context.jsonld``) is put in
   place by the bundled file; any other reference (``http:``, ``https:``, ``file:``, a path) is
   refused with an :class:`~kg.errors.InputError` naming it;
2. the parser (pyoxigraph's JSON-LD parser) has no document loader at all: it refuses every
   remote context on its own, so whatever the walk might miss is refused too, never fetched.

YAML is read without aliases (the "billion laughs" bomb is made of them) and with a node budget;
JSON and YAML nesting is bounded by :data:`~kg.documents.limits.MAX_DEPTH`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import pyoxigraph as ox
import yaml

from kg import resources
from kg.documents.limits import MAX_DEPTH, MAX_LITERAL, MAX_YAML_NODES, check_depth, too_deep
from kg.errors import InputError, ParseError
from kg.namespaces import CONTEXT_IRI

CONTEXT_URL = CONTEXT_IRI
_BUNDLED_NAMES = (CONTEXT_URL, "context.jsonld")


@cache
def bundled_context() -> dict[str, Any]:
    """The project's JSON-LD context (``ontology/context.jsonld``) as a dict."""
    path = resources.bundled("ontology") / "context.jsonld"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _bundled_definition() -> dict[str, Any]:
    return json.loads(json.dumps(bundled_context()["@context"]))  # a fresh copy each time


def _is_bundled(ref: str) -> bool:
    return ref.rstrip("/") in _BUNDLED_NAMES


def _refused(ref: str, where: str, how: str) -> InputError:
    return InputError(
        f"fjärrkontext hämtas inte ({how}) / remote @context is not fetched ({how}): {ref[:200]}",
        where=where,
        hint=f"Använd {CONTEXT_URL} (medföljer kg) eller skriv kontexten i dokumentet"
        " / use the bundled context or write the context inline.",
    )


def resolve_contexts(node: Any, where: str) -> Any:
    """The document with every context reference resolved to the bundled context, or refused."""
    if isinstance(node, dict):
        return {
            key: (_context(value, where, "@context") if key == "@context" else resolve_contexts(value, where))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [resolve_contexts(v, where) for v in node]
    return node


def _context(value: Any, where: str, how: str) -> Any:
    """One ``@context`` value: a reference, a list, a definition or null."""
    if isinstance(value, str):
        if _is_bundled(value):
            return _bundled_definition()
        raise _refused(value, where, how)
    if isinstance(value, list):
        return [_context(v, where, "lista / list") for v in value]
    if isinstance(value, dict):
        return _definition(value, where)
    if value is None:
        return None
    raise ParseError(f"ogiltig @context / invalid @context: {str(value)[:100]}", where=where)


def _definition(context: dict[str, Any], where: str) -> dict[str, Any]:
    """A context definition: ``@import`` resolved, scoped contexts of its terms walked."""
    out: dict[str, Any] = {}
    imported = context.get("@import")
    if imported is not None:
        if not isinstance(imported, str) or not _is_bundled(imported):
            raise _refused(str(imported), where, "@import")
        out.update(_bundled_definition())
    for key, value in context.items():
        if key == "@import":
            continue
        if isinstance(value, dict) and "@context" in value:
            value = {**value, "@context": _context(value["@context"], where, f"scoped, {key}")}
        out[key] = value
    return out


class _Refused(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, with a depth and a node budget."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _Refused(
                "YAML-alias (*namn) läses inte / YAML aliases (*name) are not read",
                self.peek_event().start_mark,
            )
        self._depth += 1
        self._nodes += 1
        if self._depth > MAX_DEPTH:
            raise _Refused("depth", self.peek_event().start_mark)
        if self._nodes > MAX_YAML_NODES:
            raise _Refused(
                f"för många YAML-noder (högst {MAX_YAML_NODES}) / too many YAML nodes"
                f" (at most {MAX_YAML_NODES})",
                self.peek_event().start_mark,
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class YamlLdLoader(_BoundedLoader):
    """The bounded loader for YAML-LD: a date written without quotes (``issued: 2025-03-14``)
    stays the text it is (JSON-LD has no date value; the context types it), so an impossible
    date (``2025-02-30``) is reported at its line, not refused as the file's error."""


YamlLdLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@contextmanager
def yaml_errors(where: str) -> Iterator[None]:
    """YAML errors of a bounded loader as :class:`ParseError` (with line) or budget errors."""
    try:
        yield
    except _Refused as exc:
        if str(exc) == "depth":
            raise too_deep(f"{where}:{exc.mark.line + 1}", " (YAML)") from None
        raise ParseError(
            str(exc),
            where=where,
            line=exc.mark.line + 1,
            column=exc.mark.column + 1,
            hint="Skriv ut värdet där det används / write the value out where it is used.",
        ) from None
    except ValueError as exc:  # a constructor's: an integer of more than 4,300 digits
        raise _bad_value(exc, where) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParseError(
            f"ogiltig YAML / invalid YAML: {getattr(exc, 'problem', exc)}",
            where=where,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None


def load_structured(text: str, *, yaml_text: bool, where: str) -> Any:
    """JSON or YAML text as Python data, within the depth and node budgets."""
    if yaml_text:
        loader = YamlLdLoader(text)
        try:
            with yaml_errors(where):
                data = loader.get_single_data()
        finally:
            loader.dispose()
    else:
        try:
            data = json.loads(text)
        except RecursionError:
            raise too_deep(where, " (JSON)") from None
        except json.JSONDecodeError as exc:
            raise ParseError(
                f"ogiltig JSON / invalid JSON: {exc.msg}", where=where, line=exc.lineno, column=exc.colno
            ) from None
        except ValueError as exc:  # an integer of more than 4,300 digits
            raise _bad_value(exc, where) from None
    check_depth(data, where)
    return data


def _bad_value(exc: ValueError, where: str) -> ParseError:
    if "integer string conversion" in str(exc):
        return ParseError(
            "ett tal med mer än 4300 siffror / a number with more than 4300 digits",
            where=where,
            hint="Skriv det som text om det ska stå kvar / write it as a string if it must stay.",
        )
    return ParseError(f"ogiltigt värde / invalid value: {str(exc)[:120]}", where=where)


def parse_jsonld(text: str, *, yaml_text: bool, where: str) -> list[ox.Quad]:
    """The quads of a JSON-LD or YAML-LD document (nothing fetched; see the module docstring)."""
    return quads_of_data(load_structured(text, yaml_text=yaml_text, where=where), where)


def quads_of_data(data: Any, where: str) -> list[ox.Quad]:
    """The quads of JSON-LD data (a document read from JSON or YAML)."""
    if not isinstance(data, (dict, list)):
        raise ParseError("inget JSON-LD-objekt / no JSON-LD object in the file", where=where)
    from kg.documents import provenance  # a draft's provenance section (kg extract)

    data, section = provenance.split_section(data)
    data = resolve_contexts(data, where)
    quads = _parse(data, where)
    if section is None:
        return quads
    return quads + provenance.section_quads(section, quads, context=data.get("@context"), where=where)


def _parse(data: Any, where: str) -> list[ox.Quad]:
    try:
        return list(ox.parse(json.dumps(data).encode("utf-8"), format=ox.RdfFormat.JSON_LD))
    except MemoryError:  # the parser's token buffer (16 MiB) ran full: one huge string
        raise InputError(
            f"en literal är för lång / a literal is too long (over {MAX_LITERAL} characters)", where=where
        ) from None
    except SyntaxError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        if "LoadDocumentCallback" in message:
            raise _refused("(i dokumentet / in the document)", where, "remote") from None
        raise ParseError(f"ogiltig JSON-LD / invalid JSON-LD: {message}", where=where) from None
