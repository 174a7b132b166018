"""The standard deck's slides for a set of filters, read straight from the database
(the same rules as the pages: domain.kpi, domain.aggregate, domain.status)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd

from domain.aggregate import by_period
from domain.decisions import kind_label
from domain.filters import Filters, of_region, place_label
from domain.filters import period_label as filter_period
from domain.formatting import date_short, period_label, quarter_label, signed, value_with_unit
from domain.indicators import trend_arrow
from domain.initiatives import in_period, with_status
from domain.kpi import kpi, year_before
from domain.status import STATUSES
from slides.spec import Bar, Series, SlideSpec
from store import queries

STANDARD = (  # the standard deck: (key, what it is called in the app)
    ("kpis", "Nøgletal"), ("indicators", "Én side pr. nøgletal"), ("telekol", "TeleKOL mod måltal"),
    ("board", "Indsatser efter status"), ("timeline", "Tidslinje"), ("decisions", "Seneste beslutninger"),
)
KEYS = tuple(key for key, _ in STANDARD)


class Context:
    """Filters with the names and places they mean, read once."""

    def __init__(self, conn: sqlite3.Connection, filters: Filters) -> None:
        self.conn, self.filters = conn, filters
        choices = queries.choices(conn, dt.date.today())
        self.munis = queries.municipalities(conn)
        self.region_name = choices.regions[filters.region]
        self.cluster_name = choices.clusters[filters.region][filters.cluster] if filters.cluster else None
        self.place = place_label(filters, choices)
        self.code = filters.cluster or filters.region
        self.first, self.last = filters.date_range()
        self.context = f"{self.place} · {filter_period(filters)}"
        self.catalogue = queries.indicators(conn).set_index("id")
        built = queries.build_info(conn).get("built_at")
        self.loaded = f"Data indlæst {date_short(dt.datetime.fromisoformat(built).date())}" if built else ""

    def of_region(self, frame: pd.DataFrame) -> pd.DataFrame:
        return of_region(frame, self.filters.region)


def _years(first: dt.date, last: dt.date) -> str:
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def kpi_slide(ctx: Context) -> SlideSpec:
    history = queries.observations(ctx.conn, (ctx.code,), "1900-01-01", ctx.last.isoformat())
    rows, sources, demo = [], [], False
    for ind_id, ind in ctx.catalogue[ctx.catalogue["headline"] == 1].iterrows():
        card = kpi(history[history["indicator"] == ind_id], ind["unit"], ctx.last)
        if card is None:
            continue
        demo |= card.is_demo
        sources += list(card.sources)
        target = value_with_unit(ind["target"], ind["unit"]) if pd.notna(ind["target"]) else "–"
        change = (f"{signed(card.change, ind['unit'])} mod {period_label(year_before(card.period))}"
                  if card.change is not None else "–")
        rows.append((str(ind["short_name"]), period_label(card.period), value_with_unit(card.value, ind["unit"]),
                     change, trend_arrow(card.arrow) or "–", target, "Eksempeldata" if card.is_demo else "Kilde"))
    return SlideSpec("kpis", f"Nøgletal for {ctx.place}", "table", ctx.context, tuple(dict.fromkeys(sources)),
                     f"Data til og med {quarter_label(ctx.filters.last)}", demo,
                     columns=("Indikator", "Periode", "Værdi", "Ændring", "Udvikling", "Mål", "Grundlag"),
                     rows=tuple(rows), notes="Pilen: 7 af de seneste 8 måneder over/under medianen for 24 måneder.")


def indicator_slide(ctx: Context, indicator: str) -> SlideSpec | None:
    ind = ctx.catalogue.loc[indicator]
    obs = queries.observations(ctx.conn, (ctx.code,), ctx.first.isoformat(), ctx.last.isoformat(), indicator)
    monthly = obs[obs["period"].str.fullmatch(r"\d{4}-\d{2}")].sort_values("is_demo").drop_duplicates("period")
    if monthly.empty:
        return snapshot_slide(ctx, indicator, obs)
    series = by_period(monthly.assign(geo_code=ctx.code), str(ind["unit"]), "month")
    values: list[Series] = [Series(ctx.cluster_name or ctx.region_name, tuple(round(v, 2) for v in series["value"]))]
    if pd.notna(ind["target"]):
        values.append(Series(f"Mål {value_with_unit(ind['target'], ind['unit'])}",
                             tuple(float(ind["target"]) for _ in series["value"])))
    demo = bool(monthly["is_demo"].any())
    return SlideSpec(f"indicator:{indicator}", f"{ind['short_name']} i {ctx.cluster_name or ctx.region_name}, "
                     f"{_years(ctx.first, ctx.last)}", "line", ctx.context,
                     tuple(dict.fromkeys(monthly["source_title"])), f"Data til og med {period_label(series['period'].iloc[-1])}", demo,
                     str(ind["unit"]), tuple(period_label(p) for p in series["period"]), tuple(values))


def snapshot_slide(ctx: Context, indicator: str, obs: pd.DataFrame) -> SlideSpec | None:
    """Seasons, years or quarters from the sources as a column chart."""
    if obs.empty:
        return None
    ind = ctx.catalogue.loc[indicator]
    obs = obs.sort_values("period_start")
    series = [Series(ctx.cluster_name or ctx.region_name, tuple(obs["value"]))]
    if pd.notna(ind["target"]):
        series.append(Series(f"Mål {value_with_unit(ind['target'], ind['unit'])}",
                             tuple(float(ind["target"]) for _ in obs["value"])))
    return SlideSpec(f"indicator:{indicator}", f"{ind['short_name']} i {ctx.cluster_name or ctx.region_name}",
                     "column", ctx.context, tuple(dict.fromkeys(obs["source_title"])),
                     f"Data til og med {period_label(obs['period'].iloc[-1])}", bool(obs["is_demo"].any()),
                     str(ind["unit"]), tuple(period_label(p) for p in obs["period"]), tuple(series))


def compare_slide(ctx: Context, indicator: str) -> SlideSpec | None:
    """The indicator for each cluster of the region (or each municipality of the cluster), one line each."""
    ind = ctx.catalogue.loc[indicator]
    if ctx.filters.cluster:
        places = dict(zip(ctx.munis.loc[ctx.munis["cluster_id"] == ctx.filters.cluster, "code"],
                          ctx.munis.loc[ctx.munis["cluster_id"] == ctx.filters.cluster, "name"]))
    else:
        clusters = queries.clusters(ctx.conn)
        mine = clusters[clusters["region_code"] == ctx.filters.region]
        places = dict(zip(mine["id"], mine["name"]))
    obs = queries.observations(ctx.conn, tuple(places), ctx.first.isoformat(), ctx.last.isoformat(), indicator)
    obs = obs[obs["period"].str.fullmatch(r"\d{4}-\d{2}")]
    if obs.empty:
        return None
    periods = sorted(set(obs["period"]))
    series = []
    for code, name in places.items():
        rows = by_period(obs[obs["geo_code"] == code], str(ind["unit"]), "month").set_index("period")["value"]
        series.append(Series(name, tuple(round(float(rows[p]), 2) if p in rows.index else None for p in periods)))
    level = "kommuner" if ctx.filters.cluster else "klynger"
    return SlideSpec(f"compare:{indicator}", f"{ind['short_name']} i {ctx.cluster_name or ctx.region_name} fordelt på "
                     f"{level}, {_years(ctx.first, ctx.last)}", "line", ctx.context,
                     tuple(dict.fromkeys(obs["source_title"])), f"Data til og med {period_label(periods[-1])}",
                     bool(obs["is_demo"].any()),
                     str(ind["unit"]), tuple(period_label(p) for p in periods), tuple(series))


def telehjerte_slide(ctx: Context) -> SlideSpec | None:
    """TeleHjerte's expected course from the pilot (ca. 500 a year), and counts when there are any."""
    facts = ctx.of_region(queries.facts(ctx.conn)).set_index("id")
    if "telehjerte_pilot" not in facts.index or "telehjerte_per_year" not in facts.index:
        return None
    start = dt.date.fromisoformat(str(facts.loc["telehjerte_pilot", "date"]))
    per_year = float(facts.loc["telehjerte_per_year", "value"])
    end = max(ctx.last, dt.date(start.year + 1, start.month, 1))
    months = pd.date_range(start, end, freq="MS")
    expected = tuple(round(per_year * (d.date() - start).days / 365.25) for d in months)
    sources = tuple(dict.fromkeys(facts.loc[["telehjerte_pilot", "telehjerte_per_year"], "source_title"]))
    return SlideSpec("telehjerte", f"TeleHjerte: forventet forløb fra piloten i {ctx.region_name}", "line", ctx.context,
                     sources, ctx.loaded, False, "count", tuple(period_label(f"{d:%Y-%m}") for d in months),
                     (Series(f"Forventet, ca. {value_with_unit(per_year, 'count')} om året", expected),),
                     notes="Ingen inklusionstal endnu; de kommer med et udtræk.")


