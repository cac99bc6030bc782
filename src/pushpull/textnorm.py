"""Turn free text into comparable word stems, remembering where each word stood.

Rule phrases and tactics go through the same functions, so "cold-calling",
"Cold Calls", "coldcall", full-width letters and a decomposed "publicite\u0301"
all reduce to the same stems as their plain spellings, and a rule author never writes
inflections or Unicode variants by hand. The stemmer is deliberately crude: it
only has to be consistent on both sides, not linguistically right.

Pure-ASCII text, the common case, takes a regular expression and ``str.lower``;
only other text pays for Unicode normalisation, done piece by piece so every
token still knows its place in the original string.
"""

from __future__ import annotations

import re
import unicodedata

# A word is a run of letters or digits; everything else (hyphens, punctuation,
# spaces) separates words, which is what makes "e-book" and "e book" equal.
WORD = re.compile(r"[^\W_]+")
# Marks that end a clause are tokens of their own: no phrase matches across one,
# and negators and modifiers do not reach past one ("paid search, social post").
# A hyphen with space on both sides separates the fields of a campaign name
# ("Brand - Cold - Email"); inside a word ("e-book") it is not a mark. En and em
# dashes always are, and so are arrows ("webinar -> demo", "→") and the word "then"
# ("ads, then the buyer signs up"), which starts the next step of a sequence.
BREAKS = frozenset(",;:.!?()[]|/-\u2013\u2014>\u2192") | {"then"}
# Marks that may join two tactics in one description ("video + banner ads", "SEO & PR")
# are tokens too, so a rulebook can list them among its joiners.
JOINS = frozenset("+&")
TOKEN = re.compile(r"[^\W_]+|[,;:.!?()\[\]|/>+&]|(?<!\S)-(?!\S)")

Span = tuple[int, int]

_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_KEEP_ENDINGS = ("ss", "us", "is", "ous")
# words that end like a plural and are not one (as in Snowball's English stemmer):
# "news" is not "new"
_INVARIANT = frozenset({"news"})
_MIN_STEM = 3
# The most characters ``stem`` ever removes ("agreeing" -> "agr"): a word whose
# stem is n characters long has at most n + STEM_SHRINK characters.
STEM_SHRINK = 5


def fold(text: str) -> str:
    """Text in the one form that is compared: NFKC, then case-folded, then NFKC again.

    NFKC makes full-width letters, ligatures ("ﬁ") and decomposed accents plain;
    case folding goes further than ``lower`` ("Straße" and "STRASSE" agree); the
    last NFKC recomposes what folding took apart. Folding folded text changes nothing.
    """
    if text.isascii():
        return text.lower()
    nfkc = unicodedata.normalize
    return nfkc("NFKC", nfkc("NFKC", text).casefold())


def split(text: str) -> tuple[list[str], list[Span] | None]:
    """The tokens of ``text`` (words and clause marks), and where each one stands.

    ASCII text gives its tokens as written (``fold`` each before comparing) and no
    spans: ``token_spans`` recomputes them only if evidence is asked for. Other
    text gives folded tokens and their spans in the original text, since they
    cannot be recomputed from the folded words.
    """
    if text.isascii():
        # words and single spaces only, the common campaign name: ``str.split`` finds
        # the same tokens as the pattern at a fraction of its cost
        if text.replace(" ", "").isalnum():
            return text.split(), None
        return TOKEN.findall(text), None
    return _unicode_tokens(text)


def token_spans(text: str) -> list[Span]:
    """Character offsets in ``text`` of the tokens ``split`` finds, in order."""
    if text.isascii():
        if text.replace(" ", "").isalnum():  # words and spaces, as ``split``'s fast path
            return _spaced_spans(text)
        return [m.span() for m in TOKEN.finditer(text)]
    return _unicode_tokens(text)[1]


def spaced_words(text: str) -> list[str] | None:
    """The tokens of a text of words and single spaces, in order (the i-th token is
    written as the i-th of them), or None for any other text: where this answers, the
    text of tokens i to j is their words joined by a space, and no offsets are needed."""
    if (
        text.isascii()
        and text.replace(" ", "").isalnum()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
    ):
        return text.split(" ")
    return None


