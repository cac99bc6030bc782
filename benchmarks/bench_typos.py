"""What reading typos costs: per unknown word, per tactic of unseen words, and to import.

A word is looked up for a typo only the first time it is seen (the reading is
memoised with the token cache), and only when the rulebook does not know it, so
the figures here are for unknown words met for the first time: misspelt phrase
words (corrected) and made-up words of 5 to 12 letters (not corrected), each
read with the typo lookup and, for comparison, with a rulebook that has no
spellings to correct towards. This script only prints figures.

    python benchmarks/bench_typos.py              # 20,000 words, best of 5
    python benchmarks/bench_typos.py --n 2000     # smoke test
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import string
import subprocess
import sys
import time
from collections.abc import Callable

import pushpull
from pushpull.names import read_word
from pushpull.typos import correction


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def unknown_words(book: pushpull.Rulebook, n: int, seed: int) -> tuple[list[str], list[str]]:
    """``n`` misspelt phrase words (two neighbouring letters swapped) and ``n`` made-up
    words, none of which the rulebook knows."""
    rng = random.Random(seed)
    spellings = sorted(w for group in book.spellings.values() for w in group)
    typos: list[str] = []
    while len(typos) < n:
        word = rng.choice(spellings)
        at = rng.randrange(1, len(word) - 1)
        typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        if typo != word:
            typos.append(typo)
    made_up = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 12))) for _ in range(n)]
    return typos, made_up


def import_ms() -> float:
    """Milliseconds ``import rapidfuzz`` adds to a process that has ``typing`` loaded."""
    code = (
        "import time, typing, enum, re\nt = time.perf_counter()\n"
        "from rapidfuzz import process\nfrom rapidfuzz.distance import OSA, Levenshtein\n"
        "print((time.perf_counter() - t) * 1000)"
    )
    runs = [float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(5)]
    return min(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="words of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each; the best counts")
    args = parser.parse_args(argv)
    if args.n < 1 or args.repeat < 1:
        parser.error("--n and --repeat must be >= 1")

    book = pushpull.default_rulebook()
    plain = dataclasses.replace(book, spellings={})  # the same rulebook, nothing to correct to
    typos, made_up = unknown_words(book, args.n, args.seed)
    fixed = sum(correction(w, book.word_stems, book.spellings) is not None for w in typos)
    print(f"rulebook: {sum(map(len, book.spellings.values()))} words a typo may be read as")
    print(f"swapped-letter typos corrected: {fixed / len(typos):.0%} of {len(typos):,}")

    for name, words in (("typos", typos), ("made-up words", made_up)):
        look = best(
            lambda w=words: [correction(x, book.word_stems, book.spellings) for x in w], args.repeat
        )
        with_ = best(lambda w=words: [read_word(x, book) for x in w], args.repeat)
        without = best(lambda w=words: [read_word(x, plain) for x in w], args.repeat)
        per = 1e6 / len(words)
        print(
            f"{name:14} correction(): {look * per:6.2f} µs/word;  read_word: "
            f"{with_ * per:6.2f} µs/word with typos, {without * per:6.2f} without"
        )

    rng = random.Random(args.seed)
    tactics = [" ".join(rng.sample(made_up, 4)) for _ in range(args.n // 4)]

    def fresh(rulebook: pushpull.Rulebook) -> Callable[[], object]:
        def run() -> object:
            rulebook.token_cache.clear()  # every word met for the first time
            return list(pushpull.classify_many(tactics, rulebook))

        return run

    per = 1e6 / len(tactics)
    on, off = best(fresh(book), args.repeat) * per, best(fresh(plain), args.repeat) * per
    print(f"tactic of 4 unseen words: {on:6.2f} µs with typos, {off:6.2f} without")
    print(f"import of rapidfuzz (first lookup of a process): {import_ms():.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