def telekol_slide(ctx: Context) -> SlideSpec | None:
    obs = queries.observations(ctx.conn, (ctx.code,), ctx.first.isoformat(), ctx.last.isoformat(), "telekol_included")
    stock = obs[obs["is_demo"] == 1] if obs["is_demo"].any() else obs
    stock = stock.sort_values("period").drop_duplicates("period")
    if stock.empty:
        return None
    target = ctx.catalogue.loc["telekol_included", "target"]
    series = [Series("Inkluderede borgere", tuple(stock["value"]))]
    if pd.notna(target):
        series.append(Series(f"Måltal {value_with_unit(target, 'count')}", tuple(float(target) for _ in stock["value"])))
    sources = tuple(dict.fromkeys(obs["source_title"]))
    return SlideSpec("telekol", f"Borgere inkluderet i TeleKOL i {ctx.cluster_name or ctx.region_name} mod måltallet",
                     "line", ctx.context, sources, f"Data til og med {period_label(stock['period'].iloc[-1])}",
                     bool(stock["is_demo"].any()),
                     "count", tuple(period_label(p) for p in stock["period"]), tuple(series))


def initiatives(ctx: Context) -> pd.DataFrame:
    return with_status(in_period(ctx.of_region(queries.initiatives(ctx.conn)), ctx.first, ctx.last))


