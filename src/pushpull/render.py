"""Draw results for a person at a terminal. Imports Rich, so only the terminal path loads it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .labels import LABELS
from .model import Rulebook
from .result import Result
from .summary import Summary, top

BAR_WIDTH = 31
BRIEF_BAR_WIDTH = 15
_LABEL_STYLE = {
    "inbound": "bold green",
    "leaning-inbound": "green",
    "hybrid": "bold yellow",
    "leaning-outbound": "red",
    "outbound": "bold red",
    "unclassified": "dim",
}


def _lean_style(value: float) -> str:
    return "red" if value > 0 else "green" if value < 0 else "yellow"


def spectrum(score: float, *, width: int = BAR_WIDTH) -> Text:
    """``inbound ◀──●──▶ outbound`` with the dot where the score falls."""
    pos = round((score + 1) / 2 * (width - 1))
    line = Text("inbound ◀", style="green")
    line.append("─" * pos)
    line.append("●", style="bold")
    line.append("─" * (width - 1 - pos))
    line.append("▶ outbound", style="red")
    return line


def highlighted(result: Result) -> Text:
    """The tactic with each phrase that counted coloured by the way it pulled."""
    text = Text(result.tactic, style="bold")
    for ev in result.evidence:
        text.stylize(f"underline {_lean_style(ev.weight)}", ev.start, ev.end)
    return text


def headline(result: Result, *, width: int = BAR_WIDTH) -> Text:
    """Score, label and confidence on one line."""
    line = spectrum(result.score, width=width)
    line.append(f"  {result.score:+.2f} ")
    line.append(result.label, style=_LABEL_STYLE[result.label])
    line.append(f"  confidence {result.confidence:.0%}", style="dim")
    return line


def explain(result: Result) -> Group:
    """The full explanation: highlighted tactic, spectrum, dimensions, advice."""
    parts: list[Any] = [highlighted(result), headline(result)]
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
            Text(("not " if ev.negated else "") + ev.text, style=_lean_style(ev.weight))
            for ev in dim.evidence
        )
        table.add_row(
            dim.name, Text(f"{dim.score:+.2f}", style=_lean_style(dim.score)), evidence, pole
        )
    parts.append(table)
    for ev in result.evidence:
        line = Text("  ")
        line.append(ev.text, style=_lean_style(ev.weight))
        line.append(f": {_reason(ev.why, ev.negated, ev.tipped_by)}", style="dim")
        parts.append(line)
    parts.extend(_advice(result, book))
    return Group(*parts)


def _reason(why: str, negated: bool, tipped_by: str | None) -> str:
    if negated:
        why = f"negated: {why}"
    if tipped_by:
        why = f"{why}; tipped by '{tipped_by}'"
    return why


def _advice(result: Result, book: Rulebook, most: int = 3) -> list[Text]:
    """For the dimensions that drove the score most, how to move the tactic the other way."""
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


def print_explanations(results: list[Result], console: Console, *, brief: bool) -> None:
    """Every result, either one line each or a panel each."""
    for result in results:
        if brief:
            line = headline(result, width=BRIEF_BAR_WIDTH)
            line.append("  ")
            line.append_text(highlighted(result))
            console.print(line, no_wrap=True, overflow="ellipsis")
        else:
            console.print(Panel(explain(result), expand=False, border_style="dim"))


def print_summary(summary: Summary, console: Console) -> None:
    """The mix of a scored file: labels, balance, histogram, busiest rules, missed words."""
    table = Table(
        title=f"{summary.rows:,} rows  ·  inbound:outbound {summary.balance()}", show_edge=False
    )
    table.add_column("label")
    table.add_column("rows", justify="right")
    table.add_column("share", justify="right")
    table.add_column("")
    for label in LABELS:
        n = summary.labels[label]
        share = n / summary.rows if summary.rows else 0.0
        table.add_row(
            Text(label, style=_LABEL_STYLE[label]),
            f"{n:,}",
            f"{share:.1%}",
            Text("█" * round(share * 30), style=_LABEL_STYLE[label]),
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
        words = ", ".join(w for w, _ in top(summary.unclassified_words))
        console.print(
            f"[dim]{unclassified:,} unclassified rows; their commonest words:[/] {words or '-'}"
        )
    if summary.errors:
        console.print(f"[yellow]{summary.errors:,} rows carry an error note[/]")


def with_progress(rows: Iterator[list[str]], console: Console) -> Iterator[list[str]]:
    """Pass rows through while a transient line shows how many, and how fast."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed:,.0f} rows"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("scoring", rate="")
        for number, row in enumerate(rows, start=1):
            if number % 1000 == 0:
                rate = number / max(time.perf_counter() - started, 1e-9)
                progress.update(task, completed=number, rate=f"{rate:,.0f} rows/s")
            yield row
