"""Campaign names and source values as ad platforms and CRMs export them read right.

The rows in ``data/export_tactics.csv`` are modelled on the public documentation of
Google Ads, Meta, LinkedIn, GA4, HubSpot and Salesforce (each row names its page), so
the vocabulary of the trade is held to what a marketer's export really says.
"""

from __future__ import annotations

import csv

import pytest

import pushpull
from pushpull.ruletest import accepts

from .conftest import DATA, run_cli

EXPORTS = DATA / "export_tactics.csv"


def export_rows() -> list[dict[str, str]]:
    with EXPORTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", export_rows(), ids=lambda r: r["tactic"])
def test_export_tactic_label(row: dict[str, str]) -> None:
    result = pushpull.classify(row["tactic"])
    assert accepts(row["label"], result.label), (result.label, result.score, row["reason"])


def test_every_export_row_says_why_and_where_from() -> None:
    rows = export_rows()
    assert len(rows) == 40
    assert {r["label"] for r in rows} == {"inbound", "outbound", "hybrid"}
    for row in rows:
        assert row["reason"].strip(), row["tactic"]
        assert row["source"].startswith("https://"), row["tactic"]


def test_eval_accepts_every_export_row() -> None:
    run = run_cli(["eval", str(EXPORTS), "--min-accuracy", "1.0", "--format", "json"])
    assert run.code == 0, run.out[-2000:]
