"""The kinds of line an export holds besides its rows, named as stderr counts them.

The reader (``tables``) sorts lines into these; the mix (``summary``) reports them in
this order, the order they come in a file.
"""

from __future__ import annotations

TITLE, COMMENT, BLANK, TOTAL, FOOTER = (
    "title lines",
    "comment lines",
    "blank lines",
    "total rows",
    "footer lines",
)
ORDER = (TITLE, COMMENT, BLANK, TOTAL, FOOTER)
