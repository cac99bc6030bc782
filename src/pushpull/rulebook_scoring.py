"""The ``scoring:`` numbers: read from each layer, merged (the last layer wins), checked.

Band edges are checked in order with whatever edges are known, even when another
scoring number is missing or out of range, so that problem never waits for a rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .model import Scoring

if TYPE_CHECKING:
    from .rulebook_view import View

# each Scoring field and where it stands under ``scoring:``
SCORING_KEYS = {
    "outbound": ("bands", "outbound"),
    "leaning_outbound": ("bands", "leaning-outbound"),
    "leaning_inbound": ("bands", "leaning-inbound"),
    "inbound": ("bands", "inbound"),
    "hybrid_minority_share": ("hybrid_minority_share",),
    "confidence_scale": ("confidence_scale",),
    "negation_window": ("negation_window",),
    "negation_factor": ("negation_factor",),
    "negation_factor_inbound": ("negation_factor_inbound",),
    "modifier_window": ("modifier_window",),
}
# the band edges from the inbound end to the outbound end, with 0 between the leans
_BAND_CHAIN = ("inbound", "leaning_inbound", None, "leaning_outbound", "outbound")


Values = dict[str, tuple[Any, Problem]]  # Scoring field -> (number, where it was set)


def read_scoring(view: View) -> Values:
    """Every scoring number a layer sets, in range or not, so band order is checked too."""
    found: Values = {}
    for key, parts in SCORING_KEYS.items():
        path = ("scoring", *parts)
        node = view.raw(*path)
        usable = isinstance(node, (int, float)) and not isinstance(node, bool)
        if usable and view.doc.readable(path):
            found[key] = (node, view.at(*path))
    return found


def merge_scoring(
    values: Values, report: Callable[[Problem, str], None], where: str, *, report_missing: bool
) -> Scoring | None:
    """The merged numbers, or None when some are missing (reported at ``where``)."""
    points = [
        (key, values[key][0]) if key else (None, 0)
        for key in _BAND_CHAIN
        if key is None or key in values
    ]
    for (low_key, low), (high_key, high) in pairwise(points):
        if low > high or (low == high and None in (low_key, high_key)):
            given = ", ".join(
                f"{SCORING_KEYS[k][-1]}={values[k][0]}" for k in _BAND_CHAIN if k in values
            )
            report(
                values[high_key or str(low_key)][1],
                "bands must satisfy inbound <= leaning-inbound < 0 < "
                f"leaning-outbound <= outbound; got {given}",
            )
            break
    missing = [key for key in SCORING_KEYS if key not in values]
    if missing and report_missing:
        names = ", ".join("scoring." + ".".join(SCORING_KEYS[k]) for k in missing)
        report(Problem(where, 1, 1, ""), f"no layer sets {names}")
    if missing:
        return None
    return Scoring(**{key: value for key, (value, _) in values.items()})
