"""The console script's first code: signal handling before anything heavy loads.

Importing the CLI takes a while (typer); a Ctrl-C, SIGTERM or SIGHUP in that window
must still end in one line and the documented exit code, not a traceback. So this
module imports nothing of ours until the handlers are in place, and ``pushpull``'s
``__init__`` loads its names lazily.
"""

from __future__ import annotations

import signal
import sys

from .stops import Terminated, stop_within


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main() -> None:
    """Entry point for the ``pushpull`` script and ``python -m pushpull``."""
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    try:
        from .cli import main as run

        run()
    except BaseException as exc:
        stop = stop_within(exc)
        if stop is None:
            raise
        if isinstance(stop, Terminated):
            _stop(stop.what, stop.exit_code)
        _stop("interrupted", 130)


def _stop(what: str, code: int) -> None:
    """The one line for a stop that came before the CLI could report it (see exits.py)."""
    if sys.stderr is not None:
        sys.stderr.write(f"pushpull: error: {what}\n")
    sys.exit(code)
