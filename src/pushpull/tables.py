"""Find the table inside an export: where its header is, and what around it is not a row.

Exports put title and date-range lines, ``#`` comments and blank lines above the
header, total rows inside the table and copyright lines below it. Each is told by
a rule a user can read (``rules/table.yaml``, the layouts) and is counted, never
dropped without a word: lines set aside are tallied for stderr, and total rows go
on through the table, to be marked in the output and left out of the mix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise

from .layouts import Layout, TableRules, folded
from .setaside import BLANK, COMMENT, FOOTER, TITLE

MAX_PENDING = 1_000  # one-cell lines held back as a possible footer, at most


def is_blank(record: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in record)


def preamble_kind(record: Sequence[str], rules: TableRules) -> str:
    """What a line above the header is: blank, a comment, or a title line."""
    if is_blank(record):
        return BLANK
    return COMMENT if record[0].lstrip().startswith(rules.comment) else TITLE


def is_held(row: list[str], width: int) -> bool:
    """Whether a line of a table ``width`` wide might be a footer: shorter than the
    header, with at most one cell filled. Such lines are held back until a row of the
    table comes after them."""
    return len(row) < width and sum(1 for c in row if c.strip()) <= 1


def first_cell(record: Sequence[str]) -> str:
    """The first non-empty cell, stripped: what total and footer rules look at."""
    for found in record:
        found = found.strip()
        if found:
            return found
    return ""


def find_header(
    records: Sequence[Sequence[str]],
    rules: TableRules,
    *,
    wanted: Sequence[str],
    layouts: Sequence[Layout],
    default: str,
) -> tuple[int, Layout | None]:
    """The index of the header among the first ``records``, and the layout it fits.

    In order: the first line naming every column the user asked for; else the first
    a known layout fits; else the first naming the ``default`` column; else the
    first line of two or more cells as wide as the line after it (a title line is
    one cell, a table's lines agree); else the first line that is neither blank nor
    a comment. Returns -1 when there is no such line.
    """
    candidates = [i for i, r in enumerate(records) if preamble_kind(r, rules) == TITLE]
    if not candidates:
        return -1, None

    def fitting(i: int) -> Layout | None:
        return next((lay for lay in layouts if lay.fits(records[i])), None)

    def naming(names: Sequence[str]) -> int | None:
        folded_names = [folded(n) for n in names]
        for i in candidates:
            held = {folded(cell) for cell in records[i]}
            if all(n in held for n in folded_names):
                return i
        return None

    at = naming(wanted) if wanted else None
    if at is not None:
        return at, fitting(at)
    for i in candidates:
        layout = fitting(i)
        if layout is not None:
            return i, layout
    at = None if wanted else naming([default])
    if at is not None:
        return at, None
    for i, j in pairwise([*candidates, len(records)]):
        width = len(records[i])
        if width >= 2 and (j == len(records) or len(records[j]) == width):
            return i, None
    return candidates[0], None


def body(
    blocks: Iterator[list[list[str]]], width: int, rules: TableRules, set_aside: Counter[str]
) -> Iterator[list[list[str]]]:
    """The rows of the table, block by block, with a footer at the end set aside and counted.

    Lines of at most one cell are held back while they might be a footer; a row of
    the table after them puts them back where they were. At the end, from the first
    footer line on (and the blank lines just before it), they are set aside. A table
    of one column has no footer: every line of it is a row. A block with no line
    shorter than the header (nearly all) passes whole, after one test in C.
    """
    if width < 2:
        yield from blocks
        return
    pending: list[list[str]] = []
    for block in blocks:
        if min(map(len, block)) >= width:
            if pending:
                block = pending + block
                pending = []
            yield block
            continue
        out: list[list[str]] = []
        for row in block:
            if is_held(row, width):
                pending.append(row)
                if len(pending) >= MAX_PENDING:  # too long for a footer: rows, as read
                    out += pending
                    pending = []
                continue
            if pending:
                out += pending
                pending = []
            out.append(row)
        if out:
            yield out
    rest = footer_set_aside(pending, rules, set_aside)
    if rest:
        yield rest


def footer_set_aside(
    pending: list[list[str]], rules: TableRules, set_aside: Counter[str]
) -> list[list[str]]:
    """The held-back lines at the end that are rows, up to the footer; the rest counted."""
    start = next((k for k, row in enumerate(pending) if rules.footer.search(first_cell(row))), None)
    if start is None:
        return pending
    while start and is_blank(pending[start - 1]):
        start -= 1
    for row in pending[start:]:
        set_aside[BLANK if is_blank(row) else FOOTER] += 1
    return pending[:start]
