"""Serving extra RDF beside the store's data, without writing it into the store.

The store's quads and the extra files are copied into one in-memory pyoxigraph store, which the
server then reads (the on-disk store stays open, locked and untouched). Meant for small extras: the
W3C protocol test dataset, demo data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from tempfile import TemporaryDirectory

import pyoxigraph as ox

from kg.errors import InputError
from kg.store.core import STORE_MARKER, OxigraphStore


def with_extra_data(store: OxigraphStore, files: Sequence[Path]) -> OxigraphStore:
    """An in-memory copy of ``store`` with the quads of ``files`` added (format by extension)."""
    mem = ox.Store()
    mem.bulk_extend(store.raw.quads_for_pattern(None, None, None, None))
    for f in files:
        try:
            fmt = ox.RdfFormat.from_extension(f.suffix.lstrip(".")) if f.suffix else None
        except ValueError:
            fmt = None
        if fmt is None:
            raise InputError(f"{f}: unknown RDF format (use .ttl, .trig, .nq, .nt, .jsonld or .rdf)")
        try:
            mem.bulk_load(path=str(f), format=fmt)
        except (OSError, SyntaxError) as exc:
            raise InputError(f"{f}: could not load: {exc}") from exc
    # nothing writes to the copy: it is as read-only as the store it was made from
    return OxigraphStore(
        mem, f"{store.location} + {', '.join(str(f) for f in files)} (in memory)", read_only=store.read_only
    )


def worker_copy(store: OxigraphStore) -> tuple[str, TemporaryDirectory[str] | None]:
    """Where query worker processes open ``store`` read-only: its own folder on disk, or, for a
    store in memory (an overlay, a test's store), a temporary copy on disk, removed by the caller
    (``TemporaryDirectory.cleanup``) when the server stops."""
    own = Path(store.location)
    if (own / STORE_MARKER).is_file() and (own / "oxigraph").is_dir():
        return str(own / "oxigraph"), None
    tmp = TemporaryDirectory(prefix="kg-serve-")
    path = Path(tmp.name) / "oxigraph"
    copy = ox.Store(str(path))
    copy.bulk_extend(store.raw.quads_for_pattern(None, None, None, None))
    copy.flush()
    del copy  # closed: the workers open it read-only
    return str(path), tmp
