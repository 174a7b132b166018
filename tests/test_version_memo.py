"""store.memo: what the app reads from a database version is kept per version for the pool's connections, and
never changes an answer. The views that keep derived answers (a region's board, the KPI cards, the meeting's
indicator states, a municipality's card) give the same answer through the pool, in any order of filters, as
they give read afresh; a caller that changes what it was handed changes its own copy; the kept memory is
bounded and goes with its connection."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import sqlite3
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from domain.filters import Filters
from store import memo, queries
from store.memo import VersionMemo
from views.indicators import indicator_places, kpi_cards
from views.initiatives import board, decision_log, timeline
from views.meeting import _states, fora, meetings, since_last
from views.overview import overview
from views.scope import catalogue

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def pooled(seed_db: Path, tmp_path: Path) -> tuple[queries.ConnectionPool, sqlite3.Connection, Path]:
    path = tmp_path / "000001.db"
    shutil.copyfile(seed_db, path)
    pool = queries.ConnectionPool()
    yield pool, pool.get(path, path.stat().st_mtime_ns), path  # type: ignore[misc]
    pool.close()


def test_a_pooled_read_is_made_once_and_a_plain_connection_reads_afresh(pooled, seed_db: Path) -> None:
    _, conn, _ = pooled
    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        return [1, 2, 3]

    assert memo.kept(conn, ("test", 1), make) == memo.kept(conn, ("test", 1), make) == [1, 2, 3]
    assert len(made) == 1
    memo.kept(conn, ("test", 2), make)  # another key is another answer
    assert len(made) == 2
    plain = sqlite3.connect(seed_db)
    memo.kept(plain, ("test", 1), make)
    memo.kept(plain, ("test", 1), make)
    assert len(made) == 4  # not the pool's: never kept
    plain.close()


def test_a_frame_handed_out_can_be_changed_without_changing_the_kept_one(pooled) -> None:
    _, conn, _ = pooled
    first = queries.municipalities(conn)
    original = first.copy(deep=True)
    first["name"] = "Ændret"
    first.loc[first.index[0], "code"] = "0"
    del first["region_code"]
    again = queries.municipalities(conn)
    pd.testing.assert_frame_equal(again, original)
    items, links = board(conn, Filters("1082", None, "2021-Q1", "2025-Q4"), TODAY).everything, None
    items.loc[items.index[0], "title"] = "Ændret"
    assert board(conn, Filters("1082", None, "2021-Q1", "2025-Q4"), TODAY).everything["title"].iloc[0] != "Ændret"
    assert links is None


def test_lists_and_dicts_inside_kept_answers_are_the_callers_own(pooled) -> None:
    _, conn, _ = pooled
    filters = Filters("1082", None, "2021-Q1", "2025-Q4")
    cards = kpi_cards(conn, filters, TODAY)
    count = len(cards.cards)
    cards.cards.clear()
    choices = queries.choices(conn, TODAY)
    regions = dict(choices.regions)
    choices.regions.clear()  # type: ignore[attr-defined]
    choices.clusters["1082"].clear()  # type: ignore[attr-defined]
    assert len(kpi_cards(conn, filters, TODAY).cards) == count > 0
    again = queries.choices(conn, TODAY)
    assert dict(again.regions) == regions and again.clusters["1082"]


def test_an_earlier_version_a_page_compares_with_never_closes_one_in_use(pooled, seed_db: Path, tmp_path: Path) -> None:
    """Siden sidste møde reads earlier versions through their own pool (queries.HISTORY), larger than the
    store keeps: they never push the current version's connection out while a page reads it."""
    _, conn, _ = pooled
    old = tmp_path / "000000.db"
    shutil.copyfile(seed_db, old)
    since_last(conn, Filters("1082", None, "2021-Q1", "2025-Q4"), TODAY, "SSG", "2025-10-03", str(old), "v0")
    history, current = queries.HISTORY.keys(), queries.POOL.keys()  # (the pools' open files, not dicts)
    assert any(path == str(old) for path, _ in history)
    assert not any(path == str(old) for path, _ in current)
    assert queries.HISTORY.max_open > 20  # the store keeps 20 versions by default
    assert conn.execute("SELECT 1").fetchone() == (1,)


