"""Shared fixtures: the reference data, the seed documents, and a database
built from data/ into a temporary folder (never the developer's own)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.reference import Reference, load_reference
from store.build import build

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = DATA / "sources"
BUILD_DAY = dt.date(2026, 11, 22)  # demonstration data runs to the month before: the tests do not age
# Every app and command line a test starts reads this day, not the calendar's (clock.py): the suite passes
# on any day. CI runs it on a second day too (.ci/run).
os.environ.setdefault("SUNDHED_TODAY", BUILD_DAY.isoformat())


def seed(prefix: str) -> Path:
    return next(SOURCES.glob(f"{prefix}_*"))


@pytest.fixture(scope="session")
def ref() -> Reference:
    return load_reference(DATA / "reference")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "dashboard.db"
    build(DATA, path, today=BUILD_DAY)
    return path


def forked_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse workers forked from this process, whatever threads an earlier test left running: a test that
    changes the loaders' code (a failing value, an endless parse) needs its change seen in the worker, which a
    forkserver's child would not."""
    import multiprocessing

    from loaders import limits

    monkeypatch.setattr(limits, "_context", lambda: multiprocessing.get_context("fork"))


def private_copy(seed_db: Path, folder: Path) -> Path:
    """A served app's own copy of the shared database: an app that imports or previews turns the file it is
    given into a version (a link) beside it, which no other test may see."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "dashboard.db"
    shutil.copyfile(seed_db, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def seed_db_untouched(seed_db: Path) -> Iterator[None]:
    """No test changes the database others share: checked once all have run."""
    before = (seed_db.is_symlink(), seed_db.stat().st_mtime_ns, seed_db.stat().st_size)
    yield
    after = (seed_db.is_symlink(), seed_db.stat().st_mtime_ns, seed_db.stat().st_size)
    assert after == before and not seed_db.with_name("dashboard.versions").exists(), \
        "a test changed the shared seed database (give a served app private_copy(seed_db, …))"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ (sources and reference) for build tests."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "reference", target / "reference")
    shutil.copytree(SOURCES, target / "sources")
    return target


@pytest.fixture
def app_db(seed_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUNDHED_DB", str(seed_db))
    return seed_db


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutation testing (bench/mutation.py) run the unit tests before tests/test_views.py: pytest stops
    at the first failure, so a mutant a unit test kills costs a second, not the whole application layer."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        items.sort(key=lambda item: item.nodeid.startswith("tests/test_views.py"))
