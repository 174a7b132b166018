"""Which kind of source a file is, and parsing it as that kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table
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


def parse_file(path: Path, ref: Reference, kind: str | None = None, indicator: str | None = None) -> dict[str, Any]:
    """Parse one source file; UnreadableFile when it cannot be read at all."""
    data = read_bytes(path)
    kind = kind or detect_kind(path, data)
    out: dict[str, Any] = {"kind": kind, "source": str(path)}
    if kind == "indicators":
        out.update(parse_indicator_table(path, data, ref, indicator))
        return out
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
    return out
