"""What a set of filters means in the database: the place, its parts, the
catalogue and the date range, read once per view."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd

from domain.filters import Chosen, Filters
from domain.filters import of_region as region_rows
from store import queries
from store.memo import kept


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    short_name: str
    unit: str
    direction: str
    frequency: str
    target: float | None
    target_note: str
    headline: bool
    stock: bool  # a running total (citizens included so far): a target and progress, no median or runs


def catalogue(conn: sqlite3.Connection) -> dict[str, Indicator]:
    """The indicator catalogue in its stored order (read once per version: every view's scope has it)."""
    return kept(conn, "catalogue", lambda: _catalogue(conn))


def _catalogue(conn: sqlite3.Connection) -> dict[str, Indicator]:
    return {r["id"]: Indicator(
        r["id"], r["name"], r["short_name"], r["unit"], r["direction"], r["frequency"],
        None if pd.isna(r["target"]) else float(r["target"]),
        r["target_note"] if isinstance(r["target_note"], str) else "", bool(r["headline"]),
        bool(r.get("stock") or 0)) for r in queries.indicators(conn).to_dict("records")}


@dataclass(frozen=True)
class Scope(Chosen):
    conn: sqlite3.Connection
    today: dt.date
    municipalities: pd.DataFrame  # code, name, cluster_id, region_code
    catalogue: dict[str, Indicator]

    @classmethod
    def of(cls, conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Scope:
        return cls(filters, queries.choices(conn, today), conn, today, queries.municipalities(conn), catalogue(conn))

    @property
    def context(self) -> str:
        return f"{self.place} · {self.period}"

    @property
    def first(self) -> dt.date:
        return self.filters.date_range()[0]

    @property
    def last(self) -> dt.date:
        return self.filters.date_range()[1]

    def members(self) -> dict[str, str]:
        """The municipalities inside the place (code → name), by name."""
        m = self.municipalities
        rows = m[m["cluster_id"] == self.filters.cluster] if self.filters.cluster else m[
            m["region_code"] == self.filters.region]
        return dict(zip(rows["code"], rows["name"]))

    def children(self) -> dict[str, str]:
        """The places one level down: the region's clusters, or the cluster's municipalities."""
        if self.filters.cluster:
            return self.members()
        return dict(self.choices.clusters.get(self.filters.region, {}))

    def names(self) -> dict[str, str]:
        out = dict(self.choices.regions)
        for clusters in self.choices.clusters.values():
            out.update(clusters)
        out.update(zip(self.municipalities["code"], self.municipalities["name"]))
        return out

    def cluster_of(self) -> dict[str, str]:
        """Municipality code → its cluster's name."""
        clusters = {code: name for c in self.choices.clusters.values() for code, name in c.items()}
        return dict(zip(self.municipalities["code"], self.municipalities["cluster_id"].map(clusters)))

    # --- what belongs to the region and the range --------------------------------
    def of_region(self, frame: pd.DataFrame) -> pd.DataFrame:
        return region_rows(frame, self.filters.region)

    def in_range(self, frame: pd.DataFrame, column: str = "date") -> pd.DataFrame:
        """Rows whose ISO date lies in the chosen quarters."""
        if frame.empty:
            return frame
        day = frame[column].fillna("").astype(str)
        return frame[(day >= self.first.isoformat()) & (day <= self.last.isoformat())]

    def observations(self, codes: list[str], indicator: str | None = None, history: bool = False) -> pd.DataFrame:
        """Observations for places in the range (or, with ``history``, everything up to its end)."""
        first = "0001-01-01" if history else self.first.isoformat()
        return queries.observations(self.conn, tuple(codes), first, self.last.isoformat(), indicator)
