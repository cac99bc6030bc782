"""Read a misspelt word as the rulebook word it was meant to be ("webniar" as "webinar").

People type tactics in a hurry, and one slipped key should not leave a tactic
unclassified. A correction is a guess, so it is made only where a wrong guess is
unlikely, and the evidence always says what was read:

- only a word the rulebook does not know (its stem is no phrase word, and it is
  no abbreviation) of ``MIN_WORD`` letters or more is corrected, and only towards
  a phrase word of ``MIN_TARGET`` letters or more;
- only one slip away (optimal string alignment distance 1), and only slips that
  rarely turn one English word into another: two neighbouring letters swapped
  ("webniar", "billbaord"), or a doubled letter typed once or a single one twice
  ("comunity", "focussed"). A changed, added or dropped letter is not corrected:
  that is how English words differ from each other ("dental" and "rental",
  "ratio" and "radio", "discover" and "discovery"). On the 73,000 words of an
  American English word list, these rules read 7 real words as a rulebook word,
  5 of them spelling variants ("instal", "focussed"), where a one-edit rule with
  two edits for long words read 903 ("directly" as "directory");
- the first letter must be right, and the nearest phrase word must be the only
  one with that first letter one edit away: two are a tie, and a tie is no
  reading at all.

Negators are never a target: a word one letter from one is often a real word
("shopped" and "stopped"), and a wrong negation reverses a finding.

The distance is rapidfuzz's, imported on the first lookup: most tactics of a
short CLI call never reach one, and that library costs some 20 ms to import.
"""

from __future__ import annotations

from collections.abc import Iterable

from .textnorm import stem

MIN_WORD = 5
MIN_TARGET = 6


def targets(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The folded phrase words a typo may be read as (letters only, ``MIN_TARGET`` or
    longer), by first letter: a typo keeps its first letter, so a lookup compares a
    word with a twentieth of them. Sorted, so a compiled rulebook holds one order."""
    out: dict[str, list[str]] = {}
    for word in sorted({w for w in words if len(w) >= MIN_TARGET and w.isalpha()}):
        out.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in out.items()}


def correction(
    word: str, known: frozenset[str], spellings: dict[str, tuple[str, ...]]
) -> str | None:
    """The rulebook word a folded, unknown ``word`` is read as, or None.

    ``known`` holds the stems of the rulebook's own words (never corrected);
    ``spellings`` the words a correction may land on (``targets``).
    """
    if len(word) < MIN_WORD or not word.isalpha() or stem(word) in known:
        return None
    choices = spellings.get(word[0])
    if not choices:
        return None
    from rapidfuzz import process  # imported here: see the module docstring
    from rapidfuzz.distance import OSA

    near = process.extract(word, choices, scorer=OSA.distance, score_cutoff=1, limit=None)
    # "webinar" and "webinars" are one reading; two stems are a tie
    if len({stem(choice) for choice, _, _ in near}) != 1:
        return None
    meant: str = near[0][0]
    return meant if _slip(word, meant) else None


def _slip(word: str, meant: str) -> bool:
    """Whether ``word``, one edit from ``meant``, differs by a slip of the fingers that
    seldom makes another English word: two letters swapped, or a letter doubled or
    undoubled."""
    from rapidfuzz.distance import Levenshtein

    ops = Levenshtein.editops(word, meant)
    if len(ops) == 2:  # one edit apart with transpositions, two without: a swap
        return True
    (op,) = ops
    if op.tag == "replace":
        return False
    longer, at = (meant, op.dest_pos) if op.tag == "insert" else (word, op.src_pos)
    return longer[at] in longer[max(at - 1, 0) : at] + longer[at + 1 : at + 2]
