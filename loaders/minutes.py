"""Meeting minutes (referater) in the common layouts of Danish regional and municipal committees.

The text is plain: a .txt file, or what loaders.documents makes of PDF and Word (one paragraph or line
a line, a table row as its cells joined by tabs, blank lines between PDF pages). Reading goes in steps:

1. Cleaning (`_clean`): portal noise ("fold dette punkt ind", "Til toppen", "Dok.nr.: …", "Åbent")
   and PDF page furniture ("Side 3 af 12" and the running header printed next to it at every page)
   become blank lines, and a heading printed twice in a row is read once. Line numbers stay the
   source's.
2. Decision tables (`_decision_tables`): a header row with a "Beslutning" column and a "Pkt." or
   "Emne" column; rows split across a page break are joined (the continuation has no number).
3. Item headings (`_item_starts`): "Punkt N: title", "Pkt. N title", "Sag N", "Ad pkt. N",
   "Dagsordenspunkt N" (title on the line or the next one). When a document has none of those,
   "N. title" lines are headings when something marks them as such (a case number line before or
   after, a section heading or portal noise right after), taking the best rising run of numbers, so
   numbered lists in the text and tables of contents are not items. "Punkt 5a" or a heading without
   a title still ends the item before it, and goes to "rejected"; "Punkt 5.1" is part of item 5.
   "1.Meddelelser" and "38Godkendelse af dagsorden" are such lines too; a title's final full stop
   ("16. Eventuelt.") speaks against a heading only when no section heading follows. A list of the items
   before them (a table of contents, or bullets "• Pkt. 17 Budget 2024") is no item. When there is no
   heading of any of those forms, the document's structure may still prove its headings (`_titled_starts`):
   title lines ("1 Præsentation af …" without a dot, or no number at all) that each stand right over the
   item's sections, the opening section coming again under every next title, each item with a decision
   heading, two items or more, numbers (where there are any) rising by one; one line alone is never a heading.
4. Case numbers (`_case_numbers`): "Sagnr.:", "Sagsnr.", "Journalnr.", "J.nr." (also on one line with
   "Dok.nr." and "Åbent", or the value on the next line), or a bare "1-30-72-103-19" line; portals put
   them before the heading, others after it, and the document's own habit decides. "Sag nr. 24" right
   under or over an item heading with a title is the item's reference, not a heading of its own.
5. Sections (`_item`): headings alone on a line or inline ("Beslutning: Godkendt."), in any case and
   order, combined ("Beslutning/konklusion", "Drøftelse og beslutning", "Beslutning (referat)"), also with
   a forum and a date ("Beslutning i Sundhedsudvalget den 21-08-2012", "Behandling
   i Sundhedsstyregruppen pkt. 1", "Forretningsudvalgets beslutning den 8. november 2022:"), or naming
   forum, date and item without the word ("Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 15").
   Sub-headings of the case text ("Økonomi", "Baggrund", "Kompetence: …") stay in the case text and never
   end a decision. When an item holds decisions of several forums each keeps its heading in the text, and
   the kind is taken from the meeting's own forum (else the decision dated the meeting's day, else the
   last): an earlier committee's decision, before or after it, never decides it. A repeated
   item title is skipped only before the sections or between two runs of sections, never under a
   Beslutning heading unless it is the title itself followed by a new run (Resumé/Indstilling/
   Sagsfremstilling).
6. The header (`_header`): labelled fields ("Mødedato: …", "Mødedato" with the value on the next line,
   "UDVALG" / "STED" / "STARTTIDSPUNKT"), a title line ("REFERAT Sundhedsstyregruppen d. 14-11-2025",
   "Sundhedsudvalget - Referat - 25. oktober 2016", "Social og sundheds møde den 17. april 2023") or a
   block ("Referat / til / mødet i Forretningsudvalget / den 21. maj 2013 kl. 10:00 / i Konferencelokalet",
   KL/KKR's "Dagsorden og referat / KKR Midtjylland / Onsdag den 15. januar 2025 kl. 09.30 / Scandic Aarhus City");
   a forum's name and the day alone ("Sundheds- og Kulturudvalget 9. marts 2022", "Regionsrådet 24-11-2020
   13:00"); dates also month first ("Torsdag, Marts 3, 2016 - 08:00", "Thursday, March 3, 2016"); a forum's
   period ("Sundhedsudvalget (2018-2021)") is no part of its name; "Mødelokale 20" is the place as a whole.
   What is still missing comes from the decision headings: the forum named most often (among as many, the
   one with the latest day) and its date.
7. Minutes with no section heading at all ("Ad 1. Godkendelse af dagsorden" / "Godkendt.") record
   under each item what was decided: that text is the item's decision. "N. title" lines count as
   headings there when they stand alone (not inside a numbered list).

Decision kinds are domain rules (domain.decisions.decision_kind, re-exported here).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from domain.decisions import decision_kind
from domain.periods import MONTHS, parse_date
from loaders.text import paragraphs

__all__ = ["decision_kind", "looks_like_minutes", "parse_minutes", "plan_initiatives", "section_heading"]

_MAX_HEADING = 200  # longer lines are text, never headings or labels

# --- cleaning ------------------------------------------------------------------------------------

# Runs of spaces and odd spaces (a single plain space is left alone: replacing every one made long lines slow).
_SPACES = re.compile(r"[ \u00a0\u2007\u202f\u200b]{2,}|[\u00a0\u2007\u202f\u200b]")
_ODD_SPACE = re.compile(r"[\u00a0\u2007\u202f\u200b]")  # a one-character class scans fast: most lines skip _SPACES
_NOISE_PREFIX = re.compile(
    r"^(?:fold\s+(?:dette\s+punkt|punktet|alle\s+punkter)(?:\s+(?:ind|ud))?|(?:luk|åbn|vis|skjul)\s+alle\s+punkter)"
    r"(?![\wæøå])\s*", re.I)
_NOISE_LINE = re.compile(
    r"^(?:(?:tilbage\s+)?til\s+top(?:pen)?|gå\s+til\s+toppen|se\s+alle|vis\s+alle|skjul\s+alle|vis\s+mere|læs\s+mere"
    r"|print|udskriv(?:\s+punkt|\s+referat)?|download(?:\s+pdf)?|åben|åbent|åben\s+sag|åbent\s+punkt|lukket|del"
    r"|dok\.?\s?nr\.?\s*[:\t]?\s*\S*)$", re.I)
_PAGE_ONLY = re.compile(r"^(?:side\s+\d{1,4}(?:\s*(?:af|/|ud\s+af)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])$", re.I)
_PAGE_AT_END = re.compile(r"(?:^|\s|[|–—-])Side\s+\d{1,4}\s*(?:af|/)\s*\d{1,4}$")
_FORUM_WORD = re.compile(
    r"udvalg|styregrupp|råd(?:et)?\b|kreds|bestyrelse|forum|komit[eé]|gruppe|direktion|sekretariat|forsamling"
    r"|\bKKR\b",  # KKR: Kommunekontaktrådet
    re.I)
_DOC_WORD = re.compile(r"\b(?:referat|dagsorden|beslutningsprotokol|region|kommune)", re.I)


def _plain(line: str) -> str:
    """A line as it is classified: spaces collapsed (tabs kept), markup, bullets and noise prefix gone."""
    text = _SPACES.sub(" ", line) if "  " in line or _ODD_SPACE.search(line) else line
    text = re.sub(r"^(\s*)Indholdsfortegnelse(?=\d{1,3}\.\s)", r"\1", text)  # "Indholdsfortegnelse1. Fraværende"
    text = (re.sub(r" ?\t ?", "\t", text) if "\t" in text else text).strip(" \t")
    text = re.sub(r"^#{1,6}\s*", "", text)
    text = re.sub(r"^(?:\*\*|__)(.*?)(?:\*\*|__):?$", r"\1", text)
    text = re.sub(r"^[•▪◦·]\s*", "", text)
    return _NOISE_PREFIX.sub("", text)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_page_marker(text: str) -> bool:
    return len(text) <= 150 and bool(_PAGE_ONLY.match(text) or _PAGE_AT_END.search(text))


def _without_page_marker(text: str) -> str:
    return _PAGE_AT_END.sub("", text).strip(" |–—-") if len(text) <= 150 else text


def _is_structural(text: str) -> bool:
    return bool(section_heading(text) or _case_value(text) or _STRONG.match(text) or _NUMBERED.match(text))


def _next_nonblank(lines: list[str], i: int, stop: int | None = None) -> int | None:
    for j in range(i + 1, len(lines) if stop is None else min(stop, len(lines))):
        if lines[j].strip():
            return j
    return None


def _prev_nonblank(lines: list[str], i: int, stop: int = 0) -> int | None:
    for j in range(i - 1, stop - 1, -1):
        if lines[j].strip():
            return j
    return None


def _page_furniture(plain: list[str]) -> set[int]:
    """Page numbers, and the running header or footer printed next to them or repeated at page tops."""
    markers = {i for i, text in enumerate(plain) if text and _is_page_marker(text)}
    near: dict[str, set[int]] = {}
    for i in markers:
        for j in (_prev_nonblank(plain, i), _next_nonblank(plain, i)):
            if j is not None and j not in markers and len(plain[j]) <= 150:
                near.setdefault(_key(plain[j]), set()).add(j)
    repeated = Counter(_key(t) for t in plain if t and len(t) <= 150)
    furniture = set(markers)
    for i, text in enumerate(plain):
        key = _key(text)
        if not text or len(text) > 150 or _is_structural(text) or text.endswith("."):
            continue
        looks_running = bool(_date_in(text)) or bool(_FORUM_WORD.search(text) or _DOC_WORD.search(text))
        beside_markers = len(near.get(key, ())) >= 2 and looks_running
        page_top = repeated[key] >= 2 and bool(_date_in(text)) and bool(_FORUM_WORD.search(text)
                                                                        or _DOC_WORD.search(text))
        if beside_markers or page_top:
            furniture.add(i)
    return furniture


def _clean(lines: list[str]) -> tuple[list[str], list[str]]:
    """(content, plain): the lines as text and as classified; noise, page furniture and a heading
    printed twice in a row are blank in both."""
    plain = [_plain(line) for line in lines]
    content = [_NOISE_PREFIX.sub("", line.strip()) if _NOISE_PREFIX.match(line.strip()) else line for line in lines]
    for i, text in enumerate(plain):
        if text and _NOISE_LINE.match(text):
            plain[i] = content[i] = ""
    furniture = _page_furniture(plain)
    first_kept: int | None = None
    for i in range(len(plain)):
        if i in furniture:
            plain[i] = content[i] = ""
            continue
        if not plain[i]:
            continue
        if (first_kept is not None and len(plain[i]) <= _MAX_HEADING and _key(plain[i]) == _key(plain[first_kept])
                and _is_structural(plain[i])):
            plain[i] = content[i] = ""  # a heading printed twice
            continue
        first_kept = i
    return content, plain


# --- dates ---------------------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ENGLISH_MONTHS = {name: n for n, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), start=1)}
_ALL_MONTHS = {**_ENGLISH_MONTHS, **MONTHS}
_MONTH_ALTERNATIVES = r"(?<![\wæøå])(?:" + "|".join(sorted(_ALL_MONTHS, key=len, reverse=True)) + r")(?![\wæøå])"
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d|\d\d)(?![\d])")
_UNDOTTED_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+(" + _MONTH_NAMES + r")\.?,?\s+((?:19|20)\d\d)(?!\d)", re.I)
# Month first, as US-made portals print it, also with a Danish month: "Marts 3, 2016", "Thursday, March 3, 2016".
_MONTH_FIRST = re.compile(r"(?<![\wæøå])(?P<month>" + "|".join(sorted(_ALL_MONTHS, key=len, reverse=True))
                          + r")\.? (?P<day>\d{1,2}),? (?P<year>(?:19|20)\d\d)(?!\d)", re.I)


def _date_in(text: str) -> dt.date | None:
    """The first day-first date in a header or heading, also "21.05.2013" and "7 februar 2024"; else a
    month-first one ("Marts 3, 2016")."""
    day = parse_date(text)
    if day:
        return day
    for rx, month_of in ((_DOTTED_DATE, int), (_UNDOTTED_DATE, lambda name: MONTHS[name.lower()])):
        m = rx.search(text)
        if m:
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            try:
                return dt.date(year, month_of(m[2]), int(m[1]))
            except ValueError:
                continue
    m = _MONTH_FIRST.search(text)
    if m:
        try:
            return dt.date(int(m["year"]), _ALL_MONTHS[m["month"].lower()], int(m["day"]))
        except ValueError:
            return None
    return None


# --- section headings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A section heading: which section, as written, the forum and day it names, and inline text."""

    section: str  # summary, recommendation, case_text, decision, attachments
    label: str
    forum: str | None = None
    day: dt.date | None = None
    inline: str | None = None
    minor: bool = False  # a case-text sub-heading (Økonomi, Vurdering, …) that never ends a decision


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$", re.I)


