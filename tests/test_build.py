import sqlite3

import pytest

import store.build
from loaders.errors import UnreadableFile
from store.build import build


def counts(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                for t in ("sources", "initiatives", "meetings", "agenda_items", "agreements", "observations",
                          "regions", "clusters", "municipalities", "indicators", "targets", "named_terms")}


def test_seed_database_contents(seed_db):
    assert counts(seed_db) == {
        "sources": 5, "initiatives": 39, "meetings": 3, "agenda_items": 19, "agreements": 16, "observations": 10,
        "regions": 2, "clusters": 9, "municipalities": 41, "indicators": 10, "targets": 2, "named_terms": 8}
    with sqlite3.connect(seed_db) as conn:
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM initiatives GROUP BY kind").fetchall())
        keys = [k for (k,) in conn.execute("SELECT key FROM initiatives")]
    assert kinds == {"overview": 19, "plan": 20}
    assert len(set(keys)) == 39 and "proevehandling-for-udlevering-af-ortoser-til" in keys[0]
    with sqlite3.connect(seed_db) as conn:
        rows = conn.execute("SELECT file, kind, region, rows_accepted, rows_rejected, length(sha256) FROM sources "
                            "ORDER BY file").fetchall()
    assert [r[1:3] for r in rows] == [("initiatives", "1082"), ("minutes", "1082"), ("status_report", "1082"),
                                      ("minutes", "1082"), ("minutes", "1083")]
    assert all(r[5] == 64 for r in rows)


def test_build_twice_leaves_one_complete_database(data_copy, tmp_path):
    db = tmp_path / "out" / "dashboard.db"
    build(data_copy, db)
    first = counts(db)
    build(data_copy, db)
    assert counts(db) == first
    assert sorted(p.name for p in db.parent.iterdir()) == ["dashboard.db"]


def test_failed_build_leaves_previous_database_untouched(data_copy, tmp_path, monkeypatch):
    db = tmp_path / "dashboard.db"
    build(data_copy, db)
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
        build(data_copy, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("dashboard.db")) == ["dashboard.db"]


def test_unreadable_file_is_reported_or_fails_strict_build(data_copy, tmp_path):
    (data_copy / "sources" / "broken.csv").write_bytes(b"\x00\x01\x02garbage")
    db = tmp_path / "dashboard.db"
    report = build(data_copy, db)
    assert report.skipped == [{"file": "sources/broken.csv",
                               "reason": "this is a binary file, not a text document or CSV table"}]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM sources WHERE file = 'sources/broken.csv'").fetchone() == ("unreadable",)
    before = db.read_bytes()
    with pytest.raises(UnreadableFile):
        build(data_copy, db, strict=True)
    assert db.read_bytes() == before


def test_rejections_are_stored_with_line(data_copy, tmp_path):
    (data_copy / "sources" / "extract.csv").write_text(
        "indikator;geografi;periode;værdi\nreadmissions_30d;Aarhus;2024M01;12,5\nreadmissions_30d;Mars;2024M01;1\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT r.line, r.reason FROM rejections r").fetchall() == [
            (3, "unknown geography 'Mars'")]
        assert conn.execute("SELECT rows_accepted, rows_rejected FROM sources WHERE file='sources/extract.csv'"
                            ).fetchone() == (1, 1)


def test_bad_reference_file_names_file_and_line(data_copy, tmp_path):
    path = data_copy / "reference" / "indicators.csv"
    path.write_text(path.read_text().replace(",count,down,month", ",kroner,down,month", 1))
    with pytest.raises(UnreadableFile, match=r"indicators.csv: line 2: unit must be one of"):
        build(data_copy, tmp_path / "x.db")


def test_sources_carry_titles_a_director_recognises(seed_db):
    with sqlite3.connect(seed_db) as conn:
        titles = [t for (t,) in conn.execute("SELECT title FROM sources ORDER BY file")]
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
