"""Keep compiled rulebooks between runs, so start-up skips YAML parsing.

A small JSON store that is safe to read whatever is on disk:

- entries are JSON, never pickle: reading one cannot run code;
- an entry's first line is a checksum of the rest (CRC-32: the folder checks below
  keep others out, so it only has to catch a torn or damaged file, and hashlib
  would cost more to import than the whole load), checked before parsing;
- like ssh with its keys, a folder or entry that another user owns, or that group
  or others can write, is ignored; pushpull creates its folder 0700, entries 0600;
- a shared sticky folder such as /tmp (``PUSHPULL_CACHE_DIR=/tmp``) holds a
  private ``pushpull-<uid>`` folder, as tmux does, so sharing a cache location
  keeps the speed-up without trusting anyone else's files. Any other folder we
  cannot call ours alone is not used at all.

The key names everything that decides an entry (for rulebooks: package version,
every layer's bytes and path) and the compiler's own code. Any problem just
means compiling again, never an error for the user.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import stat
import zlib
from pathlib import Path
from typing import Any

from .shipped import rules_dir

FORMAT = "3"
# The modules whose code decides what a compiled rulebook is (every module the
# compiler imports); any edit to them must invalidate every entry, even without a
# version bump. tests/test_cache.py checks the list against the imports.
_COMPILER_FILES = (
    "compiled.py",
    "errors.py",
    "index.py",
    "labels.py",
    "memo.py",
    "model.py",
    "phrase_table.py",
    "rulebook.py",
    "rulebook_check.py",
    "rulebook_compile.py",
    "rulebook_read.py",
    "rulebook_scoring.py",
    "rulebook_view.py",
    "schema.py",
    "shipped.py",
    "stops.py",
    "textnorm.py",
    "typos.py",
    "yamlsafe.py",
)
_SCHEMA = "rulebook.schema.json"
_SHARED_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


@functools.cache
def compiler_fingerprint() -> str:
    """A digest of the code that compiles rulebooks, part of every key (read once)."""
    here = Path(__file__).parent
    digest = zlib.crc32(FORMAT.encode())
    for path in [*(here / name for name in _COMPILER_FILES), rules_dir() / _SCHEMA]:
        try:
            digest = zlib.crc32(path.read_bytes(), digest)
        except OSError:
            digest = zlib.crc32(path.name.encode(), digest)
    return f"{digest:08x}"


def checksum(payload: bytes) -> bytes:
    """The first line of an entry holding ``payload``."""
    return f"{zlib.crc32(payload):08x}".encode()


def cache_dir() -> Path | None:
    """Where compiled rulebooks are kept, or None when caching is switched off."""
    if os.environ.get("PUSHPULL_NO_CACHE"):
        return None
    explicit = os.environ.get("PUSHPULL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pushpull"


def get(key: tuple[str, ...]) -> Any | None:
    """The value kept under ``key``, or None if there is none we can trust."""
    folder = _open_folder(create=False)
    if folder is None:
        return None
    try:
        # O_NONBLOCK: a FIFO planted under the name must not hang us before the check
        fd = os.open(_name(key), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and _ours_alone(info)):
            return None
        digest, _, payload = handle.read().partition(b"\n")
    if checksum(payload) != digest:
        return None
    try:
        return json.loads(payload)
    except ValueError:  # our digest over bytes that are not our JSON: not ours after all
        return None


def put(key: tuple[str, ...], value: Any) -> None:
    """Keep ``value`` under ``key``; written whole or not at all, readable by us alone."""
    payload = json.dumps(value, separators=(",", ":")).encode()
    folder = _open_folder(create=True)
    if folder is None:
        return
    temp = f".{os.urandom(8).hex()}.tmp"
    kept = False
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        fd = os.open(temp, flags, 0o600, dir_fd=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(checksum(payload) + b"\n" + payload)
        os.replace(temp, _name(key), src_dir_fd=folder, dst_dir_fd=folder)
        kept = True
    except OSError:
        pass  # a full disk or a read-only home: run without a cache
    finally:
        if not kept:
            _forget(temp, folder)
        os.close(folder)


def _name(key: tuple[str, ...]) -> str:
    parts = (FORMAT, compiler_fingerprint(), *key)
    # a path may hold bytes that are not UTF-8 (Python keeps them as surrogates)
    named = "\0".join(parts).encode("utf-8", "surrogateescape")
    # two checksums make 64 bits: a user's few dozen keys do not meet by chance
    return f"{zlib.crc32(named):08x}{zlib.adler32(named):08x}.json"


def _ours_alone(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else: what ssh asks of ~/.ssh."""
    return info.st_uid == os.geteuid() and not info.st_mode & _SHARED_BY_OTHERS


def _open_folder(create: bool) -> int | None:
    """A descriptor of a cache folder that is ours alone, or None: then do without.

    Checked on the open descriptor, so the folder cannot be swapped after the check.
    """
    where = cache_dir()
    if where is None:
        return None
    try:
        if create:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = os.open(where, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    info = os.fstat(folder)
    if _ours_alone(info):
        return folder
    try:
        if not info.st_mode & stat.S_ISVTX:
            return None
        return _open_private(folder, create)
    finally:
        os.close(folder)


def _open_private(shared: int, create: bool) -> int | None:
    """Our own folder inside a sticky shared one, where no one else can rename it."""
    name = f"pushpull-{os.geteuid()}"
    try:
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o700, dir_fd=shared)
        folder = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=shared)
    except OSError:
        return None
    if _ours_alone(os.fstat(folder)):
        return folder
    os.close(folder)
    return None


def _forget(name: str, folder: int) -> None:
    with contextlib.suppress(OSError):  # never created, or already gone
        os.unlink(name, dir_fd=folder)
