"""Selecting initiatives: by quarter overlap and by free text."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from domain.status import STATUSES, derive_status

TEXT_COLUMNS = ("title", "status", "action", "time", "section_title")


def in_period(initiatives: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Initiatives whose window overlaps [first, last]; those without a window are kept
    (an unparsed phrase must never hide an initiative)."""
    if initiatives.empty:
        return initiatives
    # ISO dates compare correctly as text, and a column of only missing windows stays harmless.
    start = initiatives["start"].fillna("").astype(str)
    end = initiatives["end"].fillna("").astype(str)
    keep = (start == "") | ((start <= last.isoformat()) & (end >= first.isoformat()))
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


def with_status(initiatives: pd.DataFrame) -> pd.DataFrame:
    """The initiatives with their derived status (key and Danish label) and the reason."""
    derived = [derive_status(r["status"], r["action"], r["section_title"]) for r in initiatives.to_dict("records")]
    return initiatives.assign(
        derived=[d[0] for d in derived],
        derived_label=[STATUSES[d[0]] for d in derived],
        why=[d[1] for d in derived],
    )
