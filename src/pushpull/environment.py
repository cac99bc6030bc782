"""The streams a command talks to, and whether each is a terminal.

One object decides "pretty on a terminal, plain when piped", so tests can fake a
terminal by building an Environment instead of patching sys.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO, TextIO

if TYPE_CHECKING:  # Rich is imported only when a terminal needs drawing
    from rich.console import Console


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed stream
        return False


@dataclass
class Environment:
    """Where input comes from and output goes, and how to draw it."""

    # a closed stdin reads as empty; main() refuses to run with a closed stdout
    stdin: BinaryIO = field(
        default_factory=lambda: sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
    )
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdout_isatty: bool = field(default_factory=lambda: _isatty(sys.stdout))
    stderr_isatty: bool = field(default_factory=lambda: _isatty(sys.stderr))
    no_color: bool = field(default_factory=lambda: bool(os.environ.get("NO_COLOR")))

    def console(self, *, stderr: bool = False) -> Console:
        """A Rich console for a terminal stream; Rich is imported only here."""
        from rich.console import Console

        stream = self.stderr if stderr else self.stdout
        return Console(
            file=stream,
            force_terminal=True,
            no_color=self.no_color,
            highlight=False,
            soft_wrap=False,
        )
