import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.errors import BadNumber
from loaders.numbers import is_not_published, parse_number


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
