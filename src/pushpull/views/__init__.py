"""What each command shows, and the one place that decides how it is shown.

A command builds a typed view of its answer and hands it to ``emit``: JSON or JSON
Lines when asked, Rich on a terminal, plain stable lines in a pipe. Every view offers
the same three forms, so no command writes that choice out again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from .. import output

if TYPE_CHECKING:
    from rich.console import Console

    from ..environment import Environment


class View(Protocol):
    """An answer that can be written as data, as plain lines, or drawn with Rich."""

    @property
    def single(self) -> bool:
        """Whether ``--format json`` prints one object rather than an array."""
        ...

    def records(self) -> Iterable[dict[str, Any]]:
        """The JSON objects, in order."""
        ...

    def lines(self) -> Iterable[str]:
        """Plain text for a pipe or a log: stable, no colour."""
        ...

    def draw(self, console: Console) -> None:
        """Rich output for a person at a terminal."""
        ...


def emit(view: View, env: Environment, fmt: str = "text", *, to_stderr: bool = False) -> None:
    """Write ``view`` in the form ``fmt`` asks for, or that the stream suits."""
    stream = env.stderr if to_stderr else env.stdout
    if fmt == "json":
        output.write_json(view.records(), stream, single=view.single)
    elif fmt == "jsonl":
        output.write_jsonl(view.records(), stream)
    elif env.stderr_isatty if to_stderr else env.stdout_isatty:
        view.draw(env.console(stderr=to_stderr))
    else:
        for line in view.lines():
            stream.write(line + "\n")
    stream.flush()


_UNPRINTABLE = {
    **{code: "\ufffd" for code in (*range(0x00, 0x20), *range(0x7F, 0xA0))},
    # bidirectional overrides could reorder what a reader sees
    **{code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


def printable(text: str) -> str:
    """``text`` with control characters shown as U+FFFD, one for one.

    A tactic is someone else's text: an escape sequence in it must not reach the
    terminal. One character for one keeps evidence offsets pointing at the same words.
    """
    return text.translate(_UNPRINTABLE)
