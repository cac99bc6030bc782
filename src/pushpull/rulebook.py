"""Load a rulebook: read its layers, check them together, compile the result.

A rulebook is the default file plus any extension layers, in order. Each step has
its own module: ``rulebook_read`` (files to located YAML), ``rulebook_check``
(layers folded, every problem collected with its file, line and column, so an
author fixes them all in one pass) and ``rulebook_compile`` (the frozen
``Rulebook`` and the engine's tables). This module is the front the API and the
CLI call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import Problem, RulebookError
from .model import Rulebook
from .rulebook_read import LayerText, combined_sha256, default_rules_path, parse_layer, read_layer
from .schema import schema_text
from .shipped import rules_dir

if TYPE_CHECKING:
    from .yamlsafe import Located

__all__ = [
    "LayerText",
    "combined_sha256",
    "compile_layers",
    "default_rules_path",
    "layer_sources",
    "read_layer",
    "schema_text",
    "starter_text",
]


def starter_text(name: str) -> str:
    """The commented starter extension; it points editors at ``rulebook.schema.json``
    beside it (the caller writes that file with ``schema_text()``)."""
    text = (rules_dir() / "starter.yaml").read_text("utf-8")
    # a file name's bytes need not be UTF-8; the text we write must be
    readable = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.replace("{name}", readable)


def layer_sources(paths: list[str] | tuple[str, ...] = (), default: bool = True) -> list[LayerText]:
    """The files of a rulebook, default first, in the order they layer.

    A file that cannot be opened stops at once (an input error, not a rulebook
    problem). A file that is too big or not text is a problem; the other files are
    then still checked, so the problems of every file come out together.
    """
    chosen = ([default_rules_path()] if default else []) + [str(p) for p in paths]
    if not chosen:
        message = "no rulebook: give --rules or keep the default"
        raise RulebookError([Problem("<rules>", 1, 1, message)])
    sources: list[LayerText] = []
    problems: list[Problem] = []
    for path in chosen:
        try:
            sources.append(read_layer(path))
        except RulebookError as exc:
            problems.extend(exc.problems)
    if problems:
        compile_layers(sources, problems)  # raises, with the readable layers' problems too
    return sources


def compile_layers(sources: list[LayerText], unread: list[Problem] | None = None) -> Rulebook:
    """Parse, check, merge and index the layers; raise with every problem found.

    ``unread`` are the problems of layers that could not be read at all; what
    those layers define is unknown, so nothing is reported as missing.
    """
    from .rulebook_check import check_layers
    from .rulebook_compile import compile_rulebook

    parsed: list[tuple[LayerText, Located | None]] = []
    problems = list(unread or [])
    for src in sources:
        try:
            parsed.append((src, parse_layer(src)))
        except RulebookError as exc:  # not YAML: later layers are still checked
            problems.extend(exc.problems)
            parsed.append((src, None))
    return compile_rulebook(check_layers(parsed, problems), combined_sha256(sources))
