"""The exception a stopping signal becomes, and holding those signals back; a module
that imports only what the interpreter has loaded before any handler is set.

The signal handler in ``entry.py`` may run while Python is half-way through
importing something else: raising must not need an import of its own, or the
half-imported module breaks the import (a circular-import error, not a clean stop).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOPS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


@contextmanager
def stops_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP back until the block ends, for a step that must
    not be cut in two (a file made and not yet owned by the code that removes it); a
    signal that came meanwhile is handled as the block ends."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived; raised from the signal handler so output files are
    cleaned up on the way out.

    A ``BaseException``, like ``KeyboardInterrupt``: an ``except Exception`` that
    guards ordinary failures (a cache read, a parse) must never swallow a stop.
    """

    def __init__(self, signum: int = 15) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as shells report it: 129 for SIGHUP, 143 for SIGTERM."""
        return 128 + self.signum

    @property
    def what(self) -> str:
        return "hung up" if self.signum == 1 else "terminated"


def stop_within(exc: BaseException) -> BaseException | None:
    """The Ctrl-C or stopping signal that caused ``exc``, if one did, else None.

    A signal can land while a class is being created (a dataclass field's
    ``__set_name__``, say, while a module is imported): Python 3.11 then raises a
    RuntimeError whose direct cause is the KeyboardInterrupt or ``Terminated``. It is
    still a stop, and must end in one line and its exit code, not a traceback.
    """
    found: BaseException | None = exc
    while found is not None:
        if isinstance(found, (KeyboardInterrupt, Terminated)):
            return found
        found = found.__cause__
    return None
