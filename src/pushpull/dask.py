"""Score a column of a Dask DataFrame on the workers (``pip install 'pushpull[dask]'``).

>>> scored = pushpull.dask.classify_column(ddf, "Campaign", context="paid ad")  # doctest: +SKIP

Each partition is scored by ``map_partitions``. The rulebook is loaded on the client
(a bad rules file fails there, once) and handed to every partition as one
``dask.delayed`` value rather than as a plain argument: a plain argument is copied
into every partition's task and unpickled by each, while a delayed value is one key
of the graph, which a distributed worker fetches once and then reads from memory for
every partition it scores, keeping the rulebook's word and score memos warm.

Dask is imported when a column is classified, never by ``import pushpull``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import frames
from .errors import UsageError
from .model import Rulebook

__all__ = ["classify_column"]


def classify_column(
    ddf: Any,
    column: str,
    *,
    rules: Sequence[str | Path] = (),
    context: str | None = None,
    lang: Iterable[str] = (),
    evidence: bool = False,
    prefix: str = "pushpull_",
) -> Any:
    """``ddf`` (a ``dask.dataframe.DataFrame``) with ``{prefix}score`` (float64),
    ``{prefix}label`` (text), ``{prefix}confidence`` (float64) and, when ``evidence``
    is true, ``{prefix}evidence`` (text: ``Result.brief()``); index and row order kept.

    ``rules``, ``lang`` and ``context`` are read as by ``load_rulebook`` and
    ``in_context``. A missing or empty cell is labelled unclassified with score 0, as
    ``classify_many`` answers it. Lazy, like any Dask operation. Raises ``UsageError``
    for a missing or non-text column or a result column the frame already has, and ImportError
    naming the extra when Dask is not installed.
    """
    delayed = frames.require("dask", "dask").delayed
    frames.require("dask.dataframe", "dask")
    named = frames.names(list(ddf.columns), column, prefix, evidence)
    kind = ddf[column].dtype
    if not frames.require("pandas", "dask").api.types.is_string_dtype(kind):
        raise UsageError(f"column {column!r} holds {kind}, not text")
    book = frames.rulebook(rules, lang, context)
    # the meta is the function's own answer for no rows, so its dtypes cannot drift
    meta = _scored(ddf._meta, column, book, named)
    return ddf.map_partitions(
        _scored, column, delayed(book, pure=True), named, meta=meta, align_dataframes=False
    )


def _scored(part: Any, column: str, book: Rulebook, named: dict[str, str]) -> Any:
    """One partition with its result columns: numbers as float64, words in the dtype
    this pandas gives text, so that every partition, empty ones too, agrees."""
    pandas = frames.require("pandas", "dask")
    text = pandas.Series(["x"]).dtype
    columns = frames.score(part[column], book, "evidence" in named)
    return part.assign(
        **{
            name: pandas.Series(
                columns[field],
                index=part.index,
                dtype="float64" if field in frames.NUMBERS else text,
            )
            for field, name in named.items()
        }
    )
