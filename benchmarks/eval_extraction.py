"""Score the project's extractor (``kg.extract.extract_file``, what ``kg extract`` runs) against
the hand-made gold of the development set in ``benchmarks/gold/`` (format: its README.md).

Every document of a set (``seeds``: ../shared/seeds, ``dev``: ../shared/corpus/dev) is extracted
as a steward would run ``kg extract FILE``; the fields are read from the document's RDF graph
(the product, not the extractor's internal model) and compared with the gold:

- municipality, police area and period per document (accuracy);
- priority areas (micro precision/recall/F1 over the concept slugs of each document);
- activities (P/R/F1): an extracted activity matches a gold one when the offsets of its source
  passage (``oa:TextPositionSelector``) overlap the gold quote's span by at least half of the
  shorter of the two; each is matched at most once (best overlap first);
- on matched activities: responsible actors (actor types, police units collapsed), frequency,
  activity types, target groups and places (the gold's words against the place phrases and place
  names, by shared words);
- refusals: a not-a-promise or too-little document must be refused with the extractor's error;
  a refused promise is a miss on every field.

Values the graph records as assumptions (``mbl:Assumption``) count as *not stated*: where the
gold says the text does not state a value (null), an assumed value is right and a stated one is
wrong.

Run:  make eval   or   .venv/bin/python benchmarks/eval_extraction.py [--json] [--set dev] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_gold import SETS, load_gold
from eval_scoring import Score, prf, score_document

# ---------------------------------------------------------------------------------------------
# Totals and report


def ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def totals(scores: list[Score]) -> dict[str, Any]:
    promises = [s for s in scores if s.status == "promise"]
    others = [s for s in scores if s.status != "promise"]

    def acc(name: str) -> float | None:
        return ratio(sum(bool(s.fields.get(name)) for s in promises), len(promises))

    def summed(attr: str) -> list[int]:
        return [sum(getattr(s, attr)[i] for s in scores) for i in range(3)]

    matched = sum(s.matched for s in scores)
    return {
        "documents": len(scores),
        "promises": len(promises),
        "municipality": acc("municipality"),
        "police_area": acc("police_area"),
        "period": acc("period"),
        "priority_areas": prf(*summed("priority")),
        "activities": prf(*summed("activity")),
        "matched_activities": matched,
        "actors": ratio(sum(s.actors_exact for s in scores), matched),
        "actor_pairs": prf(*summed("actor_pairs")),
        "frequency": ratio(sum(s.frequency for s in scores), matched),
        "activity_types": prf(*summed("types")),
        "target_groups": prf(*summed("groups")),
        "places": prf(*summed("places")),
        "non_promises_refused": f"{sum(s.refused for s in others)}/{len(others)}",
        "promises_refused": f"{sum(s.refused for s in promises)}/{len(promises)}",
    }


def evaluate(sets: Iterable[str] = SETS) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in sets:
        docs = [d for d in load_gold([name]) if d.path.exists()]
        scores = [score_document(d) for d in docs]
        out[name] = {"documents": [score_json(s) for s in scores], "total": totals(scores), "_scores": scores}
    if len(out) > 1:
        every = [s for part in out.values() for s in part["_scores"]]
        out["all"] = {"documents": [], "total": totals(every), "_scores": every}
    return out


def score_json(s: Score) -> dict[str, Any]:
    return {
        "document": s.name,
        "status": s.status,
        "refused": s.refused,
        "asked": s.asked,
        "error": s.error,
        **{k: v for k, v in s.fields.items()},
        "priority_areas": prf(*s.priority),
        "activities": prf(*s.activity),
        "matched_activities": s.matched,
        "actors_exact": s.actors_exact,
        "frequency_right": s.frequency,
        "activity_types": prf(*s.types),
        "target_groups": prf(*s.groups),
        "places": prf(*s.places),
        "details": [d.strip() for d in s.details],
    }


def _f(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def _refusal(s: Score) -> str:
    if s.refused:
        return "yes"
    return "asked " + ", ".join(f"--{a}" for a in s.asked) if s.asked else "no"


def _mark(v: bool | None) -> str:
    return "–" if v is None else ("ok" if v else "**no**")


HEADER = (
    "| document | status | refused | kommun | LPO | period | prio P/R | act m/x/g | act F1 | actors | freq |"
)


def _prf(v: dict[str, Any]) -> str:
    return f"{_f(v['precision'])} / {_f(v['recall'])} / {_f(v['f1'])}"


MEASURES: list[tuple[str, Any]] = [
    ("municipality", lambda t: _f(t["municipality"])),
    ("police area", lambda t: _f(t["police_area"])),
    ("period", lambda t: _f(t["period"])),
    ("priority areas P / R / F1", lambda t: _prf(t["priority_areas"])),
    ("activities P / R / F1", lambda t: _prf(t["activities"])),
    ("responsible actors, exact (matched activities)", lambda t: _f(t["actors"])),
    ("responsible actors P / R / F1", lambda t: _prf(t["actor_pairs"])),
    ("frequency (matched activities)", lambda t: _f(t["frequency"])),
    ("activity types P / R / F1", lambda t: _prf(t["activity_types"])),
    ("target groups P / R / F1 (matched activities)", lambda t: _prf(t["target_groups"])),
    ("places P / R / F1 (matched activities)", lambda t: _prf(t["places"])),
    ("non-promises refused", lambda t: t["non_promises_refused"]),
    ("promises wrongly refused", lambda t: t["promises_refused"]),
]


def markdown(result: dict[str, Any], verbose: bool = False) -> str:
    lines = []
    for name, part in result.items():
        if name == "all":
            continue
        lines += [f"### {name} ({len(part['documents'])} documents)", "", HEADER]
        lines.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for s in part["_scores"]:
            pr, act = prf(*s.priority), prf(*s.activity)
            promise = s.status == "promise"
            lines.append(
                f"| {s.name} | {s.status} | {_refusal(s)} | "
                f"{_mark(s.fields.get('municipality')) if promise else '–'} | "
                f"{_mark(s.fields.get('police_area')) if promise else '–'} | "
                f"{_mark(s.fields.get('period')) if promise else '–'} | "
                f"{_f(pr['precision'])}/{_f(pr['recall'])} | {s.activity[0]}/{s.activity[0] + s.activity[1]}/"
                f"{s.activity[0] + s.activity[2]} | {_f(act['f1'])} | {s.actors_exact}/{s.matched} | "
                f"{s.frequency}/{s.matched} |"
            )
        lines.append("")
    names = list(result)
    lines += ["### Totals", "", "| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for label, show in MEASURES:
        lines.append(f"| {label} | " + " | ".join(show(result[n]["total"]) for n in names) + " |")
    lines.append("")
    if verbose:
        for name, part in result.items():
            for s in part["_scores"] if name != "all" else []:
                if s.details or s.error:
                    lines.append(f"{s.subset}/{s.name}: {s.error}")
                    lines.extend(s.details)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="only this set (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list misses, extras and wrong fields")
    args = parser.parse_args(argv)
    missing = [str(SETS[s]) for s in args.set or SETS if not SETS[s].is_dir()]
    if missing:
        where = ", ".join(missing)
        print(
            f"the development texts are missing: {where} (expected ../shared beside the checkout)",
            file=sys.stderr,
        )
        return 2
    result = evaluate(args.set or SETS)
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "_scores"} for k, v in result.items()},
                         indent=2, ensure_ascii=False))  # fmt: skip
    else:
        print(markdown(result, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
