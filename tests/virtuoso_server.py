"""A private OpenLink Virtuoso on 127.0.0.1 for tests and benchmarks (Debian's virtuoso-opensource 7).

Interface, and why it is this one
    ``start_virtuoso(folder)`` writes ``folder/virtuoso.ini``, starts ``virtuoso-t +foreground``
    on it, waits until the SPARQL endpoint answers, grants SPARQL Update and returns a
    :class:`VirtuosoServer`; ``server.stop()`` ends it (SIGTERM, then SIGKILL). Everything the
    server writes (database, transaction log, temporary database, error log, lock file) is in
    ``folder``; the SQL and HTTP ports are free ports on 127.0.0.1 chosen at start. Nothing global
    is read or written: no ``/etc/virtuoso-opensource-7``, no ``/var/lib``, no system service.

    * Pytest: the session fixture ``virtuoso_server_factory`` (registered in conftest.py), called
      with no argument, gives a running server in its own temporary folder; all are stopped at the
      end of the session. When ``virtuoso-t`` or ``isql-vt`` is absent, the test is skipped with
      the reason (``make test`` installs the package as root, see the Makefile's ``.system``).
      ``shared_virtuoso()`` gives instead the test process's one server, reset to the graphs
      it had when new (``server.reset()``): for modules that only need a server holding nothing
      of theirs (they may kill and restart it; the next caller finds it running).
    * Anything else (benchmarks/): ``start_virtuoso`` raises :class:`VirtuosoUnavailable` instead
      of skipping; the caller stops the server (``server.stop()``).
    * A test of interruption calls ``server.kill()`` (SIGKILL, no shutdown: what a crash or a
      power cut leaves) and ``server.restart()`` (the same folder and ports; Virtuoso replays its
      transaction log on start).

    Writes: ``GRANT SPARQL_UPDATE TO "SPARQL"`` lets the anonymous ``/sparql`` endpoint run SPARQL
    Update and the Graph Store Protocol at ``/sparql-graph-crud``: the simplest set-up a publisher
    can reproduce, and safe here because the server listens on 127.0.0.1 only and lives as long as
    the test. The authenticated endpoints (``/sparql-auth``, ``/sparql-graph-crud-auth``, HTTP
    Digest) work with the ``dba`` account (:attr:`VirtuosoServer.user`, ``.password``), for tests
    of credentials. :meth:`VirtuosoServer.isql` runs SQL as ``dba`` (grants, the bulk loader).

    The ini keeps Debian's ``[SPARQL] MaxQueryCostEstimationTime = 400``: with it the endpoint
    compiles every request to SQL text first, which is where a large ``INSERT DATA`` fails (SP031,
    "generated SQL text has exceeded 10000 lines"), so tests meet the limit publishers meet. It
    raises ``ResultSetMaxRows`` from Debian's 10,000 (which silently cuts a result) to 1,000,000
    and lifts the query time limit (an "anytime" query answers partial results silently).
    ``DirsAllowed`` holds the folder and ``folder/load``, where a caller puts dumps for the bulk
    loader (``ld_dir`` + ``rdf_loader_run``).
"""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

VIRTUOSO_GRAPHS = ("http://www.openlinksw.com/",)
"""Graphs of Virtuoso itself, never dropped by :meth:`VirtuosoServer.reset`."""


class VirtuosoUnavailable(RuntimeError):
    """virtuoso-t or isql-vt is not installed."""


def virtuoso_commands() -> tuple[str, str] | None:
    """``(virtuoso-t, isql-vt)`` from PATH (Debian's names; ``virtuoso``/``isql`` elsewhere)."""
    server = shutil.which("virtuoso-t") or shutil.which("virtuoso")
    isql = shutil.which("isql-vt") or shutil.which("isql-v")
    return (server, isql) if server and isql else None


