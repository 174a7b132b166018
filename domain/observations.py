"""Which stored observations a page, slide or CSV shows: one rule for real
versus demonstration rows, and which rows make a monthly series."""

from __future__ import annotations

import pandas as pd

REAL_OVER_DEMO = ("Rigtige tal går altid forud for eksempeldata for samme indikator, sted og periode; "
                  "eksempeldata vises kun, hvor der ingen rigtige tal er.")

_KEY = ["indicator", "geo_code", "period"]


def real_over_demo(obs: pd.DataFrame) -> pd.DataFrame:
    """The rows to show: a demonstration row only where no real row has the same indicator, place and period."""
    if obs.empty:
        return obs
    key = [c for c in _KEY if c in obs.columns]  # one indicator's rows may come without its column
    real = obs[obs["is_demo"] == 0]
    taken = pd.MultiIndex.from_frame(real[key])
    demo = obs[obs["is_demo"] != 0]
    keep = ~pd.MultiIndex.from_frame(demo[key]).isin(taken)
    # Several real rows for one key (a source's own month and an extract's) keep the first, as stored.
    return pd.concat([real.drop_duplicates(key), demo[keep]]).sort_index()


def monthly(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows whose period is a calendar month (``2025-03``), real over demonstration."""
    if obs.empty:
        return obs
    return real_over_demo(obs[obs["period"].str.fullmatch(r"\d{4}-\d{2}")])


def snapshots(obs: pd.DataFrame) -> pd.DataFrame:
    """Real rows for other periods (quarters, years, seasons) quoted from the sources."""
    if obs.empty:
        return obs
    return obs[~obs["period"].str.fullmatch(r"\d{4}-\d{2}") & (obs["is_demo"] == 0)]
