"""The Python API: what ``import pushpull`` gives a user, and what the CLI calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from . import cache, compiled, engine
from .errors import UsageError
from .inputs import tactic_problem
from .model import Rulebook
from .result import FindingFields, Result
from .rulebook import compile_layers, layer_sources
from .shipped import lang_layer

__version__ = "0.1.0"

_DEFAULT: Rulebook | None = None


def load_rulebook(
    *paths: str | Path,
    default: bool = True,
    use_cache: bool = True,
    lang: Iterable[str] = (),
) -> Rulebook:
    """Load and compile a rulebook: the default one, extended by ``paths`` in order.

    ``lang`` names shipped language layers (``("de", "fr")``, see
    ``shipped.languages()``); they come before ``paths``, so a user's own layer
    has the last word. ``default=False`` starts from the first path instead of the
    shipped rules. Raises ``RulebookError`` listing every problem, ``InputError``
    for a file that cannot be read, or ``UsageError`` for an unknown language.
    """
    layers = [str(lang_layer(code)) for code in lang] + [str(p) for p in paths]
    sources = layer_sources(layers, default=default)
    # the compiled form records where each layer was read from (for error locations),
    # so the same bytes at another path are another entry
    key = (__version__, *(s.stamp for s in sources), *(s.path for s in sources))
    found = cache.get(key) if use_cache else None
    if found is not None:
        try:
            return compiled.from_plain(found)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # an entry of the right digest but another shape: compile again
    rulebook = compile_layers(sources)
    if use_cache:
        cache.put(key, compiled.to_plain(rulebook))
    return rulebook


def default_rulebook() -> Rulebook:
    """The shipped rulebook, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_rulebook()
    return _DEFAULT


def in_context(rulebook: Rulebook, context: str | None) -> Rulebook:
    """The rulebook reading ``context`` with every tactic: words that hold for a whole
    run ("paid ad" for an ad-platform report), shown as context in each explanation.
    Raises ``UsageError`` for a context that could not be a tactic either."""
    if context is None:
        return rulebook
    if not isinstance(context, str):
        raise TypeError(f"context must be a string, not {type(context).__name__}")
    problem = tactic_problem(context)
    if problem:
        raise UsageError(f"context: {problem.replace('tactic', 'text')}")
    return rulebook.with_context(context)


def classify(text: str, rulebook: Rulebook | None = None, context: str | None = None) -> Result:
    """Score one tactic from -1 (inbound) to +1 (outbound), with label and reasons;
    ``context`` is read with it (see ``in_context``)."""
    if not isinstance(text, str):
        raise TypeError(f"classify() takes a string, not {type(text).__name__}")
    return engine.classify(text, in_context(rulebook or default_rulebook(), context))


def classify_many(
    texts: Iterable[object],
    rulebook: Rulebook | None = None,
    jobs: int = 1,
    context: str | None = None,
) -> Iterator[Result]:
    """Score tactics lazily, in input order; ``jobs`` > 1 spreads them over processes;
    ``context`` is read with every tactic (see ``in_context``).

    A column of a data frame can be passed as it is: a missing value (None, NaN,
    ``pd.NA``) comes back unclassified with its ``reason``, as ``batch`` answers a
    blank cell. A text is scored exactly as ``classify`` scores it.
    """
    book = in_context(rulebook or default_rulebook(), context)
    if jobs <= 1:
        scored = engine.classify
        for position, value in enumerate(texts):
            # a string goes straight to the engine: this loop runs once per item
            yield (
                scored(value, book)
                if type(value) is str
                else _scored_cell(book, *_cell_text(position, value))
            )
        return
    cells = (_cell_text(position, value) for position, value in enumerate(texts))
    from .parallel import parallel_map

    for tactic, score, label, confidence, found, spans, reason in parallel_map(
        _result_fields, cells, book, jobs
    ):
        yield Result(tactic, score, label, confidence, found, book, spans, reason=reason)


def _cell_text(position: int, value: object) -> tuple[str, str | None]:
    """The text of one item, or '' and what kind of missing value it was."""
    if isinstance(value, str):
        return value, None
    if _is_missing(value):
        return "", f"missing value ({value!r})"
    raise TypeError(
        f"classify_many() item {position} is {type(value).__name__}, not a string or a "
        "missing value"
    )


def _is_missing(value: object) -> bool:
    """None, or a value unequal to itself: NaN, and pandas' NA, whose comparison
    cannot even be made true or false."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


def _scored_cell(book: Rulebook, text: str, missing: str | None) -> Result:
    """The result for one item: refused with the reason when it cannot be scored."""
    if missing is not None:
        return Result.unclassified(text, book, missing)
    return engine.classify(text, book)


Fields = tuple[
    str, float, str, float, tuple[FindingFields, ...], list[tuple[int, int]] | None, str | None
]


def _result_fields(book: Rulebook, cell: tuple[str, str | None]) -> Fields:
    """A result without its rulebook: what a worker sends back (the parent has the book)."""
    r = _scored_cell(book, *cell)
    return (r.tactic, r.score, r.label, r.confidence, r._found, r._spans, r.reason)
