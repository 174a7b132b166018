"""Every table a page shows, drawn one way: a grid tall enough to read without scrolling inside it, and the
same table as Excel (.xlsx) and CSV for Danish Excel. Streamlit's own grid download (English, unneutralised)
is hidden by ui.page's style, so these buttons are the only way out. "Vis tallene" is a chart's numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.numbers import display, figure_table
from domain.export import danish_csv
from domain.spreadsheet import xlsx
from ui import data
from ui.page import Context
from views.about import DEMO_COLUMN, about_rows, frame_sources, with_demo
from views.export import XLSX_MIME

ROW = 35  # Streamlit's row height in pixels (a line of text), the header's too
MOST = 20  # rows shown at once; a longer table scrolls inside its grid
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def height(rows: int, row: int = ROW) -> int:
    """Pixels for the header and up to MOST rows (and the grid's border), so that they show without scrolling."""
    return ROW + max(1, min(rows, MOST)) * row + 3


def file_stem(ctx: Context, name: str) -> str:
    """``beslutninger_1082_2021-Q1_2025-Q4``: the table and its filters, in letters every system accepts."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.translate(_FOLD).lower()).strip("-") or "tabel"
    return f"{slug}_{ctx.code}_{ctx.filters.first}_{ctx.filters.last}"


def _files(frame: pd.DataFrame, sheet: str, about: tuple[tuple[str, str], ...], demo: bool) -> tuple[bytes, bytes]:
    # Made when the page is drawn (through data.memo, so once per table), not on click: a lazy file is lost
    # when a rerun replaces it.
    out = with_demo(frame, demo)
    return xlsx(out, sheet, about), danish_csv(out)


def downloads(ctx: Context, frame: pd.DataFrame, name: str, key: str, demo: bool = False,
              sources: Iterable[str] | None = None) -> None:
    """Two small buttons: the table as an Excel workbook and as CSV, with the filters on its "Om data" sheet."""
    if frame.empty:
        return
    about = about_rows(name, ctx.place, ctx.period, ctx.today, demo,
                       frame_sources(frame) if sources is None else sources)
    workbook, text = data.memo(_files, frame, name, tuple(about), demo)
    stem = file_stem(ctx, name)
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Hent som Excel", workbook, file_name=f"{stem}.xlsx", mime=XLSX_MIME, on_click="ignore",
                         icon=":material/download:", key=f"xlsx_{key}", type="tertiary")
    right.download_button("Hent som CSV", text, file_name=f"{stem}.csv", mime="text/csv", on_click="ignore",
                          icon=":material/download:", key=f"csv_{key}", type="tertiary")


def grid(ctx: Context, frame: pd.DataFrame, name: str, key: str, *, files: pd.DataFrame | None = None,
         demo: bool = False, sources: Iterable[str] | None = None,
         column_config: Mapping[str, Any] | None = None, row_height: int | None = None) -> None:
    """``frame`` as a grid with its downloads; ``files`` is the same table for the files when the grid shows
    words for numbers, dates or links (else ``frame`` itself)."""
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="–", column_config=column_config,
                 height=height(len(frame), row_height or ROW), row_height=row_height)
    downloads(ctx, frame if files is None else files, name, key, demo, sources)


def numbers(ctx: Context, fig_or_frame: go.Figure | pd.DataFrame, name: str, key: str, demo: bool = False,
            sources: Iterable[str] = ()) -> None:
    """A chart's text alternative under it: its numbers in a closed "Vis tallene", with their files."""
    table = data.memo(figure_table, fig_or_frame) if isinstance(fig_or_frame, go.Figure) else fig_or_frame
    # A demonstration series is called "Eksempeldata" in its legend; in a table that is the yes/no column's name.
    table = table.rename(columns={DEMO_COLUMN: f"{name} (eksempeldata)"}) if DEMO_COLUMN in table else table
    with st.expander("Vis tallene", icon=":material/table:"):
        if table.empty:
            st.caption("Grafen viser ingen tal for de valgte filtre.")
            return
        grid(ctx, data.memo(display, table), name, key, files=table, demo=demo, sources=sources)
