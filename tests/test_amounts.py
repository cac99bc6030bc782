"""Numbers as exports write them, read for --weight-column."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pushpull.amounts import parse_amount, parse_amounts


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("9,894.79", False, 9894.79),  # Google Ads, Meta in English
        ("1.234,56", True, 1234.56),  # a German Excel
        ("1.234,56", False, 1234.56),  # both marks: the last is the decimal one
        ("$1,200", False, 1200.0),
        ("€ 45", False, 45.0),
        ("1 234,50 €", True, 1234.5),  # French, with a space between thousands
        ("1'234.50", False, 1234.5),  # Swiss
        ("12,345,678", False, 12345678.0),
        ("1,5", False, 1.5),  # a lone comma not followed by three digits is decimal
        ("1.234", True, 1234.0),  # in a semicolon file a lone dot groups thousands
        ("1.234", False, 1.234),
        ("(12.50)", False, -12.5),  # accountants' negative
        ("USD 3,000", False, 3000.0),
        ("", False, None),
        ("--", False, None),  # Google's "no value"
        ("  ", False, None),
    ],
)
def test_amounts_read_as_the_export_meant_them(
    text: str, decimal_comma: bool, expected: float | None
) -> None:
    assert parse_amount(text, decimal_comma=decimal_comma) == expected


@pytest.mark.parametrize("text", ["12%", "approx. 900", "1.2k", "n.a.x"])
def test_what_is_not_a_number_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_amount(text)


@given(
    st.integers(min_value=1000, max_value=10**12),
    st.one_of(st.none(), st.integers(min_value=0, max_value=99)),
)
def test_thousands_grouped_by_commas_read_as_their_number(units: int, cents: int | None) -> None:
    """ "12,000" and "9,894.79", as most exports write money, whatever path reads them;
    in a semicolon file a lone comma is the decimal mark, so "12,000" is 12.0 there."""
    grouped = f"{units:,}" if cents is None else f"{units:,}.{cents:02d}"
    plain = str(units) if cents is None else f"{units}.{cents:02d}"
    assert parse_amount(grouped) == float(plain)
    assert parse_amount(f" {grouped} ") == float(plain)
    if cents is not None:  # both marks: the last one is the decimal mark in either file
        assert parse_amount(grouped, decimal_comma=True) == float(plain)


def read_one_by_one(texts: list[str], decimal_comma: bool) -> tuple[list[float | None], int]:
    """Each cell read alone, 0.0 for one refused, and how many were refused."""
    values: list[float | None] = []
    refused = 0
    for text in texts:
        try:
            values.append(parse_amount(text, decimal_comma=decimal_comma))
        except ValueError:
            values.append(0.0)
            refused += 1
    return values, refused


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["", "0", "-12", "+7", "12,000", "1,234.5", "9894.79", "1.234,56"]),
            st.sampled_from(["-12,000", "1234,567", "1,234,5678", "12,000.", ".5", "5.", "-"]),
            st.sampled_from(["12\n000", " 5", "n/a", "1,23", "1e3", "nan", "1_000", "$9", "٣"]),
            st.integers(0, 10**9).map(lambda n: f"{n:,}"),
            st.floats(0, 1e7, allow_nan=False).map(lambda x: f"{x:.2f}"),
            st.text(alphabet="0123456789,.-+ \n", max_size=8),
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_a_column_of_amounts_reads_as_each_of_its_cells_would(
    texts: list[str], decimal_comma: bool
) -> None:
    assert parse_amounts(texts, decimal_comma=decimal_comma) == read_one_by_one(
        texts, decimal_comma
    )
