"""The schema checker: each keyword the shipped schema uses, and where a problem points."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pushpull import schema

SIGNAL = {"id": "acme-x", "phrases": ["acme"], "effects": {"permission": 0.5}, "why": "w"}


def found(
    value: Any, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str, bool]]:
    return schema.validate(value, path)


def test_a_minimal_layer_is_valid() -> None:
    assert found({"name": "acme", "signals": [SIGNAL]}) == []


def test_the_shipped_schema_is_the_one_enforced() -> None:
    parsed = json.loads(schema.schema_text())
    assert parsed == schema.rulebook_schema()
    assert set(parsed["properties"]) >= {"name", "documents", "signals", "examples"}


@pytest.mark.parametrize(
    ("value", "path", "fragment"),
    [
        ({}, (), "missing required key 'name'"),
        ({"name": 3}, ("name",), "must be text"),
        ({"name": "   "}, ("name",), "must not be empty"),
        ({"name": "a", "signals": {}}, ("signals",), "must be a list"),
        ({"name": "a", "negators": [False]}, ("negators", 0), "quote it"),
        ({"name": "a", "dimensions": [{"id": "Bad Id"}]}, ("dimensions", 0, "id"), "must match"),
        (
            {"name": "a", "examples": [{"tactic": "t", "label": "out"}]},
            ("examples", 0, "label"),
            "expected one of",
        ),
        (
            {"name": "a", "signals": [{**SIGNAL, "effects": {"permission": 2}}]},
            ("signals", 0, "effects", "permission"),
            "between -1 and 1",
        ),
        (
            {"name": "a", "signals": [{**SIGNAL, "effects": {"permission": True}}]},
            ("signals", 0, "effects", "permission"),
            "must be a number",
        ),
        (
            {"name": "a", "signals": [{**SIGNAL, "effects": {}}]},
            ("signals", 0, "effects"),
            "must not be empty",
        ),
        (
            {"name": "a", "signals": [{**SIGNAL, "phrases": []}]},
            ("signals", 0, "phrases"),
            "at least 1",
        ),
        (
            {"name": "a", "scoring": {"negation_window": 1.5}},
            ("scoring", "negation_window"),
            "whole number",
        ),
        ({"name": "a", "documents": {"x.txt": ""}}, ("documents", "x.txt"), "must not be empty"),
        ({"name": "a", "documents": {"x.txt": 3}}, ("documents", "x.txt"), "must be text"),
    ],
)
def test_each_keyword_reports_at_its_path(
    value: dict[str, Any], path: tuple[str | int, ...], fragment: str
) -> None:
    problems = found(value)
    assert [(p, key) for p, m, key in problems if fragment in m] == [(path, False)], problems


def test_an_unknown_key_points_at_the_key_and_suggests_the_near_one() -> None:
    problems = found({"name": "a", "signal": []})
    assert len(problems) == 1
    path, message, at_key = problems[0]
    assert path == ("signal",) and at_key and "did you mean 'signals'" in message


def test_every_problem_is_reported_not_just_the_first() -> None:
    bad = {"name": "a", "wrong": 1, "signals": [{"id": "x", "phrases": "p"}]}
    paths = {p for p, _, _ in found(bad)}
    assert paths == {("wrong",), ("signals", 0), ("signals", 0, "phrases")}


def test_a_part_is_checked_against_the_schema_of_its_place() -> None:
    """What a repeated key held is checked on its own, where it stood."""
    assert found(SIGNAL, ("signals", 3)) == []
    problems = found({"id": "x"}, ("signals", 3))
    assert {p for p, _, _ in problems} == {("signals", 3)}
    assert found(5, ("signals", 0, "effects", "permission")) != []
    assert found("anything", ("nowhere",)) == []  # an unknown key is reported by its parent
    assert schema.subschema(("signals", 0, "effects", "cost_model")) == {
        "type": "number",
        "minimum": -1,
        "maximum": 1,
    }
