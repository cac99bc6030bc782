"""Score a CSV stream row by row: one row in, one row out, in order, nothing dropped.

The reading process cuts the file's text into shares at record boundaries
(``shares``); each share is parsed, checked, scored, formatted and tallied by one
function, in-process or in a worker, and comes back as pieces of finished output
text, each with the tally of its rows. So the same code serves ``--jobs 1`` and
``--jobs N`` (and the output is the same), and the parent only reads, writes and
adds up. Shares and pieces are bounded in characters as well as rows: a row of a
10,000-character tactic weighs a thousand short ones, and its JSON evidence more.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from json.encoder import encode_basestring
from operator import attrgetter
from typing import TextIO, cast

from . import engine
from .amounts import parse_amounts
from .csvio import CsvInput, RowCheck, cells, checked, read_together
from .csvline import csv_line, joined_rows, quoted_line
from .errors import LineError
from .layouts import table_rules
from .memo import MAX_KEY_CHARS
from .model import Rulebook
from .output import frame_json_array
from .parallel import stream_map
from .result import Result
from .setaside import TOTAL
from .shares import Share, Shares, parse_share
from .summary import LABEL_TEXT, Summary
from .tables import MAX_PENDING, first_cell, footer_set_aside, is_held

PIECE_CHARS = 1_000_000  # output characters in a piece sent back and written
ADDED = ("score", "label", "confidence", "evidence", "error")


@dataclass(frozen=True)
class Plan:
    """What every block needs to know to score, tally and format its rows; small, so it
    pickles cheaply."""

    header: tuple[str, ...]
    columns: tuple[int, ...]  # read together as the tactic
    fmt: str
    rulebook_info_json: str
    json_keys: tuple[str, ...] = ()  # header names made unique: "tactic", "tactic.1", ...
    total: re.Pattern[str] | None = None  # matches a total row's first cell (table.yaml)
    not_total: frozenset[str] = frozenset()  # first characters no total row starts with
    weight: int | None = None  # the --weight-column
    group: int | None = None  # the --by column
    decimal_comma: bool = False  # how the weight column writes its numbers
    delimiter: str = ","
    newline: str = "\n"
    footer: bool = False  # lines at the end may be a footer (a CSV table of 2+ columns)


def unique_keys(header: list[str]) -> tuple[str, ...]:
    """Header names as JSON keys, none lost: a repeat gets ".1", ".2", ... until the name is free.

    As sqlite-utils dedupes keys: every name the header spells out keeps it, so
    ``tactic,tactic,tactic.1`` gives ``tactic``, ``tactic.2``, ``tactic.1``.
    """
    taken = set(header)
    seen: set[str] = set()
    keys = []
    for name in header:
        key = name
        if name in seen:
            suffix = 1
            while f"{name}.{suffix}" in taken:
                suffix += 1
            key = f"{name}.{suffix}"
            taken.add(key)
        seen.add(name)
        keys.append(key)
    return tuple(keys)


def added_names(header: list[str]) -> list[str]:
    """Our column names, prefixed (pushpull_, pushpull2_, ...) until none clashes."""
    taken = {h.strip().casefold() for h in header}
    prefixes = ("", "pushpull_", *(f"pushpull{n}_" for n in range(2, len(header) + 3)))
    for prefix in prefixes:
        names = [prefix + name for name in ADDED]
        if not taken.intersection(names):
            return names
    raise AssertionError("unreachable: more prefixes than header names")


TOTAL_NOTE = "total row: left out of the mix"
TACTIC = attrgetter("_tactic")  # a result's text, read in C


def score_rows(
    book: Rulebook, plan: Plan, block: list[list[str]]
) -> tuple[list[Result], list[str]]:
    """The result for each row of a block (unclassified with a reason when it cannot
    be scored, or when it is a total row) and any note on the row, or ''.

    A block at a time: the tactics are looked up in the memo together, and the search
    for replaced bytes runs once over the block, so a row whose tactic came before
    costs no call of its own.
    """
    columns = plan.columns
    if len(columns) == 1:
        texts = cells(block, columns[0])
    else:
        texts = [read_together(row, columns) for row in block]
    known = book.text_cache.get_many(texts)
    clean = "\ufffd" not in "".join(map("".join, block))
    width = len(plan.header)
    total, not_total = plan.total, plan.not_total
    results: list[Result] = []
    notes: list[str] = []
    for row, tactic, result in zip(block, texts, known, strict=True):
        # the first cell is most often the first non-empty one: no call to find it
        if (
            total is not None
            and row
            and row[0][:1] not in not_total
            and total.match(row[0].strip() or first_cell(row))
        ):
            results.append(Result.unclassified(tactic, book, TOTAL_NOTE))
            notes.append(TOTAL_NOTE)
            continue
        if result is None:
            result = engine.classify_unseen(tactic, book)
        results.append(result)
        if len(row) == width and result.reason is None and clean:
            notes.append("")  # the common row: nothing to say about it
        else:
            notes.append(_note(row, width, result))
    return results, notes


def _note(row: list[str], width: int, result: Result) -> str:
    """What a row's error column says: why it is odd, or why its tactic was refused."""
    notes = []
    if not row:
        notes.append("blank line")
    elif len(row) != width:
        notes.append(f"ragged row: {len(row)} fields, header has {width}")
    if result.reason is not None:
        notes.append(result.reason)
    elif "\ufffd" in "".join(row):  # one search in C, not a generator per cell
        notes.append("invalid bytes replaced with U+FFFD")
    return "; ".join(notes)


