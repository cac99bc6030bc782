"""Titles inside a tactic: the name of a show, a guide or a campaign is not its content.

"Sponsoring the podcast 'No Ads Needed'" is a sponsorship, not a promise of no ads.
A title is recognised two ways: a quoted run of two or more words in title case
("No Ads Needed", «Le Guide Complet»), or a title-case run after "named", "called" or
"titled". Single quoted words ("« push »") stay words: marketers quote terms, too.
"""

from __future__ import annotations

import functools
import re

from .textnorm import Span

_SMALL_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "to", "for", "in", "on", "at", "by", "with", "or", "no", "vs"}
)
_SMALL = rf"(?:{'|'.join(sorted(_SMALL_WORDS))})"
# starts with a letter that is not a-z (``capitalised`` rules out other lower case)
_CAPITAL = r"[^\W\d_a-z][\w'\u2019&+-]*"
# a title-case run of two or more words: capitals, with small words between them
_RUN = rf"{_CAPITAL}(?:\s+(?:{_SMALL}\s+)*{_CAPITAL})+"
# straight, curly and angle quotes, opening and closing; a quote inside a word
# ("DOESN'T") is an apostrophe, never the start or end of a title
_OPEN = "\"\u201c\u00ab\u201e'\u2018"
_CLOSE = "\"\u201d\u00bb\u201c'\u2019"
# the words after which a title-case run is a title
CUES = frozenset({"named", "called", "titled"})


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The quoted-title and named-title patterns, compiled on first use: few tactics
    need them, and compiling them would cost every start a millisecond."""
    quoted = re.compile(rf"(?<!\w)[{_OPEN}]\s*({_RUN})\s*[{_CLOSE}](?!\w)")
    named = re.compile(rf"\b(?:{'|'.join(sorted(CUES))})\s+({_RUN})")
    return quoted, named


def title_spans(text: str) -> list[Span]:
    """Character spans of the titles in ``text``, in order. A caller on a hot path may
    skip a text with no quote mark, no character beyond ASCII and no word in ``CUES``."""
    spans = [
        m.span(1)
        for pattern in _patterns()
        for m in pattern.finditer(text)
        if _capitalised(m.group(1))
    ]
    return sorted(spans)


def _capitalised(run: str) -> bool:
    """Whether every word of a run but the small ones starts with a letter that is not
    lower case in any script: ``re`` can only rule out a-z, and "ﬁle" (which NFKC
    makes "file") must not make a title where "file" does not."""
    return all(not word[0].islower() or word in _SMALL_WORDS for word in run.split())
