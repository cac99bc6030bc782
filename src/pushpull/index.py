"""The phrase index: a trie of word stems, built once per rulebook and walked per tactic.

Its format is known here and nowhere else: each node maps the next stem to a child
node, and ``END`` to the target of the phrase that ends at that node (a signal's
position in the rulebook, or ``NEGATOR``). The root also records, under
``_NEGATOR_CHARS``, how long the longest one-word negator's stem is, so a word is
searched for a glued negator ("nonintrusive") in a number of steps that depends on
that length, never on how many negators there are; ``_WORD_CHARS`` bounds, the same
way, the pieces a glued word ("webinarsignups") is cut into.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .textnorm import STEM_SHRINK, stem

NEGATOR = -1  # target of a negator phrase rather than a signal
END = ""  # key holding the target of a phrase that ends at a node; never a stem
_NEGATOR_CHARS = "#negator-chars"  # a root key; "#" and "-" are never part of a stem
_WORD_CHARS = "#word-chars"  # a root key: how long the longest one-word phrase's stem is

Trie = dict[str, Any]


def build_index(entries: Iterable[tuple[tuple[str, ...], int]]) -> Trie:
    """The trie of ``(stems, target)`` entries; the checker has already made stems unique."""
    trie: Trie = {}
    longest = longest_word = 0
    for stems, target in entries:
        node = trie
        for word in stems:
            node = node.setdefault(word, {})
        node[END] = target
        if len(stems) == 1:
            longest_word = max(longest_word, len(stems[0]))
            if target == NEGATOR:
                longest = max(longest, len(stems[0]))
    trie[_NEGATOR_CHARS] = longest
    trie[_WORD_CHARS] = longest_word
    return trie


def longest_word(trie: Trie) -> int:
    """How many characters the stem of the longest one-word phrase or negator has."""
    chars: int = trie[_WORD_CHARS]
    return chars


def starts_phrase(trie: Trie, word_stem: str) -> bool:
    """Whether some phrase (or negator) begins with this stem."""
    return word_stem in trie


def is_phrase(trie: Trie, word_stem: str) -> bool:
    """Whether this stem alone is a whole phrase (or negator), not only the start of one."""
    node = trie.get(word_stem)
    return node is not None and END in node


def glued_negator(word: str, trie: Trie, min_rest: int) -> int:
    """How many leading characters of a folded ``word`` are a one-word negator glued
    to the front of a word that starts a phrase ("non" in "nonintrusive"), or 0.

    The longest such negator wins, and the rest must keep ``min_rest`` characters
    ("none" is not "no" + "ne"). A prefix counts when its stem is a negator's, so
    "avoidingspam" splits as "avoiding" + "spam". At most two lookups per candidate
    prefix, and the candidates are bounded by the longest negator's length.
    """
    longest = min(len(word) - min_rest, trie[_NEGATOR_CHARS] + STEM_SHRINK)
    for cut in range(longest, 0, -1):
        node = trie.get(stem(word[:cut]))
        if node is not None and node.get(END) == NEGATOR and stem(word[cut:]) in trie:
            return cut
    return 0


def match(stems: list[str], trie: Trie) -> list[tuple[int, int, int]]:
    """Phrase hits (target, first word, end word), left to right, longest phrase first.

    Plain tuples, unpacked at once by the engine: this runs for every tactic.
    """
    hits: list[tuple[int, int, int]] = []
    i, n = 0, len(stems)
    while i < n:
        node = trie.get(stems[i])
        if node is None:
            i += 1
            continue
        best = node.get(END)
        best_end = i + 1
        j = i + 1
        while j < n:
            node = node.get(stems[j])
            if node is None:
                break
            j += 1
            if END in node:
                best, best_end = node[END], j
        if best is None:
            i += 1
        else:
            hits.append((best, i, best_end))
            i = best_end
    return hits
