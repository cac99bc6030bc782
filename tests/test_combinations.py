"""Combinations: joined parts that pull and push make a hybrid; clause marks end scope."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import pushpull
from tests.conftest import run_cli


def label(text: str) -> str:
    return str(pushpull.classify(text).label)


@pytest.mark.parametrize(
    "tactic",
    [
        "nurture web inquiries, then qualify them with telemarketing",  # a sequence
        "blog posts plus radio spots",
        "blog posts + radio spots",
        "webinar -> cold calls to attendees' colleagues",
        "webinar \u2192 cold calls to attendees' colleagues",
        "SEO & direct mail",
        "billboards alongside an SEO program",
        "inbound demo requests and a cold-prospecting team",
    ],
)
def test_a_part_that_pulls_joined_to_one_that_pushes_is_hybrid(tactic: str) -> None:
    assert label(tactic) == "hybrid"


@pytest.mark.parametrize(
    ("tactic", "expected"),
    [
        ("cold calls and email blasts", "outbound"),
        ("blog posts, SEO and a newsletter", "inbound"),
        ("TV ads plus billboards", "outbound"),
    ],
)
def test_a_list_of_one_direction_stays_one_sided(tactic: str, expected: str) -> None:
    assert label(tactic) == expected


def test_each_finding_knows_its_part() -> None:
    result = pushpull.classify("blog posts plus radio spots")
    assert [(f.part, result.rulebook.signals[f.signal].id) for f in result.findings] == [
        (0, "blog"),
        (1, "radio"),
    ]


@pytest.mark.parametrize("mark", ["->", "\u2192", "then", "\u2014", " - "])
def test_negation_stops_at_a_clause_mark(mark: str) -> None:
    # "no" governs the blog, not the cold calls after the mark
    result = pushpull.classify(f"no blog {mark} cold calls")
    calls = [e for e in result.evidence if e.rule == "cold-call"]
    assert calls and not calls[0].negated and calls[0].weight > 0


def test_a_layer_adds_joiners(tmp_path: Path) -> None:
    layer = tmp_path / "fr.yaml"
    layer.write_text('name: fr\nversion: "1"\njoiners: [puis]\n', "utf-8")
    tactic = "nurture puis telemarketing calls"
    plain = json.loads(run_cli(["classify", tactic, "--format", "json"]).out)
    joined = json.loads(run_cli(["classify", tactic, "--rules", str(layer), "-f", "json"]).out)
    assert plain["label"] != "hybrid"
    assert joined["label"] == "hybrid"


@pytest.mark.parametrize(
    ("tactic", "expected"),
    [
        ("web inquiries handled by the sales team", "inbound"),  # people asked first
        ("MQLs passed to sales", "inbound"),
        ("proactive outreach to target accounts", "outbound"),
        ("incoming calls answered by a receptionist", "inbound"),
        ("pitching journalists at trade titles", "outbound"),
        ("job ads on niche boards", "inbound"),  # candidates come to you
        ("LinkedIn Recruiter sourcing of engineers", "outbound"),
        ("salespeople push the premium plan", "outbound"),
        ("an active facebook page for the shop", "inbound"),
        ("Telemkt_Q3_Acq", "outbound"),
        ("promo flyers handed to passers-by, coupons sent out weekly", "outbound"),
        ("direct pitches to trade editors", "outbound"),  # not GA4's "Direct"
    ],
)
def test_vocabulary_of_the_trade(tactic: str, expected: str) -> None:
    assert label(tactic) == expected


def test_a_combination_shows_both_halves_in_json() -> None:
    tactic = "nurture web inquiries, then qualify them with telemarketing"
    shown = json.loads(run_cli(["classify", tactic, "--format", "json"]).out)
    assert shown["label"] == "hybrid"
    assert shown["parts"] == [
        {"text": "nurture web inquiries", "start": 0, "end": 21, "lean": "inbound"},
        {"text": "telemarketing", "start": 46, "end": 59, "lean": "outbound"},
    ]


def test_one_sided_and_single_part_results_carry_no_parts() -> None:
    for tactic in ("cold calls and email blasts", "ads for our ebook"):
        assert "parts" not in json.loads(run_cli(["classify", tactic, "-f", "json"]).out)


def test_the_explanation_names_both_halves() -> None:
    run = run_cli(["classify", "blog posts plus radio spots"], tty=True, no_color=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", run.out)
    assert "combines: 'blog posts' pulls + 'radio spots' pushes" in plain


@pytest.mark.parametrize(
    ("tactic", "rule"),
    [("lead source: google / organic", "outbound-recruiting"), ("pull-up banner", "inbound-word")],
)
def test_a_common_word_does_not_fire_a_signal_that_shares_its_stem(tactic: str, rule: str) -> None:
    # "source" is not "sourcing", and a pull-up banner is a stand's display, not pull marketing
    assert rule not in {e.rule for e in pushpull.classify(tactic).evidence}


@pytest.mark.parametrize(
    "tactic",
    [
        "ads on podcasts",
        "ad in the local newsletter",
        "pop-up on the blog",
        "pre-roll before videos",
    ],
)
def test_an_asset_that_carries_an_ad_is_its_venue_not_a_pull(tactic: str) -> None:
    result = pushpull.classify(tactic)
    assert str(result.label) in ("outbound", "leaning-outbound")
    assert [e.weight for e in result.evidence][-1] == 0.0  # the venue points nowhere


def test_an_asset_an_ad_promotes_stays_a_pull() -> None:
    # "for" is not a venue: paying to promote our own ebook is a mix
    assert label("ads for our ebook") == "hybrid"


def test_a_message_sent_out_beside_a_reply_is_a_combination() -> None:
    assert label("reminder goes out by text, the patient replies to confirm") == "hybrid"
