"""Which agenda items concern which initiatives. Only strong evidence links:
the same case number, one title containing the other, or a named thing
(TeleHjerte, den midtjyske samarbejdsmodel, ...) in the item's title and in
the initiative's title or status. Shared ordinary words never link."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

_CASE_NO = re.compile(r"\b\d+(?:-\d+){3,}\b")
_CAMEL = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+[A-ZÆØÅ][A-Za-zÆØÅæøå]*\b")  # TeleHjerte, TeleKOL
_QUOTED = re.compile(r"[‘'\"”“»«]([^‘'\"”“»«]{4,80})[’'\"”“»«]")


def _norm(text: str) -> str:
    return re.sub(r"[^\wæøå0-9-]+", " ", text.lower()).strip()


def named_things(text: str, terms: Iterable[str]) -> set[str]:
    """Names in ``text``: listed terms, CamelCase names and quoted names."""
    found = {t.lower() for t in terms if re.search(r"(?<!\w)" + re.escape(t.lower()) + r"(?!\w)", text.lower())}
    found |= {m.lower() for m in _CAMEL.findall(text)}
    found |= {_norm(m) for m in _QUOTED.findall(text)}
    return found


def link_reason(item: dict[str, object], initiative: dict[str, object], terms: Iterable[str]) -> str | None:
    """Why an agenda item concerns an initiative, in Danish, or None."""
    if (initiative.get("kind") == "plan" and initiative.get("source_id") == item.get("source_id")
            and initiative.get("item") == item.get("number")):
        return "Indsatsen er hentet fra dette punkt"
    item_title = str(item.get("title") or "")
    ini_title = str(initiative.get("title") or "")
    ini_text = " ".join(str(initiative.get(k) or "") for k in ("title", "status", "action"))
    case_no = item.get("case_no")
    if case_no and case_no in _CASE_NO.findall(ini_text):
        return f"Samme sagsnummer {case_no}"
    a, b = _norm(item_title), _norm(ini_title)
    if len(b.split()) >= 4 and b in a or len(a.split()) >= 4 and a in b:
        return "Titlen indgår i punktets titel"
    shared = named_things(item_title, terms) & named_things(ini_text, terms)
    if shared:
        return "Begge nævner " + ", ".join(sorted(shared))
    return None


def decision_links(items: pd.DataFrame, initiatives: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """Pairs (item id, initiative key) with the reason they are linked."""
    terms = list(terms)
    rows = []
    for item in items.to_dict("records"):
        for ini in initiatives.to_dict("records"):
            reason = link_reason(item, ini, terms)
            if reason:
                rows.append({"item_id": item["id"], "initiative": ini["key"], "reason": reason})
    return pd.DataFrame(rows, columns=["item_id", "initiative", "reason"])
