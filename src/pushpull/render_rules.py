"""Draw rulebooks, rule-test runs and corpus statistics for a person at a terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .evaluate import ACCEPTANCE, CLASSES, Evaluation
from .model import Rulebook
from .ruletest import Outcome, describe_failure


def print_rulebook(book: Rulebook, console: Console) -> None:
    """The dimensions with their poles and sources."""
    table = Table(title=f"rulebook {book.name} v{book.version}", show_lines=True)
    for column in ("dimension", "weight", "inbound pole", "outbound pole", "source"):
        table.add_column(column)
    for dim in book.dimensions:
        table.add_row(
            f"{dim.name}\n[dim]{dim.id}[/]",
            f"{dim.weight:g}",
            dim.inbound,
            dim.outbound,
            f"{dim.source.seed}\n[dim]{dim.source.passage}[/]",
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


def print_rule_tests(outcomes: list[Outcome], console: Console) -> None:
    """A pass/fail table; failures show the score and the evidence that misled them."""
    table = Table(show_edge=False)
    for column in ("", "tactic", "expected", "got", "score"):
        table.add_column(column)
    for o in outcomes:
        mark = Text("PASS", style="green") if o.passed else Text("FAIL", style="bold red")
        table.add_row(
            mark, o.example.tactic, o.example.label, o.result.label, f"{o.result.score:+.2f}"
        )
        if not o.passed:
            table.add_row("", Text(describe_failure(o), style="dim"), "", "", "")
    console.print(table)


def print_stats(data: dict[str, Any], console: Console) -> None:
    """Coverage per signal and dimension, conflicts, dead signals and missing words."""
    rows = data["rows"]
    table = Table(title=f"signals over {rows:,} rows", show_edge=False)
    for column in ("signal", "kind", "rows", "coverage", "conflicts"):
        table.add_column(
            column, justify="right" if column in ("rows", "coverage", "conflicts") else "left"
        )
    for sig in data["signals"]:
        if sig["rows"]:
            table.add_row(
                sig["id"],
                sig["kind"],
                f"{sig['rows']:,}",
                f"{sig['coverage']:.1%}",
                f"{sig['conflicts']:,}",
            )
    console.print(table)
    dims = Table(title="dimensions", show_edge=False)
    dims.add_column("dimension")
    dims.add_column("coverage", justify="right")
    for dim in data["dimensions"]:
        dims.add_row(dim["id"], f"{dim['coverage']:.1%}")
    console.print(dims)
    console.print("[dim]never fired:[/] " + (", ".join(data["never_fired"]) or "-"))
    words = ", ".join(f"{w['word']} ({w['rows']})" for w in data["unclassified_top_words"])
    console.print(
        f"[dim]{data['labels']['unclassified']:,} unclassified rows; add words like:[/] "
        f"{words or '-'}"
    )


def print_evaluation(ev: Evaluation, console: Console) -> None:
    """Accuracy, per-class precision and recall, the confusion matrix and every miss."""
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
    for exp in CLASSES:
        matrix.add_row(exp, *(str(ev.confusion[(exp, got)] or "·") for got in CLASSES))
    console.print(matrix)
    for miss in ev.misses:
        console.print(
            f"[red]miss[/] row {miss['row']}: {miss['tactic']!r} expected "
            f"{miss['expected']}, got {miss['label']} ({miss['score']:+.2f}) "
            f"[dim]{miss['evidence'] or 'no evidence'}[/]"
        )
