"""Siden sidste møde and the Mødebrief: what changed between a forum's previous meeting and a chosen one,
and the brief for that meeting (initiatives due, KPIs, changes). The page, Overblik, the brief deck and
the Word brief all read these answers.

Two states are compared (domain.changes). The earlier one is read from the data version that was current
on the day of the previous meeting when the version store has one (``then_db``), so "what did we know on
12 Sep 2025" is answered from what was loaded then; without one, from today's data cut at that day."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from domain.changes import (
    SETTLED,
    Change,
    IndicatorState,
    Loaded,
    data_changes,
    decision_changes,
    due_changes,
    indicator_changes,
    status_moves,
)
from domain.filters import Filters, default_range
from domain.formatting import date_long, date_short, period_label, quarter_label, value_with_unit
from domain.forums import forum_code, forum_name
from domain.kpi import rule_window, year_before
from domain.observations import monthly
from domain.trends import anhoj
from store import queries
from store.memo import kept
from views.indicators import Cards, kpi_cards
from views.initiatives import board
from views.scope import Scope

WITHOUT_PREVIOUS_DAYS = 91  # a forum's first loaded meeting is compared with the quarter before it
SECTIONS = (("status", "Indsatser der har skiftet status"), ("due", "Forfaldne og overskredne indsatser"),
            ("decisions", "Nye og ændrede beslutninger"), ("indicators", "Indikatorer"),
            ("data", "Data indlæst siden"))


@dataclass(frozen=True)
class Meeting:
    forum: str  # code: SSG, SSU, SDK …
    day: dt.date
    place: str = ""


def meetings(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[Meeting]:
    """The region's meetings from the loaded minutes, newest first."""
    return kept(conn, ("meetings", filters.region), lambda: _region_meetings(conn, filters, today))


