"""Spread work over processes, keep input order, bound memory, and stop on any signal.

Not ``multiprocessing.Pool``: its workers share one task queue behind a lock, and a
worker killed by a signal while holding it left ``Pool.__exit__`` waiting forever
(issue 8). Here each worker has a pipe of its own, so a dying worker can stall
nobody; the parent ends its workers itself (terminate, then kill after a deadline),
and a worker whose parent is gone sees its pipe close and exits.

Memory: a task is sent only when fewer than ``IN_FLIGHT_PER_JOB`` per worker are
pending, and a worker streams each task's results back as pieces that wait in the
pipe until the parent reads them; a task's size is bounded by its sender, and a
piece's size by the work function (``batch`` bounds both in bytes).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, SpawnContext
from typing import Any, TypeVar

from .errors import PushpullError, Terminated
from .model import Rulebook
from .stops import STOPS, stops_held

T = TypeVar("T")
S = TypeVar("S", bound=Sized)
P = TypeVar("P")
R = TypeVar("R")

CHUNK = 2_000  # items per task in parallel_map ...
CHUNK_SIZE = 1_000_000  # ... and at most this much of their len() (characters, for text)
IN_FLIGHT_PER_JOB = 3
STOP_SECONDS = 1.0  # how long stopped workers get to exit before they are killed

_PIECE, _DONE, _FAILED = 0, 1, 2


class WorkerDied(PushpullError):
    """A worker process ended without being asked to (out of memory, killed by hand)."""


def sized_chunks(
    items: Iterable[T], count: int, total: int, size: Callable[[T], int]
) -> Iterator[list[T]]:
    """Consecutive lists of up to ``count`` items whose ``size`` adds up to about ``total``.

    A chunk closes as soon as it reaches ``total``, so one long item makes a chunk
    of its own instead of dragging ``count - 1`` others along.
    """
    chunk: list[T] = []
    filled = 0
    for item in items:
        chunk.append(item)
        filled += size(item)
        if len(chunk) >= count or filled >= total:
            yield chunk
            chunk, filled = [], 0
    if chunk:
        yield chunk


def parallel_map(
    fn: Callable[[Rulebook, S], R],
    items: Iterable[S],
    book: Rulebook,
    jobs: int,
    chunk_size: int = CHUNK,
) -> Iterator[R]:
    """``fn(book, item)`` for every item, computed in ``jobs`` processes, yielded in order.

    Items travel in chunks of ``chunk_size`` items or ``CHUNK_SIZE`` of their
    ``len()``, whichever comes first. ``fn`` must be a module-level function so it
    pickles.
    """
    for results in stream_map(
        _MapChunk(fn), sized_chunks(items, chunk_size, CHUNK_SIZE, len), book, jobs
    ):
        yield from results


class _MapChunk:
    """``fn`` over a whole chunk, as one piece: a picklable stand-in for a closure."""

    def __init__(self, fn: Callable[[Rulebook, Any], Any]) -> None:
        self.fn = fn

    def __call__(self, book: Rulebook, chunk: list[Any]) -> Iterator[list[Any]]:
        yield [self.fn(book, item) for item in chunk]


def stream_map(
    work: Callable[[Rulebook, T], Iterable[P]],
    tasks: Iterable[T],
    book: Rulebook,
    jobs: int,
) -> Iterator[P]:
    """Every piece of ``work(book, task)`` for every task, in task order, from ``jobs`` workers.

    Whatever stops the caller (an error, Ctrl-C, SIGTERM, closing this generator)
    ends the workers before it propagates.
    """
    context = _context()
    workers: list[_Worker] = []
    try:
        for _ in range(jobs):
            workers.append(_Worker(context, work, book, workers))
        order: deque[_Worker] = deque()  # who holds each pending task, oldest first
        for task in tasks:
            worker = min(workers, key=lambda w: w.pending)
            worker.send(task)
            order.append(worker)
            if len(order) >= jobs * IN_FLIGHT_PER_JOB:
                yield from order.popleft().results()
        while order:
            yield from order.popleft().results()
    finally:
        _stop(workers)


def _context() -> ForkContext | SpawnContext:
    """Fork where it exists (the rulebook is inherited, not pickled), else spawn."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(
        self,
        context: ForkContext | SpawnContext,
        work: Callable[[Rulebook, Any], Iterable[Any]],
        book: Rulebook,
        started: list[_Worker],
    ) -> None:
        mine, theirs = context.Pipe()
        # a forked child inherits the parent's ends of every pipe: it must close them,
        # or a worker would not see EOF when the parent dies
        forked = context.get_start_method() == "fork"
        inherited = [*(w.conn for w in started), mine] if forked else []
        self.conn: Connection = mine
        self.pending = 0
        self.process = context.Process(
            target=_serve, args=(theirs, work, book, inherited), daemon=True
        )
        # a stop signal in the instant before the child sets its own handlers would run
        # the parent's handler there: hold them back until the child is ready
        with stops_held():
            self.process.start()
        theirs.close()

    def send(self, task: object) -> None:
        self.pending += 1
        try:
            self.conn.send(task)
        except OSError:
            raise self.death() from None

    def results(self) -> Iterator[Any]:
        """The pieces of this worker's oldest pending task."""
        while True:
            try:
                kind, value = self.conn.recv()
            except (EOFError, OSError):
                raise self.death() from None
            if kind == _PIECE:
                yield value
            elif kind == _DONE:
                self.pending -= 1
                return
            else:
                raise value

    def death(self) -> BaseException:
        """What to raise when the worker's pipe broke: the signal that killed it, if any.

        A signal sent to the whole process group may reach a worker before the
        parent's own handler runs; the run then stops as the signal asks.
        """
        self.process.join(STOP_SECONDS)
        code = self.process.exitcode
        if code == -signal.SIGINT:
            return KeyboardInterrupt()
        if code in (-signal.SIGTERM, -signal.SIGHUP):
            return Terminated(-code)
        return WorkerDied(f"a worker process stopped unexpectedly (exit code {code})")


