"""textnorm: folding, tokens and their offsets into the original text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pushpull
from pushpull.textnorm import TOKEN, fold, phrase_stems, split, stem, tail_start, token_spans


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("publicite\u0301", "publicité"),  # NFD
        ("\uff43\uff4f\uff4c\uff44 \uff43\uff41\uff4c\uff4c", "cold call"),  # full-width
        ("STRASSE", "straße"),  # casefold, not lower
        ("ﬁle", "file"),  # ligature
        ("Cold Calls", "cold calls"),
    ],
)
def test_variants_fold_to_the_same_stems(variant: str, plain: str) -> None:
    assert phrase_stems(variant) == phrase_stems(plain)


@pytest.mark.parametrize(
    "text",
    [
        "publicite\u0301 digitale",
        "\uff43\uff4f\uff4c\uff44 \uff43\uff41\uff4c\uff4c, ok",
        "STRAẞE ﬁle",
        "½ (㈱) x\u0301y",
    ],
)
def test_unicode_tokens_point_into_the_original_text(text: str) -> None:
    tokens, spans = split(text)
    assert spans is not None and spans == token_spans(text)
    assert len(tokens) == len(spans)
    for token, (start, end) in zip(tokens, spans, strict=True):
        assert 0 <= start < end <= len(text)
        assert fold(text[start:end]).find(token) >= 0 or token in fold(text[start:end])


def test_a_combining_mark_stays_inside_its_word() -> None:
    # no precomposed "x with acute" exists, so NFKC leaves the mark in place
    tokens, spans = split("ax\u0301b c")
    assert tokens == ["ax\u0301b", "c"]
    assert spans == [(0, 4), (5, 6)]


def test_full_width_punctuation_is_a_clause_break() -> None:
    assert split("paid\uff0csocial")[0] == ["paid", ",", "social"]


def test_ascii_text_is_left_as_written_and_spans_come_later() -> None:
    assert split("Cold-Calls, now") == (["Cold", "Calls", ",", "now"], None)
    assert token_spans("Cold-Calls, now") == [(0, 4), (5, 10), (10, 11), (12, 15)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_and_unicode_paths_agree_on_ascii_text(text: str) -> None:
    tokens, _ = split(text)
    wide, wide_spans = split(text + "\u00a0")  # one non-ASCII character takes the slow path
    assert wide == [fold(t) for t in tokens]
    assert wide_spans == token_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9 ", max_size=30))
def test_words_and_spaces_have_the_spans_of_the_token_pattern(text: str) -> None:
    """The fast path for campaign names of words and spaces gives the pattern's spans."""
    assert token_spans(text) == [m.span() for m in TOKEN.finditer(text)]
    assert [text[a:b] for a, b in token_spans(text)] == split(text)[0]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_fold_is_idempotent_and_spans_are_valid(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    for start, end in token_spans(text):
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_normal_forms_give_the_same_stems(form: str) -> None:
    phrase = "Publicité Télévisée, CAFÉ ﬁnancier"
    assert phrase_stems(unicodedata.normalize(form, phrase)) == phrase_stems(phrase)


def test_tail_start_maps_a_folded_length_back_to_the_original() -> None:
    assert tail_start("nonpaid", (0, 7), 4) == 3
    text = "\uff4e\uff4f\uff4epaid"  # the rest is counted in folded characters
    assert tail_start(text, (0, 7), 4) == 3
    assert tail_start("x nonßtuff", (2, 10), 6) == 5  # "ß" folds to "ss": the cut keeps it


@pytest.mark.parametrize(
    ("word", "expected"),
    [("calls", "call"), ("ads", "ad"), ("nurturing", "nurtur"), ("shopping", "shop"), ("us", "us")],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzs", max_size=15))
def test_stem_never_removes_more_than_stem_shrink(word: str) -> None:
    from pushpull.textnorm import STEM_SHRINK

    assert len(word) - len(stem(word)) <= STEM_SHRINK


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("dms", "dm"), ("ads", "ad"), ("sdrs", "sdr"), ("leads", "lead"), ("sms", "sms")],
)
def test_short_plurals_read_as_their_singular(plural: str, singular: str) -> None:
    """Campaign names pluralise abbreviations ("DMs", "SDRs"); "SMS" is the same
    word whether or not its "s" is taken for a plural."""
    assert stem(plural) == stem(singular)


def test_news_is_not_new() -> None:
    assert stem("news") != stem("new")
    found = {ev.rule for ev in pushpull.classify("launch new website").evidence}
    assert "publisher" not in found  # not read as "news website"


def test_prospect_and_prospecting_stem_alike() -> None:
    """The person and the activity read the same (Snowball English does the same);
    telling them apart is for phrases, not for the stemmer."""
    assert stem("prospect") == stem("prospecting") == stem("prospects")
