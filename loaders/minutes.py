"""Meeting minutes (referater) in two layouts.

- "Punkt N: title" layout: a header (REFERAT <forum> d. <date>, Mødedato,
  Mødested), a table of contents to skip, items whose sections (Indstilling,
  Sagsfremstilling, Beslutning, Bilag, RESUMÉ) come in either case and order;
  an item may repeat its title before a second run of sections.
- Web-portal layout: "Udvalg:", "Mødedato:", "Mødested:" lines, and items
  introduced by "Sagnr.: <case>" followed by "N. title".
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from domain.periods import parse_date
from loaders.text import paragraphs

_PUNKT = re.compile(r"^\s*Punkt\s+(\d+)\s*:\s*(\S.*?)\s*$")
_SAGNR = re.compile(r"^\s*Sag(?:s)?n(?:r|o)\.?\s*:?\s*(\S+)\s*$", re.I)
_NUMBERED = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*?)\s*$")
_CASE_NO = re.compile(r"^\s*(\d+(?:-\d+){3,})\s*$")
_SECTIONS = {
    "indstilling": "recommendation",
    "sagsfremstilling": "case_text",
    "beslutning": "decision",
    "bilag": "attachments",
    "resumé": "summary",
    "resume": "summary",
}
_HEADER_FIELD = re.compile(r"^\s*(?:[•*\-]\s*)?(Udvalg|Mødedato|Mødested|Forum)\s*:?\s+(\S.*?)\s*$", re.I)
_REFERAT = re.compile(r"^\s*(?:REFERAT|DAGSORDEN|BESLUTNINGSREFERAT)\s+(?:fra\s+)?(.+?)(?:\s+d\.\s+|\s+den\s+|\s*$)(.*)$", re.I)

# Decision kinds, strongest first: approval wins over discussion.
DECISION_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("approved", re.compile(
        r"\bgodkend|som indstillet|\btiltr(?:æder|ådt|ådte)\b|\bvedt(?:og|aget)\b|bakke op om|\bbakkede op\b", re.I)),
    ("postponed", re.compile(
        r"\budsat\b|\budsættes\b|\budskudt\b|\budskydes\b|genoptages på|behandles på (?:et )?(?:senere|næste) møde", re.I)),
    ("noted", re.compile(r"til efterretning|taget til orientering|til orientering\b", re.I)),
    ("discussed", re.compile(r"\bdrøft", re.I)),
]


def decision_kind(decision: str | None) -> str:
    """approved, postponed, noted, discussed or none, from a decision's text."""
    text = (decision or "").strip()
    if not text or re.fullmatch(r"[-–—.\s]*", text):
        return "none"
    for kind, rx in DECISION_RULES:
        if rx.search(text):
            return kind
    return "none"


def looks_like_minutes(text: str) -> bool:
    lines = text.splitlines()
    return any(_PUNKT.match(line) for line in lines) or (
        sum(1 for line in lines if _SAGNR.match(line)) >= 1
        and any(_HEADER_FIELD.match(line) for line in lines)
    )


def _heading(line: str) -> str | None:
    key = line.strip().rstrip(":").strip().lower()
    key = re.sub(r"^\*\*(.*)\*\*$", r"\1", key)
    return _SECTIONS.get(key)


def _attachment_names(lines: list[str]) -> list[str]:
    names = []
    for line in lines:
        text = line.strip()
        text = re.sub(r"^[-•*]\s*", "", text)
        text = re.sub(r"\[(.*?)\]\([^)]*\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")
        text = re.sub(r"\*\*(.*?)\*\*", r"\1", text).strip()
        text = re.sub(r"^Bilag\s*:\s*", "", text, flags=re.I)
        if text and text not in {"-", "–"}:
            names.append(text)
    return names