MISSING = (
    "Virtuoso is not installed: virtuoso-t/isql-vt not found "
    "(apt-get install virtuoso-opensource, or `make test` as root)"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def ini_text(folder: Path, sql_port: int, http_port: int, buffers: int = 10000) -> str:
    """A virtuoso.ini that keeps every file in ``folder`` and listens on 127.0.0.1 only."""
    f = folder.resolve()
    return f"""[Database]
DatabaseFile       = {f}/virtuoso.db
ErrorLogFile       = {f}/virtuoso.log
LockFile           = {f}/virtuoso.lck
TransactionFile    = {f}/virtuoso.trx
xa_persistent_file = {f}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {f}/virtuoso-temp.db
TransactionFile = {f}/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 60
DirsAllowed        = ., {f}, {f}/load
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {buffers * 3 // 4}
ThreadsPerQuery    = 2
MaxClientConnections = 10

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {f}/www
ServerThreads        = 6
MaxClientConnections = 6
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 0
MaxQueryCostEstimationTime = 400
"""


@dataclass
class VirtuosoServer:
    """One running (or stopped) private server."""

    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen[bytes] | None = None
    user: str = "dba"
    password: str = "dba"
    baseline: frozenset[str] = field(default_factory=frozenset)
    """The graphs the server held when it was new (Virtuoso's own): :meth:`reset` keeps them."""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """Query and (granted) update endpoint, no authentication."""
        return f"{self.base_url}/sparql"

    @property
    def auth_url(self) -> str:
        """The same endpoint behind HTTP Digest (``dba``)."""
        return f"{self.base_url}/sparql-auth"

    @property
    def load_folder(self) -> Path:
        """Where the bulk loader may read files (in ``DirsAllowed``)."""
        return self.folder / "load"

    @property
    def log(self) -> Path:
        return self.folder / "virtuoso.log"

    def isql(self, sql: str, timeout: float = 600.0) -> str:
        """Run SQL statements (``;``-separated) as dba; raise with Virtuoso's message on an error."""
        cmds = virtuoso_commands()
        if cmds is None:
            raise VirtuosoUnavailable(MISSING)
        done = subprocess.run(
            [cmds[1], f"127.0.0.1:{self.sql_port}", self.user, self.password, "VERBOSE=OFF", f"EXEC={sql}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
        )
        out = done.stdout + done.stderr
        if done.returncode != 0 or "*** Error" in out:
            raise RuntimeError(f"isql-vt failed ({done.returncode}) on {sql!r}: {out.strip()[-2000:]}")
        return done.stdout

    def graphs(self) -> set[str]:
        """The graphs that hold quads, read in SQL (a SPARQL ``GRAPH ?g { ?s ?p ?o }`` scans
        every quad through the endpoint's cost estimation: seconds of CPU)."""
        out = self.isql("SELECT DISTINCT id_to_iri(G) FROM DB.DBA.RDF_QUAD")
        lines = out.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("____")) + 2
        rows = itertools.takewhile(bool, (line.strip() for line in lines[start:]))
        return set(rows)

    def reset(self) -> None:
        """Drop every graph written since the server was new (:attr:`baseline` and Virtuoso's own
        graphs stay), as if it were a new server; raise if one is left."""
        extra = sorted(g for g in self.graphs() - self.baseline if not g.startswith(VIRTUOSO_GRAPHS))
        if extra:
            self.isql("; ".join(f"SPARQL DROP SILENT GRAPH {ox.NamedNode(g)}" for g in extra))
        left = {g for g in self.graphs() - self.baseline if not g.startswith(VIRTUOSO_GRAPHS)}
        if left:
            raise RuntimeError(f"Virtuoso still holds {sorted(left)} after the reset")

    def start(self, timeout: float = 240.0) -> None:
        """Start ``virtuoso-t`` on the folder (a new database, or the existing one after a stop or a
        kill) and wait until SPARQL answers."""
        cmds = virtuoso_commands()
        if cmds is None:
            raise VirtuosoUnavailable(MISSING)
        out = (self.folder / "virtuoso.out").open("ab")
        self.process = subprocess.Popen(
            [cmds[0], "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
            cwd=self.folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
                raise RuntimeError(f"virtuoso-t exited with {self.process.returncode}; log:\n{tail}")
            try:
                with urllib.request.urlopen(f"{self.sparql_url}?query=ASK%7B%7D", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"Virtuoso did not answer on port {self.http_port} within {timeout:g} s")

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM (Virtuoso shuts down cleanly), then SIGKILL after ``timeout``."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL, no shutdown: the state a crash leaves (the restart replays the log)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def restart(self, timeout: float = 240.0) -> None:
        self.stop()
        (self.folder / "virtuoso.lck").unlink(missing_ok=True)
        self.start(timeout)


def start_virtuoso(folder: Path, *, buffers: int = 10000, timeout: float = 240.0) -> VirtuosoServer:
    """A new private server in ``folder`` (created), SPARQL Update granted to the SPARQL user."""
    if virtuoso_commands() is None:
        raise VirtuosoUnavailable(MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "load").mkdir(exist_ok=True)
    (folder / "www").mkdir(exist_ok=True)
    server = VirtuosoServer(folder, free_port(), free_port())
    (folder / "virtuoso.ini").write_text(ini_text(folder, server.sql_port, server.http_port, buffers))
    server.start(timeout)
    try:
        server.isql('GRANT SPARQL_UPDATE TO "SPARQL"')
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def virtuoso_server_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[], VirtuosoServer]]:
    """Start private servers on demand: ``factory() -> VirtuosoServer``; all stopped at the end.
    Skips the test when Virtuoso is not installed."""
    servers: list[VirtuosoServer] = []

    def make() -> VirtuosoServer:
        if virtuoso_commands() is None:
            pytest.skip(MISSING)
        server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def shared_virtuoso(
    virtuoso_server_factory: Callable[[], VirtuosoServer],
) -> Callable[[], VirtuosoServer]:
    """``shared_virtuoso()``: this test process's one private server, reset (:meth:`VirtuosoServer.reset`:
    no graph but those it had when new), for modules that need a server holding nothing of
    theirs rather than a server of their own: a new server costs seconds of CPU, and with
    ``--dist loadfile`` a module runs in one process, so modules take turns on it. Started at the
    first call; started again if a test left it stopped (killed). Skips without Virtuoso."""
    held: list[VirtuosoServer] = []

    def get() -> VirtuosoServer:
        if not held:  # new: nothing to reset
            server = virtuoso_server_factory()
            server.baseline = frozenset(server.graphs())
            held.append(server)
            return server
        server = held[0]
        if not server.running():
            server.restart()
        server.reset()
        return server

    return get