def tally_row(summary: Summary, result: Result, error: str) -> bool:
    """Count a scored row into the mix by its result; a total row only as set aside.
    True when its weight and group count too (``place_rows``): not for a total row."""
    if error == TOTAL_NOTE:
        summary.set_aside[TOTAL] += 1
        return False
    summary.count(result, error=bool(error))
    return True


def place_rows(summary: Summary, plan: Plan, rows: list[list[str]], labels: list[str]) -> None:
    """Count the rows' weights and groups, when the run has them, under their labels:
    a piece's rows at a time, in their order, so no call is made per row."""
    at, by = plan.weight, plan.group
    weights = None
    if at is not None:
        weights, unreadable = parse_amounts(cells(rows, at), decimal_comma=plan.decimal_comma)
        summary.weight_unreadable += unreadable
    groups = None if by is None else list(map(str.strip, cells(rows, by)))
    summary.place_all(labels, weights, groups)


def score_block(
    plan: Plan, empty: Summary, book: Rulebook, block: list[list[str]]
) -> Iterator[tuple[list[str], Summary]]:
    """Finished output text for a block of rows, in pieces of about ``PIECE_CHARS``,
    each with the tally of its rows (counted as ``empty`` counts).

    Each row's text is made first, with no step in Python per row for a CSV row with
    nothing to note (this runs a million times); the pieces are then cut where the
    texts' running size passes ``PIECE_CHARS``. A piece is a list of texts, each all
    ASCII or all not: one accented name would otherwise make writing (and sending
    from a worker) every character of a joined piece cost more.
    """
    results, errors = score_rows(book, plan, block)
    lead = ""
    if plan.fmt == "csv":
        texts = _csv_texts(plan, block, results, errors)
    else:  # JSON rows start with the separator, which a piece's first row drops
        lead, end = ("", "\n") if plan.fmt == "jsonl" else (",\n", "")
        keys = tuple(map(encode_basestring, plan.json_keys))  # as json.dumps writes them
        # a full row's input object between its braces, a %s for each value
        inputs = ", ".join([f"{key.replace('%', '%%')}: %s" for key in keys])
        texts = [
            _json_row(plan, keys, inputs, row, result, error, lead, end)
            for row, result, error in zip(block, results, errors, strict=True)
        ]
    # results come back while the memo is not resting: their tally is held, to be added
    # up once for all repeats. A long tactic's never does (the memo keeps no long text),
    # and holding its result would keep its text, offsets and evidence in memory
    repeating = (
        not book.text_cache.resting
        and max(map(len, map(TACTIC, results)), default=0) <= MAX_KEY_CHARS
    )
    placing = plan.weight is not None or plan.group is not None
    noted = any(errors)
    ends = list(accumulate(map(len, texts)))
    start = 0
    while start < len(block):
        # the piece ends with the row that takes its size to PIECE_CHARS
        passed = (ends[start - 1] if start else 0) + PIECE_CHARS
        stop = min(bisect_left(ends, passed, start) + 1, len(block))
        summary = empty.like()
        unplaced: set[int] = set()  # total rows: their weight and group do not count
        if noted:
            for k in range(start, stop):
                if errors[k] and not tally_row(summary, results[k], errors[k]):
                    unplaced.add(k)
        # rows with no note, counted per result in C (a repeated tactic's result is the
        # same object); their weights and groups placed in row order (``place_rows``)
        alike = results[start:stop]
        if noted:
            alike = [r for r, e in zip(alike, errors[start:stop], strict=True) if not e]
        summary.hold(alike, repeating=repeating)
        if placing:
            rows, done = block[start:stop], results[start:stop]
            if unplaced:
                kept = [k for k in range(start, stop) if k not in unplaced]
                rows, done = [block[k] for k in kept], [results[k] for k in kept]
            place_rows(summary, plan, rows, list(map(LABEL_TEXT, done)))
        chunk = texts[start:stop]
        if lead:
            chunk[0] = chunk[0][len(lead) :]
        yield _by_script(chunk), summary
        start = stop


