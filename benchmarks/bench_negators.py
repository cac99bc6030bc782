"""Cost of one unseen word when a rulebook layer carries many negators.

Every word the engine has not met before is searched for a negator glued to its
front ("nonintrusive"). That search must not grow with the number of negators:
this script builds a layer of ``--negators`` made-up negators, scores texts made
of words nobody has seen, and prints the cost per unseen word and a digest of
the results (equal digests: equal answers). This script only prints figures.

    python benchmarks/bench_negators.py --negators 160000
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import pushpull

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def made_up(count: int, prefix: str, width: int = 4) -> list[str]:
    """``count`` distinct words of ``prefix`` and ``width`` letters."""
    return [prefix + "".join(LETTERS[n // 26**i % 26] for i in range(width)) for n in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--negators", type=int, default=160_000, help="negators in the layer")
    parser.add_argument("--words", type=int, default=20_000, help="unseen words to score")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        layer = Path(folder) / "negators.yaml"
        negators = ["non", *made_up(args.negators, "qx")]
        layer.write_text("name: many-negators\nnegators: [" + ", ".join(negators) + "]\n")
        start = time.perf_counter()
        book = pushpull.load_rulebook(layer, use_cache=False)
        print(f"{args.negators:,} negators loaded in {time.perf_counter() - start:.1f} s")

    # unseen words: made-up ones, and made-up negators glued to known words
    words = made_up(args.words, "zz", 5)
    words[::4] = [w + "intrusive" for w in made_up(len(words[::4]), "qx")]
    texts = [" ".join(words[i : i + 4]) for i in range(0, len(words), 4)]
    book.token_cache.clear()
    start = time.perf_counter()
    results = [pushpull.classify(t, book) for t in texts]
    elapsed = time.perf_counter() - start
    print(f"per unseen word: {elapsed / len(words) * 1e6:.1f} µs ({len(words):,} words)")
    digest = hashlib.sha256(repr([r.to_dict()["dimensions"] for r in results]).encode())
    print(f"results digest: {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
