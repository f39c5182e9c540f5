"""Validity periods and dates as Swedish documents write them.

Periods: "2023-2024", "2023–24", "2020/2021", "2017", "under 2017", "2018-07-01—2020-06-30",
"januari-juni 2024", "augusti 2023 – juni 2024", "1 juli 2019 – 30 juni 2020", "läsåret 2023/2024".
Dates: "2021-03-11", "8 mars 2021", "2023-05-xx" (kept as text only).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
_DASH = r"\s*(?:[-–—]|till|t\.?o\.?m\.?)\s*"
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
_YEAR_RANGE = re.compile(rf"(?<![\d/-])({_YEAR})\s*(?:[-–—/]|till)\s*(\d{{4}}|\d{{2}})(?![\d-])")
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
    """``dates``, ``months``, ``school-year``, ``years`` or ``year``."""


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
    for m in _YEAR_RANGE.finditer(text):
        y1 = int(m.group(1))
        y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
        if y1 < y2 <= y1 + 6:
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
