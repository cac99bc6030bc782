"""pushpull: where a marketing tactic sits between inbound (pull) and outbound (push), and why.

>>> import pushpull
>>> pushpull.classify("cold DM campaign").label
'outbound'
"""

from .api import __version__, classify, classify_many, default_rulebook, load_rulebook
from .errors import ExitCode, InputError, PushpullError, RulebookError, UsageError
from .labels import LABELS
from .model import Rulebook
from .result import DimensionScore, Evidence, Result

__all__ = [
    "LABELS",
    "DimensionScore",
    "Evidence",
    "ExitCode",
    "InputError",
    "PushpullError",
    "Result",
    "Rulebook",
    "RulebookError",
    "UsageError",
    "__version__",
    "classify",
    "classify_many",
    "default_rulebook",
    "load_rulebook",
]
