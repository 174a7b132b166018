"""The data that belongs to the chosen filters, read through the cache."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import settings
from charts.timeline import initiative_gantt
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
    return _of_region(frame, ctx.filters.region)


def _of_region(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    return frame[frame["region"].isna() | (frame["region"] == region)] if not frame.empty else frame


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _initiatives_with_status(db: tuple[str, float], region: str) -> pd.DataFrame:
    return with_status(_of_region(data.frame("initiatives"), region))


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _links(db: tuple[str, float], region: str) -> pd.DataFrame:
    items = _of_region(data.frame("agenda_items"), region)
    return decision_links(items, _initiatives_with_status(db, region), data.query("named_terms"))


def initiatives(ctx: Context, all_periods: bool = False) -> pd.DataFrame:
    """The region's initiatives (those whose window overlaps the quarters), with derived status."""
    frame = _initiatives_with_status(data.db_key(), ctx.filters.region)
    if all_periods:
        return frame
    first, last = ctx.filters.date_range()
    return in_period(frame, first, last)


def links(ctx: Context) -> pd.DataFrame:
    """Which of the region's agenda items concern which of its initiatives, and why."""
    return _links(data.db_key(), ctx.filters.region)


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


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _timeline(db: tuple[str, float], region: str, first: dt.date, last: dt.date, group: str,
              today: dt.date) -> go.Figure:
    frame = in_period(_initiatives_with_status(db, region), first, last)
    meetings = _of_region(data.frame("meetings"), region)
    day = pd.to_datetime(meetings["date"]).dt.date
    return initiative_gantt(frame, meetings[(day >= first) & (day <= last)], today, first, last, group=group)


def timeline(ctx: Context, group: str) -> go.Figure:
    """The Gantt chart for the chosen filters, grouped by ``group`` (forum or section_title)."""
    first, last = ctx.filters.date_range()
    return _timeline(data.db_key(), ctx.filters.region, first, last, group, today())
