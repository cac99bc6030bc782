"""The six labels of the scale, and which way each one leans.

A ``StrEnum``: a label compares equal to its text ("outbound"), so JSON and CSV
output are unchanged, while code asks ``label.lean`` instead of matching on spelling.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    INBOUND = "inbound"
    LEANING_INBOUND = "leaning-inbound"
    HYBRID = "hybrid"
    LEANING_OUTBOUND = "leaning-outbound"
    OUTBOUND = "outbound"
    UNCLASSIFIED = "unclassified"

    @property
    def lean(self) -> int | None:
        """-1 pulls inbound, +1 pushes outbound, 0 is hybrid; None: no evidence at all."""
        return _LEAN[self]

    @property
    def pole(self) -> Label:
        """The pole a leaning label belongs to (inbound for leaning-inbound); itself otherwise."""
        return {Label.LEANING_INBOUND: Label.INBOUND, Label.LEANING_OUTBOUND: Label.OUTBOUND}.get(
            self, self
        )


_LEAN = {
    Label.INBOUND: -1,
    Label.LEANING_INBOUND: -1,
    Label.HYBRID: 0,
    Label.LEANING_OUTBOUND: 1,
    Label.OUTBOUND: 1,
    Label.UNCLASSIFIED: None,
}

LABELS = tuple(label.value for label in Label)
