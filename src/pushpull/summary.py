"""Tally a scored file into its inbound/outbound mix, and what the rulebook missed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from typing import Any, TypeVar

from .labels import LABELS
from .result import Result
from .setaside import ORDER
from .textnorm import WORD

K = TypeVar("K")
N = TypeVar("N", int, float)

BINS = 10  # histogram bins across [-1, 1]
TOP = 10
MAX_GROUPS = 10_000  # distinct --by values tallied apart; later ones share one line
OTHER_GROUPS = "(other groups)"
SHOWN_GROUPS = 20  # groups on stderr; the JSON summary lists every one tallied
HOLD_LIMIT = 8_192  # results held back by ``hold`` at most: about the text memo's size
# a result's label as text, read in C
LABEL_TEXT = attrgetter("_label._value_")
_WORD_MEMORY = 50_000  # distinct unclassified words kept before pruning the rare ones
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "our",
        "with",
        "from",
        "into",
        "your",
        "you",
        "are",
        "this",
        "that",
        "new",
        "all",
        "its",
        "via",
        "per",
    ],
)


def top(counter: Counter[str], n: int = TOP) -> list[tuple[str, int]]:
    """The ``n`` commonest entries, ties broken alphabetically so output is stable."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]


def counted(n: int, what: str) -> str:
    """ "1 title line", "2 title lines": the plural names of ``tables`` made to agree."""
    return f"{n} {what[:-1] if n == 1 else what}"


def balance(labels: Counter[str] | dict[str, float]) -> str:
    """Inbound to outbound as "60:40", over rows or weight that lean one way."""
    inbound = labels.get("inbound", 0) + labels.get("leaning-inbound", 0)
    outbound = labels.get("outbound", 0) + labels.get("leaning-outbound", 0)
    if inbound + outbound <= 0:
        return "n/a"
    share = round(100 * inbound / (inbound + outbound))
    return f"{share}:{100 - share}"


def add_up(into: dict[K, N], other: dict[K, N]) -> None:
    """``other``'s numbers added to ``into``'s, key by key, in the order they came
    (weights per label, held rows per result)."""
    for key, number in other.items():
        into[key] = into.get(key, 0) + number


@dataclass
class Tally:
    """Rows and weight per label: the mix of the whole file, or of one group."""

    rows: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    weights: dict[str, float] = field(default_factory=dict)

    def merge(self, other: Tally) -> None:
        self.rows += other.rows
        self.labels.update(other.labels)
        add_up(self.weights, other.weights)

    def to_dict(self, weighted: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rows": self.rows,
            "labels": {label: self.labels[label] for label in LABELS},
            "inbound_outbound_balance": balance(self.labels),
        }
        if weighted:
            data["weight"] = round(sum(self.weights.values()), 6)
            data["weight_balance"] = balance(self.weights)
        return data


