"""Nøgletal and Indikatorer: the KPI cards, one indicator's run chart with its
rules, its places side by side and its municipalities. The kpi slide and the
indicator slides are made from the same objects."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace
from functools import partial

import pandas as pd

from domain.aggregate import by_period
from domain.filters import Filters
from domain.formatting import month_year, period_label, quarter_label, signed, value_with_unit
from domain.gaps import Gap, gaps, partial_label, partial_sums
from domain.indicators import arrow_is_good, trend_arrow
from domain.kpi import RULE_MONTHS, Kpi, kpi, quarter_end_month, rule_window, year_before
from domain.observations import REAL_OVER_DEMO, monthly, snapshots
from domain.periods import months_back, period_end, quarter_bounds, quarters_back
from domain.trends import MIN_USEFUL, AnhojResult, anhoj, runs_in_words
from store.memo import kept
from views.scope import Indicator, Scope

ARROW_RULE = ("Pilen følger reglen fra Midtvejsstatus 2021: ↑ eller ↓ når 7 af de seneste 8 måneder ligger over "
              "eller under medianen for de seneste 24 måneder, ellers →. Reglen ses altid over de 24 måneder til og "
              "med kortets kvartal, også måneder før de valgte kvartaler. Grøn peger i den ønskede retning, rød i "
              "den uønskede; det står også i ord ved pilen.")
RULE_QUARTERS = 12  # three years of quarters: enough useful points (MIN_USEFUL) for Anhøj's rules to judge
SERIES_COLUMNS = ["period", "value", "numerator", "denominator", "period_start", "is_demo", "note"]


def _day(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


@dataclass(frozen=True)
class Card:
    """One KPI card (or why there is none), worded the same for a page and a slide."""
    indicator: Indicator
    place: str
    kpi: Kpi | None
    reason: str = ""  # why there is no card, or what is missing after the card's quarter
    value: str = ""
    arrow: str = ""
    good: bool | None = None
    period: str = ""
    change: str = ""
    target: str = ""
    basis: str = ""  # Eksempeldata | Kilde
    sources: tuple[str, ...] = ()

    @property
    def demo(self) -> bool:
        return bool(self.kpi and self.kpi.is_demo)

    @property
    def direction(self) -> str:
        """The arrow's colour in words, so that good and bad are never told by colour alone."""
        if not self.arrow:
            return ""
        return {True: "i ønsket retning", False: "i uønsket retning", None: "uændret"}[self.good]

    @property
    def tooltip(self) -> str:
        """The arrow's tooltip: its direction in words first, then the rule's verdict."""
        words = self.kpi.arrow_words if self.kpi else ""
        return f"{self.arrow} {self.direction}. {words}".strip() if self.arrow else words


def target_for(ind: Indicator, scope: Scope) -> tuple[float | None, str]:
    """The target line a place is compared with, and in words. A count target belongs to the region: a cluster
    gets no line of it but a sentence saying whose target it is."""
    if ind.target is None:
        return None, ""
    shown = value_with_unit(ind.target, ind.unit)
    if ind.unit == "count" and scope.filters.cluster:
        return None, (f"Måltallet ({shown}) gælder hele {scope.region_name}; der er ikke fastsat et mål for "
                      f"den enkelte klynge, så {scope.place_name} vises uden mållinje.")
    return ind.target, f"Mål: {shown}" + (f" ({ind.target_note})" if ind.target_note else "")


def _member_rows(scope: Scope, ind: Indicator, code: str, history: bool) -> tuple[dict[str, str], pd.DataFrame]:
    """The municipalities inside ``code`` and their monthly rows (none for a municipality)."""
    m = scope.municipalities
    inside = m[(m["cluster_id"] == code) | (m["region_code"] == code)]
    members = dict(zip(inside["code"], inside["name"]))
    if not members:
        return {}, pd.DataFrame(columns=["period", "geo_code", "value"])
    return members, monthly(scope.observations(list(members), ind.id, history=history))


