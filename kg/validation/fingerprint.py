"""The validation context of an import, as one digest (issue 19 point 4).

A document's catalogue record keeps the SHA-256 of its file's bytes and this digest
(``mbl:validationContext``): what it was validated against (shapes, ontology, vocabularies,
reference data), kg's version, and the import options that change what a text file becomes
(input format, municipality, police area). When both are those of the record, ``kg import``
reports the file unchanged without reading or validating it again; when only the context
differs, every such file is validated again, and the import says why.

The bundled context is the digest of the bundled files' bytes, computed without building a
validator (so an import of unchanged files never loads pySHACL); a validator built from other
graphs (tests, a modified shapes folder) is digested from its graphs, blank nodes made
canonical.
"""

from __future__ import annotations

import hashlib
import weakref
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__, resources

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.validation.validator import Validator

_DIGESTS: weakref.WeakKeyDictionary[Validator, str] = weakref.WeakKeyDictionary()


def _bundled_files() -> dict[str, list[Path]]:
    return {
        "shapes": resources.shape_files(),
        "ontology": resources.validation_ontology_files(),
        "reference": resources.validation_reference_files(),
    }


def _files_digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        data = f.read_bytes()
        h.update(f"{f.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _graph_digest(graph: Graph) -> str:
    from rdflib.compare import to_isomorphic

    return f"{to_isomorphic(graph).graph_digest():x}"


@cache
def _bundled_parts() -> tuple[tuple[str, str], ...]:
    return tuple((part, _files_digest(files)) for part, files in _bundled_files().items())


def validator_digest(validator: Validator | None = None) -> str:
    """The digest of what ``validator`` validates against, with kg's version (None: the
    bundled validator, digested from the bundled files without building it)."""
    if validator is not None and not validator.is_default:
        if validator not in _DIGESTS:
            bundled = dict(_bundled_parts())
            given = validator.given_graphs
            parts = [
                ("shapes", _graph_digest(validator.shapes)),
                ("ontology", _graph_digest(given[0]) if given[0] is not None else bundled["ontology"]),
                ("reference", _graph_digest(given[1]) if given[1] is not None else bundled["reference"]),
            ]
            _DIGESTS[validator] = _combine(parts)
        return _DIGESTS[validator]
    return _combine(list(_bundled_parts()))


def _combine(parts: list[tuple[str, str]]) -> str:
    h = hashlib.sha256(f"kg {__version__}\n".encode())
    for name, digest in parts:
        h.update(f"{name} {digest}\n".encode())
    return h.hexdigest()


def import_context(
    validator_context: str, *, fmt: str | None, municipality: str | None, police_area: str | None
) -> str:
    """The context digest a record keeps: the validator's, and the import's options for text."""
    options = f"fmt={fmt or ''}\0municipality={municipality or ''}\0police_area={police_area or ''}"
    return hashlib.sha256(f"{validator_context}\0{options}".encode()).hexdigest()
