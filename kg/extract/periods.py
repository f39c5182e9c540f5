"""Validity periods and dates as Swedish documents write them.

Periods: "2023-2024", "2023–24", "2020/2021", "2022 och 2023", "2017", "under 2017", "2018-07-01—2020-06-30",
"januari-juni 2024", "augusti 2023 – juni 2024", "1 juli 2019 – 30 juni 2020", "läsåret 2023/2024",
"läsåret 2025–2026", "från och med januari 2025 till och med december 2026", "hösten 2024 och våren
2025", "HT 2025 – VT 2026".
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
_SCHOOL_YEAR = re.compile(rf"\bläsår(?:et)?\s+({_YEAR})\s*[/–—-]\s*(\d{{2}}|{_YEAR})(?!\d)", re.IGNORECASE)
"""A school year: "läsåret 2025/2026", "läsåret 2025–2026" (any dash, as a range of years is
written), "läsår 2025/26"."""
_HALF = r"(?:(?:vår|höst)(?:en|terminen)|[HV]T)"
"""A half of the year: "hösten", "vårterminen", or a term's abbreviation, "HT" and "VT"."""
_SEASON_RANGE = re.compile(
    rf"\b({_HALF})\s*({_YEAR})\s*(?:och|samt|&|{_TO})\s*({_HALF})\s+({_YEAR})(?!\d)",
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
    :class:`~kg.extract.model.Period` only, ``relative``)."""


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
        a = date(y1, 1, 1) if m.group(1).lower().startswith(("vår", "vt")) else date(y1, 7, 1)
        b = date(y2, 6, 30) if m.group(3).lower().startswith(("vår", "vt")) else date(y2, 12, 31)
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
_RELATIVE_BEATS = 3
"""The highest score a period may have and still lose to a validity stated by its end or as a
time (:func:`_relative`): one standing near the top, in no heading and in no sentence about the
promise or its validity."""
_VALIDITY = re.compile(r"gäller|giltig|period|löftestid", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"{_MONTH}\s*$", re.IGNORECASE)
_NOT_VALIDITY = re.compile(r"årsskifte|sedan|från och med år|jämfört|i slutet av|under \d")


_NUMBER = {"ett": 1, "två": 2, "tre": 3, "fyra": 4}


def _date(name: str) -> str:
    """A date as a validity's end or start writes it: "31 december 2026", "december 2026",
    "2025-03-01" (named groups ``{name}_d``, ``_m``, ``_y``, ``_iso``)."""
    return (
        rf"(?:den\s+)?(?:(?:(?P<{name}_d>\d{{1,2}})\s+)?(?P<{name}_m>{_MONTH})\s+(?P<{name}_y>{_YEAR})"
        rf"|(?P<{name}_iso>{_YEAR}-\d{{2}}-\d{{2}}))"
    )


_VALID_FROM = re.compile(r"\b(?:gäller|löper|varar|är\s+giltig[t]?)\b[^.]{0,120}", re.IGNORECASE)
"""A sentence's statement of validity, to its end: "Löftet gäller i två år från den dag det
skrivs under", "gäller från undertecknandet till och med december 2026", "gäller till och med 31
december 2026", "gäller från 1 mars 2025 och två år framåt"."""
_START_DATE = re.compile(rf"\b(?:från(?:\s+och\s+med)?|med\s+(?:start|början))\s+{_date('s')}", re.IGNORECASE)
"""A validity's start: "från (och med) 1 mars 2025", or "med start (den) 1 mars 2025", "med
början …", a noun of beginning after "med"."""
_END_DATE = re.compile(rf"(?:\btill(?:\s+och\s+med)?|\bt\.?\s?o\.?\s?m\.?)\s+{_date('e')}", re.IGNORECASE)
_DURATION = re.compile(
    r"\b(?:i\s+|under\s+)?(?P<n>ett|två|tre|fyra|[1-4])\s+år,?\s+"
    r"(?:framåt|från|efter|räknat\s+från|med\s+(?:start|början))\b",
    re.IGNORECASE,
)


