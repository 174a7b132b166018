"""The version store: immutable versions, an atomic pointer, rollback, pruning, serialised imports, and the
import's preview and differences (store.versions, store.imports, store.diff, views.imports)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from store import imports
from store.diff import Count
from store.versions import ImportBusy, StalePreview, UnknownVersion, VersionStore
from tests.conftest import BUILD_DAY, DATA, ROOT
from views.imports import change_words, import_answer, versions_answer

NOW = dt.datetime(2026, 11, 22, 10, 30)
ACUTE = "acute_admissions_65plus"


def extract(path: Path, value: int = 100, codes: tuple[str, ...] = ("751", "741", "746"),
            months: int = 12, bad: bool = False) -> Path:
    rows = ["indikator;kode;periode;værdi"] + [f"{ACUTE};{c};2025M{m:02d};{value + m}" for m in range(1, months + 1)
                                                for c in codes]
    if bad:
        rows.append(f"{ACUTE};9999;2025M01;5")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VersionStore:
    monkeypatch.setenv("SUNDHED_DATA_DIR", str(DATA))
    s = VersionStore(tmp_path / "dashboard.db", tmp_path / "dashboard.versions", DATA / "reference", keep=20)
    imports.ensure_started(s, by="test", today=BUILD_DAY, now=NOW, wait=0)
    return s


def offered(path: Path, **kw: str) -> imports.Offered:
    return imports.Offered(path.name, path, **kw)


def do_import(store: VersionStore, *paths: Path, remove: tuple[str, ...] = (), by: str = "Ane") -> int:
    preview, version = imports.import_files(store, [offered(p) for p in paths], remove, by=by, today=BUILD_DAY,
                                            now=NOW, wait=0)
    assert version is not None, preview.refused
    return version.id


def served_rows(store: VersionStore, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{store.db_path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_the_default_data_becomes_version_1_behind_a_relative_link(store: VersionStore) -> None:
    assert store.current_id() == 1
    assert os.readlink(store.db_path) == "dashboard.versions/000001/dashboard.db"
    version = store.version(1)
    assert version.action == "start" and len(version.files) == 5 and version.accepted > 0
    assert not os.access(store.root / "000001" / "dashboard.db", os.W_OK) or os.geteuid() == 0
    assert oct((store.root / "000001" / "dashboard.db").stat().st_mode)[-3:] == "444"  # immutable
    assert served_rows(store, "SELECT COUNT(*) FROM sources WHERE is_demo = 0")[0][0] == 5


def test_an_import_is_a_new_version_sharing_unchanged_files(store: VersionStore, tmp_path: Path) -> None:
    new = do_import(store, extract(tmp_path / "akut.csv"))
    assert new == 2 and store.current_id() == 2
    version = store.version(2)
    assert version.parent == 1 and version.added == ("akut.csv",) and version.by == "Ane"
    assert {f.file for f in version.files} == {f.file for f in store.version(1).files} | {"akut.csv"}
    akut = next(f for f in version.files if f.file == "akut.csv")
    assert (akut.kind, akut.accepted, akut.status) == ("indicators", 36, "loaded")
    # Unchanged files are the same file on disk (hard links), not copies.
    first = store.version(1).files[0].file
    assert (store.sources_dir(1) / first).stat().st_ino == (store.sources_dir(2) / first).stat().st_ino
    assert served_rows(store, "SELECT COUNT(*) FROM observations WHERE geo_level = 'municipality' AND is_demo = 0 "
                              "AND indicator = ?", (ACUTE,))[0][0] == 36


def test_rollback_restores_exactly_the_data_and_the_files_of_that_version(store: VersionStore, tmp_path: Path) -> None:
    before = (store.root / "000001" / "dashboard.db").read_bytes()
    do_import(store, extract(tmp_path / "akut.csv"))
    imports.rollback(store, 1, by="Bo", now=NOW, wait=0)
    assert store.current_id() == 1
    assert Path(os.path.realpath(store.db_path)).read_bytes() == before
    assert sorted(p.name for p in store.sources_dir(1).iterdir()) == sorted(f.file for f in store.version(1).files)
    assert [(e.version, e.action, e.by) for e in store.history()][-1] == (1, "rollback", "Bo")
    # The next import builds on the version rolled back to, under a new number.
    again = do_import(store, extract(tmp_path / "other.csv", value=7))
    assert again == 3 and store.version(3).parent == 1
    assert "akut.csv" not in {f.file for f in store.version(3).files}


def test_rollback_to_a_version_that_does_not_exist_is_refused(store: VersionStore) -> None:
    with pytest.raises(UnknownVersion) as err:
        imports.rollback(store, 9, by="Bo", now=NOW, wait=0)
    assert err.value.message == "Version 9 findes ikke (eller er ryddet væk)."
    assert store.current_id() == 1


def test_old_versions_are_pruned_oldest_first_never_the_current(store: VersionStore, tmp_path: Path) -> None:
    store.keep = 2
    for value in (1, 2, 3):
        do_import(store, extract(tmp_path / f"e{value}.csv", value=value))
    assert store.ids() == [3, 4]
    imports.rollback(store, 3, by="Bo", now=NOW, wait=0)
    do_import(store, extract(tmp_path / "e9.csv", value=9))  # version 5, built on 3
    assert store.ids() == [4, 5]
    imports.rollback(store, 4, by="Bo", now=NOW, wait=0)
    store.keep = 1
    assert store.prune() == [5] and store.ids() == [4]  # the newest goes before the current one


def test_removing_a_file_is_an_import_too(store: VersionStore, tmp_path: Path) -> None:
    do_import(store, extract(tmp_path / "akut.csv"))
    preview, version = imports.import_files(store, [], ("akut.csv",), by="Ane", today=BUILD_DAY, now=NOW, wait=0)
    assert version is not None and version.action == "remove" and version.removed == ("akut.csv",)
    assert preview.differences is not None
    assert preview.differences.tables["observations"] == Count(0, 0, 36)
    assert "akut.csv" not in {f.file for f in version.files}


def test_changed_values_and_demo_series_are_counted_against_the_served_version(store: VersionStore,
                                                                               tmp_path: Path) -> None:
    preview = imports.prepare(store, [offered(extract(tmp_path / "akut.csv", bad=True))], by="Ane",
                              today=BUILD_DAY, now=NOW, preview=True)
    assert preview.differences is not None and preview.current == 1
    assert preview.differences.tables["observations"] == Count(36, 0, 0)
    assert preview.differences.tables["derived"].added > 0  # the cluster sums the file completes
    assert [(d.indicator, d.region) for d in preview.differences.demo_replaced] == [(ACUTE, "Region Midtjylland")]
    (contents,) = preview.contents
    assert contents.rejections == ((38, "unknown geography '9999'"),)
    answer = import_answer(preview)
    assert answer.summary == "36 nye observationer"
    assert answer.files[0].rejections.to_dict("records") == [
        {"Linje": 38, "Problem": "ukendt sted '9999' (ikke en kendt kommune, klynge eller region)"}]
    # Three municipalities: they and the cluster they make up get real numbers; the region and the rest keep
    # Eksempeldata, and the preview says which.
    (series,) = preview.differences.demo_replaced
    assert [p.name for p in series.places] == ["Aarhusklyngen", "Aarhus", "Samsø", "Skanderborg"]
    assert [p.level for p in series.kept].count("municipality") == 16 and series.kept[0].name == "Region Midtjylland"
    assert answer.demo == ("Eksempeldata for Akutte indlæggelser 65+ erstattes af de indlæste tal for Aarhusklyngen, "
                           "Aarhus, Samsø og Skanderborg; Eksempeldata beholdes for Region Midtjylland, 4 klynger og "
                           "16 kommuner.",)
    imports.commit(store, preview, by="Ane", now=NOW)
    # The same name with three new values: a replaced file, three changed values, nothing new.
    path = extract(tmp_path / "akut.csv")
    text = path.read_text().replace(f"{ACUTE};751;2025M01;101", f"{ACUTE};751;2025M01;999")
    text = text.replace(f"{ACUTE};751;2025M02;102", f"{ACUTE};751;2025M02;998")
    path.write_text(text.replace(f"{ACUTE};741;2025M03;103", f"{ACUTE};741;2025M03;997"))
    second = imports.prepare(store, [offered(path)], by="Ane", today=BUILD_DAY, now=NOW, preview=True)
    assert second.differences is not None and second.differences.tables["observations"] == Count(0, 3, 0)
    assert second.candidate is not None and second.candidate.version.replaced == ("akut.csv",)
    assert import_answer(second).summary == "3 ændrede værdier"
    store.discard(second.candidate)
    assert not any((store.root / ".staging").iterdir())


def test_a_preview_overtaken_by_another_import_is_not_imported(store: VersionStore, tmp_path: Path) -> None:
    mine = imports.prepare(store, [offered(extract(tmp_path / "a.csv"))], by="Ane", today=BUILD_DAY, now=NOW,
                           preview=True)
    do_import(store, extract(tmp_path / "b.csv", value=5), by="Bo")
    with pytest.raises(StalePreview):
        imports.commit(store, mine, by="Ane", now=NOW)
    assert store.current_id() == 2 and "a.csv" not in {f.file for f in store.version(2).files}


def test_a_second_import_while_one_runs_is_told_to_try_again(store: VersionStore, tmp_path: Path) -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.lock():
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(ImportBusy) as err:
            imports.import_files(store, [offered(extract(tmp_path / "a.csv"))], by="Ane", today=BUILD_DAY,
                                 now=NOW, wait=0.3)
        assert err.value.message == "En anden indlæsning er i gang. Prøv igen om lidt."
    finally:
        release.set()
        thread.join()
    assert store.current_id() == 1 and store.ids() == [1]


def test_files_that_cannot_be_imported_are_refused_with_the_reason(store: VersionStore, tmp_path: Path) -> None:
    png = tmp_path / "graf.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    same = tmp_path / "kopi.txt"
    same.write_bytes(next((DATA / "sources").glob("001_*")).read_bytes())
    preview = imports.prepare(store, [offered(png), offered(same)], by="Ane", today=BUILD_DAY, now=NOW,
                              preview=True)
    assert preview.candidate is None and not preview.importable
    messages = [r.message for r in preview.refused]
    assert messages[0].startswith("Filen graf.csv er ikke et dokument eller et udtræk")
    assert messages[1] == "Filen kopi.txt har samme indhold som 001_8a5986e9c5b116a4.txt, der allerede er indlæst."
    assert store.current_id() == 1 and not (store.root / ".staging").exists() or not any(
        (store.root / ".staging").iterdir())


def test_an_upload_name_is_sanitised_and_two_of_the_same_name_are_both_kept(store: VersionStore,
                                                                          tmp_path: Path) -> None:
    a = extract(tmp_path / "a.csv")
    (tmp_path / "sub").mkdir()
    b = extract(tmp_path / "sub" / "a.csv", value=3)
    preview, version = imports.import_files(
        store, [imports.Offered("../../etc/a.csv", a), imports.Offered("a.csv", b)], by="Ane",
        today=BUILD_DAY, now=NOW, wait=0)
    assert version is not None
    assert preview.names == {"../../etc/a.csv": "a.csv", "a.csv": "a (2).csv"}
    assert {"a.csv", "a (2).csv"} <= {p.name for p in store.sources_dir(version.id).iterdir()}


def test_cleanup_removes_what_a_killed_import_left(store: VersionStore) -> None:
    (store.root / ".tmp-dead").mkdir()
    (store.root / ".tmp-dead" / "dashboard.db.x.building").write_bytes(b"half")
    os.symlink("dashboard.versions/000001/dashboard.db", store.db_path.with_name("dashboard.db.next"))
    orphan = store.root / "000002"  # renamed into place, killed before the link moved
    orphan.mkdir()
    (orphan / "version.json").write_text(json.dumps(store.version(1).to_json() | {"id": 2}))
    (orphan / "dashboard.db").write_bytes(b"")
    (store.root / "history.jsonl").open("a").write('{"version": 1, "act')  # a line cut short
    store.cleanup(NOW)
    assert not list(store.root.glob(".tmp-*")) and not store.db_path.with_name("dashboard.db.next").exists()
    assert store.ids() == [1] and store.current_id() == 1


def test_versions_answer_words_who_did_what_when(store: VersionStore, tmp_path: Path) -> None:
    do_import(store, extract(tmp_path / "akut.csv"), by="Ane Hansen (ane@rm.dk)")
    imports.rollback(store, 1, by="Bo", now=NOW, wait=0)
    answer = versions_answer(store.versions(), store.history(), store.current_id())
    assert answer.table[["Version", "Af", "Hvad", "Vises nu"]].to_dict("records") == [
        {"Version": 2, "Af": "Ane Hansen (ane@rm.dk)", "Hvad": "Indlæsning; nye: akut.csv", "Vises nu": ""},
        {"Version": 1, "Af": "test", "Hvad": "Standarddata", "Vises nu": "✓"}]
    assert answer.history == ("22. nov. 2026 kl. 10:30: Bo rullede tilbage til version 1",)
    assert answer.ids == (2,)


@pytest.mark.parametrize("table, count, words", [
    ("observations", Count(12, 3, 1), ["12 nye observationer", "3 ændrede værdier", "1 fjernet observation"]),
    ("observations", Count(1, 1, 2), ["1 ny observation", "1 ændret værdi", "2 fjernede observationer"]),
    ("meetings", Count(1, 0, 0), ["1 ny mødedato"]),
    ("agenda_items", Count(2, 0, 0), ["2 nye dagsordenspunkter"]),
    ("agenda_items", Count(1, 0, 1), ["1 nyt dagsordenspunkt", "1 fjernet dagsordenspunkt"]),
    ("derived", Count(1, 0, 0), ["1 nyt beregnet tal"]),
    ("initiatives", Count(0, 1, 0), ["1 ændret indsats"]),
    ("observations", Count(1200, 0, 0), ["1.200 nye observationer"]),
    ("observations", Count(0, 0, 0), []),
])
def test_change_words(table: str, count: Count, words: list[str]) -> None:
    assert change_words(table, count) == words


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_command_line_import_versions_and_rollback(tmp_path: Path) -> None:
    env = {**os.environ, "SUNDHED_DB": str(tmp_path / "dashboard.db")}
    assert cli("build", env=env).returncode == 0
    dry = cli("import", str(extract(tmp_path / "akut.csv", bad=True)), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    out = json.loads(dry.stdout)
    assert out["version"] is None and out["changes"] == {"added": 36, "changed": 0, "removed": 0}
    assert out["files"][0]["file"] == "akut.csv" and out["files"][0]["kind"] == "indicators"
    assert out["files"][0]["accepted"] == 36
    assert out["files"][0]["rejected"] == [{"line": 38, "reason": "unknown geography '9999'"}]
    assert not any((tmp_path / "dashboard.versions" / ".staging").iterdir())
    done = cli("import", str(tmp_path / "akut.csv"), "--by", "Planlagt job", env=env)
    assert done.returncode == 0 and json.loads(done.stdout)["version"] == "2"
    versions = json.loads(cli("versions", env=env).stdout)
    assert [(v["version"], v["current"], v["by"]) for v in versions] == [
        ("2", True, "Planlagt job"), ("1", False, versions[1]["by"])]
    sha = hashlib.sha256((tmp_path / "akut.csv").read_bytes()).hexdigest()
    assert {"file": "akut.csv", "sha256": sha} in [{"file": f["file"], "sha256": f["sha256"]} for f in versions[0]["files"]]
    again = cli("import", str(tmp_path / "akut.csv"), env=env)
    assert again.returncode == 2 and again.stderr.count("\n") == 1 and "already loaded" in again.stderr
    assert cli("rollback", "1", env=env).returncode == 0
    assert [v["current"] for v in json.loads(cli("versions", env=env).stdout)] == [False, True]
    missing = cli("rollback", "7", env=env)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "7" in missing.stderr
    nothing = cli("import", str(tmp_path / "nope.csv"), env=env)
    assert nothing.returncode == 2 and nothing.stderr.startswith("error: ") and "Traceback" not in nothing.stderr


def test_a_lost_history_never_costs_the_old_versions(store: VersionStore, tmp_path: Path) -> None:
    do_import(store, extract(tmp_path / "a.csv"))
    imports.rollback(store, 1, by="Bo", now=NOW, wait=0)
    (store.root / "history.jsonl").unlink()
    store.cleanup(NOW)
    assert store.ids() == [1, 2] and store.current_id() == 1
    assert [(e.version, e.action) for e in store.history()] == [(1, "recovered")]


def test_an_imported_file_is_a_copy_the_caller_cannot_change_afterwards(store: VersionStore, tmp_path: Path) -> None:
    original = extract(tmp_path / "export.csv")
    do_import(store, original)
    stored = store.sources_dir(2) / "export.csv"
    assert stored.stat().st_ino != original.stat().st_ino and oct(stored.stat().st_mode)[-3:] == "444"
    with original.open("a") as handle:  # a scheduled job overwriting its export in place
        handle.write(f"{ACUTE};751;2026M01;1\n")
    entry = next(f for f in store.version(2).files if f.file == "export.csv")
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == entry.sha256


def test_a_preview_older_than_an_hour_can_still_be_imported(store: VersionStore, tmp_path: Path) -> None:
    preview = imports.prepare(store, [offered(extract(tmp_path / "a.csv"))], by="Ane", today=BUILD_DAY, now=NOW,
                              preview=True)
    assert preview.candidate is not None
    old = NOW.timestamp() - 2 * 3600
    os.utime(preview.candidate.dir, (old, old))
    version = imports.commit(store, preview, by="Ane", now=NOW)
    assert version.id == 2 and store.current_id() == 2


def test_an_unreadable_upload_is_named_as_the_user_named_it(store: VersionStore, tmp_path: Path) -> None:
    path = imports.saved_upload(tmp_path / "uploads", "Mødenotat 3.txt", b"Bare et par ord uden form.\n")
    preview = imports.prepare(store, [imports.Offered("Mødenotat 3.txt", path)], by="Ane", today=BUILD_DAY, now=NOW,
                              preview=True)
    (refused,) = import_answer(preview).refused
    assert refused.startswith("Filen Mødenotat 3.txt kunne ikke læses. (kan ikke se, hvilken slags dokument det er")
    assert "upload-" not in refused and "--kind" not in refused and "vælg typen ovenfor" in refused


def test_a_file_whose_every_row_is_rejected_is_not_imported(store: VersionStore, tmp_path: Path) -> None:
    path = tmp_path / "ukendt.csv"
    path.write_text(f"indikator;kode;periode;værdi\n{ACUTE};9999;2025M01;5\n", encoding="utf-8")
    preview, version = imports.import_files(store, [offered(path)], by="Ane", today=BUILD_DAY, now=NOW, wait=0)
    assert version is None and store.current_id() == 1
    assert [r.message for r in preview.refused] == [
        "Filen ukendt.csv: ingen rækker kunne læses (1 afvist; se hvorfor nedenfor)."]
    assert preview.contents[0].rejections == ((2, "unknown geography '9999'"),)


def test_a_dry_run_on_a_database_from_before_versions_changes_nothing(tmp_path: Path, seed_db: Path) -> None:
    plain = tmp_path / "dashboard.db"
    plain.write_bytes(seed_db.read_bytes())
    env = {**os.environ, "SUNDHED_DB": str(plain)}
    dry = cli("import", str(extract(tmp_path / "akut.csv")), "--dry-run", env=env)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["changes"] == {"added": 36, "changed": 0, "removed": 0}
    assert plain.is_file() and not plain.is_symlink() and plain.read_bytes() == seed_db.read_bytes()
    assert not list((tmp_path / "dashboard.versions").glob("0*"))


def test_a_version_known_only_from_the_history_is_kept(store: VersionStore, tmp_path: Path) -> None:
    do_import(store, extract(tmp_path / "a.csv"))
    (store.root / "000001" / "served").unlink()  # a store from before the mark
    store.cleanup(NOW)
    assert store.ids() == [1, 2]


def test_a_half_deleted_version_folder_neither_blocks_imports_nor_is_offered(store: VersionStore,
                                                                           tmp_path: Path) -> None:
    do_import(store, extract(tmp_path / "a.csv"))
    (store.root / "000003").mkdir()  # a deletion killed half-way, the manifest left
    (store.root / "000003" / "version.json").write_text((store.root / "000002" / "version.json").read_text())
    shutil.rmtree(store.root / "000001" / "sources")  # and one that lost its files
    assert store.ids() == [2]
    assert do_import(store, extract(tmp_path / "b.csv", value=3)) == 3  # the leftover was cleared first
    assert store.ids() == [2, 3] and store.current_id() == 3 and not (store.root / "000001").exists()
    assert not list(store.root.glob(".tmp-*"))


def test_a_history_line_cut_short_does_not_swallow_the_next(store: VersionStore, tmp_path: Path) -> None:
    do_import(store, extract(tmp_path / "a.csv"))
    history = store.root / "history.jsonl"
    history.write_bytes(history.read_bytes()[:-30])
    imports.rollback(store, 1, by="Bo", now=NOW, wait=0)
    assert [(e.version, e.action) for e in store.history()][-1] == (1, "rollback")


@pytest.mark.parametrize("error", [ImportBusy(3.0), StalePreview(1, 2), UnknownVersion("9")])
def test_store_errors_survive_pickling(error: Exception) -> None:
    import pickle

    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and again.args == error.args and str(again) == str(error)


def test_a_database_from_before_versions_is_adopted_as_it_is_never_rebuilt(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain database built from other data (another day, another extract) becomes version 1 unchanged: the
    same bytes, its own files as the version's sources; the default data is not built in its place."""
    other = tmp_path / "other"
    shutil.copytree(DATA / "reference", other / "reference")
    (other / "sources").mkdir()
    shutil.copy(next((DATA / "sources").glob("003_*")), other / "sources")
    extract(other / "sources" / "akut.csv")
    from store.build import build

    plain = tmp_path / "dashboard.db"
    build(other, plain, today=dt.date(2025, 3, 14))
    before = plain.read_bytes()
    monkeypatch.setenv("SUNDHED_DATA_DIR", str(DATA))  # the default data, which must not take its place
    s = VersionStore(plain, tmp_path / "dashboard.versions", DATA / "reference", keep=20)
    imports.ensure_started(s, by="test", today=BUILD_DAY, now=NOW, wait=0)
    assert s.current_id() == 1 and plain.is_symlink()
    assert plain.read_bytes() == before
    version = s.version(1)
    assert version.action == "adopt" and sorted(f.file for f in version.files) == ["003_e6f270d4a55ef31d.txt", "akut.csv"]
    assert {f.file: f.accepted for f in version.files}["akut.csv"] == 36
    assert sorted(p.name for p in s.sources_dir(1).iterdir()) == ["003_e6f270d4a55ef31d.txt", "akut.csv"]
    assert served_rows(s, "SELECT value FROM build_info WHERE key = 'built_at'") == [("2025-03-14T00:00:00",)]
    # the next import builds on the adopted files, not on the default data
    assert do_import(s, extract(tmp_path / "b.csv", codes=("751",), value=7)) == 2
    assert served_rows(s, "SELECT COUNT(*) FROM meetings") == [(1,)]


def test_a_file_that_is_no_dashboard_database_is_not_adopted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_DATA_DIR", str(DATA))
    plain = tmp_path / "dashboard.db"
    plain.write_bytes(b"not a database at all")
    s = VersionStore(plain, tmp_path / "dashboard.versions", DATA / "reference", keep=20)
    assert s.adopt(by="test", now=NOW) is None and not plain.is_symlink()
    imports.ensure_started(s, by="test", today=BUILD_DAY, now=NOW, wait=0)  # the default data, the file kept
    assert s.current_id() == 1 and s.version(1).action == "start"
    (aside,) = tmp_path.glob("dashboard.db.*.before-versions")
    assert aside.read_bytes() == b"not a database at all"
