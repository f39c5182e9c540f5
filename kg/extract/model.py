"""The typed intermediate model between text analysis and RDF building.

Every extracted item carries a :class:`Passage`: where in the *normalised* text it came from
(character offsets, end exclusive). ``--explain``, the golden tests and the Web Annotation
selectors in the graph are all built from these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from kg.extract.place_phrases import PlacePhrase


@dataclass(frozen=True)
class Passage:
    """A span of the normalised source text: ``text[start:end]``."""

    start: int
    end: int

    def exact(self, text: str) -> str:
        return text[self.start : self.end]


class Party(StrEnum):
    """How an actor is represented in the graph."""

    police = "police"
    """The promise's police unit (the local police area, else the Police Authority)."""
    municipality = "municipality"
    """The municipality as an organisation."""
    local = "local"
    """A department, company or other actor of the municipality (``id/org/kommun-{code}/{slug}``)."""
    post = "post"
    """A post the text names as the actor, a job title ("Trygghetssamordnaren", "kommunens
    fältassistenter"): an ``org:Post`` of the promise (``<promise>/post/{slug}``)."""


@dataclass(frozen=True)
class PostOf:
    """What the text says of a post (:class:`ActorRef` of :attr:`Party.post`)."""

    role: str | None = None
    """IRI of the post-vocabulary concept (``org:role``), None for a title the vocabulary does not
    list ("Ungdomscoacherna", read by its role suffix)."""
    org: ActorRef | None = None
    """The organisation the text names the post in ("kommunens", "Köpings", "polisens",
    "socialtjänstens" before it, "i Köping" after it): ``org:postIn`` as stated."""
    kind: Party | None = None
    """Where a post of its kind is (the police for a "-polis", the municipality for a post the
    vocabulary relates to it): ``org:postIn`` as an assumption when ``org`` is None; None when
    nothing says."""


UNIT_TYPES = frozenset({"forvaltning", "namnd", "socialtjanst", "skola", "fritidsverksamhet"})
"""Actor kinds (actor-type notations) that are a department of a municipality."""


EACH_MUNICIPALITY = "*"
"""The :attr:`ActorRef.owner` of a unit that each municipality of a joint promise has, as the text
says ("socialtjänsten i båda kommunerna"): one unit in each of them."""


@dataclass(frozen=True)
class ActorRef:
    """An actor named in the text, resolved to one of the parties or a local actor."""

    party: Party
    label: str
    actor_type: str | None = None
    """IRI of the actor-type concept (local actors)."""
    owner: str | None = None
    """The SCB code of the municipality the text ties the actor to, where it names one of a joint
    promise's municipalities ("Arboga kommun"), or names one before or after a local actor
    ("Köpings socialtjänst", "kommunens socialtjänst", "socialtjänsten i Köping": a department's
    owner; "Köpings fastighetsägare": only where they are); :data:`EACH_MUNICIPALITY` where the
    text says it is each of a joint promise's municipalities' own ("socialtjänsten i båda
    kommunerna", "kommunernas fältassistenter"); None when the text does not say."""
    post: PostOf | None = None
    """For :attr:`Party.post`: its role and the organisation it is in."""

    @property
    def key(self) -> str:
        owner = f"@{self.owner}" if self.owner else ""
        named = self.party in (Party.local, Party.post)
        base = f"{self.party}:{self.label.casefold()}" if named else str(self.party)
        if self.post is not None and self.post.org is not None:
            owner += f"@{self.post.org.key}"
        return base + owner


@dataclass
class Municipality:
    code: str
    name: str
    surface: str
    passage: Passage | None
    """None when given by the user (``--municipality``) rather than found in the text."""
    rule: str = ""
    """How it was found: ``option:--municipality``, or the naming context of its first mention
    (:mod:`kg.extract.naming`: ``official-name``, ``title``, ``preposition``, ``url-host`` …)."""
    stated: bool = True
    """False when the text itself does not name it (given by the steward, or inferred from the
    page's address or a police area's name)."""
    evidence: str = ""
    """The candidates and their mentions, for ``--explain``."""


