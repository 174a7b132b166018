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
            "The database the app reads (read-only). The version store (see store_dir) keeps it a link "
            "to the current version's immutable file and moves the link atomically; a plain file works too.",
        ),
        Setting(
            "store_dir",
            "SUNDHED_STORE",
            "",
            "Folder of database versions (one folder a version: database, source files, manifest). "
            "Empty: next to the database, named after it (data/dashboard.versions).",
        ),
        Setting(
            "keep_versions",
            "SUNDHED_KEEP_VERSIONS",
            "20",
            "Versions kept for rollback; older ones are pruned oldest first, never the current one.",
        ),
        Setting(
            "import_wait",
            "SUNDHED_IMPORT_WAIT",
            "60",
            "Seconds a command-line import waits for another import to finish before giving up "
            "(the app does not wait: it asks the user to try again).",
        ),
        Setting(
            "max_upload_mb",
            "SUNDHED_MAX_UPLOAD_MB",
            "200",
            "Largest file, in megabytes, that may be uploaded or imported.",
        ),
        Setting(
            "parse_cpu_seconds",
            "SUNDHED_PARSE_CPU_SECONDS",
            "30",
            "CPU seconds the worker reading one source file may use, plus parse_cpu_seconds_per_mb a megabyte of "
            "the file (a zipped XLSX or DOCX counts eight times its size). CPU time, not the clock's: a busy "
            "machine never refuses a good file. A file that needs more is refused with the limit named.",
        ),
        Setting("parse_cpu_seconds_per_mb", "SUNDHED_PARSE_CPU_SECONDS_PER_MB", "4",
                "See parse_cpu_seconds."),
        Setting(
            "parse_memory_mb",
            "SUNDHED_PARSE_MEMORY_MB",
            "1024",
            "Megabytes of memory the worker reading one file may take beyond what it starts with, plus "
            "parse_memory_per_mb a megabyte of the file (the kernel's limit on its address space).",
        ),
        Setting("parse_memory_per_mb", "SUNDHED_PARSE_MEMORY_PER_MB", "16", "See parse_memory_mb."),
        Setting(
            "parse_output_mb",
            "SUNDHED_PARSE_OUTPUT_MB",
            "256",
            "Megabytes the worker reading one file may send back (its rows, texts and rejections), plus "
            "parse_output_per_mb a megabyte of the file.",
        ),
        Setting("parse_output_per_mb", "SUNDHED_PARSE_OUTPUT_PER_MB", "200", "See parse_output_mb."),
        Setting(
            "archive_max_mb",
            "SUNDHED_ARCHIVE_MAX_MB",
            "1024",
            "Most megabytes an XLSX or DOCX file may unpack to (all its members together): a zip bomb stops here.",
        ),
        Setting(
            "archive_max_ratio",
            "SUNDHED_ARCHIVE_MAX_RATIO",
            "200",
            "Highest compression ratio a member of an XLSX or DOCX file may have.",
        ),
        Setting(
            "archive_max_members",
            "SUNDHED_ARCHIVE_MAX_MEMBERS",
            "5000",
            "Most members an XLSX or DOCX file may hold.",
        ),
        Setting(
            "editors",
            "SUNDHED_EDITORS",
            "",
            "E-mail addresses (comma-separated) of the editors, who may import data and roll back. "
            "Everyone signed in may read. Only used when sign-in is set up ([auth] in .streamlit/secrets.toml).",
        ),
        Setting(
            "editor_groups",
            "SUNDHED_EDITOR_GROUPS",
            "",
            "Group names or ids (comma-separated) whose members are editors, read from the claim in group_claim.",
        ),
        Setting(
            "group_claim",
            "SUNDHED_GROUP_CLAIM",
            "groups",
            "The ID token claim that lists the user's groups (Entra ID: groups; others: roles).",
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
            "memo_mb",
            "SUNDHED_MEMO_MB",
            "200",
            "Megabytes each app process keeps of what it read from the current database version (the same reads "
            "serve every session and filter; the least recently used go first).",
        ),
        Setting(
            "today",
            "SUNDHED_TODAY",
            "",
            "An ISO date to use as today instead of the clock's (a meeting rehearsed as of a date, a demonstration "
            "that must not age); empty: the clock (clock.py is the one place that reads it).",
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
        Setting(
            "change_threshold",
            "SUNDHED_CHANGE_THRESHOLD",
            "5",
            "Per cent an indicator's latest value must move (against its value at the forum's previous meeting) "
            "to be listed under Siden sidste møde and in the Mødebrief.",
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


def store_dir() -> Path:
    value = get("store_dir")
    if value:
        return Path(value)
    db = db_path()
    return db.with_name(db.stem + ".versions")


def keep_versions() -> int:
    return max(1, int(get("keep_versions")))


def import_wait() -> float:
    return float(get("import_wait"))


def max_upload_bytes() -> int:
    return int(float(get("max_upload_mb")) * 1024 * 1024)


def listed(name: str) -> tuple[str, ...]:
    """A comma-separated setting as its items, blanks dropped."""
    return tuple(item.strip() for item in get(name).split(",") if item.strip())
