"""How the engine reads a tactic: modifiers, negation, inflections, hybrid vs unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pushpull
from pushpull.labels import Label
from pushpull.result import Finding, Result


def fired(text: str) -> set[str]:
    return {ev.rule for ev in pushpull.classify(text).evidence}


@pytest.mark.parametrize(
    ("outbound", "inbound"),
    [
        ("paid instagram post", "organic instagram post"),
        ("sponsored linkedin video", "organic linkedin video"),
        ("purchased email list", "opt-in email list"),
        ("unsolicited email", "requested email"),
        ("boosted social post", "earned social post"),
        ("mass email", "subscribed email"),
        ("cold dm", "community dm"),
        ("promoted event", "community event"),
    ],
)
def test_modifier_moves_a_neutral_channel(outbound: str, inbound: str) -> None:
    out, inb = pushpull.classify(outbound), pushpull.classify(inbound)
    assert out.label in ("outbound", "leaning-outbound"), out.to_dict()
    assert inb.label in ("inbound", "leaning-inbound"), inb.to_dict()


@pytest.mark.parametrize("channel", ["email", "social media", "video", "event", "instagram"])
def test_a_channel_alone_is_hybrid_not_unclassified(channel: str) -> None:
    result = pushpull.classify(channel)
    assert result.label == "hybrid"
    assert result.evidence, "a hybrid answer must show its evidence"


def test_unclassified_means_no_evidence() -> None:
    result = pushpull.classify("quarterly planning spreadsheet")
    assert result.label == "unclassified"
    assert result.score == 0.0 and result.confidence == 0.0
    assert result.dimensions == ()


def test_hybrid_and_unclassified_both_near_zero_but_differ() -> None:
    hybrid, unknown = pushpull.classify("social media marketing"), pushpull.classify("zzz")
    assert abs(hybrid.score) < 0.15 and abs(unknown.score) < 0.15
    assert (hybrid.label, unknown.label) == ("hybrid", "unclassified")
    assert hybrid.confidence > unknown.confidence


@pytest.mark.parametrize(
    ("negated", "plain"),
    [
        ("no cold calls", "cold calls"),
        ("without paid promotion", "paid promotion"),
        ("non-intrusive", "intrusive"),
        ("blog posts instead of ads", "ads"),
    ],
)
def test_negation_reverses_what_it_governs(negated: str, plain: str) -> None:
    neg, pos = pushpull.classify(negated), pushpull.classify(plain)
    assert pos.score > 0
    assert neg.score < 0
    assert any(ev.negated for ev in neg.evidence) or "blog" in negated


def test_negation_stops_at_a_clause_break() -> None:
    result = pushpull.classify("no webinars, cold calls")
    cold = [ev for ev in result.evidence if ev.rule == "cold-call"]
    assert cold and not cold[0].negated and cold[0].weight > 0


def test_glued_negator_governs_only_its_word() -> None:
    result = pushpull.classify("non-intrusive banner ads")
    by_rule = {ev.rule: ev for ev in result.evidence}
    assert by_rule["interruption"].negated
    assert not by_rule["display"].negated and by_rule["display"].weight > 0


@pytest.mark.parametrize(
    ("variant", "canonical", "rule"),
    [
        ("cold-calling", "cold calls", "cold-call"),
        ("Cold Callers", "cold call", "cold-call"),
        ("coldcalling", "cold calls", "cold-call"),
        ("e-book", "ebook", "ebook"),
        ("e book", "ebooks", "ebook"),
        ("DMs", "direct messages", "direct-message"),
        ("WEBINARS", "webinar", "webinar"),
        ("trade-shows", "tradeshow", "trade-show"),
        ("Opt in newsletter", "opt-in newsletters", "opt-in"),
    ],
)
def test_inflections_case_hyphens_and_abbreviations(
    variant: str, canonical: str, rule: str
) -> None:
    assert rule in fired(variant)
    assert rule in fired(canonical)
    assert pushpull.classify(variant).label == pushpull.classify(canonical).label


def test_matches_whole_words_only() -> None:
    assert "advertising" not in fired("download the adobe toolkit")  # "ad" inside "adobe"
    assert "tv" not in fired("tvshow")


def test_evidence_spans_point_into_the_original_text() -> None:
    text = "  Our PAID Social-Media ads, no cold calling!  "
    result = pushpull.classify(text)
    assert result.evidence
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.text


def test_deterministic_and_case_insensitive() -> None:
    a = pushpull.classify("Paid Social Ad").to_dict()
    b = pushpull.classify("paid social ad").to_dict()
    assert pushpull.classify("Paid Social Ad").to_dict() == a
    assert (a["score"], a["label"], a["confidence"]) == (b["score"], b["label"], b["confidence"])


@pytest.mark.parametrize("text", ["", " ", "\x00", "🙂" * 50, "a" * 20000, "no no no", "-"])
def test_never_crashes_on_odd_text(text: str) -> None:
    result = pushpull.classify(text)
    assert -1.0 <= result.score <= 1.0
    assert result.label in pushpull.LABELS
    assert 0.0 <= result.confidence <= 1.0


def test_mixed_evidence_is_hybrid() -> None:
    result = pushpull.classify("paid ads promoting our free webinar and seo guide")
    assert result.label in ("hybrid", "leaning-inbound", "leaning-outbound")
    weights = [ev.weight for ev in result.evidence]
    assert any(w > 0 for w in weights) and any(w < 0 for w in weights)


def test_negating_an_inbound_word_cancels_it_rather_than_flipping_it() -> None:
    result = pushpull.classify("not a webinar")
    assert result.label == "hybrid" and result.score == 0.0
    assert [ev.negated for ev in result.evidence] == [True]


def test_modifiers_and_phrases_stop_at_a_comma() -> None:
    tipped = {ev.rule: ev for ev in pushpull.classify("paid social post").evidence}
    apart = {ev.rule: ev for ev in pushpull.classify("paid search, social post").evidence}
    assert tipped["social-post"].tipped_by == "paid"
    assert apart["social-post"].tipped_by is None and apart["social-post"].weight == 0
    assert "cold-outreach" in fired("cold DM") and "cold-outreach" not in fired("cold, DM")


def test_score_is_never_negative_zero() -> None:
    text = "webinar organic cold social social"
    assert str(pushpull.classify(text).score) == "0.0"


def wide(text: str) -> str:
    """``text`` in full-width letters, as some keyboards type it."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def layer(tmp_path: Path, body: str) -> pushpull.Rulebook:
    path = tmp_path / "layer.yaml"
    path.write_text("name: test-layer\n" + body, encoding="utf-8")
    return pushpull.load_rulebook(path, use_cache=False)