def _by_script(texts: list[str]) -> list[str]:
    """``texts`` joined into runs that are each all ASCII or all not (one run, nearly
    always). A loop: ``map(str.isascii, ...)`` and ``list.index`` cost more here."""
    joined = "".join(texts)
    if joined.isascii():
        return [joined]
    runs: list[str] = []
    run: list[str] = []
    plain = True
    for text in texts:
        if text.isascii() is not plain:
            if run:
                runs.append("".join(run))
                run.clear()
            plain = not plain
        run.append(text)
    runs.append("".join(run))
    return runs


def _csv_texts(
    plan: Plan, block: list[list[str]], results: list[Result], errors: list[str]
) -> list[str]:
    """Each row's CSV text: the input's fields as ``csv.writer`` writes them, then our
    end, kept per result; a row with a note (a ragged row is always noted) is written
    whole. Comprehensions, not ``map``: Python 3.11 calls a method from one for half of
    what ``methodcaller`` costs."""
    delimiter, newline = plan.delimiter, plan.newline
    lines = joined_rows(block, delimiter)
    if None in lines:  # the writer must quote these
        lines = [
            quoted_line(row, delimiter) if line is None else line
            for row, line in zip(block, lines, strict=True)
        ]
    texts = [
        line + result.csv_tail(delimiter, newline)
        for line, result in zip(cast(list[str], lines), results, strict=True)
    ]
    if any(errors):
        for k, error in enumerate(errors):
            if error:
                texts[k] = csv_line(_csv_row(plan, block[k], results[k], error), delimiter, newline)
    return texts


def _csv_row(plan: Plan, row: list[str], result: Result, error: str) -> list[str]:
    """The input's fields, ours after the header's width, then any extra fields."""
    width = len(plan.header)
    if len(row) == width:
        return [*row, *result.fields(), error]
    padded = row + [""] * (width - len(row))
    return [*padded[:width], *result.fields(), error, *padded[width:]]


def _json_row(
    plan: Plan,
    keys: tuple[str, ...],
    inputs: str,
    row: list[str],
    result: Result,
    error: str,
    before: str,
    after: str,
) -> str:
    """The PRODUCT.md object for a row, with the input row under "input", between
    ``before`` and ``after`` (a separator, a line end: one string built, not three)."""
    # json.dumps's text for the input object, written by hand: ``keys`` are encoded
    # once per block, the values by the encoder json.dumps uses; a row of the header's
    # width (nearly all) fills in ``inputs``
    if len(row) == len(keys):
        fields = inputs % tuple(map(encode_basestring, row))
    else:
        pairs = [
            f"{key}: {encode_basestring(value)}" for key, value in zip(keys, row, strict=False)
        ]
        if len(row) > len(keys):
            extra = ", ".join(map(encode_basestring, row[len(keys) :]))
            pairs.append(f'"_extra": [{extra}]')
        fields = ", ".join(pairs)
    note = f', "error": {encode_basestring(error)}' if error else ""
    return (
        f'{before}{result.json_head()}, "input": {{{fields}}}{note}, '
        f'"rulebook": {plan.rulebook_info_json}}}{after}'
    )


@dataclass(frozen=True)
class Tail:
    """The end of a share's pieces: the lines at its end that might be a footer, which
    only the reading process, seeing what follows, can place; None when the share did
    not end between records (its cut was wrong) and nothing of it was scored."""

    held: list[list[str]] | None
    lines: int = 0  # the lines the share's text held


Piece = tuple[list[str], Summary]


def piece_rows(piece: Piece) -> int:
    """The rows a piece of output holds (for a progress line)."""
    return piece[1].rows


def score_share(
    plan: Plan, empty: Summary, check: RowCheck | None, book: Rulebook, share: Share
) -> Iterator[Piece | Tail]:
    """The pieces of a share's rows (``score_block``), parsed and checked here, then its
    ``Tail``; an error in the share comes after the rows before it."""
    rows, error, lines = parse_share(share, plan.delimiter)
    if rows is None:
        yield Tail(None)
        return
    if check is not None:
        rows, refused = checked(rows, check, share.line)
        error = refused or error
    end = len(rows)
    if plan.footer and error is None:  # lines before an error are rows: no footer follows
        width = len(plan.header)
        while end and is_held(rows[end - 1], width):
            end -= 1
    if end:
        yield from score_block(plan, empty, book, rows if end == len(rows) else rows[:end])
    if error is not None:
        raise error
    yield Tail(rows[end:], lines)


