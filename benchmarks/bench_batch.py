"""Batch budgets: a million-row CSV scored end to end, against a plain csv copy.

``pushpull batch`` is meant for whole campaign exports, so it must keep up with the
file itself. The budgets (PRODUCT.md), for 1,000,000 rows against the floor (the time
plain ``csv.reader`` -> ``csv.writer`` take to copy the same file, which any
CSV-in, CSV-out tool pays): mostly distinct names at most 6x the floor with
``--jobs 1`` and 4x with ``--jobs 2``, a speed-up of at least 1.7x; 5,000 distinct
names repeated (``--distinct 5000``) at most 2.5x; JSON Lines and JSON at most 1.5x
the CSV path; at most 60 MB a process with CSV output; ``--weight-column`` and
``--by`` within 10% of the plain run.

The script writes a seeded, realistic CSV (``id,name,owner,budget``, with quoted
commas, an embedded newline, empty and non-ASCII names) to a temp dir, then runs
the copy floor, ``pushpull batch`` and ``pushpull batch --jobs N`` as child
processes, timing each and reading its peak RSS with ``os.wait4``. On Linux it also
samples the memory of the whole process tree, which is what counts with workers.
It checks the outputs have one data row per input row. It only prints figures;
it exits 2 only when ``pushpull batch`` itself fails.

Memory must stay bounded in bytes whatever the row size, in every format:
``--tactic-chars`` grows each name to about that many characters, and ``--formats``
runs JSON Lines and JSON too.

    python benchmarks/bench_batch.py               # real measurement (1,000,000 rows)
    python benchmarks/bench_batch.py --rows 5000   # smoke test
    python benchmarks/bench_batch.py --rows 2000 --tactic-chars 10000 --formats csv,jsonl,json
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import phrase, pushpull_command

BUDGET_FLOOR_RATIO = 6.0  # --jobs 1, mostly distinct names
BUDGET_FLOOR_RATIO_REPEATED = 2.5  # --jobs 1, 5,000 distinct names
BUDGET_FLOOR_RATIO_JOBS = 4.0  # --jobs 2
BUDGET_SPEED_UP = 1.7
BUDGET_FORMAT_RATIO = 1.5  # jsonl and json against csv
BUDGET_PEAK_MB = 60.0  # per process, CSV output
BUDGET_WEIGHTED_RATIO = 1.10
MB = 1024 * 1024

COPY_FLOOR = """\
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as src, \\
        open(sys.argv[2], "w", newline="", encoding="utf-8") as dst:
    csv.writer(dst).writerows(csv.reader(src))
"""

# Names that real exports contain and that a CSV tool must get right.
AWKWARD_NAMES: tuple[str, ...] = (
    "paid social, retargeting, and display",  # commas: quoted field
    "webinar series\nfollow-up email",  # embedded newline
    "",  # empty name
    "Événement café — salon professionnel",  # non-ASCII
    "メールマガジン opt-in newsletter",  # CJK
    '"Spring" promo email blast',  # embedded quotes
    "   ",  # whitespace only
    "🚀 launch cold email",  # emoji
)
AWKWARD_SHARE = 0.002
OWNERS: tuple[str, ...] = (
    "ana",
    "bram",
    "chen.li",
    "Doe, Jane",
    "growth-team",
    "José Álvarez",
    "k.mueller",
    "",
)


def long_name(rng: random.Random, chars: int) -> str:
    """Phrases joined up to about ``chars`` characters: a tactic pasted with its brief."""
    parts: list[str] = []
    size = 0
    while size < chars:
        part = phrase(rng)
        if size + len(part) + 1 > chars:
            break
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)


def write_csv(path: Path, rows: int, seed: int, tactic_chars: int = 0, distinct: int = 0) -> None:
    """``rows`` data rows after a header; every awkward name appears in the first rows.

    ``tactic_chars``: the other names run to about that many characters.
    ``distinct``: the other names are drawn from that many (as real exports repeat a
    campaign per day); 0 makes each one afresh (mostly distinct).
    """
    rng = random.Random(seed)
    pool = [phrase(rng) for _ in range(distinct)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "owner", "budget"])
        for i in range(rows):
            if i < len(AWKWARD_NAMES):
                name = AWKWARD_NAMES[i]
            elif rng.random() < AWKWARD_SHARE:
                name = rng.choice(AWKWARD_NAMES)
            else:
                name = (
                    rng.choice(pool)
                    if pool
                    else long_name(rng, tactic_chars)
                    if tactic_chars
                    else phrase(rng)
                )
            pick = rng.random()
            if pick < 0.1:
                budget = ""
            elif pick < 0.3:
                budget = f"{rng.randrange(1, 500) * 1000:,}"  # "12,000": another quoted comma
            else:
                budget = f"{rng.randrange(100, 250_000)}.{rng.randrange(100):02d}"
            writer.writerow([i + 1, name, rng.choice(OWNERS), budget])


def count_data_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants (Linux /proc only).

    Uses PSS where the kernel offers it, so pages shared by forked workers are not
    counted twice; otherwise RSS. A sample every ``interval`` seconds can miss a
    short spike, so this is a lower bound of the true peak.
    """

    def __init__(self, root: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.peak = 0
        self.stopping = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE")

    @staticmethod
    def available() -> bool:
        return Path("/proc/self/stat").exists()

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        found = [self.root]
        for pid in found:
            found.extend(children.get(pid, []))
        return found

    def memory(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            return int(stat.rsplit(")", 1)[1].split()[21]) * self.page
        except (OSError, ValueError, IndexError):
            return 0

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, sum(self.memory(pid) for pid in self.tree()))
            if self.stopping.wait(self.interval):
                return


@dataclass
class Run:
    label: str
    seconds: float
    peak_rss: int  # bytes, the largest single process (the child or a reaped descendant)
    tree_peak: int | None  # bytes, sampled sum over the process tree
    returncode: int
    stderr: str


def run_child(label: str, cmd: list[str], workdir: Path) -> Run:
    """Run ``cmd``, timing it and taking its rusage from ``os.wait4`` on that one child."""
    err_path = workdir / "stderr.txt"
    with open(os.devnull, "wb") as devnull, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=err)
        sampler = TreeMemory(proc.pid) if TreeMemory.available() else None
        if sampler is not None:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if sampler is not None:
        sampler.stopping.set()
        sampler.join()
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(
        label=label,
        seconds=seconds,
        peak_rss=peak,
        tree_peak=sampler.peak if sampler is not None else None,
        returncode=proc.returncode,
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
    )