@pytest.mark.parametrize(
    ("text", "rule", "matched"),
    [
        (wide("cold call") + " campaign", "cold-call", wide("cold call")),
        ("our classiﬁed ads", "print-ad", "classiﬁed ads"),  # ligature
        (wide("WEBINAR") + " series", "webinar", wide("WEBINAR")),
        (wide("non") + "intrusive banner", "interruption", "intrusive"),  # glued negator
        ("ﬁrst non" + wide("intrusive") + " banner", "interruption", wide("intrusive")),
    ],
)
def test_unicode_variants_match_with_offsets_into_the_original(
    text: str, rule: str, matched: str
) -> None:
    evidence = {ev.rule: ev for ev in pushpull.classify(text).evidence}
    assert rule in evidence, evidence
    ev = evidence[rule]
    assert (ev.text, ev.start, ev.end) == (
        matched,
        text.index(matched),
        text.index(matched) + len(matched),
    )


def test_decomposed_and_case_folded_text_matches_the_rulebook(tmp_path: Path) -> None:
    book = layer(
        tmp_path,
        "signals:\n"
        "  - id: fr-publicite\n    phrases: [publicité]\n    effects: {permission: 0.8}\n"
        "    why: une annonce\n"
        "  - id: de-strasse\n    phrases: [Straßenwerbung]\n    effects: {permission: 0.7}\n"
        "    why: Werbung auf der Straße\n",
    )
    nfd = "la publicite\u0301 digitale"
    found = pushpull.classify(nfd, book).evidence
    assert [(ev.rule, ev.text, ev.start, ev.end) for ev in found] == [
        ("fr-publicite", "publicite\u0301", 3, 13)
    ]
    shout = pushpull.classify("STRASSENWERBUNG 2025", book).evidence
    assert [(ev.rule, ev.text) for ev in shout] == [("de-strasse", "STRASSENWERBUNG")]


def test_no_negative_zero_reaches_json(tmp_path: Path) -> None:
    # a negated inbound word counts for nothing (negation_factor_inbound is 0)
    assert "-0.0" not in json.dumps(pushpull.classify("not a webinar").to_dict())
    # evidence that balances to a hair below zero
    book = layer(
        tmp_path,
        "signals:\n"
        + "".join(
            f"  - id: t-{word}\n    phrases: [{word}]\n    effects: {{permission: {value}}}\n"
            f"    why: test\n"
            for word, value in (("alpha", -0.1), ("beta", -0.2), ("gamma", 0.3))
        ),
    )
    data = pushpull.classify("alpha beta gamma", book).to_dict()
    assert "-0.0" not in json.dumps(data), data


def test_a_glued_negator_is_found_among_many_negators(tmp_path: Path) -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = ["qx" + "".join(letters[n // 26**i % 26] for i in range(4)) for n in range(20_000)]
    many = layer(tmp_path, "negators: [" + ", ".join(["non", *made_up]) + "]\n")
    text = "nonintrusive qxaaaaintrusive zzunseen words qxbaaabanner nonsense"
    got = pushpull.classify(text, many)
    assert [(ev.rule, ev.text, ev.negated) for ev in got.evidence] == [
        ("interruption", "intrusive", True),
        ("interruption", "intrusive", True),
        ("display", "banner", True),
    ]
    assert (
        got.to_dict()["score"]
        == pushpull.classify(text.replace("qxaaaa", "non").replace("qxbaaa", "non"), many).score
    )


def test_no_evidence_is_the_one_unclassified_result() -> None:
    book = pushpull.default_rulebook()
    result = pushpull.classify("quarterly planning spreadsheet")
    assert result.label is Label.UNCLASSIFIED and result.label.lean is None
    refused = Result.unclassified("", book, "empty tactic")
    assert (refused.score, refused.label, refused.confidence, refused.reason) == (
        0.0,
        "unclassified",
        0.0,
        "empty tactic",
    )
    assert refused.to_dict() == {**result.to_dict(), "tactic": ""}
    assert result.reason is None


def test_findings_are_named() -> None:
    result = pushpull.classify("no cold calls")
    [found] = result.findings
    assert isinstance(found, Finding)
    assert pushpull.default_rulebook().signals[found.signal].id == "cold-call"
    assert found.negated and found.factor < 0 and (found.first, found.end) == (1, 3)
