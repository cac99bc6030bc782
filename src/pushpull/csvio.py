"""Read real-world CSV exports as a stream.

Exports come with a BOM, semicolons or tabs, quoted newlines, ragged rows and the
odd invalid byte; none of these may stop a run or drop a row.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError, UsageError

SNIFF_BYTES = 64 * 1024
MAX_FIELD_CHARS = 16 * 1024 * 1024
DELIMITERS = ",;\t|"

csv.field_size_limit(MAX_FIELD_CHARS)


@dataclass
class CsvInput:
    """An open CSV stream: its header, the index of the tactic column, and the rows."""

    header: list[str]
    column: int
    rows: Iterator[list[str]]


@contextmanager
def open_csv(
    path: str, stdin: BinaryIO, column: str, delimiter: str | None = None
) -> Iterator[CsvInput]:
    """The CSV at ``path`` (``-`` for stdin), open for reading rows; closed afterwards."""
    if path == "-":
        yield read_csv(stdin, column, delimiter)
        return
    if Path(path).is_dir():
        raise InputError(f"{path} is a directory, not a CSV file")
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the rows are read
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with raw:
        yield read_csv(raw, column, delimiter)


def cell(row: list[str], index: int) -> str:
    """The field at ``index``, or empty for a short (ragged) row."""
    return row[index] if index < len(row) else ""


def read_csv(raw: BinaryIO, column: str, delimiter: str | None = None) -> CsvInput:
    """Open a CSV stream, find ``column`` in its header, and stream the remaining rows.

    Bad bytes become U+FFFD (the row is still scored, and flagged); the delimiter is
    sniffed from the first 64 KiB unless given.
    """
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
    sample = text.read(SNIFF_BYTES)
    if sample and not sample.endswith("\n"):
        sample += text.readline()  # never cut a line (or a CRLF) in two
    if delimiter is None:
        delimiter = sniff_delimiter(sample)
    reader = csv.reader(chain(io.StringIO(sample, newline=""), text), delimiter=delimiter)
    if "\x00" in sample.split("\n", 1)[0]:
        raise InputError(
            "the CSV is not UTF-8 text (NUL bytes in the header: UTF-16?); save it as UTF-8"
        )
    rows = _rows(reader)
    header = next((row for row in rows if row), None)  # blank lines before it are skipped
    if header is None:
        raise InputError("the CSV is empty: no header row")
    return CsvInput(header, find_column(header, column), rows)


def _rows(reader: Any) -> Iterator[list[str]]:
    """Rows as lists; a row the csv module cannot parse stops with a clear error."""
    try:
        yield from reader
    except csv.Error as exc:
        raise InputError(f"CSV line {reader.line_num}: {exc}") from None


def sniff_delimiter(sample: str) -> str:
    """The delimiter of the header line: the candidate it holds most of, comma if none.

    The header is the one line every export has and it rarely holds quotes, so this
    is steadier than ``csv.Sniffer``, which gives up when one early row is ragged.
    """
    header = sample.splitlines()[0] if sample else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def find_column(header: list[str], wanted: str) -> int:
    """The index of ``wanted`` (exact, then ignoring case and spaces), or a helpful error."""
    if wanted in header:
        return header.index(wanted)
    folded = [h.strip().casefold() for h in header]
    if wanted.strip().casefold() in folded:
        return folded.index(wanted.strip().casefold())
    close = difflib.get_close_matches(wanted, header, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    names = ", ".join(repr(h) for h in header[:20]) + (" ..." if len(header) > 20 else "")
    raise UsageError(f"no column {wanted!r} in the CSV{hint} (columns: {names})")
