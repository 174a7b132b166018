"""The Mødebrief as slides: what changed since the forum's previous meeting, the initiatives due, the KPIs and
the run charts of the indicators that changed. Everything comes from views.meeting.Brief, the same answer
the page and the Word brief show; the slides follow the standard deck's rules (slides.render)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import replace

from domain.filters import Filters
from domain.formatting import date_long, date_short
from slides.spec import SlideSpec
from slides.standard import indicator_slide, kpi_slide
from views.meeting import Brief

ROWS_PER_SLIDE = 7  # table slides stay readable from the back of a meeting room
CELL = 150  # characters a table cell may hold before it is shortened at a word


def cell(text: str, n: int = CELL) -> str:
    """``text`` whole, or cut at the last whole word before ``n`` characters with " …"."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"


def _pages(rows: Sequence[tuple[str, ...]]) -> list[Sequence[tuple[str, ...]]]:
    return [rows[i:i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)] or [[]]


def _numbered(title: str, page: int, pages: int) -> str:
    return title if pages == 1 else f"{title} ({page}/{pages})"


def brief_specs(conn: sqlite3.Connection, filters: Filters, today: dt.date, answer: Brief) -> list[SlideSpec]:
    """The brief deck's slides (after the title slide)."""
    context = f"{answer.forum_name} · møde {date_short(answer.meeting)} · {answer.region}"
    specs: list[SlideSpec] = []
    short = {"Indsatser der har skiftet status": "Status", "Forfaldne og overskredne indsatser": "Forfald",
             "Nye og ændrede beslutninger": "Beslutning", "Indikatorer": "Indikator", "Data indlæst siden": "Data"}
    changes = [(short.get(heading, heading), cell(c.text)) for heading, lines in answer.changes.sections for c in lines]
    generated = {cell(c.text) for _, lines in answer.changes.sections for c in lines if c.demo}
    if not changes:
        changes = [("–", "Ingen ændringer siden sidste møde i de indlæste data.")]
    pages = _pages(changes)
    for i, rows in enumerate(pages, start=1):
        # A slide with a line about generated numbers carries the EKSEMPELDATA mark, as the page's line does.
        specs.append(SlideSpec("brief:changes", _numbered("Siden sidste møde", i, len(pages)), "table", context,
                               data_date=answer.changes.heading, columns=("Emne", "Ændring"), rows=tuple(rows),
                               notes=answer.changes.basis, demo=any(text in generated for _, text in rows)))
    due = [(cell(d.title, 90), d.time or "–", d.status, cell(d.action or "–", 120)) for d in answer.due]
    if due:
        pages = _pages(due)
        for i, rows in enumerate(pages, start=1):
            specs.append(SlideSpec("brief:due", _numbered(f"Indsatser til mødet {date_short(answer.meeting)}", i,
                                                          len(pages)), "table", context,
                                   data_date=f"Tidsvindue slutter senest {date_short(answer.meeting)}",
                                   columns=("Indsats", "Tid", "Status", "Forslag til handling"), rows=tuple(rows)))
    at = replace(filters, last=answer.kpi_last)
    specs.append(kpi_slide(conn, at, answer.changes.until))
    for change in next((lines for heading, lines in answer.changes.sections if heading == "Indikatorer"), ()):
        indicator = dict(change.params).get("indikator")
        spec = indicator_slide(conn, at, answer.changes.until, indicator) if indicator else None
        if spec is not None:
            specs.append(spec)
    return specs


def brief_title(answer: Brief) -> tuple[str, str]:
    """The title slide's title and subtitle."""
    where = f" · {answer.place}" if answer.place else ""
    return f"Mødebrief: {answer.forum_name}", f"Møde {date_long(answer.meeting)}{where}"
