"""The importer's slices of files keep a folder together: a follow-up is validated in the slice
(the worker) that holds its promise, instead of waiting for every file to be read."""

from __future__ import annotations

from pathlib import Path

from kg.cli.common import shared_validator
from kg.ingest.prepare import Job, file_slices, prepare
from kg.iris import Minter

REPO = Path(__file__).resolve().parent.parent.parent
EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
FOLLOWUP = REPO / "tests" / "fixtures" / "followup" / "nykoping-2025-T3-script.ttl"
KEY = "0480-2025-2026"


def test_a_folder_that_fits_is_never_split() -> None:
    sizes = (("a", 3), ("b", 4), ("c", 9), ("d", 2))
    files = [Path(f"{folder}/{i}.ttl") for folder, n in sizes for i in range(n)]
    slices = file_slices(files, 5)
    assert [f for part in slices for f in part] == files, "every file once, in order"
    assert all(0 < len(part) <= 5 for part in slices)
    assert [[f"{f.parent}/{f.stem}" for f in part] for part in slices] == [
        ["a/0", "a/1", "a/2"],
        ["b/0", "b/1", "b/2", "b/3"],
        ["c/0", "c/1", "c/2", "c/3", "c/4"],  # larger than a slice: whole slices first
        ["c/5", "c/6", "c/7", "c/8"],
        ["d/0", "d/1"],
    ]
    assert file_slices(files[:3], 0) == [[f] for f in files[:3]]
    assert file_slices([], 4) == []


def test_a_followup_is_validated_with_its_promise_in_the_same_slice(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    first = tmp_path / "a"
    first.mkdir()
    for i in range(5):
        (first / f"p{i}.ttl").write_text(text.replace(KEY, f"{KEY}-v{i}"), encoding="utf-8")
    folder = tmp_path / "b"
    folder.mkdir()
    # the follow-up sorts before its promise; six files a slice would have put a slice boundary
    # between them (five of folder a, then the follow-up)
    (folder / "1-followup.ttl").write_text(FOLLOWUP.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "2-promise.ttl").write_text(text, encoding="utf-8")
    files = sorted(p for d in (first, folder) for p in d.iterdir())
    results = list(prepare(files, job=Job(Minter().base), validator=shared_validator(), chunk=6))
    assert [r.path for r in results] == files
    followup = results[5].docs[0]
    assert followup.kind == "followup"
    assert followup.report is not None, "validated in its slice, not left to the importer"
    assert followup.context_of == folder / "2-promise.ttl"