def _day(m: re.Match[str], name: str, *, end: bool) -> date | None:
    """The date a :func:`_date` match gives; a month without its day is its first or last day."""
    if m.group(f"{name}_iso"):
        y, mo, d = (int(x) for x in m.group(f"{name}_iso").split("-"))
        return _safe_date(y, mo, d)
    year, month = int(m.group(f"{name}_y")), MONTHS[m.group(f"{name}_m").lower()]
    if m.group(f"{name}_d"):
        return _safe_date(year, month, int(m.group(f"{name}_d")))
    return _month_end(year, month) if end else date(year, month, 1)


def _relative(blocks: list[Block], signed: date | None, where: str) -> Period | None:
    """A period stated without both its ends in figures: its end and no start ("gäller till och
    med 31 december 2026"), or a time ("i två år från den dag det skrivs under", "från 1 mars
    2025 och två år framåt"). A start the text gives is the promise's; else the start is the
    signing, counted from the signatures' date (an inference, :attr:`Period.rule`); an end is
    stated, or counted from the start to the day before its anniversary. None when no sentence
    states a validity so; :class:`ExtractionError` when its start is the signing but no
    signature is dated."""
    for b in blocks:
        for v in _VALID_FROM.finditer(b.text):
            words = v.group(0)
            start_m, end_m, duration = (
                _START_DATE.search(words),
                _END_DATE.search(words),
                _DURATION.search(words),
            )
            if end_m is None and duration is None:
                continue
            start = _day(start_m, "s", end=False) if start_m else None
            verbatim = words.rstrip(" ,;")
            if start is None:
                if signed is None:
                    raise ExtractionError(
                        f"Texten säger att löftet gäller {verbatim!r} men anger inget datum för "
                        "underskrifterna; ange perioden med --period. / The text says the promise "
                        f"runs {verbatim!r} but dates no signature; give the period with --period.",
                        where=where,
                    )
                start = signed
            if end_m is not None:
                end = _day(end_m, "e", end=True)
            else:
                assert duration is not None
                years = _NUMBER.get(duration.group("n").lower()) or int(duration.group("n"))
                anniversary = _safe_date(start.year + years, start.month, start.day)
                end = date.fromordinal((anniversary or date(start.year + years, 3, 1)).toordinal() - 1)
            if end is None or end < start:
                continue
            passage = b.span(v.start(), v.start() + len(verbatim))
            rule = "" if start_m else "period-from-signing"
            return Period(start, end, verbatim, passage, "relative", rule=rule, stated_end=end_m is not None)
    return None


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
    activities are under. With no period in figures, one stated by its end or as a time
    (:func:`_relative`) starts where the text says or at ``signed``, the signatures' date. None:
    :class:`ExtractionError` asking for ``--period``."""
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
    stated_ranges: list[PeriodMatch] = []  # ranges in a sentence about the validity
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
                if pm.kind != "year" and _VALIDITY.search(sentence) and score > 0:
                    stated_ranges.append(found)
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    if not scored or scored[0][0] <= _RELATIVE_BEATS:
        # a validity stated by its end or as a time beats a year the text gives for something
        # else, also near the top ("Enligt trygghetsmätningen 2024 …")
        relative = _relative(blocks, signed, where)
        if relative is not None:
            return relative
    if not scored:
        raise ExtractionError(
            "Hittade ingen giltighetsperiod (t.ex. 2023-2024) i texten. Ange den med --period. / "
            "No validity period (e.g. 2023-2024) was found; give it with --period.",
            where=where,
        )
    best = scored[0][2]
    rule = "" if scored[0][0] >= STATED else "period-from-other-date"
    if best.kind == "year":
        # "Medborgarlöfte 2025" over "… lovar under perioden 1 juli 2025 – 30 juni 2027": the title
        # names the year the promise starts, the sentence about its validity its whole period
        longer = [p for p in stated_ranges if p.start.year == best.start.year and p.end > best.end]
        if longer:
            best, rule = longer[0], ""
    rivals = {(p.start, p.end) for score, _, p in scored if score >= scored[0][0] - 1 and score >= 4}
    if len(rivals) > 1:
        notes.append(
            f"flera perioder i texten; valde {best.verbatim} / "
            f"several periods in the text; chose {best.verbatim}"
        )
    return Period(best.start, best.end, best.verbatim, Passage(best.pos, best.end_pos), best.kind, rule=rule)
