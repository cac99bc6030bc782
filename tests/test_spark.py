"""pushpull.spark for real: a local[2] session (two executor threads, Python workers),
Arrow on, one session for the whole module since starting one takes seconds."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .engines import CONTEXT, TACTICS, engine_or_skip, rules_file

engine_or_skip("pyspark.sql", "pandas", "pyarrow", java=True)

from pyspark.sql import SparkSession, functions  # noqa: E402

import pushpull  # noqa: E402
import pushpull.spark  # noqa: E402

PARTITIONS = 3


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("pushpull-tests")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # small Arrow batches, so each partition reaches the UDF as several batches
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "5")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.pyspark.driver.python", sys.executable)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def frame(spark: SparkSession) -> Any:
    """The tactics, nulls included, with their row number, in several partitions."""
    rows = [(text, n) for n, text in enumerate(TACTICS)]
    rdd = spark.sparkContext.parallelize(rows, PARTITIONS)
    return spark.createDataFrame(rdd, "Campaign string, row long")


def expected(**options: Any) -> list[tuple[str, float, float]]:
    book = pushpull.load_rulebook(*options.get("rules", ()))
    results = pushpull.classify_many(TACTICS, book, context=options.get("context"))
    return [(r.label.value, r.score, r.confidence) for r in results]


def answered(rows: list[Any], prefix: str = "pushpull_") -> list[tuple[str, float, float]]:
    return [(r[prefix + "label"], r[prefix + "score"], r[prefix + "confidence"]) for r in rows]


def test_same_answers_as_classify_many_nulls_included(spark: SparkSession) -> None:
    df = frame(spark)
    assert df.rdd.getNumPartitions() >= 2
    out = pushpull.spark.classify_column(df, "Campaign")
    assert out.columns == [
        "Campaign",
        "row",
        "pushpull_score",
        "pushpull_label",
        "pushpull_confidence",
    ]
    assert [(f.name, f.dataType.simpleString()) for f in out.schema.fields[2:]] == [
        ("pushpull_score", "double"),
        ("pushpull_label", "string"),
        ("pushpull_confidence", "double"),
    ]
    rows = out.collect()
    assert [r.row for r in rows] == list(range(len(TACTICS)))  # order kept
    assert [r.Campaign for r in rows] == TACTICS
    assert answered(rows) == expected()
    nulls = [r for r in rows if r.Campaign is None]
    assert len(nulls) == 2
    assert {(r.pushpull_label, r.pushpull_score) for r in nulls} == {("unclassified", 0.0)}


def test_context_and_rules_are_read_on_the_executors(spark: SparkSession, tmp_path: Path) -> None:
    rules = [rules_file(tmp_path)]
    out = pushpull.spark.classify_column(frame(spark), "Campaign", rules=rules, context=CONTEXT)
    answers = answered(out.collect())
    assert answers == expected(rules=rules, context=CONTEXT)
    assert answers != expected(rules=rules)  # the context changed some answers
    assert answers != expected(context=CONTEXT)  # and so did the layer
    assert answers[TACTICS.index("zorblax launch")][0] == "outbound"


def test_evidence_on_request_under_a_prefix(spark: SparkSession) -> None:
    out = pushpull.spark.classify_column(frame(spark), "Campaign", evidence=True, prefix="pp_")
    assert out.columns[2:] == ["pp_score", "pp_label", "pp_confidence", "pp_evidence"]
    rows = out.collect()
    briefs = [r.brief() for r in pushpull.classify_many(TACTICS)]
    assert [r.pp_evidence for r in rows] == briefs
    assert any(briefs)
    assert answered(rows, "pp_") == expected()


def test_a_column_name_with_a_dot_is_read_as_it_is(spark: SparkSession) -> None:
    df = frame(spark).withColumnRenamed("Campaign", "utm.campaign")
    rows = pushpull.spark.classify_column(df, "utm.campaign").collect()
    assert answered(rows) == expected()


def test_the_udf_runs_once_per_row_for_all_its_columns(spark: SparkSession) -> None:
    """The result fields are read from one struct: Spark must not inline the UDF into
    each field's column and score every row three or four times."""
    out = pushpull.spark.classify_column(frame(spark), "Campaign", evidence=True)
    plan = out._jdf.queryExecution().executedPlan().toString()
    assert plan.count("ArrowEvalPython") == 1


@pytest.mark.parametrize(
    ("column", "prefix", "message"),
    [
        ("Missing", "pushpull_", "no column 'Missing'"),
        ("row", "pushpull_", "column 'row' holds bigint, not text"),
        ("Campaign", "", "the frame already has score"),
    ],
)
def test_refuses_what_it_cannot_score(
    spark: SparkSession, column: str, prefix: str, message: str
) -> None:
    df = frame(spark).withColumn("score", functions.lit(1.0))
    with pytest.raises(pushpull.UsageError, match=message):
        pushpull.spark.classify_column(df, column, prefix=prefix)
