"""Danish number and date formatting for everything shown or exported."""

from __future__ import annotations

import datetime as dt
import math

MONTHS_SHORT = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."]
MONTHS_LONG = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]


def number(value: float | int | None, decimals: int = 0) -> str:
    """``17350`` → ``17.350``; ``16.9`` with one decimal → ``16,9``. None → ``–``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    # Swap separators through a NUL: "," thousands → ".", "." decimal → ",".
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, decimals: int = 1) -> str:
    """``16.9`` → ``16,9 %`` (the value is already in percent)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{number(value, decimals)} %"


def value_with_unit(value: float | None, unit: str) -> str:
    """A value as its unit is shown: counts whole, percents with one decimal, scores with one."""
    if unit == "percent":
        return percent(value)
    if unit == "score":
        return number(value, 1)
    return number(value, 0)


def date_short(day: dt.date | None) -> str:
    """``2025-10-03`` → ``3. okt. 2025``."""
    if day is None:
        return "–"
    return f"{day.day}. {MONTHS_SHORT[day.month - 1]} {day.year}"


def date_long(day: dt.date | None) -> str:
    """``2025-10-03`` → ``3. oktober 2025``."""
    if day is None:
        return "–"
    return f"{day.day}. {MONTHS_LONG[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    """``2023-09-01`` → ``september 2023`` (for dates the source gives to the month)."""
    return f"{MONTHS_LONG[day.month - 1]} {day.year}"


def quarter_label(code: str) -> str:
    """``2025-Q2`` → ``2. kvt. 2025``."""
    year, q = code.split("-Q")
    return f"{int(q)}. kvt. {year}"


def period_label(period: str) -> str:
    """A stored period (``2024``, ``2024-Q1``, ``2024-H1``, ``2024-03``) in Danish."""
    if "-Q" in period:
        return quarter_label(period)
    if "-H" in period:
        year, h = period.split("-H")
        return f"{h}. halvår {year}"
    if "-S" in period:  # a season such as influenza 2020-2021
        start = int(period.split("-S")[0])
        return f"sæson {start}-{start + 1}"
    if len(period) == 7:
        year, month = period.split("-")
        return f"{MONTHS_SHORT[int(month) - 1]} {year}"
    return period


UNITS = {"count": "antal", "percent": "procent", "score": "score"}  # the reference's units, as a reader says them


def unit_label(unit: str) -> str:
    """A unit from the reference (``count``, ``percent``, ``score``) in Danish: ``antal``, ``procent``."""
    return UNITS.get(unit, unit)


def signed(change: float, unit: str) -> str:
    """A change with its sign: ``+312``, ``−0,4 pct.-point`` (percent changes are points, not percent). A change
    that rounds to zero in the shown decimals is ``±0`` (never ``−0,0``)."""
    shown = number(abs(change), 1) if unit == "percent" else value_with_unit(abs(change), unit)
    suffix = " pct.-point" if unit == "percent" else ""
    if not shown.strip("0,."):  # rounds to zero in the decimals shown
        return f"±0{suffix}"
    return f"{'+' if change > 0 else '−'}{shown}{suffix}"
