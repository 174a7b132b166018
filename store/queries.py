"""Read queries for the pages. Parameterised SQL only; each returns a DataFrame."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from domain.filters import Choices, default_range, quarters_spanning
from domain.periods import period_end
from errors import DashboardError
from store.memo import MEMO, kept


class MissingDatabase(DashboardError, FileNotFoundError):
    """The database has not been built yet: ``MissingDatabase(path)``. Still a FileNotFoundError (with
    ``filename``); ``str(exc)`` is the path, as the command lines print it."""

    def __init__(self, path: str) -> None:
        super().__init__("Databasen er ikke bygget endnu: byg den med »python -m loaders build«.",
                         f"no database at {path}", args=(path,))
        self.path = self.filename = path

    def __str__(self) -> str:
        return self.path


class UnusableDatabase(DashboardError):
    """The database is there but cannot be read: damaged (random bytes, cut short) or from an older release
    (a table or column the app reads is missing). ``message`` Danish with the next step, ``detail`` English
    (the path and what is wrong) for the log and the command line."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__("Dashboardets data kan ikke læses: databasen er beskadiget eller fra en ældre udgave. "
                         "Bed en redaktør om at genindlæse data (eller rulle tilbage under Datakilder), "
                         "eller kør »python -m loaders rebuild« og genindlæs siden.",
                         f"unusable database at {path}: {problem}", args=(path, problem))
        self.path, self.problem = path, problem


def uri(db_path: Path) -> str:
    """The database as a read-only SQLite URI: the path percent-quoted, so that ``?``, ``#``, ``%``, spaces
    and non-ASCII letters are part of the name and never read as URI parameters (``mode=ro`` also means a
    missing file is never created). A file nobody may write (a version's, 0444) is ``immutable``: SQLite then
    takes no locks and reads no journal; a writable file may change in place, so it is only ``mode=ro``."""
    path = os.path.abspath(db_path)
    immutable = os.path.exists(path) and not os.stat(path).st_mode & 0o222
    return f"file:{urllib.parse.quote(path)}?mode=ro" + ("&immutable=1" if immutable else "")


def connect(db_path: Path) -> sqlite3.Connection:
    """A read-only connection; MissingDatabase when the file is not there, UnusableDatabase when it is not a
    database the app can read (checked once per file and modification time)."""
    if not db_path.exists():
        raise MissingDatabase(str(db_path))
    try:
        conn = sqlite3.connect(uri(db_path), uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise UnusableDatabase(str(db_path), f"{type(exc).__name__}: {exc}") from exc
    try:
        st = os.stat(db_path)
        key = (os.path.realpath(db_path), st.st_mtime_ns, st.st_size)
        if key not in _CHECKED:
            problem = _problem(conn, db_path)
            if problem:
                raise UnusableDatabase(str(db_path), problem)
            _CHECKED.add(key)
    except BaseException:
        conn.close()
        raise
    return conn


_CHECKED: set[tuple[str, int, int]] = set()  # files found usable (path, mtime, size): checked once


class ConnectionPool:
    """One read-only connection per database file, shared by the app's sessions (a version's file never
    changes, so one connection serves every reader of it); a connection to a file that has been replaced
    or removed (a pruned version, a plain file rebuilt in place) is closed when the next one is asked for,
    so its disk space is freed rather than held by an open handle for the life of the server."""

    def __init__(self, max_open: int = 16) -> None:
        self.max_open = max_open
        self._open: dict[tuple[str, int], sqlite3.Connection] = {}  # least recently used first
        self._lock = threading.Lock()

    def get(self, path: Path, mtime_ns: int) -> sqlite3.Connection:
        """The connection to ``path`` as it was at ``mtime_ns`` (MissingDatabase, UnusableDatabase)."""
        key = (str(path), int(mtime_ns))
        with self._lock:
            self._close_replaced()
            conn = self._open.pop(key, None)
            if conn is None:
                conn = connect(path)
                MEMO.register(conn)  # a version's file does not change while its connection is open
            self._open[key] = conn
            while len(self._open) > self.max_open:
                _close(self._open.pop(next(iter(self._open))))
            return conn

    def of_file(self, path: Path) -> sqlite3.Connection:
        """The connection to ``path`` as it is now (MissingDatabase when it is gone)."""
        try:
            mtime_ns = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            raise MissingDatabase(str(path)) from None
        return self.get(path, mtime_ns)

    def keys(self) -> list[tuple[str, int]]:
        with self._lock:
            return list(self._open)

    def close(self) -> None:
        with self._lock:
            for conn in self._open.values():
                _close(conn)
            self._open.clear()

    def _close_replaced(self) -> None:
        for key in list(self._open):
            path, mtime_ns = key
            try:
                current = os.stat(path).st_mtime_ns
            except OSError:
                current = None
            if current != mtime_ns:  # removed, or another file under the same name
                _close(self._open.pop(key))


def _close(conn: sqlite3.Connection) -> None:
    MEMO.forget(conn)  # what was read through it goes with it
    conn.close()


POOL = ConnectionPool()  # the app's (ui/data.py): one per process
# Earlier versions a page compares with (Siden sidste møde), apart from the current ones so that they never push
# a version in use out of POOL; more than the store keeps (keep_versions, 20), so none is closed for room while
# a session reads it, only once the store prunes it.
HISTORY = ConnectionPool(max_open=32)


def _problem(conn: sqlite3.Connection, db_path: Path) -> str | None:
    """What makes the database unusable, cheaply (no full integrity check): not SQLite, shorter than its
    header says, or without a table or column of the schema this release builds."""
    try:
        with open(db_path, "rb") as handle:
            header = handle.read(100)
        if header and len(header) == 100 and header.startswith(b"SQLite format 3\x00"):
            page_size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if page_size == 1 else page_size
            pages = int.from_bytes(header[28:32], "big")
            # The header's page count is valid when its "version valid for" equals the change counter.
            if header[92:96] == header[24:28] and os.path.getsize(db_path) < page_size * pages:
                return f"cut short: {os.path.getsize(db_path)} bytes, the header says {page_size * pages}"
        conn.execute("PRAGMA schema_version").fetchone()  # reads the header: "file is not a database"
        have: dict[str, set[str]] = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            have[table] = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        for table, columns in _schema().items():
            if table not in have:
                return f"no table {table} (built by an older release, or not a dashboard database)"
            missing = sorted(columns - have[table])
            if missing:
                return f"table {table} has no column {missing[0]} (built by an older release)"
        conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM regions LIMIT 1)").fetchone()
    except sqlite3.Error as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


