"""Indicator values: the latest per indicator, trend arrows and their colour."""

from __future__ import annotations

import pandas as pd

ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def trend_arrow(arrow: str | None) -> str:
    return ARROWS.get(arrow or "", "")


def arrow_is_good(arrow: str | None, direction: str) -> bool | None:
    """True when the arrow points the desired way, False when not, None when flat or absent."""
    if arrow not in ("up", "down"):
        return None
    return arrow == direction


def latest_per_indicator(obs: pd.DataFrame) -> pd.DataFrame:
    """For each indicator and place, its newest observation."""
    if obs.empty:
        return obs
    ordered = obs.sort_values(["indicator", "geo_code", "period_start"])
    return ordered.groupby(["indicator", "geo_code"], as_index=False).tail(1).reset_index(drop=True)
