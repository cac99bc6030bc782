"""Write results as JSON, JSON Lines or plain text, to stdout or atomically to a file:
one place for every command."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import InputError, UsageError
from .stops import stops_held


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
    return frame_json_array(([dumps(obj)] for obj in objects), out)


def frame_json_array(pieces: Iterable[list[str]], out: TextIO) -> int:
    """Write serialised JSON pieces (the texts of one object, or of several joined by
    ",\n") as one array."""
    count = 0
    for piece in pieces:
        out.write("[\n" if count == 0 else ",\n")
        out.writelines(piece)
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


def output_target(path: str) -> Path:
    """Where writing ``path`` really lands, checked before any work is done.

    A symlink to a file is followed, so the file it points at is replaced and the
    link kept. A device or pipe (``/dev/stdout``, ``/dev/fd/63`` from a shell's
    ``>(...)``, a FIFO) is kept as named: it is written through, never replaced, and
    resolving it would name a pipe that no directory holds.
    """
    given = Path(path)
    try:
        mode = os.stat(given).st_mode
    except OSError:
        mode = None  # not there yet (or a dangling link): the file will be made
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"cannot write {path}: it is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        return given
    target = given.resolve() if given.is_symlink() else given
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: no directory {str(target.parent)!r}")
    return target


def check_outputs(inputs: Iterable[str], outputs: Iterable[str | None]) -> None:
    """Refuse, before any work, an output that would overwrite an input or another
    output, or that cannot be written.

    Sameness is the file's identity (device and inode), so a symlink or a hard link
    to an input is caught; a file not made yet is compared by its resolved path.
    Devices and pipes are written through, never replaced, so they are not compared.
    ``None`` and ``-`` (stdout, stdin) are skipped.
    """
    seen: dict[object, str] = {}
    for path in inputs:
        key = _identity(path) if path != "-" else None
        if key is not None:
            seen.setdefault(key, f"the input {path}")
    named = [path for path in outputs if path is not None and path != "-"]
    for path in named:
        key = _identity(path)
        if key in seen:
            raise UsageError(f"{path} is {seen[key]}; refusing to overwrite it")
        if key is not None:
            seen[key] = f"also the output {path}"
    for path in named:
        _check_writable(path)


def _identity(path: str) -> object:
    """What names a file whatever the path: (device, inode), or the resolved path of a
    file yet to be made; None for a device or pipe."""
    try:
        found = os.stat(path)
    except OSError:
        return Path(path).resolve()
    if stat.S_ISREG(found.st_mode):
        return (found.st_dev, found.st_ino)
    return None


def _check_writable(path: str) -> None:
    """Fail now, not after the work, if ``path`` cannot be written as atomic_output will."""
    target = output_target(path)
    if target.exists() and not target.is_file():
        if not os.access(target, os.W_OK):
            raise InputError(f"cannot write {path}: permission denied")
        return
    try:
        import tempfile  # only for writing files: not on every start

        fd, probe = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    os.unlink(probe)


@contextmanager
def atomic_output(path: str | None, stdout: TextIO, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Write to ``path`` through a temporary file renamed into place only on success.

    An interrupted or failed run leaves no partial file and the old file untouched;
    the new file gets the old one's permissions (or the umask's). A device or pipe
    (``/dev/stdout``, a FIFO) cannot be replaced, so it is written to directly.
    ``None`` or ``-`` writes to stdout. A full disk is an ``InputError`` naming the
    output, not a traceback. ``encoding`` is the file's (a BOM included, for the
    codecs that write one); piped stdout gets it too, a terminal keeps its own.
    """
    with _disk_full_is_an_error(path if path not in (None, "-") else "stdout"):
        if path in (None, "-"):
            with _encoded(stdout, encoding) as handle:
                yield handle
                handle.flush()
            return
        assert path is not None
        target = output_target(path)
        if target.exists() and not target.is_file():
            with _open_for_writing(path, target, encoding) as handle:
                yield handle
            return
        with _replacing(path, target, encoding) as handle:
            yield handle


@contextmanager
def _encoded(stdout: TextIO, encoding: str) -> Iterator[TextIO]:
    """``stdout``, or its bytes written in ``encoding`` when it is piped and differs."""
    buffer = getattr(stdout, "buffer", None)
    if encoding == "utf-8" or buffer is None or stdout.isatty():
        yield stdout
        return
    stdout.flush()
    handle = io.TextIOWrapper(buffer, encoding=encoding, errors="replace", newline="")
    try:
        yield handle
    finally:
        handle.flush()
        handle.detach()


@contextmanager
def atomic_file(path: str) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that opens files by name
    (Parquet), renamed over ``path`` only when the block succeeds."""
    with _disk_full_is_an_error(path), _temporary(path, output_target(path)) as tmp:
        yield tmp


@contextmanager
def _replacing(path: str, target: Path, encoding: str) -> Iterator[TextIO]:
    """A temporary file beside ``target``, renamed over it when the block succeeds."""
    with (
        _temporary(path, target) as tmp,
        tmp.open("w", encoding=encoding, errors=_errors(encoding), newline="") as handle,
    ):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def _temporary(path: str, target: Path) -> Iterator[Path]:
    """A new empty file beside ``target``; on success it takes ``target``'s place (and
    the old file's permissions, or the umask's), on failure it is removed."""
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    import tempfile

    tmp: str | None = None
    try:
        with stops_held():  # a stop between making the file and knowing its name left it
            try:
                fd, tmp = tempfile.mkstemp(
                    dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
                )
            except OSError as exc:
                raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
            os.close(fd)
        yield Path(tmp)
        try:
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _disk_full_is_an_error(name: str) -> Iterator[None]:
    """A write that failed for want of space becomes one line for the user."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in _NO_SPACE:
            raise
        raise InputError(f"cannot write {name}: {exc.strerror or exc}") from None


_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


@contextmanager
def _open_for_writing(path: str, target: Path, encoding: str) -> Iterator[TextIO]:
    try:
        handle = target.open("w", encoding=encoding, errors=_errors(encoding), newline="")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _errors(encoding: str) -> str:
    """A code page cannot write every character our evidence may hold: those become
    "?", while the user's own cells, read in that code page, always fit."""
    return "strict" if encoding.startswith("utf") else "replace"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
