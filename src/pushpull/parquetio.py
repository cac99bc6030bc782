"""Parquet in and out of ``pushpull batch``, so a data team can hand files between
pushpull and Spark, Dask or DuckDB without going through CSV.

pyarrow is an optional extra (``pip install 'pushpull[parquet]'``): it is imported
here only, when a Parquet file is read or written. Cells are read as text, as a CSV
cell is, and written back as text beside pushpull's own typed columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .batch import Plan, added_names, place_rows, score_rows, tally_row
from .csvio import CsvInput, Dialect, ReadOptions, pick_columns, require_fit
from .errors import InputError, UsageError
from .layouts import chosen_layouts
from .model import Rulebook
from .shares import READ_ROWS
from .summary import Summary
from .textfile import Encoding

SUFFIX = ".parquet"
BATCH_ROWS = 10_000  # rows read, scored and written at a time: memory stays flat
EXTRA = "_extra"  # a CSV row's fields past the header, kept as a JSON list


def is_parquet(path: str | None) -> bool:
    return path is not None and path.lower().endswith(SUFFIX)


def _arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or a one-line answer saying how to get them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("Parquet needs pyarrow: pip install 'pushpull[parquet]'") from None
    return pyarrow, pyarrow.parquet


def read_parquet(path: str, columns: Sequence[str], options: ReadOptions) -> CsvInput:
    """A Parquet file as the rows ``batch`` reads: every cell as text, a null as ''."""
    _, parquet = _arrow()
    try:
        handle = parquet.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"cannot read {path} as Parquet: {exc}") from None
    header = list(handle.schema_arrow.names)
    layouts = chosen_layouts(options.layout)
    layout = next((lay for lay in layouts if lay.fits(header)), None)
    require_fit(options, layouts, layout)
    picked = pick_columns(header, columns, layout)
    blocks = _text_blocks(handle.iter_batches(batch_size=READ_ROWS))
    dialect = Dialect(",", "\n", Encoding("utf-8", False))
    return CsvInput(header, picked, blocks, dialect, layout=layout)


def _text_blocks(batches: Iterator[Any]) -> Iterator[list[list[str]]]:
    """Each record batch as a block of rows (an empty batch gives none)."""
    for batch in batches:
        if batch.num_rows:
            columns = [[_text(value) for value in column.to_pylist()] for column in batch.columns]
            yield [list(row) for row in zip(*columns, strict=True)]


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def write_parquet(
    source: CsvInput, out: Path, book: Rulebook, plan: Plan, summary: Summary
) -> None:
    """Score every row of ``source`` into a Parquet file at ``out``, tallying ``summary``.

    The input's columns come first, as text, then ``score``, ``label``,
    ``confidence``, ``evidence`` and ``error`` (named as in CSV output), then
    ``_extra`` for fields a ragged CSV row holds past its header (a JSON list).
    """
    arrow, parquet = _arrow()
    width = len(source.header)
    names = [*plan.json_keys, *added_names(source.header), EXTRA]
    schema = arrow.schema(
        [(name, arrow.string()) for name in plan.json_keys]
        + [
            (names[width], arrow.float64()),
            (names[width + 1], arrow.string()),
            (names[width + 2], arrow.float64()),
            (names[width + 3], arrow.string()),
            (names[width + 4], arrow.string()),
            (EXTRA, arrow.string()),
        ]
    )
    with parquet.ParquetWriter(str(out), schema) as writer:
        block: list[list[str]] = []
        for row in source.rows:
            block.append(row)
            if len(block) == BATCH_ROWS:
                writer.write_batch(_scored_batch(arrow, schema, block, width, book, plan, summary))
                block = []
        if block or not summary.rows:
            writer.write_batch(_scored_batch(arrow, schema, block, width, book, plan, summary))


def _scored_batch(
    arrow: Any,
    schema: Any,
    block: list[list[str]],
    width: int,
    book: Rulebook,
    plan: Plan,
    summary: Summary,
) -> Any:
    """One record batch: the rows' cells, then what pushpull found for each."""
    cells: list[list[str]] = [[] for _ in range(width)]
    scores, labels, confidences, evidence, errors, extras = [], [], [], [], [], []
    placed, placed_labels = [], []
    results, notes = score_rows(book, plan, block)
    for row, result, error in zip(block, results, notes, strict=True):
        if tally_row(summary, result, error):
            placed.append(row)
            placed_labels.append(result.label._value_)
        for k in range(width):
            cells[k].append(row[k] if k < len(row) else "")
        scores.append(result.score)
        labels.append(str(result.label))
        confidences.append(result.confidence)
        evidence.append(result.brief())
        errors.append(error)
        extras.append(json.dumps(row[width:], ensure_ascii=False) if len(row) > width else "")
    place_rows(summary, plan, placed, placed_labels)
    arrays = [arrow.array(column, arrow.string()) for column in cells]
    arrays += [
        arrow.array(scores, arrow.float64()),
        arrow.array(labels, arrow.string()),
        arrow.array(confidences, arrow.float64()),
        arrow.array(evidence, arrow.string()),
        arrow.array(errors, arrow.string()),
        arrow.array(extras, arrow.string()),
    ]
    return arrow.RecordBatch.from_arrays(arrays, schema=schema)
