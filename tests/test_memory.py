"""What a long run keeps in memory does not grow with the length of its tactics."""

from __future__ import annotations

import random

import pushpull
from pushpull import engine


def test_the_memos_stay_bounded_in_size_on_long_distinct_tactics() -> None:
    """Each memo entry is small whatever the tactic: long keys are scored, not kept."""
    book = pushpull.load_rulebook()
    words = ["cold", "call", "webinar", "paid", "social", "ad", "newsletter", "opt-in"]
    rng = random.Random(7)
    for n in range(200):
        long_word = "x" * (500 + n)  # a run of letters that never comes back
        tactic = " ".join(rng.choice(words) for _ in range(1_500)) + " " + long_word
        assert engine.classify(tactic, book).label != "unclassified"
    assert all(len(raw) <= 64 for raw in book.token_cache)
    assert all(len(key) <= 32 for key in book.score_cache)
    assert engine.classify("cold call", book).label == "outbound"  # short ones still memoised
    assert any(len(key) == 1 for key in book.score_cache)
