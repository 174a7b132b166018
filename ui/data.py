"""Cached reads from the database. The cache key includes the database file's
mtime, so a rebuilt database is seen at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import settings
from domain.filters import Choices
from store import queries


class NoDatabase(RuntimeError):
    pass


def _db() -> tuple[str, float]:
    path = settings.db_path()
    try:
        return str(path), path.stat().st_mtime
    except FileNotFoundError:
        raise NoDatabase(str(path)) from None


@st.cache_resource(show_spinner=False)
def _connection(path: str, mtime: float) -> sqlite3.Connection:
    return queries.connect(Path(path))


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _query(path: str, mtime: float, name: str, args: tuple[Any, ...]) -> Any:
    return getattr(queries, name)(_connection(path, mtime), *args)


def db_key() -> tuple[str, float]:
    """The database's identity for caches: its path and mtime."""
    return _db()


def query(name: str, *args: Any) -> Any:
    """Run ``store.queries.<name>`` through the cache."""
    path, mtime = _db()
    return _query(path, mtime, name, tuple(args))


def frame(name: str, *args: Any) -> pd.DataFrame:
    result = query(name, *args)
    assert isinstance(result, pd.DataFrame)
    return result


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False)
def _choices(path: str, mtime: float, today: dt.date) -> Choices:
    return queries.choices(_connection(path, mtime), today)


def choices() -> Choices:
    path, mtime = _db()
    return _choices(path, mtime, dt.date.today())