def _spaced_spans(text: str) -> list[Span]:
    """The words' offsets in a text of words and spaces only: counted along the words,
    at a third of the cost of a ``Match`` object per word (a batch row asks for them)."""
    spans = []
    at = 0
    for word in text.split(" "):
        if word:
            spans.append((at, at + len(word)))
        at += len(word) + 1
    return spans


def tail_start(text: str, span: Span, length: int) -> int:
    """Where, in ``text``, the last ``length`` folded characters of a token begin.

    A glued negator ("nonintrusive") is cut from its word at this offset. In ASCII
    one folded character is one written character; otherwise the token's pieces
    are folded again, and the cut falls at the start of the piece it lands in.
    """
    start, end = span
    if text.isascii():
        return end - length
    counted = 0
    for i, j in reversed(_pieces(text, start, end)):
        counted += len(fold(text[i:j]))
        if counted >= length:
            return i
    return start


def phrase_words(phrase: str) -> list[str]:
    """The folded words of a rule phrase, in order, as a tactic's words are compared."""
    return [fold(token) for token in split(phrase)[0] if token not in BREAKS]


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a rule phrase, in order."""
    return tuple(stem(word) for word in phrase_words(phrase))


def stem(word: str) -> str:
    """Strip one common English inflection and a final "e" from a folded word."""
    if len(word) <= _MIN_STEM:
        # "ads" -> "ad", "DMs" -> "dm": short plurals are common in campaign names.
        if len(word) == _MIN_STEM and word[-1] == "s" and word[-2] != "s":
            return word[:-1]
        return word
    if word.isdigit() or word.endswith(_KEEP_ENDINGS) or word in _INVARIANT:
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


def _unicode_tokens(text: str) -> tuple[list[str], list[Span]]:
    """Folded tokens of any text, with their spans in the original.

    The text is folded piece by piece (``_pieces``), each folded character
    remembering the piece it came from, then split into tokens. A word runs over
    letters, digits and combining marks: Python's ``\\w`` leaves marks out, which
    would cut "x\u0301y" in two.
    """
    folded: list[str] = []
    origin: list[Span] = []  # per folded character: the span of its piece
    for i, j in _pieces(text, 0, len(text)):
        piece = fold(text[i:j])
        folded.append(piece)
        origin += [(i, j)] * len(piece)
    flat = "".join(folded)
    tokens: list[str] = []
    spans: list[Span] = []
    start = -1
    for k, char in enumerate(flat):
        if char.isalnum() or (start >= 0 and unicodedata.category(char)[0] == "M"):
            if start < 0:
                start = k
            continue
        if start >= 0:
            tokens.append(flat[start:k])
            spans.append((origin[start][0], origin[k - 1][1]))
            start = -1
        if (char in BREAKS or char in JOINS) and (char != "-" or _spaced(flat, k)):
            tokens.append(char)
            spans.append(origin[k])
    if start >= 0:
        tokens.append(flat[start:])
        spans.append((origin[start][0], origin[-1][1]))
    return tokens, spans


def _spaced(text: str, k: int) -> bool:
    """Whether the character at ``k`` has space (or an end of the text) on both sides."""
    return (k == 0 or text[k - 1].isspace()) and (k + 1 == len(text) or text[k + 1].isspace())


def _pieces(text: str, start: int, end: int) -> list[Span]:
    """Spans of ``text[start:end]`` that normalise on their own: a character and
    whatever combines with it (marks, a Hangul final after its syllable)."""
    out: list[Span] = []
    i = start
    while i < end:
        j = i + 1
        while j < end and _joins(text[j - 1], text[j]):
            j += 1
        out.append((i, j))
        i = j
    return out


def _joins(before: str, char: str) -> bool:
    """Whether ``char`` changes how ``before`` normalises (no ASCII character does)."""
    if char.isascii():
        return False
    if unicodedata.combining(char):
        return True
    nfkc = unicodedata.normalize
    return nfkc("NFKC", before + char) != nfkc("NFKC", before) + nfkc("NFKC", char)
