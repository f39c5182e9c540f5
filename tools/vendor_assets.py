"""Copy the SPARQL editor (YASGUI) that ``npm ci`` installed into the folder the server serves.

    npm ci && python -m tools.vendor_assets        # what `make assets` runs

``package.json`` pins ``@zazuko/yasgui`` and ``package-lock.json`` records every package's version
and integrity hash, so ``npm ci`` installs exactly those bytes. This copies the package's built
script and style sheet to ``kg/server/static/vendor/yasgui/`` (gitignored; the wheel includes it
when it is built after this step) and writes ``LICENSE`` beside them: the licence of YASGUI and
of every package in ``node_modules`` (their code is bundled into the built script), each with its
name, version and licence, and its licence text where the package ships one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "@zazuko/yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")
TARGET = REPO / "kg" / "server" / "static" / "vendor" / "yasgui"
_LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENSE-MIT", "license", "license.md")


def _licence_text(folder: Path) -> str | None:
    for name in _LICENCE_NAMES:
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace").strip()
    return None


def _entry(folder: Path) -> str:
    meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    author = meta.get("author")
    if isinstance(author, dict):
        author = author.get("name")
    repository = meta.get("repository")
    if isinstance(repository, dict):
        repository = repository.get("url")
    lines = [f"{meta.get('name')} {meta.get('version')}", f"License: {meta.get('license', 'not stated')}"]
    if author:
        lines.append(f"Author: {author}")
    if repository:
        lines.append(f"Source: {repository}")
    text = _licence_text(folder)
    lines.append("")
    lines.append(
        text if text else "(the package ships no licence file; its package.json names the licence above)"
    )
    return "\n".join(lines)


def _is_package(folder: Path, modules: Path) -> bool:
    """A package's own folder (``node_modules/x``, ``node_modules/@s/x``, nested ones too), not a
    folder inside a package that has a package.json of its own (``x/esm/package.json``)."""
    parent = folder.parent
    if parent.name.startswith("@"):
        parent = parent.parent
    return parent == modules or parent.name == "node_modules"


def licence_notice(modules: Path) -> str:
    """The LICENSE written beside the assets: YASGUI first, then every other installed package."""
    main = modules / PACKAGE
    others = sorted(
        p.parent
        for p in modules.glob("**/package.json")
        if p.parent != main and _is_package(p.parent, modules)
    )
    head = (
        "The SPARQL editor served by kg serve is YASGUI (@zazuko/yasgui), installed with npm ci from\n"
        "the repository's package-lock.json. Its built script bundles the packages listed after it.\n"
    )
    parts = [head, _entry(main), *(_entry(p) for p in others)]
    return ("\n\n" + "=" * 78 + "\n\n").join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=Path, default=REPO / "node_modules")
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    build = args.modules / PACKAGE / "build"
    missing = [f for f in FILES if not (build / f).is_file()]
    if missing:
        print(
            f"vendor_assets: {PACKAGE} is not installed in {args.modules} (run npm ci first); "
            f"missing {missing}",
            file=sys.stderr,
        )
        return 2
    args.target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(build / name, args.target / name)
    (args.target / "LICENSE").write_text(licence_notice(args.modules), encoding="utf-8")
    version = json.loads((args.modules / PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    (args.target / "VERSION").write_text(f"{PACKAGE} {version}\n", encoding="utf-8")
    print(f"vendor_assets: {PACKAGE} {version} -> {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
