"""pushpull: where a marketing tactic sits between inbound (pull) and outbound (push), and why.

>>> import pushpull
>>> pushpull.classify("cold DM campaign").label
'outbound'

The names below load on first use: the ``pushpull`` command starts from
``pushpull.entry``, which must be able to catch a Ctrl-C before anything heavy loads.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # not typing's: importing typing here costs the window entry.py guards
if TYPE_CHECKING:
    from .api import (
        __version__,
        classify,
        classify_many,
        default_rulebook,
        in_context,
        load_rulebook,
    )
    from .errors import ExitCode, InputError, PushpullError, RulebookError, UsageError
    from .labels import LABELS, Label
    from .model import Rulebook
    from .result import DimensionScore, Evidence, Result

_WHERE = {
    "__version__": "api",
    "classify": "api",
    "classify_many": "api",
    "default_rulebook": "api",
    "in_context": "api",
    "load_rulebook": "api",
    "ExitCode": "errors",
    "InputError": "errors",
    "PushpullError": "errors",
    "RulebookError": "errors",
    "UsageError": "errors",
    "LABELS": "labels",
    "Label": "labels",
    "Rulebook": "model",
    "DimensionScore": "result",
    "Evidence": "result",
    "Result": "result",
}
__all__ = [
    "LABELS",
    "DimensionScore",
    "Evidence",
    "ExitCode",
    "InputError",
    "Label",
    "PushpullError",
    "Result",
    "Rulebook",
    "RulebookError",
    "UsageError",
    "__version__",
    "classify",
    "classify_many",
    "default_rulebook",
    "in_context",
    "load_rulebook",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'pushpull' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
