"""Campaign names as ad platforms and CRMs export them: glued words, separators,
abbreviations, and the "- Copy" a duplicated campaign carries."""

from __future__ import annotations

from pathlib import Path

import pytest

import pushpull
from pushpull.errors import RulebookError
from pushpull.model import Rulebook
from pushpull.result import Evidence
from tests.conftest import run_cli

LAYER = """\
name: names-test
version: "1"
abbreviations:
  rmkt: remarketing
  pmx: performance max cold call
  ppc: not a signal here
signals:
  - id: signups
    phrases: [webinar signup]
    effects: {permission: -0.8}
    why: people who asked for the webinar
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Rulebook:
    path = tmp_path_factory.mktemp("names") / "names.yaml"
    path.write_text(LAYER, "utf-8")
    return pushpull.load_rulebook(path, use_cache=False)


def evidence(text: str, rulebook: Rulebook | None = None) -> list[Evidence]:
    found = list(pushpull.classify(text, rulebook).evidence)
    for ev in found:  # evidence always points at the characters the user wrote
        assert text[ev.start : ev.end] == ev.text
    return found


def rules(text: str, rulebook: Rulebook | None = None) -> list[tuple[str, str]]:
    return [(ev.rule, ev.text) for ev in evidence(text, rulebook)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Q3ColdEmail", [("cold-outreach", "ColdEmail")]),
        ("displayRetargeting", [("display", "display"), ("retargeting", "Retargeting")]),
        ("remarketingDisplay", [("retargeting", "remarketing"), ("display", "Display")]),
        ("Q3ColdCalls", [("cold-call", "ColdCalls")]),
        ("Webinar2024", [("webinar", "Webinar")]),
        ("Q3_ABMDisplay", [("account-based", "ABM"), ("display", "Display")]),
    ],
)
def test_glued_words_in_a_campaign_name_are_read_apart(
    name: str, expected: list[tuple[str, str]]
) -> None:
    assert rules(name) == expected


def test_case_does_not_change_how_a_glued_word_is_read() -> None:
    assert rules("webinarsignups") == [("webinar", "webinar"), ("lead-capture", "signups")]
    assert rules("WEBINARSIGNUPS") == [("webinar", "WEBINAR"), ("lead-capture", "SIGNUPS")]


def test_a_word_is_cut_only_into_words_the_rulebook_knows_on_their_own() -> None:
    # "pay" is a word of its own, "out" only begins "out of home": "payout" stays whole
    assert rules("payout") == []
    assert rules("scold") == []


def test_digits_glued_to_a_word_are_split_off(book: Rulebook) -> None:
    assert rules("Q3_Bumper6s_Awareness", book) == [("popup", "Bumper")]  # the default's bumper
    assert rules("WebinarSignups", book) == [("signups", "WebinarSignups")]


def test_a_quarter_stays_one_word_so_a_modifier_reaches_past_it() -> None:
    # "q" only begins "Q&A": cutting "Q4" into "q" and "4" would make it two words
    # in cold's window, and "Cold Q4 Region Email" would lose its cold email
    found = pushpull.classify("Cold Q4 Region Email").to_dict()
    assert found["label"] == "outbound"
    tipped = [ev for dim in found["dimensions"] for ev in dim["evidence"] if ev["rule"] == "email"]
    assert tipped and all(ev["tipped_by"] == "Cold" for ev in tipped)
    assert rules("Q&A webinar") == [("conversation", "Q&A"), ("webinar", "webinar")]


def test_a_word_the_rulebook_knows_is_not_split() -> None:
    # "LinkedIn" and "YouTube" are phrases as one word; their halves mean nothing
    assert rules("LinkedInVideo") == [("social-media", "LinkedIn"), ("video", "Video")]
    assert rules("YouTubeAds") == [("social-media", "YouTube"), ("advertising", "Ads")]


def test_an_abbreviation_is_read_as_its_words_and_the_evidence_says_so(book: Rulebook) -> None:
    (ev,) = evidence("rmkt_cart_abandoners", book)
    assert (ev.rule, ev.text, ev.read_as) == ("retargeting", "rmkt", "remarketing")
    assert ev.to_dict()["read_as"] == "remarketing"


def test_an_abbreviation_glued_to_digits_or_words(book: Rulebook) -> None:
    assert [(ev.text, ev.read_as) for ev in evidence("Rmkt30d", book)] == [("Rmkt", "remarketing")]
    found = [(ev.text, ev.read_as) for ev in evidence("WebinarRmkt", book)]
    assert found == [("Webinar", None), ("Rmkt", "remarketing")]
    (ev,) = evidence("rmkt30d", book)
    assert (ev.text, ev.read_as) == ("rmkt", "remarketing")


def test_an_abbreviation_of_several_words_points_at_the_abbreviation(book: Rulebook) -> None:
    found = evidence("[PMx] Retail", book)
    assert [(ev.rule, ev.text, ev.read_as) for ev in found] == [
        ("ad-platform-campaign", "PMx", "performance max cold call"),
        ("cold-call", "PMx", "performance max cold call"),
    ]


def test_the_default_rulebook_reads_ad_platform_abbreviations() -> None:
    found = [(ev.rule, ev.text, ev.read_as) for ev in evidence("GDN_rmkt_cart | YT")]
    assert found == [
        ("display", "GDN", None),  # the rulebook lists "GDN" as a phrase itself
        ("retargeting", "rmkt", "remarketing"),
        ("social-media", "YT", "youtube"),
    ]


def test_an_abbreviation_that_is_a_phrase_itself_is_not_expanded(book: Rulebook) -> None:
    (ev,) = evidence("PPC brand", book)
    assert (ev.rule, ev.text, ev.read_as) == ("ppc", "PPC", None)
    assert "read_as" not in ev.to_dict()


def test_a_plural_abbreviation_is_read_too(book: Rulebook) -> None:
    assert [(ev.text, ev.read_as) for ev in evidence("RMKTs", book)] == [("RMKTs", "remarketing")]


def test_abbreviations_in_text_that_is_not_ascii(book: Rulebook) -> None:
    (ev,) = evidence("Café \u2013 rmkt", book)
    assert (ev.text, ev.read_as) == ("rmkt", "remarketing")


def test_a_later_layer_overrides_an_abbreviation(tmp_path: Path) -> None:
    first, later = tmp_path / "names.yaml", tmp_path / "more.yaml"
    first.write_text(LAYER, "utf-8")
    later.write_text('name: more\nversion: "1"\nabbreviations:\n  rmkt: display\n', "utf-8")
    with_more = pushpull.load_rulebook(first, later, use_cache=False)
    assert with_more.abbreviations["rmkt"] == "display"
    assert rules("rmkt", with_more) == [("display", "rmkt")]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("two words: remarketing", "abbreviation 'two words' must be one word"),
        ("rmkt: ','", "abbreviation 'rmkt' expands to no words"),
    ],
)
def test_a_bad_abbreviation_is_a_rulebook_problem(tmp_path: Path, entry: str, message: str) -> None:
    layer = tmp_path / "bad.yaml"
    layer.write_text(f'name: bad\nversion: "1"\nabbreviations:\n  {entry}\n', "utf-8")
    with pytest.raises(RulebookError) as caught:
        pushpull.load_rulebook(layer, use_cache=False)
    assert message in str(caught.value)
    assert f"{layer}:4:" in str(caught.value)


def test_the_schema_refuses_an_abbreviation_that_is_not_text(tmp_path: Path) -> None:
    layer = tmp_path / "bad.yaml"
    layer.write_text('name: bad\nversion: "1"\nabbreviations:\n  rmkt: [a]\n', "utf-8")
    result = run_cli(["rules", "validate", str(layer)])
    assert result.code != 0
    assert "bad.yaml:4:9: abbreviations.rmkt must be text" in result.out


@pytest.mark.parametrize(
    "name",
    ["Newsletter - Copy", "Newsletter - Copy 2", "Newsletter \u2013 Copy", "Newsletter - copy"],
)
def test_a_duplicated_campaign_s_copy_marker_is_not_content(name: str) -> None:
    assert [rule for rule, _ in rules(name)] == ["newsletter"]


def test_copy_that_means_ad_copy_still_counts() -> None:
    assert "content" in [rule for rule, _ in rules("ad copy for the newsletter")]
    assert "content" in [rule for rule, _ in rules("Newsletter - Copy review")]


def test_a_spaced_dash_separates_fields_of_a_name() -> None:
    # "Cold" and "Email" are two fields of the name, not the phrase "cold email"
    assert "cold-outreach" not in [rule for rule, _ in rules("Brand - Cold - Email")]
    assert "cold-outreach" in [rule for rule, _ in rules("cold-email")]


def test_pipes_slashes_and_tags_separate_fields() -> None:
    assert [rule for rule, _ in rules("[Webinar] | google / cpc")] == ["webinar", "ppc"]


@pytest.mark.parametrize("name", ["Cold Brew Launch", "ColdBrew_Summer_Q3", "cold, hard cash"])
def test_cold_alone_is_not_cold_outreach(name: str) -> None:
    # "cold" needs company: a channel, a contact word or a person after it
    assert str(pushpull.classify(name).label) == "unclassified"


@pytest.mark.parametrize(
    "name", ["cold leads", "cold prospecting", "Telemkt_ColdList", "cold email"]
)
def test_cold_beside_evidence_or_people_still_pushes(name: str) -> None:
    assert str(pushpull.classify(name).label) == "outbound"


def test_alone_is_only_for_modifiers(tmp_path: Path) -> None:
    layer = tmp_path / "bad.yaml"
    layer.write_text(
        'name: bad\nversion: "1"\nsignals:\n  - id: x\n    alone: false\n    phrases: [zzz]\n'
        "    effects: {permission: 0.5}\n    why: test\n",
        "utf-8",
    )
    run = run_cli(["rules", "validate", str(layer)])
    assert run.code == 1 and "alone is only for modifiers; 'x' is a term" in run.out


@pytest.mark.parametrize(
    ("tactic", "title_words"),
    [
        ('sponsoring the podcast "No Ads Needed"', {"No", "Ads"}),
        ("sponsoring the podcast \u201cNo Ads Needed\u201d", {"No", "Ads"}),
        ("a show named No Ads Needed on local TV", {"No", "Ads"}),
        ("the 'Cold Calling Masters' webinar", {"Cold Calling"}),
    ],
)
def test_a_title_is_a_name_not_content(tactic: str, title_words: set[str]) -> None:
    result = pushpull.classify(tactic)
    assert not {e.text for e in result.evidence} & title_words
    assert not any(e.negated for e in result.evidence)


def test_a_quoted_single_word_is_still_read() -> None:
    # marketers quote terms: « push » is the word push
    rules = {e.rule for e in pushpull.classify("prospection \u00ab push \u00bb").evidence}
    assert "outbound-word" in rules


@pytest.mark.parametrize(
    "tactic",
    [
        "DOESN'T FILE ABM DOESN'T",  # apostrophes inside words are not quote marks
        "DOESN'T \ufb01le ABM DOESN'T",  # a ligature "fi" starts a lower-case word
        "'\ufb01le ABM' outreach",
    ],
)
def test_apostrophes_and_lower_case_ligatures_make_no_title(tactic: str) -> None:
    """The words stay read: ABM is found, as it is in the same words without them."""
    assert "account-based" in {e.rule for e in pushpull.classify(tactic).evidence}
