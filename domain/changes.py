"""What changed between two moments (a forum's previous meeting and the next): pure comparisons of two
states of the data, each worded as one Danish line with the page that shows it.

A state is what was known at a moment: the initiatives with their status as of that day (decisions after
it not read), the agenda items dated up to it, the KPI cards judged at the last whole quarter before it.
The caller decides which data version each state is read from (views.meeting)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from domain.decisions import kind_label
from domain.formatting import date_short, number
from domain.periods import quarter_of

SETTLED = ("besluttet", "udgaar")  # a decision has been taken: nothing is due any more


@dataclass(frozen=True)
class Change:
    """One line of "Siden sidste møde" and the page (with its URL parameters) that shows it."""

    text: str
    page: str  # indsatser | beslutninger | indikatorer | datakilder
    params: tuple[tuple[str, str], ...] = ()
    demo: bool = False  # a line about generated numbers (its text says "Eksempeldata" too)


@dataclass(frozen=True)
class IndicatorState:
    """What a KPI card said at one moment."""

    id: str
    name: str
    value: float | None  # None: no card
    shown: str  # "16,9 %"
    period: str  # "4. kvt. 2025"
    arrow: str  # "↑", "↓", "→" or ""
    direction: str  # "i ønsket retning" …
    signal: bool | None  # Anhøj: non-random variation; None when it cannot be judged
    demo: bool = False  # the card's value is Eksempeldata
    previous: float | None = None  # the same period a year earlier: the like-with-like comparison
    previous_shown: str = ""
    previous_period: str = ""  # "3. kvt. 2024"


@dataclass(frozen=True)
class Loaded:
    """A file that came with a data version."""

    version: int
    created: dt.datetime
    by: str
    file: str
    kind: str  # in Danish
    periods: str  # "jan. 2009 – dec. 2025", "" when the file holds no dated numbers


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _between(day: dt.date | None, since: dt.date, until: dt.date) -> bool:
    return day is not None and since < day <= until


def _item_where(item: dict[str, object]) -> str:
    day = _day(item.get("date"))
    number_part = f", punkt {item['number']}" if item.get("number") is not None and item["number"] == item["number"] else ""
    return f"{item.get('forum') or 'mødet'} {date_short(day) if day else '–'}{number_part}"


def status_moves(before: pd.DataFrame, after: pd.DataFrame, items: pd.DataFrame, since: dt.date,
                 until: dt.date) -> list[Change]:
    """Initiatives whose status moved, and why: the decision behind the new status when it falls between the
    two moments, else a new overview (its texts changed), else a window that ran out."""
    old = {str(r["key"]): r for r in before.to_dict("records")}
    by_id = {int(r["id"]): r for r in items.to_dict("records")} if not items.empty else {}
    out: list[Change] = []
    for row in after.to_dict("records"):
        key, title = str(row["key"]), _text(row["title"])
        link = (("indsats", key),)
        was = old.pop(key, None)
        if was is None:
            out.append(Change(f"Ny i overblikket: {title} ({row['derived_label']}).", "indsatser", link))
            continue
        if was["derived"] == row["derived"]:
            continue
        item = by_id.get(int(row["decision_item"])) if pd.notna(row.get("decision_item")) else None
        if item is not None and _between(_day(item.get("date")), since, until):
            why = f"{kind_label(_text(item.get('decision_kind')))} af {_item_where(item)}"
        elif (_text(was.get("status")), _text(was.get("action"))) != (_text(row.get("status")), _text(row.get("action"))):
            why = "nyt overblik over indsatser"
        elif bool(row.get("overdue")):
            end = _day(row.get("end"))
            why = f"tidsvinduet sluttede {date_short(end)} uden en beslutning" if end else "tidsvinduet udløb"
        else:
            why = "ændret grundlag"
        out.append(Change(f"{title}: {was['derived_label']} → {row['derived_label']} ({why}).", "indsatser", link))
    for key, was in old.items():
        out.append(Change(f"Ikke længere i overblikket: {_text(was['title'])}.", "indsatser", (("indsats", key),)))
    return out


def _item_key(item: dict[str, object]) -> tuple[str, str, str]:
    return (_text(item.get("forum")), _text(item.get("date"))[:10], str(item.get("number")))


def decision_changes(before: pd.DataFrame, after: pd.DataFrame, since: dt.date, until: dt.date) -> list[Change]:
    """Agenda items decided between the two moments (new), and items known before whose decision text or kind
    reads differently now (changed minutes), newest first."""
    old = {_item_key(r): r for r in before.to_dict("records")}
    out: list[tuple[str, Change]] = []
    for item in after.to_dict("records"):
        day = _day(item.get("date"))
        if day is None or day > until or _text(item.get("decision_kind")) in ("", "none"):
            continue  # "Mødedeltagere", "Eventuelt": nothing was decided
        quarter = quarter_of(day)
        link = (("fra", quarter), ("til", quarter))
        kind = kind_label(_text(item.get("decision_kind")))
        was = old.get(_item_key(item))
        what = f"{_item_where(item)}: {_text(item.get('title'))}"
        if day > since:
            out.append((day.isoformat(), Change(f"{what} – {kind}.", "beslutninger", link)))
        elif was is None:  # minutes of an earlier meeting, loaded since
            out.append((day.isoformat(), Change(f"Nyt referat af et tidligere møde: {what} – {kind}.",
                                                "beslutninger", link)))
        elif (_text(was.get("decision")), _text(was.get("decision_kind"))) != (
                _text(item.get("decision")), _text(item.get("decision_kind"))):
            out.append((day.isoformat(), Change(f"Ændret i referatet: {what} – nu {kind}.", "beslutninger", link)))
    return [c for _, c in sorted(out, key=lambda pair: pair[0], reverse=True)]


def due_changes(before: pd.DataFrame, after: pd.DataFrame, since: dt.date, until: dt.date) -> list[Change]:
    """Initiatives that became overdue since the previous meeting, and those not yet settled whose window ends
    between the two moments (due at or before the meeting)."""
    was_overdue = {str(r["key"]) for r in before.to_dict("records") if bool(r.get("overdue"))}
    out = []
    for row in after.to_dict("records"):
        key, title = str(row["key"]), _text(row["title"])
        end = _day(row.get("end"))
        time = _text(row.get("time"))
        link = (("indsats", key),)
        if bool(row.get("overdue")) and key not in was_overdue:
            out.append(Change(f"Overskredet: {title} – tidsvinduet ({time}) sluttede {date_short(end)} uden en "
                              "beslutning.", "indsatser", link))
        elif not bool(row.get("overdue")) and row["derived"] not in SETTLED and _between(end, since, until):
            out.append(Change(f"Forfalden: {title} – tidsvinduet ({time}) slutter {date_short(end)}; "
                              f"status: {row['derived_label']}.", "indsatser", link))
    return out


def moved_more_than(before: float, after: float, threshold: float) -> bool:
    """Whether a value moved more than ``threshold`` per cent of its earlier size (any move from zero)."""
    if before == 0:
        return after != 0
    return abs(after - before) / abs(before) * 100 > threshold


def indicator_changes(before: Sequence[IndicatorState], after: Sequence[IndicatorState],
                      threshold: float) -> list[Change]:
    """Indicators whose arrow or Anhøj verdict changed, or whose value moved more than ``threshold`` %.

    Like with like: a new period is compared with the same period a year earlier (seasonal data: a quarter
    against the one before tells a false story); the same period with changed numbers is a revision."""
    old = {s.id: s for s in before}
    out = []
    for now in after:
        was = old.get(now.id)
        link = (("indikator", now.id),)
        name = now.name + (" (Eksempeldata)" if now.demo else "")
        if now.value is None:
            if was is not None and was.value is not None:
                out.append(Change(f"{was.name + (' (Eksempeldata)' if was.demo else '')}: intet kort længere "
                                  f"(sidst {was.shown}, {was.period}).", "indikatorer", link, was.demo))
            continue
        if was is None or was.value is None:
            out.append(Change(f"{name}: nyt kort, {now.shown} ({now.period}).", "indikatorer", link, now.demo))
            continue
        parts = []
        if was.arrow != now.arrow:
            parts.append(f"pilen er gået fra {was.arrow or '–'} til {now.arrow or '–'}"
                         + (f" ({now.direction})" if now.direction and now.arrow != "→" else ""))
        if was.signal is not None and now.signal is not None and was.signal != now.signal:
            parts.append("Anhøjs regler viser nu ikke-tilfældig variation" if now.signal
                         else "Anhøjs regler viser nu kun tilfældig variation")
        limit = f"mere end {number(threshold, 0 if threshold == int(threshold) else 1)} %"
        if was.period == now.period:
            if moved_more_than(was.value, now.value, threshold):
                parts.append(f"{was.shown} → {now.shown} ({now.period}, rettede tal), {limit}")
        elif now.previous is not None and moved_more_than(now.previous, now.value, threshold):
            parts.append(f"{now.shown} ({now.period}) mod {now.previous_shown} ({now.previous_period}, samme "
                         f"periode året før), {limit}")
        if parts:
            out.append(Change(f"{name}: " + "; ".join(parts) + ".", "indikatorer", link, now.demo))
    return out


def data_changes(loaded: Iterable[Loaded], since: dt.date, until: dt.date) -> list[Change]:
    """Files that came with a data version made between the two moments, newest first."""
    out = []
    for f in sorted(loaded, key=lambda f: (f.created, f.file), reverse=True):
        if not _between(f.created.date(), since, until):
            continue
        what = f"{f.kind}, {f.periods}" if f.periods else f.kind
        out.append(Change(f"{date_short(f.created.date())}: {f.file} ({what}) – version {f.version}, indlæst af "
                          f"{f.by or 'ukendt'}.", "datakilder"))
    return out
