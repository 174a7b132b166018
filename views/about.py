"""What a downloaded table says about itself on its "Om data" sheet: the table, the filters, when, whether it
holds demonstration data, and its sources. The same rows as Eksport's files (views.export)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

DEMO_COLUMN = "Eksempeldata"


def about_rows(name: str, place: str, period: str, today: dt.date, demo: bool,
               sources: Iterable[str] = ()) -> tuple[tuple[str, str], ...]:
    """(label, text) rows for the "Om data" sheet; ``sources`` are data (neutralised when written)."""
    rows = [("Tabel", name), ("Sted", place), ("Periode", period), ("Udtrukket", today.strftime("%d-%m-%Y")),
            (DEMO_COLUMN, "Ja – rækker med »Ja« i kolonnen Eksempeldata er eksempeldata, ikke rigtige tal"
             if demo else "Nej – alle rækker er rigtige tal fra kilderne")]
    shown = sorted({str(s) for s in sources if str(s)})
    rows += [("Kilde", s) for s in shown] or [("Kilde", "–")]
    return tuple(rows)


def frame_sources(frame: pd.DataFrame, column: str = "Kilde") -> list[str]:
    """The sources a table names in its own column, if it has one."""
    return [str(s) for s in frame[column].dropna()] if column in frame.columns else []


def with_demo(frame: pd.DataFrame, demo: bool) -> pd.DataFrame:
    """The table for its files: an "Eksempeldata" column (Ja) when the numbers are demonstration data."""
    if not demo or DEMO_COLUMN in frame.columns:
        return frame
    return frame.assign(**{DEMO_COLUMN: "Ja"})
