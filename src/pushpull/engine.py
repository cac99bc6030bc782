"""Score a tactic against a compiled rulebook: pure functions, no I/O.

The path per tactic is kept short on purpose (it runs a million times in a
batch): split into words, look each word's stem up once, match phrases by dict
lookups longest-first, then let negators and modifiers act on what they govern.
"""

from __future__ import annotations

import math

from .model import NEGATOR, Rulebook
from .result import DimensionScore, Evidence, Result
from .textnorm import CLAUSE_BREAK, WORD, stem

_TOKEN_CACHE_LIMIT = 200_000
_NEGATION_PREFIX_MIN = 4  # "nonintrusive" splits; "none" does not

Token = tuple[str, int, int]  # stem, start, end (character offsets into the tactic)
Hit = tuple[int, int, int]  # target (signal index or NEGATOR), first token, end token


def tokens(text: str, rulebook: Rulebook) -> list[Token]:
    """The stems of the words in ``text`` with their character spans."""
    cache = rulebook.token_cache
    out: list[Token] = []
    for match in WORD.finditer(text):
        raw = match.group()
        parts = cache.get(raw)
        if parts is None:
            parts = _word_parts(raw, rulebook)
            if len(cache) >= _TOKEN_CACHE_LIMIT:
                cache.clear()
            cache[raw] = parts
        start = match.start()
        if len(parts) == 1:
            out.append((parts[0], start, match.end()))
        else:  # a glued negator such as "nonintrusive"
            cut = start + len(raw) - len(parts[1])
            out.append((parts[0], start, cut))
            out.append((stem(parts[1]), cut, match.end()))
    return out


def _word_parts(raw: str, rulebook: Rulebook) -> tuple[str, ...]:
    """One stem, or (negator stem, rest) when a negator is glued to a known word."""
    lower = raw.lower()
    whole = stem(lower)
    if whole in rulebook.index:
        return (whole,)
    for negator in rulebook.negators:
        if " " in negator or not lower.startswith(negator.lower()):
            continue
        rest = lower[len(negator) :].lstrip("-")
        if len(rest) >= _NEGATION_PREFIX_MIN and stem(rest) in rulebook.index:
            return (stem(negator.lower()), raw[len(raw) - len(rest) :])
    return (whole,)


def match(words: list[Token], rulebook: Rulebook) -> list[Hit]:
    """Phrase hits, left to right, longest phrase first at each position."""
    index = rulebook.index
    stems = [w[0] for w in words]
    hits: list[Hit] = []
    i, n = 0, len(stems)
    while i < n:
        candidates = index.get(stems[i])
        step = 1
        if candidates is not None:
            for seq, target in candidates:
                size = len(seq)
                if size == 1 or tuple(stems[i : i + size]) == seq:
                    hits.append((target, i, i + size))
                    step = size
                    break
        i += step
    return hits


def classify(text: str, rulebook: Rulebook) -> Result:
    """Score one tactic; never raises on any string."""
    words = tokens(text, rulebook)
    hits = match(words, rulebook)
    scoring = rulebook.scoring
    signals = rulebook.signals
    negated_until = -1  # first token index no longer governed by a negator
    negator_end = -1
    tip = 0  # direction of the last modifier, and where its reach ends
    tip_until = -1
    tip_word = ""
    per_dim: dict[str, list[tuple[Evidence, float]]] = {}
    for target, first, end in hits:
        if target == NEGATOR:
            negator_end = end
            # a prefix ("non-intrusive", "nonpaid") governs only the word it is glued to
            glued = end < len(words) and text[words[end - 1][2] : words[end][1]] in ("", "-")
            negated_until = end + (1 if glued else scoring.negation_window)
            continue
        negated = first < negated_until and not _clause_between(text, words, negator_end, first)
        sig = signals[target]
        span_start, span_end = words[first][1], words[end - 1][2]
        phrase = text[span_start:span_end]
        tipped_by: str | None = None
        if sig.kind == "channel":
            direction = tip if first < tip_until else 0
            if direction:
                tipped_by = tip_word
            values = [(d, direction * v, v) for d, v in sig.effects]
            negated = False  # a channel is negated only through the modifier that tips it
        else:
            factor = scoring.negation_factor if negated else 1.0
            values = [(d, v * factor, abs(v * factor)) for d, v in sig.effects]
            if sig.kind == "modifier":
                tip = sig.tips * (-1 if negated else 1)
                tip_until = end + scoring.modifier_window
                tip_word = phrase
        for dim_id, value, size in values:
            per_dim.setdefault(dim_id, []).append(
                (
                    Evidence(
                        phrase,
                        span_start,
                        span_end,
                        sig.id,
                        round(value, 3),
                        sig.why,
                        negated,
                        tipped_by,
                    ),
                    size,
                )
            )
    return _result(text, per_dim, rulebook)


def _clause_between(text: str, words: list[Token], after: int, before: int) -> bool:
    """Whether punctuation separates the negator (ending at token ``after``) from a hit."""
    if after <= 0 or before <= after - 1:
        return False
    gap = text[words[after - 1][2] : words[before][1]]
    return CLAUSE_BREAK.search(gap) is not None


def _result(
    text: str, per_dim: dict[str, list[tuple[Evidence, float]]], rulebook: Rulebook
) -> Result:
    """Combine evidence into dimension leans, a score, a label and a confidence.

    Each piece of evidence carries its magnitude beside it: a channel nobody
    tipped has weight 0 but still counts as evidence of its full strength, which
    is why "social media" is hybrid, not unclassified.
    """
    scoring = rulebook.scoring
    if not per_dim:
        return Result(text, 0.0, "unclassified", 0.0, (), rulebook)
    dims: list[DimensionScore] = []
    total_weight = weighted_sum = 0.0
    pull = push = neutral = 0.0
    for dim in rulebook.dimensions:
        found = per_dim.get(dim.id)
        if not found:
            continue
        mass = sum(size for _, size in found)
        lean = sum(ev.weight for ev, _ in found) / mass if mass else 0.0
        weight = dim.weight * min(1.0, mass)
        total_weight += weight
        weighted_sum += weight * lean
        for ev, size in found:
            if ev.weight > 0:
                push += dim.weight * ev.weight
            elif ev.weight < 0:
                pull -= dim.weight * ev.weight
            else:
                neutral += dim.weight * size
        dims.append(DimensionScore(dim.id, dim.name, round(lean, 3), tuple(ev for ev, _ in found)))
    score = round(weighted_sum / total_weight, 3) if total_weight else 0.0
    directional = push + pull
    evidence_mass = directional + neutral
    minority = min(push, pull) / directional if directional else 0.0
    label = "hybrid" if minority >= scoring.hybrid_minority_share else scoring.band(score)
    agreement = (max(push, pull) + 0.5 * neutral) / evidence_mass if evidence_mass else 0.0
    coverage = 1.0 - math.exp(-evidence_mass / scoring.confidence_scale)
    return Result(text, score, label, round(coverage * agreement, 3), tuple(dims), rulebook)