@functools.cache
def _schema() -> dict[str, set[str]]:
    """The tables and columns this release's build makes (store.build.create_schema, in memory)."""
    import sqlite_utils

    from store.build import create_schema  # the build's modules, only when a database is first checked

    db = sqlite_utils.Database(memory=True)
    create_schema(db)
    return {t.name: {c.name for c in t.columns} for t in db.tables}


def _frame(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    # Read once per version for the pool's connections (store/memo.py), every time for others.
    return kept(conn, ("frame", sql, tuple(params)), lambda: pd.read_sql_query(sql, conn, params=list(params)))


def regions(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT code, name FROM regions ORDER BY name")


def clusters(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT id, region_code, name, hospital FROM clusters ORDER BY region_code, name")


def municipalities(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT code, name, cluster_id, region_code FROM municipalities ORDER BY name")


def indicators(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, """
        SELECT i.*, t.value AS target, t.note AS target_note
        FROM indicators i LEFT JOIN targets t ON t.indicator = i.id ORDER BY i.rowid""")


def observations(conn: sqlite3.Connection, geo_codes: Sequence[str], first: str, last: str,
                 indicator: str | None = None) -> pd.DataFrame:
    """Observations for the given places whose period starts within [first, last] (ISO dates)."""
    if not geo_codes:
        return pd.DataFrame(columns=["indicator", "geo_level", "geo_code", "period", "period_start", "value",
                                     "numerator", "denominator", "arrow", "arrow_period", "is_demo", "file",
                                     "source_title"])
    marks = ",".join("?" for _ in geo_codes)
    sql = f"""
        SELECT o.indicator, o.geo_level, o.geo_code, o.period, o.period_start, o.value, o.numerator,
               o.denominator, o.arrow, o.arrow_period, o.is_demo, s.file, s.title AS source_title
        FROM observations o JOIN sources s ON s.id = o.source_id
        WHERE o.geo_code IN ({marks}) AND o.period_start BETWEEN ? AND ?"""
    params: list[object] = [*geo_codes, first, last]
    if indicator:
        sql += " AND o.indicator = ?"
        params.append(indicator)
    return _frame(conn, sql + " ORDER BY o.indicator, o.period_start", params)


def initiatives(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, """
        SELECT i.*, s.file, s.region, s.title AS source_title FROM initiatives i JOIN sources s ON s.id = i.source_id ORDER BY i.section, i.id""")


def agenda_items(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, """
        SELECT a.*, m.forum, m.date, m.place, m.source_id, s.file, s.region, s.title AS source_title
        FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN sources s ON s.id = m.source_id
        ORDER BY m.date DESC, a.number""")


def meetings(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, """
        SELECT m.*, s.file, s.region, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS items
        FROM meetings m JOIN sources s ON s.id = m.source_id ORDER BY m.date DESC""")


def agreements(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT a.*, s.file, s.region FROM agreements a JOIN sources s ON s.id = a.source_id ORDER BY a.id")


def sources(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT * FROM sources ORDER BY file")


def rejections(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, """
        SELECT s.file, r.line, r.reason FROM rejections r JOIN sources s ON s.id = r.source_id
        ORDER BY s.file, r.line""")


def build_info(conn: sqlite3.Connection) -> dict[str, str]:
    return kept(conn, "build_info", lambda: dict(conn.execute("SELECT key, value FROM build_info").fetchall()))


def data_days(conn: sqlite3.Connection) -> list[str]:
    """First and last dates of observations, initiative windows and meetings (ISO), for the quarter choices."""
    return kept(conn, "data_days", lambda: [day for (day,) in conn.execute(
        "SELECT MIN(period_start) FROM observations UNION ALL SELECT MAX(period_start) FROM observations "
        "UNION ALL SELECT MIN(start) FROM initiatives UNION ALL SELECT MAX(\"end\") FROM initiatives "
        "UNION ALL SELECT MIN(date) FROM meetings UNION ALL SELECT MAX(date) FROM meetings").fetchall() if day])


def named_terms(conn: sqlite3.Connection) -> list[str]:
    return kept(conn, "named_terms", lambda: [t for (t,) in conn.execute("SELECT term FROM named_terms ORDER BY term")])


def newest_real_data(conn: sqlite3.Connection, geo_codes: Sequence[str]) -> str | None:
    """The start of the newest period with real (not demonstration) data for the places."""
    marks = ",".join("?" for _ in geo_codes)
    row = conn.execute(f"SELECT MAX(period_start) FROM observations WHERE is_demo = 0 AND geo_code IN ({marks})",
                       list(geo_codes)).fetchone()
    return row[0] if row else None


def newest_day(conn: sqlite3.Connection) -> dt.date | None:
    """The newest day the loaded sources speak of: the latest meeting, or the end of the latest period of a
    real (not demonstration) observation. No demonstration value is made for a month after it."""
    has_meetings = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meetings'").fetchone()
    days = [dt.date.fromisoformat(d[:10]) for (d,) in conn.execute("SELECT MAX(date) FROM meetings") if d] \
        if has_meetings else []
    (start,) = conn.execute("SELECT MAX(period_start) FROM observations WHERE is_demo = 0").fetchone()
    if start:
        # A year that began before the newest month can end after it: every period begun in the last year.
        since = (dt.date.fromisoformat(start[:10]) - dt.timedelta(days=366)).isoformat()
        days += [period_end(p) for (p,) in conn.execute(
            "SELECT DISTINCT period FROM observations WHERE is_demo = 0 AND period_start >= ?", (since,))]
    return max(days) if days else None


def newest_source_day(conn: sqlite3.Connection) -> dt.date | None:
    """``newest_day`` as the build wrote it down (a database made before it was, asked once)."""
    def read() -> dt.date | None:
        day = build_info(conn).get("newest_source_day")
        return dt.date.fromisoformat(day) if day else newest_day(conn)
    return kept(conn, "newest_source_day", read)


def facts(conn: sqlite3.Connection) -> pd.DataFrame:
    """Key figures quoted from the sources, with the document they were found in."""
    return _frame(conn, """
        SELECT f.*, s.file, s.title AS source_title, s.region, m.forum FROM facts f
        JOIN sources s ON s.id = f.source_id LEFT JOIN meetings m ON m.source_id = f.source_id
        ORDER BY f.rowid""")


def choices(conn: sqlite3.Connection, today: dt.date) -> Choices:
    """What the filter bar offers: regions, their clusters, and the quarters the data spans."""
    return kept(conn, ("choices", today), lambda: _choices(conn, today))


def _choices(conn: sqlite3.Connection, today: dt.date) -> Choices:
    regions_, clusters_ = regions(conn), clusters(conn)
    quarters = quarters_spanning([dt.date.fromisoformat(d) for d in data_days(conn)], today)
    return Choices(
        regions=dict(zip(regions_["code"], regions_["name"])),
        clusters={code: dict(zip(g["id"], g["name"])) for code, g in clusters_.groupby("region_code")},
        quarters=quarters, default=default_range(quarters, today, newest_source_day(conn)),
    )
