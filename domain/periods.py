"""Time in the sources: time phrases → windows, dates in running text,
Danmarks Statistik period codes, and quarters for the filter bar."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "marts": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


class BadPeriod(ValueError):
    """A period code or cell that is not one of the accepted period forms."""


Window = tuple[dt.date, dt.date]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> Window:
    return dt.date(year, first, 1), _month_end(year, last)


# Each rule: a regex over the normalised phrase and the months it covers.
_THIRDS = {"primo": (1, 4), "medio": (5, 8), "ultimo": (9, 12)}
_SEASONS = {"foråret": (3, 5), "forår": (3, 5), "sommeren": (6, 8), "sommer": (6, 8),
            "efteråret": (9, 11), "efterår": (9, 11)}
_YEAR = r"((?:19|20)\d\d)"
# The longest phrase that names a window ("i 1. eller 2. kvartal af 2025 til 2. halvår af 2026") is some 50
# characters; a longer cell is no time phrase, however it is spaced (and is not normalised to find out: a
# cell that grows row by row would be read again each time).
_MAX_PHRASE = 200


def _normalise(phrase: str) -> str:
    text = phrase.strip().lower()
    text = re.sub(r"(\d)\.(?=\S)", r"\1. ", text)  # "1.halvår" → "1. halvår"
    return re.sub(r"\s+", " ", text)


def _single_window(text: str) -> Window | None:
    m = re.fullmatch(_YEAR, text)
    if m:
        return _months(int(m[1]), 1, 12)
    m = re.fullmatch(r"(?:i )?([12])\. halvår(?: af)? " + _YEAR, text)
    if m:
        half = int(m[1])
        return _months(int(m[2]), 6 * half - 5, 6 * half)
    m = re.fullmatch(r"(?:i )?([1-4])\.(?: eller ([1-4])\.)? (?:kvartal|kvt\.?)(?: af)? " + _YEAR, text)
    if m:
        first = int(m[1])
        last = int(m[2] or m[1])
        return _months(int(m[3]), 3 * first - 2, 3 * max(first, last))
    m = re.fullmatch(r"(primo|medio|ultimo) " + _YEAR, text)
    if m:
        first, last = _THIRDS[m[1]]
        return _months(int(m[2]), first, last)
    m = re.fullmatch(r"(?:i )?(" + "|".join(_SEASONS) + r") " + _YEAR, text)
    if m:
        first, last = _SEASONS[m[1]]
        return _months(int(m[2]), first, last)
    m = re.fullmatch(r"(" + _MONTH_RE + r")\.? " + _YEAR, text)
    if m:
        month = MONTHS[m[1]]
        return _months(int(m[2]), month, month)
    m = re.fullmatch(r"q([1-4]) " + _YEAR, text)
    if m:
        q = int(m[1])
        return _months(int(m[2]), 3 * q - 2, 3 * q)
    return None


def window_for_phrase(phrase: str | None) -> Window | None:
    """The window a time phrase names, or None when it does not parse.

    ``2025-2026`` and ``ultimo 2024/primo 2025`` span from the start of the
    first part to the end of the last.
    """
    if not phrase or not phrase.strip() or len(phrase) > _MAX_PHRASE:
        return None
    text = _normalise(phrase)
    single = _single_window(text)
    if single:
        return single
    parts = re.split(r"\s*(?:/|–|-| til )\s*", text)
    if len(parts) == 2:
        first, last = _single_window(parts[0]), _single_window(parts[1])
        if first and last and first[0] <= last[1]:
            return first[0], last[1]
    return None


def is_incomplete_phrase(phrase: str) -> bool:
    """A time phrase cut before its year, such as ``2. kvartal`` or ``Primo``."""
    if len(phrase) > _MAX_PHRASE:
        return False
    text = _normalise(phrase)
    return bool(
        re.fullmatch(r"(?:[1-4]\.(?: eller [1-4]\.)? (?:kvartal|kvt\.?)|[12]\. halvår|primo|medio|ultimo"
                     r"|(?:" + "|".join(_SEASONS) + r"))", text)
    )


# --- dates in running text -------------------------------------------------

def _year(text: str) -> int:
    y = int(text)
    return 2000 + y if y < 100 else y


_DATE_PATTERNS: list[re.Pattern[str]] = [
    # 2025-10-03 (ISO)
    re.compile(r"(?<![\d/-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"),
    # 03-10-2025, d. 03-10-2025
    re.compile(r"(?<![\d/-])(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>(?:19|20)\d\d)(?!\d)"),
    # 15/9-23, 20/9/24, 1/12 2023, 1/9 2024, 20/9/2024
    re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:[-/]| (?=(?:19|20)\d\d))(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"),
    # 3. februar 2025, 12. september, 2025, 31. dec. 2024, 3. februar 25
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})\.\s*(?P<mon>" + _MONTH_RE + r")\.?,?\s+(?P<y>(?:19|20)\d\d|\d\d)(?![\d.,]\d)",
        re.IGNORECASE,
    ),
]


def dates_in_text(text: str | None) -> list[dt.date]:
    """Every day-first date written in ``text``, in order of appearance, once each."""
    if not text:
        return []
    found: list[tuple[int, dt.date]] = []
    # The characters an earlier pattern's date stands on, one byte each: a later match that starts or ends
    # on one is part of a date found already. (Looking through the dates found so far for each match was
    # quadratic: a line of 40,000 dates took minutes.) Each pattern's matches do not overlap, so the marking
    # costs at most a few passes over the text.
    taken = bytearray(len(text))
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if taken[start] or taken[end - 1]:
                continue
            groups = m.groupdict()
            month = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
            try:
                day = dt.date(_year(groups["y"]), month, int(groups["d"]))
            except ValueError:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append((start, day))
    seen: set[dt.date] = set()
    result = []
    for _, day in sorted(found, key=lambda pair: pair[0]):
        if day not in seen:
            seen.add(day)
            result.append(day)
    return result


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or None."""
    days = dates_in_text(text)
    return days[0] if days else None


