"""What scoring a tactic returns: immutable, and convertible to the JSON contract.

A result keeps the compact findings the engine produced (plain tuples in
``Finding``'s field order) and builds named findings and evidence objects only when
asked: a batch that needs score, label and confidence never pays for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from json.encoder import encode_basestring
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from .csvline import csv_line
from .labels import Label
from .names import read_as
from .textnorm import Span, fold, spaced_words, token_spans

if TYPE_CHECKING:
    from .model import Rulebook

SCHEMA_VERSION = 1
# what stands between a run's context and each tactic when they are read together: a
# clause mark, so no negator or phrase reaches from one into the other
PART_MARK = " | "


class Finding(NamedTuple):
    """One phrase the engine matched, in words, not characters: character offsets
    are only worked out when evidence is asked for."""

    signal: int  # position of the signal in ``rulebook.signals``
    first: int  # the phrase's first word
    end: int  # the word after its last one
    factor: float  # multiplies the signal's effects; for a channel, the lent direction
    negated: bool  # a negator governed the phrase
    tipper: Span | None  # the (first, end) words of the modifier or party that tipped it
    part: int  # which of the tactics joined in the text it belongs to ("X plus Y": 0, 1)


# A Finding's fields as a plain tuple: what the engine records per phrase found, since
# building the NamedTuple would cost more than all the rest of the record.
FindingFields = tuple[int, int, int, float, bool, Span | None, int]


class Part(NamedTuple):
    """One of the tactics a description joins ("blog posts plus radio spots"), from its
    first phrase to its last, and the way its own evidence leans."""

    text: str
    start: int
    end: int
    lean: str  # "inbound", "outbound" or "neutral"

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


def sides(poles: tuple[float, float, float], factor: float) -> tuple[float, float]:
    """How hard a finding pushes and pulls: its signal's weighted poles, turned by the
    factor (a negative factor swaps them, zero leaves a channel pointing nowhere)."""
    out_w, in_w, _ = poles
    if factor >= 0:
        return factor * out_w, factor * in_w
    return -factor * in_w, -factor * out_w


def rounded(value: float) -> float:
    """A figure as output shows it: three decimals, and never "-0.0"."""
    return round(value, 3) + 0.0


class Evidence(NamedTuple):
    """One phrase in the tactic and what it said about one dimension.

    ``weight`` is signed like the score: positive pushed outbound, negative pulled
    inbound, zero means a channel word that no modifier gave a direction.
    """

    text: str
    start: int
    end: int
    rule: str
    weight: float
    why: str
    negated: bool
    tipped_by: str | None
    read_as: str | None = None  # the words an abbreviation or a typo in ``text`` was read as
    context: bool = False  # the phrase is in the run's context; offsets are into it

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "weight": self.weight,
            "why": self.why,
        }
        if self.negated:
            out["negated"] = True
        if self.tipped_by is not None:
            out["tipped_by"] = self.tipped_by
        if self.read_as is not None:
            out["read_as"] = self.read_as
        if self.context:
            out["context"] = True
        return out


class DimensionScore(NamedTuple):
    """A dimension's lean for this tactic, in [-1, 1], with the evidence behind it."""

    id: str
    name: str
    score: float
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "evidence": [e.to_dict() for e in self.evidence],
        }


