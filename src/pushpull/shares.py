"""Cut a CSV's text into shares at record boundaries, so whoever scores a share parses it.

A worker that parses its own share spares the reading process the parse and the
pickling of every field (issue 11). A line end ends a record unless it is inside a
quoted field, and in a CSV written by the rules a line end is inside one exactly
when an odd number of quote characters came before it since the last cut: that
count, made in C, places the cuts. A quote inside an unquoted field (``5" screen``)
breaks the count, so a cut is only trusted once the share's own parse confirms it:
the share is read with a sentinel line after it, which comes back as a row of its
own only if the share ended between records. When one did not, the reading process
takes over from that share's start and parses the rest of the file itself, as the
whole file was read before. A run of ``CARRY_LIMIT`` characters with no cut to trust
goes out as one share all the same, cut at its last line end: its parse says whether
that was a record's end, and until the shares before it are confirmed, its text is
kept with them, ready to be read again.
"""

from __future__ import annotations

import csv
import io
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TextIO

from .errors import InputError, LineError

SHARE_CHARS = 16 * 1024  # text read for one share (larger shares made workers' peak memory grow)
CARRY_LIMIT = 1024 * 1024  # text with no trusted cut, at most, before it goes out untrusted
# rows come in blocks, read by the csv module many at a time: at most READ_ROWS rows,
# and as many as the rows read so far say make about READ_CHARS characters
READ_ROWS = 1_000
READ_CHARS = 1_000_000
_SENTINEL = "\uffff"  # a noncharacter: a line of it is a row of its own between records
_SENTINEL_LINE = (_SENTINEL + "\n",)
_OTHER_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where only str.splitlines breaks


@dataclass(frozen=True)
class Share:
    """Consecutive records of a CSV: as text to parse, or as rows already read.

    ``error`` (a line that cannot be read) comes after the rows, as it did in the file.
    """

    text: str = ""  # from a record boundary up to another (or to the file's end: ``last``)
    rows: list[list[str]] | None = None
    line: int = 0  # the lines before the rows (text counts its lines from its own start)
    last: bool = False
    error: InputError | None = None


def count_lines(text: str) -> int:
    """The lines in ``text`` as the csv module counts them: CR, LF and CRLF each end one."""
    ends = text.count("\n")
    if "\r" in text:
        ends += text.count("\r") - text.count("\r\n")
    return ends


def split_lines(text: str) -> Iterable[str]:
    """The lines of ``text`` as a file opened with ``newline=""`` gives them, ends kept:
    ``str.splitlines`` where it splits the same (it also breaks at form feeds and the
    like), at a fraction of a ``StringIO``'s cost."""
    if any(brk in text for brk in _OTHER_BREAKS):
        return io.StringIO(text, newline="")
    return text.splitlines(keepends=True)


