"""Numbers as Danish and English files write them."""

from __future__ import annotations

import math
import re

from loaders.errors import BadNumber

NOT_PUBLISHED = {"..", "…", ":"}

_PLAIN = re.compile(r"-?\d{1,15}(?:,\d+)?")  # the common Danish case, parsed without the slow path
_THOUSANDS_DOT = re.compile(r"[-−]?\d{1,3}(?:\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"[-−]?\d{1,3}(?:,\d{3}){2,}")


def is_not_published(cell: str) -> bool:
    """Danmarks Statistik's ``..``: not published, which is not zero and not an error."""
    return cell in NOT_PUBLISHED or cell.strip() in NOT_PUBLISHED


def parse_number(cell: str | float | int) -> float:
    """``17.350`` → 17350; ``16,9 %`` → 16.9; ``1.234,5`` → 1234.5; ``12.5`` → 12.5.

    A dot followed by exactly three digits (``1.250``) is a Danish thousands
    separator, as in the sources. Raises BadNumber.
    """
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise BadNumber(f"not a finite number: {cell!r}")
        return float(cell)
    if isinstance(cell, str) and _PLAIN.fullmatch(cell):
        return float(cell.replace(",", "."))
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
    text = re.sub(r"(%|kr\.?|pct\.?)$", "", text, flags=re.IGNORECASE)
    if not text:
        raise BadNumber("empty value")
    if "," in text and "." in text:
        # The last separator is the decimal one.
        comma_last = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if comma_last else text.replace(",", "")
    elif "," in text:
        text = text.replace(",", "") if _THOUSANDS_COMMA.fullmatch(text) else text.replace(",", ".")
    elif _THOUSANDS_DOT.fullmatch(text):
        text = text.replace(".", "")
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", text):
        raise BadNumber(f"not a number: {str(cell).strip()!r}")
    return float(text)
