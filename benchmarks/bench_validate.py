"""Benchmark: validating one typical document, and batches of documents.

Runnable standalone from the repository root:

    .venv/bin/python benchmarks/bench_validate.py [--runs 50] [--batch 64]

It measures, on the worked example (examples/nykoping-2025-2026.ttl as the importer loads it,
with its source node: about 170 triples), the time of :meth:`kg.validation.validator.Validator.validate`
(median and p95 over ``--runs`` runs, after one warm-up), then the throughput of
:meth:`~kg.validation.validator.Validator.validate` on ``--batch`` distinct documents (the example
rewritten for as many real municipality codes), in one call, against the same documents one
at a time. Parsing is not timed; the validator is built once, as the importer does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.documents.load import Document, load_document  # noqa: E402
from kg.iris import Minter  # noqa: E402
from kg.validation.validator import Validator  # noqa: E402

EXAMPLE = ROOT / "examples" / "nykoping-2025-2026.ttl"
CODES = [
    "0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128", "0136", "0138", "0139",
    "0140", "0160", "0162", "0163", "0180", "0181", "0182", "0183", "0184", "0186", "0187", "0188",
    "0191", "0192", "0305", "0319", "0330", "0331", "0360", "0380", "0381", "0382", "0428", "0461",
    "0480", "0481", "0482", "0483", "0484", "0486", "0488", "0509", "0512", "0513", "0560", "0561",
    "0562", "0563", "0580", "0581", "0582", "0583", "0584", "0586", "0604", "0617", "0642", "0643",
    "0662", "0665", "0680", "0682",
]  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def documents(n: int, tmp: Path) -> list[Document]:
    """``n`` distinct documents: the example for ``n`` municipalities (same texts; the police
    party is the Police Authority, which covers every municipality, where the example's local
    police area covers only its own four)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    out = []
    for code in (CODES * (n // len(CODES) + 1))[:n]:
        path = tmp / f"{code}-{len(out)}.ttl"
        key = f"{code}-{2025 + 2 * (len(out) // len(CODES))}"
        doc = text.replace("0480-2025-2026", key).replace("kommun-0480", f"kommun-{code}")
        path.write_text(doc.replace("org/lpo-nykoping", "org/polismyndigheten"), "utf-8")
        out.append(load_document(path, minter=Minter()))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=50, help="runs of the single-document timing")
    parser.add_argument("--batch", type=int, default=64, help="documents in the batch timing")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    validator = Validator()
    build = time.perf_counter() - t0
    doc = load_document(EXAMPLE, minter=Minter())
    (report,) = validator.validate([doc])
    if report.findings:
        print(report.render_human("en"), file=sys.stderr)
        return 1
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        validator.validate([doc])
        times.append(time.perf_counter() - t)
    print(f"validator built once in {build * 1000:.0f} ms")
    print(
        f"one document ({len(doc.graph)} triples), {args.runs} runs: "
        f"median {statistics.median(times) * 1000:.1f} ms, p95 {percentile(times, 0.95) * 1000:.1f} ms"
    )

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        docs = documents(args.batch, Path(tmp))
    t = time.perf_counter()
    reports = validator.validate(docs)
    batched = time.perf_counter() - t
    bad = [r for r in reports if r.findings]
    if bad:
        print(bad[0].render_human("en"), file=sys.stderr)
        return 1
    t = time.perf_counter()
    for d in docs:
        validator.validate([d])
    single = time.perf_counter() - t
    print(
        f"{len(docs)} documents: one validate call {batched:.2f} s "
        f"({len(docs) / batched:.0f} documents/s), "
        f"one at a time {single:.2f} s ({len(docs) / single:.0f} documents/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
