"""tools/vendor_assets.py: the editor's built files and every bundled package's licence, copied
from an npm-installed tree into the folder the server serves (a tree of the same shape here)."""

from __future__ import annotations

import json
from pathlib import Path

from tools import vendor_assets


def _package(folder: Path, name: str, version: str, licence: str, text: str | None) -> None:
    folder.mkdir(parents=True)
    meta = {"name": name, "version": version, "license": licence, "author": {"name": "Someone"}}
    (folder / "package.json").write_text(json.dumps(meta), encoding="utf-8")
    if text is not None:
        (folder / "LICENSE").write_text(text, encoding="utf-8")


def test_copies_the_build_and_writes_every_licence(tmp_path: Path) -> None:
    modules = tmp_path / "node_modules"
    main = modules / "@zazuko" / "yasgui"
    _package(main, "@zazuko/yasgui", "4.6.2", "MIT", None)
    (main / "build").mkdir()
    for name in vendor_assets.FILES:
        (main / "build" / name).write_text(f"/* {name} */", encoding="utf-8")
    _package(modules / "codemirror", "codemirror", "5.65.0", "MIT", "MIT License\nCopyright (c) CodeMirror")
    _package(modules / "@scope" / "lib", "@scope/lib", "1.0.0", "ISC", "ISC text")
    _package(modules / "codemirror" / "node_modules" / "nested", "nested", "0.1.0", "MIT", None)
    (modules / "codemirror" / "esm").mkdir()
    (modules / "codemirror" / "esm" / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    target = tmp_path / "vendor" / "yasgui"
    assert vendor_assets.main(["--modules", str(modules), "--target", str(target)]) == 0
    for name in vendor_assets.FILES:
        assert (target / name).read_text(encoding="utf-8") == f"/* {name} */"
    licence = (target / "LICENSE").read_text(encoding="utf-8")
    assert licence.index("@zazuko/yasgui 4.6.2") < licence.index("codemirror 5.65.0")
    assert "License: MIT" in licence and "Copyright (c) CodeMirror" in licence
    assert "@scope/lib 1.0.0" in licence and "ISC text" in licence
    assert "nested 0.1.0" in licence  # a package npm could not hoist is bundled too
    assert "the package ships no licence file" in licence  # YASGUI's own: named by its package.json
    assert licence.count("=" * 78) == 4  # the head, YASGUI and three packages; not codemirror/esm
    assert (target / "VERSION").read_text(encoding="utf-8") == "@zazuko/yasgui 4.6.2\n"


def test_without_npm_ci_it_says_what_to_run(tmp_path: Path, capsys: object) -> None:
    code = vendor_assets.main(["--modules", str(tmp_path / "none"), "--target", str(tmp_path / "out")])
    assert code == 2
    assert "run npm ci first" in capsys.readouterr().err  # type: ignore[attr-defined]
    assert not (tmp_path / "out").exists()
