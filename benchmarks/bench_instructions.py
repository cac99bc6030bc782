"""Machine instructions per warm ``classify``, counted by valgrind: a figure that shared,
noisy machines cannot blur the way they blur timings.

Timings on a 2-core VM swing by 30% from one run to the next, too much to see a 10%
change in the engine. Instruction counts repeat to within a fraction of a percent.
The script runs the same phrases through ``engine.classify`` once to warm the memos,
then again ``--reps`` times more, under callgrind, and divides the difference by the
number of extra calls. Pass ``--src`` to count another checkout's code (say, the last
release) side by side. Needs valgrind (``apt-get install valgrind``); prints figures only.

    python benchmarks/bench_instructions.py
    python benchmarks/bench_instructions.py --src ../old-checkout/src
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_RUN = """
import sys
sys.path.insert(0, {bench!r})
from _common import phrases
import pushpull
from pushpull import engine
texts = phrases({n}, seed=7)
book = pushpull.default_rulebook()
for _ in range(1 + {reps}):
    for text in texts:
        engine.classify(text, book)
"""


def instructions(src: str | None, n: int, reps: int) -> int:
    """Instructions callgrind counts for the whole run (start-up included)."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    code = _RUN.format(bench=str(HERE), n=n, reps=reps)
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    run = subprocess.run(
        [*command, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        raise SystemExit("valgrind printed no instruction count")
    return int(found.group(1))


def per_call(src: str | None, n: int, reps: int) -> float:
    """Instructions per warm call: the difference between two runs that differ only
    in how many times they score the phrases, so start-up and loading cancel out."""
    instructions(src, n, 1)  # the first run may compile the rulebook into the cache
    return (instructions(src, n, 1 + reps) - instructions(src, n, 1)) / (n * reps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=4000, help="phrases per pass")
    parser.add_argument("--reps", type=int, default=2, help="extra warm passes counted")
    parser.add_argument("--src", help="another checkout's src/ to count beside this one")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind; nothing measured")
        return
    here = per_call(None, args.n, args.reps)
    print(f"this checkout: {here:,.0f} instructions per warm classify")
    if args.src:
        other = per_call(args.src, args.n, args.reps)
        print(f"{args.src}: {other:,.0f} instructions per warm classify")
        print(f"ratio this/other: {here / other:.3f}")


if __name__ == "__main__":
    main()