def test_what_was_kept_for_a_connection_goes_when_the_pool_closes_it(pooled, seed_db: Path, tmp_path: Path) -> None:
    pool, conn, path = pooled
    queries.municipalities(conn)
    assert any(key[0] == id(conn) for key in memo.MEMO._kept)
    second = tmp_path / "000002.db"
    shutil.copyfile(seed_db, second)
    path.unlink()  # the version pruned: the pool closes its connection at the next ask
    pool.get(second, second.stat().st_mtime_ns)
    assert not any(key[0] == id(conn) for key in memo.MEMO._kept)
    assert id(conn) not in memo.MEMO._conns


def test_the_kept_memory_is_bounded_least_recently_used_first() -> None:
    kept = VersionMemo(max_bytes=64 * 1024)
    conn = sqlite3.connect(":memory:")
    kept.register(conn)
    frame = pd.DataFrame({"x": range(1000)})  # about 8 KB
    for n in range(12):
        kept.answer(conn, n, lambda: frame.copy())
    assert kept.bytes <= 64 * 1024
    assert (id(conn), 0) not in kept._kept and (id(conn), 11) in kept._kept  # the oldest went
    big = pd.DataFrame({"x": range(10_000)})  # more than a quarter of the bound: handed out, not kept
    assert len(kept.answer(conn, "big", lambda: big)) == 10_000
    assert (id(conn), "big") not in kept._kept
    kept.forget(conn)
    assert kept.bytes == 0 and not kept._kept
    conn.close()


# --- the answers do not change -----------------------------------------------------------------------------

def _same(a: Any, b: Any, where: str = "") -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), obj=where or "frame")
    elif dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, sqlite3.Connection):
        pass  # a Scope's connection: the pool's and a plain one differ by design
    else:
        assert a == b or (a != a and b != b), f"{where}: {a!r} != {b!r}"  # (NaN is NaN)


def _filters(seed: int) -> list[Filters]:
    """Filters that share place and last quarter but not the first one, places that share municipalities, and
    the same place at other quarters: each pair a key that leaves something out would mix up."""
    rng = random.Random(seed)
    quarters = [f"{y}-Q{q}" for y in range(2021, 2026) for q in range(1, 5)]
    places = [("1082", None), ("1082", "vest"), ("1082", "midt"), ("1083", None)]
    out = []
    for _ in range(14):
        region, cluster = rng.choice(places)
        i = rng.randrange(len(quarters))
        j = rng.randrange(i, len(quarters))
        out.append(Filters(region, cluster, quarters[i], quarters[j]))
    return out


VIEWS = {
    "kpi_cards": lambda c, f: kpi_cards(c, f, TODAY),
    "board": lambda c, f: board(c, f, TODAY),
    "timeline": lambda c, f: timeline(c, f, TODAY),
    "decision_log": lambda c, f: decision_log(c, f, TODAY),
    "overview": lambda c, f: overview(c, f, TODAY),
    "indicator_places": lambda c, f: indicator_places(c, f, TODAY, "acute_admissions_65plus", "month"),
    "states": lambda c, f: _states(c, f, TODAY),
    "since_last": lambda c, f: since_last(c, f, TODAY, "SSG", "2025-10-03"),
    "meetings": lambda c, f: meetings(c, f, TODAY),
    "fora": lambda c, f: fora(c, f, TODAY),
    "catalogue": lambda c, f: catalogue(c),
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_an_answer_through_the_pool_is_the_answer_read_afresh(pooled, seed_db: Path, view: str) -> None:
    _, conn, _ = pooled
    plain = sqlite3.connect(f"file:{seed_db}?mode=ro", uri=True)
    try:
        for n, filters in enumerate(_filters(seed=len(view))):
            _same(VIEWS[view](conn, filters), VIEWS[view](plain, filters), f"{view} {filters} (#{n})")
    finally:
        plain.close()
    assert memo.MEMO.hits > 0  # the pool's side was answered from memory, at least in part


# --- the server's own settings ------------------------------------------------------------------------------

def test_the_served_app_neither_watches_its_files_nor_collects_after_every_run() -> None:
    """Measured under 20 directors: the source watcher re-walked every module after each run (a sixth of the
    server's time) and Streamlit's forced collection after each run took a fifth."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["runOnSave"] is False
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["maxUploadSize"] == 200


def test_every_option_in_the_config_file_is_one_streamlit_knows() -> None:
    """A line under the wrong [section] is ignored with a warning: the option silently falls back."""
    from streamlit import config as streamlit_config

    known = set(streamlit_config.get_config_options())
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    unknown = [f"{section}.{name}" for section, options in config.items() for name in options
               if f"{section}.{name}" not in known]
    assert unknown == []