class Result:
    """The score, label and confidence of one tactic, and the reasons for them.

    Immutable: the public fields are read-only properties over private slots, so
    ``result.label = ...`` raises AttributeError while ``__init__`` writes its slots
    the fast way (a ``__setattr__`` that refuses would make every write a call).
    """

    __slots__ = (
        "_brief",
        "_confidence",
        "_csv",
        "_dimensions",
        "_fields",
        "_found",
        "_json",
        "_label",
        "_reason",
        "_rulebook",
        "_rules",
        "_score",
        "_spans",
        "_tactic",
    )

    _brief: str | None
    _confidence: float
    _csv: tuple[str, str, str] | None
    _dimensions: tuple[DimensionScore, ...] | None
    _fields: tuple[str, str, str, str] | None
    _found: tuple[FindingFields, ...]
    _json: str | None
    _label: Label
    _reason: str | None
    _rules: tuple[str, ...] | None
    _rulebook: Rulebook
    _score: float
    _spans: list[Span] | None
    _tactic: str

    if TYPE_CHECKING:

        @property
        def tactic(self) -> str: ...
        @property
        def score(self) -> float: ...
        @property
        def label(self) -> Label: ...
        @property
        def confidence(self) -> float: ...
        @property
        def rulebook(self) -> Rulebook: ...
        @property
        def reason(self) -> str | None:
            """Why the tactic was refused unscored; None when it was scored."""

    else:  # read in C, without a Python call per read
        tactic = property(attrgetter("_tactic"))
        score = property(attrgetter("_score"))
        label = property(attrgetter("_label"))
        confidence = property(attrgetter("_confidence"))
        rulebook = property(attrgetter("_rulebook"))
        reason = property(attrgetter("_reason"))

    def __init__(
        self,
        tactic: str,
        score: float,
        label: str,
        confidence: float,
        findings: tuple[FindingFields, ...],
        rulebook: Rulebook,
        spans: list[Span] | None = None,
        reason: str | None = None,
    ) -> None:
        self._tactic = tactic
        self._score = score
        # a Label, or its text (from plain data): stored as a Label either way
        self._label = label if type(label) is Label else Label(label)
        self._confidence = confidence
        self._found = findings
        self._rulebook = rulebook
        self._reason = reason
        self._dimensions = None
        self._spans = spans
        self._brief = None
        self._fields = None
        self._csv = None
        self._json = None
        self._rules = None

    @classmethod
    def unclassified(cls, tactic: str, rulebook: Rulebook, reason: str | None = None) -> Result:
        """The answer for a tactic with no evidence: nothing matched, or (with a
        ``reason``) it was refused before scoring. Either way the tool does not know."""
        return cls(tactic, 0.0, Label.UNCLASSIFIED, 0.0, (), rulebook, reason=reason)

    def __repr__(self) -> str:
        return (
            f"Result(tactic={self.tactic!r}, score={self.score}, label={self.label!r}, "
            f"confidence={self.confidence})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Result,
            (
                self.tactic,
                self.score,
                self.label,
                self.confidence,
                self._found,
                self.rulebook,
                self._spans,
                self.reason,
            ),
        )

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The phrases the engine matched, in text order (named on each access)."""
        return tuple([Finding._make(found) for found in self._found])

    def rules(self) -> tuple[str, ...]:
        """The ids of the signals that fired, each once, in no set order: what a per-row
        tally needs, without naming every finding. Kept, like the brief, for each repeat
        of a memoised result (a tuple: a third of a frozenset's memory)."""
        rules = self._rules
        if rules is None:
            signals = self.rulebook.signals
            rules = tuple({signals[found[0]].id for found in self._found})
            self._rules = rules
        return rules

    @property
    def dimensions(self) -> tuple[DimensionScore, ...]:
        """Per-dimension leans with their evidence, in rulebook order (built on first use)."""
        cached = self._dimensions
        if cached is None:
            cached = _dimensions(self)
            self._dimensions = cached
        return cached

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Each matched phrase once, in text order, weighted by its net push or pull."""
        nets = self.rulebook.signal_nets
        return tuple(self._evidence(f, rounded(nets[f.signal] * f.factor)) for f in self.findings)

    def brief(self) -> str:
        """The phrases that counted, each marked +, - or ~ for the way it pulled.

        What a batch row shows; built without evidence objects, since it runs per row,
        and kept: a memoised result (``memo``) is shown again for each repeat of its text.
        """
        brief = self._brief
        if brief is None:
            brief = self._make_brief()
            self._brief = brief
        return brief

    def fields(self) -> tuple[str, str, str, str]:
        """Score, label, confidence and brief as a batch row writes them; kept, like the
        brief, for each repeat of a memoised result."""
        fields = self._fields
        if fields is None:
            fields = (
                f"{self._score:g}",
                self._label._value_,
                f"{self._confidence:g}",
                self.brief(),
            )
            self._fields = fields
        return fields

    def csv_tail(self, delimiter: str, newline: str) -> str:
        """What a batch CSV row with nothing to note ends with after the input's fields:
        the delimiter, ``fields()`` and an empty error column, as ``csv.writer`` quotes
        them, and the line end.

        Kept for the last dialect asked (a run asks one): ``csv.writer`` spends more on
        these four fields than on the rest of a row, and a memoised result is written
        again for each repeat of its text.
        """
        kept = self._csv
        if kept is None or kept[0] != delimiter or kept[1] != newline:
            kept = (delimiter, newline, csv_line(("", *self.fields(), ""), delimiter, newline))
            self._csv = kept
        return kept[2]

    def _make_brief(self) -> str:
        nets = self.rulebook.signal_nets
        read = self._read()
        given = len(read) - len(self.tactic)
        # a plain campaign name needs no offsets: its tokens are its words (no context
        # is read before it, and no word of it was read as parts, when spans are unknown)
        plain = None if given or self._spans is not None else spaced_words(read)
        words = self._words() if plain is None else []
        parts = []
        for signal, first, end, factor, negated, _, _ in self._found:  # unnamed: runs per row
            net = nets[signal] * factor
            mark = "+" if net > 0 else "-" if net < 0 else "~"
            if plain is not None:
                text = plain[first] if end - first == 1 else " ".join(plain[first:end])
            else:
                start = words[first][0]
                text = read[start : words[end - 1][1]]
                if start < given:
                    text += " (context)"
            parts.append(f"{mark}not {text}" if negated else mark + text)
        return "; ".join(parts)

    def _read(self) -> str:
        """The text the findings were made in: the tactic, after the run's context (word
        offsets below ``len(_read()) - len(tactic)`` fall in the context)."""
        context = self.rulebook.context
        return context + PART_MARK + self.tactic if context else self.tactic

    def _words(self) -> list[Span]:
        """Character offsets of the tactic's words, worked out once and only if needed."""
        spans = self._spans
        if spans is None:
            spans = token_spans(self._read())
            self._spans = spans
        return spans

    def _evidence(self, finding: Finding, weight: float) -> Evidence:
        """The evidence object for one finding, with character offsets into the tactic."""
        words = self._words()
        read = self._read()
        start, stop = words[finding.first][0], words[finding.end - 1][1]
        tipped_by = None
        if finding.tipper is not None:
            first, end = finding.tipper
            tipped_by = read[words[first][0] : words[end - 1][1]]
        sig = self.rulebook.signals[finding.signal]
        given = len(read) - len(self.tactic)
        in_context = start < given
        if not in_context:
            start, stop = start - given, stop - given
        return Evidence(
            read[start:stop] if in_context else self.tactic[start:stop],
            start,
            stop,
            sig.id,
            weight,
            sig.why,
            finding.negated,
            tipped_by,
            self._read_as(read, words[finding.first : finding.end]),
            in_context,
        )

    def _read_as(self, read: str, spans: list[Span]) -> str | None:
        """The words the phrase was read as, when one of its words is an abbreviation
        or a typo (several words read from one abbreviation share its span); else None."""
        book = self.rulebook
        if not book.abbreviations and not book.spellings:
            return None
        if len(spans) == 1:  # most phrases are one word: its reading, if any, is the answer
            start, stop = spans[0]
            return read_as(fold(read[start:stop]), book)
        readings: list[str] = []
        expanded = False
        for start, stop in dict.fromkeys(spans):
            written = read[start:stop]
            words = read_as(fold(written), book)
            expanded = expanded or words is not None
            readings.append(words or written)
        return " ".join(readings) if expanded else None

    def parts(self) -> tuple[Part, ...]:
        """The joined tactics the description combines, each with its own lean; empty
        when all the evidence stands in one part."""
        poles = self.rulebook.signal_poles
        words = self._words()
        given = len(self._read()) - len(self.tactic)
        found: dict[int, list[Any]] = {}  # part -> [first word, end word, push, pull]
        for signal, first, end, factor, _, _, part in self._found:
            if words[first][0] < given:
                continue  # the context is read with the tactic, not a part of it
            push, pull = sides(poles[signal], factor)
            entry = found.setdefault(part, [first, end, 0.0, 0.0])
            entry[1] = end
            entry[2] += push
            entry[3] += pull
        if len(found) < 2:
            return ()
        out = []
        for first, end, push, pull in found.values():
            start, stop = words[first][0] - given, words[end - 1][1] - given
            lean = "outbound" if push > pull else "inbound" if pull > push else "neutral"
            out.append(Part(self.tactic[start:stop], start, stop, lean))
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (PRODUCT.md); a hybrid that combines
        parts leaning opposite ways lists them under ``parts``."""
        out = {
            "schema_version": SCHEMA_VERSION,
            "tactic": self.tactic,
            "score": self.score,
            "label": str(self.label),
            "confidence": self.confidence,
            "dimensions": [d.to_dict() for d in self.dimensions],
            "rulebook": self.rulebook.info(),
        }
        if self.rulebook.context:
            out["context"] = self.rulebook.context
        combined = self.combination()
        if combined:
            out["parts"] = [p.to_dict() for p in combined]
        return out

    def json_head(self) -> str:
        """``to_dict()`` without its rulebook, as ``json.dumps(..., ensure_ascii=False)``
        writes it, less the closing brace: what a batch row starts with.

        Written straight from the findings, each finding's offsets worked out once
        for all its dimensions, and kept: a memoised result is written again for each
        repeat of its text. A test holds it to ``json.dumps`` byte for byte.
        """
        head = self._json
        if head is None:
            head = _json_head(self)
            self._json = head
        return head

    def combination(self) -> tuple[Part, ...]:
        """The parts of a hybrid that joins tactics leaning opposite ways ("nurture,
        then telemarketing"): why it is hybrid, in two halves. Else empty."""
        if self._label is not Label.HYBRID or not any([found[6] for found in self._found]):
            return ()  # every finding in the first part: nothing joined
        parts = self.parts()
        return parts if {"inbound", "outbound"} <= {p.lean for p in parts} else ()


def _dimensions(result: Result) -> tuple[DimensionScore, ...]:
    """Each dimension's evidence and lean; a channel nobody tipped counts at its full
    strength in the mass but adds no direction, so it pulls the lean toward zero."""
    book = result.rulebook
    per_dim: dict[int, list[tuple[Evidence, float]]] = {}
    for finding in result.findings:
        for dim, value in book.effect_index[finding.signal]:
            signed = value * finding.factor
            ev = result._evidence(finding, rounded(signed))
            per_dim.setdefault(dim, []).append((ev, abs(signed) or abs(value)))
    out = []
    for dim, found in sorted(per_dim.items()):
        spec = book.dimensions[dim]
        lean = _lean([ev.weight for ev, _ in found], [size for _, size in found])
        out.append(DimensionScore(spec.id, spec.name, lean, tuple(ev for ev, _ in found)))
    return tuple(out)


_LABEL_JSON = {label: encode_basestring(label.value) for label in Label}
_JSON_START = f'{{"schema_version": {SCHEMA_VERSION!r}, "tactic": '
_NUMBERS: dict[float, str] = {}  # a figure -> its repr: rounded figures recur, repr costs


def _number(value: float) -> str:
    """``repr(value)``, as json.dumps writes a float; kept for the few thousand
    three-decimal figures scores, confidences and leans take (but zero: 0.0 and -0.0
    are one key with two texts)."""
    text = _NUMBERS.get(value)
    if text is None or not value:
        text = repr(value)
        if len(_NUMBERS) >= 10_000:
            _NUMBERS.clear()
        _NUMBERS[value] = text
    return text


# one dimension a finding's signal acts on: (dimension, weight, size in the mass, weight
# as written, the dimension's JSON up to its evidence when the finding stands alone)
_JsonEffect = tuple[int, float, float, str, str]
_WEIGHT = itemgetter(1)
_SIZE = itemgetter(2)
# a finding's JSON is kept for texts of at most this many characters, this many in all
_MEMO_TEXT_CHARS = 64
_JSON_CACHE_LIMIT = 20_000
# ... and a shared dimension's opening for at most this many findings in it, this many
_MEMO_SHARED = 8
_SHARED_LIMIT = 4_096


def _json_signal(
    book: Rulebook, signal: int, factor: float
) -> tuple[str, str, tuple[_JsonEffect, ...]]:
    """A finding's JSON that depends on its signal and factor alone, kept per rulebook:
    the rule id, the why, and per dimension its weight, its size in the mass, the
    weight as written and the dimension's JSON up to its evidence when this finding
    is all the evidence it has (as most are)."""
    key = (signal, factor)
    known: tuple[str, str, tuple[_JsonEffect, ...]] | None = book.json_cache.get(key)
    if known is None:
        sig = book.signals[signal]
        named = _json_dimensions(book)
        effects = []
        for dim, value in book.effect_index[signal]:
            signed = value * factor
            weight = rounded(signed)
            size = abs(signed) or abs(value)
            alone = f'{named[dim]}{_lean([weight], [size])!r}, "evidence": ['
            effects.append((dim, weight, size, repr(weight), alone))
        known = (
            encode_basestring(sig.id),
            f', "why": {encode_basestring(sig.why)}',
            tuple(sorted(effects)),  # in rulebook order: a lone finding's dimensions as written
        )
        book.json_cache[key] = known
    return known


def _lean(weights: Iterable[float], sizes: Iterable[float]) -> float:
    """A dimension's lean from its evidence, summed as ``_dimensions`` sums it."""
    mass = sum(sizes)
    return rounded(sum(weights) / mass) if mass else 0.0


def _json_dimensions(book: Rulebook) -> list[str]:
    """Each dimension's JSON up to its score, kept per rulebook."""
    named: list[str] | None = book.json_cache.get("dimensions")
    if named is None:
        named = [
            f'{{"id": {encode_basestring(d.id)}, "name": {encode_basestring(d.name)}, "score": '
            for d in book.dimensions
        ]
        book.json_cache["dimensions"] = named
    return named


def _json_finding(
    book: Rulebook, signal: int, factor: float, negated: bool, text: str, reading: str | None
) -> tuple[str, str, str, str, tuple[_JsonEffect, ...]]:
    """A finding's JSON that does not depend on where it stands or what tipped it: the
    text up to its start, from its end to its weight, after the weight up to where
    "tipped_by" goes, its "read_as" (or nothing), and its dimensions' pieces
    (``_json_signal``)."""
    rule, why, effects = _json_signal(book, signal, factor)
    return (
        f'{{"text": {encode_basestring(text)}, "start": ',
        f', "rule": {rule}, "weight": ',
        why + ', "negated": true' if negated else why,
        "" if reading is None else f', "read_as": {encode_basestring(reading)}',
        effects,
    )


def _json_merged(
    book: Rulebook, pieces: list[tuple[str, str, tuple[_JsonEffect, ...]]], out: list[str]
) -> None:
    """Each dimension's JSON, in rulebook order, from the pieces of several findings:
    added to ``out`` as fragments, each one followed by "]}, "."""
    # per dimension: the effects on it, and its evidence as fragments
    per_dim: dict[int, tuple[list[_JsonEffect], list[str]]] = {}
    for lead, tail, effects in pieces:
        for effect in effects:
            entry = per_dim.get(effect[0])
            if entry is None:
                per_dim[effect[0]] = ([effect], [lead, effect[3], tail])
            else:
                entry[0].append(effect)
                entry[1].extend((", ", lead, effect[3], tail))
    for _, (found, evidence) in sorted(per_dim.items()):
        out.append(found[0][4] if len(found) == 1 else _json_shared(book, tuple(found)))
        out += evidence
        out.append("]}, ")


def _json_shared(book: Rulebook, found: tuple[_JsonEffect, ...]) -> str:
    """A dimension's JSON up to its evidence when these findings' effects share it,
    kept per rulebook: the same few pairs recur, and their lean costs more to work out
    than the rest of the dimension to write. Kept apart from the findings' JSON, and
    fewer: the pairs have a long tail, which would crowd the findings out."""
    kept: dict[tuple[_JsonEffect, ...], str] | None = book.json_cache.get("shared")
    if kept is None:
        kept = book.json_cache["shared"] = {}
    opening = kept.get(found)
    if opening is None:
        lean = _number(_lean(map(_WEIGHT, found), map(_SIZE, found)))
        opening = f'{_json_dimensions(book)[found[0][0]]}{lean}, "evidence": ['
        if len(found) <= _MEMO_SHARED:
            if len(kept) >= _SHARED_LIMIT:
                kept.clear()
            kept[found] = opening
    return opening


def _json_head(result: Result) -> str:
    """The text ``Result.json_head`` keeps (json.dumps's separators, key order and
    number forms: ``repr`` of each int and float).

    Runs once per distinct row of a JSON batch, so each finding's evidence is written
    from its tuple and the word offsets, without the Finding and Evidence objects
    ``to_dict`` goes through. A finding's JSON but for its offsets follows from its
    signal, factor, negation and text, which recur across rows: kept."""
    book = result.rulebook
    words = result._words()
    read = result._read()
    given = len(read) - len(result._tactic)
    reads = bool(book.abbreviations or book.spellings)
    cache = book.json_cache
    pieces = []  # per finding: its JSON up to its weight, after it, and its effects
    for signal, first, end, factor, negated, tipper, _ in result._found:
        start, stop = words[first][0], words[end - 1][1]
        text = read[start:stop]
        # the same text is read the same way wherever it stands, whatever its words
        key = (signal, factor, negated, text)
        known = cache.get(key)
        if known is None:
            if not reads:
                reading = None
            elif end - first == 1:
                reading = read_as(fold(text), book)
            else:
                reading = result._read_as(read, words[first:end])
            known = _json_finding(book, signal, factor, negated, text, reading)
            if len(text) <= _MEMO_TEXT_CHARS:
                if len(cache) >= _JSON_CACHE_LIMIT:
                    cache.clear()
                cache[key] = known
        opening, closing, tail, reading_json, effects = known
        if tipper is not None:
            tipped_by = read[words[tipper[0]][0] : words[tipper[1] - 1][1]]
            tail += f', "tipped_by": {encode_basestring(tipped_by)}'
        tail += reading_json
        if start < given:
            tail += ', "context": true'
        else:
            start, stop = start - given, stop - given
        pieces.append((f'{opening}{start}, "end": {stop}{closing}', tail + "}", effects))
    out = [
        f"{_JSON_START}{encode_basestring(result.tactic)}, "
        f'"score": {_number(result.score)}, "label": {_LABEL_JSON[result._label]}, '
        f'"confidence": {_number(result.confidence)}, "dimensions": ['
    ]
    # written as fragments joined once at the end: each character is copied once
    if len(pieces) == 1:  # a third of all rows: each dimension has this evidence alone
        lead, tail, effects = pieces[0]
        for effect in effects:
            out += (effect[4], lead, effect[3], tail, "]}, ")
    else:
        _json_merged(book, pieces, out)
    if len(out) > 1:
        out[-1] = "]}"  # the last dimension's end, with no separator after it
    out.append("]")
    head = "".join(out)
    if book.context:
        head += f', "context": {encode_basestring(book.context)}'
    combined = result.combination()
    if combined:
        head += (
            ', "parts": ['
            + ", ".join(
                f'{{"text": {encode_basestring(p.text)}, "start": {p.start!r}, "end": {p.end!r}, '
                f'"lean": {encode_basestring(p.lean)}}}'
                for p in combined
            )
            + "]"
        )
    return head
