"""The initiative overview ("Overblik over indsatser"): a tab-separated table
in numbered sections, as text taken from a PDF.

Page breaks repeat the header and split rows; a split row continues the one
before it when its time cell is empty, when it completes a cut time phrase
("2. kvartal" + "2025"), or when its title starts in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from domain.periods import dates_in_text, is_incomplete_phrase, window_for_phrase

FORUMS = [
    ("SSU", re.compile(r"\bSSU\b|Sundhedssamarbejdsudvalg", re.I)),
    ("SSG", re.compile(r"\bSSG\b|Sundhedsstyregruppe", re.I)),
    ("SDK", re.compile(r"Sundhedsdirektørkreds", re.I)),
    ("SKU", re.compile(r"Sundhedskoordinationsudvalg", re.I)),
]
_SECTION = re.compile(r"^\s*(?:#+\s*)?(\d)\.\s+(\S.*)$")
_COLUMNS = 4


def is_header(cells: list[str]) -> bool:
    return len(cells) >= 2 and cells[0].strip().lower() == "tid" and cells[1].strip().lower().startswith("indsats")


def looks_like_initiatives(text: str) -> bool:
    return any(is_header(line.split("\t")) for line in text.splitlines())


def forum_of(heading: str) -> str | None:
    """The forum a section heading names first."""
    hits = [(m.start(), name) for name, rx in FORUMS for m in [rx.search(heading)] if m]
    return min(hits)[1] if hits else None


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


_LONG = 1000  # a time cell longer than this names no window (domain.periods reads at most 200 characters)


@dataclass
class _Row:
    """A table row: each cell as its pieces (a row split by page breaks grows a piece a line, joined once at
    the end; joining the whole cell again for each line was quadratic in a row of many pieces)."""

    line: int
    section: int
    section_title: str
    forum: str | None
    parts: list[list[str]] = field(default_factory=list)
    time: str = ""  # the time cell as text while it is short (what the continuation rules read), else ""

    def add(self, cells: list[str]) -> None:
        for part, cell in zip(self.parts, cells):
            text = clean(cell)
            if text:
                part.append(text)
        if clean(cells[0]) and (self.time or len(self.parts[0]) == 1):  # once long, a cell stays long
            self.time = " ".join(self.parts[0]) if len(self.time) + len(self.parts[0][-1]) < _LONG else ""

    @property
    def cells(self) -> list[str]:
        return [" ".join(part) for part in self.parts]


def _row(line: int, section: tuple[int, str, str | None], cells: list[str]) -> _Row:
    row = _Row(line, section[0], section[1], section[2], [[] for _ in cells])
    row.add(cells)
    return row


def _starts_lower(text: str) -> bool:
    text = text.strip()
    return bool(text) and text[0].islower()


def _is_continuation(prev: _Row | None, cells: list[str], after_break: bool) -> bool:
    if prev is None:
        return False
    time, title = cells[0].strip(), cells[1].strip()
    if not time:
        return not title or _starts_lower(title) or after_break
    if is_incomplete_phrase(prev.time) and window_for_phrase(f"{prev.time} {time}"):
        return True
    return _starts_lower(title) and after_break


def parse_initiatives(text: str) -> dict[str, Any]:
    rows: list[_Row] = []
    rejected: list[dict[str, Any]] = []
    section: tuple[int, str, str | None] | None = None
    seen_header = False
    after_break = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if "\t" not in raw:
            m = _SECTION.match(raw)
            if m:
                section = (int(m[1]), clean(m[2]), forum_of(m[2]))
                seen_header = False
                continue
            if not raw.strip():
                after_break = after_break or bool(rows)
                continue
            if not seen_header:
                continue  # text around the tables
            # Inside a table: a row whose tabs became spaces (copied from a PDF or an e-mail) keeps its
            # cells where they are at least two spaces apart; otherwise it is rejected, never dropped.
            spaced = ([""] if re.match(r"\s{2,}\S", raw) else []) + re.split(r" {2,}", raw.strip())
            if not 2 <= len(spaced) <= _COLUMNS:
                rejected.append({"line": number, "reason": "a table line without columns (no tabs, nor two or "
                                                           "more spaces between the cells): cannot tell time, "
                                                           "initiative, status and action apart"})
                continue
            raw = "\t".join(spaced)
        cells = raw.split("\t")
        if is_header(cells):
            after_break = seen_header
            seen_header = True
            continue
        if len(cells) > _COLUMNS and any(c.strip() for c in cells[_COLUMNS:]):
            rejected.append({"line": number, "reason": f"expected {_COLUMNS} columns, found {len(cells)}"})
            continue
        cells = (cells + [""] * _COLUMNS)[:_COLUMNS]
        if not any(c.strip() for c in cells):
            continue
        if section is None:
            rejected.append({"line": number, "reason": "table row before any numbered section heading"})
            continue
        prev = rows[-1] if rows and rows[-1].section == section[0] else None
        if _is_continuation(prev, cells, after_break):
            assert prev is not None
            prev.add(cells)
        else:
            rows.append(_row(number, section, cells))
        after_break = False
    initiatives = []
    for row in rows:
        time, title, status, action = row.cells
        window = window_for_phrase(time)
        days = dates_in_text(" ".join([title, status, action]))
        initiatives.append({
            "section": row.section,
            "section_title": row.section_title,
            "forum": row.forum,
            "time": time,
            "start": window[0].isoformat() if window else None,
            "end": window[1].isoformat() if window else None,
            "title": title,
            "status": status,
            "action": action,
            "dates": [d.isoformat() for d in days],
            "line": row.line,
        })
    return {"initiatives": initiatives, "rejected": rejected}
