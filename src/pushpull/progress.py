"""A transient progress line for a long batch on a terminal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def with_progress(rows: Iterator[list[str]], console: Console) -> Iterator[list[str]]:
    """Pass rows through while a transient line shows how many, and how fast."""
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
        for number, row in enumerate(rows, start=1):
            if number % 1000 == 0:
                rate = number / max(time.perf_counter() - started, 1e-9)
                progress.update(task, completed=number, rate=f"{rate:,.0f} rows/s")
            yield row
