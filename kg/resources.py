"""Where the bundled ontology, shapes, queries, examples and data live.

In a wheel they are shipped inside the package (``kg/_bundled/...``); in a checkout they are the
top-level folders of the repository. Nothing is read at import time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_KINDS = ("ontology", "shapes", "queries", "examples", "data")


@cache
def bundled(kind: str) -> Path:
    """The folder of one bundled kind: ``ontology``, ``shapes``, ``queries``, ``examples``, ``data``."""
    if kind not in _KINDS:
        raise ValueError(f"unknown bundled folder {kind!r}; one of {', '.join(_KINDS)}")
    for candidate in (_PACKAGE / "_bundled" / kind, _PACKAGE.parent / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the bundled folder {kind!r} is missing: reinstall kg (looked in {_PACKAGE / '_bundled'} "
        f"and {_PACKAGE.parent})"
    )


def ontology_files() -> list[Path]:
    """The project's own ontology and SKOS vocabularies (not the vendored ones)."""
    root = bundled("ontology")
    return sorted(root.glob("*.ttl")) + sorted((root / "vocab").glob("*.ttl"))


def vocabulary_files() -> list[Path]:
    return sorted((bundled("ontology") / "vocab").glob("*.ttl"))


def reference_file() -> Path:
    return bundled("ontology") / "reference" / "reference.ttl"


def validation_ontology_files() -> list[Path]:
    """The ontology a document is validated against: the project's and the vendored ones."""
    return ontology_files() + sorted((bundled("ontology") / "vendor").glob("*.ttl"))


def validation_reference_files() -> list[Path]:
    """The reference data a document is validated with: the vocabularies and the reference file."""
    ref = reference_file()
    return vocabulary_files() + ([ref] if ref.exists() else [])


def shape_files() -> list[Path]:
    return sorted(bundled("shapes").glob("*.ttl"))


def query_files() -> list[Path]:
    return sorted(bundled("queries").glob("*.rq"))
