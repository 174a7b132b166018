"""Build steps that derive data from what was loaded: key figures verified
against their source's text, and the demonstration series (Eksempeldata)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Container, Iterable
from typing import Any

import sqlite_utils

from domain.demo import Calibration, add_up, months_between, region_series, split, stock_series, stock_split
from loaders.indicators import Observation
from loaders.reference import Reference
from store.queries import newest_day

DEMO_TITLE = "Eksempeldata – genereret og kalibreret til kilderne (Midtvejsstatus 2021, SSG 12. sep. 2025)"


def fact_observations(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Figures read from the minutes that are values of a catalogue indicator become observations of their
    place, one a place and month: the newest statement wins (the latest meeting, then the latest line)."""
    levels = {code: "region" for (code,) in db.execute("SELECT code FROM regions")}
    levels |= {code: "cluster" for (code,) in db.execute("SELECT id FROM clusters")}
    levels |= {code: "municipality" for (code,) in db.execute("SELECT code FROM municipalities")}
    newest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for fact_id, indicator, value, date, place, source_id, line in db.execute(
            "SELECT id, indicator, value, date, place, source_id, line FROM facts WHERE indicator IS NOT NULL "
            "AND value IS NOT NULL AND date IS NOT NULL AND place IS NOT NULL ORDER BY stated, line").fetchall():
        if place in levels:
            newest[(indicator, place, date[:7])] = {
                "indicator": indicator, "geo_level": levels[place], "geo_code": place, "period": date[:7],
                "value": value, "line": line, "source_id": source_id, "fact": fact_id}  # the sentence's line
    return list(newest.values())


def _calibrations(db: sqlite_utils.Database, ref: Reference) -> list[tuple[str, Calibration]]:
    """(region, calibration) for every region-level quarterly snapshot with a trend arrow in a status report."""
    out = []
    for indicator, region, period, value, arrow in db.execute(
            "SELECT o.indicator, o.geo_code, o.period, o.value, o.arrow FROM observations o "
            "JOIN sources s ON s.id = o.source_id WHERE s.kind = 'status_report' AND o.geo_level = 'region' "
            "AND o.arrow IS NOT NULL AND o.period LIKE '____-Q_'").fetchall():
        ind = ref.indicators[indicator]
        if ind["frequency"] != "month" or ind["unit"] not in ("count", "percent"):
            continue
        denominator = int(ind.get("demo_denominator") or 0)
        if ind["unit"] == "percent" and not denominator:
            continue
        out.append((region, Calibration(indicator, ind["unit"], period, value, arrow, denominator)))
    return out


def last_demo_month(conn: sqlite3.Connection, today: dt.date) -> str:
    """The last month demonstration rows may have: the last whole month before ``today`` that had also
    ended by the newest source day (the data, not the clock, sets how far they reach)."""
    cut = today - dt.timedelta(days=1)
    newest = newest_day(conn)
    if newest is not None:
        cut = min(cut, newest)
    month_end = (cut + dt.timedelta(days=1)).replace(day=1) - dt.timedelta(days=1)
    if month_end > cut:  # the month of ``cut`` had not ended: the one before
        month_end = cut.replace(day=1) - dt.timedelta(days=1)
    return f"{month_end.year}-{month_end.month:02d}"


class _Covered:
    """``(indicator, place) in covered``: whether a real extract covers the place for the indicator, so that
    its demonstration rows go: a municipality the extract gave; a cluster it gave, or all of whose
    municipalities it gave; a region likewise. Asked through the observations' index, a handful of
    times a place, rather than a scan of every stored row (half a second a million rows)."""

    def __init__(self, db: sqlite_utils.Database, ref: Reference) -> None:
        self.conn = db.conn
        self.members: dict[str, list[str]] = {}  # a cluster's or region's municipalities
        for m in ref.municipalities():
            self.members.setdefault(m.parent, []).append(m.code)
            self.members.setdefault(m.region, []).append(m.code)
        self.known: dict[tuple[str, str], bool] = {}

    def _given(self, indicator: str, code: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM observations o JOIN sources s ON s.id = o.source_id WHERE o.geo_code = ? "
            "AND o.indicator = ? AND o.is_demo = 0 AND s.kind = 'indicators' LIMIT 1", (code, indicator)
        ).fetchone() is not None

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        if key not in self.known:
            indicator, code = key
            members = self.members.get(code, [])
            self.known[key] = self._given(indicator, code) or (
                bool(members) and all((indicator, m) in self for m in members))
        return self.known[key]