def board_slide(ctx: Context) -> SlideSpec | None:
    frame = initiatives(ctx)
    if frame.empty:
        return None
    counts = frame["derived"].value_counts()
    present = [k for k in STATUSES if k in counts]
    return SlideSpec("board", f"Indsatser i {ctx.region_name} efter status", "bar", ctx.context,
                     tuple(dict.fromkeys(frame["source_title"])), ctx.loaded, False, "count",
                     tuple(STATUSES[k] for k in present), (Series("Indsatser", tuple(float(counts[k]) for k in present)),))


def timeline_slide(ctx: Context, today: dt.date) -> SlideSpec | None:
    frame = initiatives(ctx).dropna(subset=["start", "end"]).sort_values(["forum", "start"])
    if frame.empty:
        return None
    meetings = ctx.of_region(queries.meetings(ctx.conn))
    days = [d for d in meetings["date"].dropna() if ctx.first.isoformat() <= d <= ctx.last.isoformat()]
    names = dict(zip(meetings["date"], meetings["forum"]))
    lo = max(ctx.first.isoformat(), min(frame["start"]))
    hi = min(ctx.last.isoformat(), max(max(frame["end"]), today.isoformat()))
    return SlideSpec("timeline", f"Indsatsernes tidsvinduer i {ctx.region_name}", "gantt", ctx.context,
                     tuple(dict.fromkeys(frame["source_title"])), ctx.loaded, False,
                     bars=tuple(Bar(r["title"], r["start"], r["end"], r["derived"], r["derived_label"])
                                for r in frame.to_dict("records")),
                     milestones=tuple((d, f"{names[d]} {date_short(dt.date.fromisoformat(d))}") for d in sorted(days))
                     + ((today.isoformat(), "I dag"),), window=(lo, hi))


def decisions_slide(ctx: Context, limit: int = 6) -> SlideSpec | None:
    items = ctx.of_region(queries.agenda_items(ctx.conn))
    items = items[(items["date"] >= ctx.first.isoformat()) & (items["date"] <= ctx.last.isoformat())].head(limit)
    if items.empty:
        return None
    def short(text: str, n: int = 75) -> str:
        return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + " …"

    rows = tuple((date_short(dt.date.fromisoformat(r["date"])), str(r["forum"]), str(r["number"]), short(str(r["title"])),
                  kind_label(r["decision_kind"])) for r in items.to_dict("records"))
    newest = date_short(dt.date.fromisoformat(items["date"].max()))
    return SlideSpec("decisions", f"Seneste beslutninger i {ctx.region_name}", "table", ctx.context,
                     tuple(dict.fromkeys(items["source_title"])), f"Seneste møde {newest}", False,
                     columns=("Dato", "Forum", "Pkt.", "Titel", "Beslutning"), rows=rows)


def slide_for(ctx: Context, key: str, today: dt.date) -> list[SlideSpec]:
    """The slides one chosen key makes (``indicators`` makes one per headline indicator)."""
    if key == "kpis":
        return [kpi_slide(ctx)]
    if key == "indicators":
        ids = [i for i, row in ctx.catalogue.iterrows() if row["headline"] == 1 and row["frequency"] == "month"]
        return [s for i in ids if (s := indicator_slide(ctx, i))]
    if key.startswith("indicator:"):
        found = indicator_slide(ctx, key.split(":", 1)[1])
        return [found] if found else []
    if key.startswith("compare:"):
        found = compare_slide(ctx, key.split(":", 1)[1])
        return [found] if found else []
    made = {"telekol": lambda: telekol_slide(ctx), "telehjerte": lambda: telehjerte_slide(ctx),
            "board": lambda: board_slide(ctx),
            "timeline": lambda: timeline_slide(ctx, today), "decisions": lambda: decisions_slide(ctx)}[key]()
    return [made] if made else []


def standard_deck(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> list[SlideSpec]:
    ctx = Context(conn, filters)
    return [spec for key in KEYS for spec in slide_for(ctx, key, today)]
