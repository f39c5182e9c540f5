"""What reading a document by hand found before any shape ran: the steward's own words at fault.

A :class:`Note` is one such finding: an unfilled template marker (``FYLL I``), a key the context
does not know, a plain name where an IRI belongs, a term that is not in its list, or a name read
as the IRI it stands for. Notes are plain values (they travel with a document between worker
processes); the validator reports each as a finding of the rule it names (``shapes/authoring.ttl``),
with the line, the YAML key and the key path they carry.
"""

from __future__ import annotations

from dataclasses import dataclass

FILL_IN = "FYLL I"
"""The marker ``kg new`` puts where a steward must write a value (see :mod:`kg.authoring.templates`)."""

FILL_IN_TERM = "FYLL-I"
"""The marker where a term of a list belongs (an IRI has no space: ``status: FYLL-I``)."""


def unfilled(value: str) -> bool:
    """Whether a value still holds a template's marker."""
    return FILL_IN in value or FILL_IN_TERM in value


UNFILLED = "Authoring-filledIn"
"""A ``FYLL I`` marker is left."""
UNKNOWN_KEY = "Authoring-knownKey"
"""A key the context does not know (its value would be lost)."""
NOT_AN_IRI = "Authoring-iriValue"
"""A plain name where an IRI belongs, that names nothing known."""
UNKNOWN_TERM = "Authoring-listTerm"
"""A term that is not in the controlled list its key takes."""
UNKNOWN_TYPE = "Authoring-knownType"
"""A ``type`` that is not a class of the ontology."""
NAME_READ = "Authoring-nameRead"
"""A name or label read as the IRI it stands for (an info)."""

RULES = (UNFILLED, UNKNOWN_KEY, NOT_AN_IRI, UNKNOWN_TERM, UNKNOWN_TYPE, NAME_READ)


@dataclass(frozen=True)
class Note:
    """One finding about what a steward wrote, where they wrote it."""

    rule: str
    """The local name of its rule (one of :data:`RULES`)."""
    shown: str
    """The text the rule's message names (``{?value}``): what the steward wrote."""
    node: str | None = None
    """The node the value belongs to (its IRI; None: the document itself)."""
    prop: str | None = None
    """The property IRI of the key (None for a key the context does not know)."""
    value: str | None = None
    """The value as it reaches the graph, in N-Triples form (None: it was left out)."""
    line: int | None = None
    key: str | None = None
    """The key the steward typed (``responsible``)."""
    key_path: str | None = None
    """Where the key is, from the top of the file (``activities[2].responsible``; from 0)."""
    hint_sv: str = ""
    hint_en: str = ""
    """What to write instead, or what the value was read as (``{?hint}``)."""

    @property
    def is_info(self) -> bool:
        return self.rule == NAME_READ
