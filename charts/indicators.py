"""Indicator figures. Names, places and source titles are data: ``literal`` before Plotly reads them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.escape import literal
from charts.theme import PALETTE, danish
from domain.formatting import period_label, value_with_unit


def _axis(fig: go.Figure, unit: str, **extra: str) -> go.Figure:
    """Percentages with their sign; counts as whole numbers (never 17.350,5 on the axis)."""
    if unit == "percent":
        fig.update_yaxes(ticksuffix=" %", **extra)
    elif unit == "count":
        fig.update_yaxes(tickformat=",d", **extra)
    return fig


def indicator_series(obs: pd.DataFrame, name: str, unit: str, target: float | None = None,
                     demo: bool = False) -> go.Figure:
    """Bars per period (one trace per place) with the target as a dashed line."""
    fig = go.Figure()
    for i, (geo, rows) in enumerate(obs.groupby("geo_name", sort=False)):
        rows = rows.sort_values("period_start")
        fig.add_trace(go.Bar(
            x=[period_label(p) for p in rows["period"]], y=rows["value"], name=literal(geo),
            marker_color=PALETTE[i % len(PALETTE)],
            text=[value_with_unit(v, unit) for v in rows["value"]], textposition="outside",
            hovertemplate="%{x}: %{text}<extra>" + literal(geo) + "</extra>",
        ))
    if target is not None:
        fig.add_hline(y=target, line_dash="dash", line_color="#c62828",
                      annotation_text=f"Mål {value_with_unit(target, unit)}", annotation_position="top left")
    fig = danish(fig, title=literal(name) + (" · Eksempeldata" if demo else ""))
    return _axis(fig, unit, rangemode="tozero")


def run_chart(series: pd.DataFrame, name: str, unit: str, median: float | None, target: float | None,
              signal_points: list[str], source_points: pd.DataFrame, demo: bool,
              median_name: str = "Median, seneste 24 måneder") -> go.Figure:
    """A run chart: the series, its median, the target, the points that signal, and values from the sources."""
    x = [period_label(p) for p in series["period"]]
    text = [value_with_unit(v, unit) for v in series["value"]]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=series["value"], mode="lines+markers", name="Eksempeldata" if demo else literal(name),
                             line={"color": PALETTE[0], "width": 2}, marker={"size": 5}, text=text,
                             hovertemplate="%{x}: %{text}<extra></extra>"))
    if median is not None:
        fig.add_trace(go.Scatter(x=x, y=[median] * len(x), mode="lines", name=median_name,
                                 line={"color": "#5f6368", "dash": "dot"}, hoverinfo="skip"))
    if target is not None:
        fig.add_trace(go.Scatter(x=x, y=[target] * len(x), mode="lines", name=f"Mål {value_with_unit(target, unit)}",
                                 line={"color": "#c62828", "dash": "dash"}, hoverinfo="skip"))
    if signal_points:
        sig = series[series["period"].isin(signal_points)]
        fig.add_trace(go.Scatter(x=[period_label(p) for p in sig["period"]], y=sig["value"], mode="markers",
                                 name="Signal (lang serie)", marker={"color": "#e07a2d", "size": 10, "symbol": "circle-open",
                                                                     "line": {"width": 2}}, hoverinfo="skip"))
    if not source_points.empty:
        fig.add_trace(go.Scatter(x=[period_label(p) for p in source_points["period"]], y=source_points["value"],
                                 mode="markers", name="Fra kilden", marker={"color": "#222", "size": 11, "symbol": "diamond"},
                                 text=[f"{value_with_unit(v, unit)} ({literal(t)})" for v, t in
                                       zip(source_points["value"], source_points["source_title"])],
                                 hovertemplate="%{x}: %{text}<extra></extra>"))
    fig = danish(fig, title=literal(name) + (" · Eksempeldata" if demo else ""), height=420)
    return _axis(fig, unit)


def compare_chart(frame: pd.DataFrame, name: str, unit: str, demo: bool) -> go.Figure:
    """One line per place (clusters of a region, or municipalities of a cluster)."""
    fig = go.Figure()
    for i, (place, rows) in enumerate(frame.groupby("geo_name", sort=True)):
        fig.add_trace(go.Scatter(x=[period_label(p) for p in rows["period"]], y=rows["value"], mode="lines",
                                 name=literal(place), line={"color": PALETTE[i % len(PALETTE)], "width": 1.6},
                                 text=[value_with_unit(v, unit) for v in rows["value"]],
                                 hovertemplate="%{x}: %{text}<extra>" + literal(place) + "</extra>"))
    fig = danish(fig, title=literal(name) + (" · Eksempeldata" if demo else ""), height=380)
    return _axis(fig, unit)
