"""Overblik: the KPI cards, the initiatives by status, the latest meetings and how new the data is."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from domain.filters import Filters
from domain.formatting import date_short
from store import queries
from views.indicators import Cards, kpi_cards
from views.initiatives import board, decision_log
from views.scope import Scope
from views.telemedicine import telekol


@dataclass(frozen=True)
class Overview:
    cards: Cards
    statuses: list[tuple[str, int]]  # (label, count)
    initiatives: int
    no_initiatives: str
    meetings: list[str]  # "SSG · 12. sep. 2025 · 9 punkter · Viborg", newest first
    no_meetings: str
    freshness: str  # "Nyeste data: … · Database bygget …"
    telemedicine: tuple[str, ...] = ()  # TeleKOL's newest figure against its target, from the minutes


def overview(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Overview:
    scope = Scope.of(conn, filters, today)
    cards = kpi_cards(conn, filters, today)
    initiatives = board(conn, filters, today)
    log = decision_log(conn, filters, today)
    meetings = [f"{m['forum']} · {date_short(dt.date.fromisoformat(m['date'])) if m['date'] else '–'} · "
                f"{m['items']} punkter" + (f" · {m['place']}" if m["place"] else "")
                for m in log.meetings.head(3).to_dict("records")]
    codes = [scope.code, *scope.children(), *scope.members()]
    newest = [d for d in [log.meetings["date"].max() if not log.meetings.empty else None,
                          queries.newest_real_data(conn, codes)] if isinstance(d, str)]
    built_at = queries.build_info(conn).get("built_at")
    built = date_short(dt.datetime.fromisoformat(built_at).date()) if built_at else "–"
    freshness = (f"Nyeste data: {date_short(dt.date.fromisoformat(max(newest)[:10])) if newest else '–'} · "
                 f"Database bygget {built}")
    no_initiatives = "" if initiatives.statuses else (
        f"Ingen indsatser fra {scope.region_name} i {scope.period}. Et overblik over indsatser indlæses af en redaktør på siden Indlæs data.")
    kol = telekol(conn, filters, today)
    return Overview(cards, initiatives.counts(), len(initiatives.initiatives), no_initiatives, meetings,
                    "" if meetings else f"Ingen referater fra {scope.region_name} i {scope.period}.", freshness,
                    tuple(line for line in (kol.progress, kol.target_words) if line))
