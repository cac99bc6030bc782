"""Parquet in and out of batch, for data teams who hand files between engines."""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

if os.environ.get("PUSHPULL_REQUIRE_EXTRAS") != "1":
    pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
import pyarrow as pa
import pyarrow.parquet as pq


def test_a_csv_becomes_parquet_with_typed_scores_and_every_row(tmp_path: Path) -> None:
    source, out = tmp_path / "in.csv", tmp_path / "scored.parquet"
    source.write_text("id,tactic\n1,cold calls\n2,webinar\n3,\n4,seo blog,extra\n")
    run = run_cli(["batch", str(source), "-o", str(out)])  # the format follows the name
    assert run.code == 0, run.err
    table = pq.read_table(out)
    assert table.schema.field("score").type == pa.float64()
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert [r["label"] for r in rows] == ["outbound", "inbound", "unclassified", "inbound"]
    assert rows[2]["error"] == "empty tactic"
    assert rows[3]["_extra"] == '["extra"]'


def test_a_parquet_file_is_read_nulls_and_numbers_as_text(tmp_path: Path) -> None:
    source = tmp_path / "in.parquet"
    table = pa.table({"tactic": ["cold calls", None, "webinar"], "spend": [10.5, 2.0, None]})
    pq.write_table(table, source)
    run = run_cli(["batch", str(source), "--weight-column", "spend"])
    assert run.code == 0, run.err
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert [(r["tactic"], r["spend"], r["label"]) for r in rows] == [
        ("cold calls", "10.5", "outbound"),
        ("", "2.0", "unclassified"),
        ("webinar", "", "inbound"),
    ]
    assert "by spend: inbound:outbound 0:100 of 12.50; 1 blank" in run.err


def test_parquet_output_needs_a_file_and_a_broken_file_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("tactic\nwebinar\n")
    run = run_cli(["batch", str(source), "--format", "parquet"])
    assert run.code == 2 and "give -o FILE.parquet" in run.err
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    run = run_cli(["batch", str(broken)])
    assert run.code == 3 and run.err.count("\n") == 1 and "as Parquet" in run.err


def test_without_pyarrow_the_error_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    source = tmp_path / "in.csv"
    source.write_text("tactic\nwebinar\n")
    run = run_cli(["batch", str(source), "-o", str(tmp_path / "out.parquet")])
    assert run.code == 2
    assert "pip install 'pushpull[parquet]'" in run.err
    assert not (tmp_path / "out.parquet").exists()