def _stop(workers: list[_Worker]) -> None:
    """End every worker: close its pipe, terminate it, and kill what is left at the deadline."""
    for worker in workers:
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


def _serve(
    conn: Connection,
    work: Callable[[Rulebook, Any], Iterable[Any]],
    book: Rulebook,
    inherited: list[Connection],
) -> None:
    """A worker's life: take tasks off the pipe, send each one's pieces back, then its end.

    Ctrl-C reaches the whole process group; the parent handles it and ends the
    workers, so a worker ignores it. SIGTERM and SIGHUP keep their default: they end
    the worker at once, which is safe because a worker holds nothing shared.
    A thread drains the pipe into a local queue, so the parent never blocks sending
    a task while this worker is blocked sending a piece back.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)
    for other in inherited:
        other.close()
    tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, tasks), daemon=True).start()
    try:
        while True:
            _answer(conn, work(book, tasks.get()))
    except OSError:  # the parent is gone or stopping: nothing to report, nobody to tell
        os._exit(0)


def _answer(conn: Connection, pieces: Iterable[Any]) -> None:
    """Send one task's pieces, then its end, or the error that cut it short."""
    it = iter(pieces)
    while True:
        try:
            piece = next(it)
        except StopIteration:
            break
        except Exception as exc:  # a bug in the work function: the parent raises it
            conn.send((_FAILED, exc))
            return
        conn.send((_PIECE, piece))
    conn.send((_DONE, None))


def _receive(conn: Connection, tasks: queue.SimpleQueue[Any]) -> None:
    """Move tasks from the pipe to the queue; when the parent is gone, end the process."""
    try:
        while True:
            tasks.put(conn.recv())
    except (EOFError, OSError):
        os._exit(0)
