"""pushpull.dask on a real local cluster: two worker processes, one thread each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .engines import CONTEXT, TACTICS, engine_or_skip, rules_file

engine_or_skip("dask.dataframe", "distributed")

import dask.dataframe as dd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import pushpull  # noqa: E402
import pushpull.dask  # noqa: E402

PARTITIONS = 4
# the ways a data frame leaves a cell blank, beside None and ""
CELLS = [*TACTICS, np.nan, pd.NA]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def frame() -> Any:
    """The tactics in a column of object dtype (so NaN and pd.NA stay as they are),
    in several partitions, with an index that is not 0..n."""
    index = range(100, 100 + len(CELLS))
    pdf = pd.DataFrame(
        {"Campaign": pd.Series(CELLS, index=index, dtype=object), "row": range(len(CELLS))},
        index=index,
    )
    return dd.from_pandas(pdf, npartitions=PARTITIONS, sort=True)


def expected(**options: Any) -> list[tuple[str, float, float]]:
    book = pushpull.load_rulebook(*options.get("rules", ()))
    results = pushpull.classify_many(CELLS, book, context=options.get("context"))
    return [(r.label.value, r.score, r.confidence) for r in results]


def answered(out: Any) -> list[tuple[str, float, float]]:
    return list(zip(out.pushpull_label, out.pushpull_score, out.pushpull_confidence, strict=True))


def test_same_answers_as_classify_many_blanks_included(client: Client) -> None:
    ddf = frame()
    assert ddf.npartitions >= 2
    out = pushpull.dask.classify_column(ddf, "Campaign").compute()
    assert answered(out) == expected()
    assert list(out.index) == list(range(100, 100 + len(CELLS)))
    assert list(out.row) == list(range(len(CELLS)))
    blanks = [i for i, cell in enumerate(CELLS) if not isinstance(cell, str) or not cell.strip()]
    assert len(blanks) >= 5
    assert {out.pushpull_label.iloc[i] for i in blanks} == {"unclassified"}
    assert {out.pushpull_score.iloc[i] for i in blanks} == {0.0}
    assert "pushpull_evidence" not in out.columns


def test_context_and_rules_are_read_on_the_workers(client: Client, tmp_path: Path) -> None:
    rules = [rules_file(tmp_path)]
    out = pushpull.dask.classify_column(frame(), "Campaign", rules=rules, context=CONTEXT)
    answers = answered(out.compute())
    assert answers == expected(rules=rules, context=CONTEXT)
    assert answers != expected(rules=rules)  # the context changed some answers
    assert answers != expected(context=CONTEXT)  # and so did the layer
    assert answers[TACTICS.index("zorblax launch")][0] == "outbound"


def test_evidence_and_prefix_on_request(client: Client) -> None:
    out = pushpull.dask.classify_column(frame(), "Campaign", evidence=True, prefix="pp_")
    assert list(out.columns)[2:] == ["pp_score", "pp_label", "pp_confidence", "pp_evidence"]
    assert list(out.dtypes[["pp_score", "pp_confidence"]]) == [np.float64, np.float64]
    briefs = [r.brief() for r in pushpull.classify_many(CELLS)]
    assert list(out.compute().pp_evidence) == briefs
    assert any(briefs)


def test_the_meta_matches_what_the_workers_return(client: Client) -> None:
    out = pushpull.dask.classify_column(frame(), "Campaign", evidence=True)
    assert dict(out.compute().dtypes) == dict(out.dtypes)


def test_each_worker_unpickles_the_rulebook_once(client: Client) -> None:
    """One rulebook per worker process, however many partitions it scores: it is not
    shipped and unpickled with each partition's task, and its memos stay warm."""

    def count_unpickling() -> None:
        from pushpull import model

        original = model.Rulebook.__setstate__

        def counted(self: Any, state: dict[str, Any]) -> None:
            model.unpickled = getattr(model, "unpickled", 0) + 1  # type: ignore[attr-defined]
            original(self, state)

        model.Rulebook.__setstate__ = counted  # type: ignore[method-assign]

    def unpickled() -> int:
        from pushpull import model

        return getattr(model, "unpickled", 0)

    client.run(count_unpickling)
    ddf = dd.from_pandas(pd.DataFrame({"Campaign": TACTICS * 4}), npartitions=8)
    pushpull.dask.classify_column(ddf, "Campaign", context=CONTEXT).compute()
    counts = client.run(unpickled)
    assert len(counts) == 2
    assert all(count <= 1 for count in counts.values()), counts


@pytest.mark.parametrize(
    ("column", "prefix", "message"),
    [
        ("Missing", "pushpull_", "no column 'Missing'"),
        ("row", "pushpull_", "column 'row' holds int64, not text"),
        ("Campaign", "", "the frame already has score"),
    ],
)
def test_refuses_what_it_cannot_score(column: str, prefix: str, message: str) -> None:
    ddf = frame().assign(score=1.0)
    with pytest.raises(pushpull.UsageError, match=message):
        pushpull.dask.classify_column(ddf, column, prefix=prefix)
