"""The numbers a chart draws, as a table ("Vis tallene"): the text alternative to a figure and the rows of its
Excel and CSV files. Read from the figure itself, so that the table always matches the chart (one rule, one
place). Values stay numbers (Python int/float, None where the chart has no point); ``display`` words them."""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from domain.formatting import date_short, number

PERIOD = "Periode"


def _name(text: object) -> str:
    """A trace or axis name as the reader sees it: ``literal``'s character references turned back."""
    return html.unescape(str(text or "")).replace("<br>", " ").strip()


def as_number(raw: Any) -> int | float | None:
    if raw is None or isinstance(raw, str):
        return None
    value = float(raw)
    if math.isnan(value):
        return None
    return int(value) if value.is_integer() else round(value, 1)


def _lines(fig: go.Figure) -> list[tuple[str, float]]:
    """Horizontal lines across the plot (``add_hline``: a target) with the text of their annotation."""
    found = []
    notes = {float(a.y): _name(a.text) for a in fig.layout.annotations
             if a.y is not None and a.text and a.yref in (None, "y")}
    for shape in fig.layout.shapes:
        if shape.type == "line" and str(shape.xref).endswith("domain") and shape.y0 is not None and shape.y0 == shape.y1:
            y = float(shape.y0)
            if y in notes:
                found.append((notes[y], y))
    return found


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """One row per x value (in the order the chart's categories have), one column per named visible trace and
    per labelled horizontal line (a target). The x column is named from the x axis's title, else "Periode"."""
    x_title = _name(fig.layout.xaxis.title.text) if fig.layout.xaxis.title else ""
    columns: dict[str, dict[Any, int | float | None]] = {}
    order: dict[Any, None] = {}
    for trace in fig.data:
        if trace.visible in (False, "legendonly") or not trace.name or getattr(trace, "orientation", None) == "h":
            continue
        xs = list(trace.x if trace.x is not None else [])
        ys = list(trace.y if trace.y is not None else [])
        base = name = _name(trace.name)
        n = 1
        while name in columns or name == (x_title or PERIOD):  # two traces of one name stay apart
            n += 1
            name = f"{base} ({n})"
        columns[name] = {}
        for x, y in zip(xs, ys):
            order.setdefault(x, None)
            columns[name][x] = as_number(y)
    rows = list(order)
    frame = pd.DataFrame({x_title or PERIOD: pd.Series(rows, dtype=object)})
    for name, values in columns.items():
        frame[name] = pd.Series([values.get(x) for x in rows], dtype=object)
    for label, y in _lines(fig):
        if label not in frame.columns and rows:
            frame[label] = pd.Series([as_number(y)] * len(rows), dtype=object)
    return frame


def timeline_table(initiatives: pd.DataFrame, group: str, group_label: str) -> pd.DataFrame:
    """The timeline's bars as rows: what each bar says (its group, initiative, window and status)."""
    rows = initiatives.dropna(subset=["start", "end"])
    rows = rows.assign(_group=rows[group].fillna("–")).sort_values(["_group", "start", "title"], kind="stable")
    return pd.DataFrame({
        group_label: rows["_group"].astype(object), "Indsats": rows["title"].astype(object),
        "Start": pd.to_datetime(rows["start"]).dt.date.astype(object),
        "Slut": pd.to_datetime(rows["end"]).dt.date.astype(object),
        "Tidsangivelse": rows["time"].fillna("").astype(object), "Status": rows["derived_label"].astype(object),
    }).reset_index(drop=True)


def cell(value: Any) -> Any:
    """A cell as the page shows it: numbers and dates worded in Danish, text as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        return number(value, 0 if value.is_integer() else 1)
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return date_short(value.date())
    if isinstance(value, dt.date):
        return date_short(value)
    return value


def display(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the page shows it (numbers ``17.350`` and ``16,9``, dates ``3. okt. 2025``); the files keep
    the numbers and dates themselves."""
    return pd.DataFrame({c: pd.Series([cell(v) for v in frame[c]], index=frame.index, dtype=object) for c in frame.columns})
