import datetime as dt
import sqlite3

import pytest

import store.build
from loaders.errors import UnreadableFile
from store.build import build
from tests.conftest import BUILD_DAY, forked_workers


def counts(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                for t in ("sources", "initiatives", "meetings", "agenda_items", "agreements", "observations",
                          "regions", "clusters", "municipalities", "indicators", "targets", "named_terms")}


def test_seed_database_contents(seed_db):
    assert counts(seed_db) == {
        # observations: 10 from 002, 1 key figure from 003, demonstration rows for the six 002 indicators
        # (19 municipalities + 5 clusters + 1 region, Jan 2019 - Sep 2025: 81 months, the last whole month by the
        # newest source, SSU 3 Oct 2025, whatever the build day) and TeleKOL (5 clusters + 1 region, Sep 2023 - Sep 2025)
        "sources": 6, "initiatives": 39, "meetings": 3, "agenda_items": 19, "agreements": 16,
        "observations": 10 + 1 + 6 * 25 * 81 + 6 * 25,
        "regions": 2, "clusters": 9, "municipalities": 41, "indicators": 10, "targets": 2, "named_terms": 8}
    with sqlite3.connect(seed_db) as conn:
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM initiatives GROUP BY kind").fetchall())
        keys = [k for (k,) in conn.execute("SELECT key FROM initiatives")]
    assert kinds == {"overview": 19, "plan": 20}
    assert len(set(keys)) == 39 and "proevehandling-for-udlevering-af-ortoser-til" in keys[0]
    with sqlite3.connect(seed_db) as conn:
        rows = conn.execute("SELECT file, kind, region, rows_accepted, rows_rejected, length(sha256) FROM sources "
                            "ORDER BY file").fetchall()
    assert [r[1:3] for r in rows] == [("demo", None), ("initiatives", "1082"), ("minutes", "1082"),
                                      ("status_report", "1082"), ("minutes", "1082"), ("minutes", "1083")]
    assert all(r[5] == 64 for r in rows[1:])


def test_build_twice_leaves_one_complete_database(data_copy, tmp_path):
    db = tmp_path / "out" / "dashboard.db"
    build(data_copy, db, today=BUILD_DAY)
    first = counts(db)
    build(data_copy, db, today=BUILD_DAY)
    assert counts(db) == first
    assert sorted(p.name for p in db.parent.iterdir()) == ["dashboard.db"]


def test_failed_build_leaves_previous_database_untouched(data_copy, tmp_path, monkeypatch):
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=BUILD_DAY)
    before = db.read_bytes()
    calls = {"n": 0}
    real = store.build._store

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full half-way")
        return real(*args, **kwargs)

    monkeypatch.setattr(store.build, "_store", failing)
    with pytest.raises(RuntimeError):
        build(data_copy, db, today=BUILD_DAY)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("dashboard.db")) == ["dashboard.db"]


def test_unreadable_file_is_reported_or_fails_strict_build(data_copy, tmp_path):
    (data_copy / "sources" / "broken.csv").write_bytes(b"\x00\x01\x02garbage")
    db = tmp_path / "dashboard.db"
    report = build(data_copy, db, today=BUILD_DAY)
    assert report.skipped == [{"file": "sources/broken.csv",
                               "reason": "this is a binary file, not a text document or CSV table"}]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM sources WHERE file = 'sources/broken.csv'").fetchone() == ("unreadable",)
    before = db.read_bytes()
    with pytest.raises(UnreadableFile):
        build(data_copy, db, strict=True, today=BUILD_DAY)
    assert db.read_bytes() == before


def test_rejections_are_stored_with_line(data_copy, tmp_path):
    (data_copy / "sources" / "extract.csv").write_text(
        "indikator;geografi;periode;værdi\nreadmissions_30d;Aarhus;2024M01;12,5\nreadmissions_30d;Mars;2024M01;1\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=BUILD_DAY)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT r.line, r.reason FROM rejections r").fetchall() == [
            (3, "unknown geography 'Mars'")]
        assert conn.execute("SELECT rows_accepted, rows_rejected FROM sources WHERE file='sources/extract.csv'"
                            ).fetchone() == (1, 1)


def test_bad_reference_file_names_file_and_line(data_copy, tmp_path):
    path = data_copy / "reference" / "indicators.csv"
    path.write_text(path.read_text().replace(",count,down,month", ",kroner,down,month", 1))
    with pytest.raises(UnreadableFile, match=r"indicators.csv: line 2: unit must be one of"):
        build(data_copy, tmp_path / "x.db", today=BUILD_DAY)


def test_sources_carry_titles_a_director_recognises(seed_db):
    with sqlite3.connect(seed_db) as conn:
        titles = [t for (t,) in conn.execute("SELECT title FROM sources WHERE kind != 'demo' ORDER BY file")]
    assert titles == [
        "Overblik over indsatser i regi af sundhedsaftalen", "Referat, Sundhedssamarbejdsudvalget, 3. okt. 2025",
        "Midtvejsstatus – Sundhedsaftalen 2019-2023", "Referat, Sundhedsstyregruppen, 12. sep. 2025",
        "Referat, Sundhedsdirektørkredsen, 7. feb. 2024"]


