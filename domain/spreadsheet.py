"""Tables as Excel workbooks (.xlsx): real numbers in number cells with Danish number formats (Excel
shows its locale's separators), dates as date cells, a bold Danish header row that is frozen and
filtered, text neutralised as in the CSV, and an "Om data" sheet with the filters and the sources."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.export import is_missing, neutralise

WHOLE = "#,##0"
DECIMAL = "#,##0.0"
DATE = "dd-mm-yyyy"
ABOUT = "Om data"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters an .xlsx cannot hold


def cell_value(value: Any) -> tuple[Any, str | None]:
    """A cell's value as Excel stores it and its number format (None for text)."""
    if is_missing(value):
        return None, None
    if isinstance(value, bool):
        return ("Ja" if value else "Nej"), None
    if isinstance(value, int) or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype)):
        return int(value), WHOLE
    if isinstance(value, float) or (hasattr(value, "dtype") and pd.api.types.is_float_dtype(value.dtype)):
        return float(value), DECIMAL
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date(), DATE
    if isinstance(value, dt.date):
        return value, DATE
    return neutralise(_ILLEGAL.sub("", str(value))), None


def _widths(sheet: Worksheet, widest: int = 60) -> None:
    for i, column in enumerate(sheet.iter_cols(max_row=min(sheet.max_row, 200)), start=1):
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[get_column_letter(i)].width = min(widest, max(10, longest + 2))


def xlsx(frame: pd.DataFrame, sheet_name: str, about: Sequence[tuple[str, str]]) -> bytes:
    """The workbook's bytes: ``frame`` on a sheet ``sheet_name``, ``about`` (label, text) on "Om data"."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", sheet_name)[:31] or "Data"
    sheet.append([cell_value(str(c))[0] for c in frame.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for c, raw in enumerate(row, start=1):
            value, number_format = cell_value(raw)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl guesses
            if number_format:
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, frame.shape[1]))}{max(1, len(frame) + 1)}"
    _widths(sheet)

    note = book.create_sheet(ABOUT)
    note.append(["Om data", ""])
    note["A1"].font = Font(bold=True)
    for label, text in about:
        note.append([cell_value(label)[0], cell_value(text)[0]])
    for row in note.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    note.column_dimensions["A"].width = 18
    note.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