_HEADING_WORDS: list[tuple[str, bool, bool, re.Pattern[str]]] = [  # section, may be inline, minor, label
    ("decision", True, False, _words(r"beslutning(?:er)?", r"(?:udvalgets|styregruppens|bestyrelsens|rådets|"
                                                           r"kredsens|forummets) beslutning")),
    ("decision", True, False, _words(r"referat")),
    # Combined headings: "Beslutning/konklusion", "Konklusion og beslutning", "Drøftelse og beslutning",
    # "Beslutning (referat)", "Aftaler og beslutninger", "Beslutning og opfølgning", "Beslutningsreferat" (B11).
    ("decision", True, False, _words(
        r"(?:referat|drøftelse|aftaler?|konklusion(?:er)?)\s*(?:/|og|&)\s*beslutning(?:er)?",
        r"beslutning(?:er)?\s*(?:/|og|&)\s*(?:konklusion(?:er)?|referat|opfølgning|aftaler)",
        r"beslutning(?:er)?\s*\((?:referat|konklusion)\)", r"beslutningsreferat")),
    ("decision", False, False, _words(r"afgørelse", r"konklusion")),
    ("recommendation", True, False, _words(
        r"indstilling(?:er)?", r"forslag til beslutning", r"indstilling til beslutning",
        r"(?:administrationens|direktionens|forvaltningens|formandskabets|sekretariatets|direktørens|formandens)"
        r" indstilling", r"indstilling (?:fra|til) [^:\t]{2,60}")),
    ("case_text", True, False, _words(r"sagsfremstilling", r"sagsbeskrivelse", r"beskrivelse af sagen",
                                      r"sagens (?:indhold|baggrund)")),
    ("case_text", True, True, _words(r"økonomi", r"økonomiske konsekvenser", r"lovgrundlag", r"retsgrundlag",
                                     r"beslutningskompetence", r"kompetence", r"vurdering", r"høring",
                                     r"kommunikation", r"baggrund")),
    ("summary", True, False, _words(r"resum[eé]", r"sagsresum[eé]", r"kort resum[eé]", r"resum[eé] af sagen",
                                    r"sammenfatning", r"beslutningstema")),
    ("attachments", True, False, _words(r"bilag(?:sliste|sfortegnelse)?", r"vedhæftede bilag",
                                        r"bilag til punktet")),
]
# "Beslutning i Sundhedsudvalget den 21-08-2012", "Behandling i Sundhedsstyregruppen pkt. 1",
# "Sundhedsudvalgets beslutning den 13-12-2011".
_DECISION_IN = re.compile(r"^(?P<word>beslutning|behandling|afgørelse|konklusion)\s+(?:i|fra|på)\s+(?P<rest>\S.*)$",
                          re.I)
_DECISION_DATED = re.compile(r"^(?P<word>(?i:beslutning))\s+(?P<rest>[A-ZÆØÅ][^:]*)$")  # "Beslutning Byrådet den …"
# The owner may be several words ("Sundheds- og Omsorgsudvalgets beslutning"): each ends at one space, so the words
# are read one way only.
_DECISION_OF = re.compile(r"^(?P<owner>(?:[\wæøåÆØÅ-]{1,60} ){0,5}[\wæøåÆØÅ-]{3,60}?)s\s+(?:beslutning|behandling)"
                          r"(?P<rest>(?:\s.*)?)$", re.I)
_OWNER_SMALL = {"og", "for", "i", "&", "-"}
# One possessive run of blanks from where it starts (no word after it begins with a blank): linear on a long run.
_FORUM_END = re.compile(r",|(?<!\s)\s++(?:(?:den|d\.)\s|(?:man|tirs|ons|tors|fre|lør|søn)dag\b|\d|kl\.?\s|pkt\b"
                        r"|punkt\b|[-–]\s)", re.I)
_GENERIC_FORUMS = {"udvalget", "styregruppen", "bestyrelsen", "rådet", "kredsen", "forummet", "mødet", "møde",
                   "sagen", "forvaltningen", "administrationen"}


def _split_label(text: str) -> tuple[str, str | None]:
    """"Beslutning: Godkendt." → ("Beslutning", "Godkendt."); a tab also separates; "kl. 10:00" does not."""
    m = re.search(r"\t|:(?=\s|$)", text[:_MAX_HEADING + 1])
    if not m:
        return text, None
    return text[:m.start()].strip(), text[m.end():].strip() or None


def _forum_in(rest: str) -> str | None:
    m = _FORUM_END.search(rest)
    forum = (rest[:m.start()] if m else rest).strip(" .:,")
    if not forum or forum.casefold() in _GENERIC_FORUMS or not forum[0].isupper():
        return None
    return _clean_forum(forum)


_ITEM_REF = re.compile(r"^\s*+,?\s*+(?:pkt\.?|punkt)\s*+\d{1,3}\s*$|\b(?:pkt\.?|punkt)\s*+\d{1,3}\b", re.I)


