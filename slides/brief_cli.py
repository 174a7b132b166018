"""``python -m slides brief --forum NAME --meeting YYYY-MM-DD (--out FILE.pptx | --docx FILE.docx)`` and
``--overview FILE.docx``: the monthly job's brief, from the same answer as the page."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import time
from pathlib import Path

import settings
from domain.filters import resolve
from domain.formatting import date_long
from domain.forums import forum_code
from slides.brief import brief_specs, brief_title
from slides.render import build_deck
from slides.word import brief_docx, overview_docx
from store import queries
from store.history import known_at, loaded_files
from store.versions import default_store
from views.initiatives import board
from views.meeting import brief, compared_since, fora, meetings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="write the brief for one meeting of one forum (.pptx and/or .docx)")
    p.add_argument("--forum", required=True, help="forum code or name (SSG, Sundhedsstyregruppen, SSU, …)")
    p.add_argument("--meeting", required=True, help="the meeting's date, YYYY-MM-DD (held or planned)")
    p.add_argument("--out", type=Path, help="the brief as slides (.pptx)")
    p.add_argument("--docx", type=Path, help="the brief as an editable Word document (.docx)")
    p.add_argument("--overview", type=Path, help="the next 'Overblik over indsatser' as Word (.docx)")
    p.add_argument("--region", help="region code (default: the first region)")
    p.add_argument("--cluster", help="cluster id for the KPIs (default: the whole region)")
    p.add_argument("--db", type=Path, default=None, help=f"database (default {settings.db_path()})")


def run(args: argparse.Namespace, conn: sqlite3.Connection, db: Path, today: dt.date) -> int:
    if not (args.out or args.docx or args.overview):
        print("error: say where to write the brief: --out FILE.pptx and/or --docx FILE.docx", file=sys.stderr)
        return 2
    try:
        day = dt.date.fromisoformat(args.meeting)
    except ValueError:
        print(f"error: --meeting must be a date YYYY-MM-DD, not {args.meeting!r}", file=sys.stderr)
        return 2
    params = {k: v for k, v in (("region", args.region), ("klynge", args.cluster)) if v}
    filters, notes = resolve(params, queries.choices(conn, today))
    if notes:
        print(f"error: {notes[0]}", file=sys.stderr)
        return 2
    known = fora(conn, filters, today)
    forum = forum_code(args.forum) or args.forum
    if forum not in known:
        print(f"error: unknown forum {args.forum!r}; choose one of {', '.join(known) or '(none loaded)'}",
              file=sys.stderr)
        return 2
    held = meetings(conn, filters, today)
    if day > today or any(m.forum == forum and m.day == day for m in held):
        pass  # a planned meeting, or one from the loaded minutes
    else:
        dates = ", ".join(m.day.isoformat() for m in held if m.forum == forum) or "none"
        print(f"error: {forum} has no meeting on {day.isoformat()} in the loaded minutes ({dates}); a planned "
              "meeting must lie after today", file=sys.stderr)
        return 2
    started = time.perf_counter()
    store = default_store(db)
    then_db, label = known_at(store, compared_since(held, forum, day))
    answer = brief(conn, filters, today, forum, day.isoformat(), then_db, label, loaded_files(store, conn),
                   float(settings.get("change_threshold")))
    written = []
    if args.out:
        title, subtitle = brief_title(answer)
        specs = brief_specs(conn, filters, today, answer)
        args.out.write_bytes(build_deck(specs, title, subtitle, settings.slides_template()))
        written.append(f"{args.out} ({len(specs) + 1} slides)")
    if args.docx:
        args.docx.write_bytes(brief_docx(answer))
        written.append(str(args.docx))
    if args.overview:
        everything = board(conn, filters, answer.changes.until)
        args.overview.write_bytes(overview_docx(everything.everything, everything.decisions,
                                                f"Overblik over indsatser i regi af sundhedsaftalen, "
                                                f"{date_long(day)}"))
        written.append(str(args.overview))
    print(f"wrote {', '.join(written)}: {len(answer.due)} initiatives due, {answer.changes.count} changes, "
          f"in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0
