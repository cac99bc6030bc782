"""What the benchmark scripts share: seeded campaign-name-like phrases, and the command.

The benchmarks need many short, realistic inputs that are identical from run to
run, so figures from different runs (and machines) measure the same work. The
vocabulary mixes words the rulebook knows (channels, tactics, negations) with the
neutral filler that real campaign names carry (quarters, regions, years).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

# Words and terms a marketer would put in a campaign name; some are multi-word.
MARKETING: tuple[str, ...] = (
    "paid",
    "organic",
    "social",
    "ad",
    "ads",
    "webinar",
    "cold",
    "email",
    "blast",
    "newsletter",
    "opt-in",
    "trade show",
    "seo",
    "blog post",
    "campaign",
    "launch",
    "brand",
    "video",
    "instagram",
    "linkedin",
    "retargeting",
    "podcast",
    "referral program",
    "direct mail",
    "promo",
    "event",
    "community",
    "cold call",
    "outreach",
    "sponsored",
    "billboard",
    "tv spot",
    "radio",
    "ebook",
    "whitepaper",
    "guide",
    "case study",
    "giveaway",
    "influencer",
    "display",
    "banner",
    "search",
    "content",
    "subscribers",
    "inbound",
    "outbound",
    "telemarketing",
    "dm",
    "free trial",
    "demo",
    "sms",
    "print",
    "no",
    "without",
    "not",
)

# Neutral words that make a phrase look like a real campaign name.
FILLER: tuple[str, ...] = (
    "q1",
    "q2",
    "q3",
    "q4",
    "2024",
    "2025",
    "spring",
    "summer",
    "fall",
    "holiday",
    "new",
    "our",
    "the",
    "for",
    "and",
    "team",
    "emea",
    "apac",
    "na",
    "north",
    "region",
    "pilot",
    "test",
    "v2",
    "plan",
    "weekly",
    "monthly",
    "local",
    "customer",
    "product",
    "sales",
    "update",
    "program",
    "series",
    "kickoff",
    "final",
    "draft",
    "enterprise",
    "smb",
    "partner",
)

MARKETING_SHARE = 0.6


def _word_count(term: str) -> int:
    return term.count(" ") + 1


def phrase(rng: random.Random) -> str:
    """One phrase of 2 to 6 words, mostly lower case, sometimes Title Case."""
    target = rng.randint(2, 6)
    terms: list[str] = []
    words = 0
    while words < target:
        pool = MARKETING if rng.random() < MARKETING_SHARE else FILLER
        term = rng.choice(pool)
        if words + _word_count(term) > target:
            continue  # a multi-word term would overshoot; draw again
        terms.append(term)
        words += _word_count(term)
    text = " ".join(terms)
    styles = rng.random()
    if styles < 0.2:
        return text.title()
    if styles < 0.3:
        return text.upper()
    return text


def phrases(n: int, seed: int = 7) -> list[str]:
    """``n`` phrases from ``random.Random(seed)``: the same list for the same arguments."""
    rng = random.Random(seed)
    return [phrase(rng) for _ in range(n)]


def iter_phrases(n: int, seed: int = 7) -> Iterator[str]:
    """Like ``phrases`` but lazily, for inputs too large to hold as a list."""
    rng = random.Random(seed)
    for _ in range(n):
        yield phrase(rng)


def pushpull_command() -> list[str]:
    """The ``pushpull`` console script next to this interpreter, else ``python -m pushpull``."""
    bindir = Path(sys.executable).parent
    for name in ("pushpull", "pushpull.exe"):
        script = bindir / name
        if script.is_file():
            return [str(script)]
    return [sys.executable, "-m", "pushpull"]
