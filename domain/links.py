"""Which agenda items concern which initiatives. A link needs evidence that names the initiative:

1. the initiative came from this item (an implementation plan in the minutes);
2. the same case number (in the initiative's texts and on the item);
3. one title contained in the other, when the contained title has at least MIN_CONTAINED_WORDS words;
4. a named thing (a CamelCase name such as TeleHjerte, a quoted name, or a listed term such as 1-1-2) in the
   initiative's TITLE and in the item's title.

A background term the initiative only mentions in its status or proposed action ("pauseret i forbindelse med
udarbejdelse af den midtjyske samarbejdsmodel") does not name it, and shared ordinary words never link."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

MIN_CONTAINED_WORDS = 4  # "Samarbejdsaftale om den gode indlæggelse …" links; "Hjælp til borgere" is too general
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
    if _contains(_norm(item_title), _norm(ini_title)) or _contains(_norm(ini_title), _norm(item_title)):
        return "Titlen indgår i punktets titel"
    shared = named_things(item_title, terms) & named_things(ini_title, terms)
    if shared:
        return "Begge nævner " + ", ".join(sorted(shared))
    return None


def _contains(longer: str, shorter: str) -> bool:
    """``shorter`` (normalised) stands in ``longer`` as whole words and is long enough to name something."""
    return len(shorter.split()) >= MIN_CONTAINED_WORDS and f" {shorter} " in f" {longer} "


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
