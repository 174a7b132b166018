import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.periods import (
    BadPeriod,
    dates_in_text,
    is_incomplete_phrase,
    parse_period,
    period_bounds,
    quarter_range,
    window_for_phrase,
)

D = dt.date


@pytest.mark.parametrize("phrase, start, end", [
    ("2026", D(2026, 1, 1), D(2026, 12, 31)),
    ("2025-2026", D(2025, 1, 1), D(2026, 12, 31)),
    ("1. halvår 2025", D(2025, 1, 1), D(2025, 6, 30)),
    ("1.halvår 2025", D(2025, 1, 1), D(2025, 6, 30)),
    ("2. halvår 2025", D(2025, 7, 1), D(2025, 12, 31)),
    ("2. kvartal 2025", D(2025, 4, 1), D(2025, 6, 30)),
    ("3. eller 4. kvartal 2025", D(2025, 7, 1), D(2025, 12, 31)),
    ("Primo 2025", D(2025, 1, 1), D(2025, 4, 30)),
    ("medio 2025", D(2025, 5, 1), D(2025, 8, 31)),
    ("Ultimo 2024", D(2024, 9, 1), D(2024, 12, 31)),
    ("ultimo 2024/primo 2025", D(2024, 9, 1), D(2025, 4, 30)),
    ("foråret 2026", D(2026, 3, 1), D(2026, 5, 31)),
    ("sommeren 2025", D(2025, 6, 1), D(2025, 8, 31)),
    ("efteråret 2024", D(2024, 9, 1), D(2024, 11, 30)),
    ("februar 2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("2. kvt. 2021", D(2021, 4, 1), D(2021, 6, 30)),
])
def test_window_for_phrase(phrase, start, end):
    assert window_for_phrase(phrase) == (start, end)


@pytest.mark.parametrize("phrase", ["", "  ", "2. kvartal", "snart", "Løbende", "2026-2025", "13. kvartal 2025"])
def test_phrases_that_do_not_parse_give_none(phrase):
    assert window_for_phrase(phrase) is None


@pytest.mark.parametrize("phrase, incomplete", [
    ("2. kvartal", True), ("3. eller 4. kvartal", True), ("Primo", True), ("1. halvår", True),
    ("2. kvartal 2025", False), ("2025", False), ("Indsats", False),
])
def test_is_incomplete_phrase(phrase, incomplete):
    assert is_incomplete_phrase(phrase) is incomplete


@pytest.mark.parametrize("text, days", [
    ("igangsat pr. 15/9-23.", [D(2023, 9, 15)]),
    ("Behandles 3/2-25 og 2/5-25", [D(2025, 2, 3), D(2025, 5, 2)]),
    ("beslutning på SSG 20/9/24.", [D(2024, 9, 20)]),
    ("SSU 1/12 2023: Fra kommunal side", [D(2023, 12, 1)]),
    ("REFERAT d. 03-10-2025", [D(2025, 10, 3)]),
    ("Mødedato: 12. september, 2025 kl. 12:30", [D(2025, 9, 12)]),
    ("på møde 3. februar 2025 med", [D(2025, 2, 3)]),
    ("fra 1. juli 2023 - 31. dec. 2024", [D(2023, 7, 1), D(2024, 12, 31)]),
    ("SSG mødet 3. februar 25: Drøfte", [D(2025, 2, 3)]),
    ("Til beslutning i SSG 3. februar: Stillingtagen", []),  # no year: no guess
    ("2. kvartal 2025 og 10 årsplanen", []),
    ("31/2-25 er ikke en dato", []),
    ("samme dag 3/2-25 og 3. februar 2025", [D(2025, 2, 3)]),
])
def test_dates_in_text(text, days):
    assert dates_in_text(text) == days


@pytest.mark.parametrize("cell, period", [
    ("2021", "2021"), ("2021K1", "2021-Q1"), ("2021k4", "2021-Q4"), ("2021Q2", "2021-Q2"),
    ("2021-Q3", "2021-Q3"), ("2021H1", "2021-H1"), ("2021M01", "2021-01"), ("2021M12", "2021-12"),
    ("jan 2024", "2024-01"), ("januar 2024", "2024-01"), ("okt. 2023", "2023-10"), ("2024-01", "2024-01"),
    ("2024-01-31", "2024-01"), ("31-01-2024", "2024-01"), (" 2024M03 ", "2024-03"),
])
def test_parse_period(cell, period):
    assert parse_period(cell) == period


@pytest.mark.parametrize("cell", ["", "..", "2024M13", "2024K5", "Q1", "abc", "2024-02-30", "24K1"])
def test_parse_period_rejects(cell):
    with pytest.raises(BadPeriod):
        parse_period(cell)


@given(st.integers(1990, 2099), st.integers(1, 12))
def test_month_codes_round_trip(year, month):
    period = parse_period(f"{year}M{month:02d}")
    start, end = period_bounds(period)
    assert (start.year, start.month, start.day) == (year, month, 1)
    assert end.month == month and (end + dt.timedelta(days=1)).day == 1


@given(st.integers(1990, 2099), st.integers(1, 4))
def test_quarter_codes_round_trip(year, quarter):
    period = parse_period(f"{year}K{quarter}")
    assert period == f"{year}-Q{quarter}"
    assert period_bounds(period)[0] == D(year, 3 * quarter - 2, 1)


@given(st.text(max_size=40))
def test_parse_period_never_raises_anything_but_bad_period(text):
    with contextlib.suppress(BadPeriod):
        parse_period(text)


@given(st.text(max_size=200))
def test_dates_in_text_never_crashes(text):
    assert all(isinstance(d, dt.date) for d in dates_in_text(text))


def test_quarter_range():
    assert quarter_range("2024-Q3", "2025-Q2") == ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    assert quarter_range("2025-Q2", "2025-Q1") == []


def test_a_period_code_holds_ascii_digits_only() -> None:
    """``\\d`` would take '20٢٥K1' (Arabic-Indic digits) for 2025's first quarter and store the code as written."""
    from domain.periods import BadPeriod, parse_period

    for cell in ("20٢٥K1", "٢٠٢٥", "2025M٠١"):
        with pytest.raises(BadPeriod):
            parse_period(cell)
    assert parse_period("2025K1") == "2025-Q1"
