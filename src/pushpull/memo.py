"""Remember the answer for a text that comes back, and stop asking when none do.

Real exports repeat names heavily (GA4 has a few dozen source/medium values, an ad
report repeats each campaign once a day), so a batch over a million rows may hold
only a few thousand distinct tactics; scoring each once and handing back the same
immutable answer afterwards is then most of the work saved. A file of mostly
distinct names would only pay for the lookups and fill memory with answers that
never return, so the memo watches its own hit rate per window of lookups and rests
(no lookups, no new entries) while hits are rare, looking again now and then in
case the file changes character.
"""

from __future__ import annotations

from typing import Generic, TypeVar

V = TypeVar("V")

WINDOW = 4_096  # lookups between two looks at the hit rate
# A hit saves a whole scoring (about 20 µs) and a miss costs a lookup and an insert
# (about 0.3 µs), so even a few percent of hits pay; below this share the memo rests.
MIN_HITS = WINDOW // 32
REST = 15 * WINDOW  # texts let past without a lookup before the memo looks again
LIMIT = 8_192  # entries (about 1 kB each); the oldest half goes when it is full
MAX_KEY_CHARS = 256  # a long text hardly ever comes back: not worth its memory


class TextMemo(Generic[V]):
    """Text -> an immutable answer, bounded in entries and key size, that rests while
    hits are rare. The caller reads ``resting`` first (a plain attribute: this runs
    per text) and, while it is above zero, counts it down instead of looking up."""

    __slots__ = ("entries", "hits", "lookups", "resting")

    def __init__(self) -> None:
        self.entries: dict[str, V] = {}
        self.lookups = 0
        self.hits = 0
        self.resting = 0

    def get(self, text: str) -> V | None:
        """The answer remembered for ``text``, or None; counts toward the hit rate."""
        found = self.entries.get(text)
        self.lookups += 1
        if found is not None:
            self.hits += 1
        if self.lookups >= WINDOW:
            self._look_at_hits()
        return found

    def get_many(self, texts: list[str]) -> list[V | None]:
        """``get`` for each text, counted as many lookups; while resting, all None
        and counted down (a block of texts is let past, or looked up, as one)."""
        if self.resting:
            self.resting = max(self.resting - len(texts), 0)
            return [None] * len(texts)
        found = list(map(self.entries.get, texts))
        self.lookups += len(texts)
        self.hits += len(texts) - found.count(None)
        if self.lookups >= WINDOW:
            self._look_at_hits()
        return found

    def _look_at_hits(self) -> None:
        """Rest when hits were rare over the last window of lookups, and start a new one."""
        if self.hits * WINDOW < MIN_HITS * self.lookups:
            self.resting = REST
        self.lookups = self.hits = 0

    def put(self, text: str, answer: V) -> None:
        """Remember ``answer`` for ``text`` (a long text is not remembered)."""
        if len(text) > MAX_KEY_CHARS:
            return
        entries = self.entries
        if len(entries) >= LIMIT:
            for old in list(entries)[: LIMIT // 2]:
                del entries[old]
        entries[text] = answer
