import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.formatting import (
    date_long,
    date_short,
    number,
    percent,
    period_label,
    quarter_label,
    signed,
    unit_label,
    value_with_unit,
)
from loaders.numbers import parse_number


@pytest.mark.parametrize("value, decimals, text", [
    (17350, 0, "17.350"), (1250, 0, "1.250"), (16.9, 1, "16,9"), (1234567.891, 2, "1.234.567,89"),
    (0, 0, "0"), (-1089, 0, "-1.089"), (None, 0, "–"), (float("nan"), 1, "–"),
])
def test_number(value, decimals, text):
    assert number(value, decimals) == text


@pytest.mark.parametrize("value, unit, text", [
    (16.9, "percent", "16,9 %"), (17350.0, "count", "17.350"), (3.8, "score", "3,8"), (None, "percent", "–"),
])
def test_value_with_unit(value, unit, text):
    assert value_with_unit(value, unit) == text


@pytest.mark.parametrize("day, short, long", [
    (dt.date(2025, 10, 3), "3. okt. 2025", "3. oktober 2025"),
    (dt.date(2024, 5, 31), "31. maj 2024", "31. maj 2024"),
    (dt.date(2026, 1, 1), "1. jan. 2026", "1. januar 2026"),
])
def test_dates(day, short, long):
    assert date_short(day) == short and date_long(day) == long


@pytest.mark.parametrize("period, label", [
    ("2025-Q2", "2. kvt. 2025"), ("2021-H1", "1. halvår 2021"), ("2024-03", "mar. 2024"),
    ("2020", "2020"), ("2020-S", "sæson 2020-2021"),
])
def test_period_label(period, label):
    assert period_label(period) == label


def test_quarter_label():
    assert quarter_label("2025-Q4") == "4. kvt. 2025"


def test_percent():
    assert percent(75.0) == "75,0 %"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 3))
def test_danish_number_round_trips_through_the_parser(value, decimals):
    text = number(value, decimals)
    assert parse_number(text) == pytest.approx(round(value, decimals), abs=10 ** -decimals)


@pytest.mark.parametrize("change, unit, text", [
    (312.0, "count", "+312"), (-1089.4, "count", "−1.089"), (0.4, "percent", "+0,4 pct.-point"),
    (-0.44, "percent", "−0,4 pct.-point"), (0.0, "count", "±0"), (-0.4, "count", "±0"),
    (-0.04, "percent", "±0 pct.-point"), (0.049, "percent", "±0 pct.-point"), (-0.06, "percent", "−0,1 pct.-point"),
    (0.0, "percent", "±0 pct.-point"), (-0.02, "score", "±0"), (1.25, "score", "+1,2"),
])
def test_signed(change, unit, text):
    """A change that rounds to zero in the shown decimals reads ±0, never −0,0 or +0."""
    assert signed(change, unit) == text


@pytest.mark.parametrize("unit, text", [("count", "antal"), ("percent", "procent"), ("score", "score")])
def test_unit_label(unit, text):
    assert unit_label(unit) == text
