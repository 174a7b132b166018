"""Telemedicin: TeleKOL against its target, TeleHjerte's expected course, the
1-1-2 trial, and the agenda items about each, all within the chosen quarters."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace
from typing import cast

import pandas as pd

from domain.aggregate import by_period
from domain.decisions import kind_label
from domain.filters import Filters
from domain.formatting import date_short, month_year, number, percent
from domain.forums import forum_code
from domain.observations import monthly
from store import queries
from views.indicators import target_for
from views.scope import Scope

POINT_COLUMNS = ["period", "value", "source_title"]


def _statements(scope: Scope, plans: bool = False) -> pd.DataFrame:
    """The figures read from the region's minutes that were stated by the end of the chosen quarters (with
    ``plans``, also later ones: a plan's date is not a measurement), oldest first."""
    facts = scope.of_region(queries.facts(scope.conn))
    keep = (facts["stated"].fillna("") <= scope.last.isoformat()) | plans
    return facts[keep].sort_values(["stated", "line"], kind="stable")


def _facts(scope: Scope, plans: bool = False, place: str | None = None) -> dict[str, dict[str, object]]:
    """Each measure's newest statement for ``place`` (default: the region), with ``history``: the older
    statements that said something else, newest first."""
    facts = _statements(scope, plans)
    own = place or scope.filters.region
    # A figure from minutes about no region in particular is every region's, as such minutes are (of_region).
    facts = facts[(facts["place"] == own) | (facts["place"].isna() & (own == scope.filters.region))]
    out: dict[str, dict[str, object]] = {}
    for measure, rows in facts.groupby("measure", sort=False):
        # NaN (pandas' missing number) as None: two missing values are the same statement
        records = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
                   for r in rows.to_dict("records")]
        # A value's newest is the one for the latest day (a correction of July does not outdate November);
        # a target or a date's newest is the latest said.
        records.sort(key=lambda r: (str(r["date"] or "") if r["value"] is not None else "", str(r["stated"]),
                                    int(r["line"] or 0)))
        newest = records[-1]
        said = (newest["value"], newest["date"], newest["deadline"])
        history = [r for r in reversed(records[:-1]) if (r["value"], r["date"], r["deadline"]) != said]
        out[str(measure)] = newest | {"history": history}
    return out


def _where(fact: dict[str, object]) -> str:
    """Who said a figure and when: "SSG 5. dec. 2025"."""
    forum = forum_code(str(fact.get("forum") or "")) or str(fact.get("forum") or "")
    stated = str(fact.get("stated") or "")
    return " ".join(filter(None, [forum, date_short(_day(stated)) if stated else ""]))


def target_words(fact: dict[str, object]) -> str:
    """"Mål: 450 ved udgangen af 2026 (SSG 5. dec. 2025); tidligere 1.250"."""
    deadline = str(fact.get("deadline") or "")
    older = cast(list[dict[str, object]], fact.get("history") or [])
    history = list(dict.fromkeys(number(float(str(h["value"]))) for h in older
                                 if h["value"] is not None and float(str(h["value"])) != float(str(fact["value"]))))
    return (f"Mål: {number(float(str(fact['value'])))}" + (f" ved udgangen af {deadline[:4]}" if deadline else "")
            + f" ({_where(fact)})" + (f"; tidligere {', '.join(history)}" if history else ""))


