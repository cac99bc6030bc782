"""The answer of ``pushpull rules stats``: how a rulebook fares on a real corpus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..summary import top

if TYPE_CHECKING:
    from rich.console import Console

    from ..stats import CorpusStats


@dataclass
class StatsView:
    stats: CorpusStats
    single: bool = True

    def records(self) -> Iterator[dict[str, Any]]:
        yield self.stats.to_dict()

    def _missed_words(self) -> str:
        words = top(self.stats.summary.unclassified_words)
        return ", ".join(f"{w} ({n})" for w, n in words)

    def lines(self) -> Iterator[str]:
        st = self.stats
        yield f"rows: {st.rows}"
        for sig in st.busiest():
            rows = st.fires[sig.id]
            if rows:
                yield (
                    f"signal\t{sig.id}\t{rows}\t{st.share(rows):.2%}\t"
                    f"conflicts {st.conflicts[sig.id]}"
                )
        for d in st.book.dimensions:
            rows = st.dimension_rows[d.id]
            yield f"dimension\t{d.id}\t{rows}\t{st.share(rows):.2%}"
        yield "never fired: " + (", ".join(st.never_fired()) or "-")
        yield "words in unclassified rows: " + (self._missed_words() or "-")

    def draw(self, console: Console) -> None:
        from rich.markup import escape
        from rich.table import Table

        st = self.stats
        table = Table(title=f"signals over {st.rows:,} rows", show_edge=False)
        for column in ("signal", "kind", "rows", "coverage", "conflicts"):
            table.add_column(column, justify="left" if column in ("signal", "kind") else "right")
        for sig in st.busiest():
            rows = st.fires[sig.id]
            if rows:
                table.add_row(
                    sig.id, sig.kind, f"{rows:,}", f"{st.share(rows):.1%}",
                    f"{st.conflicts[sig.id]:,}",
                )  # fmt: skip
        console.print(table)
        dims = Table(title="dimensions", show_edge=False)
        dims.add_column("dimension")
        dims.add_column("coverage", justify="right")
        for d in st.book.dimensions:
            dims.add_row(d.id, f"{st.share(st.dimension_rows[d.id]):.1%}")
        console.print(dims)
        console.print("[dim]never fired:[/] " + (", ".join(st.never_fired()) or "-"))
        unclassified = st.summary.labels["unclassified"]
        console.print(
            f"[dim]{unclassified:,} unclassified rows; add words like:[/] "
            f"{escape(self._missed_words()) or '-'}"
        )
