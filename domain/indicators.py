"""Trend arrows and whether they point the desired way."""

from __future__ import annotations

ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def trend_arrow(arrow: str | None) -> str:
    return ARROWS.get(arrow or "", "")


def arrow_is_good(arrow: str | None, direction: str) -> bool | None:
    """True when the arrow points the desired way, False when not, None when flat or absent."""
    if arrow not in ("up", "down"):
        return None
    return arrow == direction
