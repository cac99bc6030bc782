"""Bad input through the installed command: documented exit code, one error line, no traceback.

Every case runs ``pushpull`` as a subprocess, the way a user meets it: missing and
unreadable files, bytes that are not UTF-8, NUL bytes, empty and huge tactics,
broken and hostile rulebooks, a reader that goes away, and Ctrl-C / SIGTERM in the
middle of writing an output file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from .conftest import pushpull_exe, run_exe

ERROR = "pushpull: error: "
PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: .+$")


def text_of(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def assert_fails(
    proc: subprocess.CompletedProcess[bytes], code: int, *, rulebook: bool = False
) -> str:
    """Check the failure contract and return the message after ``pushpull: error: ``.

    Exactly one ``pushpull: error:`` line, last on stderr; for a rulebook, the other
    problems may come before it as ``file:line:col: message`` lines; never a traceback.
    """
    err = text_of(proc.stderr)
    assert proc.returncode == int(code), (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert lines, "no message on stderr"
    assert err.endswith("\n"), repr(err)
    assert lines[-1].startswith(ERROR), err
    assert sum(line.startswith(ERROR) for line in lines) == 1, err
    if rulebook:
        for line in lines[:-1]:
            assert PROBLEM_LINE.match(line), f"not a file:line:col problem line: {line!r}"
    else:
        assert len(lines) == 1, err
    return lines[-1][len(ERROR) :]


def assert_clean_success(proc: subprocess.CompletedProcess[bytes]) -> None:
    err = text_of(proc.stderr)
    assert proc.returncode == 0, (proc.returncode, err)
    assert "Traceback" not in err, err
    assert ERROR not in err, err


def read_csv_output(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def unreadable_path(tmp_path: Path, name: str) -> Path:
    """A path that exists but cannot be read as a file.

    ``chmod 000`` where that stops reading; as root (where it does not) a directory.
    """
    path = tmp_path / name
    path.write_text("tactic\ncold call\n", encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0 or os.access(path, os.R_OK):
        path.chmod(0o644)
        path = tmp_path / f"{name}.d"
        path.mkdir()
    return path


# ---------------------------------------------------------------------- files


def test_classify_with_missing_rulebook_is_an_input_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    message = assert_fails(run_exe(["classify", "--rules", str(missing), "cold call"]), 3)
    assert "nope.yaml" in message


def test_classify_with_unreadable_rulebook_is_an_input_error(tmp_path: Path) -> None:
    path = unreadable_path(tmp_path, "locked.yaml")
    try:
        message = assert_fails(run_exe(["classify", "--rules", str(path), "cold call"]), 3)
    finally:
        if path.is_file():
            path.chmod(0o644)
    assert "locked.yaml" in message


def test_batch_on_missing_file_is_an_input_error(tmp_path: Path) -> None:
    message = assert_fails(run_exe(["batch", str(tmp_path / "missing.csv")]), 3)
    assert "missing.csv" in message


def test_batch_on_directory_is_an_input_error(tmp_path: Path) -> None:
    message = assert_fails(run_exe(["batch", str(tmp_path)]), 3)
    assert str(tmp_path) in message


def test_batch_on_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    path = unreadable_path(tmp_path, "locked.csv")
    try:
        assert_fails(run_exe(["batch", str(path)]), 3)
    finally:
        if path.is_file():
            path.chmod(0o644)


# ------------------------------------------------------------- bytes and text


def test_invalid_utf8_on_stdin_is_an_input_error() -> None:
    stdin = b"webinar series\ncold \xff\xfe call\n"
    message = assert_fails(run_exe(["classify", "-"], stdin=stdin), 3)
    assert "UTF-8" in message
    assert "2" in message  # the line number


def test_invalid_utf8_in_a_csv_row_stops_naming_it_or_with_replace_is_kept_and_noted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,tactic\n1,webinar series\n2,cold \xff call\n3,opt-in newsletter\n")
    message = assert_fails(run_exe(["batch", str(path)]), 3)
    assert "line 3, column 'tactic'" in message and "UTF-8" in message
    proc = run_exe(["batch", str(path), "--encoding-errors", "replace"])
    assert_clean_success(proc)
    rows = read_csv_output(proc.stdout)
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    bad = rows[1]
    assert "\ufffd" in bad["tactic"]
    assert "replaced with U+FFFD" in bad["error"], bad
    assert rows[0]["error"] == rows[2]["error"] == ""


def test_invalid_utf8_in_the_header_names_its_field_or_with_replace_is_replaced(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"tactic,own\xffer\nwebinar series,ana\n")
    message = assert_fails(run_exe(["batch", str(path)]), 3)
    assert message.startswith("line 1, field 2: bytes 0xff are not valid UTF-8")
    out = tmp_path / "out.csv"
    assert_clean_success(
        run_exe(["batch", str(path), "--encoding-errors", "replace", "-o", str(out)])
    )
    rows = read_csv_output(out.read_bytes())
    assert list(rows[0])[:2] == ["tactic", "own\ufffder"]
    assert rows[0]["own\ufffder"] == "ana"


def test_nul_byte_on_stdin_is_a_usage_error() -> None:
    message = assert_fails(run_exe(["classify", "-"], stdin=b"webinar\ncold \x00 call\n"), 2)
    assert "NUL" in message


def test_nul_byte_in_a_csv_row_keeps_the_row_unclassified(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,tactic\n1,webinar series\n2,cold \x00 call\n3,cold call\n")
    proc = run_exe(["batch", str(path)])
    assert_clean_success(proc)
    rows = read_csv_output(proc.stdout)
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    bad = rows[1]
    assert bad["label"] == "unclassified", bad
    assert float(bad["score"]) == 0
    assert "NUL" in bad["error"], bad
    assert rows[2]["label"] != "unclassified"


def test_nul_byte_in_a_csv_row_keeps_the_row_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,tactic\n1,cold \x00 call\n2,webinar\n")
    proc = run_exe(["batch", str(path), "--format", "jsonl"])
    assert_clean_success(proc)
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["input"]["id"] for r in records] == ["1", "2"]
    assert records[0]["label"] == "unclassified"
    assert "NUL" in records[0]["error"]


def test_empty_tactic_is_a_usage_error() -> None:
    message = assert_fails(run_exe(["classify", ""]), 2)
    assert "empty" in message


def test_blank_tactic_is_a_usage_error() -> None:
    assert_fails(run_exe(["classify", "  \t "]), 2)


def test_megabyte_tactic_on_stdin_is_a_usage_error() -> None:
    proc = run_exe(["classify", "-"], stdin=b"cold call " * 100_000 + b"\n")
    message = assert_fails(proc, 2)
    assert "limit" in message
    assert "10,000" in message


# ------------------------------------------------------------------ rulebooks


def test_yaml_syntax_error_points_at_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: broken\nsignals: [a, b\n  c: d\n", encoding="utf-8")
    message = assert_fails(run_exe(["classify", "--rules", str(path), "x"]), 4, rulebook=True)
    assert re.search(r"bad\.yaml:\d+:\d+: ", message), message
    assert "YAML" in message


HOSTILE = [
    '!!python/object/apply:os.system ["echo pwned; touch {marker}"]\n',
    'name: !!python/object/apply:os.system ["echo pwned; touch {marker}"]\n',
    'name: x\nsignals:\n  - !!python/object/apply:os.system ["echo pwned; touch {marker}"]\n',
    "name: !!python/name:os.system\n",
    'name: !!python/object/new:os.system ["echo pwned; touch {marker}"]\n',
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_rulebook_tag_is_refused_and_never_run(tmp_path: Path, body: str) -> None:
    marker = tmp_path / "marker"
    path = tmp_path / "evil.yaml"
    path.write_text(body.format(marker=marker), encoding="utf-8")
    proc = run_exe(["classify", "--rules", str(path), "cold call"])
    message = assert_fails(proc, 4, rulebook=True)
    assert "not allowed" in message
    assert "tag" in message
    assert b"pwned" not in proc.stdout
    assert not marker.exists()


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    names = "abcdefghijklmnopqrstuvwxyz"
    lol = ", ".join(['"lol"'] * width)
    lines = [f"{names[0]}: &{names[0]} [{lol}]"]
    for i in range(1, levels):
        refs = ", ".join([f"*{names[i - 1]}"] * width)
        lines.append(f"{names[i]}: &{names[i]} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    # refused by the node budget before anything expands; the timeout only detects a hang
    proc = run_exe(["classify", "--rules", str(path), "cold call"], timeout=30)
    message = assert_fails(proc, 4, rulebook=True)
    assert "alias bomb" in message


def test_alias_bomb_inside_a_rulebook_value_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    bomb = billion_laughs().replace("\n", "\n  ")
    path.write_text(f"name: x\nexamples:\n  {bomb}\n", encoding="utf-8")
    proc = run_exe(["classify", "--rules", str(path), "cold call"], timeout=30)
    assert "alias bomb" in assert_fails(proc, 4, rulebook=True)


def test_fifty_megabyte_rulebook_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as handle:
        handle.write(b"name: huge\n")
        for _ in range(50 * 1024):
            handle.write(line)
    proc = run_exe(["classify", "--rules", str(path), "cold call"], timeout=30)
    message = assert_fails(proc, 4, rulebook=True)
    assert "huge.yaml" in message
    assert "larger than 2 MB" in message, message  # refused by size, before it is parsed


WRONG_TYPES = """\
name: ext
version: 2
colour: blue
signals:
  - id: foo
    phrases: "not a list"
    effects: {permission: high}
    why: 3
