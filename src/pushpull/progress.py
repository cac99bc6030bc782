"""A transient progress line for a long batch on a terminal."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")


def with_progress(items: Iterator[T], console: Console, rows: Callable[[T], int]) -> Iterator[T]:
    """Pass items through (blocks of rows, pieces of output) while a transient line
    shows how many ``rows`` they held so far, and how fast."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed:,.0f} rows"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("scoring", rate="")
        count = 0
        for item in items:
            count += rows(item)
            rate = count / max(time.perf_counter() - started, 1e-9)
            progress.update(task, completed=count, rate=f"{rate:,.0f} rows/s")
            yield item
