"""A YAML-LD document read as its steward wrote it: keys, lines, and what is wrong in their words.

The YAML is composed into nodes (each with its line) and walked with the bundled context
(:mod:`.context_terms`), building the JSON-LD data the parser reads and, on the way:

* the place of every node (its ``id:`` line) and of every key under a node (the key's line, the
  key as typed, its path from the top: ``activities[2].responsible``, counted from 0), so that a
  finding about a node and property names the line and key the steward has to fix
  (:mod:`kg.validation.locate`);
* a :class:`~kg.documents.notes.Note` for each value left as the template's marker (``FYLL I``),
  each key the context does not know (left out, with the nearest known keys), each plain name
  where an IRI or a list's term belongs (resolved by :mod:`.yaml_names`, or left out).

Dates stay text (:class:`~kg.documents.jsonld.YamlLdLoader`): the context types them, and an
impossible one is the literal rule's finding, at its line.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kg.documents.context_terms import KEYWORD_KEYS, RDF_TYPE, Context, Term, bundled_terms, ontology_classes
from kg.documents.jsonld import YamlLdLoader, yaml_errors
from kg.documents.limits import check_depth
from kg.documents.notes import NOT_AN_IRI, UNFILLED, UNKNOWN_KEY, UNKNOWN_TYPE, Note, unfilled
from kg.documents.provenance import SECTION
from kg.documents.yaml_names import Resolved, ValueResolver

SWEDISH_KEYS = {
    "aktiviteter": "activities",
    "aktivitet": "activities",
    "ansvarig": "responsible",
    "ansvariga": "responsible",
    "beskrivning": "description",
    "datum": "date",
    "frekvens": "frequency",
    "kommun": "municipality",
    "lokalpolisområde": "policeUnit",
    "lpo": "policeUnit",
    "policearea": "policeUnit",
    "polisomrade": "policeUnit",
    "målgrupp": "targetGroup",
    "namn": "name",
    "prioriteringar": "priorities",
    "resultat": "outcomes",
    "rubrik": "title",
    "samverkan": "partners",
    "titel": "title",
    "typ": "type",
    "uppföljning": "followUpPlan",
}
"""Words a steward may type for a key (Swedish, or another name), offered first among the
nearest keys (looked up case-folded)."""

_DROP = object()


@dataclass(frozen=True)
class Place:
    """Where something is in the YAML: its line, the key typed there and the key's path."""

    line: int
    key: str | None
    key_path: str


@dataclass
class YamlRead:
    """The JSON-LD data of a YAML-LD text, the places of its nodes and keys, and its notes."""

    data: Any = None
    notes: list[Note] = field(default_factory=list)
    nodes: dict[str, Place] = field(default_factory=dict)
    """Node IRI → the place of its ``id``."""
    keys: dict[tuple[str, str], Place] = field(default_factory=dict)
    """(node IRI, property IRI) → the place of the key (the first, if it occurs twice)."""

    def line_of_path(self, key_path: str) -> int | None:
        """The line of the entry a key path lies in (``provenance.citations[2].passage``: the
        line of ``provenance.citations[2]``); None when no place known holds it."""
        best: Place | None = None
        for place in self.nodes.values():
            p = place.key_path
            inside = key_path == p or (key_path.startswith(p) and key_path[len(p)] in ".[")
            if inside and (best is None or len(p) > len(best.key_path)):
                best = place
        return best.line if best is not None else None


def read_yaml_ld(text: str, where: str, *, check: bool = True) -> YamlRead:
    """The YAML-LD text read and checked (``check=False``: only the data and the places)."""
    loader = YamlLdLoader(text)
    try:
        with yaml_errors(where):
            root = loader.get_single_node()
            out = YamlRead()
            if root is not None:
                _Walk(loader, out, bundled_terms(), check).document(root)
    finally:
        loader.dispose()
    check_depth(out.data, where)
    return out


