"""The files of an import (kg.ingest.files): the folder walk gives what ``Path.rglob`` gives
with the import's rules, without a ``stat`` per file (issue 19 point 4)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.documents.formats import EXTENSIONS
from kg.errors import InputError
from kg.ingest.files import RealPaths, expand_paths


def _rglob(root: Path) -> list[Path]:
    """The rule written plainly: importable files under ``root`` that are not hidden, sorted."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in EXTENSIONS
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for name in [
        "a/b/one.ttl",
        "a/two.TTL",  # upper-case extension
        "a-c/three.yaml",  # sorts before a/ as text, after it as parts
        "a.d/four.jsonld",
        "z.ttl",
        "notes.csv",  # not importable
        "x.",  # no extension
        ".hidden.ttl",
        ".git/five.ttl",
        "a/.cache/six.ttl",
        "deep/er/still/seven.nq",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# test\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "eight.ttl").write_text("# test\n", encoding="utf-8")
    os.symlink(outside, root / "linked-folder")  # not followed, as rglob
    os.symlink(root / "z.ttl", root / "y-link.ttl")  # a link to a file is a file (the same one)
    os.symlink(root / "missing.ttl", root / "broken.ttl")  # a broken link is no file
    return root


def test_a_folder_gives_what_rglob_gives_in_the_same_order(tree: Path) -> None:
    assert _rglob(tree)  # the control sees files
    walked = expand_paths([tree])
    reference = _rglob(tree)
    reference.remove(tree / "z.ttl")  # the same file as y-link.ttl, which comes first: kept once
    assert walked == reference
    assert [p.relative_to(tree).as_posix() for p in walked][:3] == [
        "a/b/one.ttl",
        "a/two.TTL",
        "a-c/three.yaml",
    ]


def test_each_file_once_by_its_real_path(tree: Path) -> None:
    first = expand_paths([tree / "z.ttl", tree, tree / "a" / ".." / "a" / "two.TTL"])
    assert first[0] == tree / "z.ttl"
    assert len(first) == len(set(map(os.path.realpath, first)))
    assert tree / "y-link.ttl" not in first  # its target came first
    # named first, the link is kept and the file it points to is not repeated
    linked = expand_paths([tree / "y-link.ttl", tree])
    assert linked[0] == tree / "y-link.ttl" and tree / "z.ttl" not in linked


def test_patterns_and_missing_files(tree: Path) -> None:
    assert expand_paths([str(tree / "a" / "**" / "*.ttl")]) == [tree / "a" / "b" / "one.ttl"]
    assert expand_paths([tree / "nothing.ttl"]) == [tree / "nothing.ttl"]  # reported when read
    with pytest.raises(InputError, match="matches no files"):
        expand_paths([str(tree / "*.pdf")])
    empty = tree / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no importable files"):
        expand_paths([empty])


def test_real_paths_are_what_resolve_gives_with_each_folder_resolved_once(tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    plain = real_folder / "a.ttl"
    plain.write_text("", encoding="utf-8")
    target = real_folder / "target.ttl"
    target.write_text("", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real_folder, target_is_directory=True)
    (real_folder / "link.ttl").symlink_to(target)
    paths = [
        plain,
        tmp_path / "linked" / "a.ttl",  # through a linked folder
        real_folder / "link.ttl",  # a file that is itself a link
        tmp_path / "linked" / ".." / "real" / "a.ttl",
    ]
    real = RealPaths()
    assert [real(p) for p in paths] == [str(p.resolve()) for p in paths]
    assert real(str(plain)) == str(plain.resolve())  # a string names the same file
