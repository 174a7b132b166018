import datetime as dt

import pandas as pd
import pytest

from domain.demo import Calibration, months_between, region_series
from domain.kpi import kpi
from domain.periods import period_bounds


def frame(rows, demo=1, title="Eksempeldata"):
    df = pd.DataFrame(rows)
    return df.assign(geo_code="1082", period_start=[period_bounds(p)[0].isoformat() for p in df["period"]],
                     is_demo=demo, arrow=None, arrow_period=None, source_title=title)


@pytest.fixture(scope="module")
def series():
    cal = Calibration("acute_somatic_readmissions_65plus", "percent", "2021-Q1", 16.9, "up", 6000)
    return frame(region_series(cal, months_between("2019-01", "2026-10")))


def test_kpi_at_the_calibration_quarter_reproduces_the_source(series):
    card = kpi(series, "percent", dt.date(2021, 3, 31))
    assert card.period == "2021-Q1" and card.value == pytest.approx(16.9)
    assert card.arrow == "up" and card.is_demo and not card.arrow_from_source
    assert card.previous is not None and card.change == pytest.approx(card.value - card.previous)


def test_kpi_uses_the_latest_complete_quarter(series):
    card = kpi(series, "percent", dt.date(2026, 12, 31))
    assert card.period == "2026-Q3"  # October alone is not a quarter
    assert kpi(series, "percent", dt.date(2026, 10, 31)).period == "2026-Q3"


def test_snapshot_only_keeps_the_source_arrow():
    snap = frame([{"period": "2021-Q1", "value": 17350.0, "numerator": None, "denominator": None}], demo=0,
                 title="Midtvejsstatus").assign(arrow="flat", arrow_period="Udvikling april 2019-marts 2021")
    card = kpi(snap, "count", dt.date(2026, 12, 31))
    assert (card.value, card.period, card.arrow, card.arrow_from_source, card.is_demo) == (
        17350.0, "2021-Q1", "flat", True, False)
    assert card.arrow_words == "Pilen er gengivet fra kilden (Udvikling april 2019-marts 2021)."


def test_seasons_and_no_data():
    flu = frame([{"period": p, "value": v, "numerator": None, "denominator": None}
                 for p, v in (("2019-S", 53.9), ("2020-S", 75.7))], demo=0)
    card = kpi(flu, "percent", dt.date(2026, 12, 31))
    assert (card.period, card.value, card.previous, card.arrow) == ("2020-S", 75.7, 53.9, None)
    assert kpi(flu, "percent", dt.date(2020, 12, 31)).period == "2019-S"  # 2020-S ends in March 2021
    assert kpi(flu.iloc[0:0], "percent", dt.date(2026, 1, 1)) is None


def test_a_real_quarter_wins_over_the_demo_months(series):
    snap = frame([{"period": "2021-Q1", "value": 16.9, "numerator": None, "denominator": None}], demo=0,
                 title="Midtvejsstatus").assign(arrow="up", arrow_period="Udvikling april 2019-marts 2021")
    card = kpi(pd.concat([series, snap]), "percent", dt.date(2021, 3, 31))
    assert (card.value, card.is_demo, card.sources, card.arrow, card.arrow_from_source) == (
        16.9, False, ("Midtvejsstatus",), "up", True)
    assert card.previous is None  # the months before are demonstration data: no change against them
