"""A compiled rulebook as plain data (dicts, lists, strings, numbers) and back.

The cache keeps rulebooks as JSON because reading JSON can never run code, which
unpickling can. The conversion follows the model's own type hints, so a field
added to ``model.py`` is carried without a change here, and a tuple comes back a
tuple. A field that takes no part in equality (``compare=False``) is a
per-process memo, not part of the rulebook: it is left out and starts empty.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from .model import Rulebook

Build = Callable[[Any], Any]


def to_plain(book: Rulebook) -> dict[str, Any]:
    """The rulebook as data ``json.dumps`` writes as it is: dataclasses become dicts."""
    plain: dict[str, Any] = _plain(book)
    return plain


def from_plain(plain: dict[str, Any]) -> Rulebook:
    """The rulebook ``to_plain`` gave.

    The shape is trusted, not re-checked: the cache's digest and key (which covers
    this module and the model) vouch that the data is what ``to_plain`` wrote.
    """
    book: Rulebook = _builder(Rulebook)(plain)
    return book


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in _stored(type(value))}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, frozenset):  # sorted: the same rulebook always writes the same bytes
        return sorted(_plain(item) for item in value)
    if isinstance(value, dict):
        if not all(type(key) is str for key in value):
            raise TypeError("only str keys survive JSON unchanged")
        return {key: _plain(item) for key, item in value.items()}
    return value


def _stored(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.compare)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _builder(hint: Any) -> Build:
    """How to rebuild a value of type ``hint`` from its JSON form, worked out once per type.

    Values JSON already gives in their final form are passed through untouched:
    start-up time is what the cache is for.
    """
    if hint in (str, int, float, bool, Any):
        return _same
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_builder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _builder(args[0])
        return tuple if item is _same else lambda value: tuple(map(item, value))
    if origin is tuple:
        items = tuple(_builder(arg) for arg in args)
        if all(b is _same for b in items):
            return tuple
        return lambda value: tuple(b(v) for b, v in zip(items, value, strict=True))
    if origin is frozenset:
        item = _builder(args[0])
        return frozenset if item is _same else lambda value: frozenset(map(item, value))
    if origin is dict and args[0] is str:
        item = _builder(args[1])
        return dict if item is _same else lambda value: {k: item(v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        (present,) = (_builder(arg) for arg in args if arg is not type(None))
        return lambda value: None if value is None else present(value)
    raise TypeError(f"no plain form for {hint!r}; teach compiled.py this type")


def _dataclass_builder(cls: type) -> Build:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _builder(hints[f.name])) for f in _stored(cls)]
    converted = [(name, build) for name, build in fields if build is not _same]

    def build(value: dict[str, Any]) -> Any:
        kwargs = {**value}
        for name, part in converted:
            kwargs[name] = part(kwargs[name])
        return cls(**kwargs)

    return build
