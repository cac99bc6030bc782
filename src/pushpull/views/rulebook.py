"""The answer of ``pushpull rules show``: the dimensions, their poles and sources."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from ..model import Rulebook


@dataclass
class RulebookView:
    book: Rulebook
    single: bool = True

    def records(self) -> Iterator[dict[str, Any]]:
        yield self.book.to_dict()

    def lines(self) -> Iterator[str]:
        """The dimensions as tab-separated lines: id, weight, poles, source."""
        for d in self.book.dimensions:
            yield f"{d.id}\t{d.weight:g}\t{d.inbound}\t{d.outbound}\t{d.source.cite()}"

    def draw(self, console: Console) -> None:
        from rich.table import Table

        book = self.book
        table = Table(title=f"rulebook {book.name} v{book.version}", show_lines=True)
        for column in ("dimension", "weight", "inbound pole", "outbound pole", "source"):
            table.add_column(column)
        for dim in book.dimensions:
            table.add_row(
                f"{dim.name}\n[dim]{dim.id}[/]",
                f"{dim.weight:g}",
                dim.inbound,
                dim.outbound,
                f"{dim.source.title or dim.source.seed}\n[dim]{dim.source.passage}[/]",
            )
        console.print(table)
        kinds: dict[str, int] = {}
        for sig in book.signals:
            kinds[sig.kind] = kinds.get(sig.kind, 0) + 1
        summary = ", ".join(f"{n} {k}s" for k, n in sorted(kinds.items()))
        console.print(
            f"{len(book.signals)} signals ({summary}), {len(book.negators)} negators, "
            f"{len(book.examples)} examples; sha256 {book.sha256[:12]}"
        )
