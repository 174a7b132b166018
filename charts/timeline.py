"""The initiatives' windows as a Gantt chart: coloured by derived status,
grouped by forum or section, with meetings, dates mentioned and today."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.theme import danish
from domain.formatting import date_short, quarter_label
from domain.periods import quarter_of

STATUS_COLOURS = {
    "til_beslutning": "#0b6e69", "i_gang": "#3d5a98", "under_udarbejdelse": "#8d6cab",
    "pauseret": "#e07a2d", "ikke_igangsat": "#9e9e9e", "udgaar": "#b23a48", "ikke_oplyst": "#c9a227",
    "besluttet": "#6a994e", "overskredet": "#d81b60",
}


def zoom(rows: pd.DataFrame, meetings: list[dt.date], today: dt.date, first: dt.date,
         last: dt.date) -> tuple[dt.date, dt.date]:
    """The filter's range narrowed to what there is to see (windows, meetings, today), with a margin."""
    days = [*pd.to_datetime(rows["start"]).dt.date, *pd.to_datetime(rows["end"]).dt.date, *meetings, today]
    lo, hi = max(first, min(days)), min(last, max(days))
    if lo >= hi:
        return first, last
    pad = dt.timedelta(days=max(15, (hi - lo).days // 20))
    return max(first, lo - pad), min(last, hi + pad)


def _label(title: str) -> str:
    return "<br>".join(textwrap.wrap(title, 48)[:2])


def _hover(text: str, width: int = 70, lines: int = 14) -> str:
    wrapped = textwrap.wrap(text or "–", width)
    return "<br>".join(wrapped[:lines]) + (" …" if len(wrapped) > lines else "")


def initiative_gantt(initiatives: pd.DataFrame, meetings: pd.DataFrame, today: dt.date,
                     first: dt.date, last: dt.date, group: str = "forum") -> go.Figure:
    """One bar per initiative with a window, grouped by ``group``; one colour per derived status."""
    rows = initiatives.dropna(subset=["start", "end"]).copy()
    rows["group"] = rows[group].fillna("–")
    rows = rows.sort_values(["group", "start", "title"], kind="stable")
    rows["y"] = [_label(t) for t in rows["title"]]
    fig = go.Figure()
    for status, part in rows.groupby("derived", sort=False):
        starts = pd.to_datetime(part["start"])
        ends = pd.to_datetime(part["end"]) + pd.Timedelta(days=1)
        fig.add_trace(go.Bar(
            y=[list(part["group"]), list(part["y"])], x=(ends - starts).dt.total_seconds() * 1000,
            base=starts.dt.strftime("%Y-%m-%d"), orientation="h", name=str(part["derived_label"].iloc[0]),
            marker_color=STATUS_COLOURS.get(str(status), "#888"),
            customdata=[[r["title"], r["time"], _hover(r["status"]), _hover(r["action"]), r["derived_label"]]
                        for r in part.to_dict("records")],
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} · %{customdata[4]}"
                          "<br><br><i>Status:</i> %{customdata[2]}<br><br><i>Forslag:</i> %{customdata[3]}<extra></extra>",
        ))
    marks = [(g, y, d) for g, y, ds in zip(rows["group"], rows["y"], rows["dates"]) for d in (ds or "").split(",") if d]
    if marks:
        fig.add_trace(go.Scatter(
            x=[d for _, _, d in marks], y=[[g for g, _, _ in marks], [y for _, y, _ in marks]], mode="markers",
            name="Dato nævnt", marker={"symbol": "diamond", "size": 8, "color": "#222"},
            hovertemplate="%{x|%d.%m.%Y} nævnt i teksten<extra></extra>"))
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
    fig = danish(fig, height=max(360, 38 * len(rows) + 160))
    fig.update_layout(margin={"t": 90}, barmode="overlay", legend={"y": -0.08, "yanchor": "top"})
    lo, hi = zoom(rows, days, today, first, last)
    ticks = [dt.date(y, m, 1) for y in range(lo.year, hi.year + 1) for m in (1, 4, 7, 10) if lo <= dt.date(y, m, 1) <= hi]
    # Danish quarter ticks: Plotly's own date labels are English.
    fig.update_xaxes(type="date", range=[lo.isoformat(), hi.isoformat()], tickvals=[t.isoformat() for t in ticks],
                     ticktext=[quarter_label(quarter_of(t)) for t in ticks])
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 11})
    return fig
