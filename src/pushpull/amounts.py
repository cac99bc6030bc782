"""Read the numbers exports write ("9,894.79", "1.234,56", "$1,200", "€ 45") as floats.

A weighted mix is only as right as its weights, so a cell that is not a number is
counted as unreadable and reported, never read as zero or guessed at.
"""

from __future__ import annotations

import re

# currency signs and codes, spaces (also no-break and thin ones), and the Swiss
# apostrophe between thousands: none of them changes the number
_NOISE = re.compile(
    r"[\s\u00a0\u202f'\u2019$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|DKK|NOK|PLN)\b", re.I
)
_EMPTY = frozenset({"", "-", "--", "—", "n/a", "na", "none", "null"})
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?", re.I)
# thousands grouped by commas, a dot before any decimals ("12,000", "9,894.79"): what
# most exports write for money, read at once as the rules below would read it
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
# a column of cells, one a line, each blank or a number ``float`` reads as
# ``parse_amount`` does once its commas are gone: they can only group thousands there
# (possessive, so the match never steps back: a third of the time of alternatives)
_PLAIN = r"(?:[+-]?[0-9]++(?:,[0-9]{3})*+(?:\.[0-9]++)?)?"
_PLAIN_COLUMN = re.compile(rf"{_PLAIN}(?:\n{_PLAIN})*+")
_WHOLE = r"(?:[+-]?[0-9]++)?"  # with a decimal comma, only whole numbers are that plain
_WHOLE_COLUMN = re.compile(rf"{_WHOLE}(?:\n{_WHOLE})*+")


def parse_amount(text: str, *, decimal_comma: bool = False) -> float | None:
    """The number in ``text``; None for a blank (or "--", as Google writes one).

    Where both "," and "." appear, the last one is the decimal mark. Where only one
    appears, a mark followed by exactly three digits (once or more) groups thousands,
    unless ``decimal_comma`` (a semicolon-separated file, as a German or French Excel
    writes) says a lone comma is the decimal mark. Raises ValueError otherwise.
    """
    plain = text.strip()
    if not plain:  # a blank cell, as common as a number in many exports
        return None
    # most cells are a plain number ("1200", "99.5"): read at once, as the rules below would
    if plain.lstrip("+-").replace(".", "", 1).isdigit() and not (decimal_comma and "." in plain):
        return float(plain)
    if not decimal_comma and _GROUPED.fullmatch(plain):
        return float(plain.replace(",", ""))
    # digits with grouping or decimal marks ("12,000", "1.234,56") carry no noise to strip
    marks_only = plain.replace(",", "").replace(".", "").lstrip("+-").isdigit()
    cleaned = plain if marks_only else _NOISE.sub("", text)
    if cleaned.casefold() in _EMPTY:
        return None
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    comma, dot = cleaned.rfind(","), cleaned.rfind(".")
    if comma >= 0 and dot >= 0:
        decimal = "," if comma > dot else "."
    elif comma >= 0:
        decimal = "," if decimal_comma or not _grouped(cleaned, ",") else ""
    elif dot >= 0:
        decimal = "" if decimal_comma and _grouped(cleaned, ".") else "."
    else:
        decimal = "."
    group = {",": ".", ".": ",", "": ",."}[decimal]
    for mark in group:
        cleaned = cleaned.replace(mark, "")
    if decimal == ",":
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f"not a number: {text!r}")
    value = float(cleaned)
    return -value if negative else value


def parse_amounts(
    texts: list[str], *, decimal_comma: bool = False
) -> tuple[list[float | None], int]:
    """``parse_amount`` of each text, 0.0 for one that is not a number (and None for
    a blank), and how many were not.

    A column of plain and comma-grouped numbers and blanks, as nearly every export
    writes, is told by one pattern match over all of it and read by ``float`` with
    no call per cell; any other column is read cell by cell.
    """
    column = "\n".join(texts)
    plain = _WHOLE_COLUMN if decimal_comma else _PLAIN_COLUMN
    if column.count("\n") == len(texts) - 1 and plain.fullmatch(column):
        if "," not in column and "" not in texts:  # plain numbers only: read in C
            return list(map(float, texts)), 0
        return [float(text.replace(",", "")) if text else None for text in texts], 0
    values: list[float | None] = []
    unreadable = 0
    for text in texts:
        try:
            values.append(parse_amount(text, decimal_comma=decimal_comma))
        except ValueError:
            unreadable += 1
            values.append(0.0)
    return values, unreadable


def _grouped(text: str, mark: str) -> bool:
    """Whether ``mark`` groups thousands in ``text``: every group after the first is
    three digits ("1,234", "12,345,678")."""
    first, *rest = text.lstrip("+-").split(mark)
    return bool(rest) and first.isdigit() and all(len(g) == 3 and g.isdigit() for g in rest)
