"""The CSV reader on its own: what real exports throw at it, and the errors it gives."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pushpull.csvio import (
    MAX_FIELD_CHARS,
    SNIFF_BYTES,
    ReadOptions,
    cell,
    find_column,
    first_line,
    open_csv,
    read_csv,
    sniff_delimiter,
)
from pushpull.csvline import csv_line, joined, joined_rows
from pushpull.errors import InputError, UsageError
from pushpull.layouts import table_rules
from pushpull.shares import READ_ROWS
from pushpull.tables import body


def rows_of(
    data: bytes, column: str = "tactic", delimiter: str | None = None, errors: str = "strict"
) -> list[list[str]]:
    source = read_csv(io.BytesIO(data), [column], ReadOptions(delimiter, errors=errors))
    return [source.header, *source.rows]


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("id,tactic,note\n1,2;3,4\n", ","),
        ("id;tactic;note\n1;2,3;4\n", ";"),
        ("id\ttactic\tnote\n1\t2,3\t4\n", "\t"),
        ("id|tactic|note\n1|2;3|4\n", "|"),
        ("tactic\nwebinar\n", ","),
        ("", ","),
        ("a;b;c,d\n1;2;3,4\n", ";"),
        ('Campaign report\n"Nov 1, 2026 - Nov 30, 2026"\nCampaign\tCost\nx\t"1,200.00"\n', "\t"),
        ("# Account: a, b\n# Property: c, d\n\nSession source / medium;Sessions\nx;1\n", ";"),
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "pipe",
        "one-column",
        "empty",
        "most-wins",
        "title-lines-do-not-vote",
        "comments-do-not-vote",
    ],
)
def test_the_delimiter_is_the_one_the_lines_agree_on(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_a_ragged_row_does_not_fool_the_sniffer() -> None:
    assert rows_of(b"id;tactic\n1;webinar\n2\n3;blog\n") == [
        ["id", "tactic"],
        ["1", "webinar"],
        ["2"],
        ["3", "blog"],
    ]


def test_a_given_delimiter_wins_over_the_sniffed_one() -> None:
    data = b"tactic,x;y;z\na;b,c\n"
    assert rows_of(data, delimiter=",") == [["tactic", "x;y;z"], ["a;b", "c"]]


def test_bom_is_dropped_and_crlf_quoted_newlines_survive() -> None:
    data = b'\xef\xbb\xbfid,tactic\r\n1,"two\r\nlines"\r\n2,"say ""hi"""\r\n'
    assert rows_of(data) == [["id", "tactic"], ["1", "two\r\nlines"], ["2", 'say "hi"']]


def test_invalid_bytes_stop_the_read_naming_line_and_column_unless_replaced() -> None:
    with pytest.raises(
        InputError, match=r"^line 2, column 'tactic': bytes 0xe9 are not valid UTF-8;"
    ):
        rows_of(b"tactic\ncaf\xe9 ads\n")
    assert rows_of(b"tactic\ncaf\xe9 ads\n", errors="replace")[1] == ["caf\ufffd ads"]


def rows_until_error(data: bytes) -> tuple[list[list[str]], str]:
    """The rows read before the read stops, and its error."""
    source = read_csv(io.BytesIO(data), ["tactic"])
    got: list[list[str]] = []
    with pytest.raises(InputError) as stopped:
        for row in source.rows:
            got.append(row)
    return got, str(stopped.value)


def test_a_bad_byte_far_down_names_its_line_after_every_row_before_it() -> None:
    # rows are read many at a time: the line is counted through quoted line breaks
    rows = [f'{i},"two\r\nlines {i}"' if i % 7 == 0 else f"{i},webinar" for i in range(2500)]
    head = ("id,tactic\n" + "\n".join(rows) + "\n").encode()
    data = head + b"2500,caf\xe9 ads\n2501,blog\n"
    got, error = rows_until_error(data)
    assert len(got) == len(rows)
    assert got[-1][0] == "2499"
    line = head.count(b"\n") + 1
    assert error.startswith(f"line {line}, column 'tactic': bytes 0xe9")


def test_a_line_that_cannot_be_read_far_down_comes_after_every_row_before_it() -> None:
    data = b"tactic\n" + b"webinar\n" * (3 * READ_ROWS) + b"x" * (MAX_FIELD_CHARS + 1) + b"\n"
    got, error = rows_until_error(data)
    assert len(got) == 3 * READ_ROWS
    assert error.startswith(f"CSV line {3 * READ_ROWS + 2}: ")


@given(
    st.lists(
        st.sampled_from(
            [["a", "b"], ["a"], [], [""], ["Total"], ["Copyright 2026 Acme"], ["x", "y", "z"]]
        ),
        min_size=1,
        max_size=40,
    ),
    st.lists(st.integers(1, 40), max_size=6),
)
def test_the_table_body_is_the_same_however_the_rows_come_in_blocks(
    rows: list[list[str]], cuts: list[int]
) -> None:
    def read(blocks: list[list[list[str]]]) -> tuple[list[list[str]], Counter[str]]:
        aside: Counter[str] = Counter()
        got = [row for block in body(iter(blocks), 2, table_rules(), aside) for row in block]
        return got, aside

    edges = sorted({0, len(rows), *(c for c in cuts if c < len(rows))})
    blocks = [rows[i:j] for i, j in pairwise(edges)]
    assert read(blocks) == read([rows])