def _day(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Item:
    heading: str
    decision: str
    case_text: str
    source: str


def related_items(scope: Scope, word: str) -> tuple[list[Item], str]:
    """Agenda items in the chosen quarters whose title or case text names ``word``; or why there are none."""
    items = scope.in_range(scope.of_region(queries.agenda_items(scope.conn)))
    found = items[items["title"].str.contains(word, case=False, regex=False)
                  | items["case_text"].fillna("").str.contains(word, case=False, regex=False)]
    out = [Item(f"{r['forum']} {date_short(_day(r['date'])) if r['date'] else '–'} · punkt {r['number']}: "
                f"{r['title']} · {kind_label(r['decision_kind'])}", r["decision"] or "–", r["case_text"] or "–",
                f"Kilde: {r['source_title']} ({r['file']})") for r in found.to_dict("records")]
    return out, "" if out else f"Ingen dagsordenspunkter om {word} i de indlæste referater i {scope.period}."


@dataclass(frozen=True)
class Telekol:
    place: str
    title: str
    series: pd.DataFrame  # period, value, is_demo: the place's stock on the first of each month
    clusters: pd.DataFrame  # period, value, geo_name (for a region)
    target: float | None  # the line; None for a cluster (the target is the region's)
    target_words: str
    points: pd.DataFrame  # POINT_COLUMNS: the sources' own figures in the chosen quarters
    progress: str
    caption: str
    demo: bool
    sources: tuple[str, ...]
    empty: str = ""
    items: tuple[Item, ...] = ()
    no_items: str = ""


def telekol(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Telekol:
    scope = Scope.of(conn, filters, today)
    ind = scope.catalogue["telekol_included"]
    facts = _facts(scope)
    items, no_items = related_items(scope, "TeleKOL")
    fact_target = facts.get("telekol_target")
    own_target = float(str(fact_target["value"])) if fact_target else ind.target
    ind = replace(ind, target=own_target)  # the minutes' newest target wins over the catalogue's
    target, said = target_for(ind, scope)
    if fact_target is not None and target is not None:
        said = target_words(fact_target)
    codes = [scope.code, *(scope.children() if not scope.filters.cluster else {})]
    obs = monthly(scope.observations(codes, ind.id))
    names = scope.names()
    parts = {code: by_period(rows, "count", "month", stock=True) for code, rows in obs.groupby("geo_code")}
    series = parts.get(scope.code, pd.DataFrame(columns=["period", "value", "is_demo"]))
    clusters = pd.concat([p.assign(geo_name=names[c]) for c, p in parts.items() if c != scope.code]
                         or [pd.DataFrame(columns=["period", "value", "is_demo", "geo_name"])], ignore_index=True)
    point = facts.get("telekol_included")
    # The minutes' own figures for the place shown, in the chosen quarters: the newest statement a month.
    stated = _statements(scope)
    stated = stated[(stated["measure"] == "telekol_included") & (stated["place"] == scope.code)
                    & (stated["date"].fillna("") >= scope.first.isoformat())
                    & (stated["date"].fillna("9") <= scope.last.isoformat())]
    points = pd.DataFrame([{"period": str(r["date"])[:7], "value": r["value"], "source_title": r["source_title"]}
                           for r in stated.to_dict("records")], columns=POINT_COLUMNS)
    points = points.drop_duplicates("period", keep="last").sort_values("period").reset_index(drop=True)
    title = f"Borgere inkluderet i TeleKOL · {scope.place}"
    if series.empty and point is None:
        return Telekol(scope.place, title, series, clusters, target, said, points, "", "", False, (),
                       f"Ingen inklusionstal for TeleKOL i {scope.place} til og med {scope.period}.", tuple(items),
                       no_items)
    demo = bool(series["is_demo"].astype(bool).any()) if not series.empty else False
    progress, caption = "", ""
    start = facts.get("telekol_start")
    if point is not None and own_target:
        value = float(str(point["value"]))
        scope_words = f"I hele {scope.region_name}: p" if scope.filters.cluster else "P"
        progress = (f"{scope_words}r. {date_short(_day(point['date']))} var ca. {number(value)} af {number(own_target)} "
                    f"borgere inkluderet ({percent(100 * value / own_target, 0)} af måltallet); der mangler ca. "
                    f"{number(own_target - value)}."
                    + (f" Implementeringen startede i {month_year(_day(start['date']))}." if start else ""))
        caption = f"Kilde: {point['source_title']}, linje {point['line']}: »{point['quote']}«" + (
            f" Måltallet: {fact_target['source_title']}, linje {fact_target['line']}: »{fact_target['quote']}«"
            if fact_target is not None else "")
    sources = tuple(dict.fromkeys([*obs.loc[obs["geo_code"] == scope.code, "source_title"],
                                   *([str(point["source_title"])] if point else [])]))
    return Telekol(scope.place, title, series, clusters, target, said, points, progress, caption, demo,
                   sources, "", tuple(items), no_items)


@dataclass(frozen=True)
class Telehjerte:
    title: str
    pilot_start: dt.date | None
    per_year: float | None
    counts: pd.DataFrame  # period, value: real inclusion counts at the place
    last: dt.date
    caption: str
    sources: tuple[str, ...]
    empty: str = ""
    items: tuple[Item, ...] = ()
    no_items: str = ""

    def expected(self) -> tuple[list[str], list[float]]:
        """Months from the pilot on and the citizens expected by then at the yearly pace."""
        if not (self.pilot_start and self.per_year):
            return [], []
        days = pd.date_range(self.pilot_start, max(self.last, self.pilot_start + dt.timedelta(days=365)), freq="MS")
        return [f"{d:%Y-%m}" for d in days], [self.per_year * (d.date() - self.pilot_start).days / 365.25 for d in days]


def telehjerte(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Telehjerte:
    scope = Scope.of(conn, filters, today)
    facts = _facts(scope, plans=True)
    pilot, per_year = facts.get("telehjerte_pilot"), facts.get("telehjerte_per_year")
    counts = by_period(monthly(scope.observations([scope.code], "telehjerte_included")), "count", "month", stock=True)
    items, no_items = related_items(scope, "TeleHjerte")
    title = "TeleHjerte: forventet forløb fra piloten"
    if pilot is None and per_year is None and counts.empty:
        return Telehjerte(title, None, None, counts, scope.last, "", (),
                          f"Ingen oplysninger om TeleHjerte for {scope.region_name} til og med {scope.period}.",
                          tuple(items), no_items)
    sources = tuple(sorted({str(f["source_title"]) for f in (pilot, per_year) if f is not None}))
    caption = ("Ingen inklusionstal endnu; de vises her, når de indlæses. " if counts.empty else "") + \
        "Kilde: " + "; ".join(sources)
    return Telehjerte(title, _day(pilot["date"]) if pilot else None,
                      float(str(per_year["value"])) if per_year else None, counts, scope.last, caption, sources, "",
                      tuple(items), no_items)


@dataclass(frozen=True)
class Trial:
    figures: tuple[tuple[str, str], ...]  # (label, shown value)
    caption: str
    empty: str = ""
    items: tuple[Item, ...] = ()
    no_items: str = ""


TRIAL_FACTS = ("trial_112_calls", "trial_112_own_gp", "trial_112_admitted", "trial_112_on_site", "trial_112_failed",
               "trial_112_budget")


def trial_112(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Trial:
    scope = Scope.of(conn, filters, today)
    facts = _facts(scope)
    items, no_items = related_items(scope, "1-1-2")
    found = [facts[k] for k in TRIAL_FACTS if k in facts]
    if not found:
        return Trial((), "", f"Ingen tal fra prøvehandlingen for {scope.region_name} til og med {scope.period}.",
                     tuple(items), no_items)
    def shown(f: dict[str, object]) -> str:
        value = float(str(f["value"]))
        return percent(value, 0) if f["unit"] == "percent" else f"{number(value)} kr." if f["unit"] == "kr" else number(value)
    end = _facts(scope, plans=True).get("trial_112_end")  # its date is the plan's end, not a measurement
    caption = (f"Prøvehandlingen er forlænget til {date_short(_day(end['date']))}. " if end else "") + \
        f"Kilde: {found[0]['source_title']}"
    def label(f: dict[str, object]) -> str:  # a count up to a month's end says so: "(til og med juni 2025)"
        day = _day(f["date"]) if f.get("date") else None
        upto = day is not None and str(f["date"]) != str(f["stated"]) and (day + dt.timedelta(days=1)).day == 1
        return f"{f['label']} (til og med {month_year(day)})" if upto and day else str(f["label"])
    return Trial(tuple((label(f), shown(f)) for f in found), caption, "", tuple(items), no_items)
