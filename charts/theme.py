"""The dashboard's look for Plotly: Danish separators and a quiet palette."""

from __future__ import annotations

import plotly.graph_objects as go

PALETTE = ["#0b6e69", "#e07a2d", "#3d5a98", "#b23a48", "#6a994e", "#8d6cab", "#c9a227", "#4a4e69", "#2a9d8f"]
GOOD, BAD, NEUTRAL = "#2e7d32", "#c62828", "#5f6368"
FONT = "Source Sans Pro, Arial, sans-serif"


def danish(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    """Decimal comma, thousands dot, Danish-friendly defaults."""
    fig.update_layout(
        separators=",.",
        title={"text": title, "y": 0.98, "yanchor": "top", "x": 0, "xanchor": "left"} if title else None,
        height=height,
        font={"family": FONT, "size": 13},
        colorway=PALETTE,
        # The title on top, the legend between it and the plot: room for both.
        margin={"l": 10, "r": 10, "t": 100 if title else 40, "b": 10},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
        hoverlabel={"font_family": FONT},
    )
    fig.update_xaxes(showgrid=False, linecolor="#ccc", nticks=16)
    fig.update_yaxes(gridcolor="#eee", zerolinecolor="#ccc", tickformat=",~r")
    return fig