# --- period codes ------------------------------------------------------------

@functools.lru_cache(maxsize=4096)  # extracts repeat the same few hundred periods
def parse_period(cell: str) -> str:
    """A period cell → ``YYYY``, ``YYYY-Qn``, ``YYYY-Hn`` or ``YYYY-MM``.

    Accepts Danmarks Statistik codes (``2024``, ``2024K1``, ``2024H1``,
    ``2024M01``), ``2024Q1``, ``2024-Q1``, ``jan 2024``, ``januar 2024``,
    ``2024-01`` and ISO dates (which name their month). Raises BadPeriod.
    """
    text = cell.strip().lower().replace(" ", "") if cell else ""
    if not text:
        raise BadPeriod("empty period")
    # ASCII digits only ([0-9], not \d): a period code is stored as written, and '20٢٥' is no year.
    m = re.fullmatch(r"((?:19|20)[0-9][0-9])", text)
    if m:
        return m[1]
    m = re.fullmatch(r"((?:19|20)[0-9][0-9])-?[kq]([1-4])", text)
    if m:
        return f"{m[1]}-Q{m[2]}"
    m = re.fullmatch(r"((?:19|20)[0-9][0-9])-?h([12])", text)
    if m:
        return f"{m[1]}-H{m[2]}"
    m = re.fullmatch(r"((?:19|20)[0-9][0-9])(?:m|-)([0-9][0-9])(?:-([0-9][0-9]))?", text)
    if m:
        month = int(m[2])
        if 1 <= month <= 12:
            if m[3] is not None:
                try:
                    dt.date(int(m[1]), month, int(m[3]))
                except ValueError as exc:
                    raise BadPeriod(f"not a date: {cell!r}") from exc
            return f"{m[1]}-{month:02d}"
    m = re.fullmatch(r"(" + _MONTH_RE + r")\.?-?((?:19|20)[0-9][0-9])", text)
    if m:
        return f"{m[2]}-{MONTHS[m[1]]:02d}"
    m = re.fullmatch(r"([0-9][0-9])[-./]([0-9][0-9])[-./]((?:19|20)[0-9][0-9])", text)
    if m:
        try:
            day = dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError as exc:
            raise BadPeriod(f"not a date: {cell!r}") from exc
        return f"{day.year}-{day.month:02d}"
    raise BadPeriod(f"not a period: {cell!r}")


def period_bounds(period: str) -> Window:
    """First and last day of a stored period."""
    if "-Q" in period:
        year, q = period.split("-Q")
        return _months(int(year), 3 * int(q) - 2, 3 * int(q))
    if "-H" in period:
        year, h = period.split("-H")
        return _months(int(year), 6 * int(h) - 5, 6 * int(h))
    if period.endswith("-S"):  # influenza season: October to March
        start = int(period[:-2])
        return dt.date(start, 10, 1), _month_end(start + 1, 3)
    if len(period) == 7:
        year, month = period.split("-")
        return _months(int(year), int(month), int(month))
    return _months(int(period), 1, 12)


@functools.lru_cache(maxsize=4096)
def period_start(period: str) -> str:
    """The first day of a stored period, ISO: what the database sorts and filters by."""
    return period_bounds(period)[0].isoformat()


@functools.lru_cache(maxsize=8192)
def period_end(period: str) -> dt.date:
    """The last day of a stored period (a KPI counts a period once it has ended)."""
    return period_bounds(period)[1]


# --- quarters -----------------------------------------------------------------

def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def is_quarter(code: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d-Q[1-4]", code))


def quarter_range(first: str, last: str) -> list[str]:
    """All quarters from ``first`` to ``last`` inclusive (empty when reversed)."""
    fy, fq = (int(x) for x in first.split("-Q"))
    ly, lq = (int(x) for x in last.split("-Q"))
    out = []
    y, q = fy, fq
    while (y, q) <= (ly, lq):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def quarter_bounds(code: str) -> Window:
    return period_bounds(code)


def overlaps(window: Window | None, first: dt.date, last: dt.date) -> bool:
    return window is not None and window[0] <= last and window[1] >= first


def months_between(first: str, last: str) -> list[str]:
    """Every calendar month from ``first`` to ``last`` (``2025-03``), both included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def months_back(end: str, n: int) -> list[str]:
    """The ``n`` calendar months ending with ``end`` (``2025-12``), oldest first."""
    y, m = int(end[:4]), int(end[5:7])
    out = []
    for _ in range(n):
        out.append(f"{y}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def quarters_back(end: str, n: int) -> list[str]:
    """The ``n`` quarters ending with ``end`` (``2025-Q4``), oldest first."""
    y, q = int(end[:4]), int(end[-1])
    out = []
    for _ in range(n):
        out.append(f"{y}-Q{q}")
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    return out[::-1]
