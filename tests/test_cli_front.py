"""The command line as a new user meets it: help, version, usage errors, odd streams,
odd arguments, and a stop while the program is still starting."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pushpull.stops import Terminated

from .conftest import pushpull_exe, run_cli, run_exe
from .test_bad_input import assert_fails, text_of

ANSI = re.compile(r"\x1b\[[0-9;]*m")
COMMANDS = [[], ["classify"], ["batch"], ["eval"], ["rules"], *(
    ["rules", sub] for sub in ("show", "validate", "test", "init", "stats")
)]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "pushpull")
def test_help_reads_like_a_cli(command: list[str]) -> None:
    short, long = run_exe([*command, "-h"]), run_exe([*command, "--help"])
    assert short.returncode == long.returncode == 0
    assert short.stdout == long.stdout
    text = text_of(short.stdout)
    assert text.startswith(f"Usage: pushpull {' '.join(command)}".rstrip())
    for odd in ("<bool>", "<list[", "<str>", "<path>", "{tactics}", "Value error"):
        assert odd not in text, (odd, text)


def test_a_group_named_alone_shows_its_help() -> None:
    for command in ([], ["rules"]):
        proc = run_exe(command)
        assert proc.returncode == 0 and proc.stderr == b""
        assert proc.stdout.startswith(b"Usage: pushpull") and b"Commands:" in proc.stdout


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    import pushpull

    proc = run_exe([flag])
    assert proc.returncode == 0 and proc.stderr == b""
    assert text_of(proc.stdout) == f"pushpull {pushpull.__version__}\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["classify", "-f", "yaml", "x"], "'yaml' is not one of 'text', 'json', 'jsonl'"),
        (["batch", "-j", "0", "x.csv"], "0 is not in the range 1<=x<=64"),
        (["eval", "x.csv", "--min-accuracy", "2"], "2.0 is not in the range 0.0<=x<=1.0"),
        (["classify"], "Missing argument 'TACTIC...'"),
        (["nope"], "No such command 'nope'"),
    ],
)
def test_usage_errors_read_plainly(args: list[str], expected: str) -> None:
    run = run_cli(args)
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and run.err.startswith("pushpull: error: "), run.err
    assert expected in run.err, run.err
    assert "Value error" not in run.err and "Input should be" not in run.err


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["tactic", "label"], ["cold calls", "outbound"]])
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "cold call"],
        ["classify", "--format", "json", "cold call"],
        ["rules", "show"],
        ["rules", "show", "--format", "json"],
        ["rules", "test"],
        ["eval", "{csv}"],
        ["batch", "{csv}"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_full_disk_on_stdout_is_one_line(tmp_path: Path, args: list[str]) -> None:
    args = [a.replace("{csv}", str(_csv(tmp_path))) for a in args]
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [*pushpull_exe(), *args], stdout=full, stderr=subprocess.PIPE, timeout=60
        )
    err = text_of(proc.stderr)
    assert proc.returncode == 3, err
    assert err == "pushpull: error: cannot write stdout: No space left on device\n", err


@pytest.mark.parametrize("locale", ["C.UTF-8", "C", "POSIX"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_undecodable_argument_bytes_are_refused(locale: str, fmt: str) -> None:
    env = {**os.environ, "LC_ALL": locale, "LANG": locale}
    env.pop("PYTHONUTF8", None)
    proc = subprocess.run(
        [*pushpull_exe(), "classify", "--format", fmt, b"cold \xff\xfe call"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert proc.stdout == b""
    message = assert_fails(proc, 2)
    assert "not valid UTF-8" in message


def _handlers_ready(pid: int) -> bool:
    """Whether the process catches SIGTERM yet: entry.py's first act."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)))


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [
        (signal.SIGINT, 130, "interrupted"),
        (signal.SIGTERM, 143, "terminated"),
        (signal.SIGHUP, 129, "hung up"),
    ],
)
def test_a_stop_while_starting_is_one_line(signum: int, code: int, word: str) -> None:
    """Signals land at random moments while the CLI is still importing."""
    rng = random.Random(signum)
    for _ in range(8):
        proc = subprocess.Popen(
            [*pushpull_exe(), "classify", "cold call"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PUSHPULL_NO_CACHE": "1"},
        )
        while not _handlers_ready(proc.pid) and proc.poll() is None:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=30)
        if proc.returncode == 0:
            continue  # finished before the signal landed
        assert proc.returncode == code, text_of(err)
        assert text_of(err) == f"pushpull: error: {word}\n"


