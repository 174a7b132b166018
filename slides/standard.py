"""The standard deck's slides for a set of filters. Every slide is drawn from
the application layer's answer for the same filters (views/), the very object
the page renders, so a page and its slide cannot disagree."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import plotly.graph_objects as go

from charts.indicators import run_chart
from domain.decisions import kind_label
from domain.filters import Filters
from domain.formatting import date_short, period_label, quarter_label, value_with_unit
from domain.periods import is_quarter, quarter_of, quarters_back
from slides.spec import Bar, Series, SlideSpec
from store import queries
from views.indicators import Card, IndicatorView, indicator_places, indicator_view, kpi_cards
from views.initiatives import board, decision_log, timeline
from views.scope import Scope
from views.telemedicine import telehjerte, telekol

STANDARD = (  # the standard deck: (key, what it is called in the app)
    ("kpis", "Nøgletal"), ("indicators", "Én side pr. nøgletal"), ("telekol", "TeleKOL mod måltal"),
    ("board", "Indsatser efter status"), ("timeline", "Tidslinje"), ("decisions", "Seneste beslutninger"),
)
KEYS = tuple(key for key, _ in STANDARD)


def _years(first: dt.date, last: dt.date) -> str:
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def _loaded(conn: sqlite3.Connection) -> str:
    built = queries.build_info(conn).get("built_at")
    return f"Data indlæst {date_short(dt.datetime.fromisoformat(built).date())}" if built else ""


def _data_quarter(cards: list[Card], filters: Filters, today: dt.date) -> str:
    """The last whole quarter with data among the cards (never the unfinished quarter today is in, nor a chosen
    quarter that has no data yet)."""
    whole = quarters_back(quarter_of(today), 2)[0]
    shown = [c.kpi.period for c in cards if c.kpi and is_quarter(c.kpi.period) and c.kpi.period <= filters.last]
    return min(max(shown, default=filters.last), whole)


def kpi_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> SlideSpec:
    answer = kpi_cards(conn, filters, today)
    scope = Scope.of(conn, filters, today)
    rows = tuple((c.indicator.short_name, c.period, c.value, c.change or "–", c.arrow or "–",
                  c.target.removeprefix("Mål ") or "–",
                  c.basis) if c.kpi else (c.indicator.short_name, "–", "–", "–", "–", "–", c.reason)
                 for c in answer.cards)
    sources = tuple(dict.fromkeys(s for c in answer.cards for s in c.sources))
    return SlideSpec("kpis", f"Nøgletal for {scope.place}", "table", scope.context, sources,
                     f"Data til og med {quarter_label(_data_quarter(answer.cards, filters, today))}", answer.demo,
                     columns=("Indikator", "Periode", "Værdi", "Ændring", "Udvikling", "Mål", "Grundlag"),
                     rows=rows, notes=answer.rule + " " + answer.basis)


def _marks(figure: go.Figure) -> dict[str, go.Scatter]:
    """The run chart's median, target and signal traces by role, read from the figure the Indikatorer page draws
    (charts.indicators.run_chart), so the slide's legend uses the screen's words and cannot drift from them."""
    found: dict[str, go.Scatter] = {}
    for trace in figure.data[1:]:
        dash = trace.line.dash if trace.line else None
        if trace.mode == "markers":
            found.setdefault("signal", trace)  # the only marker trace, since no source points are passed
        elif dash == "dot":
            found.setdefault("median", trace)
        elif dash == "dash":
            found.setdefault("target", trace)
    return found


def _line(view: IndicatorView, name: str, values: pd.DataFrame) -> tuple[Series, ...]:
    """The series as on the screen's run chart: the values, the median and the target as constant lines, and the
    points that signal (None at every other period)."""
    unit = view.indicator.unit
    series = [Series(name, tuple(round(float(v), 2) if pd.notna(v) else None for v in values["value"]))]
    figure = run_chart(values, view.title, unit, view.median, view.target, view.signals,
                       pd.DataFrame(columns=["period", "value", "source_title"]), view.demo, view.median_name)
    marks = _marks(figure)
    for role in ("median", "target"):
        if role in marks:
            level = round(float(marks[role].y[0]), 2)
            series.append(Series(str(marks[role].name), tuple(level for _ in values["value"]), role))
    if "signal" in marks:
        at = dict(zip(marks["signal"].x, marks["signal"].y))
        series.append(Series(str(marks["signal"].name),
                             tuple(round(float(at[label]), 2) if label in at else None
                                   for label in (period_label(p) for p in values["period"])), "signal"))
    return tuple(series)


def indicator_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date, indicator: str) -> SlideSpec | None:
    view = indicator_view(conn, filters, today, indicator)
    scope = Scope.of(conn, filters, today)
    ind, name = view.indicator, scope.place_name
    notes = " ".join(filter(None, [view.arrow_words, view.runs_words, view.target_words, view.progress,
                                   *[g.reason + "." for g in view.gaps]]))
    if view.series.empty:
        snaps = view.snapshots.sort_values("period_start")
        if snaps.empty:
            return None
        series = [Series(name, tuple(float(v) for v in snaps["value"]))]
        if view.target is not None:
            series.append(Series(f"Mål {value_with_unit(view.target, ind.unit)}", tuple(view.target for _ in snaps["value"]),
                                 "target"))
        return SlideSpec(f"indicator:{indicator}", f"{ind.short_name} i {name}", "column", scope.context,
                         view.sources, f"Data til og med {period_label(str(snaps['period'].iloc[-1]))}", False,
                         ind.unit, tuple(period_label(p) for p in snaps["period"]), tuple(series), notes=notes)
    return SlideSpec(f"indicator:{indicator}", f"{ind.short_name} i {name}, {_years(scope.first, scope.last)}",
                     "line", scope.context, view.sources,
                     f"Data til og med {period_label(str(view.series['period'].iloc[-1]))}", view.demo, ind.unit,
                     tuple(period_label(p) for p in view.series["period"]), _line(view, name, view.series), notes=notes)


def compare_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date, indicator: str) -> SlideSpec | None:
    """The indicator for each cluster of the region (or each municipality of the cluster), one line each."""
    view = indicator_places(conn, filters, today, indicator)
    scope = Scope.of(conn, filters, today)
    frame = view.compare
    if frame.empty:
        return None
    periods = sorted(set(frame["period"]))
    series = []
    for name, rows in frame.groupby("geo_name", sort=True):
        values = rows.set_index("period")["value"]
        series.append(Series(str(name), tuple(round(float(values[p]), 2) if p in values.index and pd.notna(values[p])
                                              else None for p in periods)))
    return SlideSpec(f"compare:{indicator}", f"{view.title}, {_years(scope.first, scope.last)}", "line",
                     scope.context, view.sources, f"Data til og med {period_label(periods[-1])}",
                     view.demo, scope.catalogue[indicator].unit,
                     tuple(period_label(p) for p in periods), tuple(series))


def telehjerte_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> SlideSpec | None:
    """TeleHjerte's expected course from the pilot (ca. 500 a year), and counts when there are any."""
    view = telehjerte(conn, filters, today)
    months, expected = view.expected()
    if not months or view.per_year is None:
        return None
    scope = Scope.of(conn, filters, today)
    return SlideSpec("telehjerte", f"{view.title} i {scope.region_name}", "line", scope.context, view.sources,
                     _loaded(conn), False, "count", tuple(period_label(m) for m in months),
                     (Series(f"Forventet, ca. {value_with_unit(view.per_year, 'count')} om året",
                             tuple(float(round(v)) for v in expected)),), notes=view.caption)


