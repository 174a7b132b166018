"""Eksport: the data of the chosen filters as tables for Danish Excel, with the
same rows the pages show (real over demonstration data)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd

from domain.decisions import kind_label
from domain.filters import Filters
from domain.observations import real_over_demo
from views.initiatives import board, decision_log
from views.scope import Scope


@dataclass(frozen=True)
class Table:
    name: str
    frame: pd.DataFrame
    file_name: str
    demo: bool


def tables(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[Table]:
    scope = Scope.of(conn, filters, today)
    slug = f"{scope.code}_{filters.first}_{filters.last}"
    codes = [scope.code, *scope.children(), *scope.members()]
    obs = real_over_demo(scope.observations(list(dict.fromkeys(codes))))
    obs = obs.assign(geo_name=obs["geo_code"].map(scope.names())).drop(columns=["geo_level"])
    initiatives = board(conn, filters, today).initiatives.drop(columns=["source_id", "id"], errors="ignore")
    items = decision_log(conn, filters, today).items
    items = items.assign(decision_kind=items["decision_kind"].map(kind_label)).drop(
        columns=["id", "meeting_id", "case_text"], errors="ignore")
    return [Table("Indikatortal", obs, f"indikatorer_{slug}.csv", bool(not obs.empty and obs["is_demo"].any())),
            Table("Indsatser", initiatives, f"indsatser_{slug}.csv", False),
            Table("Beslutninger", items, f"beslutninger_{slug}.csv", False)]
