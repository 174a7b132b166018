"""domain.aggregate.by_period is vectorised for national data; it must answer exactly as the plain pandas
groupby it replaced (kept here as the reference), for every unit, frequency and stock, with gaps, missing
counts, demonstration rows and integer values. And a KPI card is the same whether its monthly rows are made
per place or once for many places."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from domain.aggregate import by_period
from domain.kpi import kpi
from domain.observations import monthly


def reference(obs: pd.DataFrame, unit: str, freq: str = "month", stock: bool = False) -> pd.DataFrame:
    columns = ["period", "value", "numerator", "denominator", "period_start", "is_demo"]
    if obs.empty:
        return pd.DataFrame(columns=columns)
    frame = obs[["period", "value", "numerator", "denominator", "period_start", "is_demo", "geo_code"]].copy()
    for column in ("value", "numerator", "denominator"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    if freq == "quarter":
        month = frame["period"].str[5:7].astype(int)
        frame["period"] = frame["period"].str[:4] + "-Q" + ((month - 1) // 3 + 1).astype(str)
    rows_per_period = frame.groupby("period").size()
    if stock and freq == "quarter":
        frame = frame.sort_values("period_start").groupby(["geo_code", "period"], sort=False).tail(1)
    out = frame.groupby("period", sort=True).agg(
        value=("value", "sum"), first=("value", "first"), numerator=("numerator", "sum"),
        denominator=("denominator", "sum"), rows=("value", "size"), places=("geo_code", "nunique"),
        counted=("numerator", "count"), based=("denominator", "count"), period_start=("period_start", "min"),
        is_demo=("is_demo", "max")).reset_index()
    if freq == "quarter":
        out["rows"] = out["period"].map(rows_per_period)
        out = out[out["rows"] >= 3 * out["places"]]
    if unit == "count":
        out["numerator"] = out["denominator"] = None
    else:
        scale = 100.0 if unit == "percent" else 1.0
        counted = (out["counted"] == out["rows"]) & (out["based"] == out["rows"]) & (out["denominator"] > 0)
        out["value"] = (scale * out["numerator"] / out["denominator"].where(counted)).where(
            counted, out["first"].where(out["rows"] == 1))
    out["is_demo"] = out["is_demo"].astype(int)
    return out[columns].reset_index(drop=True)


MONTHS = [f"{y}-{m:02d}" for y in range(2019, 2023) for m in range(1, 13)]


def random_frame(r: random.Random, places: int, months: list[str], integers: bool) -> pd.DataFrame:
    rows = []
    for g in range(places):
        for m in months:
            if r.random() < 0.1:
                continue  # a gap
            counts = r.random() < 0.85
            value = r.randint(0, 100) if integers else (None if r.random() < 0.05 else r.uniform(0, 100))
            rows.append({"period": m, "value": value, "numerator": r.randint(0, 10) if counts else None,
                         "denominator": (r.randint(0, 50) if r.random() > 0.05 else None) if counts else None,
                         "period_start": f"{m}-01", "is_demo": int(r.random() < 0.2), "geo_code": str(1000 + g)})
    return pd.DataFrame(rows, columns=["period", "value", "numerator", "denominator", "period_start", "is_demo",
                                       "geo_code"])


@pytest.mark.parametrize("seed", range(40))
def test_by_period_answers_as_the_groupby_it_replaced(seed: int) -> None:
    r = random.Random(seed)
    frame = random_frame(r, r.randint(1, 5), sorted(r.sample(MONTHS, r.randint(1, 30))), integers=seed % 3 == 0)
    if r.random() < 0.5:
        frame = frame.sample(frac=1, random_state=seed)  # stored order is not period order
    for unit in ("count", "percent", "rate"):
        for freq in ("month", "quarter"):
            for stock in (False, True):
                pd.testing.assert_frame_equal(by_period(frame, unit, freq, stock), reference(frame, unit, freq, stock))


def test_by_period_of_nothing() -> None:
    empty = random_frame(random.Random(0), 0, [], False)
    assert list(by_period(empty, "percent", "quarter").columns) == list(reference(empty, "percent").columns)


@pytest.mark.parametrize("seed", range(10))
def test_a_card_is_the_same_from_monthly_rows_made_for_many_places(seed: int) -> None:
    r = random.Random(seed)
    frame = random_frame(r, 4, MONTHS, integers=False).assign(indicator="x", arrow=None, arrow_period=None,
                                                              source_title="Kilde")
    months = monthly(frame)
    for code, rows in frame.groupby("geo_code"):
        for last in (dt.date(2021, 6, 30), dt.date(2022, 12, 31)):
            shared = kpi(rows, "percent", last, False, months[months["geo_code"] == code])
            assert repr(shared) == repr(kpi(rows, "percent", last))  # repr: a missing value (NaN) equals itself
