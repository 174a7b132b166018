"""Tables as Danish Excel opens them: ';'-separated, decimal comma, UTF-8 with BOM, the header in the
first row, and every text cell that a spreadsheet could read as a formula neutralised (OWASP: a text that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``). Numbers stay
numbers, negative ones too: only text is neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")


def neutralise(text: str) -> str:
    """``=cmd|' /C calc'!A0`` → ``'=cmd|' /C calc'!A0``; harmless text stays as it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def csv_cell(value: Any) -> str:
    """One cell as Danish Excel reads it: whole numbers without decimals, decimals with a comma, dates
    as ``2025-10-03``, yes/no in Danish, text neutralised."""
    if is_missing(value):
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int) or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype)):
        return str(int(value))
    if isinstance(value, float) or (hasattr(value, "dtype") and pd.api.types.is_float_dtype(value.dtype)):
        text = f"{float(value):.6f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def text_column(column: pd.Series, strip: re.Pattern[str] | None = None) -> list[str | None]:
    """A text column's cells neutralised (None where missing): what ``neutralise`` does to each, after removing
    what ``strip`` matches (the workbook removes the characters it cannot hold). A long column in one pass of
    pandas' string functions; a short one cell by cell, which is faster below a few hundred cells."""
    if len(column) < _VECTOR_FROM:
        return [None if is_missing(v) else neutralise(strip.sub("", v) if strip else v) for v in column.tolist()]
    text = column.str.replace(strip.pattern, "", regex=True) if strip else column
    text = text.where(~text.str.startswith(FORMULA_STARTS, na=False), "'" + text)
    return [None if is_missing(v) else v for v in text.tolist()]


_VECTOR_FROM = 300  # cells


def column_cells(column: pd.Series, cell: Callable[[Any], T], text: Callable[[pd.Series], list[T]]) -> list[T]:
    """Every cell of ``column`` through ``cell``; a column of text (pandas' str) in one pass through ``text``.
    Column by column rather than row by row: a large table (14.000 rows) is written in a fraction of the time."""
    if isinstance(column.dtype, pd.StringDtype):
        return text(column)
    return [cell(v) for v in column.tolist()]


def danish_csv(frame: pd.DataFrame) -> bytes:
    """CSV bytes for Danish Excel: the header first, then one line a row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    columns = [column_cells(frame.iloc[:, i], csv_cell, lambda c: [v or "" for v in text_column(c)])
               for i in range(frame.shape[1])]
    writer.writerows(zip(*columns))
    return out.getvalue().encode("utf-8-sig")
