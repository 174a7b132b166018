"""What a new database version holds, file by file, and what it changes against the one served now.

Both are read from the built databases themselves (the candidate and the current version, attached side by
side), so the preview shows exactly what "Indlæs" would serve, also for a million-row extract, without
holding its rows in memory."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from store import queries

# The comparable rows of each table: a key and the values whose change counts as "changed".
# Observations from files only (derived sums and demonstration series are compared apart).
_OBSERVATIONS = ("SELECT indicator, geo_level, geo_code, period{values} FROM {db}.observations "
                 "WHERE is_demo = 0 AND line IS NOT NULL")
# Sums of municipalities for clusters and regions, and key figures quoted in documents: no line of their own.
_DERIVED = ("SELECT indicator, geo_level, geo_code, period{values} FROM {db}.observations "
            "WHERE is_demo = 0 AND line IS NULL")
_MEETINGS = "SELECT forum, date{values} FROM {db}.meetings"
_AGENDA = ("SELECT m.forum, m.date, a.number{values} FROM {db}.agenda_items a "
           "JOIN {db}.meetings m ON m.id = a.meeting_id")
_INITIATIVES = "SELECT kind, key{values} FROM {db}.initiatives"
_AGREEMENTS = "SELECT theme, title{values} FROM {db}.agreements"
TABLES = {  # name: (select, value columns)
    "observations": (_OBSERVATIONS, ("value",)),
    "derived": (_DERIVED, ("value",)),
    "meetings": (_MEETINGS, ("place",)),
    "agenda_items": (_AGENDA, ("a.title", "a.decision", "a.decision_kind")),
    "initiatives": (_INITIATIVES, ("title", "time", "start", '"end"', "status", "action")),
    "agreements": (_AGREEMENTS, ("status_label", "status_text")),
}


@dataclass(frozen=True)
class Count:
    added: int = 0
    changed: int = 0
    removed: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True)
class Place:
    level: str  # region, cluster or municipality
    name: str


_LEVELS = ("region", "cluster", "municipality")  # the ranks of _DEMO


@dataclass(frozen=True)
class DemoSeries:
    indicator: str  # catalogue id
    name: str  # Danish short name
    region: str  # region name
    places: tuple[Place, ...] = ()  # the places whose demonstration rows change, region first
    kept: tuple[Place, ...] = ()  # the region's places that keep theirs (an extract covers only its places)


@dataclass(frozen=True)
class Differences:
    tables: dict[str, Count]
    by_indicator: dict[str, Count]  # observations per indicator (catalogue id)
    demo_replaced: tuple[DemoSeries, ...]  # demonstration series the new version no longer has
    demo_added: tuple[DemoSeries, ...]
    new_meetings: tuple[tuple[str, str], ...]  # (forum, ISO date)


@dataclass(frozen=True)
class IndicatorRange:
    indicator: str
    name: str
    geo_level: str
    rows: int
    places: int
    first: str
    last: str


@dataclass(frozen=True)
class FileContents:
    """What the new version read from one file."""

    file: str  # path inside sources/
    kind: str | None
    status: str
    title: str
    region: str
    message: str
    accepted: int
    rejected: int
    rejections: tuple[tuple[int | None, str], ...]  # (line, English reason), at most ``limit``
    indicators: tuple[IndicatorRange, ...] = ()
    initiatives: tuple[tuple[str, str, str | None, str | None, str], ...] = ()  # title, time, start, end, status
    meetings: tuple[tuple[str, str, str], ...] = ()  # forum, date, place
    agenda: tuple[tuple[int, str, str], ...] = ()  # number, title, decision kind
    agreements: int = 0
    more: dict[str, int] = field(default_factory=dict)  # rows left out of a list above


def _attach(new: Path, old: Path | None) -> sqlite3.Connection:
    conn = sqlite3.connect(queries.uri(Path(new)), uri=True)
    if old is not None:
        conn.execute("ATTACH DATABASE ? AS cur", (queries.uri(Path(old)),))
    return conn


def _count(conn: sqlite3.Connection, select: str, values: tuple[str, ...], has_old: bool,
           group: str | None = None) -> Count | dict[str, Count]:
    vals = "".join(", " + v for v in values)
    new_keys = select.format(values="", db="main")
    new_rows = select.format(values=vals, db="main")
    if not has_old:
        if group:
            return {k: Count(added=n) for k, n in conn.execute(
                f"SELECT {group}, COUNT(*) FROM ({new_keys} GROUP BY 1,2,3,4) GROUP BY 1")}
        (n,) = conn.execute(f"SELECT COUNT(*) FROM (SELECT DISTINCT * FROM ({new_keys}))").fetchone()
        return Count(added=n)
    old_keys = select.format(values="", db="cur")
    old_rows = select.format(values=vals, db="cur")
    # EXCEPT compares whole rows with NULLs equal, which is what "unchanged" means here.
    queries = {"added": f"{new_keys} EXCEPT {old_keys}", "removed": f"{old_keys} EXCEPT {new_keys}",
               "differs": f"{new_rows} EXCEPT {old_rows}"}
    if group:
        parts: dict[str, dict[str, int]] = {}
        for name, sql in queries.items():
            for key, n in conn.execute(f"SELECT {group}, COUNT(*) FROM ({sql}) GROUP BY 1"):
                parts.setdefault(key, {})[name] = n
        return {k: Count(p.get("added", 0), max(0, p.get("differs", 0) - p.get("added", 0)), p.get("removed", 0))
                for k, p in sorted(parts.items())}
    n = {name: conn.execute(f"SELECT COUNT(*) FROM ({sql})").fetchone()[0] for name, sql in queries.items()}
    # A key with a new value is in "differs" but not in "added": those are the changed rows.
    return Count(n["added"], max(0, n["differs"] - n["added"]), n["removed"])


_DEMO = """
    WITH geo(code, region, rank, name) AS (
        SELECT code, code, 0, name FROM {db}.regions UNION ALL SELECT id, region_code, 1, name FROM {db}.clusters
        UNION ALL SELECT code, region_code, 2, name FROM {db}.municipalities)
    SELECT DISTINCT o.indicator, g.region, g.rank, g.name FROM {db}.observations o JOIN geo g ON g.code = o.geo_code
    WHERE o.is_demo = 1"""


def differences(new: Path, old: Path | None) -> Differences:
    """What serving ``new`` instead of ``old`` (None: nothing served yet) adds, changes and removes."""
    conn = _attach(new, old)
    try:
        has_old = old is not None
        # Observations are compared once, per indicator; the table's total is their sum (a million rows on
        # each side: every comparison saved is seconds).
        select, values = TABLES["observations"]
        by_indicator = _count(conn, select, values, has_old, group="indicator")
        assert isinstance(by_indicator, dict)
        tables: dict[str, Count] = {"observations": Count(*(sum(getattr(c, k) for c in by_indicator.values())
                                                            for k in ("added", "changed", "removed")))}
        for name, (select, values) in TABLES.items():
            if name != "observations":
                count = _count(conn, select, values, has_old)
                assert isinstance(count, Count)
                tables[name] = count
        names = dict(conn.execute("SELECT id, short_name FROM indicators"))
        regions = dict(conn.execute("SELECT code, name FROM regions"))
        new_demo = set(conn.execute(_DEMO.format(db="main")).fetchall())
        old_demo = set(conn.execute(_DEMO.format(db="cur")).fetchall()) if has_old else set()

        def series(gone: set[tuple[str, str, int, str]], staying: set[tuple[str, str, int, str]]
                   ) -> tuple[DemoSeries, ...]:
            # One entry per indicator and region: the places it changes and those that keep Eksempeldata.
            keys = sorted({(i, r) for i, r, _, _ in gone})
            return tuple(DemoSeries(i, names.get(i, i), regions.get(r, r),
                                    tuple(Place(_LEVELS[k], n) for _, _, k, n in sorted(p for p in gone if p[:2] == (i, r))),
                                    tuple(Place(_LEVELS[k], n) for _, _, k, n in sorted(p for p in staying
                                                                                       if p[:2] == (i, r))))
                         for i, r in keys)

        meetings = conn.execute(
            f"{_MEETINGS.format(values='', db='main')}" + (f" EXCEPT {_MEETINGS.format(values='', db='cur')}"
                                                          if has_old else "") + " ORDER BY 2").fetchall()
        return Differences(tables, by_indicator, series(old_demo - new_demo, new_demo),
                           series(new_demo - old_demo, old_demo & new_demo),
                           tuple((f, d) for f, d in meetings))
    finally:
        conn.close()


def file_contents(db: Path, files: list[str], limit: int | None = 50) -> list[FileContents]:
    """What ``db`` read from each of ``files`` (paths inside sources/): counts, ranges and the first
    ``limit`` rows of each list."""
    conn = sqlite3.connect(queries.uri(Path(db)), uri=True)
    try:
        names = dict(conn.execute("SELECT id, short_name FROM indicators"))
        out = []
        for file in files:
            row = conn.execute("SELECT id, kind, status, COALESCE(title, ''), COALESCE(region, ''), "
                               "COALESCE(message, ''), rows_accepted, rows_rejected FROM sources WHERE file = ?",
                               (f"sources/{file}",)).fetchone()
            if row is None:
                out.append(FileContents(file, None, "missing", "", "", "", 0, 0, ()))
                continue
            source_id, kind, status, title, region, message, accepted, rejected = row
            more: dict[str, int] = {}

            def listed(key: str, sql: str, params: tuple[object, ...],
                       more: dict[str, int] = more) -> list[tuple[object, ...]]:
                if limit is None:
                    return conn.execute(sql, params).fetchall()
                rows = conn.execute(sql + f" LIMIT {limit + 1}", params).fetchall()
                if len(rows) > limit:
                    (total,) = conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()
                    more[key] = total - limit
                return rows[:limit]

            rejections = listed("rejections", "SELECT line, reason FROM rejections WHERE source_id = ? "
                                "ORDER BY line IS NULL, line", (source_id,))
            ranges = tuple(IndicatorRange(i, names.get(i, i), level, n, places, first, last) for
                           i, level, n, places, first, last in conn.execute(
                               "SELECT indicator, geo_level, COUNT(*), COUNT(DISTINCT geo_code), MIN(period), "
                               "MAX(period) FROM observations WHERE source_id = ? AND line IS NOT NULL "
                               "GROUP BY 1, 2 ORDER BY 1, 2",
                               (source_id,)))
            initiatives = listed("initiatives", 'SELECT title, time, start, "end", status FROM initiatives '
                                 "WHERE source_id = ? ORDER BY id", (source_id,))
            meetings = conn.execute("SELECT forum, date, COALESCE(place, '') FROM meetings WHERE source_id = ?",
                                    (source_id,)).fetchall()
            agenda = listed("agenda", "SELECT a.number, a.title, a.decision_kind FROM agenda_items a JOIN meetings m "
                            "ON m.id = a.meeting_id WHERE m.source_id = ? ORDER BY a.number", (source_id,))
            (agreements,) = conn.execute("SELECT COUNT(*) FROM agreements WHERE source_id = ?", (source_id,)).fetchone()
            out.append(FileContents(
                file, kind, status, title, region, message, accepted, rejected,
                tuple((line, reason) for line, reason in rejections),  # type: ignore[misc]
                ranges, tuple(initiatives), tuple(meetings), tuple(agenda), agreements, more))  # type: ignore[arg-type]
        return out
    finally:
        conn.close()
