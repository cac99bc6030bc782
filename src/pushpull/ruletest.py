"""Run a rulebook's own examples, as ``semgrep --test`` runs a rule's annotations."""

from __future__ import annotations

from dataclasses import dataclass

from . import engine
from .model import Example, Rulebook
from .result import Result


def accepts(expected: str, actual: str) -> bool:
    """Expected inbound/outbound also accept their leaning- forms; other labels are exact."""
    return actual == expected or (
        expected in ("inbound", "outbound") and actual == f"leaning-{expected}"
    )


@dataclass(frozen=True)
class Outcome:
    """One example run: what was expected, what came out, and why it failed if it did."""

    example: Example
    result: Result
    missing: tuple[str, ...]  # signals or dimensions the example expects but did not get

    @property
    def passed(self) -> bool:
        return accepts(self.example.label, self.result.label) and not self.missing


def run_examples(book: Rulebook) -> list[Outcome]:
    """Every example of every layer, in rulebook order."""
    outcomes = []
    for example in book.examples:
        result = engine.classify(example.tactic, book)
        fired = {ev.rule for ev in result.evidence}
        touched = {dim.id for dim in result.dimensions}
        missing = tuple(f"signal {sig}" for sig in example.fires if sig not in fired) + tuple(
            f"dimension {dim}" for dim in example.dimensions if dim not in touched
        )
        outcomes.append(Outcome(example, result, missing))
    return outcomes


def describe_failure(outcome: Outcome) -> str:
    """Why an example failed, with the score and evidence that misled it."""
    res = outcome.result
    parts = [f"expected {outcome.example.label}, got {res.label} (score {res.score:+.3f})"]
    if outcome.missing:
        parts.append("missing: " + ", ".join(outcome.missing))
    parts.append("evidence: " + (res.brief() or "none"))
    return "; ".join(parts)
