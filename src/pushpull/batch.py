"""Score a CSV stream row by row: one row in, one row out, in order, nothing dropped.

Work goes in chunks through one function that turns input rows into finished
output lines, so the same code runs in-process or in worker processes, and the
parent only reads, writes and tallies.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TextIO

from . import engine
from .csvio import CsvInput
from .inputs import tactic_problem
from .model import Rulebook
from .parallel import chunks, parallel_map
from .result import Result
from .summary import RowTally, Summary
from .textnorm import WORD

CHUNK_ROWS = 1_000
ADDED = ("score", "label", "confidence", "evidence", "error")
FORMATS = ("csv", "jsonl", "json")


@dataclass(frozen=True)
class Layout:
    """What every chunk needs to know to format its rows; small, so it pickles cheaply."""

    header: tuple[str, ...]
    column: int
    fmt: str
    rulebook_info_json: str


def added_names(header: list[str]) -> list[str]:
    """Our column names, prefixed when the input already uses one of them."""
    taken = {h.strip().casefold() for h in header}
    clash = any(name in taken for name in ADDED)
    return [f"pushpull_{n}" if clash else n for n in ADDED]


def evidence_text(result: Result) -> str:
    """The phrases that counted, each marked +, - or ~ for its direction."""
    parts = []
    for ev in result.evidence:
        mark = "+" if ev.weight > 0 else "-" if ev.weight < 0 else "~"
        parts.append(f"{mark}{'not ' if ev.negated else ''}{ev.text}")
    return "; ".join(parts)


def score_row(book: Rulebook, layout: Layout, row: list[str]) -> tuple[Result | None, str]:
    """The result for one row (None when it cannot be scored) and why not, or ''."""
    width = len(layout.header)
    text = row[layout.column] if layout.column < len(row) else ""
    problems = []
    if not row:
        problems.append("blank line")
    elif len(row) != width:
        problems.append(f"ragged row: {len(row)} fields, header has {width}")
    problem = tactic_problem(text)
    if problem:
        return None, "; ".join([*problems, problem])
    if "\ufffd" in text:
        problems.append("invalid UTF-8 replaced with U+FFFD")
    return engine.classify(text, book), "; ".join(problems)


def score_chunk(layout: Layout, book: Rulebook, rows: list[list[str]]) -> list[
        tuple[str, RowTally]]:
    """Finished output text and a tally for each row of a chunk, in order."""
    out: list[tuple[str, RowTally]] = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    width = len(layout.header)
    for row in rows:
        result, error = score_row(book, layout, row)
        if result is None:
            score, label, confidence, evidence = 0.0, "unclassified", 0.0, ""
            tally = RowTally(0.0, "unclassified", (), (), bool(error))
        else:
            score, label, confidence = result.score, result.label, result.confidence
            evidence = evidence_text(result)
            tally = RowTally(score, label, tuple({ev.rule for ev in result.evidence}),
                             _words(result) if label == "unclassified" else (), bool(error))
        if layout.fmt == "csv":
            padded = row + [""] * (width - len(row))
            cells = [*padded[:width], f"{score:g}", label, f"{confidence:g}", evidence, error,
                     *padded[width:]]
            writer.writerow(cells)
            line = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        else:
            line = _json_row(layout, row, result, error)
        out.append((line, tally))
    return out


def _json_row(layout: Layout, row: list[str], result: Result | None, error: str) -> str:
    record = dict(zip(layout.header, row, strict=False))
    if len(row) > len(layout.header):
        record["_extra"] = row[len(layout.header):]  # type: ignore[assignment]
    if result is None:
        body = {"schema_version": 1, "tactic": row[layout.column] if layout.column < len(row)
                else "", "score": 0.0, "label": "unclassified", "confidence": 0.0,
                "dimensions": []}
    else:
        body = result.to_dict()
        del body["rulebook"]
    text = json.dumps(body, ensure_ascii=False)[:-1]
    extra = f', "error": {json.dumps(error)}' if error else ""
    return (f'{text}, "input": {json.dumps(record, ensure_ascii=False)}{extra}, '
            f'"rulebook": {layout.rulebook_info_json}}}')


def _words(result: Result) -> tuple[str, ...]:
    return tuple(w.group().lower() for w in WORD.finditer(result.tactic))


def score_stream(source: CsvInput, out: TextIO, book: Rulebook, *, fmt: str = "csv",
                 jobs: int = 1, summary: Summary | None = None,
                 write_rows: bool = True) -> Summary:
    """Score every row of ``source`` and write it to ``out``; return the tally."""
    layout = Layout(tuple(source.header), source.column, fmt, json.dumps(book.info()))
    summary = summary or Summary()
    if write_rows and fmt == "csv":
        csv.writer(out, lineterminator="\n").writerow(
            [*source.header, *added_names(source.header)])
    first = True
    for line, tally in _scored(source.rows, layout, book, jobs):
        summary.add(tally)
        if not write_rows:
            continue
        if fmt == "json":
            out.write(("[\n" if first else ",\n") + line)
        elif fmt == "jsonl":
            out.write(line + "\n")
        else:
            out.write(line)
        first = False
    if write_rows and fmt == "json":
        out.write("[]\n" if first else "\n]\n")
    return summary


def _scored(rows: Iterator[list[str]], layout: Layout, book: Rulebook,
            jobs: int) -> Iterator[tuple[str, RowTally]]:
    work = partial(score_chunk, layout)
    if jobs <= 1:
        for chunk in chunks(rows, CHUNK_ROWS):
            yield from work(book, chunk)
        return
    for done in parallel_map(work, chunks(rows, CHUNK_ROWS), book, jobs, chunk_size=1):
        yield from done
