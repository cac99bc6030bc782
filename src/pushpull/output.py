"""Write results as JSON, JSON Lines or plain text: one place for every command."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from .result import Result


def dumps(obj: Any) -> str:
    """Compact, stable JSON that keeps non-ASCII text readable."""
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def write_jsonl(objects: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One object a line; returns how many were written."""
    count = 0
    for obj in objects:
        out.write(dumps(obj) + "\n")
        count += 1
    return count


def write_json_array(objects: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A valid JSON array, streamed item by item so it is never built in memory."""
    count = 0
    for obj in objects:
        out.write(("[\n" if count == 0 else ",\n") + dumps(obj))
        count += 1
    out.write("[]\n" if count == 0 else "\n]\n")
    return count


def write_json(objects: Iterable[dict[str, Any]], out: TextIO, *, single: bool) -> int:
    """``single``: one object as itself; otherwise an array."""
    if single:
        items = list(objects)
        out.write(json.dumps(items[0], ensure_ascii=False, indent=2) + "\n")
        return 1
    return write_json_array(objects, out)


def plain_line(result: Result) -> str:
    """Tactic, label and score, tab-separated: stable for scripts and diff."""
    tactic = " ".join(result.tactic.split())
    return f"{tactic}\t{result.label}\t{result.score:+.3f}"
