"""Who makes the first move: a contact word takes its direction from the party next to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pushpull
from tests.conftest import run_cli


def label(text: str) -> str:
    return str(pushpull.classify(text).label)


def tipped(text: str, rule: str) -> list[tuple[str, str | None, bool]]:
    """(text, tipped_by, negated) of each piece of evidence from ``rule``."""
    return [
        (e.text, e.tipped_by, e.negated) for e in pushpull.classify(text).evidence if e.rule == rule
    ]


@pytest.mark.parametrize(
    ("tactic", "expected"),
    [
        ("customers phone us", "inbound"),  # the buyer as subject
        ("we phone customers", "outbound"),  # the seller as subject
        ("phoning homeowners about solar panels", "outbound"),  # a buyer as object
        ("patients contact us through the website", "inbound"),  # the seller as object
        ("prospect DMs us first asking about pricing", "inbound"),
        ("reps reach out to new leads", "outbound"),
        ("calls from customers answered within an hour", "inbound"),  # after "from"
        ("we approach them at the trade fair entrance", "outbound"),
        ("patients find him on google", "inbound"),
        ("we find prospects on linkedin and message them", "outbound"),
    ],
)
def test_the_party_that_moves_first_decides(tactic: str, expected: str) -> None:
    assert label(tactic) == expected


def test_the_evidence_names_the_party() -> None:
    assert tipped("customers phone us", "phone") == [("phone", "customers", False)]
    assert tipped("we phone customers", "phone") == [("phone", "we", False)]


def test_a_contact_word_alone_has_no_direction() -> None:
    result = pushpull.classify("phone")
    assert [e.weight for e in result.evidence] == [0.0]


def test_prospect_is_a_person_and_prospecting_an_activity() -> None:
    # "prospect" as the party is spent on the move, not read as the seller's prospecting
    assert [e.rule for e in pushpull.classify("prospect DMs us").evidence] == ["direct-message"]
    assert label("cold prospecting") == "outbound"
    assert label("prospecting calls") == "outbound"


def test_negated_contact_reverses_the_party() -> None:
    assert tipped("no prior contact from them", "first-contact") == [("contact", "them", True)]
    assert label("rep reached out to the lead directly, no prior contact from them") == "outbound"


def test_a_party_inside_a_longer_phrase_is_not_a_subject() -> None:
    # "donor acquisition" names a programme; the donors are not the ones mailing
    assert label("donor acquisition mailing") == "outbound"


def test_object_pronouns_are_never_subjects() -> None:
    # "us" in "spotting us on social" does not make "social" something we pushed
    result = pushpull.classify("shoppers sign up after spotting us on social")
    assert all(e.tipped_by != "us" or e.rule == "discovery" for e in result.evidence)
    assert str(result.label) in ("inbound", "leaning-inbound")


def test_a_from_word_stops_the_subject_search() -> None:
    # "folks from the phone book": folks are not the ones phoning
    assert tipped("ring folks from the phone book", "first-contact") == [("ring", "folks", False)]
    assert label("ring folks from the phone book") == "outbound"


def test_a_plain_channel_takes_no_direction_from_a_party() -> None:
    # only contact words read who moved; "customers" do not make a video pull
    result = pushpull.classify("customers watch our video")
    assert [(e.rule, e.weight) for e in result.evidence] == [("video", 0.0)]


def test_a_layer_adds_party_words(tmp_path: Path) -> None:
    layer = tmp_path / "tenants.yaml"
    layer.write_text('name: tenants\nversion: "1"\nparties:\n  buyer: [tenants]\n', "utf-8")
    without = run_cli(["classify", "phone tenants", "--format", "json"])
    with_layer = run_cli(["classify", "phone tenants", "--rules", str(layer), "--format", "json"])
    assert json.loads(without.out)["score"] == 0.0
    assert json.loads(with_layer.out)["label"] == "outbound"


def test_a_party_of_two_words_is_refused_with_its_place(tmp_path: Path) -> None:
    layer = tmp_path / "bad.yaml"
    layer.write_text('name: bad\nversion: "1"\nparties:\n  buyer: [local tenants]\n', "utf-8")
    run = run_cli(["rules", "validate", str(layer)])
    assert run.code == 1
    assert run.out == f"{layer}:4:11: party 'local tenants' must be one word\n"


def test_rules_show_lists_the_parties() -> None:
    shown = json.loads(run_cli(["rules", "show", "--format", "json"]).out)
    assert "customers" in shown["parties"]["buyer"]
    assert shown["parties"]["seller_object"] == ["us", "ourselves"]


@pytest.mark.parametrize(
    ("tactic", "expected"),
    [
        ("Customers Call Us", "inbound"),  # party words are matched folded
        ("PROSPECT DMs US FIRST", "inbound"),
        ("SDR cadence", "outbound"),  # an abbreviation is its own party word
        ("BDRs_Sequence_Q3", "outbound"),
        ("customers search for us", "inbound"),
        ("we search for prospects", "outbound"),
    ],
)
def test_parties_as_people_write_them(tactic: str, expected: str) -> None:
    assert label(tactic) == expected


def test_a_word_that_means_a_paid_objective_or_a_conversation_is_not_a_guess() -> None:
    # Meta's "Engagement" objective is bought reach; elsewhere it is a conversation
    assert label("Engagement") == "unclassified"
    assert label("Search") == "hybrid"  # organic or paid: nobody said which
