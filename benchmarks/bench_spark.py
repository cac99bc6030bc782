"""Cluster throughput: rows/s of ``pushpull.spark`` on local[2] and ``pushpull.dask`` on
a 2-worker local cluster, beside ``classify_many`` in one process on the same rows.

The integrations are for tables too big for one machine, so what matters is how much
of the per-row speed survives the trip: Arrow batches into Python workers for Spark,
pickled partitions for Dask. Each engine scores the same seeded campaign names
(``_common.phrases``); the clock runs from the action to its end, after one warm-up
run that starts the Python workers, so engine start-up is left out and printed apart.
Spark writes to its ``noop`` sink and Dask counts each partition, so every row is
scored and only counts are sent back. It only prints figures.

    python benchmarks/bench_spark.py                # real measurement (200,000 rows)
    python benchmarks/bench_spark.py --rows 2000 --runs 1   # smoke test

Needs ``pip install '.[spark,dask]'`` and a Java runtime for Spark.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import phrases

import pushpull

WORKERS = 2
PARTITIONS_PER_WORKER = 4


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Seconds of each of ``runs`` calls to ``action``, after one warm-up call."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, rows: int, times: list[float]) -> None:
    rates = sorted(rows / t for t in times)
    spread = f"{rates[0]:,.0f} to {rates[-1]:,.0f}" if len(rates) > 1 else f"{rates[0]:,.0f}"
    print(f"{name:<34} {spread} rows/s  ({', '.join(f'{t:.2f}' for t in times)} s)")


def one_process(texts: list[str], runs: int) -> None:
    book = pushpull.load_rulebook()
    times = timed(lambda: list(pushpull.classify_many(texts, book)), runs)
    report("classify_many, one process", len(texts), times)


def spark(texts: list[str], runs: int) -> None:
    import pandas as pd
    from pyspark.sql import SparkSession

    import pushpull.spark

    start = time.perf_counter()
    session = (
        SparkSession.builder.master(f"local[{WORKERS}]")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.pyspark.python", sys.executable)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    print(f"{'(spark session start)':<34} {time.perf_counter() - start:.1f} s")
    try:
        df = (
            session.createDataFrame(pd.DataFrame({"name": texts}))
            .repartition(WORKERS * PARTITIONS_PER_WORKER)
            .cache()
        )
        df.count()  # the input in executor memory: time the scoring, not the upload
        out = pushpull.spark.classify_column(df, "name")

        def score() -> None:
            out.write.format("noop").mode("overwrite").save()

        report(f"spark local[{WORKERS}]", len(texts), timed(score, runs))
    finally:
        session.stop()


def dask(texts: list[str], runs: int) -> None:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster, wait

    import pushpull.dask

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=WORKERS, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        print(f"{'(dask cluster start)':<34} {time.perf_counter() - start:.1f} s")
        partitions = WORKERS * PARTITIONS_PER_WORKER
        ddf = dd.from_pandas(pd.DataFrame({"name": texts}), npartitions=partitions)
        ddf = client.persist(ddf)
        wait(ddf)
        runs_made = iter(range(runs + 1))

        def score() -> None:
            # graph keys follow from their inputs, and the cluster may still hold the
            # last run's results: a column of this run's number makes every key new
            fresh = ddf.assign(run=next(runs_made))
            out = pushpull.dask.classify_column(fresh, "name")
            # a count per partition: every row is scored on the workers, only counts return
            assert out.map_partitions(len).compute().sum() == len(texts)

        report(f"dask, {WORKERS} worker processes", len(texts), timed(score, runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up")
    parser.add_argument("--only", choices=["spark", "dask"], help="run one engine only")
    args = parser.parse_args()
    texts = phrases(args.rows)
    print(f"{args.rows:,} rows, {len(set(texts)):,} distinct")
    one_process(texts, args.runs)
    if args.only != "dask":
        spark(texts, args.runs)
    if args.only != "spark":
        dask(texts, args.runs)


if __name__ == "__main__":
    main()