def make_plan(
    source: CsvInput,
    book: Rulebook,
    fmt: str,
    weight_column: str | None = None,
    group_column: str | None = None,
) -> Plan:
    """What scoring ``source`` needs to know, its weight and group columns found now,
    before any row is read, so a missing one stops the run at once."""
    return Plan(
        tuple(source.header),
        source.columns,
        fmt,
        json.dumps(book.info()),
        unique_keys(source.header),
        table_rules().total,
        table_rules().total_never_starts,
        None if weight_column is None else source.find(weight_column),
        None if group_column is None else source.find(group_column),
        source.dialect.delimiter == ";",
        source.dialect.delimiter,
        source.dialect.newline,
        source.shares is not None and len(source.header) >= 2,
    )


def score_stream(
    source: CsvInput,
    out: TextIO,
    book: Rulebook,
    *,
    fmt: str = "csv",
    jobs: int = 1,
    write_rows: bool = True,
    weight_column: str | None = None,
    group_column: str | None = None,
    watch: Callable[[Iterator[Piece]], Iterator[Piece]] | None = None,
) -> Summary:
    """Score every row of ``source``, write it to ``out``, and return the mix.

    CSV output is written as the input was: same delimiter and line endings.
    ``watch`` sees the pieces go by (a progress line).
    """
    plan = make_plan(source, book, fmt, weight_column, group_column)
    summary = Summary(weight_column=weight_column, group_column=group_column)
    with closing(_scored(source, plan, book, summary.like(), jobs)) as scored:
        texts = _tallied(scored if watch is None else watch(scored), summary)
        if not write_rows:
            for _ in texts:
                pass
        elif fmt == "json":
            frame_json_array(texts, out)
        else:
            if fmt == "csv":
                header = [*source.header, *added_names(source.header)]
                out.write(csv_line(header, plan.delimiter, plan.newline))
            for piece in texts:
                out.writelines(piece)
    summary.settle()
    summary.set_aside.update(source.set_aside)
    return summary


def _tallied(pieces: Iterator[Piece], summary: Summary) -> Iterator[list[str]]:
    """Each piece's output texts, tallying its rows into ``summary`` on the way past."""
    for texts, part in pieces:
        summary.merge(part)
        if texts:
            yield texts


def _scored(
    source: CsvInput, plan: Plan, book: Rulebook, empty: Summary, jobs: int
) -> Generator[Piece, None, None]:
    """The pieces of every share, in order: scored here, or by ``jobs`` workers.

    Lines a share ends with that might be a footer wait here until a row of the
    table follows them (then they are scored here, before it), or the file ends
    (then ``footer_set_aside`` places the footer), as ``tables.body`` does for rows
    read in one place. A share that did not end between records makes the rest of
    the file be parsed here, the workers' later work thrown away.
    """
    if source.shares is not None:
        shares = source.shares()
    else:  # rows read elsewhere (Parquet): nothing to cut
        shares = Shares(Share(rows=block) for block in source.blocks)
    work = partial(score_share, plan, empty, source.check)
    held: list[list[str]] = []
    while True:
        with closing(_pieces(work, shares, book, jobs)) as pieces:
            try:
                for piece in pieces:
                    if not isinstance(piece, Tail):
                        if held:
                            yield from score_block(plan, empty, book, held)
                            held = []
                        yield piece
                    elif piece.held is None:
                        shares.reread()
                        break
                    else:
                        shares.confirm(piece.lines)
                        held += piece.held
                        if len(held) >= MAX_PENDING:  # too long for a footer: rows, as read
                            cut = len(held) - len(held) % MAX_PENDING
                            yield from score_block(plan, empty, book, held[:cut])
                            held = held[cut:]
                else:
                    break
            except LineError as error:
                if held:  # rows before the error, as every row before it is
                    yield from score_block(plan, empty, book, held)
                raise shares.placed(error) from None
    if held:
        rest = footer_set_aside(held, table_rules(), source.set_aside)
        if rest:
            yield from score_block(plan, empty, book, rest)


def _pieces(
    work: Callable[[Rulebook, Share], Iterator[Piece | Tail]],
    shares: Shares,
    book: Rulebook,
    jobs: int,
) -> Generator[Piece | Tail, None, None]:
    if jobs <= 1:
        for share in shares:
            yield from work(book, share)
        return
    yield from stream_map(work, shares, book, jobs)
