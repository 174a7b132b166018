"""Key figures read from the text of minutes: the numbers a sentence states for a named measure (included
citizens, targets and their deadlines, calls, budgets, start and end dates), each with its sentence, line and
place. The measures are a reference table (data/reference/measures.csv): the names a measure's initiative
goes by, the words that state it, its unit and kind.

A number belongs to a measure when the sentence (or, failing that, its line or its agenda item's title) names
the measure's initiative and one of its words stands a few words before or after the number; a target's word
claims first ("et måltal ... 1.250 inkluderede borgere" is a target), then each number goes to the nearest
word. Dates, years, durations and numbers inside names such as "1-1-2" are never figures."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from domain.formatting import MONTHS_LONG, MONTHS_SHORT

WINDOW = 8  # how many words may stand between a number and the word that states it, on either side
UNITS = ("count", "percent", "kr", "")
KINDS = ("value", "target", "date")


@dataclass(frozen=True)
class Measure:
    id: str
    topic: str
    names: tuple[str, ...]  # what its initiative is called ("TeleKOL", "1-1-2")
    cues: tuple[str, ...]  # the words that state it ("inkluderet", "måltal")
    unit: str  # count | percent | kr | "" (a date)
    kind: str  # value | target | date
    label: str
    indicator: str = ""  # the catalogue indicator its values are observations of, if any


_MONTH_WORDS = {w.rstrip("."): i + 1 for i, w in enumerate(MONTHS_SHORT)} | {w: i + 1 for i, w in
                                                                              enumerate(MONTHS_LONG)}
_MONTH = "|".join(sorted(map(re.escape, _MONTH_WORDS), key=len, reverse=True))
_SEASONS = {"foråret": 3, "sommeren": 6, "efteråret": 9, "vinteren": 12, "primo": 1, "medio": 6, "ultimo": 12}
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH})\.?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{4}})\b", re.I)
_SEASON_YEAR = re.compile(r"\b(" + "|".join(_SEASONS) + r")\s+(\d{4})\b", re.I)
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})[ -](\d{4})\b")
_YEAR_END = re.compile(r"\b(?:ved|inden|til|med|før)\s+(?:udgangen|slutningen)\s+af\s+(\d{4})\b|\bi\s+(\d{4})\b", re.I)
_AS_OF = re.compile(rf"\bpr\.\s*(\d{{1,2}})\.\s*({_MONTH})\.?\s+(\d{{4}})\b|\bpr\.\s*(\d{{1,2}})/(\d{{1,2}})[ -](\d{{4}})\b",
                    re.I)
_UP_TO = re.compile(rf"\btil og med\s+({_MONTH})\.?\s+(\d{{4}})\b", re.I)
_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\w/-]|[.,]\d)")
_WORD = re.compile(r"[\wæøåÆØÅ]+(?:[-.][\wæøåÆØÅ]+)*", re.U)
_DURATION = re.compile(r"\s*(?:måneder|måned|år|uger|uge|dage|dag|timer|time|minutter|gange om)\b", re.I)
_ABBREVIATIONS = {"ca", "pr", "fx", "dvs", "jf", "nr", "pkt", "bl.a", "mv", "inkl", "ekskl", "mht", "vedr", "st", "max",
                  "min", "evt", "ift", "iht", "kl"}


def _sentences(line: str) -> list[str]:
    """A line's sentences: a full stop ends one before a capital, unless it ends an abbreviation or a date's day."""
    out, start = [], 0
    for m in re.finditer(r"[.!?]\s+(?=[A-ZÆØÅ])", line):
        word = re.search(r"([\wæøå.]+)$", line[start:m.start()], re.I)
        if word and (word[1].lower() in _ABBREVIATIONS or word[1].isdigit()):
            continue
        out.append(line[start:m.start() + 1].strip())
        start = m.end()
    out.append(line[start:].strip())
    return [s for s in out if s]


def _day(year: int, month: int, day: int | None = None) -> dt.date | None:
    try:
        return dt.date(year, month, day or 1)
    except ValueError:
        return None


def _dates(text: str) -> list[tuple[int, int, dt.date]]:
    """(start, end, day) of every date the text names: "31. oktober 2026", "september 2023", "foråret 2026",
    "1/9 2024"; a month or season alone is its first day."""
    found: list[tuple[int, int, dt.date]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str], day: dt.date | None) -> None:
        if day and not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), m.end(), day))
            taken.append((m.start(), m.end()))

    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m, _day(int(m[3]), _MONTH_WORDS[m[2].lower().rstrip(".")], int(m[1])))
    for m in _SLASH_DATE.finditer(text):
        add(m, _day(int(m[3]), int(m[2]), int(m[1])))
    for m in _MONTH_YEAR.finditer(text):
        add(m, _day(int(m[2]), _MONTH_WORDS[m[1].lower().rstrip(".")]))
    for m in _SEASON_YEAR.finditer(text):
        add(m, _day(int(m[2]), _SEASONS[m[1].lower()]))
    return sorted(found)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float
    unit: str  # count | percent | kr


def _numbers(text: str) -> list[_Number]:
    """The figures of a sentence: never a date's parts, a year, a duration or a number inside a name."""
    spans = [(a, b) for a, b, _ in _dates(text)]
    out = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        if re.search(r"(?:punkt|pkt|sag|bilag|nr|side|kapitel|afsnit|§)\.?\s*$", text[:m.start()], re.I) or (
                not text[:m.start()].strip() and re.match(r"[.:)]\s", text[m.end():m.end() + 2])):
            continue  # an item's or a reference's number ("Punkt 2:", "7. Status for TeleKOL")
        digits = m[1]
        if "." not in digits and len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue  # a year
        rest = text[m.end():]
        if _DURATION.match(rest) or re.match(r"\.\s*(kvartal|halvår|kvt)", rest, re.I):
            continue
        value = float(digits.replace(".", "") + (f".{m[2]}" if m[2] else ""))
        unit = "percent" if re.match(r"\s*(%|pct\b|procent)", rest, re.I) else \
            "kr" if re.match(r"\s*(kr\b|kroner|mio\. kr)", rest, re.I) else "count"
        if unit == "kr" and re.match(r"\s*mio", rest, re.I):
            value *= 1_000_000
        out.append(_Number(m.start(), m.end(), value, unit))
    return out