def nearest_keys(key: str, ctx: Context) -> list[str]:
    """The known keys closest to ``key`` (a Swedish word's translation first)."""
    known = sorted({*ctx.terms, *KEYWORD_KEYS})
    found = [SWEDISH_KEYS[key.casefold()]] if key.casefold() in SWEDISH_KEYS else []
    for k in difflib.get_close_matches(key, known, n=3, cutoff=0.6):
        if k not in found:
            found.append(k)
    folded = {k.casefold(): k for k in known}
    for k in difflib.get_close_matches(key.casefold(), list(folded), n=3, cutoff=0.6):
        if folded[k] not in found:
            found.append(folded[k])
    return found[:3]


def _no_key_twice(loader: yaml.SafeLoader, node: MappingNode) -> None:
    """A key written twice in one mapping is refused at its second line: YAML keeps only the last
    value, so the first would be lost without a word."""
    seen: dict[str, int] = {}
    for k, _ in node.value:
        key = str(loader.construct_object(k))
        line = k.start_mark.line + 1
        if key in seen:
            raise yaml.constructor.ConstructorError(
                problem=f"nyckeln “{key}” står två gånger (rad {seen[key]} och {line}); bara det sista"
                f" värdet skulle läsas. Slå ihop dem eller ta bort den ena / the key “{key}” is written"
                f" twice (lines {seen[key]} and {line}); only the last value would be read. Merge them"
                " or remove one",
                problem_mark=k.start_mark,
            )
        seen[key] = line