def demo_observations(db: sqlite_utils.Database, ref: Reference, today: dt.date) -> list[dict[str, Any]]:
    """Demonstration rows, calibrated to the loaded sources, up to the last month the sources reach
    (``last_demo_month``), for each indicator and place that no real extract covers (``_Covered``): an
    extract of two municipalities replaces their rows and keeps the rest of the region's."""
    real = _Covered(db, ref)
    last = last_demo_month(db.conn, today)
    rows: list[dict[str, Any]] = []
    for region, cal in _calibrations(db, ref):
        quarter_end = f"{cal.quarter[:4]}-{3 * int(cal.quarter[-1]):02d}"
        if last < quarter_end:
            continue  # the sources end before their own calibration quarter (cannot be)
        months = months_between("2019-01", last)
        region_rows = region_series(cal, months)
        clusters = ref.clusters(region)
        # Split the region once over all its municipalities, then add clusters up: everything adds up exactly.
        places = [(m.code, m.population or 1) for m in ref.municipalities(region=region)]
        by_muni = split(region_rows, cal.indicator, cal.unit, places)
        for code, part in by_muni.items():
            if (cal.indicator, code) not in real:
                rows += [r | {"indicator": cal.indicator, "geo_level": "municipality", "geo_code": code} for r in part]
        for cluster in clusters:
            if (cal.indicator, cluster.code) in real:
                continue
            members = [by_muni[m.code] for m in ref.municipalities(cluster=cluster.code)]
            rows += [r | {"indicator": cal.indicator, "geo_level": "cluster", "geo_code": cluster.code}
                     for r in add_up(members, cal.unit)]
        if (cal.indicator, region) not in real:
            rows += [r | {"indicator": cal.indicator, "geo_level": "region", "geo_code": region} for r in region_rows]
    rows += _stock_demo(db, ref, last, real)
    return rows


def _stock_demo(db: sqlite_utils.Database, ref: Reference, last: str,
                real: Container[tuple[str, str]]) -> list[dict[str, Any]]:
    """TeleKOL-like stocks: from the start date to the source's figure, shared over the clusters by
    population (and a slow random walk each), for each region that no real extract covers."""
    starts = dict(db.execute("SELECT place, date FROM facts WHERE measure = 'telekol_start' AND date IS NOT NULL "
                             "ORDER BY stated, line").fetchall())  # the newest statement a place wins
    rows: list[dict[str, Any]] = []
    latest: dict[str, dict[str, Any]] = {}  # a region's newest figure: the stock runs to it
    for obs in fact_observations(db):
        if obs["indicator"] == "telekol_included" and obs["geo_level"] == "region" and obs["geo_code"] in starts \
                and obs["period"] > latest.get(obs["geo_code"], {}).get("period", ""):
            latest[obs["geo_code"]] = obs
    for obs in latest.values():
        start = starts[obs["geo_code"]][:7]
        region_rows = stock_series("telekol_included", start, obs["period"], int(obs["value"]), last)
        sizes = [(c.code, sum(m.population for m in ref.municipalities(cluster=c.code)) or 1)
                 for c in ref.clusters(obs["geo_code"])]
        for code, part in stock_split(region_rows, "telekol_included", sizes).items():
            if ("telekol_included", code) not in real:  # a cluster an extract covers keeps its own numbers
                rows += [r | {"indicator": "telekol_included", "geo_level": "cluster", "geo_code": code} for r in part]
        if ("telekol_included", obs["geo_code"]) not in real:
            rows += [r | {"indicator": "telekol_included", "geo_level": "region", "geo_code": obs["geo_code"]}
                     for r in region_rows]
    return rows


class _Total:
    """A cluster's or region's running total of one indicator and period while municipality rows
    stream past."""

    __slots__ = ("value", "numerator", "denominator", "counted", "added", "clash", "start", "source")

    def __init__(self, start: str, source: int) -> None:
        self.value = self.numerator = self.denominator = 0.0
        self.counted = True  # every row came with its numerator and denominator
        # The municipalities added, one bit each (their place in the parent, ``UpwardSums.bit``): a few
        # hundred bits where a set of codes took kilobytes, for every group of a ten-million-row extract.
        self.added = 0
        self.clash = False  # two files gave the same municipality
        self.start, self.source = start, source  # the first row's period start and source