"""


def test_rulebook_with_wrong_types_and_unknown_keys_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text(WRONG_TYPES, encoding="utf-8")
    proc = run_exe(["classify", "--rules", str(path), "cold call"])
    assert_fails(proc, 4, rulebook=True)
    err = text_of(proc.stderr)
    lines = err.splitlines()
    assert len(lines) >= 5, err  # version, colour, phrases, effects, why
    for line in lines:
        assert re.search(r"types\.yaml:\d+:\d+: ", line), line
    for word in ("colour", "version", "phrases", "permission", "why"):
        assert word in err, (word, err)
    assert not proc.stdout


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.yaml", b"name: caf\xe9\n"),
        ("nul.yaml", b"name: x\x00y\n"),
        ("list.yaml", b"- just\n- a list\n"),
        ("scalar.yaml", b"hello\n"),
        ("dupkey.yaml", b"name: a\nname: b\n"),
        ("deep.yaml", b"name: x\nexamples: " + b"[" * 200 + b"]" * 200 + b"\n"),
    ],
)
def test_other_broken_rulebooks_are_rulebook_errors(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    message = assert_fails(run_exe(["classify", "--rules", str(path), "x"]), 4, rulebook=True)
    assert re.search(re.escape(name) + r":\d+:\d+: ", message), message


# ------------------------------------------------------ a reader that goes away


def pipe_to_head(command: str, tmp_path: Path) -> tuple[str, str, int]:
    """Run ``command 2>err | head -1`` in bash; head's output, pushpull's stderr and status."""
    err_file = tmp_path / "stderr.txt"
    status_file = tmp_path / "status.txt"
    script = (
        f"{command} 2>{shlex.quote(str(err_file))} | head -1; "
        f'echo "${{PIPESTATUS[0]}}" > {shlex.quote(str(status_file))}'
    )
    proc = subprocess.run(
        script, shell=True, executable="/bin/bash", capture_output=True, timeout=120
    )
    return (
        text_of(proc.stdout),
        err_file.read_text(encoding="utf-8", errors="replace"),
        int(status_file.read_text().strip()),
    )


def assert_quiet_pipe_end(err: str, status: int) -> None:
    assert "Traceback" not in err, err
    assert "BrokenPipe" not in err, err
    assert "Exception ignored" not in err, err
    assert ERROR not in err, err
    assert status == 0, (status, err)  # README: success when the reader went away


def test_classify_jsonl_into_head_exits_quietly(tmp_path: Path) -> None:
    tactics = ["cold call", "webinar series", "paid social ad", "opt-in newsletter"]
    lines = tmp_path / "lines.txt"
    lines.write_text("".join(f"{tactics[i % 4]} {i}\n" for i in range(20_000)), encoding="utf-8")
    exe = shlex.join(pushpull_exe())
    out, err, status = pipe_to_head(
        f"{exe} classify --format jsonl - < {shlex.quote(str(lines))}", tmp_path
    )
    assert json.loads(out)["tactic"] == "cold call 0"
    assert_quiet_pipe_end(err, status)


def test_batch_into_head_exits_quietly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    write_big_csv(path, 50_000)
    exe = shlex.join(pushpull_exe())
    out, err, status = pipe_to_head(f"{exe} batch {shlex.quote(str(path))}", tmp_path)
    assert out.startswith("id,tactic,score,label"), out
    assert_quiet_pipe_end(err, status)


def test_batch_jsonl_into_head_exits_quietly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    write_big_csv(path, 50_000)
    exe = shlex.join(pushpull_exe())
    out, err, status = pipe_to_head(
        f"{exe} batch --format jsonl {shlex.quote(str(path))}", tmp_path
    )
    assert json.loads(out)["input"]["id"] == "0"
    assert_quiet_pipe_end(err, status)


# ------------------------------------------------------- Ctrl-C and SIGTERM


def write_big_csv(path: Path, rows: int) -> None:
    tactics = ["cold call campaign", "webinar series", "paid social ad", "opt-in newsletter"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "tactic"])
        writer.writerows([i, tactics[i % 4]] for i in range(rows))


def test_closed_stdin_reads_as_empty_and_closed_stdout_is_refused(tmp_path: Path) -> None:
    exe = " ".join(pushpull_exe())
    closed_in = subprocess.run(f"{exe} classify - <&-", shell=True, capture_output=True)
    assert closed_in.returncode == 2
    assert closed_in.stderr.decode().strip() == (
        "pushpull: error: no tactics: stdin had no non-blank lines"
    )
    closed_out = subprocess.run(f"{exe} classify x >&-", shell=True, capture_output=True)
    assert closed_out.returncode == 2
    assert closed_out.stderr.decode().strip() == "pushpull: error: stdout is closed"


def test_utf16_csv_with_a_bom_is_read_and_without_one_is_called_what_it_is(
    tmp_path: Path,
) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes("tactic\nwebinar\n".encode("utf-16"))
    proc = run_exe(["batch", str(path)])
    assert_clean_success(proc)
    assert proc.stdout.decode("utf-16").splitlines()[1].startswith("webinar,-1,inbound,")
    path.write_bytes("tactic\nwebinar\n".encode("utf-16-le"))
    message = assert_fails(run_exe(["batch", str(path)]), 3)
    assert "NUL bytes" in message and "UTF-16" in message and "--encoding utf-16-le" in message


def test_a_utf16_file_cut_short_by_one_byte_names_the_byte_or_keeps_going(
    tmp_path: Path,
) -> None:
    """An odd last byte below 0x80 is as bad as any other, not an internal error."""
    path = tmp_path / "u16.csv"
    path.write_bytes("tactic,owner\nwebinar,a\ncold call,b\n".encode("utf-16") + b"x")
    failed = run_exe(["batch", str(path)])
    assert failed.returncode == 3
    *notes, message = failed.stderr.decode().strip().splitlines()
    assert notes == ["pushpull: reading 'tactic'; UTF-16 with BOM, comma-separated"]
    assert message.startswith("pushpull: error: line 4, column 'tactic': bytes 0x78 are not")
    proc = run_exe(["batch", str(path), "--encoding-errors", "replace"])
    assert_clean_success(proc)
    rows = read_csv_output(proc.stdout.decode("utf-16").encode())
    assert [r["tactic"] for r in rows] == ["webinar", "cold call", "\ufffd"]
    assert "replaced with U+FFFD" in rows[2]["error"]


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n\ntactic\nwebinar\n", encoding="utf-8")
    proc = run_exe(["batch", str(path)])
    assert_clean_success(proc)
    assert [r["label"] for r in read_csv_output(proc.stdout)] == ["inbound"]


def test_output_paths_keep_links_devices_and_permissions(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("tactic\nwebinar\n", encoding="utf-8")
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    real.chmod(0o664)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert_clean_success(run_exe(["batch", str(src), "-o", str(link)]))
    assert link.is_symlink() and "webinar" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o664  # the old file's permissions are kept
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert_clean_success(run_exe(["batch", str(src), "-o", str(fifo)]))
    assert b"webinar" in reader.communicate(timeout=30)[0]
    assert fifo.exists() and not fifo.is_file()  # written through, not replaced


def test_summary_json_path_is_checked_before_any_work(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("tactic\nwebinar\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    message = assert_fails(
        run_exe(
            [
                "batch",
                str(src),
                "-o",
                str(out),
                "--summary-json",
                str(tmp_path / "nope" / "mix.json"),
            ]
        ),
        3,
    )
    assert "no directory" in message
    assert not out.exists()
