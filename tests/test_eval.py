"""pushpull eval: how often the rulebook is right on labelled tactics."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import DATA, run_cli

LABELLED = (
    "tactic,label\n"
    "webinar series,inbound\n"
    "paid social ad,outbound\n"
    "social media marketing,hybrid\n"
    "webinar,outbound\n"
    "zzz quarterly,hybrid\n"
)


def test_seed_set_is_fully_right_and_gates_at_one() -> None:
    run = run_cli(["eval", str(DATA / "seed_tactics.csv"), "--min-accuracy", "1.0"])
    assert run.code == 0, run.out + run.err
    assert run.out.startswith("accuracy: 100.00% (43/43)")


def test_json_report_with_metrics_confusion_and_misses(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text(LABELLED, encoding="utf-8")
    data = json.loads(run_cli(["eval", str(path), "--format", "json"]).out)
    assert (data["rows"], data["correct"], data["accuracy"]) == (5, 3, 0.6)
    assert data["per_class"]["outbound"] == {"support": 2, "precision": 1.0, "recall": 0.5}
    assert data["per_class"]["hybrid"]["recall"] == 0.5
    assert {"expected": "hybrid", "predicted": "unclassified", "rows": 1} in data["confusion"]
    assert data["unclassified"] == 1
    missed = {m["tactic"]: m for m in data["misses"]}
    assert set(missed) == {"webinar", "zzz quarterly"}
    assert missed["webinar"]["evidence"] == "-webinar" and missed["webinar"]["row"] == 5
    assert "leaning-inbound" in data["acceptance"]


def test_min_accuracy_fails_below_the_gate(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text(LABELLED, encoding="utf-8")
    run = run_cli(["eval", str(path), "--min-accuracy", "0.9"])
    assert run.code == 1
    assert run.err.strip() == "pushpull: error: accuracy 60.00% is below --min-accuracy 90.00%"
    assert "MISS row 5: 'webinar' expected outbound, got inbound" in run.out
    assert run_cli(["eval", str(path), "--min-accuracy", "0.6"]).code == 0


def test_custom_columns_and_bad_labels(tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("Campaign Name;Kind\ncold calls;Outbound\nblog;inbnd\n", encoding="utf-8")
    run = run_cli(["eval", str(path), "--column", "Campaign Name", "--label-column", "Kind"])
    assert run.code == 2
    assert "row 3: expected label 'inbnd' is not one of" in run.err
    missing = run_cli(["eval", str(path), "--column", "Campaign Name", "--label-column", "kinds"])
    assert missing.code == 2 and "did you mean 'Kind'" in missing.err
