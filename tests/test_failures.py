"""A server that fails politely (issue 13): a damaged or old database, an empty sources/ folder, a full or
read-only disk, a killed build's leftovers and a tight umask each give one clear line (or one Danish
message on the page), never a traceback, and never cost the version being served."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import imports, queries
from store.queries import MissingDatabase, UnusableDatabase
from store.versions import DiskProblem, NoSources, VersionStore
from tests.apptest import open_app, texts
from tests.conftest import BUILD_DAY, DATA, ROOT

NOW = dt.datetime(2026, 11, 22, 10, 30)


# ---- a database the app cannot use --------------------------------------------------------------------


def _bad_databases(folder: Path, good: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = good.read_bytes()
    old = folder / "old.db"
    with contextlib.closing(sqlite3.connect(old)) as conn:  # an older release's tables: no "name" column
        conn.execute("CREATE TABLE regions (code TEXT)")
        conn.commit()
    made = {"random": os.urandom(16384), "cut short": data[: len(data) // 3], "header only": data[:100],
            "empty": b""}
    paths = {name: folder / f"{name.replace(' ', '_')}.db" for name in made}
    for name, content in made.items():
        paths[name].write_bytes(content)
    return {**paths, "old schema": old}


BAD = ["random", "cut short", "header only", "empty", "old schema"]


@pytest.fixture(scope="module")
def bad_dbs(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _bad_databases(tmp_path_factory.mktemp("bad"), seed_db)


@pytest.mark.parametrize("name", BAD)
def test_a_damaged_or_old_database_is_refused_at_connect_with_a_danish_next_step(bad_dbs: dict[str, Path],
                                                                                 name: str) -> None:
    with pytest.raises(UnusableDatabase) as caught:
        queries.connect(bad_dbs[name])
    exc = caught.value
    assert "genindlæse data" in exc.message and "»python -m loaders rebuild«" in exc.message
    assert str(bad_dbs[name]) not in exc.message and "SELECT" not in exc.message
    assert exc.detail.startswith(f"unusable database at {bad_dbs[name]}: ")


def test_a_good_database_is_checked_once_and_read(seed_db: Path) -> None:
    conn = queries.connect(seed_db)
    assert not queries.regions(conn).empty


@pytest.mark.parametrize("name", BAD)
def test_the_app_shows_one_danish_error_for_a_damaged_database(bad_dbs: dict[str, Path], name: str,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("SUNDHED_DB", str(bad_dbs[name]))
    at = open_app()  # asserts that no exception reached the page
    assert len(at.error) == 1
    shown = texts(at)
    assert "Dashboardets data kan ikke læses" in shown and "genindlæse data" in shown
    for leak in (str(bad_dbs[name].parent), "SELECT", "sqlite", "Traceback", "DatabaseError", "no table"):
        assert leak not in shown
    assert any(f"unusable database at {bad_dbs[name]}" in r.getMessage() for r in caplog.records)  # the detail: log


def test_the_slides_command_says_one_line_and_exits_2(bad_dbs: dict[str, Path], tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "slides", "deck", "--out", str(tmp_path / "d.pptx"), "--db",
                          str(bad_dbs["random"])], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("error: unusable database at ") and "not a database" in run.stderr


# ---- strictly read-only, whatever the path holds -------------------------------------------------------

ODD = "odd ?mode=rwc&x=1 #frag %41 æøå 100%"


def test_a_path_with_uri_characters_opens_read_only_and_never_creates_a_file(seed_db: Path,
                                                                            tmp_path: Path) -> None:
    folder = tmp_path / ODD
    folder.mkdir()
    db = folder / f"{ODD}.db"
    shutil.copyfile(seed_db, db)
    conn = queries.connect(db)
    assert not queries.regions(conn).empty
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("CREATE TABLE x (y)")
    conn.close()
    assert sorted(p.name for p in folder.iterdir()) == [db.name]  # nothing beside it (no "odd " file)
    assert sorted(p.name for p in tmp_path.iterdir()) == [ODD]
    missing = folder / "missing ?.db"
    with pytest.raises(MissingDatabase):
        queries.connect(missing)
    assert not missing.exists()


def test_a_read_only_version_file_is_opened_immutable(seed_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    shutil.copyfile(seed_db, db)
    assert "immutable" not in queries.uri(db)  # writable: it may change in place, so SQLite must look
    os.chmod(db, 0o444)
    assert queries.uri(db).endswith("?mode=ro&immutable=1")
    assert not queries.regions(queries.connect(db)).empty


# ---- builds that must not replace the served version ---------------------------------------------------


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VersionStore:
    monkeypatch.setenv("SUNDHED_DATA_DIR", str(DATA))
    s = VersionStore(tmp_path / "db" / "dashboard.db", tmp_path / "db" / "dashboard.versions", DATA / "reference")
    imports.ensure_started(s, by="test", today=BUILD_DAY, now=NOW, wait=0)
    return s


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA / "reference", target / "reference")
    shutil.copytree(DATA / "sources", target / "sources")
    return target


def _env(db: Path, data: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "SUNDHED_DB": str(db), "SUNDHED_DATA_DIR": str(data), **extra}


def test_an_empty_or_missing_sources_folder_never_replaces_a_good_database(tmp_path: Path,
                                                                           data_dir: Path) -> None:
    env = _env(tmp_path / "db" / "dashboard.db", data_dir)
    assert _cli("build", env=env).returncode == 0
    served = os.readlink(tmp_path / "db" / "dashboard.db")
    files = sorted(p.name for p in (data_dir / "sources").iterdir())
    shutil.rmtree(data_dir / "sources")
    for state in ("missing", "empty"):
        if state == "empty":
            (data_dir / "sources").mkdir()
        run = _cli("build", env=env)
        assert run.returncode == 2, (state, run.stderr)
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: no source file could be read")
        assert os.readlink(tmp_path / "db" / "dashboard.db") == served
    removed = _cli("import", *(arg for name in files for arg in ("--remove", name)), env=env)
    assert removed.returncode == 2 and removed.stderr.count("\n") == 1 and "never replaces" in removed.stderr
    assert os.readlink(tmp_path / "db" / "dashboard.db") == served
    versions = _cli("versions", env=env)
    assert versions.returncode == 0 and versions.stdout.count('"version"') == 1
    assert not [p for p in (tmp_path / "db" / "dashboard.versions").iterdir() if p.name.startswith(".tmp-")]


def test_removing_the_last_file_in_the_app_is_refused_in_danish(store: VersionStore) -> None:
    current = store.current_id()
    names = tuple(f.file for f in store.version(current).files)  # type: ignore[arg-type]
    with pytest.raises(NoSources) as caught:
        imports.prepare(store, [], names, by="Ane", today=BUILD_DAY, now=NOW, preview=True)
    assert "tom database erstatter ikke" in caught.value.message
    assert store.current_id() == current and not any((store.root / ".staging").iterdir())


def test_a_killed_builds_temporary_folder_is_removed_by_the_next_build(tmp_path: Path, data_dir: Path) -> None:
    env = _env(tmp_path / "db" / "dashboard.db", data_dir)
    assert _cli("build", env=env).returncode == 0
    root = tmp_path / "db" / "dashboard.versions"
    left = root / f".tmp-{uuid.uuid4().hex}"  # what a build killed half-way leaves
    left.mkdir()
    (left / "dashboard.db.abc123.building").write_bytes(b"\0" * 4096)
    (left / "sources").mkdir()
    assert _cli("build", env=env).returncode == 0
    assert not left.exists() and not list(root.glob(".tmp-*"))


def test_the_served_database_stays_readable_by_others_under_umask_077(tmp_path: Path, data_dir: Path) -> None:
    env = _env(tmp_path / "db" / "dashboard.db", data_dir)
    run = subprocess.run(["sh", "-c", f'umask 077 && exec "{sys.executable}" -m loaders build'], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    db = (tmp_path / "db" / "dashboard.db").resolve()
    assert db.stat().st_mode & 0o777 == 0o444
    folder = db.parent
    while folder != tmp_path:  # every folder on the way can be entered and listed by the app's user
        assert folder.stat().st_mode & 0o005 == 0o005, folder
        folder = folder.parent
    assert (db.parent / "version.json").stat().st_mode & 0o004
    assert (db.parent / "sources").stat().st_mode & 0o005 == 0o005


def _fail_with(code: int) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code), str(args[-1]) if args else None)
    return fail


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "the disk is full while writing"),
                                         (errno.EROFS, "the disk is read-only while writing")])
def test_a_full_or_read_only_disk_is_one_clear_error_and_no_half_version(store: VersionStore, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         code: int, words: str) -> None:
    current = store.current_id()
    monkeypatch.setattr("store.versions.shutil.copyfile", _fail_with(code))  # copying the new file in
    new = tmp_path / "akut.csv"
    new.write_text("indikator;kode;periode;værdi\nacute_admissions_65plus;751;2025M01;5\n", encoding="utf-8")
    with pytest.raises(DiskProblem) as caught:
        imports.import_files(store, [imports.Offered(new.name, new)], by="Ane", today=BUILD_DAY, now=NOW, wait=0)
    assert caught.value.detail.startswith(words) and "Disken er" in caught.value.message
    assert store.current_id() == current and store.ids() == [current]
    assert not list(store.root.glob(".tmp-*"))


@contextlib.contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    if os.geteuid() != 0:  # a developer's own account; CI runs as root (it installs its Debian packages)
        if os.environ.get("CI"):
            pytest.fail("CI must run as root: the real full and read-only disk test mounts a tmpfs")
        pytest.skip("mounting a small tmpfs needs root; the faked full and read-only disks above still run")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    assert mounted.returncode == 0, f"root could not mount a tmpfs: {mounted.stderr}"
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_disk_keeps_the_served_version(tmp_path: Path, data_dir: Path, seed_db: Path) -> None:
    size = seed_db.stat().st_size
    with _tmpfs(tmp_path / "small", f"{size * 3 // 2 // 1024 + 64}k") as disk:  # room for one version only
        env = _env(disk / "dashboard.db", data_dir)
        assert _cli("build", env=env).returncode == 0
        served = os.readlink(disk / "dashboard.db")
        run = _cli("build", env=env)
        assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
        assert run.stderr.startswith("error: the disk is full while writing ")
        assert os.readlink(disk / "dashboard.db") == served
        assert not list((disk / "dashboard.versions").glob(".tmp-*"))
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        run = _cli("build", env=env)
        assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
        assert run.stderr.startswith("error: the disk is read-only while writing ")


# ---- replaced databases are closed -----------------------------------------------------------------------


def test_a_replaced_or_removed_database_is_closed_so_its_disk_is_freed(seed_db: Path, tmp_path: Path) -> None:
    pool = queries.ConnectionPool()
    first = tmp_path / "000001.db"
    shutil.copyfile(seed_db, first)
    old = pool.get(first, first.stat().st_mtime_ns)
    assert pool.get(first, first.stat().st_mtime_ns) is old  # one connection per file, shared
    second = tmp_path / "000002.db"
    shutil.copyfile(seed_db, second)
    first.unlink()  # the old version pruned
    new = pool.get(second, second.stat().st_mtime_ns)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        old.execute("SELECT 1")
    assert pool.keys() == [(str(second), second.stat().st_mtime_ns)]
    shutil.copyfile(seed_db, tmp_path / "next.db")
    os.utime(tmp_path / "next.db", ns=(1, 1))
    os.replace(tmp_path / "next.db", second)  # a plain file rebuilt in place: a new file under the old name
    newest = pool.get(second, second.stat().st_mtime_ns)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        new.execute("SELECT 1")
    assert newest.execute("SELECT COUNT(*) FROM regions").fetchone()[0] > 0
    pool.close()


def test_the_pool_keeps_at_most_its_limit_open(seed_db: Path, tmp_path: Path) -> None:
    pool = queries.ConnectionPool(max_open=2)
    conns = []
    for n in range(3):
        path = tmp_path / f"{n}.db"
        shutil.copyfile(seed_db, path)
        conns.append(pool.get(path, path.stat().st_mtime_ns))
    with pytest.raises(sqlite3.ProgrammingError):
        conns[0].execute("SELECT 1")
    assert len(pool.keys()) == 2
    pool.close()


def test_a_damaged_version_manifest_is_one_line_not_a_traceback(tmp_path: Path, data_dir: Path) -> None:
    env = _env(tmp_path / "db" / "dashboard.db", data_dir)
    assert _cli("build", env=env).returncode == 0
    (tmp_path / "db" / "dashboard.versions" / "000001" / "version.json").write_text("{cut sh", encoding="utf-8")
    run = _cli("versions", env=env)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("error: the manifest of version 1 ") and "cannot be read" in run.stderr