@dataclass
class PoliceArea:
    name: str
    passage: Passage | None
    iri: str | None = None
    """The reference IRI when the reference graph knows the area."""
    given: bool = False
    """Given by the steward (``--police-area``)."""
    near: tuple[str, ...] = ()
    """For a given area the reference does not know: the names of the nearest it knows."""


@dataclass
class Period:
    start: date
    end: date
    verbatim: str
    passage: Passage
    kind: str = ""
    """How the text writes it (:attr:`kg.extract.periods.PeriodMatch.kind`)."""
    given: bool = False
    """Given by the steward (``--period``)."""
    rule: str = ""
    """Empty when the text states it as the promise's period; ``period-from-other-date`` when it
    is the only date the text gives, but not for the promise (an activity's "hösten 2015");
    ``period-from-signing`` when it starts at the signatures' date ("gäller i två år från den dag
    det skrivs under", "gäller till och med december 2026")."""
    stated_end: bool = False
    """With :attr:`rule`: the text states the end itself ("till och med december 2026"), so only
    the start is an assumption."""

    @property
    def key(self) -> str:
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}-{self.end.year}"


@dataclass
class Frequency:
    concept: str | None
    """IRI of the frequency concept, None when the phrase maps to none."""
    phrase: str
    passage: Passage
    rule: str | None = None
    """The assumption rule when the rate is a reading the text does not state (a weekday named in
    the singular read as weekly, :mod:`.frequencies`)."""


@dataclass
class Place:
    name: str
    passage: Passage

    @property
    def slug(self) -> str:
        from kg.iris import slugify

        return slugify(self.name)


@dataclass
class Problem:
    description: str
    passage: Passage
    areas: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    title: str | None = None


@dataclass
class Priority:
    title: str
    passage: Passage
    areas: list[str] = field(default_factory=list)
    rule: str = ""
    """Empty when the text states the priority (a heading, a list, what the promise says it works
    for); else the rule that inferred it (``priority-from-problems``,
    ``priority-from-activities``)."""


@dataclass
class Activity:
    description: str
    passage: Passage
    responsible: list[ActorRef] = field(default_factory=list)
    partners: list[ActorRef] = field(default_factory=list)
    actor_source: str = ""
    """How the responsible actors were found: ``ansvarig``, ``tag``, ``subject``, ``heading``,
    ``list`` (problem – actors – activity blocks), ``joint`` (the sentence says both parties:
    "Tillsammans …", "Vi …"), ``joint-intro`` (an introduction "Vi lovar … genom att:") or
    ``default`` (no actor named: both parties assumed)."""
    priority: int | None = None
    """Index (from 0) into :attr:`Analysis.priorities`."""
    priority_rule: str = ""
    """Empty when the document's structure puts the activity under its priority; else the rule
    that linked them (``activity-priority-by-area``)."""
    activity_types: list[str] = field(default_factory=list)
    frequency: Frequency | None = None
    quantity: int | None = None
    places: list[Place] = field(default_factory=list)
    title: str = ""
    """The title a card gives the work ("Trygghetsvandringar i centrum" over its fields and
    description: :mod:`.cards`); empty where the text titles no one activity."""
    where: list[PlacePhrase] = field(default_factory=list)
    """Its place phrases: where it is done, in the text's words, with the kinds of place."""
    audience: str = ""
    """The words of its "Målgrupp" cell or field (a table's column, a record's field): every
    target group they name is the activity's, with no word that aims the action needed."""


@dataclass
class Outcome:
    description: str
    passage: Passage
    indicators: list[str] = field(default_factory=list)
    indicator_text: str | None = None


@dataclass
class Channel:
    label: str
    passage: Passage
    url: str | None = None
    channel_type: str | None = None


