"""A batch row's JSON is written straight from the findings: it must be the text
json.dumps writes for ``to_dict()``, byte for byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pushpull

TACTICS = [
    "cold call blitz",
    "nonintrusive webinar",
    "WebinarSignups Q3",
    "rmkt fb",
    "webniar invite",
    "customers call us",
    "we call landlords",
    "no cold calls",
    "ad in the seniors' newsletter",
    "nurture web inquiries, then telemarketing",
    'Podcast "No Ads Needed"',
    "Straße cold call",
    "\uff37\uff25\uff22\uff29\uff2e\uff21\uff32 full width",  # full-width letters
    "Événement café — salon, emailing",
    "weekly 2024 spring",
]


@pytest.mark.parametrize("context", [None, "paid ad"])
@pytest.mark.parametrize("tactic", TACTICS)
def test_json_head_is_what_json_dumps_writes(tactic: str, context: str | None) -> None:
    result = pushpull.classify(tactic, context=context)
    body = result.to_dict()
    del body["rulebook"]
    assert result.json_head() == json.dumps(body, ensure_ascii=False)[:-1]


# Rulebook phrases, abbreviations and misspellings in any case, mixed with negators,
# party words, joiners and stray text: negated, tipped, read-as and context evidence
# in every combination; finding texts recur from one example to the next, so most are
# written from what was kept for an earlier one.
_RB = pushpull.default_rulebook()
_PIECES = sorted(
    {p for sig in _RB.signals for p in sig.phrases}
    | set(_RB.negators)
    | set(_RB.abbreviations)
    | {"webniar", "newsleter", "us", "them", "customers", "plus", "then", "+", "sdrs"}
)
# modifiers before abbreviations and typos: evidence both tipped and read as other words
_OFTEN = ["paid", "cold", "organic", "no", "fb", "ig", "yt", "rmkt", "sdr", "webniar", "us"]
_WORD = st.one_of(st.sampled_from(_OFTEN), st.sampled_from(_PIECES))
_TEXT = st.lists(
    st.tuples(
        st.one_of(_WORD, _WORD.map(str.upper), _WORD.map(str.title), st.text(max_size=4)),
        st.sampled_from([" ", " ", "-", ", ", "", " / "]),
    ),
    max_size=10,
).map(lambda pairs: "".join(word + sep for word, sep in pairs))


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from([None, "paid ad", "rmkt", "cold outreach"]))
def test_json_head_is_what_json_dumps_writes_for_any_mix(tactic: str, context: str | None) -> None:
    result = pushpull.classify(tactic, context=context)
    body = result.to_dict()
    del body["rulebook"]
    assert result.json_head() == json.dumps(body, ensure_ascii=False)[:-1]


_BRIEF_PLAIN = pushpull.load_rulebook()  # briefs made before any offsets
_BRIEF_SPANS = pushpull.load_rulebook()  # briefs made after the JSON worked offsets out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_WORD, _WORD.map(str.upper), _WORD.map(str.title), st.just("2024")),
        min_size=1,
        max_size=8,
    ).map(" ".join)
)
def test_a_brief_names_the_same_words_with_or_without_offsets(tactic: str) -> None:
    """A plain campaign name's brief is cut from its words; once evidence offsets are
    known (after the JSON), from the offsets: both read the same."""
    plain = pushpull.classify(tactic, _BRIEF_PLAIN)
    spanned = pushpull.classify(tactic, _BRIEF_SPANS)
    dimensions = spanned.to_dict()["dimensions"]
    assert plain.brief() == spanned.brief()
    for evidence in (e for dimension in dimensions for e in dimension["evidence"]):
        assert evidence["text"] in plain.brief()