class UpwardSums:
    """Cluster and region totals of the municipality rows that stream past, for places a source
    gave only by municipality.

    Counts add up; percentages come from numerators and denominators; a cluster or region is
    made only when each of its municipalities came exactly once, and never over a row a source gave.
    A municipality's row given again for the same period counts once: the first is kept, as the
    loaders' duplicate rule has it (loaders.indicators). Two files giving the same municipality
    (which DuplicateRegistry prevents) make no total: which one is right is not for the sums to guess.

    Memory: a few numbers a group (indicator, parent, period), whatever the number of rows; the rows a
    source gave for a cluster or region are remembered by key (at most one a place and period)."""

    def __init__(self, ref: Reference) -> None:
        # Each municipality's bit in its cluster and in its region, and each parent's bits all set.
        self.bits: dict[str, tuple[tuple[str, int], tuple[str, int]]] = {}
        counts: dict[str, int] = {}
        for m in ref.municipalities():
            places = []
            for parent in (m.parent, m.region):
                places.append((parent, 1 << counts.get(parent, 0)))
                counts[parent] = counts.get(parent, 0) + 1
            self.bits[m.code] = (places[0], places[1])
        self.full = {parent: (1 << n) - 1 for parent, n in counts.items()}
        self.units = {i: row["unit"] for i, row in ref.indicators.items()}
        self.levels = {p.code: p.level for p in ref.places.values()}
        self.groups: dict[tuple[str, str, str], _Total] = {}  # (indicator, parent, period) → its total
        self.given: set[tuple[str, str, str]] = set()

    def add(self, o: Observation, start: str, source_id: int) -> None:
        """One row of an extract (``start``: its period's first day; ``source_id``: its file)."""
        self.add_rows([(o.indicator, o.geo_level, o.geo_code, o.period, o.value, o.numerator, o.denominator, None,
                        start)], source_id)

    def add_rows(self, rows: Iterable[tuple[Any, ...]], source_id: int) -> None:
        """``add`` for rows as the build inserts them: an Observation's fields and its period's start."""
        groups, given, bits = self.groups, self.given, self.bits
        for indicator, level, code, period, value, numerator, denominator, _, start in rows:
            if level != "municipality":
                given.add((indicator, code, period))
                continue
            for parent, bit in bits[code]:
                key = (indicator, parent, period)
                total = groups.get(key)
                if total is None:
                    total = groups[key] = _Total(start, source_id)
                elif total.added & bit:
                    break  # the same municipality and period again: the first row counts
                total.added |= bit
                total.value += value
                if numerator is not None and denominator is not None:
                    total.numerator += numerator
                    total.denominator += denominator
                else:
                    total.counted = False

    def merge(self, other: UpwardSums) -> None:
        """Take in the sums of one file that loaded whole (a file that fails half-way adds nothing)."""
        groups = self.groups
        for key, theirs in other.groups.items():
            mine = groups.get(key)
            if mine is None:
                groups[key] = theirs
                continue
            mine.value += theirs.value
            mine.numerator += theirs.numerator
            mine.denominator += theirs.denominator
            mine.counted = mine.counted and theirs.counted
            mine.clash = mine.clash or theirs.clash or bool(mine.added & theirs.added)
            mine.added |= theirs.added
        self.given |= other.given

    def rows(self, given: Container[tuple[str, str, str]]) -> list[dict[str, Any]]:
        """The totals to store: complete, not given by a source (``given``, which may look them up
        where they are stored, or a row that streamed past), of a count or a percentage with every
        numerator and denominator."""
        out = []
        for key, total in self.groups.items():
            indicator, parent, period = key
            unit = self.units[indicator]
            if total.clash or total.added != self.full[parent] or unit not in ("count", "percent"):
                continue
            if key in self.given or key in given:
                continue
            row = {"indicator": indicator, "geo_level": self.levels[parent], "geo_code": parent, "period": period,
                   "period_start": total.start, "value": total.value, "numerator": None, "denominator": None,
                   "source_id": total.source, "line": None}
            if unit == "percent":
                if not total.counted or total.denominator <= 0:
                    continue
                row |= {"value": 100.0 * total.numerator / total.denominator, "numerator": total.numerator,
                        "denominator": total.denominator}
            out.append(row)
        return out
