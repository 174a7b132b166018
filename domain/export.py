"""Tables as Danish Excel opens them: ';'-separated, decimal comma, UTF-8 with BOM."""

from __future__ import annotations

import pandas as pd


def danish_csv(frame: pd.DataFrame, demo: bool = False) -> bytes:
    """CSV bytes; a first line says "Eksempeldata" when the numbers are demonstration data."""
    body = frame.to_csv(sep=";", decimal=",", index=False)
    if demo:
        body = "# Eksempeldata – ikke rigtige tal\n" + body
    return body.encode("utf-8-sig")
