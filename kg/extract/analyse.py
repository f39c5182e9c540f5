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

from kg.errors import ExtractionError
from kg.extract.actors import ActorFinder
from kg.extract.cards import card_rows
from kg.extract.headings import titled_types
from kg.extract.joint import parties_of
from kg.extract.language import mark_foreign
from kg.extract.lexicon import Lexicon, MunicipalityInfo
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
from kg.extract.reports import (
    PROMISE_CUE,
    deeds,
    mostly_reported,
    next_promise,
    report_error,
    report_title,
    reports,
)
from kg.extract.sections import walk
from kg.extract.signatures import find_signatures
from kg.extract.state import State
from kg.extract.text import Block, lines_of, segment

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
    if not PROMISE_CUE.search(text):
        raise ExtractionError(
            "Texten ser inte ut som ett medborgarlöfte: den nämner varken medborgarlöfte eller "
            "något löfte. / The text does not look like a citizen promise: it mentions neither "
            "'medborgarlöfte' nor any promise.",
            where=source_name,
        )
    report = report_title(text)
    lines = lines_of(text)
    sig_block = find_signatures(text, lexicon, lines=lines)
    after = sig_block.end if sig_block.end is not None else len(text)
    blocks = [b for b in segment(text) if b.start < sig_block.start or b.start >= after]
    mark_foreign(blocks)
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
    st = _read(blocks, text, lexicon, finder, info, notes, report=report, source_name=source_name)
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
    dates = [s.date for s in sig_block.signatures if s.date is not None]
    per = choose_period(
        blocks,
        given=period,
        where=source_name,
        notes=notes,
        first_activity=first,
        signed=max(dates, default=None),
    )
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


def _read(
    blocks: list[Block],
    text: str,
    lexicon: Lexicon,
    finder: ActorFinder,
    info: MunicipalityInfo | None,
    notes: list[str],
    *,
    report: tuple[int, str] | None,
    source_name: str,
) -> State:
    """The walk over the blocks. A follow-up report (its title says so, or most of what was read
    as activities, with the prose sentences that tell what was done, is in the past or perfect:
    :mod:`.reports`) is refused, unless it goes on with
    a new promise: then that part is read, and the report above it is not."""
    st = _walk(blocks, text, lexicon, finder, info, notes)
    k = next_promise(blocks)
    if report is None:
        # what was read as activities, above the new promise where the text goes on with one
        cut = blocks[k].start if k is not None else len(text)
        items = [(a.passage.start, a.passage.exact(text)) for a in st.activities if a.passage.start < cut]
        items = sorted(items + deeds(st, cut))  # a report in prose: what was done, not read as items
        if not mostly_reported([t for _, t in items]):
            return st
        start, told = next((s, t) for s, t in items if reports(t))
        report = text.count("\n", 0, start) + 1, " ".join(told.split())
    if k is None:
        raise report_error(source_name, report)
    notes.append(
        f"en uppföljning av ett tidigare löfte (till rad {blocks[k].lines[0].number - 1}) lästes inte "
        f"som aktiviteter; löftet börjar vid “{blocks[k].text}” / a follow-up report of an earlier "
        f"promise (up to line {blocks[k].lines[0].number - 1}) was not read as activities; the "
        f"promise starts at “{blocks[k].text}”"
    )
    return _walk(blocks[k:], text, lexicon, finder, info, notes)


def _walk(
    blocks: list[Block],
    text: str,
    lexicon: Lexicon,
    finder: ActorFinder,
    info: MunicipalityInfo | None,
    notes: list[str],
) -> State:
    blocks = card_rows(blocks, lexicon, finder)
    st = State(blocks, text, lexicon, finder, info, notes=notes)
    st.parties = named_parties(blocks, finder)
    for party in st.parties:
        if party.party is Party.local and party.actor_type is None:
            note = (
                f"aktörstyp saknas för {party.label}: texten säger inte vad det är för organisation; "
                f"ange mbl:actorType i utkastet / no actor type for {party.label}: the text does not say "
                "what kind of organisation it is; add mbl:actorType to the draft"
            )
            if note not in notes:
                notes.append(note)
    walk(st)
    if not st.activities:
        walk(st, intro_as_activities=True)
    titled_types(st)
    return st


def _names(parties: list[Municipality]) -> str:
    """ "Köpings kommun", or for a joint promise "Arboga kommun, Köpings kommun och Kungsörs kommun"
    (in the order the text names them)."""
    names = [m.name for m in sorted(parties, key=lambda m: m.passage.start if m.passage else 0)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"
