"""Honest gaps: a region or cluster month that cannot be added up is shown as
missing with the reason, or (when the user chooses) as the sum of the
municipalities present, labelled with how many of how many."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from domain.formatting import month_year
from domain.periods import months_between


@dataclass(frozen=True)
class Gap:
    period: str  # 2025-03
    reason: str  # "Lemvig mangler for marts 2025"
    present: int  # municipalities with a value that month
    expected: int  # municipalities in the place


def _month(period: str) -> str:
    return month_year(dt.date(int(period[:4]), int(period[5:7]), 1))


def reason(period: str, missing: Sequence[str], expected: int) -> str:
    """Why a place has no value for a month, naming the municipalities that lack one."""
    when = _month(period)
    if expected == 0 or len(missing) >= expected:
        return f"Ingen tal for {when}"
    if not missing:  # every municipality has a value, yet the sum was not made (e.g. a unit that cannot be added)
        return f"Tallet mangler for {when}, selv om alle {expected} kommuner har tal"
    if len(missing) == 1:
        return f"{missing[0]} mangler for {when}"
    if len(missing) <= 3:
        return f"{', '.join(missing[:-1])} og {missing[-1]} mangler for {when}"
    return f"{len(missing)} af {expected} kommuner mangler for {when} ({', '.join(missing[:3])} m.fl.)"


def gaps(own: pd.DataFrame, members: Mapping[str, str], parts: pd.DataFrame) -> list[Gap]:
    """The months between the first and last month with any value (at the place or in its municipalities)
    where the place itself has none, each with the reason.

    ``own``: the place's monthly rows; ``members``: its municipalities (code → name); ``parts``: their rows."""
    seen = set(own["period"]) | (set(parts["period"]) if not parts.empty else set())
    if not seen:
        return []
    have = set(own.loc[own["value"].notna(), "period"])
    by_month = parts.groupby("period")["geo_code"].agg(set) if not parts.empty else pd.Series(dtype=object)
    out = []
    for period in months_between(min(seen), max(seen)):
        if period in have:
            continue
        present = by_month.get(period, set())
        missing = [name for code, name in sorted(members.items(), key=lambda kv: kv[1]) if code not in present]
        out.append(Gap(period, reason(period, missing, len(members)), len(members) - len(missing), len(members)))
    return out


def partial_sums(parts: pd.DataFrame, unit: str, months: Sequence[str]) -> pd.DataFrame:
    """For each month, the sum of the municipalities present (counts; percentages from numerators and
    denominators); columns period, value, present. Other units cannot be added up and give no rows."""
    columns = ["period", "value", "numerator", "denominator", "present"]
    rows = parts[parts["period"].isin(list(months))] if not parts.empty else parts
    if rows.empty or unit not in ("count", "percent"):
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby("period")
    out = grouped.agg(value=("value", "sum"), numerator=("numerator", "sum"), denominator=("denominator", "sum"),
                      counted=("numerator", "count"), present=("geo_code", "nunique"), n=("value", "size"))
    if unit == "percent":
        ok = (out["counted"] == out["n"]) & (out["denominator"] > 0)
        out = out[ok]
        out["value"] = 100.0 * out["numerator"] / out["denominator"]
    else:
        out["numerator"] = out["denominator"] = None
    return out.reset_index()[columns]


def partial_label(present: int, expected: int) -> str:
    return f"summen af {present} af {expected} kommuner"
