"""Datakilder: every loaded file with its provenance, and what was rejected."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd

from domain.formatting import date_short
from loaders.danish import danish
from store import queries

KINDS = {"initiatives": "Overblik over indsatser", "minutes": "Referat", "status_report": "Statusrapport",
         "indicators": "Indikatortabel", "demo": "Eksempeldata"}
STATUS = {"loaded": "Indlæst", "unreadable": "Kunne ikke læses"}


@dataclass(frozen=True)
class Sources:
    files: pd.DataFrame  # Danish columns, one row per file
    rejections: pd.DataFrame  # Fil, Linje, Problem
    accepted: int
    rejected: int
    built: str


def sources(conn: sqlite3.Connection) -> Sources:
    frame = queries.sources(conn)
    known = queries.regions(conn)
    regions = dict(zip(known["code"], known["name"]))
    files = pd.DataFrame({
        "Dokument": frame["title"], "Fil": frame["file"], "Type": frame["kind"].map(lambda k: KINDS.get(k, k or "–")),
        "Region": frame["region"].map(lambda r: regions.get(r, "–") if r else "–"),
        "Status": frame["status"].map(lambda s: STATUS.get(s, s)), "Indlæst": frame["rows_accepted"],
        "Afvist": frame["rows_rejected"], "Problem": frame["message"].map(lambda m: danish(m) if m else ""),
        "SHA-256": frame["sha256"]})
    rejections = queries.rejections(conn).rename(columns={"file": "Fil", "line": "Linje", "reason": "Problem"})
    rejections["Problem"] = rejections["Problem"].map(danish)  # stored in English for the command line
    built_at = queries.build_info(conn).get("built_at")
    built = ""
    if built_at:
        when = dt.datetime.fromisoformat(built_at)
        built = f"Database bygget {date_short(when.date())} kl. {when:%H:%M}"
    return Sources(files, rejections, int(frame["rows_accepted"].sum()), int(frame["rows_rejected"].sum()), built)
