"""index: the phrase trie, built and walked in one module."""

from __future__ import annotations

from typing import Any

from pushpull.index import NEGATOR, build_index, glued_negator, match, starts_phrase
from pushpull.textnorm import phrase_stems

SIGNALS = {"cold call": 0, "cold": 1, "paid search": 2, "intrusive": 3}
NEGATORS = ("no", "non", "instead of")


def index(negators: tuple[str, ...] = NEGATORS) -> dict[str, Any]:
    entries = [(phrase_stems(p), t) for p, t in SIGNALS.items()]
    entries += [(phrase_stems(n), NEGATOR) for n in negators]
    return build_index(entries)


def test_longest_phrase_wins_and_hits_do_not_overlap() -> None:
    stems = list(phrase_stems("cold calls and cold paid search"))
    assert match(stems, index()) == [(0, 0, 2), (1, 3, 4), (2, 4, 6)]


def test_negators_are_phrases_of_the_index() -> None:
    stems = list(phrase_stems("instead of cold"))
    assert match(stems, index()) == [(NEGATOR, 0, 2), (1, 2, 3)]


def test_starts_phrase() -> None:
    trie = index()
    assert starts_phrase(trie, "cold") and starts_phrase(trie, "paid")
    assert not starts_phrase(trie, "search") and not starts_phrase(trie, "")


def test_glued_negator_is_found_by_its_stem() -> None:
    trie = index()
    assert glued_negator("nonintrusive", trie, 4) == 3
    assert glued_negator("nocold", trie, 4) == 2
    assert glued_negator("none", trie, 4) == 0  # the rest would be too short
    assert glued_negator("nonsense", trie, 4) == 0  # "sense" starts no phrase
    assert glued_negator("insteadcold", trie, 4) == 0  # only one-word negators glue


class CountingTrie(dict[str, Any]):
    """A trie that counts how often its root is looked up."""

    lookups = 0

    def get(self, key: str, default: Any = None) -> Any:
        CountingTrie.lookups += 1
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        CountingTrie.lookups += 1
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Any:
        CountingTrie.lookups += 1
        return super().__getitem__(key)


def lookups(trie: dict[str, Any], word: str) -> tuple[int, int]:
    counting = CountingTrie(trie)
    CountingTrie.lookups = 0
    cut = glued_negator(word, counting, 4)
    return cut, CountingTrie.lookups


def made_up_words(count: int, prefix: str) -> list[str]:
    """``count`` distinct words of ``prefix`` and four letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [prefix + "".join(letters[n // 26**i % 26] for i in range(4)) for n in range(count)]


def test_the_search_does_not_grow_with_the_number_of_negators() -> None:
    few = index(("no", "non", *made_up_words(1, "q")))
    many = index(("no", "non", *made_up_words(50_000, "q")))
    for word in ("nonintrusive", "qqqqqqqqqqqqqqqqqqqqqq", "a" * 20_000, "noncold"):
        assert lookups(few, word) == lookups(many, word)
        assert lookups(many, word)[1] <= 2 * (5 + 5) + 1