# "Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 15": the heading of a forum's decision on an item, with no
# word "Beslutning" (the forum must be one by name, the day a date). Bounded parts: linear on any line.
_FORUM_DAY_ITEM = re.compile(r"^(?P<forum>[A-ZÆØÅ][^,\t]{1,100}),\s*(?P<day>[^,\t]{6,40}),\s*(?i:pkt\.?|punkt)\s*"
                             r"\d{1,3}[a-zæøå]?$")


def _forum_day_item(label: str) -> Heading | None:
    m = _FORUM_DAY_ITEM.match(label) if len(label) <= _MAX_HEADING else None
    if not m or not _FORUM_WORD.search(m["forum"]) or _date_in(m["forum"]):
        return None
    day = _date_in(m["day"])
    if day is None or re.search(r"[a-zæøå]{3,}", re.sub(_MONTH_ALTERNATIVES, "", m["day"], flags=re.I), re.I):
        return None  # the middle part is a date and nothing else
    forum = _clean_forum(m["forum"])
    return Heading("decision", label, forum, day) if forum else None


def _owner_of_several_words(owner: str) -> bool:
    """A forum's name in words: capitalised words and "og", "for", "i" between them, the last one a forum
    word ("Sundheds- og Omsorgsudvalget", "Udvalget for Sundhed og Forebyggelse")."""
    words = owner.split(" ")
    return (all(w[:1].isupper() or w.casefold() in _OWNER_SMALL for w in words) and words[0][:1].isupper()
            and bool(_FORUM_WORD.search(owner)))


def _labelled_decision(label: str) -> Heading | None:
    """A decision heading that names a forum, a day or an item ("Beslutning i Sundhedsudvalget den 21-08-2012",
    "Behandling i Sundhedsstyregruppen pkt. 1", "Byrådets beslutning den 22-08-2012", "Sundhedsudvalget,
    03-03-2016, pkt. 15"); a sentence that begins the same way ("Beslutning i sagen træffes af Regionsrådet.")
    is not one."""
    if label.endswith("."):
        return None
    named = _forum_day_item(label)
    if named:
        return named
    m = _DECISION_IN.match(label) or _DECISION_DATED.match(label)
    if m:
        forum, day, item = _forum_in(m["rest"]), _date_in(m["rest"]), _ITEM_REF.search(m["rest"])
        if m.re is _DECISION_DATED and not day:
            return None
        if m["word"].lower() == "beslutning" and not (forum or day or item):
            return None
        if m["word"].lower() != "beslutning" and not ((forum and _FORUM_WORD.search(forum)) or day or item):
            return None  # "Behandling i almen praksis" is a sub-heading of the text
        return Heading("decision", label, forum, day)
    m = _DECISION_OF.match(label)
    if m and " " in m["owner"] and not _owner_of_several_words(m["owner"]):
        return None  # "Det er udvalgets beslutning" is a sentence
    if m and (not m["rest"].strip() or _date_in(m["rest"]) or _ITEM_REF.match(m["rest"])):
        owner = m["owner"]
        forum = None if owner.casefold() in _GENERIC_FORUMS or not owner[0].isupper() else _clean_forum(owner)
        return Heading("decision", label, forum, _date_in(m["rest"]))
    return None


def section_heading(line: str) -> Heading | None:
    """The section heading a line is, alone or with inline text ("Beslutning: Godkendt."), else None."""
    if len(line) > 4000:
        return None
    return _cached_heading(line) if len(line) <= 300 else _section_heading(line)


def _section_heading(line: str) -> Heading | None:
    text = _plain(line)
    if not text:
        return None
    whole = text.rstrip(":").strip()
    label, inline = _split_label(text)
    for candidate, text_after in ((whole, None), (label, inline)):
        if not candidate or len(candidate) > _MAX_HEADING:
            continue
        for section, may_be_inline, minor, rx in _HEADING_WORDS:
            if rx.match(candidate) and (text_after is None or may_be_inline):
                return Heading(section, candidate, inline=text_after, minor=minor)
        heading = _labelled_decision(candidate)
        if heading:
            return Heading(heading.section, heading.label, heading.forum, heading.day, text_after)
    return None


# The steps ask again and again of the same lines; a Heading is immutable. Short lines only: the cache holds
# a few megabytes at most, whatever the documents.
_cached_heading = functools.lru_cache(maxsize=1 << 15)(_section_heading)


# --- case numbers ----------------------------------------------------------------------------------

_CASE_LABEL = re.compile(
    r"^(?:sags?\s?n(?:r|o|ummer)\.?|sag\s+nr\.?|sags-?id|journal\s?n(?:r|ummer)\.?|j\.\s?nr\.?|jour\.\s?nr\.?)"
    r"\s*[:\t]?\s*(?P<value>[^\s:]*)", re.I)
_SAG_NR = re.compile(r"^sag\s+nr\.?\s*\d", re.I)
_CASE_VALUE = re.compile(r"^[A-Za-z0-9ÆØÅæøå][\w./-]*$")
_BARE_CASE = re.compile(r"^(?:\d+(?:-\d+){3,}|\d\d\.\d\d\.\d\d-[A-ZÆØÅ]\d\d-\d+-\d\d)$")


def _valid_case_value(value: str) -> bool:
    return (bool(_CASE_VALUE.match(value)) and any(c.isdigit() for c in value)
            and (any(c in value for c in "-./") or len(value) >= 4))


def _case_value(text: str) -> str | None:
    """"Sagsnr.: 12/3456  Dok.nr.: 123/45  Åbent" → "12/3456"; "" for a label whose value is on the next
    line; None when the line is no case number line."""
    if len(text) > _MAX_HEADING:
        return None
    m = _CASE_LABEL.match(text)
    if not m:
        return None
    value = m["value"].rstrip(".,;")
    if not value:
        return "" if not text[m.end():].strip() else None
    if _SAG_NR.match(text) and value.isdigit() and len(value) <= 6 and not text[m.end():].strip():
        return value  # "Sag nr. 24": the item's reference line
    return value if _valid_case_value(value) else None


@dataclass
class _Case:
    value: str
    lines: tuple[int, ...]  # the label line and, when the value stands below it, that line


def _case_at(plain: list[str], i: int, bare: bool = False) -> _Case | None:
    value = _case_value(plain[i])
    if value:
        return _Case(value, (i,))
    if value == "":
        j = _next_nonblank(plain, i, i + 4)
        if j is not None and _valid_case_value(plain[j]):
            return _Case(plain[j], (i, j))
        return None
    if bare and _BARE_CASE.match(plain[i]):
        return _Case(plain[i], (i,))
    return None


# --- item headings -------------------------------------------------------------------------------

_STRONG = re.compile(
    r"^(?:punkt|pkt\.?|dagsordenspunkt|sag|ad\.?(?:\s*(?:pkt\.?|punkt))?)\s*(?:nr\.?\s*)?"
    r"(?P<num>\d{1,3}(?:\.\d{1,2}(?!\d)|[a-zæøå](?![\wæøå]))?)(?![\d/-])"
    r" *(?P<sep>[:.)–-](?!\d)|\t)?\s*(?P<title>[^\t]*)$", re.I)
_NUMBERED = re.compile(r"^(?P<num>\d{1,3})(?:\.(?!\d)[ \t]*|\t)(?P<title>\S[^\t]*)$")
_GLUED = re.compile(r"^(?P<num>\d{1,3})(?P<title>[A-ZÆØÅ][a-zæøå][^\t]*)$")  # "38Godkendelse af dagsorden"
_TOC_LINE = re.compile(r"\.{4,}|…{2,}|\t\s*\d{1,3}\s*$")
_LIST_LINE = re.compile(r"^(\d{1,3})(?:[.)]\s|\t)")


@dataclass
class _Start:
    line: int
    number: int | None
    title: str
    body_from: int
    problem: str | None = None  # why the heading cannot be an item (it still ends the item before it)
    score: int = 0


def _starts_like_title(text: str) -> bool:
    return bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"'”“«(§")


def _could_be_title(text: str) -> bool:
    return (bool(text) and len(text) <= _MAX_HEADING and not section_heading(text) and _case_value(text) is None
            and not _STRONG.match(text) and not _NUMBERED.match(text))


def _title_with_continuation(plain: list[str], i: int, title: str) -> tuple[str, int]:
    """A title wrapped onto the next line (no blank line between, lower-case start) is one title."""
    j = i + 1
    while j < len(plain) and j <= i + 2 and plain[j][:1].islower() and _could_be_title(plain[j]):
        title = f"{title} {plain[j]}"
        j += 1
    return title, j


