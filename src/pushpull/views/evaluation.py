"""The answer of ``pushpull eval``: accuracy, per-class precision and recall, misses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..evaluate import ACCEPTANCE, CLASSES
from . import printable

if TYPE_CHECKING:
    from rich.console import Console

    from ..evaluate import Evaluation, Miss


def _miss(miss: Miss, score_format: str) -> str:
    return (
        f"row {miss.row}: {printable(miss.tactic)!r} expected {miss.expected}, got {miss.label} "
        f"({miss.score:{score_format}})"
    )


@dataclass
class EvaluationView:
    ev: Evaluation
    single: bool = True

    def records(self) -> Iterator[dict[str, Any]]:
        yield self.ev.to_dict()

    def lines(self) -> Iterator[str]:
        ev = self.ev
        yield f"accuracy: {ev.accuracy:.2%} ({ev.correct}/{ev.total})"
        yield f"note: {ACCEPTANCE}"
        for cls, m in ev.per_class().items():
            yield (
                f"{cls}\tprecision {m['precision']:.2%}\trecall {m['recall']:.2%}\t"
                f"support {m['support']}"
            )
        yield "confusion (expected -> predicted): " + ", ".join(
            f"{e}->{p} {n}" for (e, p), n in sorted(ev.confusion.items())
        )
        yield f"unclassified: {ev.unclassified}"
        for miss in ev.misses:
            yield f"MISS {_miss(miss, '+.3f')}; evidence: {miss.evidence or 'none'}"

    def draw(self, console: Console) -> None:
        from rich.markup import escape
        from rich.table import Table

        ev = self.ev
        console.print(
            f"[bold]accuracy {ev.accuracy:.1%}[/] ({ev.correct}/{ev.total})  [dim]{ACCEPTANCE}[/]"
        )
        metrics = Table(show_edge=False)
        for column in ("class", "precision", "recall", "support"):
            metrics.add_column(column, justify="left" if column == "class" else "right")
        for cls, m in ev.per_class().items():
            metrics.add_row(cls, f"{m['precision']:.1%}", f"{m['recall']:.1%}", str(m["support"]))
        console.print(metrics)
        matrix = Table(title="expected ↓  predicted →", show_edge=False)
        matrix.add_column("")
        for cls in CLASSES:
            matrix.add_column(cls, justify="right")
        expected = {exp for exp, _ in ev.confusion}
        for exp in (c for c in CLASSES if c in expected):
            matrix.add_row(exp, *(str(ev.confusion[(exp, got)] or "·") for got in CLASSES))
        console.print(matrix)
        console.print(f"{ev.unclassified} unclassified")
        for miss in ev.misses:
            console.print(
                f"[red]miss[/] {escape(_miss(miss, '+.2f'))} "
                f"[dim]{escape(printable(miss.evidence)) or 'no evidence'}[/]"
            )
