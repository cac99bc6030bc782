"""Context: words that hold for every tactic of a run, read with each one."""

from __future__ import annotations

import csv
import io
import json

import pytest

import pushpull
from tests.conftest import run_cli


def test_context_modifiers_give_the_tactics_channels_their_direction() -> None:
    plain = pushpull.classify("facebook post")
    paid = pushpull.classify("facebook post", context="paid")
    assert plain.score == 0.0
    assert str(paid.label) == "outbound"
    assert {(e.text, e.tipped_by) for e in paid.evidence if not e.context} == {
        ("facebook", "paid"),
        ("post", "paid"),
    }


def test_context_evidence_is_marked_and_points_into_the_context() -> None:
    result = pushpull.classify("opt-in newsletter", context="paid ad")
    shown = result.to_dict()
    assert shown["context"] == "paid ad"
    assert shown["tactic"] == "opt-in newsletter"
    evidence = {
        (e["text"], e["start"], e["end"], e.get("context", False))
        for d in shown["dimensions"]
        for e in d["evidence"]
    }
    assert ("paid", 0, 4, True) in evidence
    assert ("opt-in", 0, 6, False) in evidence
    assert ("newsletter", 7, 17, False) in evidence


def test_a_negator_in_the_context_does_not_reach_the_tactic() -> None:
    result = pushpull.classify("cold calls", context="no budget")
    assert str(result.label) == "outbound"
    assert not any(e.negated for e in result.evidence)


def test_an_empty_tactic_stays_unscored_whatever_the_context() -> None:
    run = run_cli(["batch", "-", "--context", "paid ad", "-f", "jsonl"], stdin=b'tactic\n""\nx\n')
    rows = [json.loads(line) for line in run.out.splitlines()]
    assert rows[0]["label"] == "unclassified" and rows[0]["error"] == "empty tactic"


def test_classify_many_reads_the_context_in_worker_processes_too() -> None:
    texts = ["facebook post", "Brand_Q3", "newsletter"] * 50
    one = [r.to_dict() for r in pushpull.classify_many(texts, context="paid ad")]
    two = [r.to_dict() for r in pushpull.classify_many(texts, jobs=2, context="paid ad")]
    assert one == two
    assert one[0]["label"] == "outbound" and one[0]["context"] == "paid ad"


def test_the_default_rulebook_is_left_without_context() -> None:
    pushpull.classify("facebook post", context="paid")
    assert "context" not in pushpull.classify("facebook post").to_dict()


@pytest.mark.parametrize(
    "command",
    [["classify", "facebook post"], ["batch", "-"], ["eval", "-"], ["rules", "stats", "-"]],
)
def test_every_scoring_command_takes_context(command: list[str]) -> None:
    stdin = b"tactic,label\nfacebook post,outbound\n"
    plain = run_cli([*command, "-f", "json"], stdin=stdin)
    given = run_cli([*command, "-f", "json", "--context", "paid ad"], stdin=stdin)
    assert plain.code == given.code == 0, given.err
    assert plain.out != given.out


def test_batch_csv_evidence_says_what_came_from_the_context() -> None:
    run = run_cli(["batch", "-", "--context", "paid ad"], stdin=b"tactic\nfacebook post\n")
    row = next(csv.DictReader(io.StringIO(run.out)))
    assert row["label"] == "outbound"
    assert row["evidence"].startswith("+paid (context); +ad (context); +facebook")


def test_a_context_that_cannot_be_read_is_refused_in_one_line() -> None:
    run = run_cli(["classify", "x", "--context", ""])
    assert run.code == 2
    assert run.err == "pushpull: error: context: empty text\n"
    with pytest.raises(pushpull.UsageError):
        pushpull.classify("x", context="a\x00b")


def test_in_context_is_part_of_the_public_api() -> None:
    book = pushpull.in_context(pushpull.default_rulebook(), "paid")
    assert str(pushpull.classify("facebook post", book).label) == "outbound"
    assert pushpull.in_context(book, None) is book
