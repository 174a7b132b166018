"""loaders/limits.py's worker: every extract is read by a worker process while the build stores its rows. The
database is the same whether the worker is a fork of the build (one thread) or of the forkserver (a threaded
server), row for row: observations, the rejections with their lines and reasons (also those found across
chunks and across files), the sources' counts and notes, and the sums upward; a file that fails while the
worker reads it is skipped whole with its reason, never stored in part."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from loaders import limits
from loaders.errors import UnreadableFile
from store import build as build_module
from store.build import build
from tests.conftest import BUILD_DAY, forked_workers
from tests.test_build import fail_at_value

VEST = ["657", "661", "756", "665", "760", "671"]


def _extracts(sources: Path) -> None:
    """Two extracts with what the reading must reject or count: wrong values, a percentage above 100, a
    duplicate in the file, the same row in the other file (the one whose name sorts last wins), an unknown
    place, values not published, and more rows than one chunk."""
    lines = ["indikator;kode;periode;værdi;tæller;nævner"]
    for year in (2023, 2024):
        for month in range(1, 13):
            for n, code in enumerate(VEST):
                lines.append(f"readmissions_30d;{code};{year}M{month:02d};{10 + n},5;{10 + n};{100}")
                lines.append(f"discharge_ready_days;{code};{year}M{month:02d};{n * month};;")
    lines += ["readmissions_30d;657;2023M01;11,0;11;100",  # the same as a row above: the first one is kept
              "readmissions_30d;661;2025M01;abc;;",
              "readmissions_30d;756;2025M01;130;;",  # a percentage above 100
              "discharge_ready_days;9999;2025M01;3;;",  # no such place
              "discharge_ready_days;665;2025M02;..;;"]  # not published
    (sources / "a_extract.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (sources / "b_extract.csv").write_text(
        "indikator;kode;periode;værdi\n" + "".join(f"discharge_ready_days;{code};2024M03;99\n" for code in VEST)
        + "discharge_ready_days;751;2024M03;7\n", encoding="utf-8")


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            "observations": sorted(conn.execute(
                "SELECT o.indicator, o.geo_level, o.geo_code, o.period, o.period_start, o.value, o.numerator, "
                "o.denominator, o.line, o.is_demo, s.file FROM observations o LEFT JOIN sources s "
                "ON s.id = o.source_id").fetchall(), key=repr),
            "rejections": sorted(conn.execute(
                "SELECT s.file, r.line, r.reason FROM rejections r JOIN sources s ON s.id = r.source_id").fetchall(),
                key=repr),
            "sources": conn.execute("SELECT file, kind, status, message, rows_accepted, rows_rejected FROM sources "
                                    "ORDER BY file").fetchall(),
        }


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 50 rows, so that the test files cross many."""
    monkeypatch.setattr(limits, "CHUNK", 50)


def _threaded(call):  # type: ignore[no-untyped-def]
    """``call()`` while another thread runs, as in the app's server: the worker is the forkserver's."""
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    try:
        return call()
    finally:
        done.set()
        other.join()


def test_a_forkserver_worker_stores_what_a_forked_worker_stores(data_copy: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               small_chunks: None) -> None:
    _extracts(data_copy / "sources")
    contexts: list[str] = []
    real = limits._context
    monkeypatch.setattr(limits, "_context", lambda: contexts.append(real().get_start_method()) or real())
    monkeypatch.setattr(limits, "_SEEN_PIECE", 2)  # (a forked worker: the registry comes back in many pieces)
    monkeypatch.setattr(limits.threading, "active_count", lambda: 1)  # (whatever an earlier test left running)
    one = build(data_copy, tmp_path / "one.db", today=BUILD_DAY)
    assert set(contexts) == {"fork"}
    contexts.clear()
    monkeypatch.setattr(limits.threading, "active_count", lambda: 2)  # as in the app's server
    two = build(data_copy, tmp_path / "two.db", today=BUILD_DAY)
    assert set(contexts) == {"forkserver"}
    first, second = _dump(tmp_path / "one.db"), _dump(tmp_path / "two.db")
    assert second == first
    assert one.loaded == two.loaded and one.skipped == two.skipped
    reasons = " | ".join(r[2] for r in first["rejections"])
    for words in ("the same indicator, place and period as", "outside 0-100", "abc", "9999"):
        assert words in reasons  # the rejections compared are the ones that matter
    assert sum(1 for r in first["rejections"] if r[0] == "sources/a_extract.csv") >= 5
    upward = [o for o in first["observations"] if o[1] == "cluster" and o[0] == "readmissions_30d" and o[9] == 0]
    assert upward  # the sums upward came through too


