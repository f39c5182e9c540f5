"""Steward messages by language: one language per report, every run (issue 16 point 7).

A shape's ``sh:message`` comes in Swedish and English (language-tagged literals). pySHACL
returns them tagged for ordinary constraints, but for a SPARQL-based constraint it fills in the
``{?var}`` placeholders and returns the results *untagged*, in set order: a report built from
them came out in Swedish or English at random. So the validator does not trust the tags of a
result's messages: :class:`MessageTemplates` reads every shape's templates once, and
:meth:`MessageTemplates.by_language` tells which template an untagged message was filled in
from, by matching it against each template with the placeholders as wildcards.

The same templates serve the rules the validator evaluates itself (:mod:`.document_rules`):
:meth:`MessageTemplates.fill` fills in ``{?value}`` for each language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Node

_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a regular expression: the text literally, each placeholder as a wildcard."""
    parts = _PLACEHOLDER.split(template)
    # split() alternates text and variable names: text, var, text, var, ..., text
    regex = "".join(re.escape(p) if i % 2 == 0 else "(.*?)" for i, p in enumerate(parts))
    return re.compile(regex, re.DOTALL)


class MessageTemplates:
    """Every ``sh:message`` of the shapes graph, by the node that holds it and by language."""

    def __init__(self, shapes: Graph) -> None:
        self._templates: dict[Node, dict[str, str]] = {}
        self._patterns: dict[Node, list[tuple[str, re.Pattern[str]]]] = {}
        for holder, message in shapes.subject_objects(SH.message):
            if isinstance(message, Literal) and message.language:
                self._templates.setdefault(holder, {})[message.language] = str(message)

    def _patterns_of(self, holder: Node) -> list[tuple[str, re.Pattern[str]]]:
        # compiled when a result of this holder first needs it: most shapes report nothing, and
        # compiling every template up front cost a whole validation's time (issue 19, start-up)
        patterns = self._patterns.get(holder)
        if patterns is None:
            by_lang = self._templates.get(holder, {})
            patterns = self._patterns[holder] = [(lang, _pattern(t)) for lang, t in sorted(by_lang.items())]
        return patterns

    def templates(self, holder: Node) -> Mapping[str, str]:
        """Language → template of one shape or SPARQL constraint (empty when it has none)."""
        return self._templates.get(holder, {})

    def by_language(self, messages: Iterable[Node], holders: Iterable[Node | None]) -> dict[str, str]:
        """The messages of one result, by language.

        ``holders`` are the nodes whose templates the messages may come from (the SPARQL
        constraint, then the shape). A tagged message keeps its tag; an untagged one gets the
        language of the template it matches. A language that no message matched is absent.
        """
        candidates = [p for h in holders if h is not None for p in self._patterns_of(h)]
        out: dict[str, str] = {}
        untagged: list[str] = []
        for m in messages:
            if not isinstance(m, Literal):
                continue
            if m.language:
                out.setdefault(m.language, str(m))
            else:
                untagged.append(str(m))
        for text in sorted(untagged):
            for lang, pattern in candidates:
                if lang not in out and pattern.fullmatch(text):
                    out[lang] = text
                    break
        return out

    def fill(self, holder: Node, values: Mapping[str, str]) -> dict[str, str]:
        """The templates of ``holder`` with their placeholders filled in from ``values``."""
        return {
            lang: _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
            for lang, text in self.templates(holder).items()
        }
