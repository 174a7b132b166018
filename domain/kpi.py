"""A KPI card's numbers for one indicator and place: the latest complete
quarter in the chosen range (or the latest period for yearly and seasonal
indicators), the change against the same period a year earlier, the trend
arrow by the 002 rule, and the distance to the target.

One rule for where trends are judged: at the end of the card's quarter, over
the 24 months before it, taken from all history (not only the chosen range).
Overblik, Indikatorer and the slides all read it from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from domain.aggregate import by_period
from domain.observations import monthly as monthly_rows
from domain.periods import months_back, period_end
from domain.trends import ArrowResult, arrow_002

RULE_MONTHS = 24
STOCK_WORDS = "Ingen pil: en samlet bestand (inkluderede borgere) følges mod sit mål, ikke mod en median."


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
    judged_at: str | None = None  # the month the trend rules end at (2025-12), for monthly indicators

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.value - self.previous


def year_before(period: str) -> str:
    """The same period a year earlier: ``2026-Q3`` → ``2025-Q3``, ``2020-S`` → ``2019-S``."""
    return f"{int(period[:4]) - 1}{period[4:]}"


def quarter_end_month(quarter: str) -> str:
    return f"{quarter[:4]}-{3 * int(quarter[-1]):02d}"


def rule_window(monthly: pd.DataFrame, unit: str, end_month: str, months: int = RULE_MONTHS) -> list[float | None]:
    """The place's monthly values for the ``months`` calendar months ending with ``end_month``; a month
    without a value is None (never "below the median")."""
    series = by_period(monthly, unit, "month")
    values = dict(zip(series["period"], series["value"]))
    return [None if pd.isna(values.get(m, float("nan"))) else float(values[m]) for m in months_back(end_month, months)]


def _until(rows: pd.DataFrame, last: dt.date) -> pd.DataFrame:
    """The rows of periods that have ended by ``last`` (each distinct period parsed once)."""
    return rows[[period_end(p) <= last for p in rows["period"]]]


def kpi(obs: pd.DataFrame, unit: str, last: dt.date, stock: bool = False,
        months: pd.DataFrame | None = None) -> Kpi | None:
    """The card for one indicator at one place; ``obs`` holds its history (any periods), ``last`` ends the range.
    ``months`` is ``domain.observations.monthly(obs)`` when the caller has it already (one pass over many places
    instead of one per place); the result is the same."""
    if obs.empty:
        return None
    obs = _until(obs, last)
    monthly = monthly_rows(obs) if months is None else _until(months, last)
    if not monthly.empty:
        quarters = by_period(monthly, unit, "quarter", stock)
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
                           arrow is not None, False, (str(row["source_title"]),),
                           quarter_end_month(str(latest["period"])))
            previous = quarters[quarters["period"] == year_before(latest["period"])]
            end_month = quarter_end_month(str(latest["period"]))
            result: ArrowResult = arrow_002(rule_window(monthly, unit, end_month))
            arrow, words = (None, STOCK_WORDS) if stock else (
                None if result.arrow == "none" else result.arrow, result.in_words())
            files = monthly.loc[monthly["period"].str[:4] == latest["period"][:4], "source_title"]
            return Kpi(float(latest["value"]), str(latest["period"]),
                       float(previous["value"].iloc[0]) if not previous.empty else None,
                       arrow, words, False, bool(latest["is_demo"]), tuple(dict.fromkeys(files)), end_month)
    rest = obs[~obs["period"].str.fullmatch(r"\d{4}-\d{2}")].sort_values(["period_start", "is_demo"])
    if rest.empty:
        return None
    row = rest.iloc[-1]
    previous = rest[rest["period"] == year_before(row["period"])]
    arrow = row["arrow"] if isinstance(row["arrow"], str) else None
    words = f"Pilen er gengivet fra kilden ({row['arrow_period']})." if arrow else "Ingen pil: for få målinger."
    return Kpi(float(row["value"]), str(row["period"]),
               float(previous["value"].iloc[0]) if not previous.empty else None, arrow, words, arrow is not None,
               bool(row["is_demo"]), (str(row["source_title"]),))
