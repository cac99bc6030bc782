"""A transient progress line for a long batch on a terminal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def with_progress(blocks: Iterator[list[list[str]]], console: Console) -> Iterator[list[list[str]]]:
    """Pass blocks of rows through while a transient line shows how many rows, and how fast."""
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
        for block in blocks:
            count += len(block)
            rate = count / max(time.perf_counter() - started, 1e-9)
            progress.update(task, completed=count, rate=f"{rate:,.0f} rows/s")
            yield block
