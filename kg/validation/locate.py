"""Where a finding points: the line to fix (Turtle or YAML-LD), the source passage, the path.

A finding names the node a steward has to fix; these helpers find it in the source: the first
line where the node (or its nearest parent under the document IRI) is described in Turtle, the
key's line under the node in YAML-LD (:mod:`kg.documents.yaml_read`), and the passage of the source text a
Web Annotation ties the node to. :func:`path_text` writes a SHACL result path as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.documents.context_terms import bundled_terms
from kg.documents.yaml_read import SECTION, Place, YamlRead, read_yaml_ld
from kg.errors import KgError
from kg.namespaces import OA

if TYPE_CHECKING:
    from kg.validation.documents import Validatable


def up(focus: Node, doc: str | None, lookup: Any) -> Any:
    """``lookup`` of the focus node, else of its nearest parent under the document IRI."""
    found = lookup(focus)
    if found is not None or doc is None or not isinstance(focus, URIRef):
        return found
    s = str(focus)
    while s.startswith(doc + "/"):
        s = s.rsplit("/", 1)[0]
        found = lookup(URIRef(s))
        if found is not None:
            return found
    return None


class SourcePlace(TypedDict):
    """Where a finding points in its source: the line, and in YAML-LD the key and its path."""

    line: int | None
    key: str | None
    key_path: str | None


def place_of(where: Node, path: Node | None, doc: str | None, source: Validatable) -> SourcePlace:
    """The line to fix: of the node (or its nearest parent) in a Turtle source; in a YAML-LD
    source, of the property's key under the node when there is one (with the key as typed and its
    path), else of the node's ``id:`` (with the node's path)."""
    lines: Mapping[str, int] = source.lines
    yaml_file = source.yaml_source
    if not lines and yaml_file is not None:
        found = _yaml(yaml_file)
        if isinstance(path, URIRef):
            key = found.keys.get((str(where), str(path)))
            if key is not None:
                return SourcePlace(line=key.line, key=key.key, key_path=key.key_path)
        node: Place | None = up(where, doc, lambda n: found.nodes.get(str(n)))
        if node is not None:
            node_path = node.key_path.removesuffix("id").removesuffix(".") or None
            missing = bundled_terms().key_for(str(path)) if isinstance(path, URIRef) else None
            if missing is not None and str(where) in found.nodes and not node.key_path.startswith(SECTION):
                # a key the node lacks: the path of the key to add (``signatures``), at the node
                # (not in a draft's provenance section, whose entries the finding points at)
                node_path = f"{node_path}.{missing}" if node_path else missing
            return SourcePlace(line=node.line, key=None, key_path=node_path)
        return SourcePlace(line=None, key=None, key_path=None)
    return SourcePlace(line=up(where, doc, lambda n: lines.get(str(n))), key=None, key_path=None)


def line_of(where: Node, path: Node | None, doc: str | None, source: Validatable) -> int | None:
    """The line to fix (:func:`place_of`)."""
    return place_of(where, path, doc, source)["line"]


def _yaml(path: Path) -> YamlRead:
    """The places of a YAML-LD source (read again: a Document keeps only Turtle's lines)."""
    try:
        stat = path.stat()
        return _yaml_of(path, stat.st_mtime_ns, stat.st_size)
    except (OSError, UnicodeDecodeError, KgError):
        return YamlRead()


@lru_cache(maxsize=16)
def _yaml_of(path: Path, _mtime: int, _size: int) -> YamlRead:
    return read_yaml_ld(path.read_text(encoding="utf-8-sig"), str(path), check=False)


def path_text(g: Graph, path: Node) -> str:
    """A result path as text: an IRI, or a SPARQL property path of ``<IRI>``s."""
    if isinstance(path, URIRef):
        return str(path)
    alt = g.value(path, SH.alternativePath)
    if alt is not None:
        return "|".join(path_text(g, p) if isinstance(p, BNode) else f"<{p}>" for p in g.items(alt))
    inv = g.value(path, SH.inversePath)
    if inv is not None:
        return f"^<{inv}>"
    items = list(g.items(path))
    if items:
        return "/".join(f"<{p}>" for p in items)
    return str(path)


def passages(data: Graph) -> dict[Node, str]:
    """Source passages of extracted statements (W3C Web Annotation), by annotated node.

    Reads ``?a oa:hasBody ?node ; oa:hasTarget [ oa:hasSelector [ oa:exact "..." ] ]``.
    """
    out: dict[Node, str] = {}
    for ann, body in data.subject_objects(OA.hasBody):
        for target in data.objects(ann, OA.hasTarget):
            for sel in data.objects(target, OA.hasSelector):
                exact = data.value(sel, OA.exact)
                if exact is not None:
                    out.setdefault(body, str(exact))
    return out
