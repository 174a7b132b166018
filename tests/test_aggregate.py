import pandas as pd
import pytest

from domain.aggregate import by_period


def rows(*data):
    return pd.DataFrame(data, columns=["geo_code", "period", "value", "numerator", "denominator"]).assign(
        period_start=lambda d: d["period"] + "-01", is_demo=0)


def test_counts_add_up():
    frame = rows(("751", "2024-01", 120, None, None), ("741", "2024-01", 3, None, None))
    (row,) = by_period(frame, "count").to_dict("records")
    assert (row["value"], row["numerator"], row["denominator"]) == (123.0, None, None)


def test_percentages_are_recomputed_not_averaged():
    # 10 of 100 (10 %) and 1 of 2 (50 %): the average would say 30 %, the truth is 11 of 102.
    frame = rows(("751", "2024-01", 10.0, 10, 100), ("741", "2024-01", 50.0, 1, 2))
    (row,) = by_period(frame, "percent").to_dict("records")
    assert row["value"] == pytest.approx(100 * 11 / 102) and (row["numerator"], row["denominator"]) == (11, 102)


def test_percentages_without_counts_are_refused():
    # one place lacks counts: no honest total exists, so none is given (never the average 30 %)
    frame = rows(("751", "2024-01", 10.0, None, None), ("741", "2024-01", 50.0, 1, 2))
    assert by_period(frame, "percent")["value"].isna().all()


def test_quarters_from_months_and_incomplete_quarters_left_out():
    frame = rows(("751", "2024-01", 10, 1, 10), ("751", "2024-02", 20, 2, 10), ("751", "2024-03", 30, 3, 10),
                 ("751", "2024-04", 40, 4, 10))
    q = by_period(frame, "count", "quarter")
    assert list(q["period"]) == ["2024-Q1"] and list(q["value"]) == [60]
    p = by_period(frame, "percent", "quarter")
    assert p["value"].iloc[0] == pytest.approx(20.0)  # 6 of 30


def test_percent_months_without_counts_stand_alone_or_become_gaps():
    frame = rows(("751", "2024-01", 12.5, None, None), ("751", "2024-02", 13.5, None, None),
                 ("751", "2024-03", 14.5, None, None))
    months = by_period(frame, "percent", "month")
    assert list(months["value"]) == [12.5, 13.5, 14.5]
    quarter = by_period(frame, "percent", "quarter")
    assert quarter["value"].isna().all()  # three monthly rates are not averaged into a quarter
