"""The scorecard's charts as inline SVG, drawn by this module (no JavaScript, nothing fetched).

Every text that reaches the SVG (labels, titles, document IDs) goes through :func:`_e`, which
escapes ``& < > " '``; numbers are formatted by Python. Colours are presentation attributes, so
the pages need no inline style.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from kg.quality.model import HistoryPoint, MunicipalityQuality

COVERED, MISSING, AXIS = "#2c7bb6", "#d7301f", "#1d2733"
SERIES = (
    ("warnings", "#fdae61"),
    ("infos", "#2c7bb6"),
    ("assumptions", "#7b3294"),
    ("violations", "#d7301f"),
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _open(width: int, height: int, title: str, testid: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" data-testid="{_e(testid)}"><title>{_e(title)}</title>'
    )


@dataclass(frozen=True)
class Words:
    """The chart's words in the page's language."""

    title: str
    missing: str = "saknas / missing"


def _fraction(iso: str | None, default: float) -> float:
    """A date as a fractional year (2025-07-01 -> about 2025.5)."""
    if not iso:
        return default
    try:
        y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    except ValueError:
        return default
    return y + (m - 1) / 12 + (d - 1) / 365


def coverage_timeline(m: MunicipalityQuality, words: Words, width: int = 720) -> str:
    """One lane per promise, from its start to its end, and the missing years in red below."""
    years = m.years
    if not years:
        return ""
    first, last = min(years), max(max(years), m.current_year if m.current_year else max(years))
    if m.current_year and m.current_year < first:
        first = m.current_year
    left, right, lane = 200, 10, 20
    scale = (width - left - right) / (last + 1 - first)
    rows = len(m.promises) + 1
    height = rows * lane + 30
    out = [_open(width, height, words.title, "coverage-timeline")]
    for i, p in enumerate(m.promises):
        y = i * lane + 4
        x0 = left + (_fraction(p.start, first) - first) * scale
        x1 = left + (_fraction(p.end, _fraction(p.start, first) + 1) + 1 / 365 - first) * scale
        label = p.doc_id or p.iri.rsplit("/", 1)[-1]
        out.append(f'<text x="4" y="{y + 12}" font-size="11" fill="{AXIS}">{_e(label[-30:])}</text>')
        out.append(
            f'<rect x="{_num(x0)}" y="{y}" width="{_num(max(2.0, x1 - x0))}" height="14" fill="{COVERED}">'
            f"<title>{_e(label)}: {_e((p.start or '')[:10])} – {_e((p.end or '')[:10])}</title></rect>"
        )
    y = len(m.promises) * lane + 4
    out.append(f'<text x="4" y="{y + 12}" font-size="11" fill="{MISSING}">{_e(words.missing)}</text>')
    for a, b in m.gaps:
        x0 = left + (a - first) * scale
        span = f"{a}" if a == b else f"{a}–{b}"
        out.append(
            f'<rect x="{_num(x0)}" y="{y}" width="{_num((b + 1 - a) * scale)}" height="14" fill="{MISSING}" '
            f'data-gap="{_e(span)}"><title>{_e(words.missing)}: {_e(span)}</title></rect>'
        )
    for year in range(first, last + 1):
        x = left + (year - first) * scale
        out.append(
            f'<line x1="{_num(x)}" y1="0" x2="{_num(x)}" y2="{height - 18}" stroke="#ccd" stroke-width="1"/>'
        )
        out.append(f'<text x="{_num(x + 2)}" y="{height - 4}" font-size="11" fill="{AXIS}">{year}</text>')
    out.append("</svg>")
    return "".join(out)


def coverage_by_year(counts: dict[int, int], total: int, words: Words, width: int = 720) -> str:
    """Columns: how many municipalities a promise covers, per year (of ``total``)."""
    if not counts:
        return ""
    height, bottom, top = 180, 20, 16
    step = width / len(counts)
    peak = max(max(counts.values()), 1)
    out = [_open(width, height, words.title, "coverage-by-year")]
    for i, (year, n) in enumerate(sorted(counts.items())):
        h = (height - bottom - top) * n / peak
        x = i * step + 2
        out.append(
            f'<rect x="{_num(x)}" y="{_num(height - bottom - h)}" width="{_num(max(1.0, step - 4))}" '
            f'height="{_num(h)}" fill="{COVERED if n else MISSING}">'
            f"<title>{year}: {n} / {total}</title></rect>"
        )
        out.append(
            f'<text x="{_num(x)}" y="{_num(height - bottom - h - 3)}" font-size="10" fill="{AXIS}">{n}</text>'
        )
        out.append(f'<text x="{_num(x)}" y="{height - 5}" font-size="10" fill="{AXIS}">{year}</text>')
    out.append("</svg>")
    return "".join(out)


def findings_over_time(
    points: list[HistoryPoint], words: Words, labels: dict[str, str], width: int = 720
) -> str:
    """Lines of warnings, infos, assumptions and violations after each import (a point each)."""
    if not points:
        return ""
    height, left, bottom, top, right = 200, 40, 36, 10, 10
    peak = max(max(getattr(p.counts, s) for s, _ in SERIES for p in points), 1)
    n = len(points)
    step = (width - left - right) / max(n - 1, 1)

    def xy(i: int, value: int) -> str:
        return f"{_num(left + i * step)},{_num(height - bottom - (height - bottom - top) * value / peak)}"

    out = [_open(width, height, words.title, "findings-over-time")]
    out.append(f'<text x="2" y="{top + 8}" font-size="10" fill="{AXIS}">{peak}</text>')
    out.append(f'<text x="2" y="{height - bottom}" font-size="10" fill="{AXIS}">0</text>')
    for series, colour in SERIES:
        pts = " ".join(xy(i, getattr(p.counts, series)) for i, p in enumerate(points))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, p in enumerate(points):
            value = getattr(p.counts, series)
            cx, cy = xy(i, value).split(",")
            out.append(
                f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}">'
                f"<title>{_e(p.when)}: {_e(labels.get(series, series))} {value}</title></circle>"
            )
    for i in sorted({0, n - 1}):
        anchor = "start" if i == 0 else "end"
        out.append(
            f'<text x="{_num(left + i * step)}" y="{height - bottom + 14}" font-size="10" '
            f'text-anchor="{anchor}" fill="{AXIS}">{_e(points[i].when[:16])}</text>'
        )
    for j, (series, colour) in enumerate(SERIES):
        x = left + j * 150
        out.append(f'<rect x="{x}" y="{height - 12}" width="10" height="10" fill="{colour}"/>')
        label = _e(labels.get(series, series))
        out.append(f'<text x="{x + 14}" y="{height - 3}" font-size="11" fill="{AXIS}">{label}</text>')
    out.append("</svg>")
    return "".join(out)


def year_strip(m: MunicipalityQuality, first: int, last: int, missing: str) -> str:
    """A municipality's years ``first``..``last`` as a row of cells: covered, missing between
    promises, or neither (for the country's table)."""
    if last < first:
        return ""
    covered, gaps = set(m.years), {y for a, b in m.gaps for y in range(a, b + 1)}
    cell = 10
    out = [_open(cell * (last + 1 - first), 12, f"{m.name}", "year-strip")]
    for i, year in enumerate(range(first, last + 1)):
        if year in covered:
            colour, what = COVERED, str(year)
        elif year in gaps:
            colour, what = MISSING, f"{year}: {missing}"
        else:
            colour, what = "#e4e8ec", str(year)
        out.append(
            f'<rect x="{i * cell}" y="1" width="{cell - 1}" height="10" fill="{colour}">'
            f"<title>{_e(what)}</title></rect>"
        )
    out.append("</svg>")
    return "".join(out)
