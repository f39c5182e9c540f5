"""The scorecard as rows: one per municipality (``kg quality``'s table and CSV), and the details of
one municipality (its promises and its import history) for the table of ``--municipality``."""

from __future__ import annotations

import csv
import io

from kg.quality.model import Counts, MunicipalityQuality, Scorecard, span

COLUMNS = (
    "code",
    "municipality",
    "promises",
    "covered",
    "missing",
    "current",
    "violations",
    "warnings",
    "infos",
    "assumptions",
    "followups",
    "followups_due",
    "followups_expected",
    "activities",
    "actor_share",
    "frequency_share",
    "type_share",
    "history",
)
"""The columns of the per-municipality table and CSV."""


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(100 * value)} %"


def _years(runs: list[tuple[int, int]]) -> str:
    return ", ".join(span(r) for r in runs)


def _history(m: MunicipalityQuality) -> str:
    if not m.promises:
        return ""
    if m.without_history and not m.history:
        return "ingen historik / no history"
    return f"{len(m.history)} importer / imports"


def municipality_row(m: MunicipalityQuality, *, plain: bool = False) -> dict[str, object]:
    """One municipality's row; ``plain`` keeps numbers as numbers (CSV, JSON) and shares as 0-1."""
    c = m.counts
    shares: dict[str, object]
    if plain:
        shares = {
            "actor_share": c.actor_share,
            "frequency_share": c.frequency_share,
            "type_share": c.type_share,
        }
    else:
        shares = {
            "actor_share": _percent(c.actor_share),
            "frequency_share": _percent(c.frequency_share),
            "type_share": _percent(c.type_share),
        }
    return {
        "code": m.code or "",
        "municipality": m.name,
        "promises": len(m.promises),
        "covered": _years(m.covered),
        "missing": _years(m.gaps),
        "current": ("ja / yes" if m.current else "nej / no") if not plain else m.current,
        "violations": c.violations,
        "warnings": c.warnings,
        "infos": c.infos,
        "assumptions": c.assumptions,
        "followups": m.followups,
        "followups_due": m.followups_due,
        "followups_expected": m.followups_expected,
        "activities": c.activities,
        **shares,
        "history": _history(m),
    }


def rows(card: Scorecard, *, plain: bool = False) -> list[dict[str, object]]:
    return [municipality_row(m, plain=plain) for m in card.municipalities]


def to_csv(card: Scorecard) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows(card, plain=True):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


PROMISE_COLUMNS = (
    "promise",
    "period",
    "followups",
    "due",
    "expected",
    "warnings",
    "infos",
    "assumptions",
    "activities",
)
CHANGE_COLUMNS = (
    "when",
    "document",
    "revision",
    "violations",
    "warnings",
    "infos",
    "assumptions",
    "activities",
    "with_actor",
    "with_frequency",
    "with_type",
)


def _signed(now: int, delta: int | None) -> str:
    if delta is None or delta == 0:
        return str(now)
    return f"{now} ({delta:+d})"


def promise_rows(m: MunicipalityQuality) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for p in m.promises:
        out.append(
            {
                "promise": (p.doc_id or p.iri) + (" (exempel / example)" if p.example else ""),
                "period": f"{(p.start or '')[:10]} – {(p.end or '')[:10]}",
                "followups": p.followups,
                "due": "" if p.due is None else p.due,
                "expected": "" if p.expected is None else p.expected,
                "warnings": p.counts.warnings,
                "infos": p.counts.infos,
                "assumptions": p.counts.assumptions,
                "activities": p.counts.activities,
            }
        )
    return out


def change_rows(m: MunicipalityQuality) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for ch in m.changes:
        d = ch.delta or Counts()
        known = ch.delta is not None
        row: dict[str, object] = {"when": ch.when, "document": ch.doc_id, "revision": ch.revision}
        for name in CHANGE_COLUMNS[3:]:
            row[name] = _signed(getattr(ch.counts, name), getattr(d, name) if known else None)
        out.append(row)
    return out