def telekol_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> SlideSpec | None:
    view = telekol(conn, filters, today)
    if view.series.empty:
        return None
    scope = Scope.of(conn, filters, today)
    series = [Series("Inkluderede borgere", tuple(float(v) for v in view.series["value"]))]
    if view.target is not None:
        series.append(Series(f"Måltal {value_with_unit(view.target, 'count')}",
                             tuple(float(view.target) for _ in view.series["value"]), "target"))
    title = f"Borgere inkluderet i TeleKOL i {scope.place_name}" + (" mod måltallet" if view.target else "")
    return SlideSpec("telekol", title, "line", scope.context, view.sources,
                     f"Data til og med {period_label(str(view.series['period'].iloc[-1]))}", view.demo, "count",
                     tuple(period_label(p) for p in view.series["period"]), tuple(series),
                     notes=" ".join(filter(None, [view.progress, view.target_words])))


def board_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> SlideSpec | None:
    view = board(conn, filters, today)
    if view.initiatives.empty:
        return None
    counts = view.counts()
    scope = Scope.of(conn, filters, today)
    return SlideSpec("board", f"Indsatser i {view.region} efter status", "bar", scope.context,
                     tuple(dict.fromkeys(view.initiatives["source_title"])), _loaded(conn), False, "count",
                     tuple(label for label, _ in counts), (Series("Indsatser", tuple(float(n) for _, n in counts)),))


