"""Where the files that ship beside the code (the rulebooks and their schema) live.

A wheel carries them inside the package (``pushpull/rules``); an editable install
(``pip install -e .``) runs the code from ``src/`` and finds them at the top of
the checkout, where the repository keeps them. Language layers sit in ``lang/``
beside the default rulebook, one file per language code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import UsageError

LANG_DIR = "lang"


@cache
def rules_dir() -> Path:
    """The folder holding ``default.yaml``, ``starter.yaml`` and the JSON Schema."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "rules"
    return checkout if checkout.is_dir() else packaged


def languages() -> list[str]:
    """The codes of the shipped language layers ("de", "fr", ...), sorted."""
    return sorted(path.stem for path in (rules_dir() / LANG_DIR).glob("*.yaml"))


def lang_layer(code: str) -> Path:
    """The shipped layer for a language code; an unknown code is the user's mistake."""
    known = languages()
    wanted = code.strip().lower()
    if wanted not in known:
        raise UsageError(f"unknown language {code!r}; known: {', '.join(known) or 'none'}")
    return rules_dir() / LANG_DIR / f"{wanted}.yaml"