def test_blank_lines_before_the_header_are_skipped_but_later_ones_kept() -> None:
    assert rows_of(b"\n\ntactic\nwebinar\n\nblog\n") == [["tactic"], ["webinar"], [], ["blog"]]


def test_a_row_longer_than_the_sniff_window_is_read_whole() -> None:
    long = "x" * (SNIFF_BYTES + 10)
    assert rows_of(f"tactic,note\nwebinar,{long}\nblog,short\n".encode()) == [
        ["tactic", "note"],
        ["webinar", long],
        ["blog", "short"],
    ]


def test_the_column_is_found_exactly_then_ignoring_case_and_spaces() -> None:
    assert find_column(["Tactic", "tactic"], "tactic") == 1
    assert find_column(["id", " Campaign Name "], "campaign name") == 1


def test_a_missing_column_names_the_close_match_and_the_columns() -> None:
    with pytest.raises(UsageError) as raised:
        find_column(["id", "tactics", "owner"], "tactic")
    message = str(raised.value)
    assert "'tactic'" in message and "did you mean 'tactics'?" in message
    assert "'id', 'tactics', 'owner'" in message


def test_a_wide_header_is_listed_only_in_part() -> None:
    with pytest.raises(UsageError, match=r"\.\.\.\)$"):
        find_column([f"c{i}" for i in range(30)], "zzz")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\n\n", "empty"),
        ("tactic\nwebinar\n".encode("utf-16-le"), "UTF-16"),
    ],
    ids=["empty", "only-blank-lines", "utf-16-without-bom"],
)
def test_a_file_that_is_not_a_csv_is_an_input_error(data: bytes, words: str) -> None:
    with pytest.raises(InputError, match=words):
        read_csv(io.BytesIO(data), ["tactic"])


def test_a_field_past_the_size_limit_is_an_error_with_its_line() -> None:
    data = b"tactic\nwebinar\n" + b"x" * (MAX_FIELD_CHARS + 1) + b"\n"
    source = read_csv(io.BytesIO(data), ["tactic"])
    assert next(source.rows) == ["webinar"]
    with pytest.raises(InputError, match=r"^CSV line \d+: "):
        list(source.rows)


def test_cell_reads_past_a_short_row_as_empty() -> None:
    assert cell(["a", "b"], 1) == "b"
    assert cell(["a"], 3) == ""
    assert cell([], 0) == ""


def test_open_csv_reads_a_file_and_stdin_alike(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"tactic\nwebinar\n")
    with open_csv(str(path), io.BytesIO(), "tactic") as source:
        from_file = [source.header, *source.rows]
    with open_csv("-", io.BytesIO(b"tactic\nwebinar\n"), "tactic") as source:
        from_stdin = [source.header, *source.rows]
    assert from_file == from_stdin == [["tactic"], ["webinar"]]


def test_open_csv_refuses_a_directory_and_a_missing_file(tmp_path: Path) -> None:
    with (
        pytest.raises(InputError, match="is a directory"),
        open_csv(str(tmp_path), io.BytesIO(), "tactic"),
    ):
        pass
    with (
        pytest.raises(InputError, match="cannot read"),
        open_csv(str(tmp_path / "nope.csv"), io.BytesIO(), "tactic"),
    ):
        pass


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet='ab ,;\t"\r\n\x00é', max_size=6), min_size=1, max_size=5),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_joined_rows_are_what_csv_writer_writes(
    rows: list[list[str]], delimiter: str, newline: str
) -> None:
    """Where ``joined`` answers, its text is the writer's to the byte (else the writer
    writes the row), for a row alone or among others."""
    lines = joined_rows(rows, delimiter)
    for fields, line in zip(rows, lines, strict=True):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator=newline).writerow(fields)
        assert joined(fields, delimiter) == line
        if line is not None:
            assert line + newline == out.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet='ab ,;"\r\n\x85', max_size=6), min_size=1, max_size=4),
    st.sampled_from([",", ";"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_a_written_row_reads_back_as_itself_whatever_the_line_end(
    fields: list[str], delimiter: str, newline: str
) -> None:
    """A lone CR in a file of LF lines (or an LF in a file of CR lines) is quoted: the
    row reads back as one row, as written (Python 3.11's writer left it bare)."""
    if fields == [""]:
        return  # a row of one empty field is "" by the writer's rule, read back as []
    text = csv_line(fields, delimiter, newline) * 2
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)) == [fields] * 2


def test_the_line_end_is_the_first_records_not_one_inside_a_quoted_header_cell() -> None:
    assert first_line("id,tactic\r\n1,x\r\n") == ("id,tactic", "\r\n")
    assert first_line('name,"Spend\n(USD)"\rwebinar,1\r') == ('name,"Spend\n(USD)"', "\r")
    assert first_line("tactic") == ("tactic", "\n")
    assert first_line('"never closed\nx\ry') == ('"never closed', "\n")  # the first break


def test_joined_answers_for_plain_fields_and_not_for_quoted_ones() -> None:
    assert joined(["1", "cold call, q3", "ana"], ";") == "1;cold call, q3;ana"
    assert joined(["", "x", ""], ",") == ",x,"
    # a field holding the delimiter, as "12,000" in a comma file, is quoted here
    assert joined(["1", "12,000", "Doe, Jane", ""], ",") == '1,"12,000","Doe, Jane",'
    for needs_the_writer in (['say "hi"', "c"], ["two\nlines", "c"], ["cr\r", "c"], [""]):
        assert joined(needs_the_writer, ",") is None
