"""The batch command as a user sees it: every row out, in order, whatever the CSV looks like."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import resource
import shlex
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

import pushpull.batch
import pushpull.shares
import pushpull.summary
from pushpull import default_rulebook
from pushpull.csvio import read_csv
from pushpull.labels import LABELS

from .conftest import pushpull_exe, run_cli, run_exe

ADDED = ["score", "label", "confidence", "evidence", "error"]
WIDTH = 3  # id, tactic, note
BAD_BYTE = b"\xe9"  # Latin-1 e-acute: not valid UTF-8 on its own
# the awkward rows hold BAD_BYTE: kept and flagged only when the user opts in (a bad byte
# stops a run by default; test_exports checks that)
REPLACE = ["--encoding-errors", "replace"]
LONG = "x" * 200_000

# The awkward rows as they should read after decoding; [] is a blank line.
# "\ufffd" marks where the file holds BAD_BYTE instead.
AWKWARD: list[list[str]] = [
    ["1", "cold DM campaign", "plain"],
    ["2", "blog, webinar and podcast", "quoted, with commas"],
    ["3", "opt-in\nnewsletter", "two\nlines"],
    ["4", "", "empty tactic"],
    [],
    ["6", "webinar"],
    ["7", "trade show booth", "n", "extra1", "extra2"],
    ["8", "caf\ufffd ads", "bad byte"],
    ["9", "Événement gratuit — blog 日本語", "ü ß ✓"],
    ["10", "paid search ads", LONG],
    ["11", 'the "ultimate" guide ebook', 'say "hi"'],
    ["12", "billboard", "last"],
]
# Row index in AWKWARD -> the error note the row must carry.
AWKWARD_ERRORS = {
    3: "empty tactic",
    4: "blank line; empty tactic",
    5: "ragged row: 2 fields, header has 3",
    6: "ragged row: 5 fields, header has 3",
    7: "invalid bytes replaced with U+FFFD",
}
UNSCORED = {3, 4}  # rows that must come out unclassified with score 0

TACTICS = [
    "cold DM campaign",
    "opt-in newsletter",
    "webinar series",
    "trade show booth",
    "paid social ads",
    "SEO blog post",
    "referral program",
    "billboard on the highway",
    "lorem ipsum dolor",
    "customer community forum",
]


def field(value: str, delim: str) -> str:
    if any(c in value for c in (delim, '"', "\n", "\r", ",")):
        return '"' + value.replace('"', '""') + '"'
    return value


def encode(rows: list[list[str]], delim: str = ",", *, bom: bool = False) -> bytes:
    """CSV bytes for ``rows`` (header first), with U+FFFD written as an invalid byte."""
    text = "".join(delim.join(field(v, delim) for v in row) + "\n" for row in rows)
    data = text.encode("utf-8").replace("\ufffd".encode(), BAD_BYTE)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def awkward(*, long_field: bool = True) -> list[list[str]]:
    rows = [["id", "tactic", "note"], *AWKWARD]
    if not long_field:
        rows = [r if LONG not in r else [r[0], r[1], "short"] for r in rows]
    return rows


def parse(text: str, delim: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))


def original_columns(out_row: list[str], width: int = WIDTH) -> list[str]:
    """The input's fields as the output row carries them (extras follow our columns)."""
    return out_row[:width] + out_row[width + len(ADDED) :]


def padded(row: list[str], width: int = WIDTH) -> list[str]:
    return row + [""] * (width - len(row))


def generated(n: int, *, seed: int = 0) -> list[list[str]]:
    """``n`` plain data rows, plus the awkward ones (without the 200k field) every so often."""
    rows: list[list[str]] = []
    extras = awkward(long_field=False)[1:]
    for i in range(n):
        rows.append([str(i), TACTICS[(i * 7 + seed) % len(TACTICS)], f"note {i}"])
        if i % 97 == 0:
            rows.extend(extras)
    return rows


# 1. Row count and order on awkward CSVs ---------------------------------------------------


