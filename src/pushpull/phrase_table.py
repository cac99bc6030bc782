"""Decide which signal (or negator) owns each phrase, and report phrases that never match.

Inflections of one phrase in the same signal are harmless; the same words in two
signals mean one of them can never fire, which an author must see. The result is
the list of ``(stems, target)`` entries that ``index.build_index`` turns into the
engine's trie.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import Problem
from .index import NEGATOR
from .textnorm import phrase_stems, phrase_words

Report = Callable[[Problem, str], None]
Phrase = tuple[str, tuple[str, ...], Problem]  # as written, its stems, where it stands


class PhraseTable:
    """Phrases by their stems, each with the first target that claimed it."""

    def __init__(self, report: Report) -> None:
        self._report = report
        self._owner: dict[tuple[str, ...], tuple[int, str, Problem, str]] = {}

    def add_negator(self, stems: tuple[str, ...], phrase: str, at: Problem) -> None:
        self._register(stems, NEGATOR, f"negator {phrase!r}", at, "")

    def add_signal(self, target: int, name: str, phrases: list[Phrase]) -> None:
        """A signal's phrases; "e-book" also claims "ebook", "cold-call" "coldcall"."""
        for phrase, stems, at in phrases:
            self._register(stems, target, f"phrase {phrase!r} of signal {name!r}", at, name)
            if len(stems) > 1:
                joined = phrase_stems("".join(phrase_words(phrase)))
                self._owner.setdefault(joined, (target, phrase, at, name))

    def check_signal(self, name: str, phrases: list[Phrase]) -> None:
        """Report the phrases of an entry left out (a duplicate id) that other entries
        own, without claiming any: once its id is fixed they would collide."""
        for phrase, stems, at in phrases:
            owner = self._owner.get(stems)
            if owner is not None and owner[3] != name:
                self._collision(f"phrase {phrase!r} of signal {name!r}", at, owner)

    def _register(
        self, stems: tuple[str, ...], target: int, label: str, at: Problem, name: str
    ) -> None:
        owner = self._owner.get(stems)
        if owner is None:
            self._owner[stems] = (target, label, at, name)
        elif owner[0] != target:
            self._collision(label, at, owner)

    def _collision(self, label: str, at: Problem, owner: tuple[int, str, Problem, str]) -> None:
        _, other_label, where, _ = owner
        self._report(
            at,
            f"{label} never matches: after normalisation it is the same "
            f"words as {other_label} ({where.file}:{where.line})",
        )

    def entries(self) -> tuple[tuple[tuple[str, ...], int], ...]:
        """Every phrase's stems and the target that owns them."""
        return tuple((stems, owner[0]) for stems, owner in self._owner.items())
