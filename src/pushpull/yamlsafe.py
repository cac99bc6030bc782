"""Read a YAML rulebook safely, keeping the line and column of every value.

We compose the YAML into nodes (with the C parser where available) and build plain
Python values ourselves: no tag is ever constructed, so no Python object can be
smuggled in, and we count every node we visit, so an alias bomb is refused long
before it costs memory or time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem, RulebookError

MAX_NODES = 200_000
MAX_DEPTH = 64

Path = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass
class Located:
    """The document as plain values, and where each value and mapping key stood."""

    value: Any
    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading, not fatal

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> Problem:
        """A problem pointing at the value (or key) found at ``path``, or its nearest parent."""
        table = self.key_positions if at_key else self.positions
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
        line, col = table.get(probe, self.positions.get(probe, (1, 1)))
        return Problem(self.file, line, col, message)


def load(text: str, file: str) -> Located:
    """Parse YAML text into plain values with positions, or raise RulebookError.

    The caller bounds the text's size (see ``rulebook.read_layer``).
    """
    try:
        _check_depth(text, file)  # before compose, which recurses in C and could overflow
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise RulebookError([Problem(file, line, col, f"YAML syntax: {what}")]) from None
    except yaml.YAMLError as exc:
        raise RulebookError([Problem(file, 1, 1, f"YAML syntax: {exc}")]) from None
    located = Located(None, file)
    if node is None:
        located.value = {}
        return located
    budget = [MAX_NODES]
    located.value = _build(node, (), located, budget, 0)
    return located


def _check_depth(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, reading parser events (no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise RulebookError(
                    [
                        Problem(file, line, col, f"nested deeper than {MAX_DEPTH} levels"),
                    ]
                )
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def _build(node: yaml.Node, path: Path, out: Located, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    mark = node.start_mark
    where = (mark.line + 1, mark.column + 1)
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise RulebookError(
            [Problem(out.file, *where, "document expands to too many values (alias bomb?)")]
        )
    out.positions[path] = where
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date stays the text the author wrote
        if node.tag not in _SCALAR_TAGS:
            raise RulebookError([Problem(out.file, *where, f"tag {node.tag!r} is not allowed")])
        return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise RulebookError([Problem(out.file, *where, f"tag {node.tag!r} is not allowed")])
        return [
            _build(item, (*path, i), out, budget, depth + 1) for i, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise RulebookError([Problem(out.file, *where, f"tag {node.tag!r} is not allowed")])
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, (*path, "<key>"), out, budget, depth + 1)
            if not isinstance(key, str):
                key = str(key)
            kmark = key_node.start_mark
            if key in result:  # keep the first, and go on to find the other problems
                out.problems.append(
                    Problem(out.file, kmark.line + 1, kmark.column + 1, f"duplicate key {key!r}")
                )
                continue
            child = (*path, key)
            out.key_positions[child] = (kmark.line + 1, kmark.column + 1)
            result[key] = _build(value_node, child, out, budget, depth + 1)
        out.positions.pop((*path, "<key>"), None)
        return result
    raise RulebookError([Problem(out.file, *where, "unsupported YAML node")])  # pragma: no cover
