"""Clusters and regions added up from an extract's municipality rows: a month is made exactly when
every municipality has a value, whatever else the file holds (``..`` cells, a row given twice)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from loaders.indicators import Observation
from loaders.reference import Reference
from store.build import build
from store.derived import UpwardSums
from tests.conftest import BUILD_DAY

MONTHS = [f"{y}M{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
NOT_PUBLISHED = {("2024M05", "751"), ("2025M02", "661")}  # Aarhus in May 2024, Holstebro in February 2025
TWICE = ("2024M09", "730")  # Randers, September 2024: the row stands twice, word for word


def value(period: str, index: int) -> int:
    return 1000 + 37 * index + int(period[-2:])


def long_extract(ref: Reference) -> str:
    """As a BI unit delivers it: one row per municipality and month, ``;``, UTF-8 with BOM, CRLF."""
    lines = ["Indikator;Kommunekode;Kommune;Måned;Antal"]
    for period in MONTHS:
        for i, m in enumerate(ref.municipalities(region="1082")):
            cell = ".." if (period, m.code) in NOT_PUBLISHED else str(value(period, i))
            lines.append(f"acute_admissions_65plus;{m.code};{m.name};{period};{cell}")
            if (period, m.code) == TWICE:
                lines.append(lines[-1])
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


def wide_extract(ref: Reference) -> str:
    """Periods as columns (Danmarks Statistik's matrix): the row given twice is a municipality's whole series."""
    lines = ["Indikator;Kommune;" + ";".join(MONTHS)]
    for i, m in enumerate(ref.municipalities(region="1082")):
        cells = [".." if (p, m.code) in NOT_PUBLISHED else str(value(p, i)) for p in MONTHS]
        lines.append(f"acute_admissions_65plus;{m.name};" + ";".join(cells))
        if m.code == TWICE[1]:
            lines.append(lines[-1])
    return "\ufeff" + "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize("shape, extract, rejected", [("long", long_extract, 1), ("wide", wide_extract, 24)])
def test_an_extract_with_gaps_and_a_row_twice_keeps_every_complete_month(ref, data_copy, tmp_path, shape, extract,
                                                                       rejected):
    (data_copy / "sources" / "akut65_midt.csv").write_text(extract(ref), encoding="utf-8", newline="")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=BUILD_DAY)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT rows_accepted, rows_rejected FROM sources WHERE file = 'sources/akut65_midt.csv'"
                            ).fetchone() == (19 * 24 - 2, rejected)  # the repeated row is rejected, once kept

        def months(code: str) -> list[str]:
            return [p for (p,) in conn.execute(
                "SELECT period FROM observations WHERE indicator = 'acute_admissions_65plus' AND geo_code = ? "
                "AND is_demo = 0 AND length(period) = 7 AND period NOT LIKE '%Q%' ORDER BY period", [code])]

        every = [f"{p[:4]}-{p[5:]}" for p in MONTHS]
        assert months("1082") == [p for p in every if p not in ("2024-05", "2025-02")]
        assert months("aarhus") == [p for p in every if p != "2024-05"]  # Aarhus is `..` in May 2024
        assert months("vest") == [p for p in every if p != "2025-02"]  # Holstebro is `..` in February 2025
        for cluster in ("randers", "horsens", "midt"):
            assert months(cluster) == every, cluster
        munis = [m.code for m in ref.municipalities(region="1082")]
        marks = ",".join("?" * len(munis))
        total = conn.execute(f"SELECT SUM(value) FROM observations WHERE indicator = 'acute_admissions_65plus' "  # noqa: S608
                             f"AND period = '2024-09' AND geo_code IN ({marks})", munis).fetchone()[0]
        assert conn.execute("SELECT value FROM observations WHERE indicator = 'acute_admissions_65plus' AND "
                            "geo_code = '1082' AND period = '2024-09'").fetchone() == (total,)  # Randers once
        assert total == sum(value("2024M09", i) for i in range(19))


def obs(code: str, period: str, value: float, line: int, numerator: float | None = None,
        denominator: float | None = None, indicator: str = "acute_admissions_65plus") -> Observation:
    return Observation(indicator, "municipality", code, period, value, numerator, denominator, line)


def test_a_municipality_given_twice_counts_once(ref):
    sums = UpwardSums(ref)
    for i, code in enumerate(["751", "741", "751"]):  # Aarhus twice (the stated rule: the first row counts)
        sums.add(obs(code, "2024-01", 100.0 + i, i + 2), "2024-01-01", 1)
    assert [(r["geo_code"], r["value"]) for r in sums.rows(set())] == [("aarhus", 201.0)]


def test_a_month_with_a_municipality_missing_is_not_added_up(ref):
    sums = UpwardSums(ref)
    sums.add(obs("751", "2024-01", 100.0, 2), "2024-01-01", 1)
    assert sums.rows(set()) == []


def test_percentages_need_every_numerator_and_denominator(ref):
    sums = UpwardSums(ref)
    sums.add(obs("751", "2024-01", 10.0, 2, 10, 100, "readmissions_30d"), "2024-01-01", 1)
    sums.add(obs("741", "2024-01", 50.0, 3, 5, 10, "readmissions_30d"), "2024-01-01", 1)
    sums.add(obs("751", "2024-02", 10.0, 4, 10, 100, "readmissions_30d"), "2024-02-01", 1)
    sums.add(obs("741", "2024-02", 50.0, 5, None, None, "readmissions_30d"), "2024-02-01", 1)
    rows = sums.rows(set())
    assert [(r["period"], r["value"], r["numerator"], r["denominator"]) for r in rows] == [
        ("2024-01", pytest.approx(100 * 15 / 110), 15.0, 110.0)]


def test_files_merged_with_the_same_municipality_add_nothing(ref):
    first, second = UpwardSums(ref), UpwardSums(ref)
    first.add(obs("751", "2024-01", 100.0, 2), "2024-01-01", 1)
    first.add(obs("741", "2024-01", 5.0, 3), "2024-01-01", 1)
    second.add(obs("741", "2024-01", 6.0, 2), "2024-01-01", 2)  # Samsø again, from another file
    first.merge(second)
    assert first.rows(set()) == []  # which Samsø is right is not for the sums to guess


def test_a_place_a_source_gave_is_never_overwritten(ref):
    sums = UpwardSums(ref)
    sums.add(obs("751", "2024-01", 100.0, 2), "2024-01-01", 1)
    sums.add(obs("741", "2024-01", 5.0, 3), "2024-01-01", 1)
    sums.add(Observation("acute_admissions_65plus", "cluster", "aarhus", "2024-01", 99.0, None, None, 4),
             "2024-01-01", 1)
    assert sums.rows(set()) == []
    assert sums.rows({("acute_admissions_65plus", "aarhus", "2024-02")}) == []


def test_extracts_split_by_municipality_add_up_across_files(ref, data_copy: Path, tmp_path):
    (data_copy / "sources" / "aarhus.csv").write_text("indikator;kode;periode;værdi\n"
                                                      "acute_admissions_65plus;751;2024M01;100\n")
    (data_copy / "sources" / "samsoe.csv").write_text("indikator;kode;periode;værdi\n"
                                                      "acute_admissions_65plus;741;2024M01;5\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=BUILD_DAY)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM observations WHERE geo_code = 'aarhus' AND period = '2024-01' "
                            "AND indicator = 'acute_admissions_65plus' AND is_demo = 0").fetchall() == [(105.0,)]
