"""Turn free text into comparable word stems, remembering where each word stood.

Rule phrases and tactics go through the same functions, so "cold-calling",
"Cold Calls" and "coldcall" all reduce to the same stems and a rule author never
writes inflections by hand. The stemmer is deliberately crude: it only has to be
consistent on both sides, not linguistically right.
"""

from __future__ import annotations

import re

# A word is a run of letters or digits; everything else (hyphens, punctuation,
# spaces) separates words, which is what makes "e-book" and "e book" equal.
WORD = re.compile(r"[^\W_]+")
# Marks that end a clause are tokens of their own: no phrase matches across one,
# and negators and modifiers do not reach past one ("paid search, social post").
BREAKS = frozenset(",;:.!?()[]|/")
TOKEN = re.compile(r"[^\W_]+|[,;:.!?()\[\]|/]")

_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_KEEP_ENDINGS = ("ss", "us", "is", "ous")
_MIN_STEM = 3


def stem(word: str) -> str:
    """Strip one common English inflection and a final "e" from a lower-cased word."""
    if len(word) <= _MIN_STEM:
        # "ads" -> "ad", "DMs" -> "dm": short plurals are common in campaign names.
        if len(word) == _MIN_STEM and word[-1] == "s" and word[-2] != "s":
            return word[:-1]
        return word
    if word.isdigit() or word.endswith(_KEEP_ENDINGS):
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= _MIN_STEM:
            word = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed"):
                word = _undouble(word)
            break
    if len(word) > _MIN_STEM and word[-1] == "e":
        word = word[:-1]  # "nurture" and "nurturing" both become "nurtur"
    return word


def _undouble(base: str) -> str:
    """Return "shop" for "shopp" (from "shopping"); "call" stays "call"."""
    if len(base) > _MIN_STEM and base[-1] == base[-2] and base[-1] not in "lsz":
        return base[:-1]
    return base


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a rule phrase, in order."""
    return tuple(stem(m.group().lower()) for m in WORD.finditer(phrase))