def card_for(scope: Scope, ind: Indicator, code: str, name: str, history: pd.DataFrame | None = None,
             months: pd.DataFrame | None = None) -> Card:
    """The card for one indicator and place up to the end of the chosen quarters (``months``: the monthly rows
    of ``history``, when the caller made them for many places at once)."""
    obs = scope.observations([code], ind.id, history=True) if history is None else history
    card = kpi(obs, ind.unit, scope.last, ind.stock, months)
    last_q = scope.filters.last
    if card is None or (card.judged_at and card.period != last_q and ind.frequency == "month"):
        members, parts = _member_rows(scope, ind, code, history=True)
        holes = [g for g in gaps(monthly(obs) if months is None else months, members, parts)
                 if g.period <= quarter_end_month(last_q) and (card is None or g.period > (card.judged_at or ""))]
        if card is None:
            reason = (f"Intet kort for {ind.short_name.lower()} i {name}: ingen hele kvartaler med tal til og med "
                      f"{quarter_label(last_q)}" + (f" ({holes[-1].reason})." if holes else "."))
            if obs.empty:
                reason = f"Ingen tal for {ind.short_name.lower()} i {name} til og med {quarter_label(last_q)}."
            return Card(ind, name, None, reason)
        note = f"{quarter_label(last_q)} vises ikke: {holes[-1].reason}." if holes else ""
    else:
        note = ""
    target_text = ""
    target, _ = target_for(ind, scope) if code == scope.code else (ind.target, "")
    if target is not None:
        target_text = f"Mål {value_with_unit(target, ind.unit)} · afstand {signed(card.value - target, ind.unit)}"
    return Card(
        ind, name, card, note, value_with_unit(card.value, ind.unit), trend_arrow(card.arrow),
        arrow_is_good(card.arrow, ind.direction), period_label(card.period),
        f"{signed(card.change, ind.unit)} mod {period_label(year_before(card.period))}" if card.change is not None else "",
        target_text, "Eksempeldata" if card.is_demo else "Kilde", card.sources)


def within(card: Card, first: str) -> Card:
    """The card for quarters that begin with ``first``: a newest value that lies before them is said in words,
    never shown as the period's number (apart from the cards' memo, which the first quarter does not key)."""
    if card.kpi is None or period_end(card.kpi.period) >= quarter_bounds(first)[0]:
        return card
    reason = " ".join(filter(None, [stale_reason(card.kpi, card.indicator), card.reason]))
    return Card(card.indicator, card.place, None, reason, sources=card.kpi.sources)


def stale_reason(card: Kpi, ind: Indicator) -> str:
    """A card's newest value, when it lies before the chosen quarters, with where it is from."""
    source = card.sources[0].split(" – ")[0] if card.sources else ""
    return (f"Seneste tal: {value_with_unit(card.value, ind.unit)} i {period_label(card.period)}"
            + (f" ({source})" if source else "") + " – uden for den valgte periode.")


def _split(rows: pd.DataFrame, column: str) -> dict[str, pd.DataFrame]:
    """``rows`` by ``column`` in one pass (not one boolean mask over all rows per value)."""
    return {str(key): part for key, part in rows.groupby(column, sort=False)} if not rows.empty else {}


@dataclass(frozen=True)
class Cards:
    place: str
    cards: list[Card]
    demo: bool
    rule: str = ARROW_RULE
    basis: str = REAL_OVER_DEMO


