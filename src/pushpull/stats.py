"""How a rulebook behaves on a real corpus: coverage, conflicts, dead signals, gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import engine
from .model import Rulebook, Signal
from .summary import Summary, top


@dataclass
class CorpusStats:
    """Per-signal and per-dimension counts over a corpus, with the unclassified words."""

    book: Rulebook
    rows: int = 0
    fires: Counter[str] = field(default_factory=Counter)
    conflicts: Counter[str] = field(default_factory=Counter)
    dimension_rows: Counter[str] = field(default_factory=Counter)
    summary: Summary = field(default_factory=Summary)

    def add(self, text: str) -> None:
        """Score one row and count what fired, and what pulled against the final label."""
        self.rows += 1
        result = engine.classify_or_refuse(text, self.book)
        self.summary.add(result)
        lean = result.label.lean
        signals = self.book.signals
        nets = self.book.signal_nets
        dims: set[int] = set()
        seen: set[str] = set()
        for target, _, _, factor, _, _, _ in result.findings:
            sig_id = signals[target].id
            if sig_id in seen:
                continue
            seen.add(sig_id)
            self.fires[sig_id] += 1
            net = nets[target] * factor
            if lean and net and (net > 0) != (lean > 0):
                self.conflicts[sig_id] += 1
            dims.update(dim for dim, _ in self.book.effect_index[target])
        for dim in dims:
            self.dimension_rows[self.book.dimensions[dim].id] += 1

    def share(self, rows: int) -> float:
        """``rows`` as a share of the corpus."""
        return round(rows / self.rows, 4) if self.rows else 0.0

    def busiest(self) -> list[Signal]:
        """Every signal, the one that fired in most rows first."""
        return sorted(self.book.signals, key=lambda s: -self.fires[s.id])

    def never_fired(self) -> list[str]:
        return [s.id for s in self.book.signals if not self.fires[s.id]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "signals": [
                {
                    "id": sig.id,
                    "kind": sig.kind,
                    "rows": self.fires[sig.id],
                    "coverage": self.share(self.fires[sig.id]),
                    "conflicts": self.conflicts[sig.id],
                }
                for sig in self.busiest()
            ],
            "dimensions": [
                {
                    "id": d.id,
                    "rows": self.dimension_rows[d.id],
                    "coverage": self.share(self.dimension_rows[d.id]),
                }
                for d in self.book.dimensions
            ],
            "never_fired": self.never_fired(),
            "labels": self.summary.to_dict()["labels"],
            "unclassified_top_words": [
                {"word": w, "rows": n} for w, n in top(self.summary.unclassified_words)
            ],
        }


def corpus_stats(texts: Iterable[str], book: Rulebook) -> CorpusStats:
    """Run ``book`` over every text and count."""
    stats = CorpusStats(book)
    for text in texts:
        stats.add(text)
    return stats
