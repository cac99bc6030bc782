"""Measure a rulebook against tactics with known labels: accuracy, per-class precision
and recall, a confusion matrix, and every miss with the evidence that misled it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from . import engine
from .errors import UsageError
from .labels import LABELS, Label
from .model import Rulebook
from .ruletest import accepts

CLASSES = ("inbound", "hybrid", "outbound", "unclassified")
ACCEPTANCE = (
    "expected inbound accepts inbound or leaning-inbound; expected outbound accepts "
    "outbound or leaning-outbound; other labels must match exactly"
)


def coarse(label: str) -> str:
    """The class a label counts toward in the confusion matrix."""
    return label.removeprefix("leaning-")


@dataclass(frozen=True)
class Miss:
    """A row the rulebook got wrong, with what a user needs to fix the rules."""

    row: int
    tactic: str
    expected: str
    label: str
    score: float
    evidence: str
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.error is None:
            del out["error"]
        return out


@dataclass
class Evaluation:
    """Counts over a labelled set; misses keep what a user needs to fix the rules."""

    total: int = 0
    correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def per_class(self) -> dict[str, dict[str, float | int]]:
        """Precision and recall per class, over the classes the labelled set expects.

        A class no row expects has no recall to speak of; rows predicted into it
        show in the confusion matrix and the misses.
        """
        out: dict[str, dict[str, float | int]] = {}
        for cls in CLASSES:
            predicted = sum(n for (_, got), n in self.confusion.items() if got == cls)
            actual = sum(n for (exp, _), n in self.confusion.items() if exp == cls)
            if not actual:
                continue
            hit = self.confusion[(cls, cls)]
            out[cls] = {
                "support": actual,
                "precision": round(hit / predicted, 4) if predicted else 0.0,
                "recall": round(hit / actual, 4) if actual else 0.0,
            }
        return out

    @property
    def unclassified(self) -> int:
        """Rows the rulebook had no words for, whatever they were expected to be."""
        return sum(n for (_, got), n in self.confusion.items() if got == Label.UNCLASSIFIED)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.total,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "acceptance": ACCEPTANCE,
            "per_class": self.per_class(),
            "confusion": [
                {"expected": e, "predicted": p, "rows": n}
                for (e, p), n in sorted(self.confusion.items())
            ],
            "unclassified": self.unclassified,
            "misses": [m.to_dict() for m in self.misses],
        }


def evaluate(rows: Iterable[tuple[str, str]], book: Rulebook) -> Evaluation:
    """Score every (tactic, expected label) pair; an unknown expected label is a usage error."""
    ev = Evaluation()
    for number, (tactic, expected_raw) in enumerate(rows, start=2):
        expected = expected_raw.strip().lower()
        if expected not in LABELS:
            raise UsageError(
                f"row {number}: expected label {expected_raw!r} is not one of " + ", ".join(LABELS)
            )
        result = engine.classify_or_refuse(tactic, book)  # as batch scores a cell
        label = result.label
        ev.total += 1
        ev.confusion[(coarse(expected), coarse(label))] += 1
        if accepts(expected, label):
            ev.correct += 1
        else:
            ev.misses.append(
                Miss(
                    number,
                    tactic,
                    expected,
                    label,
                    result.score,
                    result.brief(),
                    result.reason,
                )
            )
    return ev
