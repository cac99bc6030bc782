"""Read real-world CSV exports as a stream.

Exports come with a BOM, semicolons or tabs, quoted newlines, ragged rows and the
odd invalid byte; none of these may stop a run or drop a row.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError, LineError, UsageError
from .layouts import Layout, chosen_layouts, table_rules
from .result import PART_MARK
from .shares import Share, Shares, read_blocks, rows_per_read
from .tables import body, find_header, is_blank, preamble_kind
from .textfile import BAD, Encoding, bad_bytes, open_text, replace_bad

SNIFF_BYTES = 64 * 1024
MAX_FIELD_CHARS = 16 * 1024 * 1024
DELIMITERS = ",;\t|"
DEFAULT_COLUMN = "tactic"
HEAD_RECORDS = 100  # lines read ahead to find the header in
_DELIMITERS = {
    ",": "comma-separated",
    ";": "semicolon-separated",
    "\t": "tab-separated",
    "|": "pipe-separated",
}

csv.field_size_limit(MAX_FIELD_CHARS)


_LINE_BREAK = re.compile(r"\r\n?|\n")  # as the csv module ends a line


@dataclass(frozen=True)
class Dialect:
    """How the file was written, so output written back in kind opens the same way."""

    delimiter: str
    newline: str  # "\r\n", "\n" or "\r": the first line break of the file
    encoding: Encoding


@dataclass(frozen=True)
class ReadOptions:
    """What the user said about reading the file; None means "find it out"."""

    delimiter: str | None = None
    encoding: str | None = None
    errors: str = "strict"  # or "replace": bad bytes become U+FFFD and the row is flagged
    layout: str | None = None  # a layout's name or file, "none", or None to recognise
    header_row: int | None = None  # 1-based line of the header
    skip_rows: int | None = None  # lines before the header


@dataclass
class CsvInput:
    """An open CSV stream: its header, the columns read as the tactic, and the rows.

    ``set_aside`` counts the lines that are not rows (title, comment, blank lines
    above the header; a footer below): complete once the rows are exhausted.
    A CSV file can also be read as ``shares`` of its text, each parsed and checked
    (``check``) by whoever scores it, a footer left to the reader: read the rows
    either way, not both.
    """

    header: list[str]
    columns: tuple[int, ...]
    blocks: Iterator[list[list[str]]]  # the rows, a block (never empty) at a time
    dialect: Dialect
    set_aside: Counter[str] = field(default_factory=Counter)
    layout: Layout | None = None
    shares: Callable[[], Shares] | None = None
    check: RowCheck | None = None
    _rows: Iterator[list[str]] | None = field(default=None, init=False, repr=False)

    @property
    def rows(self) -> Iterator[list[str]]:
        """The rows one at a time, for a reader with no use for blocks: read either
        these or ``blocks``, not both."""
        if self._rows is None:
            self._rows = chain.from_iterable(self.blocks)
        return self._rows

    @property
    def column(self) -> int:
        """The first column read: the one a single-column command reads."""
        return self.columns[0]

    def tactic(self, row: list[str]) -> str:
        """The tactic of a row: its cells read together (see ``read_together``)."""
        return read_together(row, self.columns)

    def find(self, name: str) -> int:
        """The index of another column the command needs (label, weight, group)."""
        return find_column(self.header, name)

    def read_names(self) -> list[str]:
        return [self.header[i] for i in self.columns]

    def describe(self, context: str | None) -> str:
        """What stderr says about how the file is read, when it is more than a plain
        UTF-8 CSV with a tactic column: '' otherwise."""
        read = " + ".join(repr(name) for name in self.read_names())
        delimiter = self.dialect.delimiter
        how = f"{self.dialect.encoding.describe()}, {_DELIMITERS.get(delimiter, repr(delimiter))}"
        if self.layout is not None:
            with_context = f", context {context!r}" if context else ""
            return f"read as {self.layout.name} ({self.layout.title}): {read}{with_context}; {how}"
        if self.dialect.encoding.name != "utf-8" or len(self.columns) > 1:
            return f"reading {read}; {how}"
        return ""

    def facts(self, context: str | None) -> dict[str, Any]:
        """How the file was read, for the JSON summary and the report."""
        return {
            "layout": None if self.layout is None else self.layout.name,
            "input": {
                "columns": self.read_names(),
                "context": context,
                "encoding": self.dialect.encoding.describe(),
                "delimiter": self.dialect.delimiter,
            },
        }


@contextmanager
def open_csv(
    path: str, stdin: BinaryIO, columns: Sequence[str] = (), options: ReadOptions | None = None
) -> Iterator[CsvInput]:
    """The CSV at ``path`` (``-`` for stdin), open for reading rows; closed afterwards.

    ``columns`` are the ones the user named; none means the layout's, or "tactic".
    """
    options = options or ReadOptions()
    if path.lower().endswith(".parquet"):
        from .parquetio import read_parquet

        yield read_parquet(path, columns, options)
        return
    if path == "-":
        yield read_csv(stdin, columns, options)
        return
    if Path(path).is_dir():
        raise InputError(f"{path} is a directory, not a CSV file")
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the rows are read
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with raw:
        yield read_csv(raw, columns, options)


def cell(row: list[str], index: int) -> str:
    """The field at ``index``, or empty for a short (ragged) row."""
    return row[index] if index < len(row) else ""


def cells(rows: list[list[str]], index: int) -> list[str]:
    """``cell`` of each row: a column of many rows at once, with no call per row (and
    no step in Python per row when none is short)."""
    if rows and min(map(len, rows)) > index:
        return list(map(itemgetter(index), rows))
    return [row[index] if index < len(row) else "" for row in rows]


def read_together(row: list[str], columns: tuple[int, ...]) -> str:
    """The cells of ``columns`` as one tactic, in order, the empty ones left out.

    They are joined by the mark that ends a part, so negation and modifiers stay
    inside the cell they were written in.
    """
    if len(columns) == 1:  # as ``cell`` reads it, without a call: this runs per row
        at = columns[0]
        return row[at] if at < len(row) else ""
    return PART_MARK.join(text for text in (cell(row, i) for i in columns) if text.strip())


def first_line(text: str) -> tuple[str, str]:
    """The first record's text and the break that ends it: CRLF, LF or a lone CR (a
    Mac's "CSV (Macintosh)"); LF for a text of one record. A break inside a quoted
    header cell ("Spend\\n(USD)") is part of the cell, not the file's line end; with a
    quote that never closes, the first break is taken."""
    quotes = at = 0
    first = None
    for brk in _LINE_BREAK.finditer(text):
        quotes += text.count('"', at, brk.start())
        at = brk.start()
        if quotes % 2 == 0:
            return text[:at], brk.group()
        first = first or brk
    if first is None:
        return text, "\n"
    return text[: first.start()], first.group()


def read_csv(
    raw: BinaryIO, columns: Sequence[str] = (), options: ReadOptions | None = None
) -> CsvInput:
    """Open a CSV stream, find its table and the columns to read, and stream the rows.

    The delimiter is sniffed from the first 64 KiB unless given; the header is found
    as ``tables.find_header`` says, or where ``header_row`` / ``skip_rows`` put it.
    """
    options = options or ReadOptions()
    columns = (columns,) if isinstance(columns, str) else tuple(columns)
    text, encoding = open_text(raw, options.encoding)
    sample = text.read(SNIFF_BYTES)
    if sample and not sample.endswith("\n"):
        sample += text.readline()  # never cut a line (or a CRLF) in two
    opening_line, newline = first_line(sample)
    if "\x00" in opening_line:
        raise InputError(
            "the CSV holds NUL bytes (UTF-16 without a BOM?); name its encoding with "
            "--encoding utf-16-le, or save it as UTF-8"
        )
    delimiter = options.delimiter or sniff_delimiter(sample)
    opening = io.StringIO(sample, newline="")
    reader = csv.reader(chain(opening, text), delimiter=delimiter)
    rules = table_rules()
    head, lines, failed = _head(_rows(reader), reader, options)
    layouts = chosen_layouts(options.layout)
    if options.header_row is not None or options.skip_rows is not None:
        at = len(head) - 1 if head else -1
        layout = next((lay for lay in layouts if head and lay.fits(head[-1])), None)
    else:
        at, layout = find_header(
            head, rules, wanted=columns, layouts=layouts, default=DEFAULT_COLUMN
        )
    if at < 0:
        raise InputError("the CSV is empty: no header row")
    require_fit(options, layouts, layout)
    # the header and the lines above it are checked first, by field number: a bad byte
    # in the header is no column name to give, and with ``replace`` it is replaced there too
    replace = options.errors == "replace"
    check = RowCheck(replace, encoding.describe(), ())
    head[: at + 1] = [
        check(record, line) for record, line in zip(head[: at + 1], lines, strict=False)
    ]
    header = head[at]
    check = RowCheck(replace, encoding.describe(), tuple(header))
    set_aside: Counter[str] = Counter(preamble_kind(r, rules) for r in head[:at])
    picked = pick_columns(header, columns, layout)
    first = rows_per_read(len(sample), sample.count("\n"))
    ahead = head[at + 1 :]
    read = read_blocks(reader, 0, lines[at], ahead, failed, first)

    def shares() -> Shares:
        ahead_share = Share(rows=ahead, line=lines[at], error=failed)
        return Shares.cut(ahead_share, opening.read(), text, reader.line_num, delimiter)

    return CsvInput(
        header,
        picked,
        body(_blocks(read, check), len(header), rules, set_aside),
        Dialect(delimiter, newline, encoding),
        set_aside,
        layout,
        shares,
        check,
    )


def require_fit(options: ReadOptions, layouts: Sequence[Layout], layout: Layout | None) -> None:
    """A layout the user forced (``--layout NAME`` or a file) must fit the header."""
    if options.layout is not None and layouts and layout is None:
        needed = " + ".join(layouts[0].header or layouts[0].header_any)
        raise UsageError(f"--layout {options.layout}: no header line holds {needed}")


def pick_columns(
    header: list[str], columns: Sequence[str], layout: Layout | None
) -> tuple[int, ...]:
    """The columns read as the tactic: the user's, else the layout's, else ``tactic``."""
    names = list(columns) or (layout.present(header) if layout else []) or [DEFAULT_COLUMN]
    return tuple(find_column(header, name) for name in names)


def _head(
    records: Iterator[list[str]], reader: Any, options: ReadOptions
) -> tuple[list[list[str]], list[int], InputError | None]:
    """The lines the header is looked for in, with their line numbers.

    With ``header_row`` or ``skip_rows`` the header is the last of them; otherwise
    the first ``HEAD_RECORDS`` lines. Also returns the error of a line among them
    that could not be read: raised in its turn, after the rows before it.
    """
    head: list[list[str]] = []
    lines: list[int] = []
    if options.header_row is not None:
        wanted = options.header_row
    elif options.skip_rows is not None:
        wanted = options.skip_rows + 1
    else:
        wanted = HEAD_RECORDS
    failed = None
    try:
        for record in records:
            head.append(record)
            lines.append(reader.line_num)
            if len(head) == wanted:
                break
    except InputError as error:  # a line past the header: its rows come first, then this
        if not head:
            raise
        failed = error
        records = iter(())
    if options.skip_rows is not None:  # the header is the first line after them that has cells
        while head and is_blank(head[-1]) and len(head) == wanted:
            more = next(records, None)
            if more is None:
                break
            head.append(more)
            lines.append(reader.line_num)
            wanted += 1
    elif options.header_row is not None and len(head) < wanted:
        raise UsageError(f"--header-row {wanted}: the file has only {len(head)} lines")
    return head, lines, failed


def _blocks(shares: Iterable[Share], check: RowCheck) -> Iterator[list[list[str]]]:
    """The rows of each share, checked, and after them the share's error or the check's."""
    for share in shares:
        rows, error = checked(share.rows or [], check, share.line)
        if rows:
            yield rows
        failed = error or share.error
        if failed is not None:
            raise failed


def _line_ends(block: Iterable[list[str]], before: int) -> Iterator[int]:
    """The line each row of ``block`` ends on, the one before it having ended on
    ``before``: a quoted field holds one more line per line break in it."""
    for row in block:
        before += 1 + sum(f.count("\n") + f.count("\r") - f.count("\r\n") for f in row)
        yield before


def checked(
    rows: list[list[str]], check: RowCheck, before: int
) -> tuple[list[list[str]], InputError | None]:
    """``rows`` as ``check`` passes them (the line before the first is ``before``), and
    its error if it refuses one: then the rows before that one.

    One search over the rows' text finds whether any holds an undecodable byte, so a
    row costs no Python call on the way.
    """
    text = "".join(map("".join, rows))
    if text.isascii() or not BAD.search(text):
        return rows, None
    passed: list[list[str]] = []
    try:
        for row, line in zip(rows, _line_ends(rows, before), strict=True):
            passed.append(check(row, line))
    except InputError as error:
        return passed, error
    return passed, None


@dataclass(frozen=True)
class RowCheck:
    """Passes each row on, after looking for bytes the encoding could not read: an
    error naming the line it ends on and the column, or (``replace``) U+FFFD.

    A value, not a closure, so a worker started by spawn receives it whole.
    """

    replace: bool
    encoding: str  # as a user names it: "UTF-8", "cp1252"
    header: tuple[str, ...]

    def __call__(self, row: list[str], line: int) -> list[str]:
        if all(map(str.isascii, row)) or not any(BAD.search(c) for c in row):
            return row
        if self.replace:
            return [replace_bad(c) for c in row]
        k = next(k for k, c in enumerate(row) if BAD.search(c))
        where = f"column {self.header[k]!r}" if k < len(self.header) else f"field {k + 1}"
        raise LineError(
            "line ",
            line,
            f", {where}: bytes {bad_bytes(row[k])} are not valid {self.encoding}; name "
            "the encoding with --encoding (Excel on Windows writes cp1252), or keep going "
            "with --encoding-errors replace",
        )


def _rows(reader: Any) -> Iterator[list[str]]:
    """Rows as lists; a row the csv module cannot parse stops with a clear error."""
    try:
        yield from reader
    except csv.Error as exc:
        raise LineError("CSV line ", reader.line_num, f": {exc}") from None


def sniff_delimiter(sample: str) -> str:
    """The delimiter the lines of ``sample`` agree on, comma if none.

    Each candidate splits the lines (comments and blank lines aside); the one that
    gives the most lines of the same width of two or more wins, the wider on a tie.
    Title lines above a header are one cell whatever the delimiter, so they do not
    vote; this is steadier than ``csv.Sniffer``, which gives up on a ragged row.
    """
    lines = [
        line
        for line in sample.splitlines()[:HEAD_RECORDS]
        if line.strip() and not line.lstrip().startswith("#") and len(line) < SNIFF_BYTES
    ]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = Counter(len(r) for r in csv.reader(lines, delimiter=delimiter) if len(r) > 1)
        if widths:
            width, agree = max(widths.items(), key=lambda item: (item[1], item[0]))
            if (agree, width) > best_score:
                best, best_score = delimiter, (agree, width)
    return best


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
