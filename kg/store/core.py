"""The store: one named graph per document, queried over the union of graphs.

:class:`GraphStore` is the small protocol every store implements. :class:`OxigraphStore` is the
embedded default (pyoxigraph on disk, RocksDB, or in memory for tests); the remote store for
SPARQL 1.1 endpoints lives in :mod:`kg.store.remote`. :func:`open_store` is the one factory.

Writes are atomic: :meth:`GraphStore.apply` runs one :class:`ChangeSet` (graphs to replace,
graphs to drop, subjects to delete in a graph) as one transaction, so a document and its catalogue
record are written together or not at all.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeGuard, runtime_checkable

import pyoxigraph as ox

from kg.errors import QuerySyntaxError, StoreBusy, StoreError
from kg.store.lock import StoreLock

if TYPE_CHECKING:
    from kg.store.remote import RemoteEndpoint

STORE_MARKER = "kg-store.json"
STORE_FORMAT = 1
_CACHE_TOKENS = itertools.count(1)


@dataclass(frozen=True)
class StoreSettings:
    """Where the store is. ``path=None`` means in memory (tests, benchmarks).

    ``read_only`` opens the database read-only and shares the store with other readers (a running
    ``kg serve`` included); otherwise the store is this process's alone while it is open
    (:mod:`kg.store.lock`). ``command`` names this process to the ones that wait for it, and
    ``on_wait`` hears at once, once, when this one has to wait.
    """

    path: Path | None
    lock_timeout: float = 30.0
    create: bool = True
    read_only: bool = False
    command: str = "kg"
    on_wait: Callable[[str], None] | None = None


@dataclass
class ChangeSet:
    """One atomic write: what to replace, drop and delete, applied in that order."""

    replace: dict[str, list[ox.Quad]] = field(default_factory=dict)
    """graph IRI → its complete new content (quads whose graph is that IRI)."""
    drop: list[str] = field(default_factory=list)
    """graph IRIs to remove."""
    delete_subjects: list[tuple[str, str]] = field(default_factory=list)
    """(graph IRI, subject IRI) pairs: every triple of that subject in that graph is removed."""
    delete: list[ox.Quad] = field(default_factory=list)
    """single quads to remove (for example a catalogue's link to a removed record)."""
    insert: list[ox.Quad] = field(default_factory=list)
    """quads to add after the deletions (for example a catalogue record)."""
    state: bool = True
    """Whether the embedded store recomputes, in the same transaction, the follow-up state of
    every promise the change touches (:mod:`kg.store.followup_state`); off only for the writes
    that compute it themselves (``kg init``'s back-fill)."""

    def to_update(self) -> str:
        """The change as one SPARQL 1.1 Update request (a single transaction)."""
        ops: list[str] = []
        for g in [*self.replace, *self.drop]:
            ops.append(f"DROP SILENT GRAPH {ox.NamedNode(g)}")
        for g, s in self.delete_subjects:
            ops.append(f"DELETE WHERE {{ GRAPH {ox.NamedNode(g)} {{ {ox.NamedNode(s)} ?p ?o }} }}")
        if self.delete:
            ops.append("DELETE DATA {\n" + _graph_blocks(self.delete) + "\n}")
        quads = [q for qs in self.replace.values() for q in qs] + self.insert
        if quads:
            ops.append("INSERT DATA {\n" + _graph_blocks(quads) + "\n}")
        return " ;\n".join(ops)

    def __bool__(self) -> bool:
        return bool(self.replace or self.drop or self.delete_subjects or self.delete or self.insert)


def _graph_blocks(quads: Iterable[ox.Quad]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


@runtime_checkable
class GraphStore(Protocol):
    """What the library needs of a store."""

    @property
    def location(self) -> str: ...

    def apply(self, change: ChangeSet) -> None: ...

    def named_graphs(self) -> list[str]: ...

    def has_graph(self, iri: str) -> bool: ...

    def count(self, graph: str | None = None) -> int: ...

    def query(
        self,
        sparql: str,
        substitutions: Mapping[str, Any] | None = None,
        *,
        union: bool = True,
    ) -> Any: ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]: ...

    def dump(self, out: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None: ...

    def close(self) -> None: ...


class OxigraphStore:
    """The embedded store: pyoxigraph on disk (or in memory when ``path`` is None)."""

    def __init__(
        self, store: ox.Store, location: str, lock: StoreLock | None = None, *, read_only: bool = False
    ) -> None:
        self._store = store
        self._location = location
        self._lock = lock
        self.read_only = read_only
        self.cache_token = next(_CACHE_TOKENS)
        """Unique to this open store in this process (a key of :mod:`kg.query.cache`)."""
        self.generation = 0
        """Bumped on every write through this object, so cached query results go stale (before
        and after it: a query running meanwhile is not cached as the new state)."""
        self._bumps = threading.Lock()  # loads written from several threads (kg.ingest.bulk)

    # -- protocol ---------------------------------------------------------------------------
    @property
    def location(self) -> str:
        return self._location

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for fast paths (bulk load, result serialisation).

        A writable store counts as changed when it is handed out (the caller may write to it).
        """
        if not self.read_only:
            self._bump()
        return self._store

    def apply(self, change: ChangeSet) -> None:
        self._bump()
        try:
            if change.state:
                from kg.store.followup_state import with_state

                change = with_state(self._store, change)
            self._apply(change)
        finally:
            self._bump()

    def _apply(self, change: ChangeSet) -> None:
        if (change.replace or change.insert) and self._adds_only(change):
            # Nothing to drop or delete (a first import): one Store.extend, itself a single
            # transaction, is 2x faster than the same change as a SPARQL update (no text to
            # write and parse). The store's file lock keeps other writers out meanwhile.
            try:
                self._store.extend([q for qs in change.replace.values() for q in qs] + change.insert)
            except OSError as exc:  # pragma: no cover - disk failures
                raise StoreError(f"could not write to the store at {self._location}: {exc}") from exc
            return
        update = change.to_update()
        if update:
            try:
                self._store.update(update)
            except OSError as exc:  # pragma: no cover - disk failures
                raise StoreError(f"could not write to the store at {self._location}: {exc}") from exc

    def add_nquads(self, data: bytes, *, state: bool = True) -> None:
        """Add the quads of ``data`` (N-Quads) as one atomic write that only adds: a first import.

        It goes through pyoxigraph's bulk loader, about twice as fast as a transaction: in
        pyoxigraph 0.5 the loader writes sorted files and ingests them all in one RocksDB call
        when it commits, so a crash or a kill leaves all of the quads or none of them (what
        tests/system/test_import_faults.py checks). Nothing is deleted or replaced; use :meth:`apply`
        for that. ``data`` is read leniently (IRIs not checked again): the importer gives only
        N-Quads that pyoxigraph wrote from terms it had parsed and checked (a new record's lines,
        :mod:`kg.store.record_nquads`, join such terms with kg's own constant IRIs).
        ``state`` False: ``data`` holds the promises' follow-up state already, and the caller
        replaces the states stored before (:mod:`kg.ingest.bulk`, for a whole import at once).

        Loads with ``state`` False may run in several threads at once (kg.ingest.bulk writes
        two): each is its own bulk load, whose sorted files RocksDB ingests in one atomic call
        that it orders with the other writes, and this object's generation is bumped under a
        lock. With ``state`` True the state is read from the store before the load, so such a
        load must not run beside another write.
        """
        from kg.store.followup_state import bulk_state

        self._bump()
        try:
            # the follow-up state of the promises the load touches (its summaries name them, or
            # it states their activities), computed before it from ``data`` and what is stored:
            # loaded with the documents where the promise has no state yet; a stored state is
            # replaced, which a bulk load cannot, in a transaction right after it
            # (kg.store.followup_state says how a kill in between is noticed)
            added, change = bulk_state(self._store, data) if state else (b"", ChangeSet())
            if added:
                data = data + (b"" if data.endswith(b"\n") else b"\n") + added
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            if change.delete_subjects or change.insert:
                self._apply(change)
        except OSError as exc:  # pragma: no cover - disk failures
            raise StoreError(f"could not write to the store at {self._location}: {exc}") from exc
        finally:
            self._bump()

    def _bump(self) -> None:
        with self._bumps:
            self.generation += 1

    def _adds_only(self, change: ChangeSet) -> bool:
        """True when applying ``change`` only adds quads: it drops and deletes nothing that exists."""
        if change.drop or change.delete:
            return False
        if any(self._store.contains_named_graph(ox.NamedNode(g)) for g in change.replace):
            return False
        return not any(
            next(iter(self._store.quads_for_pattern(ox.NamedNode(s), None, None, ox.NamedNode(g))), None)
            for g, s in change.delete_subjects
        )

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, iri: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(iri))

    def count(self, graph: str | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def query(
        self,
        sparql: str,
        substitutions: Mapping[str, Any] | None = None,
        *,
        union: bool = True,
    ) -> Any:
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=union, substitutions=subs or None)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def dump(self, out: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        if graph is not None:
            self._store.dump(out, fmt, from_graph=ox.NamedNode(graph))
        else:
            self._store.dump(out, fmt)

    def bulk_load(self, path: Path, fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Load a large file without one huge transaction (dumps, benchmarks)."""
        to_graph = ox.NamedNode(graph) if graph else None
        self._bump()
        try:
            self._store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
        finally:
            self._bump()

    def optimize(self) -> None:
        """Compact the database (RocksDB's full compaction): after a large bulk load its many
        small files would otherwise be merged by whichever process opens the store next, on
        another core, and every read would look through them until then."""
        try:
            self._store.optimize()
        except OSError as exc:  # pragma: no cover - disk failures
            raise StoreError(f"could not compact the store at {self._location}: {exc}") from exc

    def flush(self) -> None:
        if self._lock is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        if self._lock is not None:
            try:
                self.flush()
            finally:
                del self._store
                self._lock.release()
                self._lock = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_store_path() -> Path:
    """``$KG_STORE`` is read by the CLI; this is the fallback: ``$XDG_DATA_HOME/kg/store``."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "kg" / "store"


def is_remote(target: object) -> TypeGuard[RemoteEndpoint]:
    """Whether ``target`` is a :class:`kg.store.remote.RemoteEndpoint`, without importing that
    module (and httpx) for a local store: a target can only be one once the module is loaded."""
    remote = sys.modules.get("kg.store.remote")
    return remote is not None and isinstance(target, remote.RemoteEndpoint)


_DAMAGED_HINT = (
    "Återställ en export med 'kg restore' eller importera filerna på nytt i en ny mapp / restore "
    "an export with 'kg restore', or import the files again into a new folder."
)


def open_store(settings: StoreSettings) -> OxigraphStore:
    """The one factory: an embedded store from explicit settings.

    Raises :class:`StoreError` with a clear message when the path is not a store, and
    :class:`StoreBusy` when another process holds it longer than ``lock_timeout`` (a reader
    waits only for a writer, a writer for everyone: :mod:`kg.store.lock`).
    """
    if settings.path is None:
        return OxigraphStore(ox.Store(), "memory")
    path = Path(settings.path)
    marker = path / STORE_MARKER
    if path.exists() and not path.is_dir():
        raise StoreError(
            f"{path} är en fil, inte ett kg-lager / is a file, not a kg store",
            hint="Ange en mapp med --store (or KG_STORE), t.ex. --store ./var/store.",
        )
    if path.is_dir() and not marker.exists() and any(path.iterdir()):
        raise StoreError(
            f"{path} är inte ett kg-lager / is not a kg store (no {STORE_MARKER} in it)",
            hint="Ange en tom eller ny mapp med --store / give an empty or new folder with --store.",
        )
    if not marker.exists():
        if not settings.create:
            raise StoreError(
                f"inget kg-lager i {path} / no kg store at {path}",
                hint="Skapa det med 'kg import' eller 'make run' / create it with 'kg import'.",
            )
        try:
            path.mkdir(parents=True, exist_ok=True)
            marker.write_text(json.dumps({"format": STORE_FORMAT, "engine": "pyoxigraph"}) + "\n")
        except OSError as exc:
            raise StoreError(
                f"kunde inte skapa lagret / could not create the store {path}: {exc.strerror}",
                hint="Ange en mapp du får skriva i med --store "
                "/ give a folder you may write to with --store.",
            ) from None
    else:
        try:
            meta = json.loads(marker.read_text())
        except (OSError, ValueError) as exc:
            raise StoreError(f"{marker} kan inte läsas / is unreadable: {exc}", hint=_DAMAGED_HINT) from exc
        if not isinstance(meta, dict) or meta.get("format") != STORE_FORMAT:
            found = meta.get("format") if isinstance(meta, dict) else None
            raise StoreError(
                f"{path} har lagerformat / has store format {found!r}; den här kg läser / this kg "
                f"reads {STORE_FORMAT}",
                hint="Använd den kg som skrev lagret, eller importera på nytt i en ny mapp / use the "
                "kg that wrote the store, or import again into a new folder.",
            )
    lock = StoreLock(path, exclusive=not settings.read_only, command=settings.command)
    lock.acquire(settings.lock_timeout, settings.on_wait)
    try:
        db = path / "oxigraph"
        store = ox.Store.read_only(str(db)) if settings.read_only else ox.Store(str(db))
    except OSError as exc:
        lock.release()
        msg = str(exc)
        if "lock" in msg.lower():
            raise StoreBusy(f"lagret {path} är låst / the store is locked: {msg}") from exc
        raise StoreError(f"kunde inte öppna lagret / could not open the store {path}: {msg}") from exc
    except RuntimeError as exc:  # RocksDB's "Corruption: ...": files changed or cut short
        lock.release()
        raise StoreError(
            f"lagret {path} är skadat / the store is damaged: {exc}", hint=_DAMAGED_HINT
        ) from None
    return OxigraphStore(store, str(path), lock, read_only=settings.read_only)


def quads_of(store: GraphStore, graphs: Iterable[str]) -> list[ox.Quad]:
    out: list[ox.Quad] = []
    for g in graphs:
        out.extend(store.quads(g))
    return out
