"""Where an import spends its time: ``kg.importer.import_paths`` on part of the national corpus,
under pyinstrument (``pip install pyinstrument``), as used for the notes in RESULTS.md.

    python benchmarks/generate.py --out benchmarks/out/national
    python benchmarks/profile_import.py --municipalities 60    # 480 documents
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE / "out" / "national")
    ap.add_argument("--municipalities", type=int, default=60)
    args = ap.parse_args()
    from pyinstrument import Profiler

    from kg.importer import import_paths
    from kg.iris import Minter
    from kg.store import StoreSettings, open_store
    from kg.validate import Validator

    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir())[: args.municipalities]
    tmp = Path(tempfile.mkdtemp(prefix="kg-profile-"))
    try:
        store = open_store(StoreSettings(tmp / "store"))
        validator = Validator()
        profiler = Profiler()
        t = time.perf_counter()
        profiler.start()
        summary = import_paths([str(f) for f in folders], store=store, minter=Minter(), validator=validator)
        profiler.stop()
        wall = time.perf_counter() - t
        store.close()
        sys.stdout.write(profiler.output_text(unicode=False, color=False))
        sys.stdout.write(f"\n{summary.written} documents in {wall:.1f} s under the profiler\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