def _strong_start(plain: list[str], i: int) -> _Start | None:
    text = plain[i]
    if not text or len(text) > 300 or _TOC_LINE.search(text):
        return None
    m = _STRONG.match(text)
    if not m or "." in m["num"]:
        return None  # "Punkt 5.1" is part of item 5
    title = m["title"].strip()
    if not title and _SAG_NR.match(text) and _beside_titled_heading(plain, i):
        return None  # "Sag nr. 24" right under (or over) "1. Meddelelser" is the item's reference, no heading
    if not m["sep"] and title and not _starts_like_title(title):
        return None  # running text: "Sag 4 blev udsat"
    if title.endswith(".") and not m["sep"]:
        return None
    body_from = i + 1
    if title:
        title, body_from = _title_with_continuation(plain, i, title)
    else:
        j = _next_nonblank(plain, i, i + 4)
        if j is not None and _could_be_title(plain[j]) and _starts_like_title(plain[j]):
            title, body_from = plain[j], j + 1
    number = int(m["num"]) if m["num"].isdigit() else None
    problem = None
    if number is None:
        problem = f"agenda item number {m['num']!r} is not a whole number"
    elif not title:
        problem = f"agenda item heading {text!r} has no title"
    return _Start(i, number, title, body_from, problem)


def _titled_heading(text: str) -> bool:
    """A line that is an item heading with its title ("1. Meddelelser", "38Godkendelse …", "Pkt. 3 Budget")."""
    if len(text) > 300:
        return False
    m = _NUMBERED.match(text) or _GLUED.match(text)
    if m:
        return _starts_like_title(m["title"])
    m = _STRONG.match(text)
    return bool(m and m["title"].strip() and _starts_like_title(m["title"].strip()))


def _beside_titled_heading(plain: list[str], i: int) -> bool:
    return any(j is not None and _titled_heading(plain[j])
               for j in (_prev_nonblank(plain, i, max(0, i - 3)), _next_nonblank(plain, i, i + 3)))


def _weak_start(plain: list[str], i: int, headingless: bool = False) -> _Start | None:
    text = plain[i]
    if not text or len(text) > 300 or _TOC_LINE.search(text):
        return None
    m = _NUMBERED.match(text) or _GLUED.match(text)
    if not m or len(m["title"].strip()) < 2:
        return None
    title = m["title"].strip()
    score = _heading_evidence(plain, i, int(m["num"]), title)
    if not _starts_like_title(title):
        score -= 2  # "1. at dagsordenen godkendes": a line of a recommendation
    if title[-1] in ".,;:" and not (title[-1] == "." and _section_follows(plain, i)):
        score -= 1  # a sentence rather than a title ("16. Eventuelt." right over its Beslutning is a title)
    if headingless and _isolated(plain, i):
        score += 1  # minutes without section headings: "1. Godkendelse af dagsorden" / "Godkendt."
    if score < 1:
        return None
    title, body_from = _title_with_continuation(plain, i, title)
    return _Start(i, int(m["num"]), title, body_from, score=score)


def _section_follows(plain: list[str], i: int) -> bool:
    """The next line (or the one after a case number line) is a section heading that opens a part of an item."""
    j = _next_nonblank(plain, i, i + 4)
    if j is not None and _case_value(plain[j]):
        j = _next_nonblank(plain, j, j + 4)
    heading = section_heading(plain[j]) if j is not None else None
    return heading is not None and not heading.minor


def _listed_title(text: str) -> re.Match[str] | None:
    """A numbered line whose text starts like a title ("2. Budget"), as in a list of titles."""
    m = _LIST_LINE.match(text)
    return m if m and _starts_like_title(text[m.end():].lstrip()) else None


def _isolated(plain: list[str], i: int) -> bool:
    """A numbered line between lines that are no numbered titles: not one line of a list of titles."""
    before, after = _prev_nonblank(plain, i, max(0, i - 8)), _next_nonblank(plain, i, i + 8)
    return after is not None and not _listed_title(plain[after]) and (
        before is None or not _listed_title(plain[before]))


def _heading_evidence(plain: list[str], i: int, number: int, title: str) -> int:
    """How strongly the lines around a "N. title" line say it is an item heading."""
    score = 0
    before = _prev_nonblank(plain, i, max(0, i - 6))
    if before is not None:
        listed = _listed_title(plain[before])
        if _case_at(plain, before) or (before >= 1 and _case_value(plain[before - 1]) == ""
                                       and _valid_case_value(plain[before])):
            score += 2
        elif listed and int(listed[1]) == number - 1:
            score -= 2  # the next line of a numbered list or a table of contents
    seen_heading = seen_case = False
    j: int | None = i
    for step in range(4):
        j = _next_nonblank(plain, j, j + 8) if j is not None else None
        if j is None:
            break
        text = plain[j]
        if (_NUMBERED.match(text) or _STRONG.match(text)) and not _case_value(text):
            break
        if not seen_case and _case_at(plain, j, bare=step == 0):
            score, seen_case = score + 2, True
        elif not seen_heading and section_heading(text):
            score, seen_heading = score + 1, True
        elif step == 0 and (_similar(text, title) or re.search(r"\bindstiller\b", text, re.I)):
            score += 1
    return score


def _best_rising_run(candidates: list[_Start]) -> list[_Start]:
    """The candidates, in document order, whose numbers rise, with the most evidence in all."""
    candidates = sorted(candidates, key=lambda s: -s.score)[:1500]
    candidates.sort(key=lambda s: s.line)
    best: list[tuple[int, int]] = []  # (total score, count) of the best run ending at each candidate
    back: list[int] = []
    for k, cand in enumerate(candidates):
        total, prev = (cand.score, 1), -1
        for p in range(k):
            if (candidates[p].number or 0) < (cand.number or 0):
                option = (best[p][0] + cand.score, best[p][1] + 1)
                if option > total:
                    total, prev = option, p
        best.append(total)
        back.append(prev)
    if not candidates:
        return []
    k = max(range(len(candidates)), key=lambda n: best[n])
    run = []
    while k != -1:
        run.append(candidates[k])
        k = back[k]
    return run[::-1]


def _strong_starts(plain: list[str]) -> list[_Start]:
    starts = [s for i in range(len(plain)) if (s := _strong_start(plain, i))]
    last_line = {s.number: s.line for s in starts}
    kept = []
    listed = False  # the start before was a line of a list of the items
    for k, start in enumerate(starts):
        nxt = starts[k + 1].line if k + 1 < len(starts) else len(plain)
        empty = _next_nonblank(plain, start.body_from - 1, nxt) is None
        again = start.number is not None and last_line[start.number] > start.line
        if again and (empty or (listed and not _has_sections(plain[start.body_from:nxt]))):
            listed = True  # a table of contents or a bulleted list of the items, written as headings; its
            continue       # last line may have text after it ("Mødet blev holdt som videomøde.")
        listed = False
        kept.append(start)
    return kept


# Alone on a line these are a document title as often as a decision heading.
_TITLE_ONLY = {"referat", "beslutningsreferat"}


def _has_sections(plain: list[str]) -> bool:
    """Whether any line is a section heading ("Referat" or "Beslutningsreferat" alone is a document title as
    often as not)."""
    return any(t and t.casefold() not in _TITLE_ONLY and section_heading(t) for t in plain)


_UNDOTTED = re.compile(r"^(?P<num>\d{1,3}) +(?P<title>[A-ZÆØÅ\"'”“«(§][^\t]*)$")  # "1 Præsentation af …"


def _title_line(plain: list[str], i: int) -> bool:
    """A line that can be an item's title standing over its sections: short, no sentence, no label or field."""
    text = plain[i]
    return (_could_be_title(text) and len(text) <= 150 and _starts_like_title(text) and text[-1] not in ".,;:"
            and "\t" not in text and not re.search(r":\s", text) and _field(_split_label(text)[0]) is None
            and not _SPACE_FIELD.match(text) and not _GLUED.match(text) and text.casefold() not in _TITLE_ONLY)


def _titled_starts(plain: list[str]) -> list[_Start]:
    """Items with no item heading the document's text proves by itself: each is a title line standing right over
    the sections ("Godkendelse af dagsorden" / "Sagsfremstilling" / … / "Beslutning"), or "1 Præsentation af …"
    without a dot. Only the document's structure makes them headings: the section the first item opens with
    comes again under every next title (or the title follows a blank line and one of the item's sections comes
    again), every item has a decision heading, there are two items or more, and when the titles are numbered
    every one is, in a sequence that rises by one."""
    titles: list[int] = []
    opening: str | None = None
    seen: set[str] = set()
    for i, text in enumerate(plain):
        if not text or len(text) > _MAX_HEADING or text.casefold() in _TITLE_ONLY:
            continue
        heading = section_heading(text)
        if heading is None or heading.minor:
            continue
        p = _prev_nonblank(plain, i, max(0, i - 4))
        if p is not None and _case_value(plain[p]) is not None:
            p = _prev_nonblank(plain, p, max(0, p - 4))  # "Sagsnr.: …" between the title and its first section
        if p is not None and _title_line(plain, p) and (
                (opening is None and not titles)
                or (heading.section == opening and opening in seen)
                or (heading.section in seen and p > 0 and not plain[p - 1])):
            titles.append(p)
            opening = opening or heading.section
            seen = set()
        seen.add(heading.section)
    if len(titles) < 2:
        return []
    ends = titles[1:] + [len(plain)]
    for begin, end in zip(titles, ends):
        if not any((h := section_heading(plain[j])) and h.section == "decision" and not h.minor
                   for j in range(begin + 1, end) if plain[j] and len(plain[j]) <= _MAX_HEADING
                   and plain[j].casefold() not in _TITLE_ONLY):
            return []
    numbered = [_UNDOTTED.match(plain[i]) for i in titles]
    if any(numbered):
        numbers = [int(m["num"]) if m else -1 for m in numbered]
        if any(m is None for m in numbered) or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            return []  # numbers that do not run in sequence prove nothing
        return [_Start(i, n, m["title"].strip(), i + 1) for i, n, m in zip(titles, numbers, numbered) if m]
    return [_Start(i, k, plain[i], i + 1) for k, i in enumerate(titles, start=1)]


