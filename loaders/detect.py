"""Which kind of source a file is, and parsing it as that kind."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from domain.formatting import date_short
from loaders.documents import container, document_text
from loaders.errors import UnreadableFile
from loaders.figures import read_figures
from loaders.indicators import parse_indicator_table, read_indicator_table
from loaders.initiatives import looks_like_initiatives, parse_initiatives
from loaders.minutes import looks_like_minutes, parse_minutes
from loaders.reference import Reference
from loaders.status_report import looks_like_status_report, parse_status_report, region_of
from loaders.text import read_bytes

KINDS = ("initiatives", "minutes", "status_report", "indicators")
_DETECT_BYTES = 256 * 1024


def detect_kind(path: Path, data: bytes, text: str | None = None) -> str:
    """The kind of source, from the content whatever the file is called."""
    if container(path, data) == "xlsx":
        return "indicators"
    text = document_text(path, data) if text is None else text
    if looks_like_initiatives(text):
        return "initiatives"
    if looks_like_minutes(text):
        return "minutes"
    if looks_like_status_report(text):
        return "status_report"
    if looks_like_table(text):
        return "indicators"
    raise UnreadableFile(str(path), "cannot tell what kind of document this is (not an initiative "
                         "overview, minutes, status report or indicator table); use --kind")


def looks_like_table(text: str) -> bool:
    """Most of the first lines split into the same number of columns by one delimiter (a title line or
    two above the header may not). Prose has commas too, but not the same number on every line. Or a
    run of at least three lines in a row splits alike (a table's body between a title and a footer,
    ``Kilde: Danmarks Statistik, …``): by ``;`` or a tab into two cells or more, by ``,`` into three or more."""
    lines = [line for line in text.split("\n", 200)[:200] if line.strip()][:30]
    for delimiter in (";", "\t", ","):
        counts = Counter(line.count(delimiter) for line in lines)
        columns, rows = max(counts.items(), key=lambda item: (item[1], item[0]))
        if columns >= 1 and rows >= max(2, 0.6 * len(lines)) or (len(lines) == 1 and columns >= 2):
            return True
        least = 1 if delimiter != "," else 2
        run, previous = 0, -1
        for line in lines:
            n = line.count(delimiter)
            run = run + 1 if n == previous and n >= least else 1
            previous = n
            if run >= 3:
                return True
    return False


def parse_file(path: Path, ref: Reference, kind: str | None = None, indicator: str | None = None,
               stream: bool = False) -> dict[str, Any]:
    """Parse one source file (text, PDF, Word, CSV or XLSX); UnreadableFile when it cannot be read at all.

    With ``stream``, an indicator table's observations come as an iterator of tuples
    (see loaders.indicators.Observation) and its ``rejected`` list fills while it is read, and a
    document's text comes along under ``text`` (the build checks quoted key figures against it)."""
    data = read_bytes(path)
    fmt = container(path, data)
    text = document_text(path, data) if fmt in ("pdf", "docx") else None
    if kind is None:
        # A text file's kind shows in its first lines: a million-row extract is not decoded twice for it.
        sample = text if fmt != "text" else document_text(path, data[:_DETECT_BYTES])
        kind = detect_kind(path, data, sample)
    if fmt == "text" and kind != "indicators":
        text = document_text(path, data)
    out: dict[str, Any] = {"kind": kind, "source": str(path), "title": path.name}
    if kind == "indicators":
        # A table in a PDF or Word file arrives as tab-separated lines, read like a CSV file.
        table = data if fmt in ("xlsx", "text") else (text or "").encode("utf-8")
        if stream:
            shape, observations, sink = read_indicator_table(path, table, ref, indicator)
            out.update({"shape": shape, "observation_rows": observations, "rejected": sink.rejected})
        else:
            out.update(parse_indicator_table(path, table, ref, indicator))
        return out
    del out["title"]
    if text is None:
        raise UnreadableFile(str(path), f"an Excel workbook holds indicator tables, not {kind}")
    if kind == "initiatives":
        out.update(parse_initiatives(text))
        if not out["initiatives"]:
            raise UnreadableFile(str(path), "no initiative rows found under a 'Tid / Indsats' header")
    elif kind == "minutes":
        out.update(parse_minutes(text))
        if not out["items"]:
            raise UnreadableFile(str(path), "no agenda items found (headings such as 'Punkt 1:', 'Pkt. 1', "
                                            "'1. Title' or 'Sag 1')")
    elif kind == "status_report":
        out.update(parse_status_report(text, ref))
    else:
        raise UnreadableFile(str(path), f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if not out.get("region"):
        out["region"] = region_of(text, ref)
    if kind == "minutes":  # the key figures its sentences state, for the measures of the reference
        figures = read_figures(text, out["items"], ref.measures, ref.place_names(), out["region"], out.get("date"))
        named = {ref.places[f["place"]].region for f in figures if f["place"] in ref.places}
        if out["region"] is None and len(named) == 1:  # minutes naming no region: the region of the places named
            figures = [f | {"place": f["place"] or next(iter(named))} for f in figures]
        out["figures"] = figures
    out.setdefault("title", document_title(kind, text, out))
    if stream:
        out["text"] = text
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
