"""The phrase index: a trie of word stems, built once per rulebook and walked per tactic.

Its format is known here and nowhere else: each node maps the next stem to a child
node, and ``END`` to the target of the phrase that ends at that node (a signal's
position in the rulebook, or ``NEGATOR``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NEGATOR = -1  # target of a negator phrase rather than a signal
END = ""  # key holding the target of a phrase that ends at a node; never a stem

Trie = dict[str, Any]


def build_index(entries: Iterable[tuple[tuple[str, ...], int]]) -> Trie:
    """The trie of ``(stems, target)`` entries; the checker has already made stems unique."""
    trie: Trie = {}
    for stems, target in entries:
        node = trie
        for word in stems:
            node = node.setdefault(word, {})
        node[END] = target
    return trie


def match(stems: list[str], trie: Trie) -> list[tuple[int, int, int]]:
    """Phrase hits (target, first word, end word), left to right, longest phrase first."""
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
