"""Aggregation by unit: counts add up; percentages are recomputed from
numerators and denominators; nothing is averaged blindly."""

from __future__ import annotations

import pandas as pd


def by_period(obs: pd.DataFrame, unit: str, freq: str = "month", stock: bool = False) -> pd.DataFrame:
    """One row per period: monthly as stored, or combined into quarters (``freq='quarter'``).

    A stock (citizens included so far) is not added over months: a quarter's value is its last month's.

    Vectorised: national data has hundreds of months for a hundred places."""
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
    if stock and freq == "quarter":  # the stock at the quarter's last month
        frame = frame.sort_values("period_start").groupby(["geo_code", "period"], sort=False).tail(1)
    grouped = frame.groupby("period", sort=True)
    out = grouped.agg(value=("value", "sum"), first=("value", "first"), numerator=("numerator", "sum"), denominator=("denominator", "sum"),
                      rows=("value", "size"), places=("geo_code", "nunique"), counted=("numerator", "count"),
                      based=("denominator", "count"), period_start=("period_start", "min"),
                      is_demo=("is_demo", "max")).reset_index()
    if freq == "quarter":
        out["rows"] = out["period"].map(rows_per_period)
        out = out[out["rows"] >= 3 * out["places"]]  # an incomplete quarter is not shown as if it were whole
    if unit == "count":
        out["numerator"] = out["denominator"] = None
    else:
        # Recomputed from counts where every row has them; a single row stands as it is; several rows
        # without counts cannot be combined honestly and become a gap (NaN), never an average.
        scale = 100.0 if unit == "percent" else 1.0
        counted = (out["counted"] == out["rows"]) & (out["based"] == out["rows"]) & (out["denominator"] > 0)
        out["value"] = (scale * out["numerator"] / out["denominator"].where(counted)).where(
            counted, out["first"].where(out["rows"] == 1))
    out["is_demo"] = out["is_demo"].astype(int)
    return out[columns].reset_index(drop=True)
