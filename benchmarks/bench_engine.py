"""Per-tactic engine speed, measured against VADER sentiment scoring.

pushpull's scoring engine should score short phrases at least twice as fast as a
well-known lexicon scorer does (PRODUCT.md): the budget is pushpull/VADER time
<= 0.5 on the same phrases, in the same process, so the figure holds on any
machine. Rulebook loading and first calls are kept out of the timing; each
measurement is repeated, interleaved with the other, and the best run counts. Each
of our runs starts with the rulebook's memos empty, as a process scoring these
phrases once would, so a small --n is not flattered by what earlier runs kept.
This script only prints figures.

    python benchmarks/bench_engine.py              # real measurement (100,000 phrases)
    python benchmarks/bench_engine.py --n 2000     # smoke test
    python benchmarks/bench_engine.py --profile    # plus the top functions by tottime
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pickle
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import phrases as make_common

import pushpull

BUDGET = 0.5
WARMUP = 500


def timed(fn: Callable[[], object]) -> float:
    """Seconds for one call of ``fn``, after a collection so earlier garbage is not billed."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def vader_scorer() -> Callable[[str], object] | None:
    try:
        from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
            SentimentIntensityAnalyzer,
        )
    except ImportError:
        return None
    scorer: Callable[[str], object] = SentimentIntensityAnalyzer().polarity_scores
    return scorer


def profile(texts: list[str], book: pushpull.Rulebook, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    list(pushpull.classify_many(texts, book))
    profiler.disable()
    print(f"\ncProfile of classify_many over {len(texts):,} phrases, top {top} by tottime:")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats(pstats.SortKey.TIME).print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of phrases")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the phrases")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--profile", action="store_true", help="also cProfile classify_many")
    parser.add_argument("--top", type=int, default=25, help="functions shown by --profile")
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be >= 1")

    texts = make_common(args.n, args.seed)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"phrases: {len(texts):,} (seed {args.seed}, {words:.1f} words on average)")
    print(f"examples: {texts[:3]}")

    start = time.perf_counter()
    book = pushpull.default_rulebook()
    print(f"rulebook load (not timed below): {(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"pushpull {pushpull.__version__} from {Path(pushpull.__file__).parent}")
    sample = list(pushpull.classify_many(texts[:WARMUP], book))
    scored = sum(r.label != "unclassified" for r in sample) / len(sample)
    print(f"phrases matching at least one signal: {scored:.0%} of the first {len(sample)}")

    vader = vader_scorer()
    if vader is None:
        print("vaderSentiment is not importable: reporting pushpull only")
    else:
        for text in texts[:WARMUP]:
            vader(text)

    def run_ours() -> object:
        return list(pushpull.classify_many(texts, fresh))

    def run_vader() -> object:
        assert vader is not None
        return [vader(t) for t in texts]

    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.repeat):
        # each run starts with empty memos, as one process scoring these phrases would:
        # else the runs after the first answer every phrase, or every combination of
        # findings, from what the first one kept (all of them, when --n fits the memos)
        fresh = pickle.loads(pickle.dumps(book))
        ours.append(timed(run_ours))
        if vader is not None:
            theirs.append(timed(run_vader))

    per_ours = min(ours) / len(texts) * 1e6
    print(f"pushpull classify_many: {per_ours:8.2f} µs/phrase  (best of {args.repeat})")
    if vader is not None:
        per_vader = min(theirs) / len(texts) * 1e6
        print(f"vader polarity_scores:  {per_vader:8.2f} µs/phrase  (best of {args.repeat})")
        print(f"ratio pushpull/vader: {per_ours / per_vader:.2f} (budget <= {BUDGET})")

    if args.profile:
        profile(texts, book, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
