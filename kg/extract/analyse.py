"""From blocks to the typed model: the document's parts, its priorities, activities, outcomes,
follow-up plan and signatures.

The entry point, and what names the document: municipality, police area and period. The rest
lives in :mod:`.sections` (the walk over blocks), :mod:`.activities`, :mod:`.outcomes` and
:mod:`.priorities`, sharing :mod:`.state`.

A document is read as a sequence of *parts* (introduction, situation picture, activities,
outcomes, follow-up), switched by headings whose wording says what follows ("Situationen idag",
"Det här ska vi göra", "Det här ska vi åstadkomma tillsammans", "Följ med i hur det går!").
Inside the activities part, headings that name a priority area open a priority ("Fokus mot
narkotika"), headings that name an actor govern the bullets under them ("Polisen lovar"), and
every bullet, every promise sentence of prose and every "problem – actors – activity" block is
an activity. Follow-up and channel sentences are recognised wherever they stand.
"""

from __future__ import annotations

import re

from kg.errors import ExtractionError
from kg.extract.actors import ActorFinder
from kg.extract.joint import parties_of
from kg.extract.lexicon import Lexicon
from kg.extract.model import Analysis, Municipality, Party
from kg.extract.omissions import collect
from kg.extract.outcomes import followup
from kg.extract.parties import named_parties
from kg.extract.periods import choose_period
from kg.extract.police_areas import police_area_of
from kg.extract.priorities import (
    choose_priorities,
    description,
    link_priorities,
    situation,
)
from kg.extract.sections import walk
from kg.extract.signatures import find_signatures
from kg.extract.state import State
from kg.extract.text import lines_of, segment

_PROMISE_CUE = re.compile(r"medborgarlöfte|medborgarlöften|\blöfte|\blovar\b", re.IGNORECASE)
_REPORT_WORD = re.compile(r"uppföljning|redovisning|återrapport|utvärdering", re.IGNORECASE)
"""A title that reports on a promise rather than makes one ("Uppföljning av medborgarlöftet 2023")."""


def followup_title(text: str) -> tuple[int, str] | None:
    """(line number, line) of the title of a follow-up report of a promise, or None: a short line
    among the first that names a promise and a report on it. A promise's own follow-up plan
    ("Uppföljning" as a heading further down) is not its title."""
    shown = 0
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.strip(" #*\t").split()
        if not words:
            continue
        shown += 1
        if shown > 4:
            return None
        if len(words) <= 12 and _PROMISE_CUE.search(line) and _REPORT_WORD.search(line):
            return number, " ".join(words)
    return None


# ---------------------------------------------------------------------------------------------
# Entry point


def analyse(
    text: str,
    *,
    source_name: str,
    lexicon: Lexicon,
    municipality: str | None = None,
    police_area: str | None = None,
    period: str | None = None,
    url: str | None = None,
) -> Analysis:
    """The typed model of one normalised text; :class:`ExtractionError` when it is not a promise
    or lacks what cannot be guessed (the municipality, the period)."""
    if not _PROMISE_CUE.search(text):
        raise ExtractionError(
            "Texten ser inte ut som ett medborgarlöfte: den nämner varken medborgarlöfte eller "
            "något löfte. / The text does not look like a citizen promise: it mentions neither "
            "'medborgarlöfte' nor any promise.",
            where=source_name,
        )
    report = followup_title(text)
    if report is not None:
        number, line = report
        raise ExtractionError(
            f"Texten ser ut som en uppföljning av ett medborgarlöfte, inte ett löfte (rad {number}: "
            f"“{line}”). Skriv uppföljningen med 'kg followup new <löftets ID> --period PERIOD' och "
            "fyll i hur varje aktivitet genomfördes. / The text looks like a follow-up report of a "
            f"citizen promise, not a promise (line {number}: “{line}”). Write the follow-up with "
            "'kg followup new <promise ID> --period PERIOD' and fill in how each activity was carried out.",
            where=source_name,
        )
    lines = lines_of(text)
    sig_block = find_signatures(text, lexicon, lines=lines)
    blocks = [b for b in segment(text) if b.start < sig_block.start]
    notes = [f"upprepat stycke hoppades över / repeated paragraph skipped: rad {b.lines[0].number}"
             for b in blocks if b.duplicate]  # fmt: skip
    blocks = [b for b in blocks if not b.duplicate]

    mun: Municipality | None = None
    also: list[Municipality] = []
    mun_error: ExtractionError | None = None
    try:
        mun, also = parties_of(text, given=municipality, url=url, where=source_name)
    except ExtractionError as exc:
        if municipality:
            raise
        mun_error = exc
    info = lexicon.municipalities[mun.code] if mun is not None else None
    finder = ActorFinder(lexicon, info, [lexicon.municipalities[m.code] for m in also])
    st = State(blocks, text, lexicon, finder, info, notes=notes)
    st.parties = named_parties(blocks, finder)
    for party in st.parties:
        if party.party is Party.local and party.actor_type is None:
            notes.append(
                f"aktörstyp saknas för {party.label}: texten säger inte vad det är för organisation; "
                f"ange mbl:actorType i utkastet / no actor type for {party.label}: the text does not say "
                "what kind of organisation it is; add mbl:actorType to the draft"
            )
    walk(st)
    if not st.activities:
        walk(st, intro_as_activities=True)
    if not st.activities:
        raise ExtractionError(
            "Texten ser inte ut som ett medborgarlöfte: inga utlovade aktiviteter hittades (inga "
            "punkter eller meningar med 'ska', 'lovar' eller en ansvarig aktör). / The text does "
            "not look like a citizen promise: no promised activities were found.",
            where=source_name,
        )
    if mun is None:
        assert mun_error is not None
        raise mun_error
    first = min(a.passage.start for a in st.activities)
    per = choose_period(blocks, given=period, where=source_name, notes=notes, first_activity=first)
    lpo, police_candidates = police_area_of(text, given=police_area)
    priorities = choose_priorities(st)
    link_priorities(st, priorities)
    situation_picture = situation(st)
    plan = followup(st)
    intro = description(st)
    return Analysis(
        source_name=source_name,
        text=text,
        municipality=mun,
        also_municipalities=also,
        police_area=lpo,
        period=per,
        title=f"Medborgarlöfte {_names([mun, *also])} {per.verbatim}",
        description=intro[0] if intro else None,
        description_passage=intro[1] if intro else None,
        situation=situation_picture,
        priorities=priorities,
        activities=st.activities,
        outcomes=st.outcomes,
        followup=plan,
        signatures=sig_block.signatures,
        notes=st.notes,
        omissions=collect(st),
        truncated=st.truncated,
        police_candidates=police_candidates if lpo is None else [],
        url=url,
    )


def _names(parties: list[Municipality]) -> str:
    """ "Köpings kommun", or for a joint promise "Arboga kommun, Köpings kommun och Kungsörs kommun"
    (in the order the text names them)."""
    names = [m.name for m in sorted(parties, key=lambda m: m.passage.start if m.passage else 0)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"