@pytest.mark.parametrize("title, key", [
    ("Prøvehandling for udlevering af ortoser til børn", "proevehandling-for-udlevering-af-ortoser-til-"),
    ("Kom Trygt Hjem", "kom-trygt-hjem-"),
    ("72 timers behandlingsansvar i psykiatrien", "72-timers-behandlingsansvar-i-psykiatrien-"),
])
def test_initiative_key_is_readable_and_stable(title, key):
    assert store.build.initiative_key(title).startswith(key)
    assert store.build.initiative_key(title) == store.build.initiative_key(title)
    assert len(store.build.initiative_key(title).rsplit("-", 1)[1]) == 4


def test_demo_data_adds_up_and_is_marked(seed_db):
    with sqlite3.connect(seed_db) as conn:
        q1 = conn.execute("SELECT SUM(value) FROM observations WHERE indicator = 'acute_admissions_65plus' AND "
                          "geo_code = '1082' AND period BETWEEN '2021-01' AND '2021-03' AND is_demo = 1").fetchone()
        clusters = conn.execute("SELECT SUM(o.value) FROM observations o JOIN clusters c ON c.id = o.geo_code "
                                "WHERE o.indicator = 'acute_admissions_65plus' AND o.period = '2024-05'").fetchone()
        region = conn.execute("SELECT value FROM observations WHERE indicator = 'acute_admissions_65plus' AND "
                              "geo_code = '1082' AND period = '2024-05'").fetchone()
        rate = conn.execute("SELECT 100.0 * SUM(numerator) / SUM(denominator) FROM observations WHERE "
                            "indicator = 'readmissions_30d' AND geo_level = 'municipality' AND period = '2023-02'"
                            ).fetchone()
        region_rate = conn.execute("SELECT value FROM observations WHERE indicator = 'readmissions_30d' AND "
                                   "geo_code = '1082' AND period = '2023-02'").fetchone()
        unmarked = conn.execute("SELECT COUNT(*) FROM observations o JOIN sources s ON s.id = o.source_id "
                                "WHERE s.kind = 'demo' AND o.is_demo = 0").fetchone()
        last = conn.execute("SELECT MAX(period) FROM observations WHERE is_demo = 1").fetchone()
    assert q1 == (17350,) and clusters == region and rate[0] == pytest.approx(region_rate[0])
    assert unmarked == (0,) and last == ("2025-09",)  # the newest source is of 3 Oct 2025, the build day later


