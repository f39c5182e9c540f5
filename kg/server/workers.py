"""The query worker processes of ``kg serve``: where a query can be stopped.

pyoxigraph cannot cancel a query, and a thread cannot be killed; a process can. Each worker
(:mod:`kg.server.worker`) opens the store read-only with a memory limit of its own and answers
one job at a time. The server waits for an answer until the job's deadline; past it, the worker
is killed (so the work ends, not only the response) and a new one is started in the background.
A worker that dies (its memory limit, a crash) is replaced the same way: the pool recovers by
itself.

Workers are in two lanes. The general lane (``--query-workers``) takes any query; the fast lane
(half as many, at least one) takes only the server's own queries, saved queries and requests
seen to finish quickly, so that a client's slow queries, which can fill the general lane for as
long as their time limit, never hold up the cheap queries everyone else sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kg.errors import KgError, QueryResourceLimit, StoreError
from kg.server.evaluate import timeout_error
from kg.server.worker import HEADER, WorkerSpec, write_frame

log = logging.getLogger("kg.server")

START_SECONDS = 60.0
"""How long a new worker may take to open the store and say it is ready."""
CHECK_SECONDS = 1.0
"""How often idle workers are checked (one that has ended is replaced)."""
GRACE_SECONDS = 0.1
"""How long after a job's deadline the server waits for the worker's own time-out answer."""


class WorkerGone(Exception):
    """The worker had ended before it was given the job (the job can go to another)."""


class WorkerLost(Exception):
    """The worker ended while it had a job (killed at the deadline, or died)."""

    def __init__(self, error: KgError) -> None:
        super().__init__(str(error))
        self.error = error


def rebuild_error(module: str, name: str, message: str, hint: str | None, where: str | None) -> KgError:
    """The typed error a worker reported, as the same class in the server."""
    cls: Any = KgError
    if module.startswith("kg."):
        found = getattr(importlib.import_module(module), name, None)
        if isinstance(found, type) and issubclass(found, KgError):
            cls = found
    exc: KgError = cls.__new__(cls)
    KgError.__init__(exc, message, hint=hint, where=where)
    return exc


class Worker:
    """One worker process and its pipes; used by one job at a time."""

    def __init__(self, spec: WorkerSpec) -> None:
        env = {**os.environ, "RUST_BACKTRACE": "0"}
        self.spec = spec
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.server.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            close_fds=True,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._in = self.proc.stdin
        self._out = self.proc.stdout.fileno()
        self._poll = select.poll()
        self._poll.register(self._out, select.POLLIN | select.POLLHUP | select.POLLERR)
        try:
            write_frame(self._in, spec)
            reply = self._read(time.monotonic() + START_SECONDS)
        except (OSError, TimeoutError, EOFError) as exc:
            self.kill()
            raise StoreError(f"a query worker could not start: {exc}") from exc
        if not (isinstance(reply, tuple) and reply[0] == "ready"):
            self.kill()
            raise StoreError(f"a query worker could not start: {reply!r}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read_exactly(self, size: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        while size:
            left = deadline - time.monotonic()
            if left <= 0 or not self._poll.poll(left * 1000):  # poll: any fd number (select: < 1024)
                raise TimeoutError
            chunk = os.read(self._out, min(size, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def _read(self, deadline: float) -> Any:
        import pickle

        (size,) = HEADER.unpack(self._read_exactly(HEADER.size, deadline))
        return pickle.loads(self._read_exactly(size, deadline))

    def call(self, job: Any, deadline: float, timeout: float, memory_mb: int) -> Any:
        """Run ``job``; its result, or the typed error. Raises :class:`WorkerLost` when the
        worker is killed at the deadline or dies; it must then be replaced."""
        try:
            write_frame(self._in, job)
        except OSError:  # it ended while idle (killed from outside): the job never started
            self.kill()
            raise WorkerGone from None
        try:
            reply = self._read(deadline + GRACE_SECONDS)
        except TimeoutError:
            self.kill()
            raise WorkerLost(timeout_error(timeout)) from None
        except (EOFError, OSError):
            code = self.kill()
            raise WorkerLost(self._death(code, memory_mb)) from None
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        if kind == "error":
            raise rebuild_error(*reply[1:])
        if kind == "memory":
            self.kill()
            raise WorkerLost(_memory_error(memory_mb))
        raise RuntimeError(f"query worker: {reply[1]}")

    def _death(self, code: int | None, memory_mb: int) -> KgError:
        if code in (-signal.SIGABRT, -signal.SIGKILL) or code == 0:
            # pyoxigraph aborts when an allocation fails (its memory limit); the kernel's OOM
            # killer sends SIGKILL
            return _memory_error(memory_mb)
        log.warning("query worker %s ended with %s while evaluating a query", self.pid, code)
        return QueryResourceLimit(
            f"frågan avslutade processen som utvärderade den ({code}) / the query ended the "
            f"process evaluating it ({code})",
            hint="Förenkla frågan / simplify the query.",
        )

    def kill(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process that ignores SIGKILL
            return None
        for f in (self.proc.stdin, self.proc.stdout):
            if f is not None:
                with contextlib.suppress(OSError):
                    f.close()
        return code


def _memory_error(memory_mb: int) -> QueryResourceLimit:
    return QueryResourceLimit(
        f"frågan behövde mer minne än de {memory_mb} MB en fråga får använda / the query needed "
        f"more than the {memory_mb} MB of memory a query may use",
        hint="Undvik kartesiska produkter och ORDER BY över stora resultat / avoid cartesian "
        "products and ORDER BY over large results.",
    )


class Lane:
    """Workers of one kind: a fixed number, idle ones in a queue."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.size = max(1, size)
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.live = 0
        """Workers started or starting (at most ``size``)."""


