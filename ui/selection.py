"""The data that belongs to the chosen filters, read through the cache."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import settings
from charts.indicators import compare_chart, run_chart
from charts.telemedicine import telehjerte_chart, telekol_chart
from charts.timeline import initiative_gantt
from domain.aggregate import by_period
from domain.filters import of_region as region_rows
from domain.filters import period_label, place_label, resolve
from domain.initiatives import in_period, with_status
from domain.kpi import Kpi, kpi
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
    return region_rows(frame, ctx.filters.region)


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _initiatives_with_status(db: tuple[str, float], region: str) -> pd.DataFrame:
    return with_status(region_rows(data.frame("initiatives"), region))


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _links(db: tuple[str, float], region: str) -> pd.DataFrame:
    items = region_rows(data.frame("agenda_items"), region)
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
    meetings = region_rows(data.frame("meetings"), region)
    day = pd.to_datetime(meetings["date"]).dt.date
    return initiative_gantt(frame, meetings[(day >= first) & (day <= last)], today, first, last, group=group)


def timeline(ctx: Context, group: str) -> go.Figure:
    """The Gantt chart for the chosen filters, grouped by ``group`` (forum or section_title)."""
    first, last = ctx.filters.date_range()
    return _timeline(data.db_key(), ctx.filters.region, first, last, group, today())


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _kpis(db: tuple[str, float], code: str, last: dt.date) -> dict[str, Kpi | None]:
    catalogue = data.frame("indicators")
    history = data.frame("observations", (code,), "1900-01-01", last.isoformat(), None)
    return {ind["id"]: kpi(history[history["indicator"] == ind["id"]], ind["unit"], last)
            for ind in catalogue.to_dict("records")}


def kpis(ctx: Context) -> dict[str, Kpi | None]:
    """Each indicator's card numbers for the chosen place, up to the end of the chosen quarters."""
    return _kpis(data.db_key(), ctx.filters.cluster or ctx.filters.region, ctx.filters.date_range()[1])


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _series(db: tuple[str, float], codes: tuple[str, ...], indicator: str, unit: str, first: dt.date,
            last: dt.date, freq: str) -> pd.DataFrame:
    obs = data.frame("observations", codes, first.isoformat(), last.isoformat(), indicator)
    monthly = obs[obs["period"].str.fullmatch(r"\d{4}-\d{2}")]
    monthly = monthly.sort_values("is_demo").drop_duplicates(["geo_code", "period"])
    parts = []
    for code, rows in monthly.groupby("geo_code", sort=False):
        part = by_period(rows, unit, freq)
        if not part.empty:
            parts.append(part.assign(geo_code=code))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["period", "value", "numerator", "denominator", "period_start", "is_demo", "geo_code"])


def series(ctx: Context, indicator: str, unit: str, freq: str, codes: list[str]) -> pd.DataFrame:
    """Monthly (or quarterly) values per place within the chosen quarters, aggregated by unit."""
    first, last = ctx.filters.date_range()
    frame = _series(data.db_key(), tuple(codes), indicator, unit, first, last, freq)
    return frame.assign(geo_name=frame["geo_code"].map(place_names(ctx)))


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _place_cards(db: tuple[str, float], codes: tuple[str, ...], indicator: str, unit: str,
                 last: dt.date) -> dict[str, Kpi | None]:
    history = data.frame("observations", codes, "1900-01-01", last.isoformat(), indicator)
    return {code: kpi(history[history["geo_code"] == code], unit, last) for code in codes}


def place_cards(ctx: Context, indicator: str, unit: str, codes: list[str]) -> dict[str, Kpi | None]:
    """The KPI numbers of each place (latest quarter, change, arrow) up to the end of the chosen quarters."""
    return _place_cards(data.db_key(), tuple(codes), indicator, unit, ctx.filters.date_range()[1])


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _figure(db: tuple[str, float], kind: str, args: tuple[Any, ...]) -> go.Figure:
    builders = {"telekol": telekol_chart, "telehjerte": telehjerte_chart, "run": run_chart, "compare": compare_chart}
    frames = [pd.DataFrame(a[1]) if isinstance(a, tuple) and a and a[0] == "frame" else a for a in args]
    return builders[kind](*frames)


def figure(kind: str, *args: Any) -> go.Figure:
    """A chart built once per database and arguments (DataFrames included), not on every rerun."""
    frozen = tuple(("frame", a.to_dict("list")) if isinstance(a, pd.DataFrame) else a for a in args)
    return _figure(data.db_key(), kind, frozen)


def place_label_for(params: dict[str, str], ctx: Context) -> str:
    """``Vestklyngen, Region Midtjylland · 1. kvt. 2024 – 4. kvt. 2025`` for stored filter parameters."""
    filters, _ = resolve(params, ctx.choices)
    return f"{place_label(filters, ctx.choices)} · {period_label(filters)}"
