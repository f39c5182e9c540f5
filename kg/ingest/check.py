"""Validating documents exactly as an import would, writing nothing: ``kg validate`` and the server.

:func:`validate_files` is what ``kg import --dry-run`` does, reported in full: the same library call
(:func:`kg.ingest.importer.import_paths` with ``dry_run``), so a file validates here exactly as it
would be validated on import (a text or PDF extracted first; follow-ups with their promise from the
files or the store). The store is only read.

:func:`validate_bytes` is the same for a document that arrives as bytes with a name (an upload to
``kg serve``): it is written under that name to a temporary folder of its own, validated there, and
the folder removed; the reports and any error name the document by its name, never the folder.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.documents.formats import InputFormat, sniff
from kg.documents.parse import EXTENSIONS
from kg.errors import InputError, KgError
from kg.iris import Minter
from kg.store.core import GraphStore
from kg.validation.report import ValidationReport

if TYPE_CHECKING:  # pySHACL: imported where a document is validated, not by the server's event loop
    from kg.validation.validator import Validator

MAX_NAME = 120
"""Characters of an uploaded document's name that are kept."""


def validate_files(
    files: Sequence[Path],
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator | None = None,
    fmt: InputFormat | None = None,
    municipality: str | None = None,
    police_area: str | None = None,
) -> list[ValidationReport]:
    """The validation reports of the documents in ``files`` (a list: one per document).

    Raises the first file's error (unreadable, not well-formed, not a promise) as it is."""
    from kg.ingest.importer import ImportOptions, import_paths

    options = ImportOptions(
        fmt=fmt,
        dry_run=True,
        keep_going=True,
        municipality=municipality,
        police_area=police_area,
        refuse_duplicates=False,
    )
    summary = import_paths(files, store=store, minter=minter, validator=validator, options=options)
    errors = [o.error for o in summary.outcomes if o.error is not None]
    if errors:
        raise errors[0]
    return [o.report for o in summary.outcomes if o.report is not None]


def document_name(name: str | None, fmt: InputFormat | None = None) -> str:
    """A safe file name for a document that arrives with ``name`` (a browser's or client's file
    name; any folders dropped, characters outside letters, digits, ``.``, ``-`` and ``_``
    replaced), or ``document.<ext>`` of ``fmt`` when there is none."""
    base = _safe_name(name)
    if base:
        return base
    ext = next((e for e, f in EXTENSIONS.items() if f is fmt), ".ttl") if fmt else ".ttl"
    return "document" + ext


def _safe_name(name: str | None) -> str:
    base = re.split(r"[/\\]", (name or "").strip())[-1]
    base = re.sub(r"[^\w.-]+", "_", base).lstrip("._")
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:MAX_NAME]
    return base


def format_of(name: str, data: bytes, fmt: InputFormat | None = None) -> InputFormat:
    """The document's format: ``fmt`` when given, else from the name's extension, else from
    what the bytes look like (:func:`kg.documents.formats.sniff`)."""
    if fmt is not None:
        return fmt
    return EXTENSIONS.get(Path(name).suffix.lower()) or sniff(data)


def validate_bytes(
    name: str,
    data: bytes,
    *,
    store: GraphStore,
    minter: Minter,
    validator: Validator | None = None,
    fmt: InputFormat | None = None,
    municipality: str | None = None,
    police_area: str | None = None,
) -> list[ValidationReport]:
    """:func:`validate_files` of one document given as bytes under the file name ``name``
    (see :func:`document_name`); the reports' ``source`` is ``name``."""
    safe = _safe_name(name)
    if safe:
        name, fmt = safe, format_of(safe, data, fmt)
    else:  # no name: the format given, or what the bytes look like, names the document
        fmt = fmt or sniff(data)
        name = document_name(None, fmt)
    with tempfile.TemporaryDirectory(prefix="kg-validate-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            reports = validate_files(
                [path],
                store=store,
                minter=minter,
                validator=validator,
                fmt=fmt,
                municipality=municipality,
                police_area=police_area,
            )
        except KgError as exc:
            raise _renamed(exc, folder) from None
    where = str(path)
    return [replace(r, source=name) if r.source == where else r for r in reports]


def _renamed(exc: KgError, folder: str) -> KgError:
    """The same error, naming the document without the temporary folder it was validated in."""

    def clean(text: str | None) -> str | None:
        return text.replace(folder + "/", "").replace(folder, "") if text else text

    exc.message = clean(exc.message) or ""
    exc.hint = clean(exc.hint)
    exc.where = clean(exc.where)
    exc.args = (exc.message,)
    return exc


def no_document() -> InputError:
    return InputError(
        "inget dokument att validera / no document to validate",
        hint="Ladda upp en fil eller klistra in texten / upload a file or paste the text.",
    )
