"""Negation as people write it: contractions and ways of saying a tactic was dropped."""

from __future__ import annotations

import pytest

import pushpull


@pytest.mark.parametrize(
    "tactic",
    [
        "we don't do cold calls",
        "we don\u2019t buy email lists",  # a curly apostrophe
        "the team doesn't cold call anymore",
        "we didn't buy a list",
        "we won't cold call",
        "we can't cold call in this market",
        "gave up cold calling",
        "we stopped buying lists",
    ],
)
def test_a_dropped_outbound_tactic_leans_inbound(tactic: str) -> None:
    result = pushpull.classify(tactic)
    assert result.label in ("inbound", "leaning-inbound"), (tactic, result.label)
    assert any(ev.negated for ev in result.evidence)


def test_a_negated_inbound_tactic_is_not_called_outbound() -> None:
    assert pushpull.classify("we don't run webinars").label == "hybrid"


def test_the_words_alone_still_read_as_before() -> None:
    assert pushpull.classify("cold calls").label == "outbound"
    assert pushpull.classify("stopped").label == "unclassified"
