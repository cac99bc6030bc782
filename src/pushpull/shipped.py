"""Where the files that ship beside the code (the rulebooks and their schema) live.

A wheel carries them inside the package (``pushpull/rules``); an editable install
(``pip install -e .``) runs the code from ``src/`` and finds them at the top of
the checkout, where the repository keeps them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def rules_dir() -> Path:
    """The folder holding ``default.yaml``, ``starter.yaml`` and the JSON Schema."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    return checkout if checkout.is_dir() else packaged