def timeline_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> SlideSpec | None:
    view = timeline(conn, filters, today)
    frame = view.initiatives.sort_values(["forum", "start"])
    if frame.empty:
        return None
    scope = Scope.of(conn, filters, today)
    meetings = view.meetings.dropna(subset=["date"]).sort_values("date")
    lo = max(view.first.isoformat(), min(frame["start"]))
    hi = min(view.last.isoformat(), max(max(frame["end"]), today.isoformat()))
    return SlideSpec("timeline", f"Indsatsernes tidsvinduer i {view.region}", "gantt", scope.context,
                     tuple(dict.fromkeys(frame["source_title"])), _loaded(conn), False,
                     bars=tuple(Bar(r["title"], r["start"], r["end"], r["derived"], r["derived_label"])
                                for r in frame.to_dict("records")),
                     milestones=tuple((d, f"{f} {date_short(dt.date.fromisoformat(d))}")
                                      for d, f in zip(meetings["date"], meetings["forum"]))
                     + ((today.isoformat(), "I dag"),), window=(lo, hi))


def _short(text: str, n: int = 75) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + " …"


def decisions_slide(conn: sqlite3.Connection, filters: Filters, today: dt.date, limit: int = 6) -> SlideSpec | None:
    view = decision_log(conn, filters, today)
    items = view.items.head(limit)
    if items.empty:
        return None
    scope = Scope.of(conn, filters, today)
    rows = tuple((date_short(dt.date.fromisoformat(r["date"])), str(r["forum"]), str(r["number"]), _short(str(r["title"])),
                  kind_label(r["decision_kind"])) for r in items.to_dict("records"))
    newest = date_short(dt.date.fromisoformat(items["date"].max()))
    return SlideSpec("decisions", f"Seneste beslutninger i {view.region}", "table", scope.context,
                     tuple(dict.fromkeys(items["source_title"])), f"Seneste møde {newest}", False,
                     columns=("Dato", "Forum", "Pkt.", "Titel", "Beslutning"), rows=rows)


def slide_for(conn: sqlite3.Connection, filters: Filters, key: str, today: dt.date) -> list[SlideSpec]:
    """The slides one chosen key makes (``indicators`` makes one per headline monthly indicator)."""
    if key == "kpis":
        return [kpi_slide(conn, filters, today)]
    if key == "indicators":
        scope = Scope.of(conn, filters, today)
        ids = [i.id for i in scope.catalogue.values() if i.headline and i.frequency == "month"]
        return [s for i in ids if (s := indicator_slide(conn, filters, today, i))]
    if key.startswith("indicator:"):
        found = indicator_slide(conn, filters, today, key.split(":", 1)[1])
    elif key.startswith("compare:"):
        found = compare_slide(conn, filters, today, key.split(":", 1)[1])
    elif key == "telekol":
        found = telekol_slide(conn, filters, today)
    elif key == "telehjerte":
        found = telehjerte_slide(conn, filters, today)
    elif key == "board":
        found = board_slide(conn, filters, today)
    elif key == "timeline":
        found = timeline_slide(conn, filters, today)
    elif key == "decisions":
        found = decisions_slide(conn, filters, today)
    else:
        raise KeyError(key)
    return [found] if found else []


def standard_deck(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[SlideSpec]:
    return [spec for key in KEYS for spec in slide_for(conn, filters, key, today)]
