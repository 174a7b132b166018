"""The steering bodies (fora) of the health agreement: their short codes, names and how documents name them.

Minutes name a forum in full ("Sundhedsstyregruppen"), the initiative overview by its abbreviation in a
section heading ("… i Sundhedsstyregruppen (SSG)"), the command line by either. One table decides."""

from __future__ import annotations

import re

# code, Danish name, how a text names it (first match wins in ``forum_code``)
FORUMS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("SSU", "Sundhedssamarbejdsudvalget", re.compile(r"\bSSU\b|Sundhedssamarbejdsudvalg", re.I)),
    ("SSG", "Sundhedsstyregruppen", re.compile(r"\bSSG\b|Sundhedsstyregruppe", re.I)),
    ("SDK", "Sundhedsdirektørkredsen", re.compile(r"\bSDK\b|Sundhedsdirektørkreds", re.I)),
    ("SKU", "Sundhedskoordinationsudvalget", re.compile(r"\bSKU\b|Sundhedskoordinationsudvalg", re.I)),
)
NAMES = {code: name for code, name, _ in FORUMS}


def forum_code(text: str | None) -> str | None:
    """The code of the forum ``text`` names first ("Sundhedsstyregruppen", "ssg", "… i SSG …"), else None."""
    if not text:
        return None
    hits = [(m.start(), code) for code, _, rx in FORUMS for m in [rx.search(text)] if m]
    return min(hits)[1] if hits else None


def forum_name(code: str) -> str:
    """``SSG`` → ``Sundhedsstyregruppen``; an unknown forum keeps its own name."""
    return NAMES.get(code, code)
