"""A small Plotly picture of a slide, for the deck's previews (drawn with the dashboard's theme)."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.escape import literal
from charts.theme import PALETTE, danish
from charts.timeline import STATUS_COLOURS
from slides.spec import SlideSpec


def preview_figure(spec: SlideSpec) -> go.Figure:
    fig = go.Figure()
    if spec.kind in ("line", "column", "bar"):
        categories = [literal(str(c)) for c in spec.categories]  # Plotly reads HTML in text; documents' text is data
        for i, series in enumerate(spec.series):
            colour = PALETTE[0] if i == 0 else "#c62828"
            if spec.kind == "line":
                fig.add_trace(go.Scatter(x=categories, y=list(series.values), mode="lines",
                                         line={"color": colour}, name=literal(series.name)))
            else:
                fig.add_trace(go.Bar(x=list(series.values) if spec.kind == "bar" else categories,
                                     y=categories if spec.kind == "bar" else list(series.values),
                                     orientation="h" if spec.kind == "bar" else "v", marker_color=colour))
    elif spec.kind == "table":
        fig.add_trace(go.Table(header={"values": [literal(str(c)) for c in spec.columns]},
                               cells={"values": [[literal(str(v)) for v in col] for col in zip(*spec.rows)]
                                      if spec.rows else []}))
    elif spec.kind == "gantt":
        for bar in spec.bars:
            fig.add_trace(go.Scatter(x=[bar.start, bar.end], y=[literal(bar.label[:30])] * 2, mode="lines",
                                     line={"color": STATUS_COLOURS.get(bar.status, "#888"), "width": 6}))
    fig = danish(fig, title=literal(spec.title) + (" · Eksempeldata" if spec.demo else ""), height=300)
    fig.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 50, "b": 10}, font={"size": 10})
    return fig
