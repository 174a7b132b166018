"""Indsatser, Tidslinje and Beslutninger: initiatives with a status that follows
the decisions, the links between agenda items and initiatives, the meetings
and agenda items of the chosen quarters."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd

from domain.decisions import kind_label
from domain.filters import Filters
from domain.formatting import date_short
from domain.initiatives import in_period, with_decisions, with_status
from domain.links import decision_links
from domain.status import STATUSES
from store import queries
from store.memo import kept
from views.scope import Scope


def _initiatives_and_links(scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """All the region's initiatives with their status as of today, the links, and the region's agenda items."""
    # The same for every cluster and range of the region: made once per version, region and day.
    return kept(scope.conn, ("initiatives_and_links", scope.filters.region, scope.today),
                lambda: _made_initiatives_and_links(scope))


def _made_initiatives_and_links(scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    items = scope.of_region(queries.agenda_items(scope.conn))
    initiatives = with_status(scope.of_region(queries.initiatives(scope.conn)))
    links = decision_links(items, initiatives, queries.named_terms(scope.conn))
    return with_decisions(initiatives, links, items, scope.today), links, items


def window(row: dict[str, object]) -> str:
    """``1. jan. 2025 – 30. apr. 2025``, or why there is no window."""
    if not isinstance(row["start"], str):
        return "tidsangivelse mangler" if not row["time"] else "tidsangivelsen kunne ikke tolkes"
    return f"{date_short(dt.date.fromisoformat(row['start']))} – {date_short(dt.date.fromisoformat(str(row['end'])))}"


@dataclass(frozen=True)
class Decision:
    heading: str  # "SSG 12. sep. 2025, punkt 4: Titel"
    kind: str  # Godkendt, Ikke godkendt, ...
    reason: str  # why it is linked
    decision: str


@dataclass(frozen=True)
class Board:
    region: str
    period: str
    initiatives: pd.DataFrame  # in the chosen quarters: key, title, derived, derived_label, why, window, n_decisions ...
    everything: pd.DataFrame  # all the region's initiatives (a card opened by its link may lie outside the range)
    links: pd.DataFrame  # item_id, initiative, reason
    decisions: dict[str, tuple[Decision, ...]]  # initiative key → its linked decisions, newest first
    statuses: tuple[str, ...]  # status keys present, in board order
    empty: str = ""

    def counts(self) -> list[tuple[str, int]]:
        """(label, count) per status present, in board order."""
        counts = self.initiatives["derived"].value_counts()
        return [(STATUSES[k], int(counts[k])) for k in self.statuses]


def board(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Board:
    scope = Scope.of(conn, filters, today)
    everything, links, decisions = kept(conn, ("region_board", filters.region, today), lambda: _region_board(scope))
    shown = in_period(everything, scope.first, scope.last)
    present = tuple(k for k in STATUSES if k in set(shown["derived"]))
    empty = "" if not shown.empty else f"Ingen indsatser fra {scope.region_name} i {scope.period}."
    return Board(scope.region_name, scope.period, shown, everything, links, decisions, present, empty)


def _region_board(scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, tuple[Decision, ...]]]:
    """Every initiative of the region with its window, source and decisions: the same for every cluster and
    range, so made once per version, region and day."""
    everything, links, items = _initiatives_and_links(scope)
    everything = everything.assign(
        window=[window(r) for r in everything.to_dict("records")],
        source=[f"Kilde: {r['source_title']} ({r['file']}" + (f", linje {int(r['line'])}" if pd.notna(r["line"]) else "")
                + ")" for r in everything.to_dict("records")])
    counted = links.groupby("initiative").size()
    everything = everything.assign(n_decisions=everything["key"].map(counted).fillna(0).astype(int))
    by_id = items.set_index("id")
    decisions: dict[str, list[Decision]] = {}
    for link in links.to_dict("records"):
        item = by_id.loc[link["item_id"]]
        day = date_short(dt.date.fromisoformat(item["date"])) if item["date"] else "–"
        decisions.setdefault(str(link["initiative"]), []).append(Decision(
            f"{item['forum']} {day}, punkt {item['number']}: {item['title']}", kind_label(item["decision_kind"]),
            str(link["reason"]), str(item["decision"] or "–")))
    return everything, links, {k: tuple(v) for k, v in decisions.items()}


@dataclass(frozen=True)
class Timeline:
    region: str
    initiatives: pd.DataFrame  # with a window, in the chosen quarters
    unplaced: pd.DataFrame  # Tid, Indsats, Status: without a window that can be read
    meetings: pd.DataFrame  # date, forum in the chosen quarters
    first: dt.date
    last: dt.date
    today: dt.date
    empty: str = ""


def timeline(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Timeline:
    scope = Scope.of(conn, filters, today)
    everything, _, _ = _initiatives_and_links(scope)
    shown = in_period(everything, scope.first, scope.last)
    placed = shown[shown["start"].notna()]
    unplaced = shown[shown["start"].isna()]
    unplaced = pd.DataFrame({"Tid": unplaced["time"].replace("", "(ingen)"), "Indsats": unplaced["title"],
                             "Status": unplaced["derived_label"]})
    meetings = scope.in_range(scope.of_region(queries.meetings(conn)))
    empty = ""
    if shown.empty:
        empty = f"Ingen indsatser fra {scope.region_name} i {scope.period} at vise på tidslinjen."
    elif placed.empty:
        empty = (f"Ingen af de {len(shown)} indsatser fra {scope.region_name} har en tidsangivelse, der kan vises på "
                 "tidslinjen.")
    return Timeline(scope.region_name, placed, unplaced, meetings, scope.first, scope.last, today, empty)


@dataclass(frozen=True)
class DecisionLog:
    region: str
    items: pd.DataFrame  # the agenda items in the chosen quarters, newest first, with initiative and initiative_title
    meetings: pd.DataFrame  # date, forum, place, items
    empty: str = ""


def decision_log(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> DecisionLog:
    scope = Scope.of(conn, filters, today)
    everything, links, items = _initiatives_and_links(scope)
    shown = scope.in_range(items)
    titles = dict(zip(everything["key"], everything["title"]))
    linked = links.groupby("item_id")["initiative"].agg(list)

    def related(keys: list[str]) -> str | None:
        if len(keys) > 3:
            return f"{len(keys)} indsatser"
        return " · ".join(titles[k] for k in keys) or None

    shown = shown.assign(
        initiative=[linked[i][0] if i in linked.index else None for i in shown["id"]],
        initiative_title=[related(linked[i]) if i in linked.index else None for i in shown["id"]],
    )
    meetings = scope.in_range(scope.of_region(queries.meetings(conn)))
    empty = "" if not shown.empty else f"Ingen referater fra {scope.region_name} i {scope.period}."
    return DecisionLog(scope.region_name, shown, meetings, empty)
