"""Eksport: the data of the chosen filters as tables for Danish Excel, with the
same rows the pages show (real over demonstration data), in Danish columns and labels, as CSV and .xlsx."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd

from domain.decisions import kind_label
from domain.export import danish_csv
from domain.filters import Filters
from domain.observations import real_over_demo
from domain.spreadsheet import xlsx
from views.about import DEMO_COLUMN, about_rows, frame_sources
from views.initiatives import board, decision_log
from views.scope import Scope

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNITS = {"count": "antal", "percent": "procent", "score": "score"}

OBSERVATIONS = {"indicator_name": "Indikator", "unit_name": "Enhed", "geo_name": "Sted", "geo_code": "Stedkode",
                "period": "Periode", "period_start": "Periodestart", "value": "Værdi", "numerator": "Tæller",
                "denominator": "Nævner", "source_title": "Kilde", "file": "Fil", "demo": DEMO_COLUMN}
INITIATIVES = {"title": "Indsats", "forum": "Forum", "section_title": "Afsnit", "time": "Tidsangivelse",
               "start": "Start", "end": "Slut", "derived_label": "Status", "why": "Begrundelse",
               "overdue": "Overskredet", "status": "Status i dokumentet", "action": "Næste skridt",
               "n_decisions": "Antal beslutninger", "source_title": "Kilde", "file": "Fil"}
DECISIONS = {"date": "Dato", "forum": "Forum", "number": "Punkt", "title": "Titel", "case_no": "Sagsnummer",
             "summary": "Resumé", "recommendation": "Indstilling", "decision": "Beslutning",
             "decision_kind": "Beslutningstype", "attachments": "Bilag", "place": "Mødested",
             "initiative_title": "Indsats", "source_title": "Kilde", "file": "Fil"}


@dataclass(frozen=True)
class Table:
    name: str
    frame: pd.DataFrame
    file_name: str
    demo: bool
    about: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Download:
    label: str
    data: bytes
    file_name: str
    mime: str


def _whole(column: pd.Series) -> pd.Series:
    """Counts as Python ints (None where missing): written without decimals."""
    return column.map(lambda v: None if pd.isna(v) else int(round(float(v)))).astype(object)


def _dates(column: pd.Series) -> pd.Series:
    days = pd.to_datetime(column, errors="coerce")
    return days.map(lambda d: None if pd.isna(d) else d.date()).astype(object)


def _danish(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    return frame[[c for c in columns if c in frame.columns]].rename(columns=columns).reset_index(drop=True)


def _observations(scope: Scope, obs: pd.DataFrame) -> pd.DataFrame:
    units = obs["indicator"].map(lambda i: scope.catalogue[i].unit if i in scope.catalogue else "")
    values = [None if pd.isna(v) else int(round(v)) if u == "count" else round(float(v), 1)
              for v, u in zip(obs["value"], units)]
    out = obs.assign(
        indicator_name=obs["indicator"].map(lambda i: scope.catalogue[i].name if i in scope.catalogue else i),
        unit_name=units.map(lambda u: UNITS.get(u, u)), period_start=_dates(obs["period_start"]),
        value=pd.Series(values, index=obs.index, dtype=object), numerator=_whole(obs["numerator"]),
        denominator=_whole(obs["denominator"]), geo_code=obs["geo_code"].astype(str),
        demo=obs["is_demo"].map(lambda d: "Ja" if d else "Nej"))
    return _danish(out, OBSERVATIONS)


def tables(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[Table]:
    scope = Scope.of(conn, filters, today)
    slug = f"{scope.code}_{filters.first}_{filters.last}"
    codes = [scope.code, *scope.children(), *scope.members()]
    obs = real_over_demo(scope.observations(list(dict.fromkeys(codes))))
    obs = obs.assign(geo_name=obs["geo_code"].map(scope.names())).drop(columns=["geo_level"])
    initiatives = board(conn, filters, today).initiatives
    initiatives = initiatives.assign(
        start=_dates(initiatives["start"]), end=_dates(initiatives["end"]),
        n_decisions=_whole(initiatives["n_decisions"])) if not initiatives.empty else initiatives
    items = decision_log(conn, filters, today).items
    if not items.empty:
        items = items.assign(decision_kind=items["decision_kind"].map(kind_label), date=_dates(items["date"]),
                             number=_whole(items["number"]))
    demo = bool(not obs.empty and obs["is_demo"].any())
    frames = [("Indikatortal", _observations(scope, obs), "indikatorer", demo),
              ("Indsatser", _danish(initiatives, INITIATIVES), "indsatser", False),
              ("Beslutninger", _danish(items, DECISIONS), "beslutninger", False)]
    return [Table(name, frame, f"{stem}_{slug}.csv", is_demo, about_rows(name, scope.place, scope.period, scope.today, is_demo, frame_sources(frame)))
            for name, frame, stem, is_demo in frames]


def downloads(table: Table) -> list[Download]:
    """The table's files, made now (they are small): CSV for Danish Excel and an Excel workbook."""
    stem = table.file_name.removesuffix(".csv")
    return [Download(f"Hent {table.name.lower()} (CSV)", danish_csv(table.frame), f"{stem}.csv", "text/csv"),
            Download(f"Hent {table.name.lower()} (Excel)", xlsx(table.frame, table.name, table.about),
                     f"{stem}.xlsx", XLSX_MIME)]


def table_downloads(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[tuple[Table, list[Download]]]:
    """Each table with its files, made once per database and filters (through the page's cache), so that a
    rerun of Eksport does not write the spreadsheets again."""
    return [(table, downloads(table) if not table.frame.empty else []) for table in tables(conn, filters, today)]
