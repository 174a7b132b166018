import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.demo import Calibration, add_up, allocate, months_between, region_series, split, stock_series
from domain.trends import arrow_002

MONTHS = months_between("2019-01", "2026-10")
# The table in Midtvejsstatus 2021 (002): Q1 2021 values and arrows over April 2019 - March 2021.
TABLE_002 = [
    Calibration("acute_admissions_65plus", "count", "2021-Q1", 17350, "flat"),
    Calibration("preventable_admissions_65plus", "count", "2021-Q1", 2614, "down"),
    Calibration("acute_somatic_readmissions_65plus", "percent", "2021-Q1", 16.9, "up", 6000),
    Calibration("forced_admissions_16plus", "count", "2021-Q1", 356, "flat"),
    Calibration("readmissions_30d", "percent", "2021-Q1", 13.7, "flat", 20000),
    Calibration("discharge_ready_days", "count", "2021-Q1", 1089, "flat"),
]


@pytest.mark.parametrize("cal", TABLE_002, ids=lambda c: c.indicator)
def test_region_series_reproduces_the_source(cal):
    rows = region_series(cal, MONTHS)
    by = {r["period"]: r for r in rows}
    q1 = [by[p] for p in ("2021-01", "2021-02", "2021-03")]
    if cal.unit == "count":
        assert sum(r["value"] for r in q1) == cal.value
    else:
        assert 100 * sum(r["numerator"] for r in q1) / sum(r["denominator"] for r in q1) == pytest.approx(cal.value)
    window = [by[p]["value"] for p in months_between("2019-04", "2021-03")]
    assert arrow_002(window).arrow == cal.arrow
    assert all(r["value"] >= 0 for r in rows)


def test_series_are_deterministic():
    assert region_series(TABLE_002[0], MONTHS) == region_series(TABLE_002[0], MONTHS)


@pytest.mark.parametrize("cal", [TABLE_002[1], TABLE_002[2]], ids=lambda c: c.unit)
def test_municipalities_add_up_to_the_region_exactly(cal):
    region = region_series(cal, MONTHS)
    places = [("751", 370000), ("741", 4000), ("730", 100000)]
    parts = split(region, cal.indicator, cal.unit, places)
    total = add_up(list(parts.values()), cal.unit)
    for a, b in zip(total, region):
        assert a["value"] == pytest.approx(b["value"])
        if cal.unit == "percent":
            assert (a["numerator"], a["denominator"]) == (b["numerator"], b["denominator"])
    size = "value" if cal.unit == "count" else "denominator"
    assert sum(r[size] for r in parts["741"]) < sum(r[size] for r in parts["751"]) / 20  # shared by population


@given(st.integers(0, 10**6), st.lists(st.floats(0.01, 1000), min_size=1, max_size=30))
@settings(max_examples=200)
def test_allocate_adds_up(total, weights):
    shares = allocate(total, weights)
    assert sum(shares) == total and all(s >= 0 for s in shares)


def test_stock_passes_through_the_anchor():
    rows = stock_series("telekol_included", "2023-09", "2025-07", 190, "2026-10")
    by = {r["period"]: r["value"] for r in rows}
    assert by["2023-09"] == 0 and by["2025-07"] == 190
    values = [r["value"] for r in rows]
    assert values == sorted(values) and rows[-1]["period"] == "2026-10"