def rows_per_read(chars: int, rows: int) -> int:
    """How many rows of the size these ``rows`` of ``chars`` characters had make a read."""
    return max(1, min(READ_ROWS, READ_CHARS * rows // max(chars, 1)))


def parse_share(
    share: Share, delimiter: str
) -> tuple[list[list[str]] | None, InputError | None, int]:
    """The rows of a share, the error that ended them early if any, and the lines its
    text held; None for the rows when the text did not end between records (its cut
    was wrong). Lines are counted here, by the parse, not by the reader of the file."""
    if share.rows is not None:
        return share.rows, share.error, 0
    lines = split_lines(share.text)
    if not share.last:  # the text ends with a line end: the sentinel is a line of its own
        lines = chain(lines, _SENTINEL_LINE)
    reader = csv.reader(lines, delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:
        if reader.line_num > count_lines(share.text):  # the sentinel went into an open quote
            return None, None, 0
        return rows, LineError("CSV line ", reader.line_num, f": {exc}"), 0
    if share.last:
        return rows, None, reader.line_num
    if not rows or rows[-1] != [_SENTINEL]:
        return None, None, 0
    rows.pop()
    return rows, None, reader.line_num - 1


def read_blocks(
    reader: Any,
    line: int,
    before: int,
    block: list[list[str]],
    failed: InputError | None,
    step: int,
) -> Iterator[Share]:
    """The rows of ``reader`` as shares of rows, after ``block`` (rows already read,
    which the first read tops up to ``step``, the line before them ``before``) and
    ``failed`` (an error already met).

    The csv module reads each block into a list in C (``list.extend`` keeps the rows
    read before a line it cannot parse); the next read takes as many rows as the
    last one's size says make ``READ_CHARS``. ``line`` is the lines before the
    reader's first.
    """
    while True:
        if failed is None:
            try:
                block.extend(islice(reader, max(step - len(block), 0)))
            except csv.Error as exc:
                failed = LineError("CSV line ", line + reader.line_num, f": {exc}")
        if block or failed is not None:
            yield Share(rows=block, line=before, error=failed)
        if failed is not None or not block:
            return
        step = rows_per_read(sum(map(len, map("".join, block))), len(block))
        block = []
        before = line + reader.line_num


def record_end(text: str, start: int) -> int:
    """Where the last record of ``text`` that ends at or after ``start`` ends, as the
    quote count places it (just after a line end); 0 when none does."""
    end = text.rfind("\n") + 1
    quotes = text.count('"', 0, end)
    while quotes % 2 and end > start:
        before = text.rfind("\n", 0, end - 1) + 1
        quotes -= text.count('"', before, end)
        end = before
    return end if end > start else 0


class Shares:
    """The shares of a CSV after its header, cut from its text as it is read.

    The reader of the shares says how each ended, oldest first: ``confirm`` when it
    ended between records (with the lines its text held), ``reread`` when it did not;
    the shares after it are then the rest of the file parsed here, from that share's
    start. An error in a share's text counts its line from the share's start:
    ``placed`` counts it from the file's.
    """

    def __init__(
        self, source: Iterable[Share], text: TextIO | None = None, delimiter: str = ","
    ) -> None:
        """Shares from ``source``; those past a wrong cut are parsed from ``text``."""
        self._text = text
        self._delimiter = delimiter
        self._carry = ""  # text read, not yet given out
        self._line = 0  # the lines before the oldest share given out and not confirmed
        self._open: deque[Share] = deque()  # given out, not yet confirmed
        self._source = iter(source)

    @classmethod
    def cut(cls, first: Share, opening: str, text: TextIO, line: int, delimiter: str) -> Shares:
        """``first``, then shares cut from ``opening`` (read ahead, from a record
        boundary on) and the rest of ``text``, whose next line is line ``line + 1``."""
        shares = cls((), text, delimiter)
        shares._carry = opening
        shares._line = line
        shares._source = shares._cut(first, text)
        return shares

    def __iter__(self) -> Iterator[Share]:
        return self

    def __next__(self) -> Share:
        share = next(self._source)
        self._open.append(share)
        return share

    def confirm(self, lines: int) -> None:
        self._open.popleft()
        self._line += lines

    def reread(self) -> None:
        text = "".join(share.text for share in self._open) + self._carry
        self._open.clear()
        self._source = self._parsed(text, self._line)

    def placed(self, error: LineError) -> LineError:
        """``error``, met in the oldest share not confirmed, on its line of the file."""
        return error.moved(self._line) if self._open and self._open[0].rows is None else error

    def _cut(self, first: Share, source: TextIO) -> Iterator[Share]:
        yield first
        if first.error is not None:
            return
        searched = 0  # the carry holds no trusted cut up to here
        while True:
            more = source.read(SHARE_CHARS)
            if more and not more.endswith("\n"):  # end at a line end, where a cut may fall
                more += source.readline()
            if not more:
                if self._carry:
                    carry, self._carry = self._carry, ""
                    yield Share(carry, last=True)
                return
            text = self._carry + more
            end = record_end(text, searched)
            if not end and len(text) <= CARRY_LIMIT:
                self._carry, searched = text, len(text)
                continue
            if not end:  # no cut to trust: its own parse says whether the text ends a record
                end = len(text)
            share, self._carry = text[:end], text[end:]
            searched = len(self._carry)
            yield Share(share)

    def _parsed(self, text: str, line: int) -> Iterator[Share]:
        """The rest of the file from ``text`` on, parsed here into shares of rows."""
        self._carry = ""
        assert self._text is not None, "only shares cut from text can be wrong"
        if text and not text.endswith("\n"):  # one line must not be read as two
            text += self._text.readline()
        reader = csv.reader(
            chain(io.StringIO(text, newline=""), self._text), delimiter=self._delimiter
        )
        return read_blocks(reader, line, line, [], None, READ_ROWS)
