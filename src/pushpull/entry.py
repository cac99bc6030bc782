"""The console script's first code: signal handling before anything heavy loads.

Importing the CLI takes a while (typer); a Ctrl-C or SIGTERM in that window must
still end in one line and the documented exit code, not a traceback.
"""

from __future__ import annotations

import signal
import sys

from .errors import ExitCode, Terminated


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main() -> None:
    """Entry point for the ``pushpull`` script and ``python -m pushpull``."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        from .cli import main as run

        run()
    except KeyboardInterrupt:
        _stop("interrupted", ExitCode.INTERRUPTED)
    except Terminated:
        _stop("terminated", ExitCode.TERMINATED)


def _stop(what: str, code: ExitCode) -> None:
    if sys.stderr is not None:
        sys.stderr.write(f"pushpull: error: {what}\n")
    sys.exit(int(code))