class _Walk:
    def __init__(self, loader: yaml.SafeLoader, out: YamlRead, ctx: Context, check: bool) -> None:
        self._loader = loader
        self._out = out
        self._ctx = ctx
        self._check = check
        self._local: set[str] = set()
        self._resolver: ValueResolver | None = None

    # -- the document ---------------------------------------------------------------------------
    def document(self, root: Node) -> None:
        if isinstance(root, MappingNode):
            self._local = self._inline_terms(root)
            if self._check:
                self._resolver = self._resolver_for(root)
        self._out.data = self._value(root, "", None, None)

    def _inline_terms(self, root: MappingNode) -> set[str]:
        """Keys a document defines in its own ``@context`` (known, though not checked here)."""
        for k, v in root.value:
            if isinstance(k, ScalarNode) and k.value == "@context":
                ctx = self._loader.construct_object(v, deep=True)
                parts = ctx if isinstance(ctx, list) else [ctx]
                return {str(t) for p in parts if isinstance(p, dict) for t in p}
        return set()

    def _resolver_for(self, root: MappingNode) -> ValueResolver:
        """The resolver, knowing the document's own municipality and police area (what
        ``Kommunen`` and ``Polisen`` stand for)."""
        from kg.names import bundled_names  # the index is read at first use

        resolver = ValueResolver(self._ctx, bundled_names(), municipality=None, police_unit=None)
        own: dict[str, str | None] = {"municipality": None, "policeUnit": None}
        for k, v in root.value:
            if isinstance(k, ScalarNode) and k.value in own and isinstance(v, ScalarNode):
                found = resolver.iri(self._ctx.terms[k.value], str(v.value))
                own[k.value] = self._ctx.expand(found.value) if found.value else None
        return ValueResolver(
            self._ctx, bundled_names(), municipality=own["municipality"], police_unit=own["policeUnit"]
        )

    # -- values ---------------------------------------------------------------------------------
    def _value(self, node: Node, path: str, owner: str | None, term: Term | None) -> Any:
        if isinstance(node, SequenceNode):
            items = (self._value(item, f"{path}[{i}]", owner, term) for i, item in enumerate(node.value))
            return [x for x in items if x is not _DROP]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, owner)
        value = self._loader.construct_object(node)
        if not isinstance(value, str) or not self._check:
            return value
        line = node.start_mark.line + 1
        if unfilled(value):
            literal = None if _is_ref(term) else json.dumps(value, ensure_ascii=False)
            self._note(UNFILLED, value, owner, term, line, path, value=literal)
            return _DROP if _is_ref(term) else value
        if term is None or self._resolver is None or term.value_kind not in ("iri", "vocab"):
            return value
        if term.value_kind == "iri":
            found = self._resolver.iri(term, value)
        else:
            found = self._resolver.term(term, value)
        if found.rule is not None:
            shown = self._value_shown(term, found)
            self._note(found.rule, value, owner, term, line, path, value=shown, found=found)
        return _DROP if found.value is None else found.value

    def _value_shown(self, term: Term, found: Resolved) -> str | None:
        if found.value is None:
            return None
        if term.value_kind == "vocab" and term.scheme_ns and not self._ctx.is_iri(found.value):
            return f"<{term.scheme_ns}{found.value}>"
        return f"<{self._ctx.expand(found.value)}>"

    def _mapping(self, node: MappingNode, path: str, owner: str | None) -> dict[str, Any]:
        me = self._id_of(node)
        here = me or owner
        if me is not None:
            line = next(k.start_mark.line + 1 for k, _ in node.value if _key(k) in ("id", "@id"))
            self._out.nodes.setdefault(me, Place(line, "id", _join(path, "id")))
        _no_key_twice(self._loader, node)
        data: dict[str, Any] = {}
        for k, v in node.value:
            key = str(self._loader.construct_object(k))
            kpath = _join(path, key)
            line = k.start_mark.line + 1
            if key in ("type", "@type") and self._check:
                self._types(v, here, line, kpath)
            if key in ("@context", "type", "@type") or (key.startswith("@") and key != "@id"):
                data[key] = (
                    self._loader.construct_object(v, deep=True)
                    if key != "@graph"
                    else self._value(v, kpath, here, None)
                )
                continue
            if key in ("id", "@id"):
                data[key] = self._id_value(v, here, line, kpath)
                continue
            if key == SECTION and not path:  # a draft's provenance section, read by .provenance
                data[key] = self._loader.construct_object(v, deep=True)
                if me is not None:
                    self._provenance_places(v, me)
                continue
            term = self._ctx.terms.get(key)
            if term is None and not self._known(key):
                if self._check:
                    self._unknown_key(key, here, line, kpath)
                continue
            if term is not None and me is not None:
                self._out.keys.setdefault((me, term.iri), Place(line, key, kpath))
            value = self._value(v, kpath, here, term)
            if value is not _DROP:
                data[key] = value
        return data

    def _provenance_places(self, section: Node, promise: str) -> None:
        """The lines of a draft's assumptions (``<promise>/assumption/N``), citations
        (``<promise>/citation/N``) and passages (``<node>/passage``) in its provenance section, for
        findings about them."""
        if not isinstance(section, MappingNode):
            return
        for k, v in section.value:
            name = _key(k)
            if name in ("assumptions", "citations") and isinstance(v, SequenceNode):
                for i, item in enumerate(v.value):
                    place = Place(item.start_mark.line + 1, None, f"{SECTION}.{name}[{i}]")
                    self._out.nodes.setdefault(f"{promise}/{name[:-1]}/{i + 1}", place)
                    for ik, iv in item.value if isinstance(item, MappingNode) else ():
                        if name == "citations" and _key(ik) == "passage":  # <citation>/passage
                            at = Place(iv.start_mark.line + 1, "passage", f"{place.key_path}.passage")
                            self._out.nodes.setdefault(f"{promise}/citation/{i + 1}/passage", at)
            elif name == "passages" and isinstance(v, MappingNode):
                for pk, _ in v.value:
                    node = str(self._loader.construct_object(pk))
                    iri = self._ctx.expand(node) if ":" in node else f"{promise}/{node}"
                    place = Place(pk.start_mark.line + 1, node, f"{SECTION}.passages.{node}")
                    self._out.nodes.setdefault(f"{iri}/passage", place)

    def _id_of(self, node: MappingNode) -> str | None:
        for k, v in node.value:
            if _key(k) in ("id", "@id") and isinstance(v, ScalarNode) and not unfilled(v.value):
                return self._ctx.expand(str(v.value).strip())
        return None

    def _id_value(self, v: Node, owner: str | None, line: int, path: str) -> Any:
        value = self._loader.construct_object(v, deep=True)
        if not self._check or not isinstance(value, str):
            return value
        if unfilled(value):
            self._note(UNFILLED, value, owner, None, line, path, key="id")
        elif not self._ctx.is_iri(value.strip()) and not value.startswith("_:"):
            self._note(
                NOT_AN_IRI,
                value,
                owner,
                None,
                line,
                path,
                key="id",
                found=Resolved(
                    None,
                    NOT_AN_IRI,
                    "En nods id är en IRI, t.ex. kg:promise/0480-2025-2026/activity/1.",
                    "A node's id is an IRI, e.g. kg:promise/0480-2025-2026/activity/1.",
                ),
            )
        return value

    def _types(self, v: Node, owner: str | None, line: int, path: str) -> None:
        """A note for each ``type`` that is neither a short name of the context nor a class of
        the ontology (``type: Aktivitet``), with the nearest class names."""
        values = v.value if isinstance(v, SequenceNode) else [v]
        classes = ontology_classes()
        known = {c[len(self._ctx.vocab) :] for c in classes if c.startswith(self._ctx.vocab)}
        for item in values:
            if not isinstance(item, ScalarNode):
                continue
            name = str(item.value).strip()
            if not name or name in self._ctx.names or name in known or self._ctx.is_iri(name):
                continue
            near = difflib.get_close_matches(name, sorted(known | set(self._ctx.names)), n=3, cutoff=0.5)
            sv = f"Menade du: {', '.join(near)}? " if near else ""
            en = f"Did you mean: {', '.join(near)}? " if near else ""
            found = Resolved(
                None,
                UNKNOWN_TYPE,
                sv + "Klasserna står i docs/ontology.md.",
                en + "The classes are listed in docs/ontology.md.",
            )
            self._note(
                UNKNOWN_TYPE,
                name,
                owner,
                None,
                item.start_mark.line + 1,
                path,
                key="type",
                value=f"<{self._ctx.vocab}{name}>",
                found=found,
                prop=RDF_TYPE,
            )

    def _known(self, key: str) -> bool:
        return key in self._local or key in self._ctx.names or (":" in key and self._ctx.is_iri(key))

    def _unknown_key(self, key: str, owner: str | None, line: int, path: str) -> None:
        near = nearest_keys(key, self._ctx)
        sv = f"Menade du: {', '.join(near)}? " if near else ""
        en = f"Did you mean: {', '.join(near)}? " if near else ""
        found = Resolved(
            None,
            UNKNOWN_KEY,
            sv + "Nycklarna står i docs/ontology.md och ontology/context.jsonld.",
            en + "The keys are listed in docs/ontology.md and ontology/context.jsonld.",
        )
        self._note(UNKNOWN_KEY, key, owner, None, line, path, key=key, found=found)

    def _note(
        self,
        rule: str,
        shown: str,
        owner: str | None,
        term: Term | None,
        line: int,
        path: str,
        *,
        value: str | None = None,
        key: str | None = None,
        found: Resolved | None = None,
        prop: str | None = None,
    ) -> None:
        self._out.notes.append(
            Note(
                rule=rule,
                shown=shown,
                node=owner,
                prop=prop or (term.iri if term is not None else None),
                value=value,
                line=line,
                key=key or (term.key if term is not None else None),
                key_path=path,
                hint_sv=found.hint_sv if found else "",
                hint_en=found.hint_en if found else "",
            )
        )


def _key(node: Node) -> str | None:
    return str(node.value) if isinstance(node, ScalarNode) else None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_ref(term: Term | None) -> bool:
    """Whether the key's values are IRIs or list terms (a marker there cannot stay)."""
    return term is not None and term.value_kind in ("iri", "vocab")


__all__ = ["Place", "YamlRead", "nearest_keys", "read_yaml_ld"]
