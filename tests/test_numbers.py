import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.errors import BadNumber
from loaders.numbers import DANISH, ENGLISH, NumberCell, is_not_published, number_evidence, parse_number


@pytest.mark.parametrize("cell, value", [
    ("17350", 17350), ("17.350", 17350), ("16,9 %", 16.9), ("16,9%", 16.9), ("1.234,5", 1234.5),
    ("1,234.5", 1234.5), ("12.5", 12.5), ("-3,2", -3.2), ("−3,2", -3.2), ("1 250", 1250), ("1\u00a0250", 1250),
    ("100.000 kr.", 100000), ("0", 0), (12, 12), (3.5, 3.5), ("1,234,567", 1234567),
])
def test_parse_number(cell, value):
    assert parse_number(cell) == pytest.approx(value)


@pytest.mark.parametrize("cell", ["", "abc", "12a", "1.2.3,4,5", "--1", "%"])
def test_parse_number_rejects(cell):
    with pytest.raises(BadNumber):
        parse_number(cell)


@pytest.mark.parametrize("cell, flag", [("..", True), (" .. ", True), ("0", False), ("", False)])
def test_not_published(cell, flag):
    assert is_not_published(cell) is flag


@given(st.integers(0, 10**9))
def test_danish_thousands_round_trip(n):
    text = f"{n:,}".replace(",", ".")
    assert parse_number(text) == n


@given(st.text(max_size=30))
def test_parse_number_only_raises_bad_number(text):
    with contextlib.suppress(BadNumber):
        parse_number(text)


@pytest.mark.parametrize("cell, evidence", [
    ("12,5", "da"), ("1.234,5", "da"), ("1.234.567", "da"), ("0,125", "da"), ("1234,567", "da"),
    ("12.5", "en"), ("0.125", "en"), ("1,234.5", "en"), ("1,234,567", "en"), ("1234.567", "en"),
    ("1.250", None), ("1,250", None), ("17350", None), ("-3", None), ("abc", None), ("", None),
])
def test_number_evidence(cell, evidence):
    assert number_evidence(cell) == evidence


@pytest.mark.parametrize("cell, danish, english", [
    ("1.250", 1250, 1.25), ("1,250", 1.25, 1250), ("11.125", 11125, 11.125), ("17350", 17350, 17350),
    ("16,9 %", 16.9, None), ("16.9 %", None, 16.9), ("1.234,5", 1234.5, None), ("1,234.5", None, 1234.5),
    ("0.125", None, 0.125), ("0,125", 0.125, None), ("-1 250", -1250, -1250),
])
def test_parse_number_with_a_decided_convention(cell, danish, english):
    for convention, expected in ((DANISH, danish), (ENGLISH, english)):
        if expected is None:
            with pytest.raises(BadNumber):
                parse_number(cell, convention)
        else:
            assert parse_number(cell, convention) == pytest.approx(expected)


def test_a_cell_against_its_column_says_so():
    with pytest.raises(BadNumber, match=r"'12.5' does not follow the number format decided for its column, Danish"):
        parse_number("12.5", DANISH)


def test_zero_point_125_is_never_125():
    assert parse_number("0.125") == 0.125


def test_number_cells_are_taken_as_they_are():
    assert parse_number(NumberCell("1.234", 1.234), DANISH) == 1.234
    assert parse_number(NumberCell("0.125", 0.125), DANISH) == 0.125
    assert parse_number(NumberCell("2024", 2024.0)) == 2024


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3, allow_nan=False, allow_infinity=False),
       st.booleans())
def test_round_trip_in_both_conventions(number, grouped):
    text = f"{number:,.3f}" if grouped else f"{number:.3f}"
    assert parse_number(text, ENGLISH) == float(number)
    danish = text.replace(",", "_").replace(".", ",").replace("_", ".")
    assert parse_number(danish, DANISH) == float(number)
