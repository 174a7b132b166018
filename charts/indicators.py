"""Indicator figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import PALETTE, danish
from domain.formatting import period_label, value_with_unit


def indicator_series(obs: pd.DataFrame, name: str, unit: str, target: float | None = None,
                     demo: bool = False) -> go.Figure:
    """Bars per period (one trace per place) with the target as a dashed line."""
    fig = go.Figure()
    for i, (geo, rows) in enumerate(obs.groupby("geo_name", sort=False)):
        rows = rows.sort_values("period_start")
        fig.add_trace(go.Bar(
            x=[period_label(p) for p in rows["period"]], y=rows["value"], name=str(geo),
            marker_color=PALETTE[i % len(PALETTE)],
            text=[value_with_unit(v, unit) for v in rows["value"]], textposition="outside",
            hovertemplate="%{x}: %{text}<extra>" + str(geo) + "</extra>",
        ))
    if target is not None:
        fig.add_hline(y=target, line_dash="dash", line_color="#c62828",
                      annotation_text=f"Mål {value_with_unit(target, unit)}", annotation_position="top left")
    title = name + (" · Eksempeldata" if demo else "")
    fig = danish(fig, title=title)
    if unit == "percent":
        fig.update_yaxes(ticksuffix=" %", rangemode="tozero")
    return fig
