"""The answer of ``pushpull classify``: one result per tactic, with its reasons."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import printable

if TYPE_CHECKING:
    from rich.console import Console, Group
    from rich.text import Text

    from ..model import Rulebook
    from ..result import Result

BAR_WIDTH = 31
BRIEF_BAR_WIDTH = 15
MIN_BAR_WIDTH = 5
LABEL_STYLE = {
    "inbound": "bold green",
    "leaning-inbound": "green",
    "hybrid": "bold yellow",
    "leaning-outbound": "red",
    "outbound": "bold red",
    "unclassified": "dim",
}


@dataclass
class ClassifyView:
    """Results in input order; ``single`` when one tactic was named on the command line."""

    results: Iterable[Result]
    single: bool = False
    brief: bool = False

    def records(self) -> Iterator[dict[str, Any]]:
        return (r.to_dict() for r in self.results)

    def lines(self) -> Iterator[str]:
        """Tactic, label and score, tab-separated: stable for scripts and diff."""
        for r in self.results:
            yield f"{' '.join(r.tactic.split())}\t{r.label}\t{r.score:+.3f}"

    def draw(self, console: Console) -> None:
        from rich.panel import Panel

        for result in self.results:
            if self.brief:
                console.print(brief_line(result, console.width), soft_wrap=True)
            else:
                console.print(Panel(explain(result), expand=False, border_style="dim"))


def lean_style(value: float) -> str:
    return "red" if value > 0 else "green" if value < 0 else "yellow"


def spectrum(score: float, *, width: int = BAR_WIDTH) -> Text:
    """``inbound ◀──●──▶ outbound`` with the dot where the score falls."""
    from rich.text import Text

    pos = round((score + 1) / 2 * (width - 1))
    line = Text("inbound ◀", style="green")
    line.append("─" * pos)
    line.append("●", style="bold")
    line.append("─" * (width - 1 - pos))
    line.append("▶ outbound", style="red")
    return line


def highlighted(result: Result) -> Text:
    """The tactic with each phrase that counted coloured by the way it pulled."""
    from rich.text import Text

    text = Text(printable(result.tactic), style="bold")
    for ev in result.evidence:
        if not ev.context:  # context offsets point into the context, shown apart
            text.stylize(f"underline {lean_style(ev.weight)}", ev.start, ev.end)
    return text


def headline(result: Result, *, width: int = BAR_WIDTH) -> Text:
    """Score, label and confidence on one line."""
    line = spectrum(result.score, width=width)
    line.append(f"  {result.score:+.2f} ")
    line.append(result.label, style=LABEL_STYLE[result.label])
    line.append(f"  confidence {result.confidence:.0%}", style="dim")
    return line


def brief_line(result: Result, columns: int) -> Text:
    """One line per tactic: the bar gives way before the tactic's name does."""
    fixed = headline(result, width=0).cell_len + 2 + len(result.tactic)
    width = max(MIN_BAR_WIDTH, min(BRIEF_BAR_WIDTH, columns - fixed))
    line = headline(result, width=width)
    line.append("  ")
    line.append_text(highlighted(result))
    return line


def explain(result: Result) -> Group:
    """The full explanation: highlighted tactic, spectrum, dimensions, advice."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [highlighted(result), headline(result)]
    if result.rulebook.context:
        parts.append(
            Text(f"read with the context '{printable(result.rulebook.context)}'", style="dim")
        )
    if result.label == "unclassified":
        parts.append(
            Text(
                "No rule matched any of these words, so pushpull will not guess. "
                "Add the vocabulary with `pushpull rules init`.",
                style="dim",
            )
        )
        return Group(*parts)
    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column("dimension")
    table.add_column("lean", justify="right")
    table.add_column("evidence")
    table.add_column("what that pole means", style="dim", max_width=60)
    book = result.rulebook
    for dim in result.dimensions:
        spec = book.dimension(dim.id)
        pole = (
            spec.outbound
            if dim.score > 0
            else spec.inbound
            if dim.score < 0
            else ("balanced: the evidence is neutral or points both ways")
        )
        evidence = Text(", ").join(
            Text(("not " if ev.negated else "") + printable(ev.text), style=lean_style(ev.weight))
            for ev in dim.evidence
        )
        table.add_row(
            dim.name, Text(f"{dim.score:+.2f}", style=lean_style(dim.score)), evidence, pole
        )
    parts.append(table)
    halves = _combined(result)
    if halves is not None:
        parts.append(halves)
    for ev in result.evidence:
        line = Text("  ")
        line.append(printable(ev.text), style=lean_style(ev.weight))
        if ev.context:
            line.append(" (context)", style="dim")
        line.append(f": {_reason(ev.why, ev.negated, ev.tipped_by, ev.read_as)}", style="dim")
        parts.append(line)
    parts.extend(_advice(result, book))
    return Group(*parts)


def _combined(result: Result) -> Text | None:
    """For a hybrid that joins tactics leaning opposite ways, each part and its lean."""
    from rich.text import Text

    combined = result.combination()
    if not combined:
        return None
    line = Text("combines: ", style="dim")
    for n, part in enumerate(combined):
        if n:
            line.append(" + ", style="dim")
        lean = {"inbound": -1.0, "outbound": 1.0}.get(part.lean, 0.0)
        verb = "pulls" if lean < 0 else "pushes" if lean > 0 else "points nowhere"
        line.append(f"'{printable(part.text)}' {verb}", style=lean_style(lean))
    return line


def _reason(why: str, negated: bool, tipped_by: str | None, read_as: str | None) -> str:
    if read_as:
        why = f"read as '{printable(read_as)}': {why}"
    if negated:
        why = f"negated: {why}"
    if tipped_by:
        why = f"{why}; tipped by '{printable(tipped_by)}'"
    return why


def _advice(result: Result, book: Rulebook, most: int = 3) -> list[Text]:
    """For the dimensions that drove the score most, how to move the tactic the other way."""
    from rich.text import Text

    lines: list[Text] = []
    drivers = sorted(
        (
            d
            for d in result.dimensions
            if d.score and (not result.score or (d.score > 0) == (result.score > 0))
        ),
        key=lambda d: -abs(d.score) * book.dimension(d.id).weight,
    )
    for dim in drivers[:most]:
        spec = book.dimension(dim.id)
        toward, advice = (
            ("inbound", spec.advice_inbound)
            if dim.score > 0
            else ("outbound", spec.advice_outbound)
        )
        if advice:
            line = Text(f"to move {dim.name.lower()} toward {toward}: ", style="dim")
            line.append(advice)
            lines.append(line)
    return lines
