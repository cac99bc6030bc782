"""Machine instructions per ``classify`` of a phrase not seen before, counted by
valgrind: a figure that shared, noisy machines cannot blur the way they blur timings.

Timings on a 2-core VM swing by 30% from one run to the next, too much to see a 10%
change in the engine. Instruction counts repeat to within a fraction of a percent.
Two runs under callgrind score the same seeded phrases, the first ``--warm`` of them
and then ``--n`` more, so start-up, loading and the first calls (which fill the word
and score memos) cancel out; the difference is divided by ``--n``. A phrase seen
before is answered from the text memo, so the phrases are mostly distinct, as a big
export's names are. Pass ``--src`` to count another checkout's code (say, the last
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
texts = phrases({total}, seed=7)
book = pushpull.default_rulebook()
for text in texts[:{count}]:
    engine.classify(text, book)
"""


def instructions(src: str | None, total: int, count: int) -> int:
    """Instructions callgrind counts for the whole run (start-up included)."""
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    code = _RUN.format(bench=str(HERE), total=total, count=count)
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


def per_call(src: str | None, warm: int, n: int) -> float:
    """Instructions per call on new phrases: the difference between two runs that
    differ only in how many phrases they score."""
    total = warm + n
    instructions(src, total, 0)  # the first run may compile the rulebook into the cache
    return (instructions(src, total, total) - instructions(src, total, warm)) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=5000, help="phrases scored first")
    parser.add_argument("--n", type=int, default=15000, help="phrases counted after them")
    parser.add_argument("--src", help="another checkout's src/ to count beside this one")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: apt-get install valgrind; nothing measured")
        return
    here = per_call(None, args.warm, args.n)
    print(f"this checkout: {here:,.0f} instructions per classify of a new phrase")
    if args.src:
        other = per_call(args.src, args.warm, args.n)
        print(f"{args.src}: {other:,.0f} instructions per classify of a new phrase")
        print(f"ratio this/other: {here / other:.3f}")


if __name__ == "__main__":
    main()
