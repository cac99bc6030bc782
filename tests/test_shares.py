"""Shares of a CSV's text: every cut, trusted or not, gives the rows one reader gives."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pushpull.shares
from pushpull import default_rulebook
from pushpull.batch import score_stream
from pushpull.csvio import read_csv
from pushpull.errors import LineError
from pushpull.shares import Share, Shares, parse_share

from .conftest import run_cli


def read_shares(text: str) -> tuple[list[list[str]], int, int | None]:
    """Every row the shares of ``text`` hold, read as batch reads them (confirming each
    share or rereading from a wrong cut), how many cuts were wrong, and the lines the
    shares' parses counted, or None when some text was parsed by the reader of the shares
    (a wrong cut, or no cut to trust)."""
    shares = Shares.cut(Share(rows=[]), "", io.StringIO(text, newline=""), 0, ",")
    rows: list[list[str]] = []
    wrong = 0
    lines: int | None = 0
    for k, share in enumerate(shares):
        got, error, counted = parse_share(share, ",")
        assert error is None
        if got is None:
            wrong += 1
            shares.reread()
            continue
        rows += got
        if lines is not None:
            lines = None if k and share.rows is not None else lines + counted
        shares.confirm(counted)
    return rows, wrong, lines


def one_reader(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


FIELDS = st.text(alphabet='ab ,"\n\r\u00e9\x0c\u2028', max_size=12)
RECORDS = st.lists(st.lists(FIELDS, min_size=1, max_size=4), max_size=40)


@settings(max_examples=300, deadline=None)
@given(records=RECORDS, stray=st.booleans(), crlf=st.booleans())
def test_shares_read_the_rows_one_reader_reads(
    records: list[list[str]], stray: bool, crlf: bool
) -> None:
    """Quoted line ends, doubled quotes, CR and CRLF, and quotes inside unquoted fields
    (which make the quote count lie): cut every few characters, the rows are the same."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows(records)
    text = out.getvalue()
    if stray and text:
        at = len(text) // 2
        text = text[:at] + 'x"y' + text[at:]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pushpull.shares, "SHARE_CHARS", 7)
        patch.setattr(pushpull.shares, "CARRY_LIMIT", 64)
        rows, _, lines = read_shares(text)
    assert rows == one_reader(text)
    if lines is not None:  # the lines counted share by share are the file's
        reader = csv.reader(io.StringIO(text, newline=""))
        for _ in reader:
            pass
        assert lines == reader.line_num


def test_a_quote_inside_an_unquoted_field_sends_the_rest_to_one_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 5" screen makes the count say a quoted field is open: the cut after the next
    quoted line end looks right and is not; it is found and the rows are still right."""
    monkeypatch.setattr(pushpull.shares, "SHARE_CHARS", 16)
    text = 'a,5" screen\nb,c\n' + 'd,"two\nlines"\n' * 20 + "e,f\n"
    rows, wrong, _ = read_shares(text)
    assert rows == one_reader(text)
    assert wrong == 1


def test_a_line_that_cannot_be_read_names_its_line_in_a_later_share(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The share counts the line from its own start; the reader of the shares moves it
    by the lines the shares before it held."""
    monkeypatch.setattr(pushpull.shares, "SHARE_CHARS", 64)
    text = "a,b\n" * 100 + "x," + "y" * 60 + "\n" + "a,b\n"
    shares = Shares.cut(Share(rows=[]), "", io.StringIO(text, newline=""), 1, ",")
    limit = csv.field_size_limit(50)
    try:
        for share in shares:
            _, error, lines = parse_share(share, ",")
            if error is not None:
                break
            shares.confirm(lines)
    finally:
        csv.field_size_limit(limit)
    assert isinstance(error, LineError)
    assert str(shares.placed(error)).startswith("CSV line 102: field larger")


def small_shares(monkeypatch: pytest.MonkeyPatch, chars: int) -> None:
    """Shares of about ``chars`` characters from the first lines after the header on
    (the text read ahead to find the delimiter would otherwise hold a small file)."""
    monkeypatch.setattr(pushpull.shares, "SHARE_CHARS", chars)
    monkeypatch.setattr(pushpull.csvio, "SNIFF_BYTES", chars)


def batch(data: bytes, jobs: int) -> tuple[str, dict[str, object]]:
    source = read_csv(io.BytesIO(data), "tactic")
    out = io.StringIO()
    summary = score_stream(source, out, default_rulebook(), jobs=jobs)
    return out.getvalue(), summary.to_dict()


