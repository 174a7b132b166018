"""A series with gaps on the indicator page: gaps are not points, and no data is never a signal."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.build import build
from tests.apptest import open_app, texts
from tests.conftest import BUILD_DAY


@pytest.fixture
def extract_db(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Monthly percentages for the region without numerators and denominators: a quarter cannot be
    # recomputed from them honestly, so every quarter is a gap.
    months = [f"{y}M{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
    rows = ["indikator;geografi;periode;værdi"] + [
        f"readmissions_30d;Region Midtjylland;{p};{12 + (i % 5) * 0.3:.1f}".replace(".", ",")
        for i, p in enumerate(months)]
    (data_copy / "sources" / "genindlaeggelser.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "gaps.db"
    build(data_copy, db, today=BUILD_DAY)
    monkeypatch.setenv("SUNDHED_DB", str(db))
    return db


def test_quarters_without_values_say_no_data_never_a_signal(extract_db: Path) -> None:
    at = open_app({"region": "1082", "fra": "2024-Q1", "til": "2025-Q4", "indikator": "readmissions_30d"},
                  page="pages/1_Indikatorer.py")
    assert "Ikke-tilfældig variation" not in texts(at)
    at.radio(key="w_freq").set_value("Kvartal").run()
    shown = texts(at)
    assert "Ingen data i perioden" in shown
    assert "Ikke-tilfældig variation" not in shown and "Kun tilfældig variation" not in shown
