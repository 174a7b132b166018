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


# Plotly's toolbar and messages in Danish. The plotly.js that Streamlit ships registers only English, so the
# locale travels in each chart's config (``config.locales``) and is chosen with ``config.locale``.
_TOOLBAR = {
    "Autoscale": "Autoskalér", "Box Select": "Vælg med boks", "Compare data on hover": "Sammenlign data ved hover",
    "Download plot": "Hent grafen", "Download plot as a PNG": "Hent grafen som PNG",
    "Download plot as JSON": "Hent grafen som JSON", "Lasso Select": "Vælg med lasso", "Pan": "Panorér",
    "Reset": "Nulstil", "Reset axes": "Nulstil akserne", "Reset view": "Nulstil visningen",
    "Reset views": "Nulstil visningerne", "Show closest data on hover": "Vis nærmeste data ved hover",
    "Toggle Spike Lines": "Slå hjælpelinjer til/fra",
    "Toggle show closest data on hover": "Slå visning af nærmeste data ved hover til/fra",
    "Zoom": "Zoom", "Zoom in": "Zoom ind", "Zoom out": "Zoom ud",
    "Image download succeeded": "Billedet er hentet", "JSON download succeeded": "JSON-filen er hentet",
    "Preparing image - this may take a few seconds": "Forbereder billedet – det kan tage et par sekunder",
    "Sorry, there was a problem downloading your image!": "Billedet kunne ikke hentes.",
    "Sorry, there was a problem downloading your JSON file!": "JSON-filen kunne ikke hentes.",
    "Double-click to zoom back out": "Dobbeltklik for at zoome ud igen",
    "Click to enter Plot title": "Klik for at skrive grafens titel",
    "Click to enter X axis title": "Klik for at skrive x-aksens titel",
    "Click to enter Y axis title": "Klik for at skrive y-aksens titel",
    "trace": "serie", "max": "maks.", "min": "min.", "mean": "gennemsnit", "median": "median",
}
_FORMAT = {
    "days": ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
    "shortDays": ["søn.", "man.", "tirs.", "ons.", "tors.", "fre.", "lør."],
    "months": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
               "november", "december"],
    "shortMonths": ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    "date": "%d.%m.%Y", "decimal": ",", "thousands": ".",
}
CONFIG = {"locale": "da", "locales": {"da": {"dictionary": _TOOLBAR, "format": _FORMAT}}}  # st.plotly_chart(config=)
