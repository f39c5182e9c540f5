"""Evaluate ``kg extract`` against the hand-checked golden files in tests/golden/extract/.

Reports precision and recall of activities, and accuracy of municipality, period, responsible
actors and frequency (the last two over the activities matched to a golden activity), plus how
many texts that must be refused were refused.

Run: .venv/bin/python benchmarks/eval_extraction.py [--verbose]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from kg.errors import ExtractionError
from kg.extract import extract_file
from kg.extract.summary import match_activities, summarise

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "extract"
ROOTS = {"seeds": REPO.parent / "shared" / "seeds", "fixtures": REPO / "tests" / "fixtures" / "extract"}


def source_path(golden: dict[str, Any]) -> Path:
    root, _, name = str(golden["source"]).partition("/")
    return ROOTS[root] / name


def load_goldens() -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(GOLDEN.glob("*.yaml"))]


def evaluate(verbose: bool = False) -> dict[str, Any]:
    rows = []
    totals = {"pred": 0, "gold": 0, "matched": 0, "actors": 0, "freq": 0}
    docs = mun_ok = period_ok = refused = must_refuse = skipped = 0
    for name, golden in load_goldens():
        path = source_path(golden)
        if not path.exists():
            skipped += 1
            continue
        options = golden.get("options") or {}
        if "error" in golden:
            must_refuse += 1
            try:
                extract_file(path, **options)
                ok = False
            except ExtractionError as exc:
                ok = str(golden["error"]).lower() in str(exc).lower()
            refused += ok
            rows.append((name, "refused" if ok else "NOT REFUSED", "", "", "", ""))
            continue
        expected = golden["expected"]
        got = summarise(extract_file(path, **options).analysis)
        docs += 1
        mun_ok += got["municipality"] == expected["municipality"]
        period_ok += got["period"]["start"] == expected["period"]["start"] and (
            got["period"]["end"] == expected["period"]["end"]
        )
        pairs = match_activities(got["activities"], expected["activities"])
        actors = sum(p["responsible"] == g["responsible"] for p, g in pairs)
        freq = sum(p["frequency"] == g["frequency"] for p, g in pairs)
        totals["pred"] += len(got["activities"])
        totals["gold"] += len(expected["activities"])
        totals["matched"] += len(pairs)
        totals["actors"] += actors
        totals["freq"] += freq
        rows.append(
            (name, f"{len(pairs)}/{len(got['activities'])}/{len(expected['activities'])}",
             "ok" if got["municipality"] == expected["municipality"] else "WRONG",
             "ok" if got["period"] == expected["period"] else "differs",
             f"{actors}/{len(pairs)}", f"{freq}/{len(pairs)}")
        )  # fmt: skip
        if verbose:
            for p, g in pairs:
                if p["responsible"] != g["responsible"] or p["frequency"] != g["frequency"]:
                    print(f"  {name}: {p['text'][:50]!r}: {p['responsible']} {p['frequency']}"
                          f" != {g['responsible']} {g['frequency']}")  # fmt: skip

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    return {
        "rows": rows,
        "documents": docs,
        "skipped": skipped,
        "activity_precision": ratio(totals["matched"], totals["pred"]),
        "activity_recall": ratio(totals["matched"], totals["gold"]),
        "municipality_accuracy": ratio(mun_ok, docs),
        "period_accuracy": ratio(period_ok, docs),
        "actor_accuracy": ratio(totals["actors"], totals["matched"]),
        "frequency_accuracy": ratio(totals["freq"], totals["matched"]),
        "refused": f"{refused}/{must_refuse}",
    }


def main(argv: list[str]) -> int:
    result = evaluate(verbose="--verbose" in argv)
    header = ("golden file", "act m/p/g", "kommun", "period", "actors", "frequency")
    widths = [max(len(str(r[i])) for r in [header, *result["rows"]]) for i in range(6)]
    for r in [header, *result["rows"]]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    print()
    print(f"documents: {result['documents']} (skipped, source missing: {result['skipped']})")
    for key in ("activity_precision", "activity_recall", "municipality_accuracy", "period_accuracy",
                "actor_accuracy", "frequency_accuracy"):  # fmt: skip
        print(f"{key:24} {result[key]:.3f}")
    print(f"{'non-promises refused':24} {result['refused']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
