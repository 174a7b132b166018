"""The initiatives' windows as a Gantt chart: coloured by derived status,
grouped by forum or section, with meetings, dates mentioned and today."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.escape import literal
from charts.theme import danish
from domain.formatting import date_short, quarter_label
from domain.periods import quarter_of

# Chosen to stay apart for protanopes and deuteranopes too (tests/test_accessibility.py simulates both).
STATUS_COLOURS = {
    "til_beslutning": "#114841", "i_gang": "#3236be", "under_udarbejdelse": "#8c74d3",
    "pauseret": "#dd5507", "ikke_igangsat": "#c2c5ac", "udgaar": "#973c20", "ikke_oplyst": "#e5c405",
    "besluttet": "#88c061", "overskredet": "#d82884",
}
# A status is never told by colour alone: each has its own fill pattern (shape, fill mode), shown in the legend
# with the status's name. Plotly has eight shapes; the ninth status reuses one in the other fill mode.
STATUS_PATTERNS: dict[str, tuple[str, str]] = {
    "til_beslutning": ("", "overlay"), "i_gang": ("/", "overlay"), "under_udarbejdelse": ("\\", "overlay"),
    "pauseret": ("-", "overlay"), "ikke_igangsat": (".", "overlay"), "udgaar": ("x", "overlay"),
    "ikke_oplyst": ("+", "overlay"), "besluttet": ("|", "overlay"), "overskredet": ("x", "replace"),
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


def _pattern(status: str) -> dict[str, object]:
    shape, fillmode = STATUS_PATTERNS.get(status, ("", "overlay"))
    return {"shape": shape, "fillmode": fillmode, "solidity": 0.3, "size": 8}


def _label(title: str) -> str:
    lines = textwrap.wrap(title, 48)
    shown = [literal(line) for line in lines[:2]]
    if len(lines) > 2:  # whole words only, and say that there is more (the hover has it all)
        shown[-1] += " …"
    return "<br>".join(shown)


def _hover(text: str, width: int = 70, lines: int = 14) -> str:
    wrapped = textwrap.wrap(text or "–", width)
    return "<br>".join(literal(line) for line in wrapped[:lines]) + (" …" if len(wrapped) > lines else "")


def initiative_gantt(initiatives: pd.DataFrame, meetings: pd.DataFrame, today: dt.date,
                     first: dt.date, last: dt.date, group: str = "forum") -> go.Figure:
    """One bar per initiative with a window, grouped by ``group``; one colour per derived status."""
    rows = initiatives.dropna(subset=["start", "end"]).copy()
    rows["group"] = rows[group].fillna("–").map(literal)
    rows = rows.sort_values(["group", "start", "title"], kind="stable")
    rows["y"] = [_label(t) for t in rows["title"]]
    fig = go.Figure()
    for status, part in rows.groupby("derived", sort=False):
        starts = pd.to_datetime(part["start"])
        ends = pd.to_datetime(part["end"]) + pd.Timedelta(days=1)
        fig.add_trace(go.Bar(
            y=[list(part["group"]), list(part["y"])], x=(ends - starts).dt.total_seconds() * 1000,
            base=starts.dt.strftime("%Y-%m-%d"), orientation="h", name=str(part["derived_label"].iloc[0]),
            marker={"color": STATUS_COLOURS.get(str(status), "#888"), "pattern": _pattern(str(status))},
            customdata=[[literal(r["title"]), literal(r["time"] or "–"), _hover(r["status"]), _hover(r["action"]), r["derived_label"]]
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
        fig.add_annotation(x=day.isoformat(), y=1, yref="paper", text=f"{literal(forum)}<br>{date_short(day)}",
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