def _item_starts(plain: list[str]) -> list[_Start]:
    """The item headings: the strong forms, or else the best run of marked "N. title" lines, or else title
    lines the document's structure proves (see _titled_starts)."""
    strong = _strong_starts(plain)
    headingless = not _has_sections(plain)
    weak = _best_rising_run([s for i in range(len(plain)) if (s := _weak_start(plain, i, headingless))])
    if not strong and not weak:
        return _titled_starts(plain)
    return strong if strong and len([s for s in strong if not s.problem]) >= len(weak) else weak


# --- cases, bodies and items -----------------------------------------------------------------------


def _head_case(plain: list[str], start: _Start, end: int) -> _Case | None:
    """A case number at the top of an item's body (before any section or text)."""
    j: int | None = start.body_from - 1
    for step in range(3):
        j = _next_nonblank(plain, j, end) if j is not None else None
        if j is None:
            return None
        case = _case_at(plain, j, bare=True)
        if case:
            return case
        if section_heading(plain[j]) or (step > 0 and len(plain[j]) > 80):
            return None
    return None


def _trailing_case(plain: list[str], begin: int, end: int) -> _Case | None:
    """A case number that ends a segment (only blank lines after it): it belongs to the next heading."""
    j = _prev_nonblank(plain, end, begin)
    if j is None:
        return None
    case = _case_at(plain, j)
    if case:
        return case
    k = _prev_nonblank(plain, j, begin)
    if k is not None and _case_value(plain[k]) == "" and _valid_case_value(plain[j]):
        return _Case(plain[j], (k, j))
    return None


def _case_numbers(plain: list[str], starts: list[_Start]) -> list[_Case | None]:
    """Each item's case number: portals print it before the heading, others after; the document's
    own habit settles a case number that could be either (an item whose body is only that line)."""
    ends = [s.line for s in starts[1:]] + [len(plain)]
    heads = [_head_case(plain, s, e) for s, e in zip(starts, ends)]
    begins = [0] + [s.body_from for s in starts[:-1]]
    trails = [_trailing_case(plain, b, s.line) for b, s in zip(begins, starts)] + [None]

    def head_only(k: int) -> _Case | None:  # a head case that does not also end the item's body
        return heads[k] if heads[k] and heads[k] != trails[k + 1] else None

    def trail_only(k: int) -> _Case | None:  # a trailing case that is not also the previous item's head
        return trails[k] if trails[k] and (k == 0 or heads[k - 1] != trails[k]) else None

    before = sum(1 for k in range(len(starts)) if trail_only(k))
    after = sum(1 for k in range(len(starts)) if head_only(k))
    if before > after:
        return [trails[k] or head_only(k) for k in range(len(starts))]
    return [heads[k] or trail_only(k) for k in range(len(starts))]


@dataclass
class _DecisionBlock:
    label: str | None
    forum: str | None
    lines: list[str] = field(default_factory=list)
    day: dt.date | None = None


def _similar(a: str, b: str) -> bool:
    a, b = _key(a), _key(b)
    if not a or not b or len(a) > 2 * len(b) + 20 or len(b) > 2 * len(a) + 20:
        return False
    a = re.sub(r"^(?:punkt\s+)?\d{1,3}[.:]?\s*", "", a)
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


_RUN_START = {"summary", "recommendation", "case_text"}


def _next_heading(body: list[str], i: int) -> Heading | None:
    j = _next_nonblank(body, i)
    return section_heading(body[j]) if j is not None else None


def _is_repeated_title(line: str, title: str, current: str, nxt: Heading | None) -> bool:
    """A repeated item title is layout, not text: before the sections, or between two runs of them.
    Under a decision heading only the title itself, followed by a new run of sections."""
    if current == "preamble":
        return _similar(line, title) and not line.rstrip().endswith(".")
    new_run = nxt is not None and nxt.section in _RUN_START and not nxt.minor
    if current == "decision":
        return new_run and _key(line) == _key(title)
    return (nxt is not None) and _similar(line, title)


# --- where a decision ends --------------------------------------------------------------------------
# A decision's text ends at the next section heading, and also where the minutes append something that is no
# record of the meeting: an attachment ("Bilag 2: Brev fra …", "Vedlagt: …"), a letter or an answer ("Svar til
# Sundhedsstyregruppen vedr. …", "Kære …", "Til: …"), a closing ("Med venlig hilsen"), signatures
# ("Underskrifter") or a new document ("Dagsorden", "Referat fra mødet i … den …"). The appended text is kept
# with the item's case text (an attachment's or a letter's title also in its attachments), never in the decision.
# The decision goes on after it only where the minutes speak again: a paragraph about the item's own proceedings
# ("Indstillingen blev godkendt", "Punktet blev udsat") with a decision in it and no first person (a letter's
# "vi", "jeg").

_APPENDIX_NAMED = re.compile(  # "Bilag 2: Brev fra Aarhus Kommune", "Bilag 1", "Appendiks A", "Vedlagt: notat"
    r"^(?:(?:bilag|appendiks|anneks)\s*(?:nr\.?\s*)?(?:\d{1,2}|[A-H])(?![\wæøå])\s*(?:[:.)\-–—]\s*(?P<name>\S.*)?)?"
    r"|(?:vedlagt|vedlagte|vedhæftet|vedhæftede|vedlæg)(?:\s+(?:bilag|dokumenter?|materiale))?\s*(?::\s*(?P<name2>\S.*)?)?"
    r"|(?:bilag|appendiks|anneks)\s+til\s+(?:referat|dagsorden|punkt|pkt|sag|beslutning)\S*(?:\s+[^.]*)?)$", re.I)
_LETTER_TITLE = re.compile(  # "Svar til sundhedsstyregruppen vedr. …", "Brev fra Sundhedsstyrelsen", "Høringssvar fra PLO"
    r"^(?:svar|brev|henvendelse|høringssvar|notat|skrivelse|e-?mail|mail|udtalelse|redegørelse|uddybning)"
    r"(?:\s+\S+){0,3}?\s+(?:til|fra|vedr\.?|vedrørende|om|af)\s+\S", re.I)
_LETTER_OPENING = re.compile(r"^(?:kære|hej|dear)\s+\S[^.!?]{0,80}[,!:]?$", re.I)
_MEMO_FIELD = re.compile(r"^(?:til|fra|emne|cc)\s*:\s*\S", re.I)
_ADDRESSEE = re.compile(r"^Til\s+(?:[A-ZÆØÅ]|medlemmerne\b|alle\b)[^.:]{0,80}$")  # "Til Sundhedsstyregruppen"
_LETTER_NEXT = re.compile(r"^(?:kære|hej|dear|vedr\.|vedrørende|emne\s*:|fra\s*:|dato\s*:)", re.I)
_CLOSING = re.compile(r"^(?:med\s+)?(?:venlig(?:st)?|venlige)\s+hilsen(?:er)?\b|^med\s+venlige\s+hilsner\b|^mvh\b"
                      r"|^de\s+bedste\s+hilsner\b|^(?:kind|best)\s+regards\b|^yours\s+sincerely\b", re.I)
_SIGNATURES = re.compile(r"^(?:underskrift(?:er)?|underskriftsblad|underskrevet(?:\s+af)?|signatur(?:er)?)\b", re.I)
_NEW_DOCUMENT = re.compile(  # "Dagsorden", "REFERAT Sundhedsstyregruppen d. 14-11-2025", "Dagsorden for mødet i …"
    r"^(?:(?:beslutnings|møde)?referat|dagsorden(?:\s+og\s+referat)?|beslutningsprotokol)"
    r"(?:$|\s+(?:for|fra|til|af)\s|\s+[A-ZÆØÅ]|\s*[-–—:]\s)", re.I)
_POINTS_BELOW = re.compile(r"(?<![\wæøå])(?:nedenstående|nedenfor|herunder|følgende|vedlagte|vedhæftede)(?![\wæøå])",
                           re.I)
_OWN_RECORD = re.compile(  # how the minutes speak of the item's own proceedings
    r"^(?:indstilling(?:en|erne)?|punktet|sagen|orienteringen|forslaget|anbefaling(?:en|erne)?|det\s+indstillede"
    r"|beslutning(?:en)?)(?![\wæøå])", re.I)
_FIRST_PERSON = re.compile(r"(?<![\wæøå])(?:vi|os|vores|jeg|mig|min|mit|mine)(?![\wæøå])", re.I)
_RECORD_KINDS = {"approved", "rejected", "postponed", "noted", "discussed"}
_MAX_RESUME = 600  # a paragraph that takes the decision up again is a sentence or two, never a page


