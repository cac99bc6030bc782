"""Every tactic the source documents classify themselves gets their label."""

from __future__ import annotations

import pytest

import pushpull
from pushpull.ruletest import accepts

from .conftest import seed_rows


@pytest.mark.parametrize("row", seed_rows(), ids=lambda r: r["tactic"])
def test_seed_tactic_label(row: dict[str, str]) -> None:
    result = pushpull.classify(row["tactic"])
    assert accepts(row["label"], result.label), (result.score, result.to_dict()["dimensions"])


def test_seed_set_is_complete() -> None:
    rows = seed_rows()
    assert len(rows) == 43
    assert {r["label"] for r in rows} == {"inbound", "outbound", "hybrid"}


def test_every_seed_tactic_is_a_rulebook_example() -> None:
    examples = {e.tactic: e.label for e in pushpull.default_rulebook().examples}
    for row in seed_rows():
        assert examples.get(row["tactic"]) == row["label"]
