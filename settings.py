"""The dashboard's one settings table: each setting has a default, an
environment variable that overrides it, and a help text.

Read with ``get(name)``; nothing is read at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "data_dir",
            "SUNDHED_DATA_DIR",
            str(ROOT / "data"),
            "Folder with sources/ (documents and extracts) and reference/ "
            "(geography, indicator catalogue) that the build reads.",
        ),
        Setting(
            "db_path",
            "SUNDHED_DB",
            str(ROOT / "data" / "dashboard.db"),
            "The SQLite database the build writes and the app reads (read-only).",
        ),
        Setting(
            "cache_ttl",
            "SUNDHED_CACHE_TTL",
            "600",
            "Seconds the app keeps a query result before asking the database again. "
            "A rebuilt database is picked up at once regardless (its mtime is part "
            "of the cache key).",
        ),
        Setting(
            "slides_template",
            "SUNDHED_SLIDES_TEMPLATE",
            "",
            "Optional corporate .pptx whose master and layouts the decks use (layout 0: title, 5: title only).",
        ),
        Setting(
            "chromium",
            "SUNDHED_CHROMIUM",
            "/usr/bin/chromium",
            "Chromium used by the browser tests and image export.",
        ),
    )
}


def get(name: str) -> str:
    """The value of setting ``name``: its environment variable, else its default."""
    setting = SETTINGS[name]
    return os.environ.get(setting.env) or setting.default


def db_path() -> Path:
    return Path(get("db_path"))


def data_dir() -> Path:
    return Path(get("data_dir"))


def cache_ttl() -> int:
    return int(get("cache_ttl"))


def slides_template() -> Path | None:
    value = get("slides_template")
    return Path(value) if value else None
