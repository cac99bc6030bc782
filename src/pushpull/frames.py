"""A column of a data frame, scored a batch at a time: the part the Spark and Dask
integrations share, so both answer every cell as ``classify_many`` does.

Nothing here imports pandas, PySpark or Dask at module level: ``import pushpull``
must stay free of them, and each integration names the extra a user lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

from .api import classify_many, in_context, load_rulebook
from .errors import UsageError
from .model import Rulebook

# what each result column holds, in the order they are added; "evidence" on request
FIELDS = ("score", "label", "confidence", "evidence")
NUMBERS = frozenset({"score", "confidence"})


def require(module: str, extra: str) -> Any:
    """``module`` imported, or an ImportError that says which extra installs it: the
    integrations are optional, so their engines are not pushpull's dependencies."""
    try:
        return import_module(module)
    except ImportError as err:
        raise ImportError(
            f"pushpull.{extra} needs {module.split('.')[0]}: pip install 'pushpull[{extra}]'"
        ) from err


def fields(evidence: bool) -> tuple[str, ...]:
    """The result fields asked for: evidence only on request, as it is the costly one."""
    return FIELDS if evidence else FIELDS[:3]


def rulebook(rules: Sequence[str | Path], lang: Iterable[str], context: str | None) -> Rulebook:
    """The rulebook the workers read, loaded on the driver so that a bad rules file or
    context fails there, once, with the one-line error the CLI would show."""
    return in_context(load_rulebook(*rules, lang=lang), context)


def names(columns: Sequence[str], column: str, prefix: str, evidence: bool) -> dict[str, str]:
    """Each result field's column name, checked against the frame's columns: the text
    column must be there, and no result may silently overwrite a column of the user's."""
    if column not in columns:
        raise UsageError(f"no column {column!r}; the columns are: {', '.join(columns)}")
    named = {field: prefix + field for field in fields(evidence)}
    taken = [name for name in named.values() if name in columns]
    if taken:
        raise UsageError(
            f"the frame already has {', '.join(taken)}; pass another prefix= to keep both"
        )
    return named


def score(texts: Iterable[object], book: Rulebook, evidence: bool) -> dict[str, list[Any]]:
    """The result fields of each text, in order, as columns. Blanks (None, NaN, pd.NA,
    empty text) come back unclassified with score 0, as ``classify_many`` answers them."""
    results = list(classify_many(texts, book))
    columns: dict[str, list[Any]] = {
        "score": [r.score for r in results],
        "label": [r.label.value for r in results],
        "confidence": [r.confidence for r in results],
    }
    if evidence:
        columns["evidence"] = [r.brief() for r in results]
    return columns
