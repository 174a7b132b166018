"""TeleKOL and TeleHjerte figures. Titles, places and source titles are data: ``literal`` before Plotly reads them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from charts.escape import literal
from charts.theme import PALETTE, danish
from domain.formatting import date_short, number, period_label


def _month_start(period: str) -> str:
    """A month as the axis shows it, in Danish (Plotly's own date labels are English)."""
    return period_label(period)


def telekol_chart(region: pd.DataFrame, clusters: pd.DataFrame, target: float | None,
                  source_points: pd.DataFrame, title: str, demo: bool, name: str = "Region") -> go.Figure:
    """Included citizens (a stock on the first of each month) against the target."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[_month_start(p) for p in region["period"]], y=region["value"], mode="lines",
                             name=literal(name) + (" (Eksempeldata)" if demo else ""), line={"color": PALETTE[0], "width": 3},
                             hovertemplate="%{x}: %{y:,.0f}<extra></extra>"))
    for i, (cluster, rows) in enumerate(clusters.groupby("geo_name", sort=True)):
        fig.add_trace(go.Scatter(x=[_month_start(p) for p in rows["period"]], y=rows["value"], mode="lines",
                                 name=literal(cluster), line={"color": PALETTE[(i + 1) % len(PALETTE)], "width": 1.2},
                                 hovertemplate="%{x}: %{y:,.0f}<extra>" + literal(cluster) + "</extra>"))
    if target is not None:
        fig.add_hline(y=target, line_dash="dash", line_color="#c62828",
                      annotation_text=f"Måltal {number(target)}", annotation_position="top left")
    if not source_points.empty:
        fig.add_trace(go.Scatter(
            x=[_month_start(p) for p in source_points["period"]], y=source_points["value"], mode="markers+text",
            name="Fra kilden", marker={"color": "#222", "size": 12, "symbol": "diamond"},
            text=[f"ca. {number(v)}" for v in source_points["value"]], textposition="top center",
            hovertext=[literal(t) for t in source_points["source_title"]], hovertemplate="%{text} · %{hovertext}<extra></extra>"))
    return danish(fig, title=literal(title) + (" · Eksempeldata" if demo else ""), height=420).update_yaxes(tickformat=",d")


def telehjerte_chart(pilot_start: dt.date | None, per_year: float | None, months: list[str], expected: list[float],
                     counts: pd.DataFrame, title: str) -> go.Figure:
    """The expected course from the pilot on (months and values from the application layer), and real
    inclusion counts when there are any."""
    fig = go.Figure()
    if pilot_start and per_year and months:
        labels = [period_label(m) for m in months]
        fig.add_trace(go.Scatter(x=labels, y=expected, mode="lines", name=f"Forventet: ca. {number(per_year)} om året",
                                 line={"color": "#5f6368", "dash": "dash"},
                                 hovertemplate="%{x}: ca. %{y:,.0f}<extra>forventet</extra>"))
        pilot_end = labels[min(2, len(labels) - 1)]  # spring: the pilot's first three months
        fig.add_vrect(x0=labels[0], x1=pilot_end, fillcolor="#0b6e69", opacity=0.08, line_width=0,
                      annotation_text=f"Pilot fra {date_short(pilot_start)}", annotation_position="top left")
    if not counts.empty:
        fig.add_trace(go.Scatter(x=[_month_start(p) for p in counts["period"]], y=counts["value"],
                                 mode="lines+markers", name="Inkluderede", line={"color": PALETTE[0], "width": 3}))
    return danish(fig, title=literal(title), height=340).update_yaxes(tickformat=",d")
