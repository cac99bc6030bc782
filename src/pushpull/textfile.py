"""Turn an export's bytes into text, and remember how they were written.

Exports arrive as UTF-8 (with or without Excel's BOM), as UTF-16 (Google Ads'
"CSV for Excel") or in a Windows code page. A byte that is not valid in the
encoding must never be replaced silently: it is decoded into a marker that the
reader can find in the row it belongs to, so the error names that row and column
(or, with ``errors="replace"``, the row is kept and flagged).
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from typing import BinaryIO

from .errors import UsageError

MARK_ERRORS = "pushpull-mark"  # the codec error handler registered below
# what a bad byte decodes to: a lone surrogate, which no valid text holds
BAD = re.compile("[\udc00-\udcff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _mark(error: UnicodeError) -> tuple[str, int]:
    """Each undecodable byte as the lone surrogate U+DC00 + byte, as surrogateescape
    does, but for every codec (UTF-16 and code pages as well as UTF-8)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


codecs.register_error(MARK_ERRORS, _mark)


@dataclass(frozen=True)
class Encoding:
    """How a file's text was written: what output written back in kind must use."""

    name: str  # a Python codec name: "utf-8", "utf-8-sig" (BOM), "utf-16" (BOM), "cp1252"
    bom: bool

    def describe(self) -> str:
        """The encoding as a user would name it: "UTF-8 with BOM", "cp1252"."""
        base = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16"}.get(
            self.name, self.name
        )
        return f"{base} with BOM" if self.bom else base


def detect(head: bytes, given: str | None) -> Encoding:
    """The encoding of a file starting with ``head``: its BOM's, else ``given``, else UTF-8.

    A BOM is the file's own statement and outranks ``--encoding``; without one, the
    user's word is taken, and UTF-8 is the only guess made.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return Encoding(name, True)
    if given is None:
        return Encoding("utf-8", False)
    try:
        name = codecs.lookup(given).name
    except LookupError:
        raise UsageError(
            f"unknown encoding {given!r} (try utf-8, utf-16, cp1252, latin-1)"
        ) from None
    return Encoding(name, False)


def open_text(raw: BinaryIO, given: str | None) -> tuple[io.TextIOWrapper, Encoding]:
    """``raw`` as text, bad bytes marked (see ``BAD``), and the encoding it was read in."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(_Readable(raw))
    encoding = detect(buffered.peek(4)[:4], given)
    text = io.TextIOWrapper(buffered, encoding=encoding.name, errors=MARK_ERRORS, newline="")
    return text, encoding


class _Readable(io.RawIOBase):
    """Any binary stream (stdin, BytesIO) as a raw stream a BufferedReader can peek into."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def bad_bytes(text: str) -> str:
    """The undecodable bytes marked in ``text``, as the user would see them: "0xe9"."""
    return " ".join(f"0x{ord(ch) - 0xDC00:02x}" for ch in BAD.findall(text))


def replace_bad(text: str) -> str:
    """``text`` with each marked byte made U+FFFD, for ``--encoding-errors replace``."""
    return BAD.sub("\ufffd", text)
