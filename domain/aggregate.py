"""Aggregation by unit: counts add up; percentages are recomputed from
numerators and denominators; nothing is averaged blindly."""

from __future__ import annotations

import pandas as pd


class CannotAggregate(ValueError):
    """A unit that cannot be combined from the rows given (e.g. percentages without counts)."""


def combine(rows: pd.DataFrame, unit: str) -> tuple[float, float | None, float | None]:
    """(value, numerator, denominator) for rows of one indicator and period."""
    if rows.empty:
        raise CannotAggregate("no rows")
    if unit == "count":
        return float(rows["value"].sum()), None, None
    if rows["numerator"].isna().any() or rows["denominator"].isna().any():
        raise CannotAggregate(f"{unit} kan ikke lægges sammen uden tæller og nævner for hvert område")
    num, den = float(rows["numerator"].sum()), float(rows["denominator"].sum())
    if den == 0:
        raise CannotAggregate("nævneren er 0")
    scale = 100.0 if unit == "percent" else 1.0
    return scale * num / den, num, den


def by_period(obs: pd.DataFrame, unit: str, freq: str = "month") -> pd.DataFrame:
    """One row per period: monthly as stored, or combined into quarters (``freq='quarter'``)."""
    if obs.empty:
        return obs.assign(quarter=[])
    frame = obs.copy()
    if freq == "quarter":
        frame["period"] = [f"{p[:4]}-Q{(int(p[5:7]) - 1) // 3 + 1}" for p in frame["period"]]
    out = []
    for period, rows in frame.groupby("period", sort=True):
        if freq == "quarter" and len(rows) < 3 * rows["geo_code"].nunique():
            continue  # an incomplete quarter is not shown as if it were whole
        value, num, den = combine(rows, unit)
        out.append({"period": period, "value": value, "numerator": num, "denominator": den,
                    "period_start": rows["period_start"].min(), "is_demo": int(rows["is_demo"].max())})
    return pd.DataFrame(out)
