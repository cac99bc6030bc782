"""What scoring a tactic returns: immutable, and convertible to the JSON contract.

A result keeps the compact findings the engine produced and builds the evidence
objects only when asked: a batch that needs score, label and confidence never
pays for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .model import Rulebook

SCHEMA_VERSION = 1

# (signal index, first word, end word, factor, negated, tipper): factor multiplies
# the signal's effects; for a channel it is the direction a modifier lent it (0 if
# none), and tipper the (first, end) words of that modifier. Words, not characters:
# offsets are only worked out when evidence is asked for.
Finding = tuple[int, int, int, float, bool, tuple[int, int] | None]


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
    """The score, label and confidence of one tactic, and the reasons for them."""

    __slots__ = (
        "_dimensions",
        "_spans",
        "confidence",
        "findings",
        "label",
        "rulebook",
        "score",
        "tactic",
    )

    tactic: str
    score: float
    label: str
    confidence: float
    findings: tuple[Finding, ...]
    rulebook: Rulebook
    _dimensions: tuple[DimensionScore, ...] | None
    _spans: list[tuple[int, int]] | None

    def __init__(
        self,
        tactic: str,
        score: float,
        label: str,
        confidence: float,
        findings: tuple[Finding, ...],
        rulebook: Rulebook,
        spans: list[tuple[int, int]] | None = None,
    ) -> None:
        setter = object.__setattr__
        setter(self, "tactic", tactic)
        setter(self, "score", score)
        setter(self, "label", label)
        setter(self, "confidence", confidence)
        setter(self, "findings", findings)
        setter(self, "rulebook", rulebook)
        setter(self, "_dimensions", None)
        setter(self, "_spans", spans)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Result is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Result is immutable; cannot delete {name!r}")

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
                self.findings,
                self.rulebook,
                self._spans,
            ),
        )

    @property
    def dimensions(self) -> tuple[DimensionScore, ...]:
        """Per-dimension leans with their evidence, in rulebook order (built on first use)."""
        cached = self._dimensions
        if cached is None:
            cached = _dimensions(self)
            object.__setattr__(self, "_dimensions", cached)
        return cached

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Each matched phrase once, in text order, weighted by its net push or pull."""
        nets = self.rulebook.signal_nets
        return tuple(self._evidence(f, round(nets[f[0]] * f[3], 3)) for f in self.findings)

    def brief(self) -> str:
        """The phrases that counted, each marked +, - or ~ for the way it pulled.

        What a batch row shows; built without evidence objects, since it runs per row.
        """
        words = self._words()
        nets = self.rulebook.signal_nets
        parts = []
        for target, first, end, factor, negated, _ in self.findings:
            net = nets[target] * factor
            mark = "+" if net > 0 else "-" if net < 0 else "~"
            text = self.tactic[words[first][0] : words[end - 1][1]]
            parts.append(f"{mark}not {text}" if negated else mark + text)
        return "; ".join(parts)

    def _words(self) -> list[tuple[int, int]]:
        """Character offsets of the tactic's words, worked out once and only if needed."""
        if self._spans is None:
            from .engine import token_spans

            object.__setattr__(self, "_spans", token_spans(self.tactic))
        assert self._spans is not None
        return self._spans

    def _evidence(self, finding: Finding, weight: float) -> Evidence:
        """The evidence object for one finding, with character offsets into the tactic."""
        words = self._words()
        target, first, end, _, negated, tipper = finding
        start, stop = words[first][0], words[end - 1][1]
        tipped_by = None
        if tipper is not None:
            tipped_by = self.tactic[words[tipper[0]][0] : words[tipper[1] - 1][1]]
        sig = self.rulebook.signals[target]
        return Evidence(
            self.tactic[start:stop], start, stop, sig.id, weight, sig.why, negated, tipped_by
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (PRODUCT.md)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "tactic": self.tactic,
            "score": self.score,
            "label": self.label,
            "confidence": self.confidence,
            "dimensions": [d.to_dict() for d in self.dimensions],
            "rulebook": self.rulebook.info(),
        }


def _dimensions(result: Result) -> tuple[DimensionScore, ...]:
    book = result.rulebook
    per_dim: dict[int, list[tuple[Evidence, float]]] = {}
    for finding in result.findings:
        factor = finding[3]
        for dim, value in book.effect_index[finding[0]]:
            signed = value * factor
            ev = result._evidence(finding, round(signed, 3))
            per_dim.setdefault(dim, []).append((ev, abs(signed) or abs(value)))
    out = []
    for dim, found in sorted(per_dim.items()):
        spec = book.dimensions[dim]
        mass = sum(size for _, size in found)
        lean = sum(ev.weight for ev, _ in found) / mass if mass else 0.0
        out.append(DimensionScore(spec.id, spec.name, round(lean, 3), tuple(ev for ev, _ in found)))
    return tuple(out)
