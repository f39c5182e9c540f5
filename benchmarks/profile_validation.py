"""CPU time of validation alone, as the importer validates: the files of the first N municipality
folders of a corpus, in the importer's slices (:func:`kg.ingest.prepare.prepare_files`), with the
follow-ups whose promise is in the same slice validated beside it; each slice's
``Validator.validate`` call is recorded once and then timed again (best of ``--runs``, CPU time of
this process, so that other work on the machine counts little).

    python benchmarks/generate.py --out benchmarks/out/national
    python benchmarks/profile_validation.py --municipalities 30
    python benchmarks/profile_validation.py --municipalities 30 --compare

``--compare`` alternates, run by run, the SPARQL-based constraints asked once per shape and run
(:mod:`kg.validation.sparql_batch`, as kg validates) with pySHACL's own path, one query per focus
node, and gives the best CPU time of each.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "national")
    ap.add_argument("--municipalities", type=int, default=30, help="the first N folders")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--compare", action="store_true", help="also pySHACL's path, one query per focus node")
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
    from contextlib import nullcontext

    from kg.validation.sparql_batch import per_focus_node

    ways: dict[str, Callable[[], AbstractContextManager[Any]]] = {
        "batched": nullcontext,
        "per focus node": per_focus_node,
    }
    if not args.compare:
        del ways["per focus node"]
    best = dict.fromkeys(ways, float("inf"))
    n = sum(len(d) for d, _ in calls)
    for _ in range(args.runs):
        for name, way in ways.items():
            runs = 0
            with way():
                start = time.process_time()
                for docs, contexts in calls:
                    real(docs, contexts)
                best[name] = min(best[name], time.process_time() - start)
    for name, seconds in best.items():
        sys.stdout.write(
            f"{n} documents in {len(calls)} slices, {runs} pySHACL runs, SPARQL {name}: best of {args.runs} "
            f"{seconds:.2f} s CPU, {seconds / n * 1000:.2f} ms a document\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