def _appendix_start(body: list[str], i: int) -> str | None:
    """Whether line ``i`` of a decision starts something appended to the minutes: "" when it does, the name
    it gives the appended document when it has one ("Bilag 2: Brev fra X" → "Brev fra X"), None when not."""
    text = _plain(body[i])
    if not text or len(text) > _MAX_HEADING:
        return None
    sentence = text.endswith(".") and not re.search(r"\b(?:vedr|pkt|nr)\.$", text, re.I)
    m = _APPENDIX_NAMED.match(text)
    if m and not sentence:
        return (m["name"] or m["name2"] or "").strip()
    if _LETTER_TITLE.match(text) and not sentence and decision_kind(text) == "none" and (
            _announced(body, i) or _first_person_follows(body, i)):
        return text
    if _LETTER_OPENING.match(text) or _MEMO_FIELD.match(text) or _CLOSING.match(text) or (
            _SIGNATURES.match(text) and not sentence):
        return ""
    if _ADDRESSEE.match(text):
        j = _next_nonblank(body, i, i + 4)
        return "" if j is not None and _LETTER_NEXT.match(_plain(body[j])) else None
    if _NEW_DOCUMENT.match(text) and not sentence and decision_kind(text) == "none" and (
            text.casefold() == "dagsorden" or _date_in(text) or _FORUM_WORD.search(text)):
        return ""
    return None


def _announced(body: list[str], i: int) -> bool:
    """The decision just before line ``i`` points at what follows ("sendt nedenstående uddybning til referatet")."""
    j = _prev_nonblank(body, i)
    return j is not None and bool(_POINTS_BELOW.search(body[j][-_MAX_RESUME:]))


def _first_person_follows(body: list[str], i: int) -> bool:
    """The text right after line ``i`` (a paragraph or two) speaks in the first person, as a letter does and
    minutes do not."""
    seen, j = 0, i + 1
    while j < len(body) and seen < 2 * _MAX_RESUME:
        if _FIRST_PERSON.search(body[j][:2 * _MAX_RESUME]):
            return True
        seen += len(body[j])
        j += 1
    return False


def _resumes_minutes(body: list[str], i: int) -> bool:
    """Whether the text that starts at line ``i`` (after an appended text) is the minutes' own record again: a
    new paragraph or sentence that speaks of the item's proceedings, records a decision and has no first
    person. Read up to its first sentence end (Word and PDF text has a paragraph a line, no blank lines)."""
    j = _prev_nonblank(body, i, max(0, i - 1))
    before = _plain(body[j]) if j is not None and len(body[j]) <= 4000 else ""
    if before and not (before[-1] in ".!?:" or len(before) <= 80):
        return False  # the line goes on from the sentence before it
    text = ""
    for j in range(i, len(body)):
        if not body[j].strip():
            break
        if len(text) + len(body[j]) > _MAX_RESUME:
            return False
        text = f"{text} {_plain(body[j])}".strip()
        if text[-1:] in (".", "!", "?"):
            break
    return (bool(_OWN_RECORD.match(text)) and not _FIRST_PERSON.search(text)
            and decision_kind(text) in _RECORD_KINDS)


def _sections(title: str, body: list[str], current: str = "preamble"
              ) -> tuple[dict[str, list[str]], list[_DecisionBlock]]:
    """An item's lines by section (and its decisions by forum), starting in section ``current``. A decision
    ends where an appended text starts (see _appendix_start); that text goes to section "appendix"."""
    parts: dict[str, list[str]] = {k: [] for k in ("preamble", "recommendation", "case_text", "attachments",
                                                   "summary", "appendix", "appendix_names")}
    blocks: list[_DecisionBlock] = []
    for i, line in enumerate(body):
        if not line.strip():
            continue
        heading = section_heading(line)
        if current == "decision" and (heading is None or heading.minor):
            name = _appendix_start(body, i)
            if name is not None:
                current = "appendix"
                if name:
                    parts["appendix_names"].append(name)
        elif current == "appendix" and heading is None and _resumes_minutes(body, i):
            current = "decision"
        if heading and heading.minor:
            if current not in ("decision", "appendix"):  # "Økonomi", "Baggrund": a sub-heading, kept as text
                current = "case_text"
                _append(parts, blocks, current, line)
                continue
        elif heading:
            if heading.section == current and heading.inline is not None and heading.forum is None:
                _append(parts, blocks, current, line)  # "Beslutning: …" inside the decision: text as written
                continue
            current = heading.section
            if current == "decision":
                _open_block(blocks, heading)
            if heading.inline:
                _append(parts, blocks, current, heading.inline)
            continue
        if _is_repeated_title(line, title, current, _next_heading(body, i)):
            continue
        _append(parts, blocks, current, line)
    return parts, blocks


def _open_block(blocks: list[_DecisionBlock], heading: Heading) -> None:
    label = heading.label if heading.forum or heading.day else None
    same = next((b for b in blocks if label and b.label and _key(b.label) == _key(label)), None)
    if same is not None:
        blocks.remove(same)
        blocks.append(same)  # a heading printed again continues its block
    elif label is None and blocks and blocks[-1].label is None:
        pass  # "Beslutning" again: the same decision goes on
    else:
        blocks.append(_DecisionBlock(label, heading.forum, day=heading.day))


def _append(parts: dict[str, list[str]], blocks: list[_DecisionBlock], section: str, line: str) -> None:
    if section == "decision":
        if not blocks:
            blocks.append(_DecisionBlock(None, None))
        blocks[-1].lines.append(line)
    else:
        parts[section].append(line)


def _decision(blocks: list[_DecisionBlock], forum: str | None, day: dt.date | None = None) -> tuple[str, str]:
    """The decision text (each forum's decision under its heading when there are several) and its kind,
    read from the meeting's own forum's decision (else the one dated the meeting's day), else the last one:
    an earlier committee's decision printed after the meeting's own does not decide the kind."""
    texts = [(b, paragraphs(b.lines)) for b in blocks]
    texts = [(b, t) for b, t in texts if t]
    if not texts:
        return "", "none"
    if len(texts) == 1:
        return texts[0][1], decision_kind(texts[0][1])
    text = "\n\n".join(f"{b.label}:\n\n{t}" if b.label else t for b, t in texts)
    own = [t for b, t in texts if forum and b.forum and _key(b.forum) == _key(forum)]
    own = own or [t for b, t in texts if day and b.day == day]
    return text, decision_kind(own[-1] if own else texts[-1][1])


def _attachment_names(lines: list[str]) -> list[str]:
    names = []
    for line in lines:
        text = line.strip()
        text = re.sub(r"^[-•*▪]\s*", "", text)
        text = re.sub(r"\[(.*?)\]\([^)]*\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")
        text = re.sub(r"\*\*(.*?)\*\*", r"\1", text).strip()
        text = re.sub(r"^Bilag\s*(?:\d{1,2}\s*)?[:.\-–]\s*", "", text, flags=re.I)
        text = re.sub(r"^\d{1,2}[.)]\s+", "", text)
        if text and text not in {"-", "–"}:
            names.append(text)
    return names


def _item(start: _Start, case_no: str | None, body: list[str], forum: str | None,
          text_is_decision: bool = False, day: dt.date | None = None) -> dict[str, Any]:
    """One agenda item. With ``text_is_decision`` (minutes without any section heading, such as "Ad 1.
    Godkendelse af dagsorden / Godkendt.") the item's text is what was recorded: its decision."""
    parts, blocks = _sections(start.title, body, "decision" if text_is_decision else "preamble")
    preamble = paragraphs(parts["preamble"])
    recommendation = paragraphs(parts["recommendation"])
    case_text = paragraphs(parts["case_text"])
    if preamble:
        if re.search(r"indstill", preamble, re.I) and not recommendation:
            recommendation = preamble
        else:
            case_text = "\n\n".join(filter(None, [preamble, case_text]))
    case_text = "\n\n".join(filter(None, [case_text, paragraphs(parts["appendix"])]))  # appended to the minutes
    decision, kind = _decision(blocks, forum, day)
    return {
        "number": start.number,
        "title": re.sub(r"\s+", " ", start.title).strip(),
        "case_no": case_no,
        "summary": paragraphs(parts["summary"]) or None,
        "recommendation": recommendation,
        "case_text": case_text,
        "decision": decision,
        "decision_kind": kind,
        "attachments": list(dict.fromkeys(_attachment_names(parts["attachments"]) + parts["appendix_names"])),
    }


# --- decision tables -----------------------------------------------------------------------------

_COLUMN_NAMES = {
    "number": {"pkt", "punkt", "nr", "pkt nr", "punkt nr", "dagsordenspunkt nr", "#"},
    "title": {"emne", "overskrift", "titel", "dagsordenspunkt", "sag", "punkt", "tema", "sagstitel", "emne/sag"},
    "decision": {"beslutning", "beslutninger", "konklusion", "referat", "beslutning/konklusion",
                 "konklusion/beslutning", "beslutninger/aftaler", "aftaler/beslutninger"},
    "case_no": {"sagsnr", "sags nr", "sagnr", "journalnr", "j nr", "jnr"},
    "recommendation": {"indstilling"},
    "attachments": {"bilag"},
}


