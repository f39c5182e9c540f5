"""Lines of a YAML-LD document, so that a finding names the line (and key) a steward has to fix.

Turtle sources get their lines from the parser's text (:func:`kg.documents.parse.first_lines`);
a YAML-LD source is read here: each ``id:`` line starts a node (its IRI expanded with the
project's JSON-LD context, ``kg:`` → the instance namespace), and each key under it is a property
(the context's term → its IRI). :func:`yaml_lines` gives both maps; the validator uses the key's
line when a finding names a node and a property, else the node's line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from kg import resources

_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z@][\w@.-]*|\"[^\"]+\")\s*:(?:\s+(?P<value>.*))?$"
)


@dataclass
class YamlLines:
    """Node IRI → line of its ``id:``; (node IRI, property IRI) → line of the key."""

    nodes: dict[str, int] = field(default_factory=dict)
    keys: dict[tuple[str, str], int] = field(default_factory=dict)


@cache
def _context() -> tuple[dict[str, str], dict[str, str]]:
    """(prefix → namespace, term → property IRI) of the bundled JSON-LD context."""
    path = resources.bundled("ontology") / "context.jsonld"
    ctx = json.loads(path.read_text(encoding="utf-8"))["@context"]
    prefixes = {k: v for k, v in ctx.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    vocab = ctx.get("@vocab", "")
    terms: dict[str, str] = {}
    for term, definition in ctx.items():
        iri = definition.get("@id") if isinstance(definition, dict) else definition
        if not isinstance(iri, str) or term.startswith("@") or term in prefixes:
            continue
        terms[term] = _expand(iri, prefixes, vocab)
    return prefixes, terms


def _expand(value: str, prefixes: dict[str, str], vocab: str = "") -> str:
    prefix, sep, local = value.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    if sep:
        return value
    return vocab + value


def yaml_lines(text: str) -> YamlLines:
    """The node and key lines of a YAML-LD text (lines are numbered from 1)."""
    prefixes, terms = _context()
    out = YamlLines()
    stack: list[tuple[int, str]] = []  # (indent of the node's keys, node IRI)
    for number, line in enumerate(text.splitlines(), start=1):
        m = _LINE.match(line)
        if m is None or line.lstrip().startswith("#"):
            continue
        indent = len(m.group("indent")) + len(m.group("dash") or "")
        key = m.group("key").strip('"')
        while stack and stack[-1][0] > indent:
            stack.pop()
        if key in ("id", "@id") and m.group("value"):
            value = m.group("value").split(" #", 1)[0].strip().strip("\"'")
            iri = _expand(value, prefixes)
            if stack and stack[-1][0] == indent:
                stack.pop()
            stack.append((indent, iri))
            out.nodes.setdefault(iri, number)
        elif stack and stack[-1][0] == indent and key in terms:
            out.keys.setdefault((stack[-1][1], terms[key]), number)
    return out