@pytest.mark.parametrize("jobs", [1, 2])
def test_lines_held_as_a_footer_at_a_cut_are_rows_when_rows_follow(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """One-cell lines at the end of a share may be a footer; the next share's rows make
    them rows, in their place, and only the true footer at the end is set aside."""
    small_shares(monkeypatch, 40)
    lines = ["tactic,owner"]
    for k in range(30):
        lines += [f"webinar {k},ana", f"cold call {k}", ""]
    lines += ["© 2026 Example Inc.", ""]
    data = ("\n".join(lines) + "\n").encode()
    text, summary = batch(data, jobs)
    written = list(csv.reader(io.StringIO(text)))
    assert len(written) == 1 + 89  # the blank line before the footer goes with it
    assert [row[0] for row in written[1:5]] == ["webinar 0", "cold call 0", "", "webinar 1"]
    assert summary["set_aside"] == {"blank lines": 2, "footer lines": 1}
    assert (text, summary) == batch(data, 3 - jobs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_byte_in_a_later_share_names_its_line_after_the_rows_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = [b"id,tactic"] + [b'%d,"webinar\nseries"' % k for k in range(5000)]
    lines.insert(4001, b"4001,caf\xe9 event")
    src = tmp_path / "in.csv"
    src.write_bytes(b"\n".join(lines) + b"\n")
    run = run_cli(["batch", str(src), "--jobs", str(jobs)])
    assert run.code == 3
    assert "line 8002, column 'tactic': bytes 0xe9" in run.err
    assert run.out.count("webinar\nseries") == 4000


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("single", [3, 79])  # 79: the bad line starts a share
def test_one_cell_lines_before_a_bad_byte_are_written_as_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, single: int
) -> None:
    """Lines that might have been a footer are rows before the error, written as all
    rows before it are, whether they end the same share as the error or an earlier one."""
    monkeypatch.setenv("COLUMNS", "200")
    small_shares(monkeypatch, 64)
    lines = [b"tactic,owner"] + [b"webinar %d,a" % k for k in range(20)]
    lines += [b"cold call %d" % k for k in range(single)] + [b"caf\xe9 event,b", b"seo,c"]
    src = tmp_path / "in.csv"
    src.write_bytes(b"\n".join(lines) + b"\n")
    run = run_cli(["batch", str(src), "--jobs", str(jobs)])
    assert run.code == 3
    assert f"line {22 + single}, column 'tactic': bytes 0xe9" in run.err
    written = list(csv.reader(io.StringIO(run.out)))
    assert [row[0] for row in written[21:]] == [f"cold call {k}" for k in range(single)]


def rows_read_in_one_place(data: bytes) -> tuple[list[list[str]], dict[str, int]]:
    """The rows and set-aside lines the CSV reader gives without shares (``tables.body``)."""
    source = read_csv(io.BytesIO(data), "tactic")
    rows = list(source.rows)
    return rows, dict(source.set_aside)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_wrong_cut_with_workers_running_restarts_them_and_loses_no_row(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A 5" screen makes the quote count lie; the workers' later shares are
    thrown away, the rest is parsed in one place, and every row comes out once, in order."""
    small_shares(monkeypatch, 64)
    lines = ["id,tactic"] + [f'{k},"webinar\nseries {k}"' for k in range(400)]
    lines[200] = '199,5" screen ad'  # past the lines read ahead with the header
    data = ("\n".join(lines) + "\n").encode()
    rereads = []
    reread = Shares.reread
    monkeypatch.setattr(Shares, "reread", lambda self: rereads.append(reread(self)))
    text, _ = batch(data, jobs)
    assert len(rereads) == 1  # the wrong cut was made, and found
    written = list(csv.reader(io.StringIO(text)))
    expected, _ = rows_read_in_one_place(data)
    assert [row[:2] for row in written[1:]] == expected


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_a_wrong_cut_before_a_long_run_with_no_cut_to_trust_loses_no_row(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """After a 5" screen every line end follows an odd count of quotes, so no cut is
    trusted until the run is long enough to go out untrusted; workers drawing shares ahead
    reach it before the wrong cut before it is found. Its text is read again with the
    rest: no row is lost (workers once lost every row of it)."""
    small_shares(monkeypatch, 64)
    monkeypatch.setattr(pushpull.shares, "CARRY_LIMIT", 300)
    lines = ["tactic,owner"] + [f"webinar {k},a" for k in range(110)]
    lines += ['cold call 5" screen,a', '"multi', 'line",b']
    lines += [f"trade show {k},b" for k in range(100)]
    data = ("\n".join(lines) + "\n").encode()
    text, summary = batch(data, jobs)
    expected, _ = rows_read_in_one_place(data)
    written = list(csv.reader(io.StringIO(text)))
    assert [row[:2] for row in written[1:]] == expected
    assert summary["rows"] == 212


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_long_run_of_one_cell_lines_before_a_footer_is_placed_as_one_reader_places_it(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Past MAX_PENDING held lines are rows as read; the footer after them is set aside."""
    small_shares(monkeypatch, 256)
    lines = ["tactic,owner", "webinar,ana"] + [f"cold call {k}" for k in range(2_500)]
    lines += ["", "Total: 2,501 rows", "© 2026 Example Inc."]
    data = ("\n".join(lines) + "\n").encode()
    text, summary = batch(data, jobs)
    expected, set_aside = rows_read_in_one_place(data)
    written = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in written[1:]] == [row[0] if row else "" for row in expected]
    assert set_aside == {"footer lines": 1}
    assert summary["set_aside"] == {**set_aside, "total rows": 1}  # scoring finds the total