def kpi_cards(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Cards:
    """Every headline indicator's card for the chosen place (Overblik and the Nøgletal slide)."""
    # The cards read up to the last chosen quarter only; the first quarter only says whether one is stale.
    cards = kept(conn, ("kpi_cards", filters.region, filters.cluster, filters.last, today),
                 lambda: _kpi_cards(conn, filters, today))
    return replace(cards, cards=[within(c, filters.first) for c in cards.cards])


def _kpi_cards(conn: sqlite3.Connection, filters: Filters, today: dt.date) -> Cards:
    scope = Scope.of(conn, filters, today)
    history = scope.observations([scope.code], history=True)
    rows, months = _split(history, "indicator"), _split(monthly(history), "indicator")
    cards = [card_for(scope, ind, scope.code, scope.place, rows.get(ind.id, history.iloc[:0]),
                      months.get(ind.id, history.iloc[:0]))
             for ind in scope.catalogue.values() if ind.headline]
    return Cards(scope.place, cards, any(c.demo for c in cards))


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    place: str
    freq: str  # month | quarter
    series: pd.DataFrame  # SERIES_COLUMNS, within the chosen quarters; note says when a value is a partial sum
    snapshots: pd.DataFrame  # the sources' own quarters, years and seasons (period, value, source_title)
    card: Card
    median: float | None
    signals: list[str]
    target: float | None
    target_words: str
    arrow_words: str
    runs_words: str
    window_words: str
    gaps: list[Gap]
    progress: str
    demo: bool
    sources: tuple[str, ...]
    empty: str = ""  # why there is nothing to show

    @property
    def title(self) -> str:
        return f"{self.indicator.short_name} · {self.place}"

    @property
    def median_name(self) -> str:
        """The median line's name: over the window the rules judge (domain.kpi and RULE_QUARTERS)."""
        return (f"Median, seneste {RULE_MONTHS} måneder" if self.freq == "month"
                else f"Median, seneste {RULE_QUARTERS} kvartaler")


def _series(rows: pd.DataFrame, ind: Indicator, freq: str) -> pd.DataFrame:
    out = by_period(rows, ind.unit, freq, ind.stock)
    return out.assign(note="")[SERIES_COLUMNS] if not out.empty else pd.DataFrame(columns=SERIES_COLUMNS)


def _filled(series: pd.DataFrame, holes: list[Gap], parts: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """The series with each gap month replaced by the sum of the municipalities present, labelled."""
    sums = partial_sums(parts, ind.unit, [g.period for g in holes])
    if sums.empty:
        return series
    expected = {g.period: g.expected for g in holes}
    extra = sums.assign(period_start=[f"{p}-01" for p in sums["period"]], is_demo=0,
                        note=[partial_label(int(n), expected[p]) for p, n in zip(sums["period"], sums["present"])])
    return pd.concat([series, extra[SERIES_COLUMNS]]).sort_values("period").reset_index(drop=True)


def indicator_view(conn: sqlite3.Connection, filters: Filters, today: dt.date, indicator: str, freq: str = "month",
                   fill_gaps: bool = False) -> IndicatorView:
    """The Indikatorer page for one indicator, and the indicator slides."""
    scope = Scope.of(conn, filters, today)
    ind = scope.catalogue[indicator]
    history = scope.observations([scope.code], ind.id, history=True)
    own_all = monthly(history)
    own = own_all[own_all["period_start"] >= scope.first.isoformat()]
    snaps = snapshots(history)
    snaps = snaps[snaps["period_start"] >= scope.first.isoformat()]
    card = within(card_for(scope, ind, scope.code, scope.place, history), scope.filters.first)
    target, target_words = target_for(ind, scope)
    members, parts = _member_rows(scope, ind, scope.code, history=False)
    holes = [g for g in gaps(own, members, parts) if g.period >= scope.first.isoformat()[:7]]
    month_series = _series(own, ind, "month")
    if fill_gaps and holes:
        month_series = _filled(month_series, holes, parts, ind)
    series = month_series if freq == "month" else _series(own, ind, "quarter")
    if series.empty and snaps.empty:
        return IndicatorView(ind, scope.place, freq, series, snaps, card, None, [], target, target_words, "", "", "",
                             holes, "", False, (), f"Ingen tal for {ind.short_name.lower()} i {scope.place}, "
                             f"{scope.period}.")
    demo = bool(series["is_demo"].astype(bool).any()) if not series.empty else False
    sources = tuple(dict.fromkeys([*own["source_title"], *snaps["source_title"]]))
    if series.empty:  # only the sources' snapshots
        return IndicatorView(ind, scope.place, freq, series, snaps, card, None, [], target, target_words,
                             card.kpi.arrow_words if card.kpi else "", "", "", holes, "", False, sources)
    median, signals, runs_words, window_words, progress = None, [], "", "", ""
    if ind.stock:
        progress = _progress(series, ind, target, target_words)
        runs_words = ("En samlet bestand vokser af sig selv: den følges mod målet, ikke mod en median, og "
                      "Anhøjs regler bruges ikke.")
    elif card.kpi and card.kpi.judged_at:
        end = card.kpi.judged_at
        if freq == "month":
            window = rule_window(own_all, ind.unit, end)
            periods = months_back(end, RULE_MONTHS)
            window_words = (f"Vurderet over de {RULE_MONTHS} måneder til og med {month_year(_day(end))} "
                            "(det seneste hele kvartal i de valgte kvartaler, som på Overblik), også måneder før "
                            "de valgte kvartaler.")
        else:
            quarters = by_period(own_all, ind.unit, "quarter", ind.stock)
            values = dict(zip(quarters["period"], quarters["value"]))
            periods = quarters_back(card.kpi.period, RULE_QUARTERS)
            window = [None if pd.isna(values.get(q, float("nan"))) else float(values[q]) for q in periods]
            window_words = (f"Vurderet over de {RULE_QUARTERS} kvartaler til og med {quarter_label(card.kpi.period)}, "
                            f"også kvartaler før de valgte kvartaler; reglerne kræver mindst {MIN_USEFUL} brugbare "
                            "punkter.")
        present = [v for v in window if v is not None]
        median = float(pd.Series(present).median()) if present else None
        runs: AnhojResult | None = anhoj(window, median)
        runs_words = runs_in_words(runs, window)
        signals = [periods[i] for i in runs.run_points] if runs else []
    else:
        runs_words = card.reason or "Ingen hele kvartaler at vurdere."
    arrow_words = ("Reglen bruger måneder: vælg Måned for at se den." if freq == "quarter" and not ind.stock
                   else card.kpi.arrow_words if card.kpi else card.reason)
    return IndicatorView(ind, scope.place, freq, series, snaps, card, median, signals, target, target_words,
                         arrow_words, runs_words, window_words, holes, progress, demo, sources)


def _progress(series: pd.DataFrame, ind: Indicator, target: float | None, target_words: str) -> str:
    latest = series.dropna(subset=["value"]).iloc[-1]
    text = f"{period_label(str(latest['period']))}: {value_with_unit(float(latest['value']), ind.unit)} i alt"
    if target:
        share = 100 * float(latest["value"]) / target
        text += (f", {value_with_unit(share, 'percent')} af måltallet {value_with_unit(target, ind.unit)}; der mangler "
                 f"{value_with_unit(max(0.0, target - float(latest['value'])), ind.unit)}.")
    else:
        text += ". " + target_words if target_words else "."
    return text


@dataclass(frozen=True)
class Places:
    """The indicator for the places one level down, and for each municipality its card."""
    compare: pd.DataFrame  # SERIES_COLUMNS + geo_code, geo_name: the region's clusters or the cluster's municipalities
    title: str
    demo: bool
    sources: tuple[str, ...]
    table: pd.DataFrame  # municipalities, Danish columns, values worded as the cards word them
    numbers: pd.DataFrame  # the same rows for the Excel and CSV files: values and changes as numbers


def indicator_places(conn: sqlite3.Connection, filters: Filters, today: dt.date, indicator: str,
                     freq: str = "month") -> Places:
    scope = Scope.of(conn, filters, today)
    ind = scope.catalogue[indicator]
    compare, title, sources = _compare(scope, ind, freq)
    demo = bool(not compare.empty and compare["is_demo"].astype(bool).any())
    return Places(compare, title, demo, sources, *_municipality_tables(scope, ind))


def _compare(scope: Scope, ind: Indicator, freq: str) -> tuple[pd.DataFrame, str, tuple[str, ...]]:
    children = scope.children()
    obs = monthly(scope.observations(list(children), ind.id))
    parts = []
    for code, rows in obs.groupby("geo_code", sort=False):
        part = _series(rows, ind, freq)
        if not part.empty:
            parts.append(part.assign(geo_code=code, geo_name=children[str(code)]))
    level = "kommuner" if scope.filters.cluster else "klynger"
    title = f"{ind.short_name} i {scope.place_name} fordelt på {level}"
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*SERIES_COLUMNS, "geo_code", "geo_name"])
    return frame, title, tuple(dict.fromkeys(obs["source_title"])) if not obs.empty else ()


