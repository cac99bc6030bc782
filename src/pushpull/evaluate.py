"""Measure a rulebook against tactics with known labels: accuracy, per-class precision
and recall, a confusion matrix, and every miss with the evidence that misled it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import engine
from .errors import UsageError
from .inputs import tactic_problem
from .labels import LABELS
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


@dataclass
class Evaluation:
    """Counts over a labelled set; misses keep what a user needs to fix the rules."""

    total: int = 0
    correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def per_class(self) -> dict[str, dict[str, float | int]]:
        """Precision and recall per class, over the classes that occur."""
        out: dict[str, dict[str, float | int]] = {}
        for cls in CLASSES:
            predicted = sum(n for (_, got), n in self.confusion.items() if got == cls)
            actual = sum(n for (exp, _), n in self.confusion.items() if exp == cls)
            if not predicted and not actual:
                continue
            hit = self.confusion[(cls, cls)]
            out[cls] = {
                "support": actual,
                "precision": round(hit / predicted, 4) if predicted else 0.0,
                "recall": round(hit / actual, 4) if actual else 0.0,
            }
        return out

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
            "unclassified": sum(n for (_, p), n in self.confusion.items() if p == "unclassified"),
            "misses": self.misses,
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
        problem = tactic_problem(tactic)  # scored as batch would: refused means unclassified
        result = None if problem else engine.classify(tactic, book)
        label = result.label if result else "unclassified"
        ev.total += 1
        ev.confusion[(coarse(expected), coarse(label))] += 1
        if accepts(expected, label):
            ev.correct += 1
        else:
            ev.misses.append(
                {
                    "row": number,
                    "tactic": tactic,
                    "expected": expected,
                    "label": label,
                    "score": result.score if result else 0.0,
                    "evidence": result.brief() if result else "",
                    **({"error": problem} if problem else {}),
                }
            )
    return ev


def plain_lines(ev: Evaluation) -> list[str]:
    """The evaluation as plain text for a pipe or a CI log."""
    lines = [f"accuracy: {ev.accuracy:.2%} ({ev.correct}/{ev.total})", f"note: {ACCEPTANCE}"]
    for cls, m in ev.per_class().items():
        lines.append(
            f"{cls}\tprecision {m['precision']:.2%}\trecall {m['recall']:.2%}\t"
            f"support {m['support']}"
        )
    lines.append(
        "confusion (expected -> predicted): "
        + ", ".join(f"{e}->{p} {n}" for (e, p), n in sorted(ev.confusion.items()))
    )
    lines.append(f"unclassified: {ev.to_dict()['unclassified']}")
    for miss in ev.misses:
        lines.append(
            f"MISS row {miss['row']}: {miss['tactic']!r} expected {miss['expected']}, "
            f"got {miss['label']} ({miss['score']:+.3f}); evidence: "
            f"{miss['evidence'] or 'none'}"
        )
    return lines
