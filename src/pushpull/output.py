"""Write results as JSON, JSON Lines or plain text, to stdout or atomically to a file:
one place for every command."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import InputError
from .model import Rulebook
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
    return frame_json_array((dumps(obj) for obj in objects), out)


def frame_json_array(pieces: Iterable[str], out: TextIO) -> int:
    """Write serialised JSON pieces (one object, or several joined by ",\n") as one array."""
    count = 0
    for piece in pieces:
        out.write(("[\n" if count == 0 else ",\n") + piece)
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


def output_target(path: str) -> Path:
    """Where writing ``path`` really lands, checked before any work is done.

    A symlink is followed, so the file it points at is replaced and the link kept.
    """
    target = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    if target.is_dir():
        raise InputError(f"cannot write {path}: it is a directory")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: no directory {str(target.parent)!r}")
    return target


@contextmanager
def atomic_output(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """Write to ``path`` through a temporary file renamed into place only on success.

    An interrupted or failed run leaves no partial file and the old file untouched;
    the new file gets the old one's permissions (or the umask's). A device or pipe
    (``/dev/stdout``, a FIFO) cannot be replaced, so it is written to directly.
    ``None`` or ``-`` writes to stdout.
    """
    if path in (None, "-"):
        yield stdout
        stdout.flush()
        return
    assert path is not None
    target = output_target(path)
    if target.exists() and not target.is_file():
        with _open_for_writing(path, target) as handle:
            yield handle
        return
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _open_for_writing(path: str, target: Path) -> Iterator[TextIO]:
    try:
        handle = target.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def rulebook_lines(book: Rulebook) -> list[str]:
    """The dimensions as plain tab-separated lines: id, weight, poles, source."""
    return [
        f"{d.id}\t{d.weight:g}\t{d.inbound}\t{d.outbound}\t{d.source.seed}: {d.source.passage}"
        for d in book.dimensions
    ]
