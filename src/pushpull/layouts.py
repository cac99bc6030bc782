"""Known export layouts, and the rules that find a table inside an export: both data.

A layout says how to recognise one platform's export by its header, which columns
hold the tactic, and the context every row shares (an ad platform's report is all
paid media). The shipped ones live in ``rules/layouts/``, one YAML file each, with
the public documentation they follow; a user's own is a file of the same shape,
passed as ``--layout my.yaml``. The table rules (comments, total rows, footers)
live in ``rules/table.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import yamlsafe
from .errors import RulebookError, UsageError
from .rulebook_read import MAX_FILE_BYTES
from .shipped import rules_dir

LAYOUT_DIR = "layouts"
NO_LAYOUT = "none"


@dataclass(frozen=True)
class Layout:
    """One platform's export: how to tell it, and what to read from it."""

    name: str
    title: str
    docs: str
    header: tuple[str, ...]  # all of these are in the header
    header_any: tuple[str, ...]  # and, if given, one of these
    columns: tuple[str, ...]  # read together, in order: those the header has
    context: str | None

    def fits(self, record: Sequence[str]) -> bool:
        """Whether ``record`` is this layout's header line."""
        names = {folded(cell) for cell in record}
        return all(folded(n) in names for n in self.header) and (
            not self.header_any or any(folded(n) in names for n in self.header_any)
        )

    def present(self, header: Sequence[str]) -> list[str]:
        """The layout's columns that ``header`` holds, in the layout's order."""
        names = {folded(cell) for cell in header}
        return [c for c in self.columns if folded(c) in names]


@dataclass(frozen=True)
class TableRules:
    """How a table is told from what surrounds it (see ``rules/table.yaml``)."""

    comment: str
    total: re.Pattern[str]
    total_never_starts: frozenset[str]  # no cell starting so matches ``total``
    footer: re.Pattern[str]


def folded(name: str) -> str:
    """A column name as compared: case and surrounding spaces ignored."""
    return name.strip().casefold()


def _read(path: Path) -> dict[str, Any]:
    """A small YAML file of ours or the user's, as a mapping, or a one-line error."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"cannot read layout {path}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"layout {path} is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        value = yamlsafe.load(text, str(path)).value
    except RulebookError as exc:
        raise UsageError(f"layout {path}: {exc.problems[0].message}") from None
    if not isinstance(value, dict):
        raise UsageError(f"layout {path}: expected a mapping of name, header, columns, ...")
    return value


def _names(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise UsageError(f"layout {path}: {key} must be a list of column names")
    return tuple(value)


def load_layout(path: Path) -> Layout:
    """The layout in ``path``; a wrong shape is named in one line."""
    data = _read(path)
    text = {key: data.get(key) for key in ("name", "title", "docs", "context")}
    for key, value in text.items():
        if value is not None and not isinstance(value, str):
            raise UsageError(f"layout {path}: {key} must be text")
    layout = Layout(
        name=text["name"] or path.stem,
        title=text["title"] or path.stem,
        docs=text["docs"] or "",
        header=_names(data, "header", path),
        header_any=_names(data, "header_any", path),
        columns=_names(data, "columns", path),
        context=text["context"],
    )
    if not (layout.header or layout.header_any) or not layout.columns:
        raise UsageError(f"layout {path}: needs header (or header_any) and columns")
    return layout


@cache
def shipped_layouts() -> tuple[Layout, ...]:
    """The layouts that ship with pushpull, the most specific header first."""
    found = [load_layout(p) for p in sorted((rules_dir() / LAYOUT_DIR).glob("*.yaml"))]
    return tuple(sorted(found, key=lambda lay: (-len(lay.header), lay.name)))


def chosen_layouts(wanted: str | None) -> tuple[Layout, ...]:
    """The layouts to try: all shipped ones (None), none (``none``), one by name or path."""
    if wanted is None:
        return shipped_layouts()
    if wanted.strip().casefold() == NO_LAYOUT:
        return ()
    for layout in shipped_layouts():
        if layout.name == wanted.strip().casefold():
            return (layout,)
    if wanted.endswith((".yaml", ".yml")) or Path(wanted).is_file():
        return (load_layout(Path(wanted)),)
    known = ", ".join(lay.name for lay in shipped_layouts())
    raise UsageError(f"unknown layout {wanted!r}; known: {known}, none, or a .yaml file")


@cache
def table_rules() -> TableRules:
    """The shipped rules for comments, total rows and footers."""
    path = rules_dir() / "table.yaml"
    data = _read(path)
    never = str(data["total_never_starts"])
    return TableRules(
        comment=str(data["comment"]),
        # the pattern refuses those cells itself, so skipping them changes no answer
        total=_any_of(data["total_rows"], lead=f"(?![{re.escape(never)}])" if never else ""),
        total_never_starts=frozenset(never),
        footer=_any_of(data["footer_lines"]),
    )


def _any_of(patterns: list[str], lead: str = "") -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` after ``lead``, case ignored."""
    return re.compile(lead + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)
