"""The classify command as a user sees it, on a terminal and in a pipe."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .conftest import run_cli, run_exe

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_output_when_piped() -> None:
    run = run_cli(["classify", "cold DM campaign", "opt-in newsletter"])
    assert run.code == 0
    assert run.out.splitlines() == [
        "cold DM campaign\toutbound\t+1.000",
        "opt-in newsletter\tinbound\t-1.000",
    ]
    assert not ANSI.search(run.out)


def test_rich_explanation_on_a_terminal() -> None:
    run = run_cli(["classify", "paid social ad"], tty=True)
    assert run.code == 0
    text = ANSI.sub("", run.out)
    assert "inbound ◀" in text and "▶ outbound" in text
    assert "outbound" in text and "confidence" in text
    assert "Cost model" in text  # the dimension table
    assert "tipped by 'paid'" in text  # the reason for the channel's direction
    assert "toward inbound" in text  # advice drawn from the rulebook
    assert ANSI.search(run.out), "a terminal gets colour"


def test_no_color_on_a_terminal_keeps_layout_without_colour() -> None:
    run = run_cli(["classify", "paid social ad"], tty=True, no_color=True)
    assert "inbound ◀" in run.out
    assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", run.out)


def test_brief_is_one_line_per_tactic() -> None:
    run = run_cli(["classify", "--brief", "paid social ad", "webinars"], tty=True)
    lines = [ln for ln in ANSI.sub("", run.out).splitlines() if ln.strip()]
    assert len(lines) == 2 and "outbound" in lines[0] and "inbound" in lines[1]


def test_json_single_object_and_array() -> None:
    one = json.loads(run_cli(["classify", "--format", "json", "cold DM campaign"]).out)
    assert one["label"] == "outbound" and one["schema_version"] == 1
    many = json.loads(run_cli(["classify", "--format", "json", "a blog", "tv ads"]).out)
    assert [m["label"] for m in many] == ["inbound", "outbound"]


def test_jsonl_is_one_object_per_line_even_for_one() -> None:
    run = run_cli(["classify", "--format", "jsonl", "cold DM campaign"])
    assert len(run.out.splitlines()) == 1
    assert json.loads(run.out)["tactic"] == "cold DM campaign"


def test_dash_reads_tactics_from_stdin() -> None:
    run = run_cli(
        ["classify", "--format", "jsonl", "-"], stdin=b"webinar series\n\ntrade show booth\n"
    )
    labels = [json.loads(line)["label"] for line in run.out.splitlines()]
    assert labels == ["inbound", "outbound"]


def test_rules_show_lists_dimensions_with_sources() -> None:
    data = json.loads(run_cli(["rules", "show", "--format", "json"]).out)
    ids = [d["id"] for d in data["dimensions"]]
    assert {
        "permission",
        "core_action",
        "communication_flow",
        "cost_model",
        "asset_type",
        "audience",
        "primary_goal",
        "timing_awareness",
    } <= set(ids)
    for dim in data["dimensions"]:
        assert dim["inbound"] and dim["outbound"] and dim["source"]["seed"]
    plain = run_cli(["rules", "show"]).out
    assert plain.startswith("permission\t")


def test_installed_command_and_module_entry_point() -> None:
    done = run_exe(["classify", "--format", "json", "cold DM campaign"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["label"] == "outbound"
    assert done.stderr == b""


def test_every_command_has_help_with_an_example() -> None:
    for args in (["classify"], ["rules", "show"]):
        done = run_exe([*args, "--help"])
        assert done.returncode == 0
        assert b"Example" in done.stdout, args


def test_every_terminal_view_draws(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        "tactic,label\npaid social ad,outbound\nzebra,hybrid\nwebinar,inbound\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nexamples:\n  - tactic: webinar\n    label: outbound\n", "utf-8")
    for args, code, expected in (
        (["rules", "show"], 0, "Permission"),
        (["rules", "test", str(bad)], 1, "FAIL"),
        (["rules", "stats", str(corpus)], 0, "never fired"),
        (["eval", str(corpus)], 0, "accuracy"),
        (["classify", "zebra"], 0, "No rule matched"),
    ):
        run = run_cli(args, tty=True)
        assert run.code == code, (args, run.err)
        assert expected in ANSI.sub("", run.out), args


def test_parser_errors_are_one_line_too() -> None:
    for args in (
        ["classify"],
        ["classify", "--format", "xml", "x"],
        ["nosuch"],
        ["batch", "x.csv", "--jobs", "0"],
        ["eval", "x.csv", "--min-accuracy", "2"],
    ):
        done = run_exe(args)
        assert done.returncode == 2, args
        lines = done.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("pushpull: error: "), (args, lines)


def test_a_bad_tactic_stops_before_any_output() -> None:
    run = run_cli(["classify", "--format", "json", "webinar", ""])
    assert run.code == 2 and run.out == ""
    piped = run_cli(["classify", "--format", "json", "-"], stdin=b"webinar\n\xff\xfe\n")
    assert piped.code == 3 and piped.out == ""


def test_output_to_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("tactic\nwebinar\n", encoding="utf-8")
    for args in (
        ["batch", str(src), "-o", str(tmp_path)],
        ["batch", str(src), "--summary-json", str(tmp_path)],
        ["rules", "init", str(tmp_path), "--force"],
    ):
        run = run_cli(args)
        assert run.code == 3, args
        assert run.err.strip() == f"pushpull: error: cannot write {tmp_path}: it is a directory"
