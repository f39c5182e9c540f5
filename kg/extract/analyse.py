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
from collections import Counter

from kg.errors import ExtractionError
from kg.extract.actors import ActorFinder, police_area_names
from kg.extract.lexicon import Lexicon
from kg.extract.model import Analysis, Municipality, Passage, Period, PoliceArea
from kg.extract.omissions import collect
from kg.extract.outcomes import followup
from kg.extract.periods import PeriodMatch, find_periods, parse_period
from kg.extract.priorities import (
    choose_priorities,
    description,
    link_priorities,
    situation,
)
from kg.extract.sections import walk
from kg.extract.signatures import find_signatures
from kg.extract.state import State
from kg.extract.text import Block, BlockKind, lines_of, segment, sentences

_PROMISE_CUE = re.compile(r"medborgarlöfte|medborgarlöften|\blöfte|\blovar\b", re.IGNORECASE)


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
    lines = lines_of(text)
    sig_block = find_signatures(text, lexicon, lines=lines)
    blocks = [b for b in segment(text) if b.start < sig_block.start]
    notes = [f"upprepat stycke hoppades över / repeated paragraph skipped: rad {b.lines[0].number}"
             for b in blocks if b.duplicate]  # fmt: skip
    blocks = [b for b in blocks if not b.duplicate]

    mun: Municipality | None = None
    mun_error: ExtractionError | None = None
    try:
        mun = _municipality(text, blocks, lexicon, municipality, source_name)
    except ExtractionError as exc:
        if municipality:
            raise
        mun_error = exc
    info = lexicon.municipalities[mun.code] if mun is not None else None
    finder = ActorFinder(lexicon, info)
    st = State(blocks, text, lexicon, finder, info, notes=notes)
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
    per = _period(text, blocks, period, source_name, notes)
    lpo = _police_area(text, lexicon, police_area)
    priorities = choose_priorities(st)
    link_priorities(st, priorities)
    situation_picture = situation(st)
    plan = followup(st)
    return Analysis(
        source_name=source_name,
        text=text,
        municipality=mun,
        police_area=lpo,
        period=per,
        title=f"Medborgarlöfte {mun.name} {per.verbatim}",
        description=description(st),
        situation=situation_picture,
        priorities=priorities,
        activities=st.activities,
        outcomes=st.outcomes,
        followup=plan,
        signatures=sig_block.signatures,
        notes=st.notes,
        omissions=collect(st),
        truncated=st.truncated,
    )


# ---------------------------------------------------------------------------------------------
# Municipality, period, police area


def _municipality(
    text: str, blocks: list[Block], lexicon: Lexicon, given: str | None, where: str
) -> Municipality:
    if given:
        info = lexicon.resolve_municipality(given)
        if info is None:
            raise ExtractionError(
                f"Okänd kommun {given!r}: ange en kommunkod (fyra siffror, t.ex. 0580) eller ett "
                f"kommunnamn. / Unknown municipality {given!r}: give an SCB code or a name.",
                where=where,
            )
        return Municipality(info.code, info.name, given, None)
    matches = lexicon.municipality_matcher.find(text)
    if not matches:
        raise ExtractionError(
            "Dokumentet namnger ingen kommun. Ange den med --municipality (kod eller namn, t.ex. "
            "--municipality 1280). / The document names no municipality; give it with "
            "--municipality (code or name).",
            where=where,
        )
    counts = Counter(m.concept for m in matches)
    heading_text = " ".join(b.text for b in blocks if b.kind is BlockKind.heading)
    for m in lexicon.municipality_matcher.find(heading_text):
        counts[m.concept] += 2
    first = {m.concept: i for i, m in reversed(list(enumerate(matches)))}
    code = max(counts, key=lambda c: (counts[c], -first.get(c, 10**6)))
    best = next(m for m in matches if m.concept == code)
    info = lexicon.municipalities[code]
    return Municipality(code, info.name, best.surface, Passage(best.start, best.end))


def _period(text: str, blocks: list[Block], given: str | None, where: str, notes: list[str]) -> Period:
    if given:
        pm = parse_period(given)
        if pm is None:
            raise ExtractionError(
                f"Perioden {given!r} går inte att tolka; skriv t.ex. 2023-2024, 2017 eller "
                f"2018-07-01—2020-06-30. / Cannot read the period {given!r}.",
                where=where,
            )
        return Period(pm.start, pm.end, pm.verbatim, Passage(0, 0))
    scored: list[tuple[int, int, PeriodMatch]] = []
    for b in blocks:
        for s, e in sentences(b.text) if b.kind is not BlockKind.heading else [(0, len(b.text))]:
            sentence = b.text[s:e]
            for pm in find_periods(sentence):
                score = 0
                if b.kind is BlockKind.heading:
                    score += 4
                if b is blocks[0] or b.lines[0].number <= 3:
                    score += 3
                if re.search(r"löfte", sentence, re.IGNORECASE):
                    score += 2
                if re.search(r"gäller|giltig|period|löftestid", sentence, re.IGNORECASE):
                    score += 2
                if pm.kind != "year":
                    score += 1
                before = sentence[max(0, pm.pos - 20) : pm.pos].lower()
                if re.search(
                    r"årsskifte|sedan|från och med år|jämfört|i slutet av|under \d",
                    before,
                ):
                    score -= 5
                passage = b.span(s + pm.pos, s + pm.end_pos)
                found = PeriodMatch(pm.start, pm.end, pm.verbatim, passage.start, passage.end, pm.kind)
                scored.append((score, -passage.start, found))
    if not scored:
        raise ExtractionError(
            "Hittade ingen giltighetsperiod (t.ex. 2023-2024) i texten. Ange den med --period. / "
            "No validity period (e.g. 2023-2024) was found; give it with --period.",
            where=where,
        )
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    best = scored[0][2]
    rivals = {(p.start, p.end) for score, _, p in scored if score >= scored[0][0] - 1 and score >= 4}
    if len(rivals) > 1:
        notes.append(
            f"flera perioder i texten; valde {best.verbatim} / "
            f"several periods in the text; chose {best.verbatim}"
        )
    return Period(best.start, best.end, best.verbatim, Passage(best.pos, best.end_pos))


def _police_area(text: str, lexicon: Lexicon, given: str | None) -> PoliceArea | None:
    if given:
        if lexicon.police_area_matcher is not None:
            found = lexicon.police_area_matcher.find(given)
            if found and found[0].end - found[0].start == len(given.strip()):
                return PoliceArea(lexicon.police_areas[found[0].concept], None)
        name = given.strip()
        if "lokalpolisområde" not in name.lower():
            name = f"Lokalpolisområde {name}"
        return PoliceArea(name, None)
    names = police_area_names(text, lexicon)
    if not names:
        return None
    counts = Counter(n for n, _, _ in names)
    name = max(counts, key=lambda n: (counts[n], -next(s for m, s, _ in names if m == n)))
    s, e = next((s, e) for m, s, e in names if m == name)
    return PoliceArea(name, Passage(s, e))


# ---------------------------------------------------------------------------------------------
# The walk over blocks
