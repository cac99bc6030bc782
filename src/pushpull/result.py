"""What scoring a tactic returns: immutable, and convertible to the JSON contract."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from .model import Rulebook

SCHEMA_VERSION = 1


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


@dataclass(frozen=True, slots=True)
class Result:
    """The score, label and confidence of one tactic, and the reasons for them."""

    tactic: str
    score: float
    label: str
    confidence: float
    dimensions: tuple[DimensionScore, ...]
    rulebook: Rulebook

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every piece of evidence once, in text order (a phrase may speak to several
        dimensions; it is listed under its first)."""
        seen: dict[tuple[int, int, str], Evidence] = {}
        for dim in self.dimensions:
            for ev in dim.evidence:
                seen.setdefault((ev.start, ev.end, ev.rule), ev)
        return tuple(sorted(seen.values(), key=lambda e: (e.start, e.end)))

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
