"""Validity periods and dates as Swedish documents write them.

Periods: "2023-2024", "2023–24", "2020/2021", "2022 och 2023", "2017", "under 2017", "2018-07-01—2020-06-30",
"januari-juni 2024", "augusti 2023 – juni 2024", "1 juli 2019 – 30 juni 2020", "läsåret 2023/2024",
"från och med januari 2025 till och med december 2026", "hösten 2024 och våren 2025".
Dates: "2021-03-11", "8 mars 2021", "2023-05-xx" (kept as text only).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from kg.errors import ExtractionError
from kg.extract.model import Passage, Period
from kg.extract.text import Block, BlockKind, sentences

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
_SEASON = (
    r"(?:våren|hösten|sommaren|vintern|vår|höst|sommar|vinter|sommarlovet|jullovet|sportlovet|påsklovet)"
)
TIME_LABEL = re.compile(
    rf"\s*(?:(?:{_MONTH}|{_SEASON})(?:\s*[–—-]\s*(?:{_MONTH}|{_SEASON}))?(?:\s+\d{{4}})?"
    r"|vecka\s+\d{1,2}(?:\s*[–—-]\s*\d{1,2})?|(?:Q|kvartal\s+)[1-4](?:\s+\d{4})?|löpande|hela\s+året)"
    r"\s*:\s+(?=[A-ZÅÄÖ])",
    re.IGNORECASE,
)
"""A time set before what is done then, a schedule's label ("Januari–mars: Polisen genomför …",
"Hösten 2025: …", "Vecka 12: …", "Q2: …", "Löpande: …"): when, no part of the sentence."""
_TO = r"(?:[-–—]|till(?:\s+och\s+med)?|t\.?\s?o\.?\s?m\.?)"
_DASH = rf"\s*{_TO}\s*"
"""Between the two ends of a range: a dash, "till", "till och med", "t.o.m." (the first end may
have its own "från och med", "fr.o.m.", which stands before it)."""
_YEAR = r"(?:19[89]\d|20\d\d)"

_DATE_RANGE = re.compile(rf"(?<![\d-])(\d{{4}}-\d{{2}}-\d{{2}}){_DASH}(\d{{4}}-\d{{2}}-\d{{2}})(?![\d])")
_DAY_MONTH_RANGE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+({_MONTH})(?:\s+({_YEAR}))?{_DASH}(\d{{1,2}})\s+({_MONTH})\s+({_YEAR})(?!\d)",
    re.IGNORECASE,
)
_MONTH_RANGE = re.compile(
    rf"(?<![\wåäö])({_MONTH})(?:\s+({_YEAR}))?{_DASH}({_MONTH})\s+({_YEAR})(?!\d)", re.IGNORECASE
)
_SCHOOL_YEAR = re.compile(rf"\bläsåret\s+({_YEAR})\s*[/-]\s*(\d{{2}}|{_YEAR})(?!\d)", re.IGNORECASE)
_HALF = r"(?:vår|höst)(?:en|terminen)"
_SEASON_RANGE = re.compile(
    rf"\b({_HALF})\s+({_YEAR})\s*(?:och|samt|&|{_TO})\s*({_HALF})\s+({_YEAR})(?!\d)",
    re.IGNORECASE,
)
"""Two halves of the year as a range or a pair ("hösten 2024 och våren 2025", "våren 2025 –
hösten 2026", "höstterminen 2024 till vårterminen 2025"): the spring is January to June and the
autumn July to December, the terms of a school year (as "läsåret 2024/2025" is July to June)."""
_YEAR_RANGE = re.compile(rf"(?<![\d/-])({_YEAR})\s*(?:/|{_TO})\s*(\d{{4}}|\d{{2}})(?![\d-])")
_YEAR_PAIR = re.compile(rf"(?<![\d/-])({_YEAR})\s+(?:och|samt|&)\s+({_YEAR})(?![\d/-])")
"""Two consecutive years written as a pair ("för 2022 och 2023"): one two-year period."""
_SINGLE_YEAR = re.compile(rf"(?<![\d/-])({_YEAR})(?![\d/]|-\d)")

DATE = re.compile(
    rf"(?<![\d-])(\d{{4}})-(\d{{2}})-(\d{{2}}|xx|XX)(?![\d])|(?<!\d)(\d{{1,2}})\s+({_MONTH})\s+({_YEAR})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PeriodMatch:
    start: date
    end: date
    verbatim: str
    pos: int
    end_pos: int
    kind: str
    """``dates``, ``months``, ``school-year``, ``seasons``, ``years`` or ``year`` (and, for a
    :class:`~kg.extract.model.Period` only, ``from-signing``)."""


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_periods(text: str) -> list[PeriodMatch]:
    """Every period-like expression in ``text``, most specific first where they overlap."""
    found: list[PeriodMatch] = []
    taken: list[tuple[int, int]] = []

    def add(p: PeriodMatch) -> None:
        if any(p.pos < b and a < p.end_pos for a, b in taken):
            return
        if p.end < p.start:
            return
        found.append(p)
        taken.append((p.pos, p.end_pos))

    for m in _DATE_RANGE.finditer(text):
        a = _safe_date(*map(int, m.group(1).split("-")))
        b = _safe_date(*map(int, m.group(2).split("-")))
        if a and b:
            add(PeriodMatch(a, b, m.group(0), m.start(), m.end(), "dates"))
    for m in _DAY_MONTH_RANGE.finditer(text):
        y2 = int(m.group(6))
        y1 = int(m.group(3)) if m.group(3) else y2
        a = _safe_date(y1, MONTHS[m.group(2).lower()], int(m.group(1)))
        b = _safe_date(y2, MONTHS[m.group(5).lower()], int(m.group(4)))
        if a and b:
            add(PeriodMatch(a, b, m.group(0), m.start(), m.end(), "dates"))
    for m in _MONTH_RANGE.finditer(text):
        y2 = int(m.group(4))
        y1 = int(m.group(2)) if m.group(2) else y2
        m1, m2 = MONTHS[m.group(1).lower()], MONTHS[m.group(3).lower()]
        add(PeriodMatch(date(y1, m1, 1), _month_end(y2, m2), m.group(0), m.start(), m.end(), "months"))
    for m in _SCHOOL_YEAR.finditer(text):
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
        if y2 == y1 + 1:
            add(PeriodMatch(date(y1, 7, 1), date(y2, 6, 30), m.group(0), m.start(), m.end(), "school-year"))
    for m in _SEASON_RANGE.finditer(text):
        y1, y2 = int(m.group(2)), int(m.group(4))
        a = date(y1, 1, 1) if m.group(1).lower().startswith("vår") else date(y1, 7, 1)
        b = date(y2, 6, 30) if m.group(3).lower().startswith("vår") else date(y2, 12, 31)
        if y2 <= y1 + 6:
            add(PeriodMatch(a, b, m.group(0), m.start(), m.end(), "seasons"))
    for m in _YEAR_RANGE.finditer(text):
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
        if y1 < y2 <= y1 + 6:
            add(PeriodMatch(date(y1, 1, 1), date(y2, 12, 31), m.group(0), m.start(), m.end(), "years"))
    for m in _YEAR_PAIR.finditer(text):
        y1, y2 = int(m.group(1)), int(m.group(2))
        if y2 == y1 + 1:
            add(PeriodMatch(date(y1, 1, 1), date(y2, 12, 31), m.group(0), m.start(), m.end(), "years"))
    for m in _SINGLE_YEAR.finditer(text):
        y = int(m.group(1))
        add(PeriodMatch(date(y, 1, 1), date(y, 12, 31), m.group(0), m.start(), m.end(), "year"))
    found.sort(key=lambda p: p.pos)
    return found


def parse_period(value: str) -> PeriodMatch | None:
    """A period given by the user (``--period 2023-2024``), or None if it is not one."""
    found = find_periods(value.strip())
    if len(found) == 1 and found[0].verbatim.strip() == value.strip():
        return found[0]
    return None


@dataclass(frozen=True)
class DateMatch:
    text: str
    value: date | None
    """None for incomplete dates such as "2023-05-xx"."""
    pos: int
    end_pos: int


def find_dates(text: str) -> list[DateMatch]:
    out: list[DateMatch] = []
    for m in DATE.finditer(text):
        if m.group(1):
            day = m.group(3)
            value = None if not day.isdigit() else _safe_date(int(m.group(1)), int(m.group(2)), int(day))
        else:
            value = _safe_date(int(m.group(6)), MONTHS[m.group(5).lower()], int(m.group(4)))
        out.append(DateMatch(m.group(0), value, m.start(), m.end()))
    return out


# -- the validity period of a document -----------------------------------------------------------

STATED = 2
"""A period scoring less stands in no heading, not at the top and in no sentence about the
promise or its validity ("under hösten 2015" in an activity): the text does not state it as the
promise's period, and the graph records it as an inference."""
_VALIDITY = re.compile(r"gäller|giltig|period|löftestid", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"{_MONTH}\s*$", re.IGNORECASE)
_NOT_VALIDITY = re.compile(r"årsskifte|sedan|från och med år|jämfört|i slutet av|under \d")


_NUMBER = {"ett": 1, "två": 2, "tre": 3, "fyra": 4}
_FROM_SIGNING = re.compile(
    r"\b(?:gäller|löper|varar)\s+(?:i\s+|under\s+)?(?P<n>ett|två|tre|fyra|[1-4])\s+år\s+"
    r"(?:från|efter|räknat\s+från)\b[^.]{0,50}?(?:teckn\w*|skrivs\s+under|signer\w*|underskrift\w*)",
    re.IGNORECASE,
)
"""A validity stated as a duration from the signing: "Löftet gäller i två år från den dag det
skrivs under", "gäller under ett år från undertecknandet"."""


def _from_signing(blocks: list[Block], signed: date | None, where: str) -> Period:
    """The period a duration from the signing states, counted from the signatures' date; an
    :class:`ExtractionError` that says what is missing when the text states neither."""
    for b in blocks:
        m = _FROM_SIGNING.search(b.text)
        if m is None:
            continue
        if signed is None:
            raise ExtractionError(
                f"Texten säger att löftet gäller {m.group(0)!r} men anger inget datum för "
                "underskrifterna; ange perioden med --period. / The text says the promise runs "
                f"{m.group(0)!r} but dates no signature; give the period with --period.",
                where=where,
            )
        years = _NUMBER.get(m.group("n").lower()) or int(m.group("n"))
        end = _safe_date(signed.year + years, signed.month, signed.day) or date(signed.year + years, 3, 1)
        end = date.fromordinal(end.toordinal() - 1)
        return Period(
            signed, end, m.group(0), b.span(m.start(), m.end()), "from-signing", rule="period-from-signing"
        )
    raise ExtractionError(
        "Hittade ingen giltighetsperiod (t.ex. 2023-2024) i texten. Ange den med --period. / "
        "No validity period (e.g. 2023-2024) was found; give it with --period.",
        where=where,
    )


def choose_period(
    blocks: list[Block],
    *,
    given: str | None,
    where: str,
    notes: list[str],
    first_activity: int | None = None,
    signed: date | None = None,
) -> Period:
    """The promise's validity period: the one given with ``--period``, else the best-placed
    period of the text. A period scores for standing in a heading, near the top, in a sentence
    about the promise or its validity, and for being a range; the heading nearest before the
    first activity (``first_activity``, an offset) marks the section the promise is in, so a
    page that announces next year's promise above this year's ("Medborgarlöften 2018/2019 …
    Medborgarlöften 2015/2016: Polisen och kommunen lovar att: …") takes the one the
    activities are under. With no period in the text, a duration from the signing ("Löftet
    gäller i två år från den dag det skrivs under") counts from ``signed``, the signatures'
    date. None: :class:`ExtractionError` asking for ``--period``."""
    if given:
        pm = parse_period(given)
        if pm is None:
            raise ExtractionError(
                f"Perioden {given!r} går inte att tolka; skriv t.ex. 2023-2024, 2017 eller "
                f"2018-07-01—2020-06-30. / Cannot read the period {given!r}.",
                where=where,
            )
        return Period(pm.start, pm.end, pm.verbatim, Passage(0, 0), pm.kind, given=True)
    governing = None
    if first_activity is not None:
        before = [b for b in blocks if b.kind is BlockKind.heading and b.end <= first_activity]
        governing = next((b for b in reversed(before) if find_periods(b.text)), None)
    scored: list[tuple[int, int, PeriodMatch]] = []
    for b in blocks:
        for s, e in sentences(b.text) if b.kind is not BlockKind.heading else [(0, len(b.text))]:
            sentence = b.text[s:e]
            for pm in find_periods(sentence):
                if pm.kind == "year" and _DATE_BEFORE.search(sentence[: pm.pos]):
                    continue  # "12 december 2023", "i mars 2024": a date (of publication), not a period
                score = 0
                if b.kind is BlockKind.heading:
                    score += 4
                if b is governing:
                    score += 5  # stronger than standing at the top: the activities are under it
                if b is blocks[0] or b.lines[0].number <= 3:
                    score += 3
                if re.search(r"löfte", sentence, re.IGNORECASE):
                    score += 2
                if _VALIDITY.search(sentence):
                    score += 2
                if pm.kind != "year":
                    score += 1
                if _NOT_VALIDITY.search(sentence[max(0, pm.pos - 20) : pm.pos].lower()):
                    score -= 5
                passage = b.span(s + pm.pos, s + pm.end_pos)
                found = PeriodMatch(pm.start, pm.end, pm.verbatim, passage.start, passage.end, pm.kind)
                scored.append((score, -passage.start, found))
    if not scored:
        return _from_signing(blocks, signed, where)
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    best = scored[0][2]
    rule = "" if scored[0][0] >= STATED else "period-from-other-date"
    rivals = {(p.start, p.end) for score, _, p in scored if score >= scored[0][0] - 1 and score >= 4}
    if len(rivals) > 1:
        notes.append(
            f"flera perioder i texten; valde {best.verbatim} / "
            f"several periods in the text; chose {best.verbatim}"
        )
    return Period(best.start, best.end, best.verbatim, Passage(best.pos, best.end_pos), best.kind, rule=rule)