def test_a_real_extract_replaces_the_demo_series_of_the_places_it_covers(data_copy, tmp_path):
    (data_copy / "sources" / "extract.csv").write_text(
        "indikator;kode;periode;værdi\nacute_admissions_65plus;751;2024M01;1200\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=dt.date(2026, 11, 22))
    with sqlite3.connect(db) as conn:
        demo = dict(conn.execute("SELECT geo_code, COUNT(*) FROM observations WHERE is_demo = 1 "
                                 "AND indicator = 'acute_admissions_65plus' GROUP BY 1"))
        others = conn.execute("SELECT COUNT(*) FROM observations WHERE is_demo = 1 AND geo_code = '751' "
                              "AND indicator = 'readmissions_30d'").fetchone()
    assert "751" not in demo and demo["741"] == demo["1082"] == demo["aarhus"] == 81 and others == (81,)


def test_figures_are_read_from_the_minutes_with_their_sentence(seed_db):
    """The build reads the key figures out of the loaded minutes, each with its sentence, line and meeting."""
    with sqlite3.connect(seed_db) as conn:
        rows = conn.execute("SELECT measure, value, date, place, stated, line, quote FROM facts "
                            "WHERE measure = 'telekol_included'").fetchall()
        (obs,) = conn.execute("SELECT o.value, o.period, o.line, s.kind FROM observations o JOIN sources s "
                              "ON s.id = o.source_id WHERE o.indicator = 'telekol_included' AND o.is_demo = 0").fetchall()
    assert rows == [("telekol_included", 190.0, "2025-07-01", "1082", "2025-09-12", 393,
                     "Pr. 1. juli 2025 er der ca. 190 borgere i Midtjylland inkluderet i TeleKOL.")]
    assert obs == (190.0, "2025-07", 393, "minutes")  # the observation carries its document and line


def fail_at_value(monkeypatch, n: int) -> None:
    """The extract's n-th value cannot be read: the file fails half-way (a disk gone, a killed read)."""
    import loaders.indicators

    forked_workers(monkeypatch)  # (the worker must read with the broken function)
    real = loaders.indicators.parse_number
    calls = {"n": 0}

    def breaks(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise UnreadableFile("extract.csv", f"line {n + 1}: the disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(loaders.indicators, "parse_number", breaks)


def test_a_file_failing_half_way_leaves_none_of_its_rows(data_copy, tmp_path, monkeypatch):

    (data_copy / "sources" / "extract.csv").write_text(
        "indikator;kode;periode;værdi\n" + "".join(f"readmissions_30d;751;2024M{m:02d};12,5\n" for m in range(1, 13)))
    fail_at_value(monkeypatch, 6)
    db = tmp_path / "dashboard.db"
    report = build(data_copy, db, today=dt.date(2026, 11, 22))
    assert report.skipped == [{"file": "sources/extract.csv", "reason": "line 7: the disk went away"}]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM observations WHERE indicator = 'readmissions_30d' AND "
                            "geo_code = '751' AND is_demo = 0").fetchone() == (0,)
        assert conn.execute("SELECT status FROM sources WHERE file = 'sources/extract.csv'").fetchone() == (
            "unreadable",)


def test_clusters_and_regions_are_added_up_from_municipalities(data_copy, tmp_path):
    # rates 10 %, 50 %, 10 %, 10 %, 10 %, 10 %: their average is 16,7 %, the true rate 96 of 560 = 17,1 %
    vest = {"657": (30, 300), "661": (50, 100), "756": (5, 50), "665": (2, 20), "760": (8, 80), "671": (1, 10)}
    lines = ["indikator;kode;periode;værdi;tæller;nævner"]
    for code, (num, den) in vest.items():
        lines.append(f"readmissions_30d;{code};2024M01;{100 * num / den:.1f};{num};{den}".replace(".", ","))
        lines.append(f"discharge_ready_days;{code};2024M01;{num};;")
    lines.append("discharge_ready_days;751;2024M01;99;;")  # Aarhus alone: Aarhusklyngen lacks Samsø
    (data_copy / "sources" / "extract.csv").write_text("\n".join(lines) + "\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=dt.date(2026, 11, 22))
    with sqlite3.connect(db) as conn:
        def value(indicator, code):
            return conn.execute("SELECT value, numerator, denominator FROM observations WHERE indicator = ? AND "
                                "geo_code = ? AND period = '2024-01' AND is_demo = 0", [indicator, code]).fetchall()
        assert value("discharge_ready_days", "vest") == [(96.0, None, None)]  # 30 + 50 + 5 + 2 + 8 + 1
        assert value("readmissions_30d", "vest") == [(pytest.approx(100 * 96 / 560), 96.0, 560.0)]  # not 16,7
        assert value("discharge_ready_days", "aarhus") == []  # Samsø is missing: no partial sum
        assert value("discharge_ready_days", "1082") == []  # neither is the region complete


def test_a_file_failing_half_way_adds_nothing_to_cluster_sums(data_copy, tmp_path, monkeypatch):

    # Aarhusklyngen is Aarhus and Samsø: complete months would be added up to the cluster.
    (data_copy / "sources" / "extract.csv").write_text("indikator;kode;periode;værdi\n" + "".join(
        f"acute_admissions_65plus;{code};2024M{m:02d};{100 + m}\n" for m in range(1, 13) for code in ("751", "741")))
    fail_at_value(monkeypatch, 20)
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=dt.date(2026, 11, 22))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT geo_level, COUNT(*) FROM observations WHERE indicator = 'acute_admissions_65plus' "
                            "AND period LIKE '2024-%' AND is_demo = 0 GROUP BY geo_level").fetchall() == []
        assert conn.execute("SELECT COUNT(*) FROM observations o LEFT JOIN sources s ON s.id = o.source_id "
                            "WHERE o.source_id IS NOT NULL AND s.id IS NULL").fetchone() == (0,)


def test_a_document_failing_half_way_leaves_none_of_its_rows(data_copy, tmp_path, monkeypatch):
    # The Syddanmark minutes fail after their meeting, agenda items and plan initiatives were stored.
    real = store.build._store

    def failing(db, source_id, parsed, ref, sums=None):
        accepted = real(db, source_id, parsed, ref, sums)
        if parsed["kind"] == "minutes" and parsed.get("region") == "1083":
            raise UnreadableFile(parsed["source"], "the disk went away after the agenda")
        return accepted

    monkeypatch.setattr(store.build, "_store", failing)
    db = tmp_path / "dashboard.db"
    report = build(data_copy, db, today=dt.date(2026, 11, 22))
    assert [s["reason"] for s in report.skipped] == ["the disk went away after the agenda"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT kind, status, rows_accepted FROM sources WHERE file LIKE 'sources/004_%'"
                            ).fetchall() == [(None, "unreadable", 0)]
        assert conn.execute("SELECT COUNT(*) FROM meetings").fetchone() == (2,)
        assert conn.execute("SELECT COUNT(*) FROM agenda_items").fetchone() == (4 + 11,)
        assert conn.execute("SELECT kind, COUNT(*) FROM initiatives GROUP BY kind").fetchall() == [("overview", 19)]
        for table in ("meetings", "initiatives", "agreements", "rejections", "observations", "facts"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} t LEFT JOIN sources s ON s.id = t.source_id "  # noqa: S608
                                "WHERE t.source_id IS NOT NULL AND s.id IS NULL").fetchone() == (0,), table
        assert conn.execute("SELECT COUNT(*) FROM agenda_items a LEFT JOIN meetings m ON m.id = a.meeting_id "
                            "WHERE m.id IS NULL").fetchone() == (0,)
