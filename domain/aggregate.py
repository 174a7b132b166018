"""Aggregation by unit: counts add up; percentages are recomputed from
numerators and denominators; nothing is averaged blindly."""

from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = ["period", "value", "numerator", "denominator", "period_start", "is_demo"]


def _quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def _sum(values: np.ndarray, codes: np.ndarray, n: int, like: pd.Series) -> np.ndarray:
    """Per group, the sum of the values present (0 where none is, as pandas' sum)."""
    out = np.bincount(codes, weights=np.nan_to_num(values, nan=0.0), minlength=n)
    if like.dtype.kind in "iu":  # integers stay integers, as a groupby sum keeps them
        return out.astype(like.dtype)
    return out


def by_period(obs: pd.DataFrame, unit: str, freq: str = "month", stock: bool = False) -> pd.DataFrame:
    """One row per period: monthly as stored, or combined into quarters (``freq='quarter'``).

    A stock (citizens included so far) is not added over months: a quarter's value is its last month's.

    Vectorised with one factorisation of the periods and NumPy sums per group: it runs once per place and
    indicator for the KPI cards, so national data (hundreds of months, a hundred places) calls it often."""
    if obs.empty:
        return pd.DataFrame(columns=COLUMNS)
    # The columns one by one (a view each), not a copy of the seven: this runs for every card on a page.
    frame = {c: obs[c] for c in ("period", "value", "numerator", "denominator", "period_start", "is_demo", "geo_code")}
    numbers = {c: frame[c] if frame[c].dtype.kind in "fiu" else pd.to_numeric(frame[c], errors="coerce")
               for c in ("value", "numerator", "denominator")}
    period = frame["period"].to_numpy(dtype=object)
    if freq == "quarter":
        months, labels = pd.factorize(period)
        period = np.asarray([_quarter(m) for m in labels], dtype=object)[months]
    codes, periods = pd.factorize(period, sort=True)
    rows_all = np.bincount(codes, minlength=len(periods))
    keep = np.ones(len(obs), dtype=bool)
    if stock and freq == "quarter":  # the stock at the quarter's last month (the last row by period start)
        order = np.argsort(frame["period_start"].to_numpy(dtype=str), kind="stable")
        earlier = pd.DataFrame({"g": frame["geo_code"].to_numpy()[order], "p": codes[order]}).duplicated(keep="last")
        keep[order[earlier.to_numpy()]] = False
    codes_k = codes[keep]
    n = len(periods)
    present = np.bincount(codes_k, minlength=n) > 0
    value = numbers["value"].to_numpy(dtype=float)[keep]
    numerator = numbers["numerator"].to_numpy(dtype=float)[keep]
    denominator = numbers["denominator"].to_numpy(dtype=float)[keep]
    rows = np.bincount(codes_k, minlength=n)
    counted = np.bincount(codes_k, weights=~np.isnan(numerator), minlength=n)
    based = np.bincount(codes_k, weights=~np.isnan(denominator), minlength=n)
    geo, _ = pd.factorize(frame["geo_code"].to_numpy()[keep])
    width = int(geo.max(initial=0)) + 1  # one number per (period, place) pair; the distinct pairs per period
    places = np.bincount(np.unique(codes_k.astype(np.int64) * width + geo) // width, minlength=n)
    first_at = np.full(n, len(codes_k))
    np.minimum.at(first_at, codes_k, np.arange(len(codes_k)))
    first = np.full(n, np.nan)
    first[present] = value[first_at[present]]
    demo = np.zeros(n, dtype=np.int64)
    np.maximum.at(demo, codes_k, frame["is_demo"].to_numpy(dtype=np.int64)[keep])
    start_rank, start_labels = pd.factorize(frame["period_start"].to_numpy(dtype=object)[keep], sort=True)
    earliest = np.full(n, len(start_labels))
    np.minimum.at(earliest, codes_k, start_rank)
    if freq == "quarter":
        rows = rows_all
        whole = rows >= 3 * places  # an incomplete quarter is not shown as if it were whole
    else:
        whole = present
    sums = {c: _sum(v, codes_k, n, numbers[c]) for c, v in
            (("value", value), ("numerator", numerator), ("denominator", denominator))}
    result = sums["value"]
    if unit != "count":
        # Recomputed from counts where every row has them; a single row stands as it is; several rows
        # without counts cannot be combined honestly and become a gap (NaN), never an average.
        scale = 100.0 if unit == "percent" else 1.0
        den = sums["denominator"].astype(float)
        ok = (counted == rows) & (based == rows) & (den > 0)
        ratio = np.divide(scale * sums["numerator"], den, out=np.full(n, np.nan), where=ok)
        result = np.where(ok, ratio, np.where(rows == 1, first, np.nan))
    out = pd.DataFrame({
        "period": pd.array(np.asarray(periods, dtype=object)[whole], dtype=frame["period"].dtype),
        "value": result[whole],
        "numerator": sums["numerator"][whole] if unit != "count" else np.full(int(whole.sum()), None, dtype=object),
        "denominator": sums["denominator"][whole] if unit != "count" else np.full(int(whole.sum()), None, dtype=object),
        "period_start": pd.array(np.asarray(start_labels, dtype=object)[np.minimum(earliest, len(start_labels) - 1)][whole],
                                 dtype=frame["period_start"].dtype),
        "is_demo": demo[whole].astype(int),
    })
    return out