def _word_index(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _words_between(words: list[tuple[int, int]], a: int, b: int) -> int:
    """How many words stand wholly between character offsets a and b (a < b)."""
    return sum(1 for s, e in words if s >= a and e <= b)


def _cue_spans(text: str, cue: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<![\wæøå]){re.escape(cue)}", text, re.I)]


def _place_after(text: str, end: int, places: dict[str, str]) -> str | None:
    """A place named just after a number ("52 i Vestklyngen", "190 borgere i Midtjylland")."""
    m = re.match(r"\s*(?:[\wæøå]+\s+){0,2}?i\s+([A-ZÆØÅ][\wæøå-]+(?:\s+[A-ZÆØÅ][\wæøå-]+)?)", text[end:])
    if not m:
        return None
    name = _key(m[1])
    return places.get(name) or places.get(name.split()[0])


def _key(name: str) -> str:
    """As loaders.reference.norm keys place names."""
    return re.sub(r"[\s\-–,.()]+", " ", name.replace("\u00a0", " ").lower()).strip()


def _item_titles(lines: list[str], items: list[dict[str, Any]]) -> list[str]:
    """Each line's agenda item title (the last heading at or before it); "" before the first."""
    heads: list[tuple[int, str]] = []
    at = 0
    for item in items:
        title = re.sub(r"\s+", " ", str(item.get("title") or "")).strip()
        if not title:
            continue
        probe = title[:40].lower()
        for i in range(at, len(lines)):
            if probe in re.sub(r"\s+", " ", lines[i]).lower():
                heads.append((i, title))
                at = i + 1
                break
    out, current, k = [], "", 0
    for i in range(len(lines)):
        while k < len(heads) and heads[k][0] <= i:
            current = heads[k][1]
            k += 1
        out.append(current)
    return out


def _paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """(index of the first line, text) of each run of non-blank lines joined with spaces: a sentence wrapped
    over lines (a PDF's, a portal's) is read whole; a heading line stands alone when a blank line follows it."""
    out: list[tuple[int, str]] = []
    start, parts = 0, list[str]()
    for i, line in enumerate([*lines, ""]):
        text = line.strip()
        # A line goes on the one before when that one stops mid-sentence: it ends without a full stop and is
        # long (a wrapped line), or this one starts in lower case. A heading stays apart from its text.
        joined = bool(parts) and not re.search(r"[.!?:]$", parts[-1]) and (
            len(parts[-1]) > 60 or text[:1].islower())
        if text and joined:
            parts.append(text)
            continue
        if parts:
            out.append((start, " ".join(parts)))
            parts = []
        if text:
            start, parts = i, [text]
    return out


def _named(text: str, measures: list[Measure]) -> set[str]:
    low = text.lower()
    return {m.topic for m in measures if any(n.lower() in low for n in m.names)}


def read_figures(text: str, items: list[dict[str, Any]], measures: list[Measure], places: dict[str, str],
                 region: str | None, meeting_day: str | None) -> list[dict[str, Any]]:
    """Every figure the text states for a measure: measure, value, unit, date (the day a value holds for,
    or the date a date measure names), deadline (a target's), place (code; the document's region unless
    the sentence names one), line (1-based) and the sentence itself."""
    lines = text.split("\n")
    titles = _item_titles(lines, items)
    found: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for i, line in _paragraphs(lines):
        if not any(ch.isdigit() for ch in line):
            continue
        for sentence in _sentences(line):
            topics = _named(sentence, measures) or _named(line, measures) or _named(titles[i], measures)
            if not topics:
                continue
            mine = [m for m in measures if m.topic in topics]
            for figure in _sentence_figures(sentence, mine, places, region, meeting_day):
                key = (figure["measure"], figure["place"], figure["value"], figure["date"], figure["deadline"])
                if key in seen:
                    continue
                seen.add(key)
                found.append(figure | {"line": i + 1, "sentence": sentence})
    return found


def _sentence_figures(sentence: str, measures: list[Measure], places: dict[str, str], region: str | None,
                      meeting_day: str | None) -> list[dict[str, Any]]:
    words = _word_index(sentence)
    numbers = _numbers(sentence)
    out: list[dict[str, Any]] = []
    as_of = meeting_day
    if m := _AS_OF.search(sentence):
        day = (_day(int(m[3]), _MONTH_WORDS[m[2].lower().rstrip(".")], int(m[1])) if m[1]
               else _day(int(m[6]), int(m[5]), int(m[4])))
        as_of = day.isoformat() if day else as_of
    elif m := _UP_TO.search(sentence):
        year, month = int(m[2]), _MONTH_WORDS[m[1].lower().rstrip(".")]
        as_of = dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
    # (distance, claims first, measure, number): a target's word claims before the others; then the nearest.
    candidates: list[tuple[int, int, Measure, _Number]] = []
    for measure in measures:
        if measure.kind == "date":
            continue
        for cue in measure.cues:
            for a, b in _cue_spans(sentence, cue):
                for n in numbers:
                    if n.unit != measure.unit:
                        continue
                    if n.end <= a and _words_between(words, n.end, a) <= WINDOW:
                        candidates.append((_words_between(words, n.end, a), measure.kind != "target", measure, n))
                    elif n.start >= b and _words_between(words, b, n.start) <= WINDOW:
                        candidates.append((_words_between(words, b, n.start), measure.kind != "target", measure, n))
    used: set[int] = set()
    given: set[tuple[str, str | None]] = set()  # a measure states one figure a place in a sentence
    for _distance, _, measure, n in sorted(candidates, key=lambda c: (c[1], c[0], c[3].start)):
        place = _place_after(sentence, n.end, places) or region
        if n.start in used or (measure.id, place) in given:
            continue
        used.add(n.start)
        given.add((measure.id, place))
        deadline = None
        if measure.kind == "target" and (d := _YEAR_END.search(sentence, n.end)):
            deadline = f"{d[1] or d[2]}-12-31"
        out.append({"measure": measure.id, "value": n.value, "unit": measure.unit,
                    "date": as_of if measure.kind == "value" else None, "deadline": deadline, "place": place})
    for measure in measures:
        if measure.kind != "date":
            continue
        for cue in measure.cues:
            for _a, b in _cue_spans(sentence, cue):
                after = [(s, day) for s, _, day in _dates(sentence) if s >= b and _words_between(words, b, s) <= 8]
                if after:
                    out.append({"measure": measure.id, "value": None, "unit": "", "date": after[0][1].isoformat(),
                                "deadline": None, "place": region})
    return out
