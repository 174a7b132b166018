"""Selecting initiatives: by quarter overlap and by free text; their status from the texts and the minutes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from domain.status import STATUSES, Decision, after_decisions, derive_status

TEXT_COLUMNS = ("title", "status", "action", "time", "section_title")


def in_period(initiatives: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Initiatives whose window overlaps [first, last]; those without a window are kept
    (an unparsed phrase must never hide an initiative)."""
    if initiatives.empty:
        return initiatives
    # ISO dates compare correctly as text, and a column of only missing windows stays harmless.
    start = initiatives["start"].fillna("").astype(str)
    end = initiatives["end"].fillna("").astype(str)
    keep = (start == "") | ((start <= last.isoformat()) & (end >= first.isoformat()))
    return initiatives[keep]


def matching(initiatives: pd.DataFrame, text: str) -> pd.DataFrame:
    """Initiatives whose texts contain every word of ``text`` (case-insensitive)."""
    words = [w for w in text.lower().split() if w]
    if not words or initiatives.empty:
        return initiatives
    haystack = initiatives[list(TEXT_COLUMNS)].fillna("").agg(" ".join, axis=1).str.lower()
    keep = pd.Series(True, index=initiatives.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return initiatives[keep]


def with_status(initiatives: pd.DataFrame) -> pd.DataFrame:
    """The initiatives with their derived status (key and Danish label) and the reason."""
    derived = [derive_status(r["status"], r["action"], r["section_title"]) for r in initiatives.to_dict("records")]
    return initiatives.assign(
        derived=[d[0] for d in derived],
        derived_label=[STATUSES[d[0]] for d in derived],
        why=[d[1] for d in derived],
    )


def _day(value: object) -> dt.date | None:
    """An ISO date from a frame cell; None for a missing or unreadable one."""
    if isinstance(value, dt.datetime):  # also a pandas Timestamp
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _decisions(links: pd.DataFrame, items: pd.DataFrame) -> dict[str, list[Decision]]:
    """Each initiative's decisions: its linked agenda items that have a date."""
    by_id = {row["id"]: row for row in items.to_dict("records")} if not items.empty else {}
    found: dict[str, list[Decision]] = {}
    for link in links.to_dict("records") if not links.empty else []:
        item = by_id.get(link["item_id"])
        day = _day(item.get("date")) if item else None
        if item is None or day is None:
            continue
        found.setdefault(str(link["initiative"]), []).append(Decision(
            int(item["id"]), day, _text(item.get("forum")), _number(item.get("number")),
            _text(item.get("decision_kind")) or "none"))
    return found


def _number(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None  # missing (None, NaN)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def with_decisions(initiatives: pd.DataFrame, links: pd.DataFrame, items: pd.DataFrame,
                   today: dt.date) -> pd.DataFrame:
    """The initiatives (from ``with_status``) with their status once the minutes are read (domain.status.
    after_decisions): ``derived``, ``derived_label`` and ``why`` updated, and ``overdue`` (bool),
    ``decision_item`` (the id of the agenda item behind the status, else None) and ``decision_note``
    (postponements, in Danish; "" when none) added. ``links`` come from domain.links.decision_links, ``items``
    are agenda items (id, date, forum, number, decision_kind); decisions after ``today`` are not read."""
    decisions = _decisions(links, items)
    outcomes = [
        after_decisions(r["derived"], _text(r.get("why")), decisions.get(str(r["key"]), []),
                        _text(r.get("time")) or None, _day(r.get("end")), today)
        for r in initiatives.to_dict("records")]
    return initiatives.assign(
        derived=[o.status for o in outcomes],
        derived_label=[STATUSES[o.status] for o in outcomes],
        why=[o.why for o in outcomes],
        overdue=pd.Series([o.overdue for o in outcomes], index=initiatives.index, dtype=bool),
        decision_item=pd.Series([o.decision_item for o in outcomes], index=initiatives.index, dtype=object),
        decision_note=[o.note for o in outcomes],
    )
