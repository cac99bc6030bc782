"""Cold-start budget: ``pushpull classify "x" --format json`` against bare scripts.

Most CLI calls score one or a few tactics, so start-up time is what a user feels.
The budgets are relative, so they hold on any machine: our command must finish
within 4x the time of a bare argparse script that prints its arguments (PRODUCT.md),
and within 1.25x a typer app with the same two commands (``classify`` and
``batch``) that only print their arguments. Whatever typer, click and Python cost
to start is in the second; the difference is ours (imports, rulebook load, scoring).

The runs are interleaved (ours, bare, python -c pass, ours, ...) so that drift in
machine load hits every command alike, and medians are reported. This script only
prints figures; it never fails on them.

    python benchmarks/bench_startup.py            # real measurement (30 runs)
    python benchmarks/bench_startup.py --runs 3   # smoke test
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import pushpull_command

BUDGET = 1.25  # over the bare typer app
BUDGET_ARGPARSE = 4.0  # over the bare argparse script

BARE_ARGPARSE = """\
import argparse
parser = argparse.ArgumentParser(prog="bare")
parser.add_argument("command")
parser.add_argument("tactics", nargs="*")
parser.add_argument("--format", "-f", default="text")
print(parser.parse_args())
"""

BARE_APP = '''\
"""A typer app shaped like pushpull's CLI whose commands only print their arguments."""

from typing import Annotated

import typer

app = typer.Typer(name="bare", no_args_is_help=True, add_completion=False)


@app.command()
def classify(
    tactics: Annotated[list[str], typer.Argument()],
    fmt: Annotated[str, typer.Option("--format", "-f")] = "text",
    brief: Annotated[bool, typer.Option("--brief", "-b")] = False,
) -> None:
    print(tactics, fmt, brief)


@app.command()
def batch(
    file: Annotated[str, typer.Argument()],
    column: Annotated[str, typer.Option("--column", "-c")] = "tactic",
    out: Annotated[str | None, typer.Option("--output", "-o")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "csv",
    jobs: Annotated[int, typer.Option("--jobs", "-j")] = 1,
) -> None:
    print(file, column, out, fmt, jobs)


if __name__ == "__main__":
    app()
'''


def run_once(cmd: list[str]) -> float:
    """Wall time of one run in seconds; exits with the child's stderr if it fails."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(f"command failed ({done.returncode}): {' '.join(cmd)}\n")
        sys.stderr.write(done.stderr.decode(errors="replace"))
        raise SystemExit(2)
    return elapsed


def measure(commands: dict[str, list[str]], runs: int, warmup: int) -> dict[str, list[float]]:
    """Run every command ``warmup`` times untimed, then ``runs`` timed rounds, interleaved."""
    for _ in range(warmup):
        for cmd in commands.values():
            run_once(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(run_once(cmd))
    return times


def describe(label: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return (
        f"{label:<16} median {statistics.median(ms):7.1f} ms"
        f"   (min {ms[0]:.1f}, max {ms[-1]:.1f}, n={len(ms)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per command")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs per command first")
    parser.add_argument("--text", default="x", help="the tactic passed to classify")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be >= 1 and --warmup >= 0")

    with tempfile.TemporaryDirectory(prefix="pushpull-bench-") as tmp:
        bare = Path(tmp) / "bare_typer_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        plain = Path(tmp) / "bare_argparse.py"
        plain.write_text(BARE_ARGPARSE, encoding="utf-8")
        given = ["classify", args.text, "--format", "json"]
        commands = {
            "pushpull": [*pushpull_command(), *given],
            "bare typer": [sys.executable, str(bare), *given],
            "bare argparse": [sys.executable, str(plain), *given],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        print(f"pushpull command: {' '.join(commands['pushpull'])}")
        print(f"python: {sys.executable} {sys.version.split()[0]}")
        times = measure(commands, args.runs, args.warmup)

    for name, samples in times.items():
        print(describe(name, samples))
    ours = statistics.median(times["pushpull"])
    base = statistics.median(times["bare typer"])
    floor = statistics.median(times["python -c pass"])
    print(f"pushpull over bare typer: {(ours - base) * 1000:+.1f} ms")
    print(f"bare typer over python:   {(base - floor) * 1000:+.1f} ms")
    print(f"ratio: {ours / base:.2f} (budget {BUDGET})")
    plain_time = statistics.median(times["bare argparse"])
    print(f"over bare argparse: {ours / plain_time:.2f}x (budget {BUDGET_ARGPARSE:g}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
