"""The known export layouts, as ``pushpull layouts`` lists them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from ..layouts import Layout


@dataclass
class LayoutsView:
    layouts: tuple[Layout, ...]
    single: bool = False

    def records(self) -> Iterator[dict[str, Any]]:
        for layout in self.layouts:
            yield {key: list(v) if isinstance(v, tuple) else v for key, v in asdict(layout).items()}

    def lines(self) -> Iterator[str]:
        for layout in self.layouts:
            header = " + ".join(layout.header) or " | ".join(layout.header_any)
            yield (
                f"{layout.name}\t{layout.title}\theader: {header}\t"
                f"reads: {' + '.join(layout.columns)}\tcontext: {layout.context or '-'}\t"
                f"{layout.docs}"
            )

    def draw(self, console: Console) -> None:
        from rich.table import Table

        table = Table(title="known export layouts (--layout NAME, or none)", show_lines=True)
        for name in ("layout", "recognised by its header", "reads", "context", "follows"):
            table.add_column(name, overflow="fold")
        for layout in self.layouts:
            header = " + ".join(layout.header) or "one of: " + ", ".join(layout.header_any)
            table.add_row(
                f"{layout.name}\n{layout.title}",
                header,
                " + ".join(layout.columns),
                layout.context or "-",
                layout.docs,
            )
        console.print(table)
