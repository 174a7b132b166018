"""Numbers as Danish and English files write them.

Two conventions:

- Danish (``DANISH``): ``.`` groups thousands, ``,`` is the decimal sign: ``17.350``, ``16,9``, ``1.234,5``.
- English (``ENGLISH``): ``,`` groups thousands, ``.`` is the decimal sign: ``17,350``, ``16.9``, ``1,234.5``.

Many cells say which convention they follow (``12,5`` and ``1.234,5`` are Danish, ``12.5``, ``0.125``
and ``1,234.5`` English); some do not (``1.250`` is 1250 in Danish and 1.25 in English). A table's
loader therefore decides the convention once for a column or a file from the cells that do say
(``number_evidence``), and parses every cell of it with that one convention
(``parse_number(cell, convention)``): a cell is never guessed on its own.

A number stored as a number (an XLSX number cell, see ``NumberCell``) is taken as it is.
"""

from __future__ import annotations

import math
import re

from loaders.errors import BadNumber

NOT_PUBLISHED = {"..", "…", ":"}
DASHES = {"-", "–", "—", "--"}  # zero in Danmarks Statistik's symbols, "no value" in many a BI extract: neither guessed
DANISH = "da"
ENGLISH = "en"
CONVENTION_NAMES = {DANISH: "Danish (decimal comma)", ENGLISH: "English (decimal point)"}


class NumberCell(str):
    """A cell that a spreadsheet stored as a number: text where a label is read (a year heading
    ``2024``, a code ``751``), the number itself where a value is read."""

    __slots__ = ("number",)
    number: float

    def __new__(cls, text: str, number: float) -> NumberCell:
        cell = super().__new__(cls, text)
        cell.number = number
        return cell


# Fast paths: the common cells, parsed without the slow path.
_PLAIN_DA = re.compile(r"-?\d{1,15}(?:,\d+)?")
_PLAIN_EN = re.compile(r"-?\d{1,15}(?:\.\d+)?")
_DA = re.compile(r"[-+]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d+)?")
_EN = re.compile(r"[-+]?(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?")
_GROUPED = re.compile(r"[1-9]\d{0,2}[.,]\d{3}")  # one separator, three digits after it: either convention
_SUFFIX = re.compile(r"(%|kr\.?|pct\.?)$", re.IGNORECASE)


# Discretion (small numbers a source keeps back: ``<5``, ``(<5)``, ``< 3``, ``*``, ``**``, ``(*)``): not
# published either, counted with ``..``. A bounded length and no nested repetition: linear on any cell.
_SUPPRESSED = re.compile(r"\(?(?:[<≤]\s?\d{1,3}|\*{1,3})\)?|\[(?:[<≤]\s?\d{1,3}|\*{1,3})\]")
SUPPRESSED_START = "<≤(*["  # a cell that can be a discretion mark starts with one of these


def is_suppressed(cell: str) -> bool:
    """A discretion mark (``<5``, ``(<5)``, ``*``): a small value the source does not publish."""
    text = cell.strip()
    return 0 < len(text) <= 8 and text[0] in SUPPRESSED_START and _SUPPRESSED.fullmatch(text) is not None


def is_not_published(cell: str) -> bool:
    """Danmarks Statistik's ``..``: not published, which is not zero and not an error."""
    return cell in NOT_PUBLISHED or cell.strip() in NOT_PUBLISHED


def _clean(cell: str) -> str:
    text = cell.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("−", "-")
    return _SUFFIX.sub("", text)


def number_evidence(cell: str) -> str | None:
    """``DANISH`` or ``ENGLISH`` when the cell can only be read one way, else None (a whole number,
    an ambiguous ``1.250`` or ``1,250``, or not a number at all).

    A single separator followed by three digits is ambiguous unless the digits before it cannot be
    a thousands group: ``0.125`` (a leading group of 0) and ``1234.567`` (four digits) are decimals.
    """
    if isinstance(cell, NumberCell) or not isinstance(cell, str):
        return None
    text = _clean(cell).lstrip("+-")
    if not text or text.isdigit():
        return None
    if _GROUPED.fullmatch(text):
        return None
    danish, english = _DA.fullmatch(text), _EN.fullmatch(text)
    if danish and not english:
        return DANISH
    if english and not danish:
        return ENGLISH
    return None


def looks_like_number(cell: str) -> bool:
    """A cell that is a number in one convention or the other (or a spreadsheet number)."""
    if isinstance(cell, NumberCell):
        return True
    text = _clean(cell)
    return bool(text) and bool(_DA.fullmatch(text) or _EN.fullmatch(text))


def parse_number(cell: str | float | int, convention: str | None = None, decimals: bool = False) -> float:
    """The number in a cell, read with the given convention (``DANISH`` or ``ENGLISH``).

    ``17.350`` → 17350 and ``16,9 %`` → 16.9 (Danish); ``1,234.5`` → 1234.5 and ``11.125`` → 11.125
    (English). A cell that does not follow the convention raises BadNumber rather than being read
    the other way. Numbers (and ``NumberCell``) are returned as they are.

    ``decimals``: the column writes decimals with the convention's decimal sign (``12.5``) where the other
    sign could be meant too (its table's language is the other convention's, and no cell groups thousands
    beyond doubt). A cell with a single separator and three digits after it, the other convention's
    decimal sign (``99,371``), can then be read two ways within its own column, and raises BadNumber.

    Without a convention, the cell's own evidence decides and an ambiguous ``1.250`` is Danish (1250),
    as in the sources' running text; tables always pass the convention they decided.
    """
    cls = cell.__class__
    if cls is str:
        if convention == ENGLISH:
            if _PLAIN_EN.fullmatch(cell):  # type: ignore[arg-type]
                return float(cell)
        elif _PLAIN_DA.fullmatch(cell):  # type: ignore[arg-type]
            return float(cell.replace(",", "."))  # type: ignore[union-attr]
    elif cls is NumberCell:
        return cell.number  # type: ignore[union-attr]
    elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise BadNumber(f"not a finite number: {cell!r}")
        return float(cell)
    if not isinstance(cell, str):
        raise BadNumber(f"not a number: {cell!r}")
    text = _clean(cell)
    if not text:
        raise BadNumber("empty value")
    if text in DASHES:
        raise BadNumber(f"{cell.strip()!r} may mean zero or no value: not read (write 0, or '..' for a value "
                        "not published)")
    if convention is None:
        convention = number_evidence(text) or DANISH
    if decimals and _GROUPED.fullmatch(text.lstrip("+-")) and (
            ("," in text) if convention == ENGLISH else ("." in text)):
        sign = "." if convention == ENGLISH else ","
        raise BadNumber(f"number {cell.strip()!r} can be read two ways in a column that writes decimals with "
                        f"{sign!r}: not read")
    if convention == DANISH:
        if _DA.fullmatch(text):
            return float(text.replace(".", "").replace(",", "."))
    elif convention == ENGLISH:
        if _EN.fullmatch(text):
            return float(text.replace(",", ""))
    else:
        raise ValueError(f"unknown number convention {convention!r}")
    shown = cell.strip()
    other = ENGLISH if convention == DANISH else DANISH
    if (_DA if other == DANISH else _EN).fullmatch(text):
        raise BadNumber(f"number {shown!r} does not follow the number format decided for its column, "
                        f"{CONVENTION_NAMES[convention]}")
    raise BadNumber(f"not a number: {shown!r}")


def decide_convention(danish: int, english: int, default: str) -> str:
    """The convention the cells' evidence points to (the majority); ``default`` without evidence or on a tie."""
    if danish > english:
        return DANISH
    if english > danish:
        return ENGLISH
    return default
