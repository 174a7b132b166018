"""A KPI card's numbers for one indicator and place: the latest complete
quarter in the chosen range (or the latest period for yearly and seasonal
indicators), the change against the same period a year earlier, the trend
arrow by the 002 rule, and the distance to the target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from domain.aggregate import by_period
from domain.periods import period_bounds
from domain.trends import ArrowResult, arrow_002


@dataclass(frozen=True)
class Kpi:
    value: float
    period: str
    previous: float | None
    arrow: str | None  # up | down | flat, or None
    arrow_words: str
    arrow_from_source: bool
    is_demo: bool
    sources: tuple[str, ...]

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.value - self.previous


def year_before(period: str) -> str:
    """The same period a year earlier: ``2026-Q3`` → ``2025-Q3``, ``2020-S`` → ``2019-S``."""
    return f"{int(period[:4]) - 1}{period[4:]}"


def kpi(obs: pd.DataFrame, unit: str, last: dt.date) -> Kpi | None:
    """The card for one indicator at one place; ``obs`` holds its history (any periods), ``last`` ends the range."""
    if obs.empty:
        return None
    obs = obs[[period_bounds(p)[1] <= last for p in obs["period"]]]
    is_month = obs["period"].str.fullmatch(r"\d{4}-\d{2}")
    monthly = obs[is_month]
    if not monthly.empty:
        # Real rows win over demonstration rows for the same month.
        monthly = monthly.sort_values("is_demo").drop_duplicates(["geo_code", "period"])
        quarters = by_period(monthly, unit, "quarter")
        if not quarters.empty:
            latest = quarters.iloc[-1]
            real = obs[(obs["period"] == latest["period"]) & (obs["is_demo"] == 0)]
            if not real.empty:  # a source's own value for the quarter wins over a series built from months
                row = real.iloc[0]
                # ... and is compared only with a real value, never with demonstration months
                previous = obs[(obs["period"] == year_before(latest["period"])) & (obs["is_demo"] == 0)]
                arrow = row["arrow"] if isinstance(row["arrow"], str) else None
                return Kpi(float(row["value"]), str(row["period"]),
                           float(previous["value"].iloc[0]) if not previous.empty else None, arrow,
                           f"Pilen er gengivet fra kilden ({row['arrow_period']})." if arrow else "",
                           arrow is not None, False, (str(row["source_title"]),))
            previous = quarters[quarters["period"] == year_before(latest["period"])]
            end_month = f"{latest['period'][:4]}-{3 * int(latest['period'][-1]):02d}"
            series = by_period(monthly[monthly["period"] <= end_month], unit, "month")["value"].tolist()
            result: ArrowResult = arrow_002(series)
            files = monthly.loc[monthly["period"].str[:4] == latest["period"][:4], "source_title"]
            return Kpi(float(latest["value"]), str(latest["period"]),
                       float(previous["value"].iloc[0]) if not previous.empty else None,
                       None if result.arrow == "none" else result.arrow, result.in_words(), False,
                       bool(latest["is_demo"]), tuple(dict.fromkeys(files)))
    rest = obs[~is_month].sort_values(["period_start", "is_demo"])
    if rest.empty:
        return None
    row = rest.iloc[-1]
    previous = rest[rest["period"] == year_before(row["period"])]
    arrow = row["arrow"] if isinstance(row["arrow"], str) else None
    words = f"Pilen er gengivet fra kilden ({row['arrow_period']})." if arrow else "Ingen pil: for få målinger."
    return Kpi(float(row["value"]), str(row["period"]),
               float(previous["value"].iloc[0]) if not previous.empty else None, arrow, words, arrow is not None,
               bool(row["is_demo"]), (str(row["source_title"]),))
