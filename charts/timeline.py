"""The initiatives' windows as a Gantt chart with meetings and today."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.theme import PALETTE, danish
from domain.formatting import date_short


def zoom(rows: pd.DataFrame, meetings: list[dt.date], today: dt.date, first: dt.date,
         last: dt.date) -> tuple[dt.date, dt.date]:
    """The filter's range narrowed to what there is to see (windows, meetings, today), with a margin."""
    days = [*pd.to_datetime(rows["start"]).dt.date, *pd.to_datetime(rows["end"]).dt.date, *meetings, today]
    lo, hi = max(first, min(days)), min(last, max(days))
    if lo >= hi:
        return first, last
    pad = dt.timedelta(days=max(15, (hi - lo).days // 20))
    return max(first, lo - pad), min(last, hi + pad)


def initiative_gantt(initiatives: pd.DataFrame, meetings: pd.DataFrame, today: dt.date,
                     first: dt.date, last: dt.date, group: str = "forum") -> go.Figure:
    """One bar per initiative with a window; meetings as dotted lines, today as a solid one."""
    fig = go.Figure()
    rows = initiatives.dropna(subset=["start", "end"])
    groups = list(dict.fromkeys(rows[group].fillna("–")))
    for i, name in enumerate(groups):
        part = rows[rows[group].fillna("–") == name]
        starts = pd.to_datetime(part["start"])
        ends = pd.to_datetime(part["end"]) + pd.Timedelta(days=1)
        fig.add_trace(go.Bar(
            y=["<br>".join(textwrap.wrap(t, 48)[:2]) for t in part["title"]],
            x=(ends - starts).dt.total_seconds() * 1000, base=starts.dt.strftime("%Y-%m-%d"),
            orientation="h", name=str(name), marker_color=PALETTE[i % len(PALETTE)],
            customdata=list(zip(part["time"], part["title"])),
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<extra></extra>",
        ))
    days = [dt.date.fromisoformat(d) for d in meetings["date"].dropna()]
    for i, day in enumerate(sorted(days)):
        forum = meetings.loc[meetings["date"] == day.isoformat(), "forum"].iloc[0]
        fig.add_vline(x=day.isoformat(), line_dash="dot", line_color="#888")
        # Staggered so that meetings a few weeks apart stay readable.
        fig.add_annotation(x=day.isoformat(), y=1, yref="paper", text=f"{forum}<br>{date_short(day)}",
                           showarrow=False, font={"size": 10}, yanchor="bottom", yshift=28 * (i % 2))
    fig.add_vline(x=today.isoformat(), line_color="#c62828")
    fig.add_annotation(x=today.isoformat(), y=0, yref="paper", text="I dag", showarrow=False,
                       font={"color": "#c62828"}, yanchor="top")
    fig = danish(fig, height=max(360, 34 * len(rows) + 160))
    fig.update_layout(margin={"t": 90})
    fig.update_xaxes(type="date", range=[d.isoformat() for d in zoom(rows, days, today, first, last)])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="overlay")
    return fig
