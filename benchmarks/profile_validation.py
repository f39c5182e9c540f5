"""CPU time of validation alone, as the importer validates: the files of the first N municipality
folders of a corpus, in the importer's slices (:func:`kg.ingest.prepare.prepare_files`), with the
follow-ups whose promise is in the same slice validated beside it; each slice's
``Validator.validate`` call is recorded once and then timed again (best of ``--runs``, CPU time of
this process, so that other work on the machine counts little).

    python benchmarks/generate.py --out benchmarks/out/national
    python benchmarks/profile_validation.py --municipalities 30
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "national")
    ap.add_argument("--municipalities", type=int, default=30, help="the first N folders")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    import kg.validation.validator as validator_module
    from kg.ingest.prepare import Job, prepare_files
    from kg.iris import DEFAULT_BASE
    from kg.validation.validator import default_validator

    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir())[: args.municipalities]
    files = sorted(f for d in folders for f in d.iterdir() if f.is_file())
    validator = default_validator()
    calls: list[tuple[Any, Any]] = []
    real = validator.validate

    def record(docs: Any, contexts: Any = None) -> Any:
        calls.append((docs, contexts))
        return real(docs, contexts)

    validator.validate = record  # type: ignore[method-assign,assignment]
    job = Job(base=DEFAULT_BASE)
    for i in range(0, len(files), 64):
        prepare_files(files[i : i + 64], job, validator)
    runs = 0
    shacl = validator_module.Validator._shacl

    def counted(self: Any, *a: Any, **k: Any) -> Any:
        nonlocal runs
        runs += 1
        return shacl(self, *a, **k)

    validator_module.Validator._shacl = counted  # type: ignore[method-assign]
    best = float("inf")
    for _ in range(args.runs):
        runs = 0
        start = time.process_time()
        for docs, contexts in calls:
            real(docs, contexts)
        best = min(best, time.process_time() - start)
    n = sum(len(d) for d, _ in calls)
    sys.stdout.write(
        f"{n} documents in {len(calls)} slices, {runs} pySHACL runs: best of {args.runs} "
        f"{best:.2f} s CPU, {best / n * 1000:.2f} ms a document\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
