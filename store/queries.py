"""Read queries for the pages. Parameterised SQL only; each returns a DataFrame."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from domain.filters import Choices, default_range, quarters_spanning
from errors import DashboardError


class MissingDatabase(DashboardError, FileNotFoundError):
    """The database has not been built yet: ``MissingDatabase(path)``. Still a FileNotFoundError (with
    ``filename``); ``str(exc)`` is the path, as the command lines print it."""

    def __init__(self, path: str) -> None:
        super().__init__("Databasen er ikke bygget endnu: byg den med »python -m loaders build«.",
                         f"no database at {path}", args=(path,))
        self.path = self.filename = path

    def __str__(self) -> str:
        return self.path


def connect(db_path: Path) -> sqlite3.Connection:
    """A read-only connection; MissingDatabase when the file is not there."""
    if not db_path.exists():
        raise MissingDatabase(str(db_path))
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)


def _frame(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    return pd.read_sql_query(sql, conn, params=list(params))


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
    return dict(conn.execute("SELECT key, value FROM build_info").fetchall())


def data_days(conn: sqlite3.Connection) -> list[str]:
    """First and last dates of observations, initiative windows and meetings (ISO), for the quarter choices."""
    rows = conn.execute(
        "SELECT MIN(period_start) FROM observations UNION ALL SELECT MAX(period_start) FROM observations "
        "UNION ALL SELECT MIN(start) FROM initiatives UNION ALL SELECT MAX(\"end\") FROM initiatives "
        "UNION ALL SELECT MIN(date) FROM meetings UNION ALL SELECT MAX(date) FROM meetings").fetchall()
    return [day for (day,) in rows if day]


def named_terms(conn: sqlite3.Connection) -> list[str]:
    return [t for (t,) in conn.execute("SELECT term FROM named_terms ORDER BY term")]


def newest_real_data(conn: sqlite3.Connection, geo_codes: Sequence[str]) -> str | None:
    """The start of the newest period with real (not demonstration) data for the places."""
    marks = ",".join("?" for _ in geo_codes)
    row = conn.execute(f"SELECT MAX(period_start) FROM observations WHERE is_demo = 0 AND geo_code IN ({marks})",
                       list(geo_codes)).fetchone()
    return row[0] if row else None


def facts(conn: sqlite3.Connection) -> pd.DataFrame:
    """Key figures quoted from the sources, with the document they were found in."""
    return _frame(conn, """
        SELECT f.*, s.file, s.title AS source_title, s.region FROM facts f JOIN sources s ON s.id = f.source_id
        ORDER BY f.rowid""")


def choices(conn: sqlite3.Connection, today: dt.date) -> Choices:
    """What the filter bar offers: regions, their clusters, and the quarters the data spans."""
    regions_, clusters_ = regions(conn), clusters(conn)
    quarters = quarters_spanning([dt.date.fromisoformat(d) for d in data_days(conn)], today)
    return Choices(
        regions=dict(zip(regions_["code"], regions_["name"])),
        clusters={code: dict(zip(g["id"], g["name"])) for code, g in clusters_.groupby("region_code")},
        quarters=quarters, default=default_range(quarters, today),
    )
