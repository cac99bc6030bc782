"""Read real-world CSV exports as a stream, and write output files atomically.

Exports come with a BOM, semicolons or tabs, quoted newlines, ragged rows and the
odd invalid byte; none of these may stop a run or drop a row.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, BinaryIO, TextIO

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
    delimiter: str
    rows: Iterator[list[str]]


def open_binary(path: str, stdin: BinaryIO) -> BinaryIO:
    """The file at ``path``, or stdin for ``-``; unreadable files are user errors."""
    if path == "-":
        return stdin
    try:
        if Path(path).is_dir():
            raise InputError(f"{path} is a directory, not a CSV file")
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


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
    rows = _rows(reader)
    header = next(rows, None)
    if header is None:
        raise InputError("the CSV is empty: no header row")
    return CsvInput(header, find_column(header, column), delimiter, rows)


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


@contextmanager
def atomic_output(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """Write to ``path`` through a temporary file renamed into place only on success.

    An interrupted or failed run leaves no partial file and the old file untouched.
    ``None`` or ``-`` writes to stdout.
    """
    if path in (None, "-"):
        yield stdout
        stdout.flush()
        return
    assert path is not None
    target = Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
