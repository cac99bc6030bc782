"""Score a column of a Spark DataFrame on the executors (``pip install 'pushpull[spark]'``).

>>> scored = pushpull.spark.classify_column(df, "Campaign", context="paid ad")  # doctest: +SKIP

Each batch of the column crosses to Python as Arrow and is scored by an Arrow-backed
pandas UDF, so only the text column is shipped, never the whole row. The rulebook is
loaded on the driver (a bad rules file fails there, once) and sent to the executors as
a Spark broadcast variable rather than closed over by the UDF: a closure travels with
every task and is unpickled by each, while a broadcast is sent to each executor once
and unpickled once per Python worker, which keeps the rulebook's word and score memos
warm across the tasks that worker runs. Broadcasts need a classic SparkContext, so
this runs on a classic session, not over Spark Connect.

PySpark is imported when a column is classified, never by ``import pushpull``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

from . import frames
from .errors import UsageError

__all__ = ["classify_column"]


def classify_column(
    df: Any,
    column: str,
    *,
    rules: Sequence[str | Path] = (),
    context: str | None = None,
    lang: Iterable[str] = (),
    evidence: bool = False,
    prefix: str = "pushpull_",
) -> Any:
    """``df`` (a ``pyspark.sql.DataFrame``) with ``{prefix}score`` (double),
    ``{prefix}label`` (string), ``{prefix}confidence`` (double) and, when
    ``evidence`` is true, ``{prefix}evidence`` (string: ``Result.brief()``).

    ``rules``, ``lang`` and ``context`` are read as by ``load_rulebook`` and
    ``in_context``. A null or empty cell is labelled unclassified with score 0, as
    ``classify_many`` answers it. Lazy, like any Spark transformation: the scoring
    runs when the result is written or collected. Raises ``UsageError`` for a missing
    or non-string column or a result column the frame already has, and ImportError
    naming the extra when PySpark is not installed.
    """
    functions = frames.require("pyspark.sql.functions", "spark")
    types = frames.require("pyspark.sql.types", "spark")
    named = frames.names(df.columns, column, prefix, evidence)
    kind = df.schema[column].dataType
    if not isinstance(kind, types.StringType):
        raise UsageError(f"column {column!r} holds {kind.simpleString()}, not text")
    book = frames.rulebook(rules, lang, context)
    shipped = df.sparkSession.sparkContext.broadcast(book)
    schema = types.StructType(
        [
            types.StructField(
                field, types.DoubleType() if field in frames.NUMBERS else types.StringType()
            )
            for field in named
        ]
    )
    pandas = frames.require("pandas", "spark")
    # a lambda, not a def: pandas_udf reads a def's annotations to choose its kind, and
    # one without any is the scalar kind wanted here (a Series in, a frame of fields out)
    scorer = functions.pandas_udf(
        lambda texts: pandas.DataFrame(frames.score(texts, shipped.value, evidence)),
        returnType=schema,
    )
    struct = f"__pushpull_{uuid4().hex}"  # a name no user column has
    with_struct = df.withColumn(struct, scorer(functions.col(_quoted(column))))
    return with_struct.select(
        *(functions.col(_quoted(name)) for name in df.columns),
        *(functions.col(f"{struct}.{field}").alias(name) for field, name in named.items()),
    )


def _quoted(name: str) -> str:
    """A column name as Spark reads it literally: a dot in it names no nested field."""
    return "`" + name.replace("`", "``") + "`"
