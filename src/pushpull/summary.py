"""Tally a scored file into its inbound/outbound mix, and what the rulebook missed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .labels import LABELS
from .result import Result
from .textnorm import WORD

BINS = 10  # histogram bins across [-1, 1]
TOP = 10
_WORD_MEMORY = 50_000  # distinct unclassified words kept before pruning the rare ones
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "our",
        "with",
        "from",
        "into",
        "your",
        "you",
        "are",
        "this",
        "that",
        "new",
        "all",
        "its",
        "via",
        "per",
    ],
)


def top(counter: Counter[str], n: int = TOP) -> list[tuple[str, int]]:
    """The ``n`` commonest entries, ties broken alphabetically so output is stable."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]


@dataclass
class Summary:
    """Running totals over a batch; memory stays flat however many rows pass."""

    rows: int = 0
    errors: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    rules: Counter[str] = field(default_factory=Counter)
    unclassified_words: Counter[str] = field(default_factory=Counter)

    def add(self, result: Result, *, error: bool = False) -> None:
        """Count one row; a refused one (``result.reason``) counts only as unclassified."""
        self.rows += 1
        self.errors += error
        self.labels[result.label] += 1
        if result.reason is not None:
            return
        if result.label == "unclassified":
            self.unclassified_words.update(
                w
                for w in (m.lower() for m in WORD.findall(result.tactic))
                if len(w) > 2 and not w.isdigit() and w not in _FUNCTION_WORDS
            )
            return
        self.histogram[min(BINS - 1, int((result.score + 1) / 2 * BINS))] += 1
        self.rules.update(result.rules())

    def merge(self, other: Summary) -> None:
        """Fold in the tally of another part of the same input."""
        self.rows += other.rows
        self.errors += other.errors
        self.labels.update(other.labels)
        self.histogram = [a + b for a, b in zip(self.histogram, other.histogram, strict=True)]
        self.rules.update(other.rules)
        self.unclassified_words.update(other.unclassified_words)
        if len(self.unclassified_words) > _WORD_MEMORY:
            self.unclassified_words = Counter(dict(top(self.unclassified_words, _WORD_MEMORY // 2)))

    @property
    def inbound(self) -> int:
        return self.labels["inbound"] + self.labels["leaning-inbound"]

    @property
    def outbound(self) -> int:
        return self.labels["outbound"] + self.labels["leaning-outbound"]

    def balance(self) -> str:
        """Inbound to outbound as "60:40" over the rows that lean one way."""
        total = self.inbound + self.outbound
        if not total:
            return "n/a"
        share = round(100 * self.inbound / total)
        return f"{share}:{100 - share}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "errors": self.errors,
            "labels": {label: self.labels[label] for label in LABELS},
            "shares": {
                label: round(self.labels[label] / self.rows, 4) if self.rows else 0.0
                for label in LABELS
            },
            "inbound_outbound_balance": self.balance(),
            "histogram": [
                {
                    "from": round(-1 + 2 * i / BINS, 2),
                    "to": round(-1 + 2 * (i + 1) / BINS, 2),
                    "rows": n,
                }
                for i, n in enumerate(self.histogram)
            ],
            "top_rules": [{"rule": r, "rows": n} for r, n in top(self.rules)],
            "unclassified_top_words": [
                {"word": w, "rows": n} for w, n in top(self.unclassified_words)
            ],
        }

    def plain_lines(self) -> list[str]:
        """The summary as plain text for a log or a pipe."""
        lines = [f"rows: {self.rows}  errors: {self.errors}  inbound:outbound {self.balance()}"]
        for label in LABELS:
            n = self.labels[label]
            pct = 100 * n / self.rows if self.rows else 0.0
            lines.append(f"{label:>17} {n:>9} {pct:5.1f}%")
        if self.rules:
            lines.append("top rules: " + ", ".join(f"{r} ({n})" for r, n in top(self.rules)))
        if self.unclassified_words:
            lines.append(
                "words in unclassified rows: "
                + ", ".join(f"{w} ({n})" for w, n in top(self.unclassified_words))
            )
        return lines