def test_a_file_failing_in_the_worker_is_skipped_whole_and_says_what_was_read(data_copy: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch,
                                                                            small_chunks: None) -> None:
    (data_copy / "sources" / "extract.csv").write_text(
        "indikator;kode;periode;værdi\n" + "".join(f"readmissions_30d;751;20{y}M{m:02d};12,5\n"
                                                   for y in range(10, 22) for m in range(1, 13)),
        encoding="utf-8")
    fail_at_value(monkeypatch, 130)  # in the (forked) worker, after two chunks were stored
    report = build(data_copy, tmp_path / "db.db", today=dt.date(2026, 11, 22))
    assert report.skipped == [{"file": "sources/extract.csv", "reason": "0 of 100 rows stored (the file could not "
                               "be read whole): line 131: the disk went away"}]
    with sqlite3.connect(tmp_path / "db.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM observations o JOIN sources s ON s.id = o.source_id "
                            "WHERE s.file = 'sources/extract.csv'").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM rejections r JOIN sources s ON s.id = r.source_id "
                            "WHERE s.file = 'sources/extract.csv'").fetchone() == (0,)
        assert conn.execute("SELECT status FROM sources WHERE file = 'sources/extract.csv'").fetchone() == (
            "unreadable",)
    with pytest.raises(UnreadableFile, match="the disk went away"):
        build(data_copy, tmp_path / "strict.db", today=BUILD_DAY, strict=True)


def test_a_worker_that_dies_fails_its_file_with_a_reason(data_copy: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _extracts(data_copy / "sources")
    import os

    def dies(*args: object, **kwargs: object) -> None:
        os._exit(9)  # killed before it sent anything

    forked_workers(monkeypatch)
    monkeypatch.setattr(limits, "_source", dies)
    report = build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
    reasons = {s["file"]: s["reason"] for s in report.skipped}
    assert reasons["sources/a_extract.csv"] == "the process reading it ended without its result (exit code 9)"
    assert not report.loaded  # every file, documents too, was read by a worker


def test_a_build_failing_while_the_worker_reads_ends_it_at_once(data_copy: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                small_chunks: None) -> None:
    """The parent stops reading (storing the first chunk failed): the worker is ended at once, not left
    waiting on a full pipe."""
    import time

    codes = [f"{c}" for c in VEST + ["751", "746", "706", "707", "710", "727", "730", "740", "741", "615"]]
    (data_copy / "sources" / "extract.csv").write_text(
        "indikator;kode;periode;værdi\n" + "".join(f"discharge_ready_days;{c};{y}M{m:02d};{m}\n"
                                                   for c in codes for y in range(1950, 2025) for m in range(1, 13)),
        encoding="utf-8")  # 14.400 rows: more than the pipe holds

    def fails(self: object, rows: object, source: int) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(build_module.derived.UpwardSums, "add_rows", fails)
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError):
        build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
    assert time.monotonic() - started < 8
    assert not (tmp_path / "db.db").exists()
    import multiprocessing

    assert not [c for c in multiprocessing.active_children() if c.is_alive()]


def test_periods_compare_across_workers(data_copy: Path, tmp_path: Path) -> None:
    """Each extract is read by its own worker: a period must have the same number in all of them, so that
    only the same indicator, place and period in two files is a duplicate."""
    sources = data_copy / "sources"
    for name, months in (("a.csv", range(1, 7)), ("b.csv", range(7, 13)), ("c.csv", range(12, 13))):
        (sources / name).write_text("indikator;kode;periode;værdi\n" + "".join(
            f"discharge_ready_days;{code};2024M{m:02d};{m}\n" for code in VEST for m in months), encoding="utf-8")
    report = build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
    counts = {i["file"]: (i["accepted"], i["rejected"]) for i in report.loaded}
    assert counts["sources/a.csv"] == (36, 0)  # no month of a.csv is in another file
    assert counts["sources/c.csv"] == (6, 0) and counts["sources/b.csv"] == (30, 6)  # December twice: c wins
