"""The gold of ``benchmarks/eval_extraction.py``: the hand-made annotations of ``benchmarks/gold/``
(format and rules: its README.md), read into activities and documents, and the quotes located in
the normalised text. The scoring is in ``eval_scoring.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "benchmarks" / "gold"
SHARED = REPO.parent / "shared"
SETS = {"seeds": SHARED / "seeds", "dev": SHARED / "corpus" / "dev"}
STATUSES = ("promise", "not-a-promise", "too-little")
POLICE_TYPES = {"polismyndighet", "polisregion", "polisomrade", "lokalpolisomrade"}


def slug(iri: object) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def actor_key(actor_type: str | None) -> str:
    """The unit of the actor comparison: ``polis`` for every police unit (the Police Authority,
    a region, a district or a local police area: texts say "Polisen" for all of them), else the
    actor-type slug, ``annan`` when no type is known."""
    if actor_type is None:
        return "annan"
    return "polis" if actor_type in POLICE_TYPES else actor_type


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Span of ``quote`` in the normalised ``text``: exact, else with any run of white space
    matching any other (normalisation strips trailing blanks and joins CRLF)."""
    quote = unicodedata.normalize("NFC", quote).replace("\u00a0", " ")
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    parts = [re.escape(p) for p in quote.split()]
    m = re.search(r"\s+".join(parts), text) if parts else None
    return (m.start(), m.end()) if m else None


@dataclass
class GoldActivity:
    start: int
    end: int
    quote: str
    actors: set[str]
    frequency: str | None
    types: set[str]
    optional: bool = False
    groups: set[str] = field(default_factory=set)
    """The target groups the gold's words name ("barn och ungdomar": barn, ungdomar)."""
    place: str | None = None
    """Where, in the text's words."""


@dataclass
class GoldDocument:
    name: str
    subset: str
    path: Path
    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return str(self.data["status"])

    @property
    def is_promise(self) -> bool:
        return self.status == "promise"

    def period(self) -> tuple[str, str] | None:
        per = self.data.get("period")
        return (str(per["start"]), str(per["end"])) if per else None

    def priority_areas(self) -> set[str]:
        return {str(a) for pr in self.data.get("priority_areas") or [] for a in pr.get("areas") or []}

    def activities(self, text: str) -> list[GoldActivity]:
        out = []
        for act in self.data.get("activities") or []:
            span = locate(str(act["quote"]), text)
            if span is None:
                self.problems.append(f"quote not found in the normalised text: {act['quote']!r}")
                span = (-1, -1)
            out.append(
                GoldActivity(
                    start=span[0],
                    end=span[1],
                    quote=str(act["quote"]),
                    actors={actor_key(r.get("type")) for r in act.get("responsible") or []},
                    frequency=act.get("frequency"),
                    types=set(act.get("activity_types") or []),
                    optional=bool(act.get("optional")),
                    groups=gold_groups(act.get("target_group")),
                    place=act.get("place"),
                )
            )
        return out


def gold_groups(words: object) -> set[str]:
    """The target-group concepts the gold's free words name, read with the target-group labels
    (a group the vocabulary has no label for counts for none)."""
    if not words:
        return set()
    from kg.extract.lexicon import default_lexicon

    lexicon = default_lexicon()
    return {slug(c) for m in lexicon.find("target-group", str(words)) for c in lexicon.expand(m.concept)}


def load_gold(sets: Iterable[str] = SETS) -> list[GoldDocument]:
    docs = []
    for name in sets:
        for path in sorted((GOLD / name).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            docs.append(GoldDocument(path.stem, name, SETS[name] / f"{path.stem}.txt", data))
    return docs