def _municipality_tables(scope: Scope, ind: Indicator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each municipality's card: as shown (worded) and for the files (numbers in number cells)."""
    members = scope.members()
    history = scope.observations(list(members), ind.id, history=True)
    places, months = _split(history, "geo_code"), _split(monthly(history), "geo_code")
    clusters = scope.cluster_of()
    shown, numbers = [], []
    for code, name in members.items():
        # A municipality's card is the same whichever cluster or region lists it: kept per version and quarter.
        card = kept(scope.conn, ("municipality_card", ind.id, code, name, scope.filters.last, scope.today),
                    partial(card_for, scope, ind, code, name, places.get(code, history.iloc[:0]),
                            months.get(code, history.iloc[:0])))
        if card.kpi is None:
            continue
        change = card.kpi.change
        shown.append((name, clusters.get(code, ""), card.period, card.value,
                      signed(change, ind.unit) if change is not None else "–", card.arrow))
        numbers.append((name, clusters.get(code, ""), card.period, _cell(card.kpi.value, ind.unit),
                        None if change is None else _cell(change, ind.unit), card.arrow))
    columns = ["Kommune", "Klynge", "Periode", "Værdi", "Ændring mod året før", "Udvikling"]
    return pd.DataFrame(shown, columns=columns), pd.DataFrame(numbers, columns=columns, dtype=object)


def _cell(value: float, unit: str) -> int | float:
    """A number as the files hold it: counts whole, rates and scores to one decimal, as on the card."""
    return int(round(value)) if unit == "count" else round(float(value), 1)
