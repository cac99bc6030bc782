"""The rulebook as immutable data: what the loader builds and the engine reads.

Everything here is plain frozen data (tuples, dicts built once), so a compiled
rulebook pickles: it can be cached between runs and shipped to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .memo import TextMemo

# how a party word (``parties:``) turns a contact word next to it: +1 names the seller,
# -1 the buyer (2 and -2: words that only stand as objects, "us", "them"), 0 a "from"
# word ("calls from customers": the party after it made the move)
PARTY_SIDES = {"seller": 1, "buyer": -1, "seller_object": 2, "buyer_object": -2, "from": 0}
# kinds of signal with no direction of their own, which a modifier (or a party) lends
DIRECTIONLESS = frozenset({"channel", "contact"})


@dataclass(frozen=True, slots=True)
class Source:
    """A seed document and the heading or item the knowledge comes from.

    ``title`` is the document's own title, shown to users in place of the file name.
    """

    seed: str
    passage: str
    title: str = ""

    def cite(self) -> str:
        """ "Title — passage" for people to read; the file name when no title is known."""
        return f"{self.title or self.seed} — {self.passage}"

    def to_dict(self) -> dict[str, str]:
        return {"seed": self.seed, "title": self.title, "passage": self.passage}


@dataclass(frozen=True, slots=True)
class Dimension:
    """One axis of the inbound/outbound comparison, with its two poles."""

    id: str
    name: str
    inbound: str
    outbound: str
    weight: float
    source: Source
    advice_inbound: str = ""
    advice_outbound: str = ""


@dataclass(frozen=True, slots=True)
class Signal:
    """A phrase family and what it says about each dimension it speaks to.

    ``effects`` are signed: positive pushes outbound, negative pulls inbound. A
    channel's effects are magnitudes that a modifier gives a direction; ``tips``
    is that direction for a modifier (+1 outbound, -1 inbound), 0 otherwise.
    """

    id: str
    kind: str
    phrases: tuple[str, ...]
    effects: tuple[tuple[str, float], ...]
    tips: int
    why: str
    source: Source | None
    layer: str
    alone: bool = True  # a modifier that counts without other evidence beside it


@dataclass(frozen=True, slots=True)
class Example:
    """A tactic and the label the rulebook must give it; ``rules test`` runs these."""

    tactic: str
    label: str
    fires: tuple[str, ...]
    location: str
    dimensions: tuple[str, ...] = ()  # dimensions that must have evidence


@dataclass(frozen=True, slots=True)
class Scoring:
    """The numbers that turn evidence into a score, a label and a confidence."""

    outbound: float
    leaning_outbound: float
    leaning_inbound: float
    inbound: float
    hybrid_minority_share: float
    confidence_scale: float
    negation_window: int
    negation_factor: float
    negation_factor_inbound: float
    modifier_window: int

    def band(self, score: float) -> str:
        """The label a score earns by position alone."""
        if score >= self.outbound:
            return "outbound"
        if score >= self.leaning_outbound:
            return "leaning-outbound"
        if score <= self.inbound:
            return "inbound"
        if score <= self.leaning_inbound:
            return "leaning-inbound"
        return "hybrid"


@dataclass(frozen=True, slots=True)
class Layer:
    """One rulebook file that went into the active rulebook."""

    name: str
    version: str
    path: str
    sha256: str


@dataclass(frozen=True)
class Rulebook:
    """A validated, compiled rulebook: load it once, score many tactics with it.

    ``index`` is the phrase trie of ``index.py``, which alone knows its format.
    """

    layers: tuple[Layer, ...]
    sha256: str
    dimensions: tuple[Dimension, ...]
    signals: tuple[Signal, ...]
    negators: tuple[str, ...]
    scoring: Scoring
    examples: tuple[Example, ...]
    index: dict[str, Any]
    # per signal, its effects as (dimension position, signed strength): the engine's view
    effect_index: tuple[tuple[tuple[int, float], ...], ...]
    # per signal, its weighted (outbound, inbound, total) strength, all positive
    signal_poles: tuple[tuple[float, float, float], ...]
    # per signal, the plain sum of its effects: the sign of its net push or pull
    signal_nets: tuple[float, ...]
    dimension_weights: tuple[float, ...]
    # folded abbreviation -> the words it is read as ("rmkt" -> "remarketing")
    abbreviations: dict[str, str] = field(default_factory=dict)
    # folded party word -> +1 seller, -1 buyer, 0 a "from" word (see ``parties:``)
    parties: dict[str, int] = field(default_factory=dict)
    # party words the stemmer would read as an activity ("prospect" as "prospecting")
    persons: tuple[str, ...] = ()
    person_stems: tuple[str, ...] = ()  # their stems: what the engine meets first
    # folded words and marks that join two tactics in one description ("plus", "+")
    joiners: tuple[str, ...] = ()
    # the stems that end a joined part: clause marks and the joiners' stems
    part_marks: frozenset[str] = frozenset()
    # folded words that name where a pushing finding runs ("ad in a newsletter")
    venues: tuple[str, ...] = ()
    venue_stems: frozenset[str] = frozenset()  # what the engine compares
    # the stem of every word of every phrase and negator: the rulebook's own words,
    # which are never read as typos of others (typos.py)
    word_stems: frozenset[str] = frozenset()
    # the phrase words a misspelt word may be read as ("webniar" as "webinar"), by
    # first letter
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    score_cache: dict[tuple[tuple[int, float, int], ...], tuple[float, str, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    token_cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # pieces of JSON text that depend on the rules alone (result.py writes rows with them)
    json_cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # folded word -> what it is read as, or None (names.read_as): evidence asks per word
    reading_cache: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    # text -> its Result, for files that repeat names (memo.py); per context, since the
    # context is read with every text. Any, not Result: compiled.py resolves these hints
    text_cache: TextMemo[Any] = field(default_factory=TextMemo, compare=False, repr=False)
    # words that hold for every tactic of a run ("paid ad"), read with each one: a
    # setting of the run, not of the rules, so it is not stored with the compiled form
    context: str = field(default="", compare=False, repr=False)

    def with_context(self, context: str) -> Rulebook:
        """This rulebook reading ``context`` with every tactic. The memos are shared:
        the context's findings are part of every score's key."""
        return replace(self, context=context, text_cache=TextMemo())

    @property
    def name(self) -> str:
        return "+".join(layer.name for layer in self.layers)

    @property
    def version(self) -> str:
        return "+".join(layer.version for layer in self.layers)

    def dimension(self, dim_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise KeyError(dim_id)

    def info(self) -> dict[str, Any]:
        """The ``rulebook`` object every result carries, so output traces to its rules."""
        return {
            "name": self.name,
            "version": self.version,
            "sha256": self.sha256,
            "layers": [
                {"name": lay.name, "version": lay.version, "sha256": lay.sha256}
                for lay in self.layers
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        """The whole rulebook as data, for ``rules show --format json``."""
        sc = self.scoring
        return {
            "rulebook": self.info(),
            "scoring": {
                "bands": {
                    "outbound": sc.outbound,
                    "leaning-outbound": sc.leaning_outbound,
                    "leaning-inbound": sc.leaning_inbound,
                    "inbound": sc.inbound,
                },
                "hybrid_minority_share": sc.hybrid_minority_share,
                "confidence_scale": sc.confidence_scale,
                "negation_window": sc.negation_window,
                "negation_factor": sc.negation_factor,
                "negation_factor_inbound": sc.negation_factor_inbound,
                "modifier_window": sc.modifier_window,
            },
            "dimensions": [
                {
                    "id": d.id,
                    "name": d.name,
                    "inbound": d.inbound,
                    "outbound": d.outbound,
                    "weight": d.weight,
                    "source": d.source.to_dict(),
                    "advice": {"inbound": d.advice_inbound, "outbound": d.advice_outbound},
                }
                for d in self.dimensions
            ],
            "negators": list(self.negators),
            "abbreviations": dict(self.abbreviations),
            "parties": {
                side: [word for word, value in self.parties.items() if value == number]
                for side, number in PARTY_SIDES.items()
            },
            "joiners": list(self.joiners),
            "venues": list(self.venues),
            "signals": [
                {
                    "id": s.id,
                    "kind": s.kind,
                    "phrases": list(s.phrases),
                    "effects": dict(s.effects),
                    **({"tips": "outbound" if s.tips > 0 else "inbound"} if s.tips else {}),
                    **({} if s.alone else {"alone": False}),
                    "why": s.why,
                    "layer": s.layer,
                    "source": s.source.to_dict() if s.source else None,
                }
                for s in self.signals
            ],
            "examples": [
                {
                    "tactic": e.tactic,
                    "label": e.label,
                    "fires": list(e.fires),
                    "dimensions": list(e.dimensions),
                }
                for e in self.examples
            ],
        }

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["token_cache"] = {}  # per-process memos, not part of the rulebook
        state["score_cache"] = {}
        state["reading_cache"] = {}
        state["json_cache"] = {}
        state["text_cache"] = TextMemo()
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
