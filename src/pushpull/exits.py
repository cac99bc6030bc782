"""How a run ends: every failure a user can cause becomes one line and an exit code.

The CLI calls ``report`` for whatever stopped a command, whether the argument parser,
a library error, a signal, or a stream that can no longer be written: there is one
mapping from what went wrong to what the user reads, and it lives here.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, TextIO

from .errors import ExitCode, PushpullError, RulebookError, Terminated
from .stops import stop_within

if TYPE_CHECKING:
    from .environment import Environment

# errors that mean "the output cannot take any more", as opposed to a file we opened
_WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def report(exc: BaseException, env: Environment) -> int:
    """Tell the user what stopped the run, in one line on stderr; return the exit code.

    Anything else is a bug in pushpull: one line that says so, and the traceback
    only when ``PUSHPULL_DEBUG`` is set (as httpie keeps it for ``--debug``).
    """
    exc = stop_within(exc) or exc  # a stop wrapped by class creation is still a stop
    if isinstance(exc, BrokenPipeError):  # the reader went away (``| head -1``)
        silence(sys.stdout)
        return ExitCode.OK
    if isinstance(exc, RulebookError):
        for problem in exc.problems[1:]:
            _write(env, f"{problem}\n")
        message = str(exc.problems[0]) if exc.problems else str(exc)
        return say(env, message, exc.exit_code)
    if isinstance(exc, PushpullError):
        return say(env, str(exc), exc.exit_code)
    if isinstance(exc, Terminated):
        return say(env, exc.what, ExitCode(exc.exit_code))
    if isinstance(exc, KeyboardInterrupt):
        return say(env, "interrupted", ExitCode.INTERRUPTED)
    if isinstance(exc, OSError):
        if exc.filename is None and exc.errno in _WRITE_FAILURES:
            silence(sys.stdout)  # or Python tries to flush the same bytes again at exit
            return say(env, f"cannot write stdout: {exc.strerror}", ExitCode.INPUT)
        where = f"{exc.filename}: " if exc.filename is not None else ""
        return say(env, f"{where}{exc.strerror or exc}", ExitCode.INPUT)
    if os.environ.get("PUSHPULL_DEBUG") or not isinstance(exc, Exception):
        raise exc  # SystemExit and the like pass through untouched
    message = f"internal error: {type(exc).__name__}: {exc} (PUSHPULL_DEBUG=1 shows where)"
    return say(env, message, ExitCode.INTERNAL)


def say(env: Environment, message: str, code: ExitCode) -> int:
    """One line on stderr, ``pushpull: error: ...``; returns ``code``."""
    _write(env, f"pushpull: error: {message}\n")
    return int(code)


def note(env: Environment, message: str) -> None:
    """One line on stderr that is not an error (how a file was read); '' says nothing."""
    if message:
        _write(env, f"pushpull: {message}\n")


def _write(env: Environment, text: str) -> None:
    try:
        env.stderr.write(text)
        env.stderr.flush()
    except (OSError, ValueError):  # stderr itself is gone: the exit code still tells
        pass


def silence(stream: TextIO | None) -> None:
    """Point a standard stream's descriptor at /dev/null so nothing more fails on it."""
    try:
        if stream is None:
            return
        fileno = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)
    except (OSError, ValueError):  # not a real descriptor (tests): nothing to do
        pass
