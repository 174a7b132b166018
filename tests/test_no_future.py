"""No value for a period after the newest source: on 6 Dec 2026 with the default data (newest source: the SSU
minutes of 3 Oct 2025), every page's charts, tables and cards, and every slide of both decks, stop there."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pytest

from domain.filters import Filters
from domain.formatting import MONTHS_SHORT
from slides.brief import brief_specs
from slides.standard import standard_deck
from store import queries
from tests.apptest import PAGES, figures, open_app, texts
from views.meeting import brief

DAY = dt.date(2026, 12, 6)
NEWEST = dt.date(2025, 10, 3)
_MONTH = re.compile(r"\b(" + "|".join(re.escape(m) for m in MONTHS_SHORT) + r") (\d{4})\b")
_QUARTER = re.compile(r"\b([1-4])\. kvt\. (\d{4})\b")


def period_starts(label: str) -> list[dt.date]:
    """The first day of every month or quarter a Danish label names ("nov. 2025", "1. kvt. 2026")."""
    days = [dt.date(int(y), MONTHS_SHORT.index(m) + 1, 1) for m, y in _MONTH.findall(label)]
    return days + [dt.date(int(y), 3 * int(q) - 2, 1) for q, y in _QUARTER.findall(label)]


def after_newest(labels: Iterable[object]) -> list[str]:
    return [str(v) for v in labels if isinstance(v, str) and any(d > NEWEST for d in period_starts(v))]


@pytest.mark.parametrize(("label", "late"), [
    ("okt. 2025", False), ("nov. 2025", True), ("3. kvt. 2025", False), ("4. kvt. 2025", False),
    ("1. kvt. 2026", True), ("Region Midtjylland · jan. 2026", True), ("2025-11", False),
])
def test_the_check_reads_danish_period_labels(label: str, late: bool) -> None:
    assert bool(after_newest([label])) is late


def _page_values(at) -> list[object]:  # type: ignore[no-untyped-def]
    """What a page shows as values' periods: the x of every chart's traces (a Gantt's ISO dates are not
    labels), the cells of its tables' period columns, and the cards' "place · period" lines."""
    shown: list[object] = []
    for fig in figures(at):
        for trace in fig["data"]:
            if str(trace.get("name", "")).startswith("Forventet"):  # a plan's expectation, named as such
                continue
            x = trace.get("x")
            shown += list(x) if isinstance(x, list) else []
    for table in at.dataframe:
        frame: pd.DataFrame = table.value
        if all(str(c).startswith("Forventet") for c in frame.columns if c != "Periode"):  # the plan's table
            continue
        for column in frame.columns:
            if str(column) in ("Periode", "Måned", "Kvartal", "Data til og med"):
                shown += [str(v) for v in frame[column].dropna()]
    shown += [line for line in texts(at).split("\n") if re.fullmatch(r"[^·\n]+ · (\S+\. )?\S+\. \d{4}", line)]
    return shown


@pytest.mark.parametrize("page", ["dashboard.py", *PAGES])
def test_no_page_shows_a_value_after_the_newest_source(app_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                       page: str) -> None:
    monkeypatch.setenv("SUNDHED_TODAY", DAY.isoformat())
    at = open_app({"region": "1082"}, None if page == "dashboard.py" else page)
    assert after_newest(_page_values(at)) == []
    if page == "pages/1_Indikatorer.py":  # the quarterly view and a cluster, too
        at.radio(key="w_freq").set_value("Kvartal").run()
        assert after_newest(_page_values(at)) == []
    assert queries.newest_source_day(queries.connect(app_db)) == NEWEST


def _slide_values(specs) -> list[object]:  # type: ignore[no-untyped-def]
    out: list[object] = []
    for spec in specs:
        out += list(spec.categories)
        period = [i for i, c in enumerate(spec.columns) if c in ("Periode", "Kvartal", "Måned")]
        out += [row[i] for row in spec.rows for i in period]
        out += [spec.data_date] if spec.data_date.startswith("Data til og med") else []  # not "Data indlæst …"
    return out


def test_neither_deck_shows_a_value_after_the_newest_source(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    first, last = queries.choices(conn, DAY).default
    assert (first, last) == ("2024-Q1", "2025-Q4")
    for cluster in (None, "vest"):
        specs = standard_deck(conn, Filters("1082", cluster, first, last), DAY)
        assert len(specs) > 5 and after_newest(_slide_values(specs)) == []
        assert any(spec.categories for spec in specs)  # the charts were read
    filters = Filters("1082", None, first, last)
    answer = brief(conn, filters, DAY, "SSU", "2026-12-04")
    specs = brief_specs(conn, filters, DAY, answer)
    assert after_newest(_slide_values(specs)) == []
    assert any(spec.categories for spec in specs) or any(spec.rows for spec in specs)
