"""The data that belongs to the chosen filters, read through the cache."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from domain.initiatives import in_period, with_status
from domain.links import decision_links
from ui import data
from ui.page import Context


def place_codes(ctx: Context, with_children: bool = True) -> list[str]:
    """The chosen region or cluster, and (optionally) the places inside it."""
    f = ctx.filters
    munis = data.frame("municipalities")
    if f.cluster:
        codes = [f.cluster]
        if with_children:
            codes += list(munis.loc[munis["cluster_id"] == f.cluster, "code"])
        return codes
    codes = [f.region]
    if with_children:
        codes += list(ctx.choices.clusters.get(f.region, {}))
        codes += list(munis.loc[munis["region_code"] == f.region, "code"])
    return codes


def place_names(ctx: Context) -> dict[str, str]:
    munis = data.frame("municipalities")
    names = dict(ctx.choices.regions)
    for clusters in ctx.choices.clusters.values():
        names.update(clusters)
    names.update(zip(munis["code"], munis["name"]))
    return names


def observations(ctx: Context, indicator: str | None = None, with_children: bool = True) -> pd.DataFrame:
    first, last = ctx.filters.date_range()
    obs = data.frame("observations", tuple(place_codes(ctx, with_children)), first.isoformat(),
                     last.isoformat(), indicator)
    return obs.assign(geo_name=obs["geo_code"].map(place_names(ctx)))


def of_region(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Rows from documents about the chosen region (or about no region in particular)."""
    if frame.empty:
        return frame
    return frame[frame["region"].isna() | (frame["region"] == ctx.filters.region)]


def initiatives(ctx: Context, all_periods: bool = False) -> pd.DataFrame:
    """The region's initiatives (those whose window overlaps the quarters), with derived status."""
    frame = of_region(data.frame("initiatives"), ctx)
    if not all_periods:
        first, last = ctx.filters.date_range()
        frame = in_period(frame, first, last)
    return with_status(frame)


def links(ctx: Context) -> pd.DataFrame:
    """Which of the region's agenda items concern which of its initiatives, and why."""
    items = of_region(data.frame("agenda_items"), ctx)
    return decision_links(items, initiatives(ctx, all_periods=True), data.query("named_terms"))


def agenda_items(ctx: Context) -> pd.DataFrame:
    items = of_region(data.frame("agenda_items"), ctx)
    first, last = ctx.filters.date_range()
    day = pd.to_datetime(items["date"]).dt.date
    return items[(day >= first) & (day <= last)]


def meetings(ctx: Context) -> pd.DataFrame:
    items = of_region(data.frame("meetings"), ctx)
    first, last = ctx.filters.date_range()
    day = pd.to_datetime(items["date"]).dt.date
    return items[(day >= first) & (day <= last)]


def today() -> dt.date:
    return dt.date.today()
