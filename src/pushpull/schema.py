"""Check a rulebook document against the JSON Schema that ships in ``rules/``.

The schema file is the single statement of the rulebook's shape: editors use it
to autocomplete, and this module enforces it. We interpret only the keywords that
schema uses, so no schema library is needed at run time.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from .shipped import rules_dir

if TYPE_CHECKING:
    from .yamlsafe import Path

SCHEMA_FILE = "rulebook.schema.json"

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}
_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
}


def schema_text() -> str:
    """The shipped JSON Schema as text, for writing beside a new rulebook."""
    return (rules_dir() / SCHEMA_FILE).read_text("utf-8")


@cache
def rulebook_schema() -> dict[str, Any]:
    """The shipped JSON Schema, parsed once (only when a rulebook is compiled)."""
    import json

    schema: dict[str, Any] = json.loads(schema_text())
    return schema


def validate(value: Any, path: Path = ()) -> list[tuple[Path, str, bool]]:
    """Every schema violation as (path, message, points_at_key).

    ``value`` is what stands at ``path`` in a rulebook (the whole document by
    default), so a part read on its own, such as the value of a repeated key, is
    checked against the part of the schema that describes that place.
    """
    root = rulebook_schema()
    problems: list[tuple[Path, str, bool]] = []
    schema = subschema(path)
    if schema is not None:
        _check(value, schema, root, path, problems)
    return problems


def subschema(path: Path) -> dict[str, Any] | None:
    """The schema for the value at ``path``, or None where the rulebook allows nothing."""
    root = rulebook_schema()
    node: dict[str, Any] | None = root
    for part in path:
        if node is None:
            return None
        node = _resolve(node, root)
        if isinstance(part, int):
            node = node.get("items")
            continue
        extra = node.get("additionalProperties")
        node = node.get("properties", {}).get(part, extra if isinstance(extra, dict) else None)
    return node


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return _resolve(node, root)


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("number", "integer"):
        return False
    return isinstance(value, _TYPES[name])


def _check(
    value: Any,
    schema: dict[str, Any],
    root: dict[str, Any],
    path: Path,
    out: list[tuple[Path, str, bool]],
) -> None:
    """Append every violation of ``schema`` by ``value``; keywords the schema file uses only."""
    schema = _resolve(schema, root)
    where = _describe(path)
    if "enum" in schema and value not in schema["enum"]:
        choices = ", ".join(str(c) for c in schema["enum"])
        out.append((path, f"{where} is {value!r}; expected one of: {choices}", False))
        return
    kind = schema.get("type")
    if kind is not None and not _is_type(value, kind):
        hint = (
            " (quote it: YAML reads no/yes/on/off as true or false)"
            if isinstance(value, bool) and kind == "string"
            else ""
        )
        out.append((path, f"{where} must be {_TYPE_WORDS[kind]}, not {value!r}{hint}", False))
        return
    if isinstance(value, str):
        if len(value.strip()) < schema.get("minLength", 0):
            out.append((path, f"{where} must not be empty", False))
        pattern = schema.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            out.append((path, f"{where} {value!r} must match {pattern}", False))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            out.append((path, f"{where} is {value}; it must be between {low} and {high}", False))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append((path, f"{where} must have at least {schema['minItems']} item(s)", False))
        if "items" in schema:
            for i, item in enumerate(value):
                _check(item, schema["items"], root, (*path, i), out)
    if isinstance(value, dict):
        _check_mapping(value, schema, root, path, out)


def _check_mapping(
    value: dict[str, Any],
    schema: dict[str, Any],
    root: dict[str, Any],
    path: Path,
    out: list[tuple[Path, str, bool]],
) -> None:
    where = _describe(path)
    props: dict[str, Any] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key in schema.get("required", []):
        if key not in value:
            out.append((path, f"{where} is missing required key {key!r}", False))
    if len(value) < schema.get("minProperties", 0):
        out.append((path, f"{where} must not be empty", False))
    for key, item in value.items():
        if key in props:
            _check(item, props[key], root, (*path, key), out)
        elif extra is False:
            import difflib  # only an author's typo needs it

            close = difflib.get_close_matches(key, list(props), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            allowed = ", ".join(props)
            out.append(
                ((*path, key), f"unknown key {key!r} in {where}{hint} (allowed: {allowed})", True)
            )
        elif isinstance(extra, dict):
            _check(item, extra, root, (*path, key), out)


def _describe(path: Path) -> str:
    if not path:
        return "the rulebook"
    text = str(path[0])
    for part in path[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text