def _similar(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _item(number: int, title: str, case_no: str | None, body: list[str]) -> dict[str, Any]:
    parts: dict[str, list[str]] = {k: [] for k in ("preamble", "recommendation", "case_text", "decision", "attachments", "summary")}
    current = "preamble"
    for i, line in enumerate(body):
        if current == "preamble" and case_no is None and _CASE_NO.match(line):
            case_no = _CASE_NO.match(line)[1]  # type: ignore[index]
            continue
        section = _heading(line)
        if section:
            current = section
            continue
        # A repeated title right before a new run of sections is not text.
        nxt = next((b for b in body[i + 1:] if b.strip()), "")
        if line.strip() and _heading(nxt) and _similar(line, title):
            continue
        parts[current].append(line)
    preamble = paragraphs(parts["preamble"])
    recommendation = paragraphs(parts["recommendation"])
    case_text = paragraphs(parts["case_text"])
    if preamble:
        if re.search(r"indstill", preamble, re.I) and not recommendation:
            recommendation = preamble
        else:
            case_text = "\n\n".join(filter(None, [preamble, case_text]))
    decision = paragraphs(parts["decision"])
    attachments = list(dict.fromkeys(_attachment_names(parts["attachments"])))
    return {
        "number": number,
        "title": re.sub(r"\s+", " ", title).strip(),
        "case_no": case_no,
        "summary": paragraphs(parts["summary"]) or None,
        "recommendation": recommendation,
        "case_text": case_text,
        "decision": decision,
        "decision_kind": decision_kind(decision),
        "attachments": attachments,
    }


def _header(lines: list[str]) -> dict[str, Any]:
    forum = place = None
    date = None
    for line in lines[:60]:
        m = _HEADER_FIELD.match(line)
        if m:
            key, value = m[1].lower(), m[2]
            if key in ("udvalg", "forum") and not forum:
                forum = value
            elif key == "mødedato" and not date:
                date = parse_date(value)
            elif key == "mødested" and not place:
                place = value
            continue
        m = _REFERAT.match(line)
        if m and not forum:
            forum = m[1].strip()
            date = date or parse_date(m[2])
    return {"forum": forum, "date": date.isoformat() if date else None, "place": place}


def _split_punkt(lines: list[str]) -> list[dict[str, Any]]:
    starts = [(i, int(m[1]), m[2]) for i, line in enumerate(lines) for m in [_PUNKT.match(line)] if m]
    items = []
    for k, (i, number, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        items.append(_item(number, title, None, lines[i + 1:end]))
    return items


def _split_portal(lines: list[str]) -> list[dict[str, Any]]:
    starts: list[tuple[int, int, str, str | None]] = []
    pending_case: str | None = None
    expected = 1
    for i, line in enumerate(lines):
        m = _SAGNR.match(line)
        if m:
            pending_case = m[1]
            continue
        m = _NUMBERED.match(line)
        if m and (pending_case is not None or int(m[1]) == expected):
            nxt = next((x for x in lines[i + 1:] if x.strip()), "")
            if pending_case is not None or _heading(nxt) or re.search(r"indstiller", nxt, re.I):
                starts.append((i, int(m[1]), m[2], pending_case))
                expected = int(m[1]) + 1
                pending_case = None
                continue
    items = []
    for k, (i, number, title, case) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = [x for x in lines[i + 1:end] if not _SAGNR.match(x)]
        items.append(_item(number, title, case, body))
    return items


_PLAN_GROUPS = [
    ("lead", re.compile(r"^\s*LEAD", re.I)),
    ("free", re.compile(r"^\s*Frie indsatser", re.I)),
    ("joint", re.compile(r"^\s*Fælles indsatser", re.I)),
]


def plan_initiatives(case_text: str) -> list[dict[str, str]]:
    """Initiatives of an implementation plan: bullets under "Fælles indsatser",
    "LEAD-indsatser …" and "Frie indsatser …" headings."""
    found = []
    group: str | None = None
    for para in case_text.split("\n\n"):
        head = next((g for g, rx in _PLAN_GROUPS if rx.match(para) and len(para) < 80), None)
        if head:
            group = head
            continue
        if group and para.startswith("- "):
            found.append({"group": group, "title": para[2:].strip()})
        elif group and found and found[-1]["group"] == group:
            group = None  # prose after the group's bullets ends the group
    return found


def parse_minutes(text: str) -> dict[str, Any]:
    lines = text.splitlines()
    meeting = _header(lines)
    items = _split_punkt(lines) if any(_PUNKT.match(line) for line in lines) else _split_portal(lines)
    plan = []
    for item in items:
        for entry in plan_initiatives(item["case_text"]):
            plan.append({**entry, "item": item["number"]})
    return {**meeting, "items": items, "plan_initiatives": plan, "rejected": []}
