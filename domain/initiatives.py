"""Selecting initiatives: by quarter overlap and by free text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

TEXT_COLUMNS = ("title", "status", "action", "time", "section_title")


def in_period(initiatives: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Initiatives whose window overlaps [first, last]; those without a window are kept
    (an unparsed phrase must never hide an initiative)."""
    if initiatives.empty:
        return initiatives
    start = pd.to_datetime(initiatives["start"]).dt.date
    end = pd.to_datetime(initiatives["end"]).dt.date
    keep = initiatives["start"].isna() | ((start <= last) & (end >= first))
    return initiatives[keep]


def matching(initiatives: pd.DataFrame, text: str) -> pd.DataFrame:
    """Initiatives whose texts contain every word of ``text`` (case-insensitive)."""
    words = [w for w in text.lower().split() if w]
    if not words or initiatives.empty:
        return initiatives
    haystack = initiatives[list(TEXT_COLUMNS)].fillna("").agg(" ".join, axis=1).str.lower()
    keep = pd.Series(True, index=initiatives.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return initiatives[keep]
