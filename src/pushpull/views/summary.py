"""The mix of a scored file, as ``pushpull batch`` shows it after the rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..labels import LABELS
from ..summary import top
from .classify import LABEL_STYLE

if TYPE_CHECKING:
    from rich.console import Console

    from ..summary import Summary


@dataclass
class SummaryView:
    summary: Summary
    single: bool = True

    def records(self) -> Iterator[dict[str, Any]]:
        yield self.summary.to_dict()

    def lines(self) -> Iterator[str]:
        yield from self.summary.plain_lines()

    def draw(self, console: Console) -> None:
        """Labels, balance, histogram, busiest rules, missed words."""
        from rich.markup import escape
        from rich.table import Table
        from rich.text import Text

        summary = self.summary
        table = Table(
            title=f"{summary.rows:,} rows  ·  inbound:outbound {summary.balance()}",
            show_edge=False,
        )
        table.add_column("label")
        table.add_column("rows", justify="right")
        table.add_column("share", justify="right")
        table.add_column("")
        for label in LABELS:
            n = summary.labels[label]
            share = n / summary.rows if summary.rows else 0.0
            table.add_row(
                Text(label, style=LABEL_STYLE[label]),
                f"{n:,}",
                f"{share:.1%}",
                Text("█" * round(share * 30), style=LABEL_STYLE[label]),
            )
        console.print(table)
        peak = max(summary.histogram) or 1
        bars = "".join(" ▁▂▃▄▅▆▇█"[round(8 * n / peak)] for n in summary.histogram)
        console.print(
            Text.assemble(
                ("inbound ◀", "green"),
                bars,
                ("▶ outbound", "red"),
                ("  scores of classified rows", "dim"),
            )
        )
        if summary.rules:
            console.print(
                "[dim]rules that fired most:[/] "
                + ", ".join(f"{r} ({n:,})" for r, n in top(summary.rules))
            )
        unclassified = summary.labels["unclassified"]
        if unclassified:
            words = escape(", ".join(w for w, _ in top(summary.unclassified_words)))
            console.print(
                f"[dim]{unclassified:,} unclassified rows; their commonest words:[/] {words or '-'}"
            )
        if summary.errors:
            console.print(f"[yellow]{summary.errors:,} rows carry an error note[/]")