@dataclass
class Summary:
    """Running totals over a batch; memory stays flat however many rows pass.

    ``weight_column`` and ``group_column`` name the ``--weight-column`` and ``--by``
    columns when given: the mix is then also summed by weight, and kept per group.
    ``set_aside`` counts what was not a row of the table (see ``tables``).
    """

    rows: int = 0
    errors: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    histogram: list[int] = field(default_factory=lambda: [0] * BINS)
    rules: Counter[str] = field(default_factory=Counter)
    unclassified_words: Counter[str] = field(default_factory=Counter)
    weight_column: str | None = None
    group_column: str | None = None
    weights: dict[str, float] = field(default_factory=dict)  # per label; rows are counted above
    weight_blank: int = 0
    weight_unreadable: int = 0
    groups: dict[str, Tally] = field(default_factory=dict)
    set_aside: Counter[str] = field(default_factory=Counter)
    # results whose score and rules are not counted yet (``hold``): with their rows, and
    # as a part gathers them, one per row
    held: Counter[Result] = field(default_factory=Counter, repr=False, compare=False)
    holding: list[Result] = field(default_factory=list, repr=False, compare=False)

    def like(self) -> Summary:
        """An empty summary counting the same way: for one part of the same input."""
        return Summary(weight_column=self.weight_column, group_column=self.group_column)

    def add(
        self,
        result: Result,
        *,
        error: bool = False,
        weight: float | None = None,
        group: str | None = None,
    ) -> None:
        """Count one row: its result, its weight (None is a blank weight cell) and its
        ``--by`` group."""
        self.count(result, error=error)
        self.place(result.label._value_, weight, group)

    def place(self, label: str, weight: float | None, group: str | None) -> None:
        """Count one row's weight and group under its label (``place_all``)."""
        weights = None if self.weight_column is None else [weight]
        self.place_all([label], weights, None if group is None else [group])

    def place_all(
        self, labels: list[str], weights: list[float | None] | None, groups: list[str] | None
    ) -> None:
        """Count rows' weights and groups under their labels: ``weights`` (None in it
        for a blank cell) when the run has a weight column, ``groups`` with ``--by``.
        Weights add up in the order the rows came, so every job count gets the same
        sums; rows are counted per group and label in C."""
        totals = self.weights
        if weights is not None:
            self.weight_blank += weights.count(None)
            if groups is None:
                for label, weight in zip(labels, weights, strict=True):
                    if weight:
                        totals[label] = totals.get(label, 0.0) + weight
        if groups is None:
            return
        # made in the order the groups come, so the same ones pass MAX_GROUPS as row by row
        tallies = {name: self._group(name) for name in dict.fromkeys(groups)}
        for (name, label), rows in Counter(zip(groups, labels, strict=True)).items():
            tally = tallies[name]
            tally.rows += rows
            tally.labels[label] = tally.labels.get(label, 0) + rows
        if weights is not None:  # the file's sums and the group's, in one pass
            for name, label, weight in zip(groups, labels, weights, strict=True):
                if weight:
                    totals[label] = totals.get(label, 0.0) + weight
                    sums = tallies[name].weights
                    sums[label] = sums.get(label, 0.0) + weight

    def count(self, result: Result, *, error: bool = False, times: int = 1) -> None:
        """Count ``times`` rows alike by their result (their weights and groups go to
        ``place_all``); a refused one (``result.reason``) counts only as unclassified."""
        self.rows += times
        self.errors += error * times
        # counted by its text: a Label hashes through Python code, a str in C
        label = LABEL_TEXT(result)
        self.labels[label] += times
        self._beyond_label(result, label, times)

    def _beyond_label(self, result: Result, label: str, times: int) -> None:
        """What a counted result adds besides its row and label: its score and rules,
        or the words of an unclassified tactic; nothing for a refused one."""
        if result.reason is not None:
            return
        if label == "unclassified":
            words = self.unclassified_words
            for word in (m.lower() for m in WORD.findall(result.tactic)):
                if len(word) > 2 and not word.isdigit() and word not in _FUNCTION_WORDS:
                    words[word] += times
            return
        self._score_and_rules(result, times)

    def _score_and_rules(self, result: Result, times: int) -> None:
        self.histogram[min(BINS - 1, int((result.score + 1) / 2 * BINS))] += times
        rules = self.rules
        for rule in result.rules():  # not Counter.update: it checks for a Mapping per call
            rules[rule] += times

    def hold(self, alike: list[Result], *, repeating: bool) -> None:
        """Count rows with nothing to note, one result per row; while results are
        ``repeating``, a scored one's score and rules are held back, to be added up once
        for all its repeats.

        An export that repeats a few thousand names a million times meets each result
        again in every block; adding its score and rules per block cost more than the
        rest of the tally. So rows and labels are counted in C (labels by their text),
        a part keeps its scored results as a list (``holding``), and ``merge`` counts
        them into ``held`` in C too: no Python step per result or row. Held results are
        counted by ``settle``, which every reader of a merged summary gets first
        (``score_stream`` settles before it returns, pickling settles, ``merge`` settles
        past ``HOLD_LIMIT`` results and when a part comes with none held).
        """
        if not repeating:
            for result, times in Counter(alike).items():
                self.count(result, times=times)
            return
        labels = list(map(LABEL_TEXT, alike))
        self.rows += len(labels)
        self.labels.update(labels)
        if "unclassified" not in labels:
            self.holding += alike
            return
        # an unclassified tactic's words are counted now, as ever
        unclassified = compress(alike, map("unclassified".__eq__, labels))
        for result, times in Counter(unclassified).items():
            self._beyond_label(result, "unclassified", times)
        self.holding += compress(alike, map("unclassified".__ne__, labels))

    def settle(self) -> None:
        """Add up the score and rules of the held results."""
        if self.holding:
            self.held.update(self.holding)
            self.holding.clear()
        for result, times in self.held.items():
            self._score_and_rules(result, times)
        self.held.clear()

    def __getstate__(self) -> dict[str, Any]:
        """A summary crossing to another process carries counts, never results."""
        self.settle()
        return self.__dict__.copy()

    def _group(self, name: str) -> Tally:
        """The tally of group ``name``; past ``MAX_GROUPS`` groups, the shared one."""
        tally = self.groups.get(name)
        if tally is None:
            if len(self.groups) >= MAX_GROUPS:
                name = OTHER_GROUPS
            tally = self.groups.setdefault(name, Tally())
        return tally

    def merge(self, other: Summary) -> None:
        """Fold in the tally of another part of the same input."""
        add_up(self.weights, other.weights)
        self.weight_blank += other.weight_blank
        self.weight_unreadable += other.weight_unreadable
        for name, tally in other.groups.items():
            self._group(name).merge(tally)
        self.set_aside.update(other.set_aside)
        self.rows += other.rows
        self.errors += other.errors
        self.labels.update(other.labels)
        self.histogram = [a + b for a, b in zip(self.histogram, other.histogram, strict=True)]
        self.rules.update(other.rules)
        if other.held or other.holding:
            add_up(self.held, other.held)
            self.held.update(other.holding)  # counted in C: a list is no Mapping
            if len(self.held) > HOLD_LIMIT:
                self.settle()
        elif self.held:  # results stopped repeating: count the held ones and let them go
            self.settle()
        self.unclassified_words.update(other.unclassified_words)
        if len(self.unclassified_words) > _WORD_MEMORY:
            self.unclassified_words = Counter(dict(top(self.unclassified_words, _WORD_MEMORY // 2)))

    @property
    def inbound(self) -> int:
        return self.labels["inbound"] + self.labels["leaning-inbound"]

    @property
    def outbound(self) -> int:
        return self.labels["outbound"] + self.labels["leaning-outbound"]

    def balance(self) -> str:
        """Inbound to outbound as "60:40" over the rows that lean one way."""
        return balance(self.labels)

    def listed_groups(self) -> list[tuple[str, Tally]]:
        """The groups, heaviest first (by weight when weighted, else by rows)."""
        weighted = self.weight_column is not None

        def heft(item: tuple[str, Tally]) -> tuple[float, str]:
            tally = item[1]
            return (-(sum(tally.weights.values()) if weighted else tally.rows), item[0])

        return sorted(self.groups.items(), key=heft)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "errors": self.errors,
            "labels": {label: self.labels[label] for label in LABELS},
            "shares": {
                label: round(self.labels[label] / self.rows, 4) if self.rows else 0.0
                for label in LABELS
            },
            "inbound_outbound_balance": self.balance(),
            "histogram": [
                {
                    "from": round(-1 + 2 * i / BINS, 2),
                    "to": round(-1 + 2 * (i + 1) / BINS, 2),
                    "rows": n,
                }
                for i, n in enumerate(self.histogram)
            ],
            "top_rules": [{"rule": r, "rows": n} for r, n in top(self.rules)],
            "unclassified_top_words": [
                {"word": w, "rows": n} for w, n in top(self.unclassified_words)
            ],
            **self._extras(),
        }

    def _extras(self) -> dict[str, Any]:
        """The weighted mix, the groups and what was set aside, when there are any."""
        extras: dict[str, Any] = {}
        weighted = self.weight_column is not None
        if weighted:
            weights = self.weights
            extras["weight"] = {
                "column": self.weight_column,
                "total": round(sum(weights.values()), 6),
                "labels": {label: round(weights.get(label, 0.0), 6) for label in LABELS},
                "inbound_outbound_balance": balance(weights),
                "blank": self.weight_blank,
                "unreadable": self.weight_unreadable,
            }
        if self.group_column is not None:
            extras["groups"] = {
                "column": self.group_column,
                "groups": [
                    {"group": name, **tally.to_dict(weighted)}
                    for name, tally in self.listed_groups()
                ],
            }
        if self.set_aside:
            extras["set_aside"] = dict(self._set_aside_in_order())
        return extras

    def plain_lines(self) -> list[str]:
        """The summary as plain text for a log or a pipe."""
        lines = [f"rows: {self.rows}  errors: {self.errors}  inbound:outbound {self.balance()}"]
        for label in LABELS:
            n = self.labels[label]
            pct = 100 * n / self.rows if self.rows else 0.0
            lines.append(f"{label:>17} {n:>9} {pct:5.1f}%")
        if self.rules:
            lines.append("top rules: " + ", ".join(f"{r} ({n})" for r, n in top(self.rules)))
        if self.unclassified_words:
            lines.append(
                "words in unclassified rows: "
                + ", ".join(f"{w} ({n})" for w, n in top(self.unclassified_words))
            )
        return lines + self.extra_lines()

    def _set_aside_in_order(self) -> list[tuple[str, int]]:
        """What was set aside, in the order such lines come in a file."""
        rank = {what: k for k, what in enumerate(ORDER)}
        return sorted(self.set_aside.items(), key=lambda item: (rank.get(item[0], 99), item[0]))

    def extra_lines(self) -> list[str]:
        """The weighted mix, the groups and what was set aside, as plain text."""
        lines = []
        weighted = self.weight_column is not None
        if weighted:
            total = sum(self.weights.values())
            lines.append(
                f"by {self.weight_column}: inbound:outbound {balance(self.weights)} "
                f"of {total:,.2f}"
                + "".join(
                    f"; {n} {what}"
                    for n, what in (
                        (self.weight_blank, "blank"),
                        (self.weight_unreadable, "not a number (counted as 0)"),
                    )
                    if n
                )
            )
        if self.group_column is not None:
            listed = self.listed_groups()
            lines.append(f"per {self.group_column}:")
            for name, tally in listed[:SHOWN_GROUPS]:
                line = f"  {name or '(blank)'}: {counted(tally.rows, 'rows')}, "
                line += f"inbound:outbound {balance(tally.labels)}"
                if weighted:
                    weight = sum(tally.weights.values())
                    line += f", by weight {balance(tally.weights)} of {weight:,.2f}"
                lines.append(line)
            if len(listed) > SHOWN_GROUPS:
                lines.append(
                    f"  ... {len(listed) - SHOWN_GROUPS} more groups (all in --summary-json)"
                )
        if self.set_aside:
            lines.append(
                "set aside: "
                + ", ".join(counted(n, what) for what, n in self._set_aside_in_order())
                + (
                    " (total rows stay in the output, marked)"
                    if self.set_aside["total rows"]
                    else ""
                )
            )
        return lines
