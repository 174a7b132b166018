"""Which kind of source a file is, and parsing it as that kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from domain.formatting import date_short
from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table, read_indicator_table
from loaders.initiatives import looks_like_initiatives, parse_initiatives
from loaders.minutes import looks_like_minutes, parse_minutes
from loaders.reference import Reference
from loaders.status_report import looks_like_status_report, parse_status_report, region_of
from loaders.text import ZIP_MAGIC, read_bytes, read_text

KINDS = ("initiatives", "minutes", "status_report", "indicators")


def detect_kind(path: Path, data: bytes) -> str:
    if data.startswith(ZIP_MAGIC) or path.suffix.lower() in {".csv", ".xlsx", ".tsv"}:
        return "indicators"
    text = read_text(path, data)
    if looks_like_initiatives(text):
        return "initiatives"
    if looks_like_minutes(text):
        return "minutes"
    if looks_like_status_report(text):
        return "status_report"
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.count(";") >= 2 or first.count(",") >= 2 or first.count("\t") >= 2:
        return "indicators"
    raise UnreadableFile(str(path), "cannot tell what kind of document this is (not an initiative "
                         "overview, minutes, status report or indicator table); use --kind")


def parse_file(path: Path, ref: Reference, kind: str | None = None, indicator: str | None = None,
               stream: bool = False) -> dict[str, Any]:
    """Parse one source file; UnreadableFile when it cannot be read at all.

    With ``stream``, an indicator table's observations come as an iterator of tuples
    (see loaders.indicators.Observation) and its ``rejected`` list fills while it is read."""
    data = read_bytes(path)
    kind = kind or detect_kind(path, data)
    out: dict[str, Any] = {"kind": kind, "source": str(path), "title": path.name}
    if kind == "indicators" and stream:
        shape, observations, sink = read_indicator_table(path, data, ref, indicator)
        out.update({"shape": shape, "observation_rows": observations, "rejected": sink.rejected})
        return out
    if kind == "indicators":
        out.update(parse_indicator_table(path, data, ref, indicator))
        return out
    del out["title"]
    text = read_text(path, data)
    if kind == "initiatives":
        out.update(parse_initiatives(text))
        if not out["initiatives"]:
            raise UnreadableFile(str(path), "no initiative rows found under a 'Tid / Indsats' header")
    elif kind == "minutes":
        out.update(parse_minutes(text))
        if not out["items"]:
            raise UnreadableFile(str(path), "no agenda items found ('Punkt N:' or 'Sagnr.:' + 'N. title')")
    elif kind == "status_report":
        out.update(parse_status_report(text, ref))
    else:
        raise UnreadableFile(str(path), f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if not out.get("region"):
        out["region"] = region_of(text, ref)
    out.setdefault("title", document_title(kind, text, out))
    return out


def document_title(kind: str, text: str, parsed: dict[str, Any]) -> str:
    """A title a director recognises, for "Kilde:" lines."""


    if kind == "minutes":
        day = dt.date.fromisoformat(parsed["date"]) if parsed.get("date") else None
        return f"Referat, {parsed.get('forum') or 'ukendt forum'}, {date_short(day)}"
    lines = [line.strip("# \t\u00a0") for line in text.splitlines() if line.strip("# \t\u00a0")]
    first = lines[0] if lines else ""
    if kind == "status_report" and len(lines) > 1 and len(lines[1]) < 60:
        return f"{first.capitalize()} – {lines[1]}"
    first = first.split("/")[0].strip()
    return first if len(first) <= 90 else first[:90].rsplit(" ", 1)[0] + " …"