def report(run: Run, rows: int, floor: Run | None) -> None:
    line = f"{run.label:<22} {run.seconds:7.2f} s  {rows / run.seconds:>11,.0f} rows/s"
    if floor is not None:
        line += f"  {run.seconds / floor.seconds:5.2f}x floor"
    line += f"  peak RSS {run.peak_rss / MB:6.1f} MB"
    if run.tree_peak:
        line += f" (tree ~{run.tree_peak / MB:.1f} MB)"
    print(line)


def fail(message: str, stderr: str) -> int:
    print(f"pushpull batch is not usable: {message}")
    if stderr.strip():
        print("stderr (last lines):")
        for line in stderr.strip().splitlines()[-10:]:
            print(f"  {line}")
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="data rows in the CSV")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the CSV")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the parallel run")
    parser.add_argument("--dir", type=Path, default=None, help="where the temp dir goes")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and say where")
    parser.add_argument("--tactic-chars", type=int, default=0, help="grow names to this size")
    parser.add_argument("--formats", default="csv", help="comma-separated: csv, jsonl, json")
    parser.add_argument("--distinct", type=int, default=0, help="draw names from this many")
    parser.add_argument(
        "--other", help="another pushpull command (a release's venv) run beside this one"
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.jobs < 2:
        parser.error("--rows must be >= 1 and --jobs >= 2")
    formats = args.formats.split(",")
    if not set(formats) <= {"csv", "jsonl", "json"}:
        parser.error("--formats takes csv, jsonl and json")

    tmp = Path(tempfile.mkdtemp(prefix="pushpull-bench-", dir=args.dir))
    try:
        commands = [("", pushpull_command())]
        if args.other:
            commands.append(("other ", [args.other]))
        shape = (args.tactic_chars, args.distinct)
        return measure(args.rows, args.seed, args.jobs, tmp, shape, formats, commands)
    finally:
        if args.keep:
            print(f"files kept in {tmp}")
        else:
            for path in tmp.iterdir():
                path.unlink()
            tmp.rmdir()


def measure(
    rows: int,
    seed: int,
    jobs: int,
    tmp: Path,
    shape: tuple[int, int],
    formats: list[str],
    commands: list[tuple[str, list[str]]],
) -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"python {sys.version.split()[0]}, {cpus} usable CPUs")
    source = tmp / "campaigns.csv"
    start = time.perf_counter()
    tactic_chars, distinct = shape  # how long the names run, how many distinct ones
    write_csv(source, rows, seed, tactic_chars, distinct)
    size = source.stat().st_size
    print(
        f"input: {rows:,} rows ({f'{distinct:,} distinct names' if distinct else 'fresh names'}), "
        f"{size / MB:.1f} MB, seed {seed} "
        f"(written in {time.perf_counter() - start:.1f} s)"
    )

    copied = tmp / "copy.csv"
    floor = run_child(
        "csv copy floor", [sys.executable, "-c", COPY_FLOOR, str(source), str(copied)], tmp
    )
    if floor.returncode != 0:
        print(f"the csv copy failed ({floor.returncode}):\n{floor.stderr}")
        return 1
    report(floor, rows, None)
    copied_rows = count_data_rows(copied)
    copied.unlink()
    print(f"check: the copy has {copied_rows:,} data rows, the input {rows:,}")

    for name, pushpull in commands:
        probe = subprocess.run(
            [*pushpull, "batch", "--help"], capture_output=True, text=True, check=False
        )
        if probe.returncode != 0:
            command = " ".join(pushpull)
            return fail(f"`{command} batch --help` exited {probe.returncode}", probe.stderr)
        print(f"{name or 'this '}pushpull: {' '.join(pushpull)}")

    every: dict[tuple[str, str], dict[int, Run]] = {}
    for fmt in formats:  # each format run by every command in turn: side by side
        for name, pushpull in commands:
            runs, code = measure_format(pushpull, source, fmt, rows, jobs, floor, tmp, name)
            if code:
                return code
            every[name, fmt] = runs
    for name, _ in commands:
        if (name, "csv") in every:
            for fmt in formats:
                ratio = every[name, fmt][1].seconds / every[name, "csv"][1].seconds
                print(f"{name}{fmt} -j 1 / csv -j 1: {ratio:.2f}x")
    if "csv" not in formats:
        return 0
    # the weighted mix is this checkout's: an older release has no --weight-column
    pushpull = dict(commands)[""]
    code = measure_weighted(pushpull, source, rows, floor, every["", "csv"][1], tmp, "")
    if code:
        return code
    runs = every["", "csv"]

    summary = runs[1].stderr.strip().splitlines()
    if summary and len(summary) <= 20:
        print("summary printed by pushpull batch -j 1:")
        for line in summary:
            print(f"  {line}")

    floor_budget = BUDGET_FLOOR_RATIO_REPEATED if shape[1] else BUDGET_FLOOR_RATIO
    scale = "" if rows == 1_000_000 else f" (set for 1,000,000 rows; here {rows:,})"
    print(f"budgets{scale}:")
    print(f"  -j 1 {runs[1].seconds / floor.seconds:.2f}x floor (<= {floor_budget:g}x)")
    print(
        f"  -j {jobs} {runs[jobs].seconds / floor.seconds:.2f}x floor "
        f"(<= {BUDGET_FLOOR_RATIO_JOBS:g}x), speed-up {runs[1].seconds / runs[jobs].seconds:.2f}x "
        f"(>= {BUDGET_SPEED_UP:g}x)"
    )
    for fmt in formats:
        if fmt != "csv":
            ratio = every["", fmt][1].seconds / runs[1].seconds
            print(f"  {fmt} {ratio:.2f}x the csv path (<= {BUDGET_FORMAT_RATIO:g}x)")
    peak = max(run.peak_rss for run in runs.values()) / MB
    print(f"  peak {peak:.1f} MB a process with csv output (<= {BUDGET_PEAK_MB:g} MB)")
    return 0