@pytest.mark.parametrize(
    ("delim", "bom", "explicit"),
    [
        (",", True, False),
        (",", False, False),
        (";", True, False),
        ("\t", False, False),
        (";", False, True),
        ("\t", True, True),
    ],
    ids=["comma-bom", "comma", "semicolon-sniffed", "tab-sniffed", "semicolon-given", "tab-given"],
)
def test_awkward_csv_keeps_every_row_in_order(
    tmp_path: Path, delim: str, bom: bool, explicit: bool
) -> None:
    rows = awkward()
    src = tmp_path / "in.csv"
    src.write_bytes(encode(rows, delim, bom=bom))
    args = ["batch", *REPLACE, str(src)] + (["--delimiter", delim] if explicit else [])
    run = run_cli(args)
    assert run.code == 0, run.err
    out = parse(run.out, delim)  # written back with the input's delimiter
    assert out[0] == ["id", "tactic", "note", *ADDED], "header: input columns, then ours"
    body = out[1:]
    assert len(body) == len(AWKWARD), "one output row per input row, blank line included"
    for i, (expected, got) in enumerate(zip(AWKWARD, body, strict=True)):
        assert original_columns(got) == padded(expected), f"row {i} changed"
        assert got[WIDTH + 4] == AWKWARD_ERRORS.get(i, ""), f"row {i} error note"
        if i in UNSCORED:
            assert got[WIDTH : WIDTH + 2] == ["0", "unclassified"], f"row {i}"
        else:
            assert got[WIDTH + 1] != "unclassified", f"row {i} should be scored: {got[1]!r}"
    labels = {r[0]: r[WIDTH + 1] for r in body if r[0]}
    assert labels["1"] == "outbound" and labels["3"] == "inbound"
    assert labels["8"] == "outbound", "a row with a bad byte is still scored"
    assert labels["9"] == "inbound", "non-ASCII text is scored"
    assert len(body[9][2]) == 200_000 and body[9][2] == LONG


def test_sniffs_semicolon_when_one_row_is_short(tmp_path: Path) -> None:
    """A ';' export with one short row must still be read as ';' (not one big column)."""
    src = tmp_path / "in.csv"
    src.write_bytes(b"id;tactic;note\n1;webinar;a\n2;cold call\n3;blog;c\n")
    run = run_cli(["batch", *REPLACE, str(src)])
    assert run.code == 0, run.err
    out = parse(run.out, ";")
    assert out[0][:3] == ["id", "tactic", "note"]
    assert [r[1] for r in out[1:]] == ["webinar", "cold call", "blog"]


def test_crlf_line_end_straddling_the_sniff_window_adds_no_row(tmp_path: Path) -> None:
    """Windows line ends: a CR and its LF split by the 64 KiB sniff read are still one line end."""
    header = "id,tactic,note\r\n"
    rows = [f"{i},cold DM campaign,n\r\n" for i in range(1000)]
    # Pad the 1000th data row so its CR is character 65,536 and its LF the next one.
    pad = 65_536 - len(header) - sum(len(r) for r in rows) + 1
    rows[-1] = f"999,cold DM campaign,n{'p' * pad}\r\n"
    rows += [f"{i},webinar,n\r\n" for i in range(1000, 1010)]
    text = header + "".join(rows)
    assert text[65_535] == "\r" and text[65_536] == "\n"
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode())
    run = run_cli(["batch", *REPLACE, str(src)])
    assert run.code == 0, run.err
    body = parse(run.out)[1:]
    assert [r[0] for r in body] == [str(i) for i in range(1010)]
    assert not [r for r in body if r[WIDTH + 4]], "no row should carry an error"


def test_a_lone_cr_in_a_cell_is_quoted_and_a_cr_file_is_written_with_crs(
    tmp_path: Path,
) -> None:
    """Old Mac exports end lines with CR alone; a cell of an LF file may hold one. Either
    way every input row is one output row, and output ends lines as the input did."""
    src = tmp_path / "in.csv"
    for newline in ("\n", "\r"):
        lines = ["id,tactic", '1,"cold\rcall"', '2,"two\nlines"', "3,cold\x00call", "4,webinar"]
        src.write_bytes(newline.join(lines).encode() + newline.encode())
        run = run_cli(["batch", str(src)])
        assert run.code == 0, run.err
        assert run.out.startswith("id,tactic,score,label,confidence,evidence,error" + newline)
        body = parse(run.out)[1:]
        assert [r[:2] for r in body] == [
            ["1", "cold\rcall"],
            ["2", "two\nlines"],
            ["3", "cold\x00call"],
            ["4", "webinar"],
        ]
        assert "NUL" in body[2][-1]


