"""Read rulebook layers: file → bounded, decoded text → YAML document with positions.

Reading knows nothing about what a rulebook means; it only makes sure every byte
that reaches the YAML parser is small enough, is text, and has a digest, so a
result can be traced to the exact files that produced it.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import TYPE_CHECKING

from .errors import InputError, Problem, RulebookError
from .shipped import rules_dir

if TYPE_CHECKING:
    from .yamlsafe import Located

DEFAULT_RULES = "default.yaml"
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class LayerText:
    """A rulebook file's text and where it came from, before parsing."""

    path: str
    text: str
    data: bytes = field(repr=False)  # the file's bytes, which its digests cover

    @property
    def sha256(self) -> str:
        """The digest every result names its layers by; worked out only when a layer is
        compiled, since hashlib costs milliseconds to import (the cache uses ``stamp``)."""
        import hashlib

        return hashlib.sha256(self.data).hexdigest()

    @property
    def stamp(self) -> str:
        """A cheap fingerprint of the bytes, enough to tell an edited layer from the
        compiled one kept in the cache: its CRC-32 and length."""
        return f"{zlib.crc32(self.data):08x}:{len(self.data)}"


def default_rules_path() -> str:
    """Where the installed default rulebook lives."""
    return str(rules_dir() / DEFAULT_RULES)


def read_layer(path: str | FsPath) -> LayerText:
    """Read one rulebook file; unreadable or non-UTF-8 files are user errors."""
    name = str(path)
    try:
        with open(path, "rb") as handle:  # read at most one byte past the limit
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read rulebook {name}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise RulebookError([Problem(name, 1, 1, f"file is larger than {limit} MB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RulebookError([Problem(name, line, 1, "file is not UTF-8 text")]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise RulebookError([Problem(name, line, 1, "file contains a NUL byte")])
    return LayerText(name, text, data)


def combined_sha256(sources: list[LayerText]) -> str:
    """One digest over every layer, so a change in any layer changes it."""
    import hashlib

    return hashlib.sha256("\n".join(s.sha256 for s in sources).encode()).hexdigest()


def parse_layer(src: LayerText) -> Located:
    """The layer's YAML as plain values with positions; raises only when unreadable."""
    from . import yamlsafe  # YAML is only needed when the compiled cache misses

    return yamlsafe.load(src.text, src.path)
