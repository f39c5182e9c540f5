"""How a real ``kg serve`` process starts, fails and logs (kg.server.listen): the port checked
before anything is announced, one error and exit 3 for a port in use, the URL printed only once
the server answers, and an access log in the Common Log Format (stderr, ``--access-log FILE``,
none with ``--quiet``)."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from server_support import QUERIES, filled_store_folder

from kg.server.workers import CHECK_SECONDS

pytestmark = pytest.mark.server

CLF = re.compile(
    r"^(?P<host>\S+) - - \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "
    r'"(?P<request>[A-Z]+ \S+ HTTP/1\.[01])" (?P<status>\d{3}) (?P<size>\d+|-)$'
)
URL = re.compile(r"på / on (http://127\.0\.0\.1:(\d+)/)")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return filled_store_folder(tmp_path_factory, "manners")


def kg(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import main; main()", "--store", str(store), *args]


ENV = {**os.environ, "KG_LOCK_TIMEOUT": "5"}


class Serving:
    """A ``kg serve`` process and the lines of its stderr, read into a queue as they come."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def stop(self) -> list[str]:
        """Stop the server and return every line it wrote that was not read yet: all of them,
        since its stderr is read to its end (no wait for a quiet moment that a late line
        could outlast)."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=60)  # a hang guard: the pipe ends with the process
        assert not self._reader.is_alive(), "kg serve's stderr did not end with it"
        out: list[str] = []
        while not self.lines.empty():
            out.append(self.lines.get_nowait())
        return out


@contextmanager
def serving(store: Path, *args: str, global_args: tuple[str, ...] = ()) -> Iterator[Serving]:
    """``kg serve --port 0`` (one general and one fast query worker: the pool is not what these
    tests are about, see tests/server_support.py) with its stderr read line by line."""
    cmd = [
        *kg(store, *global_args),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--queries",
        str(QUERIES),
        "--query-workers",
        "1",
        *args,
    ]
    server = Serving(
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    )
    try:
        yield server
    finally:
        server.stop()


def next_line(server: Serving, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout  # a hang guard only
    while time.monotonic() < deadline:
        try:
            return server.lines.get(timeout=0.5)
        except queue.Empty:
            if server.proc.poll() is not None and server.lines.empty():
                raise AssertionError(f"kg serve ended with {server.proc.returncode}") from None
    raise AssertionError("kg serve said nothing in time")


def test_a_port_out_of_range_is_a_usage_error_before_anything_is_said(store: Path) -> None:
    r = subprocess.run(
        [*kg(store), "serve", "--port", "99999"], capture_output=True, text=True, env=ENV, timeout=60
    )
    assert r.returncode == 2
    assert "--port" in r.stderr and "65535" in r.stderr  # the range named
    assert "http://" not in r.stdout + r.stderr


@pytest.mark.parametrize(
    "url", ["ftp://data.example.org/", "data.example.org/medborgarlofte/", "https:///x/"]
)
def test_a_base_url_no_browser_can_follow_is_a_usage_error(store: Path, url: str) -> None:
    r = subprocess.run(
        [*kg(store), "serve", "--port", "0", "--base-url", url],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert r.returncode == 2, r.stderr
    assert "--base-url" in r.stderr and "is not an absolute http(s) URL" in r.stderr
    assert "på / on" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--query-timeout", "0"),
        ("--query-timeout", "-1"),
        ("--result-limit", "0"),
        ("--result-limit", "-5"),
        ("--licence", "CC BY 4.0"),
    ],
)
def test_a_limit_or_licence_it_cannot_use_is_a_usage_error(store: Path, option: str, value: str) -> None:
    """Before, each started a server that failed every request: every query stopped at a time
    limit of 0 s (503), the home page an internal error (500) for a result limit under 1, /void
    an internal error for a licence that is no IRI."""
    r = subprocess.run(
        [*kg(store), "serve", "--port", "0", option, value],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=60,
    )
    assert r.returncode == 2, r.stderr
    assert f"Invalid value for '{option}'" in r.stderr and "Traceback" not in r.stderr
    assert "på / on" not in r.stderr  # nothing served


def test_a_port_in_use_is_one_error_exit_3_and_no_url(store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = subprocess.run(
            [*kg(store), "serve", "--host", "127.0.0.1", "--port", str(port)],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=60,
        )
    assert r.returncode == 3, r.stderr
    assert "http://" not in r.stdout + r.stderr  # nothing announced
    errors = [line for line in r.stderr.splitlines() if line.startswith("fel / error")]
    assert len(errors) == 1 and f"port {port} is already in use" in errors[0], r.stderr
    assert "--port" in r.stderr and "Traceback" not in r.stderr


def test_the_url_is_printed_once_the_server_answers_and_requests_are_logged(store: Path) -> None:
    with serving(store) as server:
        first = next_line(server)
        found = URL.search(first)
        assert found, first
        base = found.group(1)
        # printed only once bound and started: the first request answers, no retry
        assert httpx.get(base + "sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200
        assert httpx.get(base + "api/queries/nope", timeout=30).status_code == 404
        logged = [CLF.match(line) for line in server.stop()]
        assert all(logged), logged
        requests = [(m["request"], m["status"]) for m in logged if m]
        assert requests == [
            ("GET /sparql?query=ASK+%7B%7D HTTP/1.1", "200"),
            ("GET /api/queries/nope HTTP/1.1", "404"),
        ]
        assert all(m["host"] == "127.0.0.1" for m in logged if m)


def test_behind_a_proxy_the_start_up_line_says_where_it_listens(store: Path) -> None:
    """With --base-url the public URL is not where the server listens: the line names both, so
    the proxy can be pointed at it and the port --port 0 took is known."""
    public = "https://data.example.org/medborgarlofte/"
    with serving(store, "--base-url", public) as server:
        first = next_line(server)
        assert f"på / on {public} (SPARQL: {public}sparql)" in first, first
        found = re.search(r"listening on (http://127\.0\.0\.1:(\d+)/)$", first)
        assert found and found.group(2) != "0", first
        r = httpx.get(found.group(1) + "def", headers={"Accept": "text/turtle"}, timeout=30)
        assert r.status_code == 200 and public + "def?_format=ttl" in r.headers["link"]


def test_access_log_to_a_file_and_quiet(store: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    with serving(store, "--access-log", str(log)) as server:
        base = URL.search(next_line(server))
        assert base
        httpx.get(base.group(1) + "void", timeout=30)
        stderr = server.stop()
    assert not stderr  # the log went to the file, not to stderr
    written = log.read_text(encoding="utf-8").splitlines()
    assert len(written) == 1 and CLF.match(written[0]) and '"GET /void HTTP/1.1" 200' in written[0]
    for quiet in (("--quiet",), ()):
        glob = () if quiet else ("--quiet",)  # kg serve --quiet, and kg --quiet serve
        with serving(store, *quiet, global_args=glob) as server:
            port = None
            deadline = time.monotonic() + 180  # a hang guard (a loaded machine starts slowly)
            while port is None and time.monotonic() < deadline:  # no URL to read: find the port
                port = listening_port(server.proc.pid)
                time.sleep(0.2)
            assert port, "kg serve --quiet did not start listening"
            ok = False
            while not ok and time.monotonic() < deadline:
                try:
                    ok = httpx.get(f"http://127.0.0.1:{port}/void", timeout=30).status_code == 200
                except httpx.HTTPError:
                    time.sleep(0.2)
            assert ok
            assert server.stop() == []  # neither the URL nor an access line


def listening_port(pid: int) -> int | None:
    """The TCP port a process listens on (from /proc: its sockets' inodes in /proc/net/tcp)."""
    try:
        inodes = {
            os.readlink(f"/proc/{pid}/fd/{fd}")[len("socket:[") : -1]
            for fd in os.listdir(f"/proc/{pid}/fd")
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:[")
        }
        table = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    for row in table:
        cols = row.split()
        if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
            return int(cols[1].split(":")[1], 16)
    return None


def test_stopping_the_whole_process_group_is_quiet(store: Path) -> None:
    """systemctl stop, timeout(1) and Ctrl-C signal the server and its query workers together.
    The workers leave stopping to the server: a SIGTERM does not end them (before, the server
    saw them end "while idle", started new ones during its shutdown, and those died with a
    BrokenPipeError traceback in the log), and the server stops with none left behind."""
    cmd = [*kg(store), "serve", "--port", "0", "--queries", str(QUERIES), "--query-workers", "1"]
    server = Serving(
        subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True
        )
    )
    try:
        assert URL.search(next_line(server))
        workers = [
            int(c)
            for task in Path(f"/proc/{server.proc.pid}/task").iterdir()
            for c in (task / "children").read_text().split()
        ]
        assert len(workers) == 2  # one general, one fast
        for w in workers:
            os.kill(w, signal.SIGTERM)
        time.sleep(3 * CHECK_SECONDS)  # the pool's check of its idle workers has run since
        assert all(Path(f"/proc/{w}").exists() and "State:\tZ" not in _status(w) for w in workers)
        os.killpg(server.proc.pid, signal.SIGTERM)
        server.proc.wait(timeout=30)
    finally:
        lines = server.stop()
    log = "\n".join(lines)
    assert "replacing it" not in log and "Traceback" not in log, log
    assert not any(Path(f"/proc/{w}").exists() and "State:\tZ" not in _status(w) for w in workers)


def _status(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "State:\tZ (gone)"