def _column_name(cell: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[.:]", " ", cell)).strip().casefold()


def _table_columns(line: str) -> dict[str, int] | None:
    """A decision table's header row → {field: column}; None for any other line."""
    if "\t" not in line or len(line) > 400:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(line.split("\t")):
        name = _column_name(cell)
        for what, names in _COLUMN_NAMES.items():
            if name in names and what not in columns and index not in columns.values():
                columns[what] = index
                break
    if "decision" in columns and ("number" in columns or "title" in columns):
        return columns
    return None


_ROW_NUMBER = re.compile(r"^(?:pkt\.?|punkt|ad)?\s*(\d{1,3})(?P<suffix>[a-zæøå])?\.?$", re.I)


@dataclass
class _TableRow:
    line: int
    cells: dict[str, str]
    number: int | None
    problem: str | None = None


def _decision_tables(plain: list[str], raw: list[str]) -> tuple[list[_TableRow], set[int]]:
    """The rows of every decision table, and the lines the tables take (cells are read from the raw
    line: an empty first cell is a row continued from the page before)."""
    rows: list[_TableRow] = []
    taken: set[int] = set()
    i = 0
    while i < len(plain):
        columns = _table_columns(raw[i]) if "\t" in plain[i] else None
        if not columns:
            i += 1
            continue
        header_key = _key(plain[i])
        taken.add(i)
        caption = _prev_nonblank(plain, i, max(0, i - 3))
        if caption is not None and len(plain[caption]) <= 60 and not plain[caption].endswith(".") \
                and not _is_structural(plain[caption]):
            taken.add(caption)  # "Beslutningsoversigt" over the table is its caption
        i += 1
        while i < len(plain) and (not plain[i] or "\t" in raw[i]):
            if plain[i] and _key(plain[i]) != header_key:
                _add_row(rows, columns, raw[i], i)
            if plain[i]:
                taken.add(i)
            i += 1
    return rows, taken


def _add_row(rows: list[_TableRow], columns: dict[str, int], line: str, i: int) -> None:
    cells = [re.sub(r"\s+", " ", c).strip() for c in line.split("\t")]
    values = {what: cells[index] if index < len(cells) else "" for what, index in columns.items()}
    if "number" in columns and not values["number"] and rows:
        for what, value in values.items():  # a row cut by a page break goes on without its number
            if value:
                rows[-1].cells[what] = f"{rows[-1].cells.get(what, '')} {value}".strip()
        return
    if not any(values.values()):
        return
    number: int | None = len(rows) + 1
    problem = None
    if "number" in columns:
        m = _ROW_NUMBER.match(values["number"])
        number = int(m[1]) if m and not m["suffix"] else None
        if number is None:
            problem = f"decision table row numbered {values['number']!r}: not a whole item number"
    rows.append(_TableRow(i, values, number, problem))


def _table_item(row: _TableRow) -> dict[str, Any]:
    decision = row.cells.get("decision", "")
    attachments = [a.strip() for a in re.split(r";|\s{2,}", row.cells.get("attachments", "")) if a.strip()]
    return {
        "number": row.number, "title": row.cells.get("title", ""), "case_no": row.cells.get("case_no") or None,
        "summary": None, "recommendation": row.cells.get("recommendation", ""), "case_text": "",
        "decision": decision, "decision_kind": decision_kind(decision), "attachments": attachments,
    }


def _merge_table(items: list[dict[str, Any]], rows: list[_TableRow]) -> list[dict[str, Any]]:
    """Items from the headings get a table's decision where they have none; rows without an item
    become items."""
    by_number = {item["number"]: item for item in items}
    added = []
    for row in rows:
        if row.problem:
            continue
        item = by_number.get(row.number)
        if item is None:
            added.append(_table_item(row))
            by_number[row.number] = added[-1]
        elif not item["decision"] and row.cells.get("decision"):
            item["decision"] = row.cells["decision"]
            item["decision_kind"] = decision_kind(item["decision"])
    if not items:
        return added
    return items + sorted(added, key=lambda item: item["number"])


# --- header: forum, date, place --------------------------------------------------------------------

_FIELDS = [
    ("forum", re.compile(r"^(?:udvalg|forum|mødeforum|organ)$", re.I)),
    ("date", re.compile(r"^(?:mødedato|dato|mødetidspunkt|starttidspunkt|tidspunkt|tid|mødetid|dato og tid"
                        r"|dato og tidspunkt|tid og sted)$", re.I)),
    ("place", re.compile(r"^(?:mødested|sted|lokale|mødelokale|adresse)$", re.I)),
]
_SPACE_FIELD = re.compile(r"^(mødedato|mødested|mødetidspunkt|mødelokale)\s+(\S.*)$", re.I)
_TITLE_WORD = r"(?:beslutnings|møde)?referat|dagsorden|beslutningsprotokol"
_TITLE_LINE = re.compile(r"^(?:" + _TITLE_WORD + r")\b|\s[-–—]\s(?:" + _TITLE_WORD + r")\b|\bmøde(?:t)?\s+(?:i\s|den\s)"
                         r"|s\s+møde\s+(?:den|d\.)\s", re.I)
_WEEKDAY = r"(?:man|tirs|ons|tors|fre|lør|søn)dag"
_MINUTES_TITLE = re.compile(r"^(?:beslutnings|møde)?referat\b|\s[-–—]\s(?:beslutnings|møde)?referat\b|^beslutningsprotokol",
                            re.I)
_FORUM_PATTERNS = [
    re.compile(r"\bmøde(?:t)?\s+i\s+(?:¦\s*)?(?P<f>[^¦]+)", re.I),
    re.compile(r"^(?P<f>[^¦]*?)s\s+(?:ekstraordinære\s+|ordinære\s+)?møde\s+(?:den|d\.)\s", re.I),
    re.compile(r"^(?P<f>[^¦]+?)\s+[-–—]\s+(?:" + _TITLE_WORD + r")\b", re.I),
    re.compile(r"^(?:" + _TITLE_WORD + r")(?:\s*(?:og|/|&)\s*(?:" + _TITLE_WORD + r"))?\s+(?:fra|af|for|til)?\s*"
               r"(?P<f>(?!(?:og|/|&)\s)[^¦]+)", re.I),  # "Dagsorden og referat for …" is one title
]
_PLACE_PATTERNS = [
    re.compile(r"(?:^|¦\s*)(?:i|på)\s+(?P<p>[A-ZÆØÅ0-9][^¦]*)"),
    re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d\d)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d\d)?)?,?\s+(?:i|på)\s+(?P<p>[^¦]+)", re.I),
    re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d\d)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d\d)?)?,\s+(?P<p>[A-ZÆØÅ][^¦]*)", re.I),
    re.compile(r"(?:^|¦\s*|[-–]\s)(?P<p>(?:møde|konference)?lokale\s+[^¦]+?)(?=\s+kl\b|\s*¦|$)", re.I),
    # KL/KKR: the line after "Onsdag den 15. januar 2025 kl. 09.30" names the place ("Scandic Aarhus City").
    re.compile(r"\bkl\.?\s*\d{1,2}(?:[.:]\d\d)?(?:\s*[-–]\s*\d{1,2}(?:[.:]\d\d)?)?\s*¦\s*"
               r"(?P<p>(?!(?:afbud|deltagere|fraværende|til stede|mødeleder|referent|indhold|dagsorden|referat)\b)"
               r"[A-ZÆØÅ][^¦.]{1,60})(?:¦|$)", re.I),
]


def _clean_forum(text: str) -> str:
    text = re.sub(r"\s*\((?:\d{4}\s*[-–]\s*\d{4}|[^()]{0,3})\)\s*$", "", text)  # "(2018-2021)"
    text = re.sub(r"\s+", " ", text).strip(" .,:;-–")
    if text.isupper() and len(text) > 5:
        small = {"for", "i", "og", "af", "om", "til", "med", "på"}
        text = " ".join(w.lower() if k and w.lower() in small else w.capitalize() for k, w in enumerate(text.split()))
    return text


def _field(label: str) -> str | None:
    name = label.strip().rstrip(":").strip()
    return next((what for what, rx in _FIELDS if rx.match(name)), None)


def _labelled_fields(zone: list[str]) -> dict[str, str]:
    """Header fields: "Label: value", "Label<tab>value", "Mødedato <value>", or the label on its own line
    and the value on the next."""
    found: dict[str, str] = {}
    for i, text in enumerate(zone):
        if not text or len(text) > _MAX_HEADING:
            continue
        label, value = _split_label(text)
        what = _field(label)
        if what is None:
            m = _SPACE_FIELD.match(text)
            if m:
                # "Mødelokale 20" names the room: the place is the whole line, not "20"
                what, value = _field(m[1]), text if m[1].casefold() == "mødelokale" else m[2]
        elif value is None:
            j = _next_nonblank(zone, i, i + 4)
            value = zone[j] if j is not None and _field(zone[j]) is None and not (
                section_heading(zone[j]) or _STRONG.match(zone[j]) or _case_value(zone[j]) is not None) else None
        if what and value and what not in found:
            if what == "date" and not _date_in(value):
                continue
            found[what] = value
    return found


