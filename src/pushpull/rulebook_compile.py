"""Compile checked layers into the frozen ``Rulebook`` and the tables the engine reads.

Checking has already proved every reference resolves, so compiling cannot fail:
it gives each source its document's title, builds the phrase trie, and lays out
each signal's effects by dimension position so scoring does no lookups.
"""

from __future__ import annotations

from dataclasses import replace

from .index import build_index
from .model import DIRECTIONLESS, Dimension, Rulebook, Signal, Source
from .rulebook_check import Checked
from .textnorm import BREAKS, fold, phrase_stems, phrase_words, stem
from .typos import targets


def compile_rulebook(checked: Checked, sha256: str) -> Rulebook:
    """The rulebook the engine scores with; ``sha256`` covers every layer's bytes."""
    dimensions = tuple(
        replace(d, source=_titled(d.source, checked.documents)) for d in checked.dimensions
    )
    signals = tuple(
        replace(s, source=_titled(s.source, checked.documents)) if s.source else s
        for s in checked.signals
    )
    position = {d.id: i for i, d in enumerate(dimensions)}
    persons = _persons(checked)
    phrases = [phrase for s in signals for phrase in s.phrases]  # what typos are read as
    return Rulebook(
        layers=checked.layers,
        sha256=sha256,
        dimensions=dimensions,
        signals=signals,
        negators=checked.negators,
        scoring=checked.scoring,
        examples=checked.examples,
        index=build_index(checked.phrases),
        effect_index=tuple(tuple((position[d], v) for d, v in s.effects) for s in signals),
        signal_poles=tuple(_poles(s, dimensions, position) for s in signals),
        signal_nets=tuple(sum(v for _, v in s.effects) for s in signals),
        dimension_weights=tuple(d.weight for d in dimensions),
        abbreviations=checked.abbreviations,
        parties=checked.parties,
        persons=persons,
        person_stems=tuple({stem(word) for word in persons}),
        joiners=checked.joiners,
        part_marks=BREAKS | {stem(word) for word in checked.joiners},
        venues=checked.venues,
        venue_stems=frozenset(stem(word) for word in checked.venues),
        word_stems=frozenset(
            stem(w) for p in (*phrases, *checked.negators) for w in phrase_words(p)
        ),
        spellings=targets(w for p in phrases for w in phrase_words(p)),
    )


def _titled(source: Source, documents: dict[str, str]) -> Source:
    return replace(source, title=documents.get(source.seed, ""))


def _poles(
    sig: Signal, dims: tuple[Dimension, ...], position: dict[str, int]
) -> tuple[float, float, float]:
    """A signal's weighted outbound and inbound strength, and its total."""
    weighted = [dims[position[d]].weight * v for d, v in sig.effects]
    out = sum(w for w in weighted if w > 0)
    inward = -sum(w for w in weighted if w < 0)
    return out, inward, sum(abs(w) for w in weighted)


def _persons(checked: Checked) -> tuple[str, ...]:
    """Party words that reach a one-word signal only through a stem shared with its
    "-ing" form: "prospect" is a person, "prospecting" the seller's activity, and the
    stemmer cannot tell them apart, so the engine reads such a word as the person."""
    activities = {
        stems[0]
        for sig in checked.signals
        if sig.kind not in DIRECTIONLESS
        for phrase in sig.phrases
        if fold(phrase).endswith("ing") and len(stems := phrase_stems(phrase)) == 1
    }
    return tuple(
        word for word in checked.parties if not word.endswith("ing") and stem(word) in activities
    )
