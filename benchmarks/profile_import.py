"""Where an import spends its time: ``kg.ingest.importer.import_paths`` on the national corpus (or part
of it), as used for the notes in NOTES.md.

    python benchmarks/generate.py --out benchmarks/out/national
    python benchmarks/profile_import.py --municipalities 60    # 480 documents, under pyinstrument
    python benchmarks/profile_import.py --phases --workers 2   # all documents: wall time per phase
    python benchmarks/profile_import.py --phases --workers 2 --write-batch 1024   # larger bulk loads

The profile (``pip install pyinstrument``) covers the importer's own process only, so it runs
with ``--workers 1`` unless told otherwise. ``--phases`` runs the whole import (the store in a
temporary folder; the corpus is only read) and times each phase in wall time, CPU time of this
process and CPU time of the worker processes: building the validator, the system graphs, reading
the catalogue, the unchanged-file check, reading and validation, the follow-ups validated in the
importer's process, the write (and the follow-up state it computes, ``load_state``), the
compaction; the CPU of RocksDB's own threads before and in the compaction (by thread name,
/proc/self/task); then the peak RSS of this process and how long a
pool of worker processes takes to start (each importing kg and building the validator).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "national")
    ap.add_argument("--municipalities", type=int, default=None, help="only the first N folders")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--phases", action="store_true", help="time the phases instead of profiling")
    ap.add_argument(
        "--write-batch", type=int, default=None, help="documents a bulk load (ImportOptions.write_batch)"
    )
    args = ap.parse_args()
    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir())
    if args.municipalities is None and not args.phases:
        args.municipalities = 60
    folders = folders[: args.municipalities] if args.municipalities else folders
    tmp = Path(tempfile.mkdtemp(prefix="kg-profile-"))
    try:
        if args.phases:
            _phases(folders, tmp, args.workers, args.write_batch)
        else:
            _profile(folders, tmp, args.workers)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _profile(folders: list[Path], tmp: Path, workers: int) -> None:
    from pyinstrument import Profiler

    from kg.ingest.importer import ImportOptions, import_paths
    from kg.iris import Minter
    from kg.store.core import StoreSettings, open_store
    from kg.validation.validator import default_validator

    store = open_store(StoreSettings(tmp / "store"))
    validator = default_validator()
    profiler = Profiler()
    t = time.perf_counter()
    profiler.start()
    summary = import_paths(
        [str(f) for f in folders],
        store=store,
        minter=Minter(),
        validator=validator,
        options=ImportOptions(workers=workers),
    )
    profiler.stop()
    wall = time.perf_counter() - t
    store.close()
    sys.stdout.write(profiler.output_text(unicode=False, color=False))
    sys.stdout.write(f"\n{summary.written} documents in {wall:.1f} s under the profiler\n")


def _phases(folders: list[Path], tmp: Path, workers: int, write_batch: int | None = None) -> None:
    """Each phase of :func:`kg.ingest.importer.import_files` timed in wall and CPU time: the CPU
    time of this process, and of the worker processes (``RUSAGE_CHILDREN``: the pool is shut
    down, its workers waited for, when reading ends)."""
    import kg.ingest.bulk as bulk
    import kg.ingest.importer as importer
    import kg.ingest.prepare as prepare_module
    from kg.iris import Minter
    from kg.store.core import StoreSettings, open_store
    from kg.validation.validator import default_validator

    spent: dict[str, float] = {}
    used: dict[str, float] = {}  # CPU time of this process (the machine may be busy)
    children: dict[str, float] = {}  # CPU time of the worker processes

    def child_cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    def add(name: str, t: float, c: float, w: float) -> None:
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
        used[name] = used.get(name, 0.0) + time.process_time() - c
        children[name] = children.get(name, 0.0) + child_cpu() - w

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*a: Any, **k: Any) -> Any:
            t, c, w = time.perf_counter(), time.process_time(), child_cpu()
            try:
                return fn(*a, **k)
            finally:
                add(name, t, c, w)

        return run

    prepare = prepare_module.prepare

    def reading(*a: Any, **k: Any) -> Iterator[Any]:
        # a generator: timed from its first result to its end (the pool shut down)
        t, c, w = time.perf_counter(), time.process_time(), child_cpu()
        try:
            yield from prepare(*a, **k)
        finally:
            add("read and validate", t, c, w)

    prepare_module.prepare = reading  # type: ignore[assignment]
    importer.stored_records = timed("catalogue", importer.stored_records)  # type: ignore[assignment]
    importer.split_unchanged = timed("unchanged?", importer.split_unchanged)  # type: ignore[assignment]
    importer._validate_followups = timed("follow-ups", importer._validate_followups)  # type: ignore[assignment]
    importer._write = timed("write", importer._write)  # type: ignore[assignment]
    bulk.load_state = timed("  its state", bulk.load_state)  # type: ignore[assignment]
    rocksdb: dict[str, float] = {}
    compact = importer.compact

    def compacting(*a: Any, **k: Any) -> Any:
        rocksdb["before"] = _rocksdb_cpu()
        try:
            return compact(*a, **k)
        finally:
            rocksdb["after"] = _rocksdb_cpu()

    importer.compact = timed("compaction", compacting)  # type: ignore[assignment]
    importer.ensure_system_graphs = timed("system graphs", importer.ensure_system_graphs)  # type: ignore[assignment]
    cpu, cpu_children = time.process_time(), child_cpu()
    start = time.perf_counter()
    timed("validator", default_validator)()
    with open_store(StoreSettings(tmp / "store")) as store:
        summary = timed("import in all", importer.import_paths)(
            [str(f) for f in folders],
            store=store,
            minter=Minter(),
            validator=None,  # the bundled one, so that workers may be used
            options=importer.ImportOptions(
                workers=workers, **({"write_batch": write_batch} if write_batch else {})
            ),
        )
        t = time.perf_counter()
    spent["close"] = time.perf_counter() - t
    total = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu = time.process_time() - cpu
    cpu_children = child_cpu() - cpu_children
    sys.stdout.write(
        f"{summary.written} documents written, --workers {workers}: {total:.2f} s wall in all,"
        f" {cpu:.2f} s CPU in this process + {cpu_children:.2f} s in workers\n"
    )
    sys.stdout.write(f"  {'phase':<18} {'wall':>8} {'CPU here':>10} {'CPU workers':>12}\n")
    for name, seconds in spent.items():
        sys.stdout.write(
            f"  {name:<18} {seconds:6.2f} s {used.get(name, 0.0):8.2f} s {children.get(name, 0.0):10.2f} s\n"
        )
    if rocksdb:
        during = rocksdb["after"] - rocksdb["before"]
        sys.stdout.write(
            f"  RocksDB's own threads (in 'CPU here'): {rocksdb['before']:.2f} s before the compaction"
            f" (merging the bulk loads' files as they come), {during:.2f} s in it\n"
        )
    sys.stdout.write(f"  peak RSS of this process {rss:.0f} MB\n")
    if workers > 1:
        sys.stdout.write(f"  a pool of {workers} workers is ready in {_pool_start(workers):.2f} s\n")


def _rocksdb_cpu() -> float:
    """CPU seconds of this process's RocksDB threads so far (``rocksdb:low`` compacts, ``rocksdb:high``
    flushes; pyoxigraph's store starts them), read from /proc by thread name; 0 elsewhere."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return 0.0
    for task in tasks:
        try:
            name = Path(f"/proc/self/task/{task}/comm").read_text().strip()
            fields = Path(f"/proc/self/task/{task}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if name.startswith("rocksdb"):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _pool_start(workers: int) -> float:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.ingest.prepare import _watch_parent

    t = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
    ) as pool:
        list(pool.map(_ready, range(workers)))
    return time.perf_counter() - t


def _ready(_: int) -> None:
    from kg.validation.validator import default_validator

    default_validator()


if __name__ == "__main__":
    sys.exit(main())
