"""Typos: an unknown word one slip from a rulebook word is read as that word, the
evidence says so, and real English words are left as they were written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pushpull
from pushpull import names
from pushpull.compiled import from_plain, to_plain
from pushpull.model import Rulebook
from pushpull.names import read_as, read_word
from pushpull.textnorm import stem
from tests.conftest import run_cli

TIE = """\
name: typos-test
version: "1"
signals:
  - id: sent-abroad
    phrases: [abroad]
    effects: {audience: 0.5}
    why: a test word one swap from another
  - id: on-board
    phrases: [aboard]
    effects: {audience: -0.5}
    why: a test word one swap from another
"""


@pytest.fixture(scope="module")
def book() -> Rulebook:
    return pushpull.load_rulebook(use_cache=False)


def readings(text: str, rulebook: Rulebook | None = None) -> list[tuple[str, str, str | None]]:
    found = pushpull.classify(text, rulebook).evidence
    return [(ev.rule, ev.text, ev.read_as) for ev in found]


def test_a_swapped_pair_of_letters_is_read_as_the_rulebook_word() -> None:
    assert readings("billbaord on the highway") == [("billboard", "billbaord", "billboard")]
    assert pushpull.classify("billbaord on the highway").label == "outbound"
    assert readings("webniar") == [("webinar", "webniar", "webinar")]


def test_a_doubled_letter_typed_once_is_read_as_the_rulebook_word() -> None:
    assert readings("comunity") == [("community", "comunity", "community")]


def test_a_typo_glued_to_digits_is_read_too() -> None:
    assert readings("Webniar2024") == [("webinar", "Webniar", "webinar")]


def test_the_explanation_names_the_reading() -> None:
    drawn = re.sub(r"\x1b\[[0-9;]*m", "", run_cli(["classify", "webniar"], tty=True).out)
    assert "webniar: read as 'webinar'" in drawn


def test_json_evidence_carries_the_reading() -> None:
    run = run_cli(["classify", "billbaord on the highway", "--format", "json"])
    assert run.code == 0
    evidence = [e for d in json.loads(run.out)["dimensions"] for e in d["evidence"]]
    assert evidence
    assert {(e["text"], e["read_as"]) for e in evidence} == {("billbaord", "billboard")}


@pytest.mark.parametrize(
    "word",
    [
        # real words one edit from a rulebook word: a changed letter ("rental",
        # "directory", "selling", "employer"), an added or dropped one ("discovery",
        # "publisher", "contact", "launch")
        "story",
        "store",
        "ratio",
        "media",
        "dental",
        "directly",
        "telling",
        "employee",
        "discover",
        "publish",
        "contract",
        "lunch",
        "handling",
        # one letter from the negator "stopped": a wrong negation reverses a finding
        "shopped",
        "stoped",
        # the first letter is kept: "cation" is a swap of "action"
        "cation",
    ],
)
def test_a_real_word_is_not_corrected(word: str, book: Rulebook) -> None:
    assert read_as(word, book) is None
    assert read_word(word, book) == stem(word)


@pytest.mark.parametrize("word", ["raido", "emial", "flyre"])
def test_a_short_rulebook_word_is_never_a_correction(word: str, book: Rulebook) -> None:
    """ "radio", "email" and "flyer" are too close to ordinary words to guess at."""
    assert read_as(word, book) is None
    assert readings(word, book) == []


def test_a_tie_between_two_rulebook_words_is_no_reading(tmp_path: Path) -> None:
    path = tmp_path / "tie.yaml"
    path.write_text(TIE, "utf-8")
    tied = pushpull.load_rulebook(path, use_cache=False)
    assert readings("abroad", tied) == [("sent-abroad", "abroad", None)]
    # "aborad" is one swap from "abroad" and one from "aboard"
    assert read_as("aborad", tied) is None
    assert readings("aborad", tied) == []


def test_the_reading_survives_the_compiled_rulebook_cache(book: Rulebook) -> None:
    rebuilt = from_plain(json.loads(json.dumps(to_plain(book))))
    assert rebuilt.spellings == book.spellings
    assert rebuilt.word_stems == book.word_stems
    assert readings("webniar", rebuilt) == [("webinar", "webniar", "webinar")]


def test_a_repeated_typo_is_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = pushpull.load_rulebook(use_cache=False)
    assert pushpull.classify("webniar", fresh).label == "inbound"

    def refuse(*args: object) -> None:
        raise AssertionError("looked up again")

    monkeypatch.setattr(names, "correction", refuse)
    assert pushpull.classify("webniar webniar", fresh).label == "inbound"
