"""Errors meant for the user, and the exit codes they map to.

Every failure a user can cause ends up as one of these, so the CLI has one place
that turns them into a one-line message and a documented exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from .stops import Terminated

__all__ = [
    "ExitCode",
    "InputError",
    "Problem",
    "PushpullError",
    "RulebookError",
    "Terminated",
    "UsageError",
]


class ExitCode(IntEnum):
    """Process exit codes; the README documents each one."""

    OK = 0
    FAILED = 1  # a check failed: invalid rulebook, failing rule tests, accuracy below the gate
    USAGE = 2  # bad arguments, empty tactic, missing CSV column
    INPUT = 3  # a file that cannot be read or decoded
    RULEBOOK = 4  # a rulebook that cannot be loaded when scoring
    INTERNAL = 70  # a bug in pushpull (EX_SOFTWARE); PUSHPULL_DEBUG=1 shows the traceback
    HANGUP = 129  # SIGHUP: the terminal went away
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM


class PushpullError(Exception):
    """Base for errors whose message is shown to the user as it is."""

    exit_code: ExitCode = ExitCode.FAILED


class UsageError(PushpullError):
    """The user asked for something that cannot be done as asked."""

    exit_code = ExitCode.USAGE


class InputError(PushpullError):
    """An input file or stream cannot be read."""

    exit_code = ExitCode.INPUT


class LineError(InputError):
    """An input error at a numbered line. A share of a file counts its lines from its
    own start (``shares``); the reader of the shares, who knows the lines before it,
    moves the number."""

    def __init__(self, before: str, line: int, after: str) -> None:
        super().__init__(f"{before}{line}{after}")
        self.parts = (before, line, after)

    def __reduce__(self) -> tuple[type[LineError], tuple[str, int, str]]:
        return LineError, self.parts  # a worker's error crosses to the parent whole

    def moved(self, lines: int) -> LineError:
        before, line, after = self.parts
        return LineError(before, line + lines, after)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rulebook, pointing at the YAML node that caused it."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class RulebookError(PushpullError):
    """A rulebook that cannot be used; carries every problem found, not just the first."""

    exit_code = ExitCode.RULEBOOK

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid rulebook"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)