def _region_meetings(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[Meeting]:
    scope = Scope.of(conn, filters, today)
    rows = scope.of_region(queries.meetings(conn))
    out = []
    for m in rows.to_dict("records"):
        code = forum_code(m["forum"]) or str(m["forum"] or "")
        if code and isinstance(m["date"], str) and m["date"]:
            out.append(Meeting(code, dt.date.fromisoformat(m["date"][:10]), str(m["place"] or "")))
    return sorted(set(out), key=lambda m: (m.day, m.forum), reverse=True)


def fora(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> dict[str, str]:
    """The region's fora (code → name): those with loaded minutes or initiatives, meetings first."""
    codes = [m.forum for m in meetings(conn, filters, today)]
    scope = Scope.of(conn, filters, today)
    codes += [c for f in scope.of_region(queries.initiatives(conn))["forum"] if (c := forum_code(f))]
    return {code: forum_name(code) for code in dict.fromkeys(codes)}


def previous_meeting(known: list[Meeting], forum: str, day: dt.date) -> Meeting | None:
    earlier = [m for m in known if m.forum == forum and m.day < day]
    return max(earlier, key=lambda m: m.day) if earlier else None


def compared_since(known: list[Meeting], forum: str, day: dt.date) -> dt.date:
    """The day the changes before a meeting on ``day`` are counted from: the forum's previous meeting, else the
    quarter before (WITHOUT_PREVIOUS_DAYS). The version store answers what was known on this day."""
    previous = previous_meeting(known, forum, day)
    return previous.day if previous else day - dt.timedelta(days=WITHOUT_PREVIOUS_DAYS)


def _at(filters: Filters, conn: sqlite3.Connection, day: dt.date) -> Filters:
    """The filters with the KPIs judged at the last whole quarter before ``day`` (what was known then)."""
    quarters = queries.choices(conn, day).quarters
    return replace(filters, last=default_range(quarters, day)[1]) if quarters else filters


def _states(conn: sqlite3.Connection, filters: Filters, day: dt.date) -> list[IndicatorState]:
    # Like the cards they come from: the place and the last quarter, not the first.
    return kept(conn, ("states", filters.region, filters.cluster, filters.first, filters.last, day),
                lambda: _made_states(conn, filters, day))


def _made_states(conn: sqlite3.Connection, filters: Filters, day: dt.date) -> list[IndicatorState]:
    scope = Scope.of(conn, filters, day)
    cards = kpi_cards(conn, filters, day)
    states = []
    for card in cards.cards:
        ind, k = card.indicator, card.kpi
        signal = None
        if k is not None and k.judged_at:
            obs = scope.observations([scope.code], ind.id, history=True)
            result = anhoj(rule_window(monthly(obs), ind.unit, k.judged_at))
            signal = result.signal if result is not None and result.assessable else None
        states.append(IndicatorState(
            ind.id, ind.short_name, k.value if k else None, card.value, card.period, card.arrow, card.direction,
            signal, bool(k and k.is_demo), k.previous if k else None,
            value_with_unit(k.previous, ind.unit) if k and k.previous is not None else "",
            period_label(year_before(k.period)) if k else ""))
    return states


def _forum_initiatives(frame: pd.DataFrame, forum: str) -> pd.DataFrame:
    if frame.empty:
        return frame
    return frame[[forum_code(f) == forum for f in frame["forum"]]]


def _items(conn: sqlite3.Connection, scope: Scope, until: dt.date) -> pd.DataFrame:
    items = scope.of_region(queries.agenda_items(conn))
    items = items.assign(forum=[forum_code(f) or f for f in items["forum"]])
    return items[items["date"].fillna("") <= until.isoformat()]


@dataclass(frozen=True)
class SinceLast:
    forum: str
    forum_name: str
    meeting: dt.date
    previous: dt.date | None
    since: dt.date
    until: dt.date
    basis: str  # which data each side was read from, in words
    sections: tuple[tuple[str, tuple[Change, ...]], ...]  # (heading, lines); every section, empty ones too

    @property
    def heading(self) -> str:
        since = f"mødet {date_short(self.previous)}" if self.previous else date_short(self.since)
        return f"{self.forum_name}: siden {since} til {date_short(self.until)}"

    @property
    def count(self) -> int:
        return sum(len(lines) for _, lines in self.sections)


def since_last(conn: sqlite3.Connection, filters: Filters, today: dt.date, forum: str, meeting: str,
               then_db: str = "", then_label: str = "", loaded: tuple[Loaded, ...] = (),
               threshold: float = 5.0) -> SinceLast:
    """What changed for ``forum`` between its meeting before ``meeting`` (ISO date) and that meeting (or today,
    when the meeting lies ahead). ``then_db`` is the version current at the previous meeting ("" when none
    existed: today's data is cut at that day); ``loaded`` the files each version brought."""
    day = dt.date.fromisoformat(meeting)
    scope = Scope.of(conn, filters, today)
    known = meetings(conn, filters, today)
    previous, since = previous_meeting(known, forum, day), compared_since(known, forum, day)
    until = min(day, today)
    # The earlier version's file never changes either: the process keeps it open, and its reads (queries.HISTORY).
    then = queries.HISTORY.of_file(Path(then_db)) if then_db else conn
    then_scope = Scope.of(then, filters, since)
    before = _forum_initiatives(board(then, filters, since).everything, forum)
    after = _forum_initiatives(board(conn, filters, until).everything, forum)
    items_before, items_after = _items(then, then_scope, since), _items(conn, scope, until)
    cards_before = _states(then, _at(filters, then, since), since)
    cards_after = _states(conn, _at(filters, conn, until), until)
    sections = {
        "status": status_moves(before, after, items_after, since, until),
        "due": due_changes(before, after, since, until),
        "decisions": decision_changes(items_before, items_after, since, until),
        "indicators": indicator_changes(cards_before, cards_after, threshold),
        "data": data_changes(loaded, since, until),
    }
    earlier = (f"data som de var {date_short(since)} ({then_label})" if then_db else
               f"dagens data, som de så ud {date_short(since)} (ingen dataversion fra dengang)")
    basis = (f"Sammenligner {earlier} med data kendt {date_short(until)}. Nøgletal vurderes ved sidste hele kvartal "
             f"før hver dato; en værdi nævnes, når den har flyttet sig mere end "
             f"{str(threshold).replace('.', ',').removesuffix(',0')} %.")
    if previous is None:
        basis = (f"Ingen tidligere møder i {forum_name(forum)} i de indlæste referater: viser de sidste "
                 f"{WITHOUT_PREVIOUS_DAYS} dage før mødet. " + basis)
    return SinceLast(forum, forum_name(forum), day, previous.day if previous else None, since, until, basis,
                     tuple((title, tuple(sections[key])) for key, title in SECTIONS))


@dataclass(frozen=True)
class DueItem:
    key: str
    title: str
    time: str
    window: str
    status: str  # the derived status label
    why: str
    decisions: tuple[str, ...]  # "SSG 12. sep. 2025, punkt 4: Titel – Godkendt"
    action: str  # Forslag til handling
    overdue: bool
    end: str  # ISO date the window ends


@dataclass(frozen=True)
class Brief:
    forum: str
    forum_name: str
    meeting: dt.date
    place: str
    region: str
    due: tuple[DueItem, ...]
    cards: Cards
    kpi_last: str  # the quarter the KPIs are judged at (2025-Q3): the last whole one before the meeting
    changes: SinceLast

    @property
    def kpi_quarter(self) -> str:
        return quarter_label(self.kpi_last)

    @property
    def title(self) -> str:
        return f"Mødebrief: {self.forum_name} {date_long(self.meeting)}"

    @property
    def no_due(self) -> str:
        return "" if self.due else (f"Ingen indsatser for {self.forum_name} forfalder til og med "
                                    f"{date_short(self.meeting)}.")


def brief(conn: sqlite3.Connection, filters: Filters, today: dt.date, forum: str, meeting: str,
          then_db: str = "", then_label: str = "", loaded: tuple[Loaded, ...] = (), threshold: float = 5.0) -> Brief:
    """The brief for one meeting: the forum's initiatives not yet settled whose window ends at or before the
    meeting, with their status, why, decisions so far and the proposed action; the KPIs; the changes."""
    day = dt.date.fromisoformat(meeting)
    until = min(day, today)
    changes = since_last(conn, filters, today, forum, meeting, then_db, then_label, loaded, threshold)
    answer = board(conn, filters, until)
    mine = _forum_initiatives(answer.everything, forum)
    due = []
    for row in mine.to_dict("records"):
        end = row["end"] if isinstance(row["end"], str) else ""
        if row["derived"] in SETTLED or not end or dt.date.fromisoformat(end) > day:
            continue
        decisions = tuple(f"{d.heading} – {d.kind}" for d in answer.decisions.get(str(row["key"]), ()))
        due.append(DueItem(str(row["key"]), str(row["title"]), str(row["time"] or ""), str(row["window"]),
                           str(row["derived_label"]), str(row["why"] or ""), decisions, str(row["action"] or ""),
                           bool(row["overdue"]), end))
    due.sort(key=lambda d: (not d.overdue, d.end, d.title))
    at = _at(filters, conn, until)
    place = next((m.place for m in meetings(conn, filters, today) if m.forum == forum and m.day == day), "")
    return Brief(forum, forum_name(forum), day, place, Scope.of(conn, filters, today).place, tuple(due),
                 kpi_cards(conn, at, until), at.last, changes)
