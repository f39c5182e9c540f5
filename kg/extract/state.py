"""What the analysis of one document carries from block to block: the document's parts, the
context that governs a block (part, open priority, governing actor heading) and everything found
so far. Shared by :mod:`.sections`, :mod:`.activities`, :mod:`.outcomes` and :mod:`.priorities`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from kg.extract.actors import ActorFinder, Roles
from kg.extract.closing import closing_lines
from kg.extract.lexicon import Lexicon, MunicipalityInfo
from kg.extract.model import Activity, ActorRef, Omission, Outcome, Passage, Priority, Problem
from kg.extract.text import UNDERTAKE, Block


class Part(StrEnum):
    intro = "intro"
    situation = "situation"
    activities = "activities"
    outcomes = "outcomes"
    followup = "followup"


# Headings that say what follows. Structural wording, not domain vocabulary: the domain terms
# (priority areas, actors, frequencies, channels, indicators) come from the SKOS vocabularies.
PART_CUES: list[tuple[Part, re.Pattern[str]]] = [
    (
        Part.followup,
        re.compile(
            # "följa upp" in each form, its subject between verb and particle in a question
            # ("Hur följer vi upp?", "Så följer vi upp arbetet")
            r"följ med|uppföljning|följ(?:a|er|s|as|de)?\s+(?:\w+\s+)?upp\b|redovisning|kommunikation",
            re.IGNORECASE,
        ),
    ),
    (
        Part.outcomes,
        re.compile(
            # "mål" first ("Mål för arbetet") or as the heading's head noun, its last word ("Mätbara
            # mål", "Våra mål"); "uppnå", "åstadkomma", "lyckats" say what the work is to achieve
            # (the supine, as in "vet vi att vi har lyckats"; not "För att lyckas ska vi:")
            r"åstadkomma|(?:förvänta|önska)(?:d|de|t) (?:resultat|effekt|läge)|effektmål|^mål\b"
            r"|\bmål(?:en)?\s*:?$|målsättning|uppnå|\blyckats\b",
            re.IGNORECASE,
        ),
    ),
    (
        Part.intro,
        re.compile(
            r"^(bakgrund|syfte|inledning|om medborgarlöften?|vad är (ett )?medborgarlöften?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        Part.situation,
        re.compile(
            r"lägesbild|situationen|nuläge|problembild|dialoger?\b|utgångsläge|enkät|trygghetsmätning"
            r"|undersökning",
            re.IGNORECASE,
        ),
    ),
    (
        Part.activities,
        re.compile(
            # the future with "ska" or "kommer att": "Det här ska vi göra", "Det här kommer vi att göra"
            r"(?:ska|kommer) (vi )?(att )?göra|ska göras|gör vi|vi gör|genom att$|lovar|aktivitet|åtagande|"
            r"insatser|åtgärder|löfte|satsning",
            re.IGNORECASE,
        ),
    ),
]
PROMISE_VERB = re.compile(
    rf"\b(ska|skall|lovar(?:\s+(?!att\b)[\wåäöÅÄÖ-]+){{0,4}}?\s+att|{UNDERTAKE}|kommer\b[^.]{{0,60}}?\batt)\b",
    re.IGNORECASE,
)
"""A verb that commits to an action: "ska", "lovar att", also with the subject after the finite
verb ("I löftet lovar polisen att …", "Därför lovar vi att …"; Swedish puts the verb second),
"åtar sig att", "kommer … att"."""
FOLLOWUP = re.compile(
    # "följa upp" in each form: "följs upp", "följas upp", "Vi följer upp löftet", "följde upp"
    r"\bföljs upp|\bföljas upp|\bfölja upp|\bfölj(?:er|de)\s+(?:\w+\s+)?upp\b|uppföljning|redovisas"
    r"|utvärderas|återrapport",
    re.IGNORECASE,
)
CHANNEL_CUE = re.compile(
    r"kommunicera|hemsid|webbplats|sociala medier|facebook|instagram|www\.|https?://"
    r"|information om|nyhetsbrev",
    re.IGNORECASE,
)
AIM = re.compile(
    r"\b(arbeta|verka)\s+(för|mot)\b.{0,60}\b(brottslighet|trygghet|förtroende|prioriterade)",
    re.IGNORECASE,
)
PROMISED_AIM = re.compile(
    r"\blovar\b.{0,80}?\b(arbeta|verka)\s+(för|mot)\b"
    r"|\blovar\s+att\s+(?:öka|minska|stärka|förbättra|motverka|förebygga|bekämpa)\b(?![^.]*\bgenom\b)",
    re.IGNORECASE,
)
"""The promise's own statement of what the parties work for ("Kommunen och polisen lovar att
arbeta för att motverka droganvändning bland unga"), or what they promise to change, a verb of
change right after "lovar att" ("… lovar att öka tryggheten i Säters centrum och minska
buskörningen"; not with the means, "… genom att …", which is an action): its topic is the
promise's priority."""
PROBLEM_CUE = re.compile(r"problem|otrygg|\boro\b|utsatt|stör|ökande|ökat antal", re.IGNORECASE)
# The promise's aim in general words ("lovar att arbeta för att ...", "genomföra en rad åtgärder"),
# which, right before a list of activities, introduces that list rather than being one.
GENERIC_AIM = re.compile(
    r"\b(arbeta|verka)\s+(för|mot)\b|\b(en rad|flera|följande|konkreta)\s+(\w+\s+)?"
    r"(åtgärder|aktiviteter|insatser)\b",
    re.IGNORECASE,
)
UNNAMED_THINGS = re.compile(
    r"\b(några|vissa|ett antal|ett par|olika)\s+(\w+\s+)?(saker|frågor)\b", re.IGNORECASE
)
"""An object that names no action, only an unnamed number of things ("satsa på några särskilda
saker för att öka tryggheten"): the promise described in general, not one of its activities."""
# Reported speech in an article: "..., säger Anna Berg, kommunpolis."
SPEECH = re.compile(
    r"(,|–|—)\s*(säger|sa|berättar|förklarar|menar|konstaterar|betonar|understryker)\s+"
    r"\w",
)
PRIORITY_LIST_CUE = re.compile(
    r"prioriter|fokusområde|fokusera på|satsningsområde|inriktning på", re.IGNORECASE
)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def strip_dashes(s: str) -> str:
    return s.strip().strip("–—-").strip()


@dataclass
class Ctx:
    """What governs a block: the part, the open priority, a governing actor heading."""

    part: Part = Part.intro
    priority: int | None = None
    actor: Roles | None = None
    joint_intro: bool = False


@dataclass
class Heading:
    level: int
    priority: int | None = None
    actor: Roles | None = None
    problem: Problem | None = None


@dataclass
class State:
    blocks: list[Block]
    text: str
    lexicon: Lexicon
    finder: ActorFinder
    municipality: MunicipalityInfo | None
    priorities: list[Priority] = field(default_factory=list)
    list_priorities: list[Priority] = field(default_factory=list)
    aim_areas: list[tuple[str, Passage, str]] = field(default_factory=list)
    """(priority-area concept, passage, the document's words) of aims ("arbeta för att …")."""
    activities: list[Activity] = field(default_factory=list)
    parties: list[ActorRef] = field(default_factory=list)
    """The promise's parties when the text names more than the police and the municipality
    (:mod:`kg.extract.parties`)."""
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    heading_problems: list[Problem] = field(default_factory=list)
    situation_blocks: list[Block] = field(default_factory=list)
    intro_blocks: list[Block] = field(default_factory=list)
    followup_spans: list[tuple[Block, int, int, bool]] = field(default_factory=list)
    """(block, start, end, has a follow-up cue) of sentences about follow-up and channels."""
    notes: list[str] = field(default_factory=list)
    omissions: list[Omission] = field(default_factory=list)
    truncated: bool = False
    parts: dict[int, Part] = field(default_factory=dict)
    """The part each block (by index) was read in, for what ``--explain`` lists as left out."""
    closing: dict[int, str] = field(init=False)
    """For each item (by block index) of a list closed by a responsibility line ("Ansvar:
    Kommunen" under it), who the line names (:func:`.closing.closing_lines`)."""

    def __post_init__(self) -> None:
        self.closing = closing_lines(self.blocks, self.finder)

    def omit(self, passage: Passage, reason: str) -> None:
        if all(o.passage != passage for o in self.omissions):
            self.omissions.append(Omission(passage, reason))
