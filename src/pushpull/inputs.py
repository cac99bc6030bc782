"""Read tactics from arguments and standard input, refusing what cannot be a tactic."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .errors import InputError, UsageError

MAX_TACTIC_CHARS = 10_000  # far beyond any campaign name; keeps one line from stalling a run
# Python hands undecodable argument bytes over as lone surrogates (PEP 383)
_UNDECODABLE = re.compile("[\ud800-\udfff]")


def tactic_problem(text: str) -> str | None:
    """Why ``text`` cannot be scored, or None when it can."""
    if not text.strip():
        return "empty tactic"
    if "\x00" in text:
        return "tactic contains a NUL byte"
    if not text.isascii() and _UNDECODABLE.search(text):
        return "tactic is not valid UTF-8 (undecodable bytes in the argument)"
    if len(text) > MAX_TACTIC_CHARS:
        return f"tactic is {len(text):,} characters long; the limit is {MAX_TACTIC_CHARS:,}"
    return None


def stdin_lines(stream: BinaryIO) -> Iterator[str]:
    """Non-blank lines of a UTF-8 stream, one tactic each."""
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(f"stdin line {number} is not valid UTF-8") from None
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def gather(arguments: Iterable[str], stdin: BinaryIO) -> Iterator[str]:
    """The tactics named on the command line, with ``-`` standing for stdin's lines."""
    for arg in arguments:
        for text in stdin_lines(stdin) if arg == "-" else (arg,):
            problem = tactic_problem(text)
            if problem:
                raise UsageError(problem)
            yield text
