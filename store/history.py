"""What was known when: the data version current on a given day, and the files each version brought.

Read from the version store's history (every import, removal and rollback with its time), so "what did we
know on 12 Sep 2025" is answered from the database that was served that day."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import PurePosixPath

from domain.changes import Loaded
from domain.formatting import date_short, period_label
from store.versions import DB_NAME, StoreError, VersionStore, _dirname

KINDS = {"initiatives": "overblik over indsatser", "minutes": "referat", "status_report": "statusrapport",
         "indicators": "indikatortal", "demo": "eksempeldata"}


def version_at(store: VersionStore, day: dt.date) -> int | None:
    """The version that was current at the end of ``day``, if it is still kept; None when none was yet."""
    current = None
    for event in sorted(store.history(), key=lambda e: e.at):
        if dt.datetime.fromisoformat(event.at).date() > day:
            break
        current = event.version
    if current is None or current not in store.ids():
        return None
    return current


def known_at(store: VersionStore, day: dt.date) -> tuple[str, str]:
    """The database file of the version current on ``day`` and its label ("version 3 fra 12. sep. 2025");
    ("", "") when no version kept by the store was current then."""
    version = version_at(store, day)
    if version is None:
        return "", ""
    try:
        made = dt.datetime.fromisoformat(store.version(version).created).date()
    except (StoreError, ValueError):
        return "", ""
    return str(store.root / _dirname(version) / DB_NAME), f"version {version} fra {date_short(made)}"


def _periods(conn: sqlite3.Connection) -> dict[str, str]:
    """Each source file's dated content in words: the span of its observations, or its meeting's date."""
    spans = {}
    for file, first, last in conn.execute(
            "SELECT s.file, MIN(o.period), MAX(o.period) FROM observations o JOIN sources s ON s.id = o.source_id "
            "WHERE o.is_demo = 0 GROUP BY s.file"):
        name = PurePosixPath(file).name
        spans[name] = period_label(first) if first == last else f"{period_label(first)} – {period_label(last)}"
    for file, day in conn.execute("SELECT s.file, m.date FROM meetings m JOIN sources s ON s.id = m.source_id"):
        if day:
            spans.setdefault(PurePosixPath(file).name, f"møde {date_short(dt.date.fromisoformat(day[:10]))}")
    return spans


def loaded_files(store: VersionStore, conn: sqlite3.Connection) -> tuple[Loaded, ...]:
    """Every file with the version that first brought it (or replaced it), who and when."""
    spans = _periods(conn)
    out = []
    for version in store.versions():
        created = dt.datetime.fromisoformat(version.created)
        for f in version.files:
            if f.added_at != version.created and f.file not in version.added and f.file not in version.replaced:
                continue  # kept from an earlier version
            name = PurePosixPath(f.file).name
            out.append(Loaded(version.id, created, f.added_by or version.by, name,
                              KINDS.get(f.kind or "", f.kind or "fil"), spans.get(name, "")))
    return tuple(out)
