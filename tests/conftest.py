"""Shared fixtures: run the CLI in-process with a fake terminal, or as a real subprocess."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pushpull.cli import main
from pushpull.environment import Environment

DATA = Path(__file__).parent / "data"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(
    args: list[str], *, stdin: bytes = b"", tty: bool = False, no_color: bool = False
) -> Run:
    """Run ``pushpull`` in this process against fake streams."""
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdin=io.BytesIO(stdin),
        stdout=out,
        stderr=err,
        stdout_isatty=tty,
        stderr_isatty=False,
        no_color=no_color,
    )
    try:
        main(args, env)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> type[Run]:
    return run_cli  # type: ignore[return-value]


def pushpull_exe() -> list[str]:
    """The installed console script, or ``python -m pushpull`` beside this interpreter."""
    found = shutil.which("pushpull", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "pushpull"]


def run_exe(
    args: list[str], *, stdin: bytes = b"", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*pushpull_exe(), *args], input=stdin, capture_output=True, env=full_env, timeout=timeout
    )


def seed_rows() -> list[dict[str, str]]:
    """Tactics the seed documents classify themselves (copied from shared/eval)."""
    with (DATA / "seed_tactics.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
