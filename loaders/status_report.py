"""Status reports (midtvejsstatus): agreements by theme with their
"Status pr. <period>" text, the indicator table with trend arrows, and
influenza vaccination coverage by season.

Headings are found through the report's own table of contents: a body line
that matches a contents entry is a heading; in capitals it is a theme.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from domain.periods import window_for_phrase
from loaders.errors import BadNumber, RowRejected
from loaders.numbers import parse_number
from loaders.reference import Reference, norm
from loaders.text import paragraphs

# The title ends where its run of tabs begins (a title ending in a tab never matched first anyway); possessive
# runs keep a 3 KB run of tabs linear (backtracking over it took minutes).
_TOC_LINE = re.compile(r"^(\S.*?)(?<!\t)\t++\s*+(\d+)\s*$")
_MAX_TOC_LINE = 500  # a contents entry is a heading, a run of tabs and a page number: never longer than this
# The period is what follows, without its trailing blanks (stripped in Python: a lazy "(.+?)\s*$" looked for
# the end from every character of a long run of blanks, quadratic).
_STATUS = re.compile(r"^\s*Status pr\.?\s+(.+)$", re.I)
_BLANKS = re.compile(r"\s+")
_MEANING = re.compile(r"^\s*Betydning for")
_VALUE = re.compile(r"^\s*(\d+(?:,\d+)?)\s*(?:ud af \d+)?")  # "3,8 ud af 5 (Årsresultat for LUP 2020)"
_YEAR_END = re.compile(r"(?:19|20)\d\d")
_ARROWS = {"↑": "up", "↓": "down", "→": "flat"}
_QUARTER_HEAD = re.compile(r"([1-4])\.\s*kv(?:r)?t\.?\s*((?:19|20)\d\d)", re.I)
_SEASON = re.compile(r"sæsonen\s+((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)", re.I)
_PERCENT = re.compile(r"(\d{1,3}(?:,\d+)?)\s*%")


def looks_like_status_report(text: str) -> bool:
    # Blanks before it within its line ("\s*" would run over every blank line from every line start: quadratic).
    return bool(re.search(r"^[^\S\n]*Status pr\.", text, re.M)) and bool(re.search(r"status", text[:2000], re.I))


def _toc_line(line: str) -> re.Match[str] | None:
    return _TOC_LINE.match(line.strip("\u00a0 ")) if len(line) <= _MAX_TOC_LINE else None


def _status(line: str) -> str | None:
    """The period after "Status pr.", as ``^\\s*Status pr\\.?\\s+(.+?)\\s*$`` would capture it."""
    m = _STATUS.match(line)
    return (m[1].rstrip() or m[1][-1:]) if m else None


def _toc(lines: list[str]) -> list[str]:
    entries = []
    for line in lines[:200]:
        m = _toc_line(line)
        if m:
            entries.append(re.sub(r"\s+", " ", m[1]).strip())
    return entries


def _match_toc(line: str, toc: list[str]) -> str | None:
    if "\t" in line or not line.strip():
        return None
    text = _BLANKS.sub(" ", line.replace("\u00a0", " ")).strip()
    if len(text) > 160:
        return None
    for entry in toc:
        if text.lower() == entry.lower():
            return entry
    best = difflib.get_close_matches(text.lower(), [e.lower() for e in toc], n=1, cutoff=0.9)
    return next((e for e in toc if e.lower() == best[0]), None) if best else None


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _agreements(lines: list[str], toc: list[str]) -> list[dict[str, Any]]:
    agreements: list[dict[str, Any]] = []
    theme: str | None = None
    current: dict[str, Any] | None = None
    bucket = "description"
    body: dict[str, list[str]] = {}

    def close() -> None:
        if current is not None:
            current["description"] = paragraphs(body["description"]).split("\n\n")[0] if body["description"] else ""
            current["status_text"] = paragraphs(body["status"]) or None
            agreements.append(current)

    for number, line in enumerate(lines, start=1):
        if number <= len(lines) and _toc_line(line):
            continue
        entry = _match_toc(line, toc)
        if entry and _is_caps(line.strip()):
            close()
            current = None
            theme = entry
            continue
        if entry and theme:
            close()
            current = {"theme": theme, "title": re.sub(r"\s+", " ", line).strip(), "line": number,
                       "status_label": None, "status_start": None, "status_end": None}
            body = {"description": [], "status": []}
            bucket = "description"
            continue
        if current is None:
            continue
        period = _status(line)
        if period is not None:
            current["status_label"] = f"Status pr. {period}"
            window = window_for_phrase(period)
            current["status_start"] = window[0].isoformat() if window else None
            current["status_end"] = window[1].isoformat() if window else None
            bucket = "status"
            continue
        if _MEANING.match(line):
            bucket = "other"
            continue
        if bucket in body:
            body[bucket].append(line)
    close()
    return agreements


def _indicator_table(lines: list[str], ref: Reference, region: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    observations: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    period: str | None = None
    trend_label = None
    in_table = False
    for number, line in enumerate(lines, start=1):
        cells = [c.replace("\u00a0", " ").strip() for c in line.split("\t")]
        if len(cells) >= 2 and cells[0].lower() == "indikator":
            m = _QUARTER_HEAD.search(cells[1])
            period = f"{m[2]}-Q{m[1]}" if m else None
            trend_label = cells[2] if len(cells) > 2 else None
            in_table = True
            continue
        if not in_table:
            continue
        if len(cells) < 2 or not cells[0]:
            if line.strip():
                in_table = False
            continue
        try:
            indicator = ref.indicator(cells[0])
        except RowRejected as exc:
            rejected.append({"line": number, "reason": str(exc)})
            continue
        value_cell = cells[1] if len(cells) > 1 else ""
        rest = " ".join(cells[2:])
        arrow = next((name for sym, name in _ARROWS.items() if sym in rest), None)
        row_period = period
        if not value_cell:
            # A value with its own period, e.g. "3,8 ud af 5 (Årsresultat for LUP 2020)".
            found = _value_and_year(rest)
            if found is None:
                rejected.append({"line": number, "reason": f"no value for '{cells[0]}'"})
                continue
            value_cell, row_period = found[0], (found[1] or period)
            arrow = None
        try:
            value = parse_number(value_cell)
        except BadNumber as exc:
            rejected.append({"line": number, "reason": str(exc)})
            continue
        if row_period is None:
            rejected.append({"line": number, "reason": "the table header names no period"})
            continue
        observations.append({
            "indicator": indicator, "geo_level": "region", "geo_code": region,
            "geo": ref.places[region].name, "period": row_period, "value": value,
            "arrow": arrow, "arrow_period": trend_label if arrow else None, "line": number,
        })
    return observations, rejected


def _value_and_year(rest: str) -> tuple[str, str | None] | None:
    """The value and the year that ends the cell ("3,8 ud af 5 (Årsresultat for LUP 2020)" → 3,8 and 2020), as
    ``^\\s*(\\d+(?:,\\d+)?)\\s*(?:ud af \\d+)?.*?((?:19|20)\\d\\d)?\\)?\\s*$`` matches it; the end looked at
    from the end (the lazy ``.*?`` tried it from every character: quadratic in a long run of blanks)."""
    m = _VALUE.match(rest)
    if not m:
        return None
    tail = rest[m.end():].rstrip()
    tail = tail[:-1] if tail.endswith(")") else tail
    return m[1], (tail[-4:] if len(tail) >= 4 and _YEAR_END.fullmatch(tail[-4:]) else None)


def _influenza(lines: list[str], ref: Reference, region: str) -> list[dict[str, Any]]:
    if "influenza_vaccination_65plus" not in ref.indicators:
        return []
    found = []
    for number, line in enumerate(lines, start=1):
        if not re.search(r"vaccin", line, re.I):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            seasons, percents = _SEASON.findall(sentence), _PERCENT.findall(sentence)
            if len(seasons) == 1 and len(percents) == 1 and int(seasons[0][1]) == int(seasons[0][0]) + 1:
                found.append({
                    "indicator": "influenza_vaccination_65plus", "geo_level": "region",
                    "geo_code": region, "geo": ref.places[region].name,
                    "period": f"{seasons[0][0]}-S", "value": parse_number(percents[0]),
                    "arrow": None, "arrow_period": None, "line": number,
                })
    return found


def region_of(text: str, ref: Reference) -> str | None:
    """The region a document is about: the one whose name it mentions most."""
    counts = {}
    for place in ref.regions():
        stem = norm(place.name).replace("region ", "")[:8]
        counts[place.code] = len(re.findall(re.escape(stem), norm(text)))
    best = max(counts, key=lambda code: counts[code], default=None)
    return best if best and counts[best] else None


def parse_status_report(text: str, ref: Reference) -> dict[str, Any]:
    lines = text.splitlines()
    toc = _toc(lines)
    region = region_of(text, ref)
    agreements = [a for a in _agreements(lines, toc)]
    themes = {a["theme"] for a in agreements}
    observations: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    if region:
        observations, rejected = _indicator_table(lines, ref, region)
        observations += _influenza(lines, ref, region)
    else:
        rejected.append({"line": 1, "reason": "cannot tell which region the report is about"})
    return {"region": region, "themes": sorted(themes, key=lambda t: [a["theme"] for a in agreements].index(t)),
            "agreements": agreements, "observations": observations, "rejected": rejected}