def test_escape_sequences_in_a_tactic_never_reach_the_terminal() -> None:
    tactic = "cold calls \x1b]0;pwned\x07 \x1b[2J\x1b[31mred \u202egnp.exe \x9b31m"
    for args in (["classify", tactic], ["classify", "--brief", tactic]):
        run = run_cli(args, tty=True)
        assert run.code == 0
        for raw in ("\x07", "\x1b]0;", "\x1b[2J", "\x1b[31mred", "\u202e", "\x9b"):
            assert raw not in run.out, (raw, run.out)
        assert "cold calls" in run.out and "pwned" in run.out


def test_escape_sequences_in_eval_misses_are_shown_harmlessly(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text('tactic,label\n"webinar \x1b[2J[bold]x[/]",outbound\n', encoding="utf-8")
    run = run_cli(["eval", str(path)], tty=True)
    assert "\x1b[2J" not in run.out and "[bold]x[/]" in run.out


def test_brief_keeps_the_whole_tactic_and_shrinks_the_bar() -> None:
    tactic = "paid social ad for the autumn launch of our new enterprise analytics suite"
    run = run_cli(["classify", "--brief", tactic], tty=True, no_color=True)
    assert run.code == 0
    assert tactic in " ".join(ANSI.sub("", run.out).split())
    assert "…" not in run.out


def test_eval_lists_only_classes_the_labels_expect(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [["tactic", "label"], ["cold calls", "outbound"], ["zzqx blorp", "inbound"]]
    )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    data = json.loads(run_cli(["eval", str(path), "--format", "json"]).out)
    assert set(data["per_class"]) == {"inbound", "outbound"}
    assert data["unclassified"] == 1
    plain = run_cli(["eval", str(path)]).out
    assert not any(line.startswith("unclassified\t") for line in plain.splitlines())
    assert "unclassified: 1" in plain


def test_rules_test_can_answer_in_json() -> None:
    run = run_cli(["rules", "test", "--format", "jsonl"])
    records = [json.loads(line) for line in run.out.splitlines()]
    assert run.code == 0 and records and all(r["passed"] for r in records)


def test_run_exe_and_in_process_runs_agree() -> None:
    proc = run_exe(["classify", "opt-in newsletter"])
    assert text_of(proc.stdout) == run_cli(["classify", "opt-in newsletter"]).out


def test_rules_init_writes_a_schema_beside_the_starter(tmp_path: Path) -> None:
    from pushpull.rulebook import schema_text

    path = tmp_path / "acme.yaml"
    run = run_cli(["rules", "init", str(path)])
    assert run.code == 0 and "rulebook.schema.json" in run.out
    assert (tmp_path / "rulebook.schema.json").read_text(encoding="utf-8") == schema_text()
    modeline = path.read_text(encoding="utf-8").splitlines()[0]
    assert modeline == "# yaml-language-server: $schema=rulebook.schema.json"
    assert "site-packages" not in path.read_text(encoding="utf-8")
    (tmp_path / "rulebook.schema.json").write_text("{}", encoding="utf-8")
    other = tmp_path / "team.yaml"
    assert run_cli(["rules", "init", str(other)]).code == 0
    assert (tmp_path / "rulebook.schema.json").read_text() == "{}"  # never overwritten


def test_rules_show_cites_documents_by_title() -> None:
    title = "Inbound and outbound marketing: their core differences"  # seed 001's
    plain = run_cli(["rules", "show"]).out
    assert ".txt" not in plain and f"{title} — Permission" in plain
    drawn = run_cli(["rules", "show"], tty=True, no_color=True).out
    assert ".txt" not in drawn and "differences" in drawn


def test_file_names_that_are_not_utf8_work(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/r\xff.yaml"
    for args in (
        [b"rules", b"init", name],
        [b"classify", b"--rules", name, b"cold call"],
        [b"rules", b"validate", name],
    ):
        proc = subprocess.run([*pushpull_exe(), *args], capture_output=True, timeout=60)
        assert proc.returncode == 0, text_of(proc.stderr)
        assert b"Traceback" not in proc.stderr


def test_eval_matrix_has_rows_only_for_expected_classes(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("tactic,label\ncold calls,outbound\nzzqx blorp,inbound\n", encoding="utf-8")
    drawn = ANSI.sub("", run_cli(["eval", str(path)], tty=True).out)
    assert not any(line.split()[:1] == ["unclassified"] for line in drawn.splitlines())
    assert any(line.split()[:1] == ["inbound"] for line in drawn.splitlines())


def test_a_bug_is_one_line_unless_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    import pushpull.api

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(pushpull.api, "classify_many", broken)
    run = run_cli(["classify", "cold call"])
    assert run.code == 70
    assert (
        run.err
        == "pushpull: error: internal error: RuntimeError: boom (PUSHPULL_DEBUG=1 shows where)\n"
    )
    monkeypatch.setenv("PUSHPULL_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run_cli(["classify", "cold call"])


def test_the_explanation_says_what_an_abbreviation_was_read_as() -> None:
    drawn = ANSI.sub("", run_cli(["classify", "rmkt_cart_30d"], tty=True, no_color=True).out)
    assert "rmkt: read as 'remarketing'" in drawn


@pytest.mark.parametrize(
    "args",
    [
        ["classify", "--help"],
        ["classify", "cold DM campaign", "--format", "json"],
        ["classify", "--no-such-option", "x"],
        ["classify"],
        ["batch", "--help"],
        ["rules", "--help"],
        ["rules", "validate", "--help"],
        ["rules", "nosuch"],
        ["layouts"],
        ["clasify", "x"],
    ],
    ids=" ".join,
)
def test_a_start_that_builds_only_the_named_command_answers_as_the_whole_app(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pushpull import cli

    narrowed = run_cli(args)
    monkeypatch.setattr(cli, "_app_for", lambda _: cli.app)
    whole = run_cli(args)
    assert (narrowed.code, narrowed.out, narrowed.err) == (whole.code, whole.out, whole.err)


@pytest.mark.parametrize(
    ("stop", "code", "line"),
    [
        (KeyboardInterrupt(), 130, "pushpull: error: interrupted\n"),
        (Terminated(signal.SIGTERM), 143, "pushpull: error: terminated\n"),
    ],
)
def test_a_stop_landing_while_a_class_is_made_is_still_one_line(
    stop: BaseException, code: int, line: str
) -> None:
    """A signal during a dataclass's creation reaches us wrapped in a RuntimeError (Python
    3.11 wraps what ``__set_name__`` raises); it must still end as the stop it is."""
    from pushpull import exits
    from pushpull.environment import Environment

    class Lands:
        def __set_name__(self, owner: type, name: str) -> None:
            raise stop

    caught: BaseException | None = None
    try:
        type("Made", (), {"field": Lands()})
    except BaseException as exc:  # RuntimeError on 3.11, the stop itself on 3.12+
        caught = exc
    assert caught is not None
    err = io.StringIO()
    env = Environment(stdin=io.BytesIO(), stdout=io.StringIO(), stderr=err)
    assert exits.report(caught, env) == code
    assert err.getvalue() == line
