"""One CSV row as text, exactly as ``csv.writer`` writes it, cheaply when it can be.

Batch writes a million rows: the writer looks at every character of every field,
while most fields of an export hold no quote, line break or delimiter, which three
searches in C can show. Kept apart from ``csvio`` (and free of imports) because a
result builds its batch row end here, on the path of every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def joined(fields: Sequence[str], delimiter: str) -> str | None:
    """The fields as ``csv.writer`` writes them (without the line end) when none holds
    a quote or a line break, else None: then only the writer knows. A field holding
    the delimiter ("12,000", "Doe, Jane") is quoted as the writer quotes it. Byte for
    byte the writer's text (a property test holds it so)."""
    line = delimiter.join(fields)
    if (
        line.count(delimiter) == len(fields) - 1
        and line
        and '"' not in line
        and "\n" not in line
        and "\r" not in line
    ):
        return line
    return _quoted(fields, line, delimiter)


def joined_rows(rows: Sequence[Sequence[str]], delimiter: str) -> list[str | None]:
    """``joined`` for each of many rows: the rows are joined in C, and a row that needs
    no quoting (nearly all) costs no call of its own (``joined``'s test, written out)."""
    return [
        line
        if line.count(delimiter) == len(row) - 1
        and line
        and '"' not in line
        and "\n" not in line
        and "\r" not in line
        else _quoted(row, line, delimiter)
        for row, line in zip(rows, map(delimiter.join, rows), strict=True)
    ]


def _quoted(fields: Sequence[str], line: str, delimiter: str) -> str | None:
    """``joined`` for a row whose ``line`` is not its text as it stands."""
    if '"' in line or "\n" in line or "\r" in line or not line:
        return None  # "not line": a row of one empty field is written as ""
    return delimiter.join([f'"{field}"' if delimiter in field else field for field in fields])


def csv_line(fields: Sequence[str], delimiter: str, newline: str) -> str:
    """One row as ``csv.writer`` writes it in this dialect, its line end included."""
    line = joined(fields, delimiter)
    return (quoted_line(fields, delimiter) if line is None else line) + newline


def quoted_line(fields: Sequence[str], delimiter: str) -> str:
    """The fields as ``csv.writer`` quotes them, without the line end, a field that
    holds a CR or an LF quoted whatever the file's line end is.

    Python 3.13's writer quotes both; 3.11's and 3.12's quote only the characters of
    the line end they write, so a lone CR in a cell of a file of LF lines went out
    bare and the row came back as two. Written with CRLF ends, every version quotes
    both, and the end is cut off.
    """
    import csv  # only for a row that needs quoting: kept off every command's start-up
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow(fields)
    return out.getvalue()[:-2]
