"""Any signal that stops ``batch`` stops it: soon, with its exit code, and nothing half-written.

Through the installed command in a process group of its own, as a terminal or a
service manager signals it (the whole group, workers included) or as ``timeout`` does
(the parent alone), at random moments, with and without an old target to keep.
Each signal lands once the run is writing its output (a stop during start-up is the
entry point's business, tested with it), after a further random delay. The timeout
is a hang detector, not a speed check.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import pushpull_exe

TRIES = 20  # per signal, half with --jobs 1 and half with --jobs 2
AT_ONCE = 4  # runs side by side, to keep the suite's time reasonable
HANG = 10.0  # seconds: a run still alive this long after the signal is hung
BEFORE = b"precious,data\n1,do not touch\n"
ROWS = 200_000
STOPS = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 129}


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("signals") / "big.csv"
    tactics = ["cold call campaign", "webinar series", "paid social ad", "opt-in newsletter"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "tactic"])
        writer.writerows([i, f"{tactics[i % 4]} {i}"] for i in range(ROWS))
    return path


# A shell may start background jobs with SIGINT ignored; a user's Ctrl-C is not. The
# disposition is reset by a tiny launcher that then becomes pushpull (same pid), since
# preexec_fn is unsafe with the threads that run the tries side by side.
DEFAULT_SIGINT = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


def stop_once(
    source: Path, workdir: Path, signum: int, jobs: int, delay: float, existing: bool, group: bool
) -> str | None:
    """Start a batch, signal it ``delay`` s into writing (its whole group, as a terminal
    does, or the parent alone, as ``timeout`` does); what went wrong, or None."""
    workdir.mkdir()
    target = workdir / "out.csv"
    if existing:
        target.write_bytes(BEFORE)
    command = [*pushpull_exe(), "batch", str(source), "-o", str(target), "--jobs", str(jobs)]
    proc = subprocess.Popen(
        [sys.executable, "-c", DEFAULT_SIGINT, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(workdir.glob(".out.csv.*")) and time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            time.sleep(0.01)
        try:
            proc.wait(delay)
            return f"finished before the signal at {delay:.2f} s; make the CSV bigger"
        except subprocess.TimeoutExpired:
            (os.killpg if group else os.kill)(proc.pid, signum)
        try:
            _, err = proc.communicate(timeout=HANG)
        except subprocess.TimeoutExpired:
            return f"still running {HANG:g} s after the signal (at {delay:.2f} s, jobs {jobs})"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    stderr = err.decode("utf-8", "replace")
    where = f"signal at {delay:.2f} s, jobs {jobs}: exit {proc.returncode}, stderr {stderr!r}"
    if proc.returncode != STOPS[signum]:
        return where
    if "Traceback" in stderr or len(stderr.splitlines()) != 1:
        return where
    if existing and target.read_bytes() != BEFORE:
        return f"{where}: the -o target changed"
    left = sorted(p.name for p in workdir.iterdir())
    if left != (["out.csv"] if existing else []):
        return f"{where}: files left behind: {left}"
    return None


@pytest.mark.parametrize("signum", list(STOPS), ids=[s.name for s in STOPS])
def test_signal_to_the_group_stops_batch_cleanly_every_time(
    tmp_path: Path, big_csv: Path, signum: signal.Signals
) -> None:
    rng = random.Random(signum)
    # jobs 1 and 2; an old target to keep, or none to leave; the group, or the parent alone
    tries = [(1 + i % 2, rng.uniform(0.0, 1.5), i % 4 < 2, i % 3 > 0) for i in range(TRIES)]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        problems = pool.map(
            lambda t: stop_once(big_csv, tmp_path / str(t[0]), signum, *t[1]),
            enumerate(tries),
        )
        failures = [p for p in problems if p is not None]
    assert failures == [], "\n".join(failures)
