"""CPU time of an import worker outside validation: ``kg.ingest.prepare.prepare_files`` over the
first municipalities of the national corpus, in slices of 64 files as the workers take them, with
the validator's work left out of the figures (as used for the notes in NOTES.md).

    python benchmarks/profile_prepare.py --municipalities 30 --rounds 6
    PYTHONPATH=/path/to/other/checkout python benchmarks/profile_prepare.py ...   # another version

The first round validates and keeps each call's reports; later rounds read, check and work out
everything else again, and are handed those reports instead of validating (the same reports, so
the same records). Each round prints its CPU time (``time.process_time``: the machine may be busy)
and a digest of everything the workers hand the importer (each document's compressed triples,
derived facts, state lines, record, fields and report counts): two versions that make the same
outputs print the same digest. ``--phases`` also times the steps of ``prepare_files``.
"""

from __future__ import annotations

import argparse
import hashlib
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_STEPS = (
    "load_documents",
    "followup_context",
    "count_document",
    "compute_facts",
    "derived_quads",
    "state_lines",
    "document_record",
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "national")
    ap.add_argument("--municipalities", type=int, default=30, help="the first N folders")
    ap.add_argument("--rounds", type=int, default=4, help="rounds in all (the first validates)")
    ap.add_argument("--phases", action="store_true", help="time the steps of prepare_files too")
    args = ap.parse_args()

    import kg
    import kg.ingest.prepare as prepare
    from kg.ingest.prepare import Job, prepare_files
    from kg.iris import DEFAULT_BASE
    from kg.validation.validator import default_validator

    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir())[: args.municipalities]
    files = sorted(f for d in folders for f in d.iterdir() if f.is_file())
    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t

        return run

    validator = default_validator()
    validate = validator.validate
    reports: list[Any] = []
    calls = [0]

    def validate_once(docs: Sequence[Any], contexts: Sequence[Any] | None = None) -> Any:
        i = calls[0]
        calls[0] += 1
        if i >= len(reports):
            reports.append(validate(docs, contexts))
        return reports[i]

    validator.validate = timed("validate", validate_once)  # type: ignore[method-assign]
    if args.phases:
        for name in _STEPS:
            setattr(prepare, name, timed(name, getattr(prepare, name)))
        prepare.Document.packed = timed("packed", prepare.Document.packed)  # type: ignore[method-assign]
    job = Job(base=DEFAULT_BASE, moment="2026-12-06T23:00:00.123456Z", context="context")
    print(f"kg from {Path(kg.__file__).parent}, {len(files)} files")
    best: float | None = None
    for r in range(args.rounds):
        calls[0] = 0
        spent.clear()
        results = []
        t = time.process_time()
        for i in range(0, len(files), 64):
            results.extend(prepare_files(files[i : i + 64], job, validator))
        total = time.process_time() - t
        outside = total - spent.get("validate", 0.0)
        print(f"round {r}: {total:.3f} s CPU, {outside:.3f} s outside validation, digest {_digest(results)}")
        if args.phases:
            print("   ", ", ".join(f"{k} {v:.3f}" for k, v in sorted(spent.items())))
        if r:
            best = outside if best is None else min(best, outside)
    if best is not None:
        print(f"best outside validation (rounds 1-{args.rounds - 1}, reports replayed): {best:.3f} s CPU")
    return 0


def _unpack(blob: bytes) -> bytes:
    """A packed text, from this checkout (LZ4, kg.documents.codec) or an older one (zlib)."""
    try:
        from kg.documents.codec import unpack
    except ImportError:
        return zlib.decompress(blob)
    return unpack(blob)


def _digest(results: Sequence[Any]) -> str:
    h = hashlib.sha256()
    for result in results:
        h.update(repr((str(result.path), result.error and str(result.error))).encode())
        for d in result.docs:
            h.update(d.ntriples())
            h.update(d.derived_nquads())
            h.update(_unpack(d.state_lines) if d.state_lines else b"-")
            h.update(_unpack(d.record[1]) if d.record else b"-")
            fields: list[object] = [d.doc_id, d.kind, d.graph_iri, d.sha256, d.size, d.municipality]
            fields += [d.territory, d.period, d.follows, d.example, d.notes, d.counts, d.facts]
            fields += [d.context_of, d.record and d.record[0], d.report and d.report.counts(), dict(d.lines)]
            h.update(repr(fields).encode())
    return h.hexdigest()[:16]


if __name__ == "__main__":
    raise SystemExit(main())