def _title_blocks(zone: list[str]) -> list[str]:
    """The meeting's title lines, each with the lines that go on from it, joined by "¦": "Referat ¦ til ¦
    mødet i Forretningsudvalget ¦ den 21. maj 2013 kl. 10:00 ¦ i Konferencelokalet"."""
    blocks = []
    nonblank = [i for i, t in enumerate(zone) if t][:40]
    for n, i in enumerate(nonblank):
        text = zone[i]
        if len(text) > 160 or not _TITLE_LINE.search(text):
            continue
        block = [text]
        if n and _FORUM_WORD.search(zone[nonblank[n - 1]]) and len(zone[nonblank[n - 1]]) <= 80 \
                and not _field(_split_label(zone[nonblank[n - 1]])[0]):
            block.insert(0, zone[nonblank[n - 1]])
        for j in nonblank[n + 1:n + 6]:
            line = zone[j]
            if len(line) > 160 or _field(_split_label(line)[0]) or _SPACE_FIELD.match(line) \
                    or _is_structural(line) or re.search(r":\s", line):
                break
            block.append(line)
        blocks.append(" ¦ ".join(block))
    return blocks


def _forum_from_title(block: str) -> str | None:
    for rx in _FORUM_PATTERNS:
        m = rx.search(block)
        if not m:
            continue
        rest = m["f"]
        end = re.search(r"\s+(?:den|d\.)\s|\s+" + _WEEKDAY + r"\b|\s+\d|\s+kl\.?\s|\s*¦|\s+[-–—]\s", rest, re.I)
        forum = _clean_forum(rest[:end.start()] if end else rest)
        if forum and len(forum) <= 80 and not re.fullmatch(r"(?:til|fra|af|mødet|møde|den)", forum, re.I):
            return forum
    for part in block.split(" ¦ "):  # "Sundhedsudvalget ¦ Referat ¦ …", "Sundhedsudvalget (2018-2021) ¦ …"
        part = _clean_forum(part) if len(part) <= 120 else part
        if _FORUM_WORD.search(part) and not re.search(r"\d", part) and len(part) <= 80 \
                and not re.match(_TITLE_WORD, part, re.I):
            return part
    return None


def _place_from_title(block: str) -> str | None:
    for rx in _PLACE_PATTERNS:
        for m in rx.finditer(block):
            before = re.sub(r"(?:i|på)\s*$", "", block[:m.start("p")].rstrip()).rstrip(" ¦")
            if re.search(r"\bmøde(?:t)?$", before, re.I):
                continue  # "mødet i Forretningsudvalget" names the forum
            place = m["p"].strip(" .,")
            if place and not _date_in(place):
                return place
    return None


# A title line that is a forum's name and the meeting's day and nothing else: "Sundheds- og Kulturudvalget 9. marts
# 2022", "Regionsrådet 24-11-2020 13:00", "Sundhedsudvalget (2018-2021) - tirsdag den 3. maj 2022 kl. 15.00".
_FORUM_DAY_LINE = re.compile(r"^(?P<forum>[A-ZÆØÅ][^\d\t]{2,80}?(?:\(\d{4}\s*[-–]\s*\d{4}\))?)[\s,–-]+"
                             r"(?:(?i:" + _WEEKDAY + r"),?\s+)?(?:(?i:den|d\.)\s+)?(?P<day>\d[^\t]{0,40})$")
_DAY_AND_TIME = re.compile(r"(?:\d|(?i:kl)\.?|[\s.:/,–-]|" + _MONTH_ALTERNATIVES + r")*", re.I)


def _forum_day_line(text: str) -> tuple[str, dt.date] | None:
    m = _FORUM_DAY_LINE.match(text) if len(text) <= 160 else None
    if not m or not _FORUM_WORD.search(m["forum"]) or not _DAY_AND_TIME.fullmatch(m["day"]):
        return None
    forum, day = _clean_forum(m["forum"]), _date_in(m["day"])
    if forum.casefold() in _GENERIC_FORUMS or re.search(r"\d", forum):
        return None
    return (forum, day) if forum and day else None


def _header(zone: list[str], decision_headings: list[Heading]) -> dict[str, Any]:
    fields = _labelled_fields(zone)
    blocks = _title_blocks(zone)
    forums = [f for b in blocks if (f := _forum_from_title(b))]
    titled = next((found for t in [t for t in zone if t][:12] if (found := _forum_day_line(t))), None)
    if titled and not forums:
        forums = [titled[0]]
    # a breadcrumb trail can look like a title too: a name with "udvalg", "styregruppe", … wins
    forum = _clean_forum(fields["forum"]) if "forum" in fields else next(
        (f for f in forums if _FORUM_WORD.search(f)), forums[0] if forums else None)
    day = _date_in(fields["date"]) if "date" in fields else next((d for b in blocks if (d := _date_in(b))), None)
    if day is None and titled:
        day = titled[1]
    place = fields.get("place") or next((p for b in blocks if (p := _place_from_title(b))), None)
    if forum is None or day is None:
        # Minutes that name their forum only in the decision headings: the forum named most often, and among
        # as many the one with the latest day (an earlier committee's decision is printed with the later one).
        named = Counter(h.forum for h in decision_headings if h.forum)
        latest: dict[str, dt.date] = {}
        for h in decision_headings:
            if h.forum and h.day and (h.forum not in latest or h.day > latest[h.forum]):
                latest[h.forum] = h.day
        if forum is None and named:
            forum = max(named, key=lambda f: (named[f], latest.get(f, dt.date.min)))
        if day is None:
            day = next((h.day for h in decision_headings if h.day and (not h.forum or h.forum == forum)), None)
    return {"forum": forum, "date": day.isoformat() if day else None, "place": place}


# --- the document --------------------------------------------------------------------------------


def looks_like_minutes(text: str) -> bool:
    """Minutes speak the vocabulary of minutes: a Beslutning section with other sections (Indstilling,
    Sagsfremstilling, Bilag, Resumé), item headings or case numbers, or a minutes header (Referat,
    Mødedato, Mødested, Udvalg); or a decision table ("Pkt. | Emne | Beslutning") under such a header."""
    lines = text.split("\n", 4000)[:4000]
    plain = [_plain(line) if len(line) <= 4000 else "" for line in lines]
    sections = {h.section for t in plain if t and t.casefold() not in _TITLE_ONLY and (h := section_heading(t))}
    items = any(_case_value(t) for t in plain if t) or bool(_item_starts(plain))
    zone = plain[:80]
    minutes_title = any(_MINUTES_TITLE.search(t) for t in zone if t and len(t) <= 160)
    header = (minutes_title or bool(_labelled_fields(zone)) or any(re.match(_TITLE_WORD, t, re.I) for t in zone if t)
              or any(_forum_day_line(t) for t in [t for t in zone if t][:12]))
    table = any(_table_columns(t) for t in plain if t)
    if "decision" in sections:
        return len(sections) >= 2 or items or header
    return (table and (header or items)) or (items and minutes_title)


def parse_minutes(text: str) -> dict[str, Any]:
    raw = text.split("\n")
    content, plain = _clean(raw)
    rows, table_lines = _decision_tables(plain, raw)
    for i in table_lines:
        plain[i] = content[i] = ""
    starts = _item_starts(plain)
    first = starts[0].line if starts else len(plain)
    zone = [_without_page_marker(_plain(line)) for line in raw[:min(first, 150)]]
    headings = [h for t in plain if t and (h := section_heading(t)) and h.section == "decision"]
    meeting = _header(zone, headings)
    meeting_day = dt.date.fromisoformat(meeting["date"]) if meeting["date"] else None
    cases = _case_numbers(plain, starts)
    case_lines = {i for case in cases if case for i in case.lines}
    headingless = not rows and not _has_sections(plain[first:])
    items, rejected = [], []
    for k, (start, case) in enumerate(zip(starts, cases)):
        if start.problem:
            rejected.append({"line": start.line + 1, "reason": start.problem})
            continue
        end = starts[k + 1].line if k + 1 < len(starts) else len(plain)
        body = ["" if i in case_lines else content[i] for i in range(start.body_from, end)]
        items.append(_item(start, case.value if case else None, body, meeting["forum"], headingless, meeting_day))
    rejected += [{"line": row.line + 1, "reason": row.problem} for row in rows if row.problem]
    items = _merge_table(items, rows)
    plan = [{**entry, "item": item["number"]} for item in items for entry in plan_initiatives(item["case_text"])]
    return {**meeting, "items": items, "plan_initiatives": plan, "rejected": rejected}


# --- implementation plans inside minutes -----------------------------------------------------------

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
