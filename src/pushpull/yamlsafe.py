"""Read a YAML rulebook safely, keeping the line and column of every value.

We compose the YAML into nodes (with the C parser where available) and build plain
Python values ourselves: no tag is ever constructed, so no Python object can be
smuggled in, and we count every node we visit, so an alias bomb is refused long
before it costs memory or time.
"""

from __future__ import annotations

import math
import sys
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
_STANDARD = "tag:yaml.org,2002:"
_STR, _NULL, _TIMESTAMP = (_STANDARD + kind for kind in ("str", "null", "timestamp"))
_NULLS = {"", "~", "null", "Null", "NULL"}
_COLLECTION_TAGS: dict[type, str] = {
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_LARGEST = sys.float_info.max  # an int beyond this has no float, and no rulebook needs one
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass
class Located:
    """The document as plain values, and where each value and mapping key stood.

    Reading goes on past a bad value so one pass reports as much as it can:
    ``unreadable`` holds the paths whose value could not be read (a bad tag, a
    non-number under ``!!int``, a NaN), already reported in ``problems`` and left
    as ``None``; ``shadowed`` holds the values of repeated keys, read for their own
    problems and checked for shape at ``root``, but never used.
    """

    value: Any
    file: str
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading, not fatal
    unreadable: set[Path] = field(default_factory=set)
    incomplete: set[Path] = field(default_factory=set)
    shadowed: list[Located] = field(default_factory=list)
    root: Path = ()

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> Problem:
        """A problem pointing at the value (or key) found at ``path``, or its nearest parent."""
        table = self.key_positions if at_key else self.positions
        probe = path
        while probe not in table and probe:
            probe = probe[:-1]
        line, col = table.get(probe, self.positions.get(probe, (1, 1)))
        return Problem(self.file, line, col, message)

    def readable(self, path: Path) -> bool:
        """Whether everything at and under ``path`` was read."""
        return not any(bad[: len(path)] == path for bad in self.unreadable)

    def unread(self, path: Path) -> bool:
        """Whether the value at ``path`` (or one holding it) was left unread, or is a
        mapping that lost a key to a reading problem (so its size and keys are unknown)."""
        return path in self.incomplete or any(path[: len(bad)] == bad for bad in self.unreadable)


def load(text: str, file: str) -> Located:
    """Parse YAML text into plain values with positions, or raise RulebookError.

    Problems with single values are collected in ``Located.problems``; only a
    syntax error or an alias bomb stops reading. The caller bounds the text's size
    (see ``rulebook_read.read_layer``).
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
    try:
        located.value = _build(node, (), located, budget, 0)
    except _AliasBomb as bomb:
        raise RulebookError([*located.problems, bomb.problem]) from None
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


class _AliasBomb(Exception):
    """The document expands to more values than any rulebook needs; stop reading."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _build(node: yaml.Node, path: Path, out: Located, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    mark = node.start_mark
    where = (mark.line + 1, mark.column + 1)
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _AliasBomb(
            Problem(out.file, *where, "document expands to too many values (alias bomb?)")
        )
    out.positions[path] = where
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, out)
    expected = _COLLECTION_TAGS.get(type(node))
    if node.tag != expected:
        return _unreadable(out, path, f"tag {_short(node.tag)} is not allowed")
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, i), out, budget, depth + 1) for i, item in enumerate(node.value)
        ]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kmark = key_node.start_mark
        kwhere = (kmark.line + 1, kmark.column + 1)
        key_path = (*path, f"<key {kwhere[0]}:{kwhere[1]}>")
        if key_node.tag == "tag:yaml.org,2002:merge":
            out.problems.append(Problem(out.file, *kwhere, "merge keys (<<) are not supported"))
            key, bad_key = None, True
        else:
            key = _build(key_node, key_path, out, budget, depth + 1)
            bad_key = key_path in out.unreadable
        if isinstance(key_node, yaml.ScalarNode):  # the common case, kept cheap
            out.positions.pop(key_path, None)
            out.unreadable.discard(key_path)
        else:
            _forget(out, key_path)
        if bad_key:  # reported; still read the value for its own problems
            out.incomplete.add(path)
            _build(value_node, key_path, out, budget, depth + 1)
            _forget(out, key_path)
            continue
        key = key if isinstance(key, str) else str(key)
        child = (*path, key)
        if key in result:  # keep the first; read the repeat for its own problems
            out.problems.append(Problem(out.file, *kwhere, f"duplicate key {key!r}"))
            shadow = Located(None, out.file, root=child)
            shadow.key_positions[child] = kwhere
            shadow.value = _build(value_node, child, shadow, budget, depth + 1)
            out.problems.extend(shadow.problems)
            out.shadowed.extend([shadow, *shadow.shadowed])
            shadow.problems, shadow.shadowed = [], []
            continue
        out.key_positions[child] = kwhere
        result[key] = _build(value_node, child, out, budget, depth + 1)
    return result


def _scalar(node: yaml.ScalarNode, path: Path, out: Located) -> Any:
    """A plain value, or None and a problem when the text does not fit its tag."""
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):  # most values; a date stays the text written
        return node.value
    if tag not in _SCALAR_TAGS:
        return _unreadable(out, path, f"tag {_short(tag)} is not allowed")
    if tag == _NULL and node.value not in _NULLS:
        return _unreadable(out, path, f"{node.value!r} is not a valid !!null")
    try:
        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ValueError, KeyError, TypeError, OverflowError):
        return _unreadable(out, path, f"{node.value!r} is not a valid {_short(tag)}")
    if isinstance(value, float) and not math.isfinite(value):
        return _unreadable(out, path, f"{node.value!r} is not a finite number")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _LARGEST:
        return _unreadable(out, path, "number is too large")
    return value


def _short(tag: str) -> str:
    """A tag as the author wrote it: ``!!str`` rather than ``tag:yaml.org,2002:str``."""
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


def _unreadable(out: Located, path: Path, message: str) -> None:
    line, col = out.positions[path]
    out.problems.append(Problem(out.file, line, col, message))
    out.unreadable.add(path)


def _forget(out: Located, prefix: Path) -> None:
    """Drop the positions of a value that is not part of the document."""
    n = len(prefix)
    for table in (out.positions, out.key_positions):
        for path in [p for p in table if p[:n] == prefix]:
            del table[path]
    out.unreadable = {p for p in out.unreadable if p[:n] != prefix}