class WorkerPool:
    """Worker processes in a general and a fast lane; see the module's description."""

    def __init__(self, spec: WorkerSpec, *, general: int, fast: int, timeout: float) -> None:
        self.spec = spec
        self.timeout = timeout
        self.general = Lane("general", general)
        self.fast = Lane("fast", fast)
        self._io = ThreadPoolExecutor(self.general.size + self.fast.size, thread_name_prefix="kg-worker")
        # two at a time, the fast lane first: the first workers are ready sooner than if all
        # started at once and shared the processors
        self._spawner = ThreadPoolExecutor(2, thread_name_prefix="kg-worker-start")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self.closed = False

    @property
    def memory_mb(self) -> int:
        return self.spec.memory_mb

    def start(self) -> None:
        """Start every worker in the background (called in the event loop)."""
        self._loop = asyncio.get_running_loop()
        for lane in (self.fast, self.general):
            while lane.live < lane.size:
                self._spawn(lane)
        self._loop.call_later(CHECK_SECONDS, self._check)

    def _check(self) -> None:
        """Replace idle workers that have ended (killed from outside, say); runs every
        :data:`CHECK_SECONDS` in the event loop."""
        if self.closed:
            return
        for lane in (self.fast, self.general):
            idle: list[Worker] = []
            while not lane.idle.empty():
                idle.append(lane.idle.get_nowait())
            for worker in idle:
                if worker.proc.poll() is None:
                    lane.idle.put_nowait(worker)
                else:
                    log.warning(
                        "query worker %s ended while idle (%s); replacing it",
                        worker.pid,
                        worker.proc.returncode,
                    )
                    worker.kill()
                    self._replace(lane, worker)
        assert self._loop is not None
        self._loop.call_later(CHECK_SECONDS, self._check)

    async def ready(self, timeout: float = START_SECONDS) -> None:
        """Wait until every worker has started (or ``timeout`` has passed)."""
        if self._loop is None:
            self.start()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if len(self._workers) >= self.general.size + self.fast.size:
                    return
            await asyncio.sleep(0.02)

    def _spawn(self, lane: Lane) -> None:
        lane.live += 1
        loop = self._loop
        assert loop is not None

        def start() -> None:
            delay = 0.5
            while not self.closed:
                try:
                    worker = Worker(self.spec)
                except KgError as exc:
                    log.error("%s; trying again in %.1f s", exc, delay)
                    time.sleep(delay)
                    delay = min(delay * 2, 10.0)
                    continue
                with self._lock:
                    if self.closed:
                        worker.kill()
                        return
                    self._workers.add(worker)
                loop.call_soon_threadsafe(lane.idle.put_nowait, worker)
                return

        self._spawner.submit(start)

    def _replace(self, lane: Lane, worker: Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
        lane.live -= 1
        if not self.closed:
            self._spawn(lane)

    async def run(self, job: Any, *, fast: bool) -> Any:
        """The result of ``job`` from a worker, within the job's deadline."""
        if self._loop is None:
            self.start()
        loop = asyncio.get_running_loop()
        while True:
            lane, worker = await self._acquire(job.deadline, fast)

            def work(lane: Lane = lane, worker: Worker = worker) -> Any:
                lost = False
                try:
                    return worker.call(job, job.deadline, self.timeout, self.spec.memory_mb)
                except (WorkerLost, WorkerGone):
                    lost = True
                    raise
                finally:  # in this thread: the worker goes back even when the request was abandoned
                    loop.call_soon_threadsafe(self._release, lane, worker, lost)

            try:
                return await loop.run_in_executor(self._io, work)
            except WorkerGone:
                continue  # replaced; the job goes to another worker, within its deadline
            except WorkerLost as lost:
                raise lost.error from None

    def _release(self, lane: Lane, worker: Worker, lost: bool) -> None:
        if lost or worker.proc.poll() is not None:
            self._replace(lane, worker)
        elif self.closed:
            worker.kill()
        else:
            lane.idle.put_nowait(worker)

    async def _acquire(self, deadline: float, fast: bool) -> tuple[Lane, Worker]:
        lanes = (self.fast, self.general) if fast else (self.general,)
        for lane in lanes:
            if not lane.idle.empty():
                return lane, lane.idle.get_nowait()
        left = deadline - time.monotonic()
        lane = lanes[0]
        try:
            if left <= 0:
                raise TimeoutError
            return lane, await asyncio.wait_for(lane.idle.get(), left)
        except TimeoutError:
            raise timeout_error(self.timeout) from None

    def close(self) -> None:
        self.closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            w.kill()
        self._io.shutdown(wait=False, cancel_futures=True)
        self._spawner.shutdown(wait=False, cancel_futures=True)