def test_inch_mark_in_an_unquoted_field_does_not_split_later_records(tmp_path: Path) -> None:
    """A bare '"' inside an unquoted field is a literal; later multi-line fields stay whole."""
    lines = ["id,tactic,note\n", '1,27" monitor giveaway,plain\n']
    lines += [f'{i},webinar,"line one\nline two"\n' for i in range(2, 1500)]
    text = "".join(lines)
    expected = parse(text)
    assert len(expected) == 1500 and expected[1][1] == '27" monitor giveaway'
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8", newline="")
    run = run_cli(["batch", *REPLACE, str(src)])
    assert run.code == 0, run.err
    body = parse(run.out)[1:]
    assert len(body) == 1499, "one output row per input record"
    assert [original_columns(r) for r in body] == expected[1:]


def test_added_columns_are_prefixed_when_the_input_has_one(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic,Score\nwebinar,5\n")
    out = parse(run_cli(["batch", *REPLACE, str(src)]).out)
    assert out[0] == ["tactic", "Score", *(f"pushpull_{n}" for n in ADDED)]
    assert out[1][:2] == ["webinar", "5"] and out[1][3] == "inbound"


# 2. stdin, stdout and -o ------------------------------------------------------------------


def test_stdin_to_stdout_and_output_file_agree(tmp_path: Path) -> None:
    data = encode(awkward(long_field=False))
    piped = run_cli(["batch", *REPLACE, "-"], stdin=data)
    assert piped.code == 0, piped.err
    assert len(parse(piped.out)) == 1 + len(AWKWARD)
    assert piped.err.startswith(f"rows: {len(AWKWARD)}  errors: {len(AWKWARD_ERRORS)}  ")

    target = tmp_path / "scored.csv"
    written = run_cli(["batch", *REPLACE, "-", "-o", str(target)], stdin=data)
    assert written.code == 0, written.err
    assert written.out == "", "-o prints nothing on stdout"
    assert written.err.startswith("rows: "), "the summary still goes to stderr"
    assert target.read_bytes().decode("utf-8") == piped.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scored.csv"], "no temp files left"


def test_output_file_replaces_an_old_one(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic\nwebinar\n")
    target = tmp_path / "scored.csv"
    target.write_text("old content\n")
    proc = run_exe(["batch", *REPLACE, str(src), "--output", str(target)])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert parse(target.read_text(encoding="utf-8"))[1][:2] == ["webinar", "-1"]


# 3. Every format parses, and they agree ---------------------------------------------------


def test_formats_parse_and_agree(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(encode(awkward()))
    csv_run = run_cli(["batch", *REPLACE, str(src)])
    jsonl_run = run_cli(["batch", *REPLACE, str(src), "--format", "jsonl"])
    json_run = run_cli(["batch", *REPLACE, str(src), "--format", "json"])
    for run in (csv_run, jsonl_run, json_run):
        assert run.code == 0, run.err

    rows = parse(csv_run.out)[1:]
    lines = jsonl_run.out.splitlines()
    assert len(lines) == len(AWKWARD), "one JSON line per row, embedded newlines escaped"
    objs = [json.loads(line) for line in lines]
    array = json.loads(json_run.out)
    assert isinstance(array, list) and array == objs

    assert [o["label"] for o in objs] == [r[WIDTH + 1] for r in rows]
    assert [o["tactic"] for o in objs] == [r[1] for r in rows]
    assert [o["score"] for o in objs] == [float(r[WIDTH]) for r in rows]
    for i, (obj, expected) in enumerate(zip(objs, AWKWARD, strict=True)):
        assert obj["schema_version"] == 1
        assert {"score", "label", "confidence", "dimensions", "rulebook"} <= obj.keys()
        assert obj.get("error", "") == AWKWARD_ERRORS.get(i, ""), f"row {i}"
        header = ["id", "tactic", "note"]
        assert obj["input"] == {
            **dict(zip(header, expected, strict=False)),
            **({"_extra": expected[WIDTH:]} if len(expected) > WIDTH else {}),
        }, f"row {i} input"
    assert objs[0]["rulebook"]["name"] == "default"


def test_json_with_no_data_rows_is_an_empty_array(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,tactic\n")
    run = run_cli(["batch", *REPLACE, str(src), "--format", "json"])
    assert run.code == 0 and json.loads(run.out) == []
    assert run_cli(["batch", *REPLACE, str(src), "--format", "jsonl"]).out == ""


# 4. -o is atomic under interruption -------------------------------------------------------


# Signals mid-run (SIGINT, SIGTERM) through the installed command: test_bad_input.py.


def temp_files(directory: Path, name: str) -> list[Path]:
    return sorted(directory.glob(f".{name}.*.tmp"))


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_failure_after_first_block_leaves_no_partial_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(encode([["id", "tactic", "note"], *generated(5000)]))
    target = tmp_path / "scored.csv"
    if existing:
        target.write_text("previous results\n")
    real = pushpull.batch.score_block
    calls = []

    def flaky(*args: object) -> object:
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pushpull.batch, "score_block", flaky)
    run = run_cli(["batch", *REPLACE, str(src), "-o", str(target)])
    assert len(calls) == 2, "the first block was scored, the second failed"
    assert run.code == 130
    assert run.err == "pushpull: error: interrupted\n"
    assert run.out == ""
    if existing:
        assert target.read_text() == "previous results\n"
    else:
        assert not target.exists()
    assert temp_files(tmp_path, target.name) == []


# 5. --jobs 2 is byte-identical to --jobs 1 ------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_jobs_two_matches_jobs_one(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(encode([["id", "tactic", "note"], *generated(3500)]))
    one, two = tmp_path / "one.out", tmp_path / "two.out"
    first = run_exe(["batch", *REPLACE, str(src), "--format", fmt, "--jobs", "1", "-o", str(one)])
    second = run_exe(["batch", *REPLACE, str(src), "--format", fmt, "-j", "2", "-o", str(two)])
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert one.read_bytes() == two.read_bytes()
    assert first.stderr.splitlines()[0] == second.stderr.splitlines()[0]
    if fmt == "csv":
        assert len(parse(one.read_text(encoding="utf-8"))) - 1 > 3500  # several blocks


def test_jobs_two_to_stdout_matches_jobs_one(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(encode([["id", "tactic", "note"], *generated(2500, seed=3)]))
    first = run_exe(["batch", *REPLACE, str(src)])
    second = run_exe(["batch", *REPLACE, str(src), "--jobs", "2"])
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and first.stdout


# 6. The summary counts the rows -----------------------------------------------------------


def test_summary_json_matches_the_rows(tmp_path: Path) -> None:
    rows = [*awkward()[1:], *generated(1200, seed=5)]
    src = tmp_path / "in.csv"
    src.write_bytes(encode([["id", "tactic", "note"], *rows]))
    report = tmp_path / "mix.json"
    run = run_cli(["batch", *REPLACE, str(src), "--summary-json", str(report)])
    assert run.code == 0, run.err
    body = parse(run.out)[1:]
    summary = json.loads(report.read_text(encoding="utf-8"))

    assert summary["rows"] == len(body) == len(rows)
    assert summary["errors"] == sum(1 for r in body if r[WIDTH + 4])
    counted = Counter(r[WIDTH + 1] for r in body)
    assert summary["labels"] == {label: counted[label] for label in LABELS}
    assert list(summary["labels"]) == list(LABELS) and len(LABELS) == 6
    assert set(summary) >= {
        "shares",
        "inbound_outbound_balance",
        "histogram",
        "top_rules",
        "unclassified_top_words",
    }
    for label in LABELS:
        assert summary["shares"][label] == pytest.approx(counted[label] / len(body), abs=1e-4)
    scored = len(body) - counted["unclassified"]
    assert sum(b["rows"] for b in summary["histogram"]) == scored
    inbound = counted["inbound"] + counted["leaning-inbound"]
    outbound = counted["outbound"] + counted["leaning-outbound"]
    share = round(100 * inbound / (inbound + outbound))
    assert summary["inbound_outbound_balance"] == f"{share}:{100 - share}"
    first = run.err.splitlines()[0]
    assert first == (
        f"rows: {len(body)}  errors: {summary['errors']}  inbound:outbound {share}:{100 - share}"
    )


def test_summary_json_is_the_same_on_every_run(tmp_path: Path) -> None:
    """Two runs over the same file give the same report (rules tied on count included)."""
    src = tmp_path / "in.csv"
    src.write_bytes(
        b"id,tactic\n1,opt-in newsletter\n2,cold DM campaign\n3,trade show booth\n"
        b"4,paid social ads\n"
    )
    reports = []
    for seed in ("0", "3"):
        path = tmp_path / f"mix{seed}.json"
        proc = run_exe(
            ["batch", *REPLACE, str(src), "--summary-json", str(path)], env={"PYTHONHASHSEED": seed}
        )
        assert proc.returncode == 0, proc.stderr
        reports.append(json.loads(path.read_text(encoding="utf-8")))
    assert reports[0]["top_rules"] == reports[1]["top_rules"]


# 7. Missing column, missing file ----------------------------------------------------------


def test_missing_column_names_the_columns_and_the_close_match(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,name,channel\n1,webinar,web\n")
    run = run_cli(["batch", *REPLACE, str(src), "--column", "nme"])
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines() == [
        "pushpull: error: no column 'nme' in the CSV; did you mean 'name'? "
        "(columns: 'id', 'name', 'channel')"
    ]
    proc = run_exe(["batch", *REPLACE, str(src), "-c", "nme"])
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.decode().splitlines()) == 1
    assert b"did you mean 'name'?" in proc.stderr


def test_column_match_ignores_case_and_spaces(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"id, Name \n1,webinar\n")
    run = run_cli(["batch", *REPLACE, str(src), "--column", "name"])
    assert run.code == 0, run.err
    assert parse(run.out)[1][3] == "inbound"


# 8. --summary-only ------------------------------------------------------------------------


def only_summary_lines(lines: list[str]) -> bool:
    """The totals line, one line per label, then optional rule and word lines: no data rows."""
    rest = lines[1 + len(LABELS) :]
    return (
        lines[0].startswith("rows: ")
        and [ln.split()[0] for ln in lines[1 : 1 + len(LABELS)]] == list(LABELS)
        and all(ln.startswith(("top rules: ", "words in unclassified rows: ")) for ln in rest)
        and len(rest) <= 2
    )


def test_summary_only_prints_the_mix_and_no_rows(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(encode(awkward(long_field=False)))
    run = run_cli(["batch", *REPLACE, str(src), "--summary-only"])
    assert run.code == 0, run.err
    assert run.err == ""
    lines = run.out.splitlines()
    assert lines[0].startswith(f"rows: {len(AWKWARD)}  errors: {len(AWKWARD_ERRORS)}  ")
    assert only_summary_lines(lines)
    assert "score,label" not in run.out and "cold DM campaign" not in run.out


def test_summary_only_in_a_pipe(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic\nwebinar\ncold DM campaign\n")
    proc = run_exe(["batch", *REPLACE, str(src), "--summary-only"], env={"NO_COLOR": "1"})
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert text.startswith("rows: 2  errors: 0  inbound:outbound 50:50\n")
    assert only_summary_lines(text.splitlines())
    assert "\x1b[" not in text
    assert proc.stderr == b""


def test_summary_only_refuses_an_output_file(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("tactic\nwebinar\n", encoding="utf-8")
    run = run_cli(["batch", *REPLACE, str(src), "--summary-only", "-o", str(tmp_path / "out.csv")])
    assert run.code == 2 and "--summary-only writes no rows" in run.err
    assert not (tmp_path / "out.csv").exists()


def test_invalid_utf8_in_another_column_is_noted(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic,owner\nwebinar,J\xe9r\xf4me\n")
    rows = list(csv.reader(io.StringIO(run_cli(["batch", *REPLACE, str(src)]).out)))
    assert rows[1][:2] == ["webinar", "J\ufffdr\ufffdme"]
    assert rows[1][3] == "inbound" and "replaced with U+FFFD" in rows[1][-1]


def test_terminal_gets_progress_and_a_rich_summary(tmp_path: Path) -> None:
    from pushpull.cli import main
    from pushpull.environment import Environment

    src = tmp_path / "in.csv"
    src.write_text("tactic\n" + "paid social ad\nwebinar series\nzebra\n" * 1000, "utf-8")
    out, err = io.StringIO(), io.StringIO()
    env = Environment(
        stdin=io.BytesIO(),
        stdout=out,
        stderr=err,
        stdout_isatty=False,
        stderr_isatty=True,
        no_color=True,
    )
    with pytest.raises(SystemExit) as done:
        main(["batch", *REPLACE, str(src), "-o", str(tmp_path / "out.csv")], env)
    assert done.value.code == 0
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", err.getvalue())
    assert "rows/s" in shown  # the progress line
    assert "3,000 rows" in shown and "inbound:outbound 50:50" in shown
    assert "1,000 unclassified rows; their commonest words: zebra" in shown
    assert "Traceback" not in shown and out.getvalue() == ""


def test_repeated_and_clashing_column_names_lose_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("tactic,tactic,score,pushpull_score\ncold call,webinar,1,2\n", "utf-8")
    rows = list(csv.reader(io.StringIO(run_cli(["batch", *REPLACE, str(src)]).out)))
    assert rows[0][:4] == ["tactic", "tactic", "score", "pushpull_score"]
    assert rows[0][4:] == [
        "pushpull2_score",
        "pushpull2_label",
        "pushpull2_confidence",
        "pushpull2_evidence",
        "pushpull2_error",
    ]
    line = json.loads(run_cli(["batch", *REPLACE, str(src), "--format", "jsonl"]).out)
    assert line["input"] == {
        "tactic": "cold call",
        "tactic.1": "webinar",
        "score": "1",
        "pushpull_score": "2",
    }
    assert line["tactic"] == "cold call"


def test_a_header_that_spells_a_deduped_name_keeps_every_value(tmp_path: Path) -> None:
    """``tactic,tactic,tactic.1``: the second "tactic" must not take "tactic.1"'s key."""
    src = tmp_path / "in.csv"
    src.write_text("tactic,tactic,tactic.1\ncold call,webinar,billboard\n", "utf-8")
    run = run_cli(["batch", *REPLACE, str(src), "--format", "jsonl"])
    assert run.code == 0, run.err
    record = json.loads(run.out)["input"]
    assert sorted(record.values()) == ["billboard", "cold call", "webinar"]
    assert record["tactic"] == "cold call" and record["tactic.1"] == "billboard"


# 9. Outputs: never over an input, every kind of target, a full disk -----------------------


def one_error_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pushpull: error: "), err
    return lines[0]


@pytest.mark.parametrize(
    "case", ["summary-is-input", "summary-via-symlink", "o-hard-link", "o-is-summary", "rulebook"]
)
def test_an_output_that_is_an_input_or_another_output_is_refused(tmp_path: Path, case: str) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic\nwebinar\n")
    rules = tmp_path / "mine.yaml"
    rules.write_bytes(b"name: mine\n")
    (tmp_path / "link.csv").symlink_to(src)
    os.link(src, tmp_path / "hard.csv")
    new = str(tmp_path / "new.json")
    spelled_apart = str(tmp_path / "sub" / ".." / "new.json")
    (tmp_path / "sub").mkdir()
    extra = {
        "summary-is-input": ["--summary-json", str(src)],
        "summary-via-symlink": ["--summary-json", str(tmp_path / "link.csv")],
        "o-hard-link": ["-o", str(tmp_path / "hard.csv")],
        "o-is-summary": ["-o", new, "--summary-json", spelled_apart],
        "rulebook": ["-r", str(rules), "--summary-json", str(rules)],
    }[case]
    before = sorted(p.name for p in tmp_path.iterdir())
    run = run_cli(["batch", *REPLACE, str(src), *extra])
    assert run.code == 2, run.err
    assert "refusing to overwrite" in one_error_line(run.err)
    assert run.out == ""
    assert src.read_bytes() == b"tactic\nwebinar\n" and rules.read_bytes() == b"name: mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written"


def test_an_unwritable_summary_path_fails_before_any_work(tmp_path: Path) -> None:
    """/proc takes no new files, even from root: the -o file must not be written first."""
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic\nwebinar\n")
    out = tmp_path / "out.csv"
    run = run_cli(
        ["batch", *REPLACE, str(src), "-o", str(out), "--summary-json", "/proc/pushpull.json"]
    )
    assert run.code == 3, run.err
    assert "/proc/pushpull.json" in one_error_line(run.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_output_to_dev_stdout_in_a_pipe_and_to_a_process_substitution(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"tactic\nwebinar\ncold call\n")
    piped = run_exe(["batch", *REPLACE, str(src), "-o", "/dev/stdout"])  # stdout is a pipe here
    assert piped.returncode == 0, piped.stderr
    assert [r[2] for r in parse(piped.stdout.decode())[1:]] == ["inbound", "outbound"]
    exe = " ".join(shlex.quote(part) for part in pushpull_exe())
    gz = tmp_path / "x.gz"
    shell = f"{exe} batch {shlex.quote(str(src))} -o >(gzip > {shlex.quote(str(gz))}); wait"
    proc = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    for _ in range(100):  # the gzip behind >(...) may still be finishing
        if gz.exists() and gz.stat().st_size:
            break
        time.sleep(0.05)
    assert gzip.decompress(gz.read_bytes()) == piped.stdout


def _small_file_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # a disk that fills at 4 KiB
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write fails instead of killing


@pytest.mark.parametrize("how", ["stdout", "o-device", "o-file"])
def test_a_full_disk_is_one_line_and_exit_3(tmp_path: Path, how: str) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(encode([["id", "tactic", "note"], *generated(300)]))
    target = tmp_path / "out.csv"
    output = {"stdout": [], "o-device": ["-o", "/dev/full"], "o-file": ["-o", str(target)]}
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*pushpull_exe(), "batch", *REPLACE, str(src), *output[how]],
            stdout=full if how == "stdout" else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_small_file_limit if how == "o-file" else None,
            timeout=60,
        )
    line = one_error_line(proc.stderr.decode())
    assert proc.returncode == 3, line
    assert "cannot write" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"], "no temp file left"


# 10. Bytes in flight, not rows ------------------------------------------------------------


class Recorder(io.StringIO):
    """An output that remembers its largest single write."""

    largest = 0

    def write(self, text: str) -> int:
        self.largest = max(self.largest, len(text))
        return super().write(text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_long_tactics_are_written_in_bounded_pieces(jobs: int) -> None:
    """Rows of long tactics make huge JSON; a block of them must not travel as one string."""
    tactic = " ".join(TACTICS * 40)[:9_000]
    data = encode([["id", "tactic"], *([str(i), tactic] for i in range(20))])
    source = read_csv(io.BytesIO(data), "tactic")
    out = Recorder()
    summary = pushpull.batch.score_stream(source, out, default_rulebook(), fmt="jsonl", jobs=jobs)
    lines = out.getvalue().splitlines()
    assert summary.rows == len(lines) == 20
    longest_row = max(len(line) for line in lines) + 1
    assert out.largest <= pushpull.batch.PIECE_CHARS + longest_row, (out.largest, longest_row)


@pytest.mark.parametrize(
    ("delim", "newline"), [(",", "\n"), (";", "\r\n"), ("\t", "\n")], ids=["comma", "semi", "tab"]
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_csv_rows_are_written_as_csv_writer_writes_them(
    tmp_path: Path, delim: str, newline: str, jobs: int
) -> None:
    """Every output byte is what csv.writer makes of the input's fields and ours, in the
    input's dialect: briefs holding the delimiter or quotes are quoted, repeats alike."""
    tactics = [
        'cold call, then "opt-in" newsletter; paid social',
        "webinar\tseries for subscribers",
        "plain blog post",
        *TACTICS,
    ]
    rows = [[str(i), tactics[i % len(tactics)], f'n"{i}' if i % 5 else ""] for i in range(2500)]
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delim, lineterminator=newline).writerows(
            [["id", "tactic", "note"], *rows]
        )
    run = run_cli(["batch", str(src), "--jobs", str(jobs)])
    assert run.code == 0, run.err
    book = default_rulebook()
    expected = io.StringIO()
    writer = csv.writer(expected, delimiter=delim, lineterminator=newline)
    writer.writerow(["id", "tactic", "note", *ADDED])
    for row in rows:
        writer.writerow([*row, *pushpull.classify(row[1], book).fields(), ""])
    assert run.out == expected.getvalue()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_tally_of_names_repeated_over_many_blocks_counts_every_row(jobs: int) -> None:
    """Results met again block after block are added up once, yet the mix is the one
    counting row by row gives."""
    book = default_rulebook()
    names = [*TACTICS, "summer brand launch", "cold call", "cold call"]
    rows = [[str(i), names[i * 7 % len(names)]] for i in range(7 * pushpull.shares.READ_ROWS)]
    source = read_csv(io.BytesIO(encode([["id", "tactic"], *rows])), "tactic")
    got = pushpull.batch.score_stream(source, io.StringIO(), book, jobs=jobs)
    by_row = pushpull.summary.Summary()
    for row in rows:
        by_row.add(pushpull.classify(row[1], book))
    assert got.to_dict() == by_row.to_dict()
    assert not got.held, "every held result is counted before the summary is handed back"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_output_cut_into_many_pieces_is_the_output_of_one(
    monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Pieces keep ASCII rows and the others apart; wherever the cuts fall, among runs of
    accented, CJK and plain names, the bytes written are the same."""
    names = ["café cold call", "webinar", "メールマガジン opt-in", "paid social 🚀", "blog post"]
    rows = [[str(i), names[(i // 3) % len(names)]] for i in range(400)]
    data = encode([["id", "tactic"], *rows])

    def scored() -> str:
        out = io.StringIO()
        source = read_csv(io.BytesIO(data), "tactic")
        summary = pushpull.batch.score_stream(source, out, default_rulebook(), fmt=fmt)
        assert summary.rows == len(rows)
        return out.getvalue()

    whole = scored()
    monkeypatch.setattr(pushpull.batch, "PIECE_CHARS", 700)
    assert scored() == whole
    if fmt == "json":
        assert [o["tactic"] for o in json.loads(whole)] == [r[1] for r in rows]
    elif fmt == "jsonl":
        assert [json.loads(line)["tactic"] for line in whole.splitlines()] == [r[1] for r in rows]


@pytest.mark.parametrize("jobs", [1, 2])
def test_weights_and_groups_add_up_row_by_row_past_the_group_cap(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Every placed row's weight counts under its label and group, in row order; groups
    past the cap share one line, the first ones met keep their own. (A block holds fewer
    rows than the cap: each owner here runs for 400 rows, so one holds at most three.)"""
    monkeypatch.setattr(pushpull.summary, "MAX_GROUPS", 5)
    book = default_rulebook()
    budgets = ["0.1", "", "12,000", "n/a", "abc", "0.2", "0", "1e3", "--", "7.7"]
    rows = [
        [str(i), TACTICS[i % len(TACTICS)], budgets[i % len(budgets)], f"owner {i // 400}"]
        for i in range(3 * pushpull.shares.READ_ROWS + 7)
    ]
    data = encode([["id", "tactic", "budget", "owner"], *rows])
    source = read_csv(io.BytesIO(data), "tactic")
    got = pushpull.batch.score_stream(
        source, io.StringIO(), book, jobs=jobs, weight_column="budget", group_column="owner"
    ).to_dict()

    readings = {"0.1": 0.1, "12,000": 12000.0, "0.2": 0.2, "1e3": 1000.0, "7.7": 7.7, "0": 0.0}
    totals: dict[str, float] = {}
    groups: dict[str, dict[str, Counter[str] | dict[str, float]]] = {}
    for _, tactic, budget, owner in rows:
        label = pushpull.classify(tactic, book).label.value
        name = owner if int(owner.split()[1]) < 5 else "(other groups)"
        group = groups.setdefault(name, {"labels": Counter(), "weights": {}})
        group["labels"][label] += 1
        weight = readings.get(budget, 0.0)
        if weight:
            totals[label] = totals.get(label, 0.0) + weight
            sums = group["weights"]
            sums[label] = sums.get(label, 0.0) + weight
    assert got["weight"]["labels"] == {k: round(totals.get(k, 0.0), 6) for k in LABELS}
    per_budget = Counter(budget for _, _, budget, _ in rows)
    assert got["weight"]["blank"] == per_budget[""] + per_budget["n/a"] + per_budget["--"]
    assert got["weight"]["unreadable"] == per_budget["abc"]
    listed = {g["group"]: g for g in got["groups"]["groups"]}
    assert set(listed) == set(groups)
    for name, expected in groups.items():
        assert listed[name]["rows"] == sum(expected["labels"].values()), name
        assert listed[name]["labels"] == {k: expected["labels"][k] for k in LABELS}, name
        weights = expected["weights"]
        assert listed[name]["weight"] == round(sum(weights.values()), 6), name
