"""The per-text memo: a text that comes back gets the same answer, and the memo
rests while texts do not come back."""

from __future__ import annotations

import pytest

import pushpull
from pushpull import engine
from pushpull.memo import LIMIT, MAX_KEY_CHARS, MIN_HITS, WINDOW, TextMemo


def test_a_repeated_text_gets_the_same_result() -> None:
    book = pushpull.load_rulebook()
    first = engine.classify("cold call blitz", book)
    again = engine.classify("cold call blitz", book)
    assert again is first
    fresh = pushpull.classify("cold call blitz", pushpull.load_rulebook())
    assert again.to_dict() == fresh.to_dict()


def test_a_context_does_not_reuse_results_read_without_it() -> None:
    book = pushpull.load_rulebook()
    plain = engine.classify("facebook post", book)
    paid = engine.classify("facebook post", book.with_context("paid"))
    assert paid is not plain
    assert paid.score != plain.score


@pytest.mark.parametrize("text", ["", "   ", "cold\x00call"])
def test_a_cell_that_cannot_be_a_tactic_is_refused_whoever_scored_it_first(text: str) -> None:
    """classify answers any text; a file's cell that cannot be a tactic is refused with
    the reason, before and after the same text went through classify."""
    book = pushpull.load_rulebook()
    for _ in range(2):
        assert engine.classify_or_refuse(text, book).reason is not None
        assert engine.classify(text, book).reason is None
    scored = engine.classify_or_refuse("cold call blitz", book)
    assert engine.classify_or_refuse("cold call blitz", book) is scored, "a tactic is remembered"


def test_the_memo_rests_while_hits_are_rare_and_looks_again_later() -> None:
    memo: TextMemo[int] = TextMemo()
    for n in range(WINDOW):
        assert memo.get(f"name {n}") is None
        memo.put(f"name {n}", n)
    assert memo.resting > 0
    memo.resting = 0
    for n in range(WINDOW):
        assert memo.get(f"name {n % MIN_HITS}") == n % MIN_HITS
    assert memo.resting == 0


def test_the_memo_stays_bounded() -> None:
    memo: TextMemo[int] = TextMemo()
    for n in range(LIMIT + 10):
        memo.put(str(n), n)
    memo.put("x" * (MAX_KEY_CHARS + 1), 1)
    assert len(memo.entries) <= LIMIT
    assert memo.get("x" * (MAX_KEY_CHARS + 1)) is None
    assert memo.get(str(LIMIT + 9)) == LIMIT + 9


def test_a_block_of_texts_is_looked_up_and_let_past_as_one() -> None:
    memo: TextMemo[int] = TextMemo()
    memo.put("webinar", 1)
    assert memo.get_many(["webinar", "blog", "webinar"]) == [1, None, 1]
    # hits are common: a whole window of them keeps the memo looking
    assert memo.get_many(["webinar"] * WINDOW) == [1] * WINDOW
    assert memo.resting == 0
    # a window of misses: the memo rests, and a block it lets past counts the rest down
    memo.get_many([f"name {n}" for n in range(WINDOW)])
    resting = memo.resting
    assert resting > 0
    assert memo.get_many(["webinar"] * 10) == [None] * 10
    assert memo.resting == resting - 10
    memo.get_many(["webinar"] * resting)
    assert memo.resting == 0
    assert memo.get_many(["webinar"]) == [1]
