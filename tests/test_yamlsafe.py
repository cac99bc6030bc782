"""The safe YAML reader: plain values, positions, and problems instead of exceptions."""

from __future__ import annotations

import pytest

from pushpull import yamlsafe
from pushpull.errors import RulebookError


def test_values_and_positions() -> None:
    doc = yamlsafe.load("name: a\nlist:\n  - 1\n  - {k: 2.5}\n", "f.yaml")
    assert doc.value == {"name": "a", "list": [1, {"k": 2.5}]}
    assert doc.positions[("list", 1, "k")] == (4, 9)
    assert doc.key_positions[("list",)] == (2, 1)
    assert doc.problems == []
    assert str(doc.problem(("list", 7), "here")) == "f.yaml:3:3: here"  # nearest parent


def test_an_empty_document_is_an_empty_mapping() -> None:
    assert yamlsafe.load("# nothing\n", "f.yaml").value == {}


def test_a_date_stays_the_text_written() -> None:
    assert yamlsafe.load("v: 2024-01-02\n", "f.yaml").value == {"v": "2024-01-02"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("!!int abc", "not a valid !!int"),
        ("!!float x", "not a valid !!float"),
        ("!!bool maybe", "not a valid !!bool"),
        ("!!null x", "not a valid !!null"),
        (".nan", "not a finite number"),
        ("-.inf", "not a finite number"),
        ("!!float 1e400", "not a finite number"),
        ("1" + "0" * 400, "too large"),
        ("1" + "0" * 5000, "not a valid !!int"),
        ("!!python/object/apply:os.system [x]", "is not allowed"),
        ("!!str [a]", "tag !!str is not allowed"),
        ("!custom x", "is not allowed"),
    ],
)
def test_a_bad_scalar_is_a_problem_and_reading_goes_on(text: str, fragment: str) -> None:
    doc = yamlsafe.load(f"a: {text}\nb: fine\n", "f.yaml")
    assert [str(p) for p in doc.problems] == [f"f.yaml:1:4: {p.message}" for p in doc.problems]
    assert len(doc.problems) == 1 and fragment in doc.problems[0].message
    assert doc.value == {"a": None, "b": "fine"}
    assert doc.unread(("a",)) and not doc.readable(()) and doc.readable(("b",))


def test_a_bad_key_drops_its_entry_but_its_value_is_still_read() -> None:
    doc = yamlsafe.load("m:\n  !!int x: !!float y\n  ok: 1\n", "f.yaml")
    assert doc.value == {"m": {"ok": 1}}
    assert [(p.line, p.column) for p in doc.problems] == [(2, 3), (2, 12)]
    assert doc.unread(("m",))  # its size and keys are not what the author wrote


def test_a_merge_key_is_refused() -> None:
    doc = yamlsafe.load("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n", "f.yaml")
    assert [str(p) for p in doc.problems] == ["f.yaml:3:3: merge keys (<<) are not supported"]
    assert doc.value["m"] == {"y": 2}


def test_a_repeated_key_keeps_the_first_and_reads_the_second() -> None:
    doc = yamlsafe.load("a: 1\nb: {x: 1}\nb: {x: .nan}\n", "f.yaml")
    assert doc.value == {"a": 1, "b": {"x": 1}}
    assert [str(p) for p in doc.problems] == [
        "f.yaml:3:1: duplicate key 'b'",
        "f.yaml:3:8: '.nan' is not a finite number",
    ]
    (shadow,) = doc.shadowed
    assert shadow.root == ("b",) and shadow.value == {"x": None}
    assert doc.positions[("b", "x")] == (2, 8)  # the first one's place is kept


def test_syntax_errors_and_alias_bombs_stop_reading() -> None:
    with pytest.raises(RulebookError) as syntax:
        yamlsafe.load("a: [\n", "f.yaml")
    assert str(syntax.value.problems[0]).startswith("f.yaml:2:1: YAML syntax")
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]"
        for p, c in zip("abcde", "bcdef", strict=True)
    ]
    with pytest.raises(RulebookError) as bomb:
        yamlsafe.load("bad: !!int x\n" + "\n".join(lines) + "\n", "f.yaml")
    messages = [p.message for p in bomb.value.problems]
    assert messages[0] == "'x' is not a valid !!int" and "alias bomb" in messages[-1]


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    with pytest.raises(RulebookError) as deep:
        yamlsafe.load("[" * (yamlsafe.MAX_DEPTH + 1) + "]" * (yamlsafe.MAX_DEPTH + 1), "f.yaml")
    assert len(deep.value.problems) == 1 and deep.value.problems[0].line == 1
