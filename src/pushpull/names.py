"""How one word of a tactic is read, so campaign names read like the words they hold.

Ad platforms and CRMs export names such as "EMEA_SDR_WebinarSignups", "GDN_rmkt",
"YT_Bumper6s" or "Newsletter - Copy". A word a phrase starts with stays whole
("LinkedIn"); otherwise an abbreviation from the rulebook's table is read as its
words ("rmkt" as "remarketing"), then a negator glued to a known word is cut off
("nonintrusive"), then digits come apart from letters and a run of letters
made only of known words is read as those words ("webinarsignups"), and last a
word the rulebook does not know may be read as the one it misspells ("webniar",
see ``typos.py``). Capitals are
never looked at, so case never changes a reading (the product matches without
regard to case). The rulebook decides what is known: nothing here names a
marketing word.

A word's reading is encoded in one string, since the engine memoises it per word:
the plain stem, or, when the word reads as several stems or as one stem that does
not cover it, ``(stem, start, end)`` triples joined by ``GLUE``, where start and end
are counted in folded characters back from the end of the word (the form
``textnorm.tail_start`` maps onto the original text).
"""

from __future__ import annotations

import re

from .index import glued_negator, is_phrase, longest_word, starts_phrase
from .model import Rulebook
from .textnorm import STEM_SHRINK, fold, phrase_stems, split, stem
from .typos import correction

GLUE = "\x00"  # never inside a token: tokens are word characters or clause marks
_NEGATION_PREFIX_MIN = 4  # "nonintrusive" splits; "none" does not
_RUNS = re.compile(r"\d+|\D+")  # digits apart from letters
_LONGEST_GLUED = 32  # longer runs of letters are not searched for words glued together
_MEMO_WORDS = 100_000  # read_as answers kept, words of at most _MEMO_WORD_CHARS
_MEMO_WORD_CHARS = 64
# what Meta and Google Ads append to a duplicated campaign: " - Copy", " - Copy 2"
_COPY = re.compile(r"\s[-\u2013\u2014]\s*copy(?:\s+\d+)?\s*\Z", re.IGNORECASE)
_COPY_TAIL = 24  # characters of the end of a text in which the marker is looked for


def read_word(raw: str, rulebook: Rulebook) -> str:
    """The encoded reading of one token (see the module docstring)."""
    word = fold(raw)
    whole = stem(word)
    if starts_phrase(rulebook.index, whole):
        return whole
    size = len(word)
    words = expansion(word, rulebook)
    if words is not None:
        return _encode([(part, size, 0) for part in phrase_stems(words)])
    cut = glued_negator(word, rulebook.index, _NEGATION_PREFIX_MIN)
    if cut:
        rest = size - cut
        return _encode([(stem(word[:cut]), size, rest), (stem(word[cut:]), rest, 0)])
    parts = _parts(word, rulebook)
    if parts:
        return _encode(parts)
    meant = correction(word, rulebook.word_stems, rulebook.spellings)
    return stem(meant) if meant else whole


def expansion(word: str, rulebook: Rulebook) -> str | None:
    """The words a folded word is read as, when it is an abbreviation in the rulebook's
    table (or the plural of one, "SDRs") and not a phrase or negator of its own."""
    table = rulebook.abbreviations
    if not table:
        return None
    whole = stem(word)
    if starts_phrase(rulebook.index, whole):
        return None
    return table.get(word) or table.get(whole)


def read_as(word: str, rulebook: Rulebook) -> str | None:
    """The words a folded word is read as, when that is not itself: an abbreviation's
    words, or the rulebook word a typo of one was meant to be ("webniar"). Memoised:
    every word of every piece of evidence is asked about."""
    memo = rulebook.reading_cache
    try:
        return memo[word]
    except KeyError:
        pass
    found = expansion(word, rulebook) or correction(word, rulebook.word_stems, rulebook.spellings)
    if len(word) <= _MEMO_WORD_CHARS:
        if len(memo) >= _MEMO_WORDS:
            memo.clear()
        memo[word] = found
    return found


