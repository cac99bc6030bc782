"""Spread per-item work over processes while keeping input order and bounded memory.

``multiprocessing.Pool.imap`` would read the whole input ahead of the workers, so
a million-row file would sit in memory; here at most a few chunks per worker are in
flight at any time. The rulebook goes to each worker once, at start-up.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

from .model import Rulebook

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 2_000
IN_FLIGHT_PER_JOB = 3

_BOOK: Rulebook | None = None


def _start(book: Rulebook) -> None:
    """Worker set-up: keep the rulebook, and leave signals to the parent.

    The parent handles Ctrl-C and SIGTERM (and cleans up its output file); a
    worker just stops when the pool ends it.
    """
    global _BOOK
    _BOOK = book
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _work(fn: Callable[[Rulebook, Any], Any], chunk: list[Any]) -> list[Any]:
    assert _BOOK is not None
    return [fn(_BOOK, item) for item in chunk]


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of up to ``size`` items."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def parallel_map(
    fn: Callable[[Rulebook, T], R],
    items: Iterable[T],
    book: Rulebook,
    jobs: int,
    chunk_size: int = CHUNK,
) -> Iterator[R]:
    """``fn(book, item)`` for every item, computed in ``jobs`` processes, yielded in order.

    ``fn`` must be a module-level function so it pickles.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pending: deque[AsyncResult[list[R]]] = deque()
    with context.Pool(jobs, initializer=_start, initargs=(book,)) as pool:
        for chunk in chunks(items, chunk_size):
            pending.append(pool.apply_async(_work, (fn, chunk)))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