def measure_format(
    pushpull: list[str],
    source: Path,
    fmt: str,
    rows: int,
    jobs: int,
    floor: Run,
    tmp: Path,
    name: str = "",
) -> tuple[dict[int, Run], int]:
    """Run ``--jobs 1`` and ``--jobs N`` in one format, report them, and check the outputs."""
    outputs: dict[int, Path] = {}
    runs: dict[int, Run] = {}
    for n in (1, jobs):
        out = tmp / f"scored-jobs{n}.{fmt}"
        cmd = [*pushpull, "batch", str(source), "--column", "name", "-o", str(out)]
        cmd += ["--format", fmt, "--jobs", str(n)]
        run = run_child(f"{name}batch {fmt} -j {n}", cmd, tmp)
        if run.returncode != 0:
            return runs, fail(f"`{' '.join(cmd)}` exited {run.returncode}", run.stderr)
        report(run, rows, floor)
        outputs[n], runs[n] = out, run

    print(f"{name}{fmt} --jobs {jobs} speed-up: {runs[1].seconds / runs[jobs].seconds:.2f}x")
    if fmt != "json":
        for n, out in outputs.items():
            got = count_data_rows(out) if fmt == "csv" else count_lines(out)
            verdict = "OK" if got == rows else "MISMATCH"
            print(f"check {fmt} -j {n}: output has {got:,} rows, input {rows:,}: {verdict}")
    same = filecmp.cmp(outputs[1], outputs[jobs], shallow=False)
    print(f"check: {fmt} -j 1 and -j {jobs} outputs are {'identical' if same else 'DIFFERENT'}")
    for out in outputs.values():
        out.unlink()
    return runs, 0


def measure_weighted(
    pushpull: list[str], source: Path, rows: int, floor: Run, plain: Run, tmp: Path, name: str
) -> int:
    """The same run weighted by spend and grouped by owner: the mix a CMO asks for must
    cost little more than the plain one (budget: within 10%)."""
    out = tmp / "scored-weighted.csv"
    cmd = [*pushpull, "batch", str(source), "--column", "name", "-o", str(out)]
    cmd += ["--weight-column", "budget", "--by", "owner"]
    run = run_child(f"{name}batch --weight --by -j 1", cmd, tmp)
    if run.returncode != 0:
        return fail(f"`{' '.join(cmd)}` exited {run.returncode}", run.stderr)
    report(run, rows, floor)
    print(
        f"{name}--weight-column and --by: {run.seconds / plain.seconds:.3f}x the plain -j 1 run "
        f"(budget <= {BUDGET_WEIGHTED_RATIO:.2f}x)"
    )
    out.unlink()
    return 0


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


if __name__ == "__main__":
    sys.exit(main())