def copy_marker(text: str) -> int:
    """How many tokens at the end of ``text`` are a duplicated campaign's "- Copy"
    marker, which says nothing about the tactic (0 when there is none)."""
    tail = text[-_COPY_TAIL:]
    if "opy" not in tail and "OPY" not in tail:
        return 0
    found = _COPY.search(tail)
    return len(split(found.group())[0]) if found else 0


def _parts(word: str, rulebook: Rulebook) -> list[tuple[str, int, int]] | None:
    """The parts of a glued folded word, when it has several and one of them is read
    as something the rulebook knows; None leaves the word whole.

    Digits come apart from letters ("bumper6s", "1pct", "q3"); a run of letters the
    rulebook does not know is read as known words when it is made of nothing else
    ("webinarsignups", "coldemail"). Capitals are not looked at, so case never
    changes a reading.
    """
    runs = [m.span() for m in _RUNS.finditer(word)]
    size = len(word)
    out: list[tuple[str, int, int]] = []
    for i, j in runs:
        run = word[i:j]
        known = len(runs) > 1 and _reading(run, rulebook) is not None  # "q3" + "coldemail"
        pieces = _known_pieces(run, rulebook) if i + 1 < j and not known else None
        if pieces is None and len(runs) == 1:
            return None  # one run of letters that is not made of known words
        for a, b in pieces or [(0, j - i)]:
            piece = word[i + a : i + b]
            words = _reading(piece, rulebook)
            stems = phrase_stems(words) if words else (stem(piece),)
            out += [(s, size - i - a, size - i - b) for s in stems]
    # a part that only begins longer phrases ("q" of "q & a") can start one only as
    # the word's last part: "Q3" stays whole, and is read at the speed of a plain word
    last = len(out) - 1
    if last < 1 or not any(
        is_phrase(rulebook.index, s)
        or (k == last and starts_phrase(rulebook.index, s))
        or read_as(word[size - a : size - b], rulebook) is not None
        for k, (s, a, b) in enumerate(out)
    ):
        return None
    return out


def _reading(piece: str, rulebook: Rulebook) -> str | None:
    """The piece as words: itself when the rulebook knows it, its abbreviation's
    words or the word it misspells ("Webniar2024"), or None when it is unknown."""
    if starts_phrase(rulebook.index, stem(piece)):
        return piece
    return read_as(piece, rulebook)


def _whole_word(piece: str, rulebook: Rulebook) -> bool:
    """Whether a piece is a phrase of one word or an abbreviation: a word that only
    begins longer phrases ("out" of "out of home") is too weak to cut "payout" at."""
    whole = stem(piece)
    if whole in rulebook.index:  # it begins a phrase: known if it is one by itself
        return is_phrase(rulebook.index, whole)
    table = rulebook.abbreviations
    return piece in table or whole in table


def _known_pieces(run: str, rulebook: Rulebook) -> list[tuple[int, int]] | None:
    """The fewest pieces of two or more characters, each a word of its own to the
    rulebook, that make up ``run`` exactly (positions in ``run``); None when there
    are none. No piece is tried that is longer than any word the rulebook knows."""
    n = len(run)
    if n > _LONGEST_GLUED or run.isdigit():
        return None
    table = rulebook.abbreviations
    longest = max(longest_word(rulebook.index) + STEM_SHRINK, *map(len, table), 0) + 1
    best: list[list[tuple[int, int]] | None] = [None] * (n + 1)
    best[0] = []
    for start in range(n - 1):
        before = best[start]
        if before is None:
            continue
        for end in range(start + 2, min(n, start + longest) + 1):
            known = best[end]
            if (known is None or len(before) + 1 < len(known)) and _whole_word(
                run[start:end], rulebook
            ):
                best[end] = [*before, (start, end)]
    return best[n]


def _encode(parts: list[tuple[str, int, int]]) -> str:
    return GLUE.join(f"{part}{GLUE}{start}{GLUE}{end}" for part, start, end in parts)
