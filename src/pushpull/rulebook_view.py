"""Which parts of a located YAML document can be trusted, for checking field by field.

A rulebook entry with one bad field still has good ones worth checking (its id, its
phrases, its references); this view answers "is this part well formed?" from the
reading and schema problems already reported, so no problem hides another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem
    from .yamlsafe import Located, Path

MISSING: Any = object()  # what ``View.get`` returns for an absent or malformed part


@dataclass
class View:
    """One document and its schema problems: which parts can be trusted."""

    doc: Located
    broken: list[Path]

    def ok(self, *path: str | int) -> bool:
        """Whether the value at ``path`` and everything under it is readable and well formed."""
        return self.doc.readable(path) and not any(b[: len(path)] == path for b in self.broken)

    def get(self, path: Path) -> Any:
        """The value at ``path`` if it is well formed, else ``MISSING``."""
        node = self.raw(*path)
        if node is MISSING:
            return MISSING
        return node if self.ok(*path) else MISSING

    def at(self, *path: str | int, key: bool = False) -> Problem:
        return self.doc.problem(path, "", at_key=key)

    def raw(self, *path: str | int) -> Any:
        """What stands at ``path``, well formed or not (``MISSING`` when nothing does)."""
        node: Any = self.doc.value
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part, MISSING)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return MISSING
        return node

    def indices(self, *path: str | int) -> range:
        """The positions of a list in the document (none when it is not a list)."""
        node = self.raw(*path)
        return range(len(node)) if isinstance(node, list) else range(0)
