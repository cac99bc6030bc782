"""The collector setting a batch run uses is undone when the run ends, even by an error:
a program that calls pushpull in-process keeps its own garbage collection."""

from __future__ import annotations

import gc

import pytest

from pushpull.collector import RUN_THRESHOLD, long_run


def test_a_long_run_collects_rarely_and_leaves_what_existed_alone() -> None:
    before = gc.get_threshold()
    with long_run():
        assert gc.get_threshold() == (RUN_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_setting_is_undone_when_the_run_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), long_run():
        raise RuntimeError("a run that stops half way")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
