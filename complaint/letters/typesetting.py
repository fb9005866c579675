"""Typeset letters in a bounded pool of worker processes, so that no request thread ever runs Pango or GLib."""
from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

# Workers fork from multiprocessing's fork server: a small single-threaded process that has only imported the
# typesetter. Forking the serving process itself would copy its threads' locks and GLib's state half-way (the
# hazard this pool exists to avoid); "spawn" is as safe but makes every new worker import WeasyPrint again.
START_METHOD = "forkserver"
PRELOAD = ["complaint.letters.weasy", "complaint.letters.warm"]
LETTERS_PER_WORKER = 200  # then the worker is replaced, so that nothing a worker keeps grows without end
# Workers yield the CPU to the server's threads: a page is a few milliseconds of work that someone is waiting to
# read, a letter takes a second or more anyway.
NICENESS = 10


class Busy(Exception):
    """No letter now: every worker and every place in the queue is taken, or this letter took too long."""


class TypesettingFailed(RuntimeError):
    """The worker could not typeset the letter (the error's type only: its message may quote the letter)."""


def _work(conn, ready: Callable[[], None] | None) -> None:
    """A worker: ready itself (`ready`, when given), then typeset each (html, memory) it is sent, one at a time,
    until the pipe closes."""
    from complaint.letters.weasy import render_pdf

    os.nice(NICENESS)
    if ready is not None:
        ready()
    conn.send(("ready", None))
    while True:
        try:
            html, memory = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", render_pdf(html, memory)))
        except Exception as error:  # noqa: BLE001 - handed back to the request, which fails as it would in-process
            conn.send(("error", type(error).__name__))


class _Worker:
    """One typesetting process and the pipe to it."""

    def __init__(self, context, ready: Callable[[], None] | None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, ready), name="complaint-typesetter", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.letters = 0

    def wait_ready(self, seconds: float) -> bool:
        """Whether the worker has finished warming up, waiting at most `seconds`."""
        if not self.ready and self.conn.poll(seconds):
            self.ready = self.conn.recv()[0] == "ready"
        return self.ready

    def typeset(self, html: str, memory, seconds: float) -> bytes:
        """The PDF, or TimeoutError after `seconds` (the worker is then stuck and must go)."""
        self.conn.send((html, memory))
        if not self.conn.poll(seconds):
            raise TimeoutError(f"no PDF after {seconds} s")
        status, value = self.conn.recv()
        self.letters += 1
        if status != "ok":
            raise TypesettingFailed(value)
        return value

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(timeout=5)


class Pool:
    """`workers` processes, each making one letter at a time in at most `time_limit` seconds; up to `queue` more
    letters wait (at most `time_limit` seconds) for a free worker, and any further letter is refused at once."""

    def __init__(self, workers: int, time_limit: float, queue_limit: int, ready: Callable[[], None] | None = None):
        self.pid = os.getpid()
        self.time_limit, self._ready = time_limit, ready
        self._context = multiprocessing.get_context(START_METHOD)
        self._context.set_forkserver_preload(PRELOAD)
        self._places = threading.BoundedSemaphore(workers + queue_limit)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(workers):
            self._idle.put(_Worker(self._context, ready))
        self.size = workers

    def wait_ready(self, seconds: float) -> None:
        """Wait, `seconds` at most in all, until every worker has warmed up: before serving, once."""
        deadline = time.monotonic() + seconds
        workers = [self._idle.get() for _ in range(self.size)]
        for worker in workers:
            try:
                worker.wait_ready(max(0.0, deadline - time.monotonic()))
            except (EOFError, OSError):
                log.warning("typesetting worker died while warming up: replaced")
                worker.stop()
                worker = _Worker(self._context, self._ready)
            self._idle.put(worker)

    def typeset(self, html: str, memory) -> bytes:
        if not self._places.acquire(blocking=False):
            raise Busy("every worker and queue place is taken")
        try:
            try:
                worker = self._idle.get(timeout=self.time_limit)
            except queue.Empty:
                raise Busy("no worker came free in time") from None
            try:
                if not worker.wait_ready(self.time_limit):
                    raise Busy("the worker is still warming up")
                return worker.typeset(html, memory, self.time_limit)
            except (TimeoutError, EOFError, OSError) as error:
                # Stuck or dead: replace it, so that one letter cannot take a worker away from everyone else.
                log.warning("typesetting worker replaced: %s", type(error).__name__)
                worker.stop()
                worker = _Worker(self._context, self._ready)
                raise Busy("the letter took too long") from error
            finally:
                if worker.letters >= LETTERS_PER_WORKER:
                    worker.stop()
                    worker = _Worker(self._context, self._ready)
                self._idle.put(worker)
        finally:
            self._places.release()


_settings: tuple | None = None
_pool: Pool | None = None
_lock = threading.Lock()


def start(workers: int, time_limit: float, queue_limit: int, ready: Callable[[], None] | None = None) -> Pool:
    """Typeset this server's letters in worker processes from now on (the command line and tests typeset in-process).
    Each new worker first calls `ready` (a module-level function, passed by name to the worker process)."""
    global _settings, _pool
    with _lock:
        _settings = (workers, time_limit, queue_limit, ready)
        _pool = Pool(*_settings)
        return _pool


def _current() -> Pool | None:
    global _pool
    if _settings is None:
        return None
    with _lock:
        if _pool is None or _pool.pid != os.getpid():  # a forked server process needs workers of its own
            _pool = Pool(*_settings)
        return _pool


def typeset(html: str, memory: dict[str, tuple[bytes, str]] | None = None) -> bytes:
    """The letter HTML as PDF (see complaint.letters.weasy.render_pdf); raises Busy when the pool cannot make it now."""
    pool = _current()
    if pool is None:
        from complaint.letters.weasy import render_pdf  # WeasyPrint loads only when a PDF is wanted

        return render_pdf(html, memory)
    return pool.typeset(html, memory)
