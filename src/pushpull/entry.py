"""The console script's first code: signal handling before anything heavy loads.

Importing the CLI takes a while (typer); a Ctrl-C or SIGTERM in that window must
still end in one line and the documented exit code, not a traceback.
"""

from __future__ import annotations

import signal
import sys

from .errors import ExitCode, Terminated


def _on_signal(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main() -> None:
    """Entry point for the ``pushpull`` script and ``python -m pushpull``."""
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        _stop("interrupted", ExitCode.INTERRUPTED)
    except Terminated as stop:
        _stop(stop.what, stop.exit_code)


def _stop(what: str, code: ExitCode) -> None:
    if sys.stderr is not None:
        sys.stderr.write(f"pushpull: error: {what}\n")
    sys.exit(int(code))
