"""Datakilder: every loaded file with its provenance, and what was rejected."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd

from domain.formatting import date_short, number, period_label
from domain.periods import quarter_of
from loaders.danish import danish
from store import queries

KINDS = {"initiatives": "Overblik over indsatser", "minutes": "Referat", "status_report": "Statusrapport",
         "indicators": "Indikatortabel", "demo": "Eksempeldata"}
STATUS = {"loaded": "Indlæst", "unreadable": "Kunne ikke læses"}


@dataclass(frozen=True)
class Sources:
    files: pd.DataFrame  # Danish columns, one row per file
    rejections: pd.DataFrame  # Fil, Problem, Rækker, Linjer: one row per file and reason (group_rejections)
    accepted: int
    rejected: int
    built: str
    period_rule: str  # how the data, not the calendar, sets the range the filters offer


def period_rule(newest: dt.date | None) -> str:
    """The rule of domain.filters.default_range and store.derived.last_demo_month, in words."""
    if newest is None:
        return "Der er ingen dateret kilde endnu: perioden kan ikke følge data."
    return (f"Perioden følger data, ikke kalenderen: den nyeste kilde er fra {date_short(newest)}, så standardvalget "
            f"slutter med {period_label(quarter_of(newest))} (dog højst det seneste afsluttede kvartal) og viser de "
            "8 kvartaler til og med det. Eksempeldata laves aldrig for en måned efter den nyeste kilde, og "
            "kvartalslisterne rummer kun hele, afsluttede kvartaler.")


GROUPED = ["Fil", "Problem", "Rækker", "Linjer"]


def _lines(lines: list[object], shown: int) -> str:
    """The first ``shown`` line numbers, Danish style (``4, 9, 1.017 …``); ``–`` when no row names a line."""
    known = [int(line) for line in lines if isinstance(line, int | float) and line == line]  # NaN ≠ NaN
    if not known:
        return "–"
    return ", ".join(number(line) for line in known[:shown]) + (" …" if len(known) > shown else "")


def group_rejections(rows: pd.DataFrame, shown: int = 5) -> pd.DataFrame:
    """Rejected rows (Fil, Linje, Problem: the reason already in Danish) as one row per file and reason: the
    number of rows and their first line numbers, in the order the reasons first occur in each file."""
    if rows.empty:
        return pd.DataFrame({column: [] for column in GROUPED})
    ordered = rows.assign(_order=range(len(rows)))
    out = []
    for (file, problem), group in ordered.groupby(["Fil", "Problem"], sort=False, dropna=False):
        lines = sorted(group["Linje"].dropna().tolist())
        out.append({"Fil": file, "Problem": problem, "Rækker": len(group), "Linjer": _lines(lines, shown),
                    "_order": group["_order"].min()})
    frame = pd.DataFrame(out)
    files = {file: i for i, file in enumerate(dict.fromkeys(rows["Fil"]))}
    frame = frame.sort_values(by=["Fil", "_order"], key=lambda c: c.map(files) if c.name == "Fil" else c)
    return frame[GROUPED].reset_index(drop=True)


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
    rejections = group_rejections(rejections)
    built_at = queries.build_info(conn).get("built_at")
    built = ""
    if built_at:
        when = dt.datetime.fromisoformat(built_at)
        built = f"Database bygget {date_short(when.date())} kl. {when:%H:%M}"
    return Sources(files, rejections, int(frame["rows_accepted"].sum()), int(frame["rows_rejected"].sum()), built,
                   period_rule(queries.newest_source_day(conn)))