@dataclass
class Forum:
    """The body or the meetings where the promise is followed up, in the document's words."""

    label: str
    passage: Passage


@dataclass
class FollowUpPlan:
    description: str
    passage: Passage
    frequency: Frequency | None = None
    channels: list[Channel] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)


@dataclass
class Signature:
    name: str
    passage: Passage
    post: str | None = None
    post_concept: str | None = None
    party: Party | None = None
    organisation: str | None = None
    """The words of the organisation the signature names ("Hedemora kommun"), if any."""
    place: str | None = None
    date_text: str | None = None
    date: date | None = None
    dated_by_block_end: bool = False
    """The place and date are the block's only date line, standing under the last signature and
    read as the whole block's: a reading, recorded as an assumption (:mod:`.signatures`)."""


@dataclass
class SituationPicture:
    description: str
    passage: Passage
    knowledge_sources: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class AssumptionKind(StrEnum):
    """The concepts of ``ontology/vocab/assumption-kind.ttl`` (their IRI's last segment)."""

    default = "standardvarde"
    inference = "slutsats"
    steward = "forvaltarens-uppgift"
    unknown = "okant"


@dataclass(frozen=True)
class Assumption:
    """A statement of the document's graph that the text does not state (``mbl:Assumption``)."""

    subject: str
    """IRI of the node."""
    predicate: str
    """IRI of the property."""
    value: str | None
    """The assumed value as written in the graph (an IRI or a literal's text); None when
    unknown (the triple is then absent from the graph)."""
    kind: AssumptionKind
    rule: str
    """``option:--municipality`` (the steward's option) or ``extract:<rule-id>``."""
    reason_sv: str
    reason_en: str
    term: Any = None
    """The value as an RDF term (``rdflib`` URIRef or Literal), None when unknown."""


@dataclass
class Omission:
    """A part of the text that held promise-like sentences but gave no activity, and why."""

    passage: Passage
    reason: str
    """Swedish first, English beside."""


@dataclass(frozen=True)
class Cited:
    """A value of the promise itself that the text states, with the passage that states it: what
    the draft's citation of it says (:mod:`kg.extract.citations`), for ``--explain``."""

    predicate: str
    """The property's IRI (``dct:audience``, ``mbl:area`` …)."""
    value: str
    """The value's IRI or lexical form."""
    passage: Passage
    kind: str | None = None
    """An area's kind (its ``mbl:areaKind`` concept), else None."""


@dataclass
class Analysis:
    """Everything extracted from one document, before it becomes RDF."""

    source_name: str
    text: str
    """The normalised text all passages point into."""
    municipality: Municipality
    police_area: PoliceArea | None
    period: Period
    also_municipalities: list[Municipality] = field(default_factory=list)
    """A joint promise's other municipalities (:mod:`kg.extract.joint`); the promise's ID is made
    from :attr:`municipality`."""
    title: str | None = None
    description: str | None = None
    description_passage: Passage | None = None
    """The paragraph the description is (cited for the promise's ``dct:description``)."""
    situation: SituationPicture | None = None
    priorities: list[Priority] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    followup: FollowUpPlan | None = None
    signatures: list[Signature] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Things a steward should check (skipped duplicates, guesses)."""
    omissions: list[Omission] = field(default_factory=list)
    """What ``--explain`` lists as left out (:mod:`kg.extract.omissions`)."""
    truncated: bool = False
    """The text ends mid-sentence (a page cut off); what was complete is kept."""
    police_candidates: list[str] = field(default_factory=list)
    """Police areas the text names equally often (then :attr:`police_area` is None)."""
    assumptions: list[Assumption] = field(default_factory=list)
    """What the graph states that the text does not (filled in when the graph is built)."""
    cited: list[Cited] = field(default_factory=list)
    """The promise's own values the graph cites, each with its passage (filled in when the graph
    is built, as the citations are written)."""
    url: str | None = None
    """The page's address when the file gives it (a first line ``# source: <url>``)."""
