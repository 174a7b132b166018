"""A small Plotly picture of a slide, for the deck's previews (drawn with the dashboard's theme)."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.escape import literal
from charts.export import EDGE
from charts.theme import PALETTE, danish
from charts.timeline import STATUS_COLOURS
from slides.finish import INSETS, shorten, text_width
from slides.spec import SlideSpec

WIDTH, HEIGHT = 480, 270  # the preview's pixels (16:9, as the slide)
MARGIN = {"l": EDGE, "r": EDGE, "t": 50, "b": EDGE}  # what charts.export gives every picture
TABLE_FONT, HEADER_H, ROW_H = 9, 20, 18  # a table's text and row heights, in pixels
NBSP = "\u00a0"
CELL_PAD = 22  # Plotly's padding either side of a cell's text, with room to spare for the browser's own font
# The run chart's marks as the slide draws them (slides.render.ROLE_COLOURS): median, target, signal points.
ROLE_LINES = {"median": {"color": "#5f6368", "dash": "dot"}, "target": {"color": "#c62828", "dash": "dash"}}


def _table(spec: SlideSpec) -> go.Table:
    """The slide's table as a grid: the slide's relative column widths, one line a cell (shortened at a word with
    "…", as a renderer would otherwise wrap it out of its row), and as many rows as the picture has room for."""
    room = (HEIGHT - MARGIN["t"] - MARGIN["b"] - HEADER_H) // ROW_H
    rows = list(spec.rows)
    if len(rows) > room:
        rows = [*rows[:room - 1], (f"… {len(rows) - room + 1} rækker mere",) + ("",) * (len(spec.columns) - 1)]
    cols = len(spec.columns)
    # Each column as wide as its widest text (whole columns stay whole); when they do not all fit, the widest are
    # narrowed to a common width, and their longest texts shortened.
    wanted = [max([text_width(spec.columns[c], TABLE_FONT, True), *(text_width(r[c], TABLE_FONT) for r in spec.rows)])
              + CELL_PAD for c in range(cols)]
    room_px = WIDTH - MARGIN["l"] - MARGIN["r"]
    level = max(wanted)
    while sum(min(w, level) for w in wanted) > room_px and level > CELL_PAD + TABLE_FONT:
        level -= 1
    pixels = [min(w, level) for w in wanted]
    pixels = [p * room_px / sum(pixels) for p in pixels]  # and any room left over shared out

    def cell(text: str, c: int, bold: bool = False) -> str:
        # A pixel at TABLE_FONT px is measured as a point at TABLE_FONT pt (12700 EMU a point); shorten() takes
        # INSETS off, so only the rest of the cell's padding is taken off here.
        room = int((pixels[c] - CELL_PAD) * 12700) + INSETS
        # documents' text is data; no-break spaces, since Plotly wraps a cell at its spaces and grows the row
        return literal(shorten(str(text), room, TABLE_FONT, bold)).replace(" ", NBSP)

    line = {"color": "#8a8f94", "width": 1}
    return go.Table(
        columnwidth=pixels,
        header={"values": [cell(name, c, True) for c, name in enumerate(spec.columns)],
                "fill_color": "#dfe7e6", "line": line, "align": "left", "height": HEADER_H,
                "font": {"size": TABLE_FONT, "color": "#1f2328", "weight": "bold"}},
        cells={"values": [[cell(row[c], c) for row in rows] for c in range(cols)] if rows else [[] for _ in spec.columns],
               "fill_color": "white", "line": line, "align": "left", "height": ROW_H,
               "font": {"size": TABLE_FONT, "color": "#1f2328"}})


def preview_figure(spec: SlideSpec) -> go.Figure:
    fig = go.Figure()
    if spec.kind in ("line", "column", "bar"):
        categories = [literal(str(c)) for c in spec.categories]  # Plotly reads HTML in text; documents' text is data
        for i, series in enumerate(spec.series):
            colour = "#c62828" if series.role == "target" else PALETTE[i % len(PALETTE)]
            if spec.kind == "line" and series.role == "signal":
                fig.add_trace(go.Scatter(x=categories, y=list(series.values), mode="markers", name=literal(series.name),
                                         marker={"color": "#e07a2d", "size": 6, "symbol": "circle-open",
                                                 "line": {"width": 2}}))
            elif spec.kind == "line":
                fig.add_trace(go.Scatter(x=categories, y=list(series.values), mode="lines", name=literal(series.name),
                                         line=ROLE_LINES.get(series.role, {"color": colour})))
            else:
                fig.add_trace(go.Bar(x=list(series.values) if spec.kind == "bar" else categories,
                                     y=categories if spec.kind == "bar" else list(series.values),
                                     orientation="h" if spec.kind == "bar" else "v", marker_color=colour))
    elif spec.kind == "table":
        fig.add_trace(_table(spec))
    elif spec.kind == "gantt":
        for bar in spec.bars:
            fig.add_trace(go.Scatter(x=[bar.start, bar.end], y=[literal(bar.label[:30])] * 2, mode="lines",
                                     line={"color": STATUS_COLOURS.get(bar.status, "#888"), "width": 6}))
    fig = danish(fig, title=literal(spec.title) + (" · Eksempeldata" if spec.demo else ""), height=HEIGHT)
    fig.update_layout(showlegend=False, margin=MARGIN, font={"size": 10}, width=WIDTH)
    return fig
