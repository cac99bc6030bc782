"""The answer of ``pushpull rules test``: each example, passed or failed, and why."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import printable

if TYPE_CHECKING:
    from rich.console import Console

    from ..ruletest import Outcome


@dataclass
class RuleTestsView:
    outcomes: list[Outcome]
    single: bool = False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]

    def tally(self) -> str:
        return f"{len(self.outcomes) - len(self.failed)} passed, {len(self.failed)} failed"

    def records(self) -> Iterator[dict[str, Any]]:
        for o in self.outcomes:
            yield {
                "tactic": o.example.tactic,
                "expected": o.example.label,
                "label": o.result.label,
                "score": o.result.score,
                "passed": o.passed,
                "missing": list(o.missing),
                "location": o.example.location,
            }

    def lines(self) -> Iterator[str]:
        """One tab-separated line per example: verdict, expected, got, score, tactic."""
        for o in self.outcomes:
            yield (
                f"{'PASS' if o.passed else 'FAIL'}\t{o.example.label}\t{o.result.label}\t"
                f"{o.result.score:+.3f}\t{o.example.tactic}"
            )
        yield self.tally()

    def draw(self, console: Console) -> None:
        from rich.table import Table
        from rich.text import Text

        from ..ruletest import describe_failure

        table = Table(show_edge=False)
        for column in ("", "tactic", "expected", "got", "score"):
            table.add_column(column)
        for o in self.outcomes:
            mark = Text("PASS", style="green") if o.passed else Text("FAIL", style="bold red")
            table.add_row(
                mark,
                printable(o.example.tactic),
                o.example.label,
                o.result.label,
                f"{o.result.score:+.2f}",
            )
            if not o.passed:
                table.add_row("", Text(describe_failure(o), style="dim"), "", "", "")
        console.print(table)
        console.print(self.tally())
