"""Score a CSV stream row by row: one row in, one row out, in order, nothing dropped.

The reading process parses rows and hands them on in blocks; each block is scored,
formatted and tallied by one function, in-process or in a worker, and comes back
as pieces of finished output text, each with the tally of its rows. So the same
code serves ``--jobs 1`` and ``--jobs N``, and the parent only reads, writes and
adds up. Blocks and pieces are bounded in characters as well as rows: a row of a
10,000-character tactic weighs a thousand short ones, and its JSON evidence more.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from typing import TextIO

from . import engine
from .csvio import CsvInput, cell
from .model import Rulebook
from .output import frame_json_array
from .parallel import sized_chunks, stream_map
from .result import Result
from .summary import Summary

BLOCK_ROWS = 1_000
BLOCK_CHARS = 1_000_000  # input characters in a block handed to a worker
PIECE_CHARS = 1_000_000  # output characters in a piece sent back and written
ADDED = ("score", "label", "confidence", "evidence", "error")


@dataclass(frozen=True)
class Layout:
    """What every block needs to know to format its rows; small, so it pickles cheaply."""

    header: tuple[str, ...]
    column: int
    fmt: str
    rulebook_info_json: str
    json_keys: tuple[str, ...] = ()  # header names made unique: "tactic", "tactic.1", ...


def unique_keys(header: list[str]) -> tuple[str, ...]:
    """Header names as JSON keys, none lost: a repeat gets ".1", ".2", ... until the name is free.

    As sqlite-utils dedupes keys: every name the header spells out keeps it, so
    ``tactic,tactic,tactic.1`` gives ``tactic``, ``tactic.2``, ``tactic.1``.
    """
    taken = set(header)
    seen: set[str] = set()
    keys = []
    for name in header:
        key = name
        if name in seen:
            suffix = 1
            while f"{name}.{suffix}" in taken:
                suffix += 1
            key = f"{name}.{suffix}"
            taken.add(key)
        seen.add(name)
        keys.append(key)
    return tuple(keys)


def row_chars(row: list[str]) -> int:
    """How much a row weighs in a block: its characters (and one per field)."""
    return sum(map(len, row)) + len(row)


def added_names(header: list[str]) -> list[str]:
    """Our column names, prefixed (pushpull_, pushpull2_, ...) until none clashes."""
    taken = {h.strip().casefold() for h in header}
    prefixes = ("", "pushpull_", *(f"pushpull{n}_" for n in range(2, len(header) + 3)))
    for prefix in prefixes:
        names = [prefix + name for name in ADDED]
        if not taken.intersection(names):
            return names
    raise AssertionError("unreachable: more prefixes than header names")


def score_row(book: Rulebook, layout: Layout, row: list[str]) -> tuple[Result, str]:
    """The result for one row (unclassified with a reason when it cannot be scored)
    and any note on the row, or ''."""
    width = len(layout.header)
    result = engine.classify_or_refuse(cell(row, layout.column), book)
    notes = []
    if not row:
        notes.append("blank line")
    elif len(row) != width:
        notes.append(f"ragged row: {len(row)} fields, header has {width}")
    if result.reason is not None:
        notes.append(result.reason)
    elif any("\ufffd" in cell for cell in row):
        notes.append("invalid UTF-8 replaced with U+FFFD")
    return result, "; ".join(notes)


def score_block(
    layout: Layout, book: Rulebook, block: list[list[str]]
) -> Iterator[tuple[str, Summary]]:
    """Finished output text for a block of rows, in pieces of about ``PIECE_CHARS``,
    each with the tally of its rows.

    JSON evidence for a long tactic can be many times the row's size, so the output
    is cut by size as it grows instead of being built for the whole block.
    """
    summary = Summary()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    separator = ",\n" if layout.fmt == "json" else "\n"
    for row in block:
        result, error = score_row(book, layout, row)
        summary.add(result, error=bool(error))
        if layout.fmt == "csv":
            writer.writerow(_csv_row(layout, row, result, error))
        else:
            buffer.write(
                (separator if buffer.tell() else "") + _json_row(layout, row, result, error)
            )
        if buffer.tell() >= PIECE_CHARS:
            yield buffer.getvalue(), summary
            buffer.seek(0)
            buffer.truncate()
            summary = Summary()
    if summary.rows:
        yield buffer.getvalue(), summary


def _csv_row(layout: Layout, row: list[str], result: Result, error: str) -> list[str]:
    """The input's fields, ours after the header's width, then any extra fields."""
    width = len(layout.header)
    padded = row + [""] * (width - len(row))
    added = [f"{result.score:g}", result.label, f"{result.confidence:g}", result.brief(), error]
    return [*padded[:width], *added, *padded[width:]]


def _json_row(layout: Layout, row: list[str], result: Result, error: str) -> str:
    """The PRODUCT.md object for a row, with the input row under "input"."""
    record: dict[str, object] = dict(zip(layout.json_keys, row, strict=False))
    if len(row) > len(layout.json_keys):
        record["_extra"] = row[len(layout.header) :]
    body = result.to_dict()
    del body["rulebook"]  # the same for every row: serialised once, below
    text = json.dumps(body, ensure_ascii=False)[:-1]
    note = f', "error": {json.dumps(error, ensure_ascii=False)}' if error else ""
    return (
        f'{text}, "input": {json.dumps(record, ensure_ascii=False)}{note}, '
        f'"rulebook": {layout.rulebook_info_json}}}'
    )


def score_stream(
    source: CsvInput,
    out: TextIO,
    book: Rulebook,
    *,
    fmt: str = "csv",
    jobs: int = 1,
    write_rows: bool = True,
) -> Summary:
    """Score every row of ``source``, write it to ``out``, and return the mix."""
    layout = Layout(
        tuple(source.header),
        source.column,
        fmt,
        json.dumps(book.info()),
        unique_keys(source.header),
    )
    summary = Summary()
    blocks = sized_chunks(source.rows, BLOCK_ROWS, BLOCK_CHARS, row_chars)
    with closing(_scored(blocks, layout, book, jobs)) as scored:
        texts = _tallied(scored, summary)
        if not write_rows:
            for _ in texts:
                pass
        elif fmt == "json":
            frame_json_array(texts, out)
        else:
            if fmt == "csv":
                csv.writer(out, lineterminator="\n").writerow(
                    [*source.header, *added_names(source.header)]
                )
            suffix = "\n" if fmt == "jsonl" else ""
            for text in texts:
                out.write(text + suffix)
    return summary


def _tallied(pieces: Iterator[tuple[str, Summary]], summary: Summary) -> Iterator[str]:
    """Each piece's output text, tallying its rows into ``summary`` on the way past."""
    for text, part in pieces:
        summary.merge(part)
        if text:
            yield text


def _scored(
    blocks: Iterator[list[list[str]]], layout: Layout, book: Rulebook, jobs: int
) -> Generator[tuple[str, Summary], None, None]:
    """The pieces of every block, in order: scored here, or by ``jobs`` workers."""
    work = partial(score_block, layout)
    if jobs <= 1:
        for block in blocks:
            yield from work(book, block)
        return
    yield from stream_map(work, blocks, book, jobs)
