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
from .rulebook_read import (
    LayerText,
    combined_sha256,
    default_rules_path,
    layer_sources,
    parse_layer,
    read_layer,
)
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
    return text.replace("{name}", name)


def compile_layers(sources: list[LayerText]) -> Rulebook:
    """Parse, check, merge and index the layers; raise with every problem found."""
    from .rulebook_check import check_layers
    from .rulebook_compile import compile_rulebook

    parsed: list[tuple[LayerText, Located | None]] = []
    problems: list[Problem] = []
    for src in sources:
        try:
            parsed.append((src, parse_layer(src)))
        except RulebookError as exc:  # not YAML: later layers are still checked
            problems.extend(exc.problems)
            parsed.append((src, None))
    return compile_rulebook(check_layers(parsed, problems), combined_sha256(sources))
