"""The application layer's answers, read through Streamlit's cache.

The cache key is the view function, its arguments and the database's identity
(path and modification time in nanoseconds), so a rebuilt database is seen at
once and two pages asking the same question share one answer."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import plotly.graph_objects as go
import streamlit as st

import settings
from store import queries

P = ParamSpec("P")
R = TypeVar("R")


def db_key() -> tuple[str, int]:
    """The database's identity for caches: its path and mtime."""
    path = settings.db_path()
    try:
        return str(path), path.stat().st_mtime_ns
    except FileNotFoundError:
        raise queries.MissingDatabase(str(path)) from None


@st.cache_resource(show_spinner=False)
def _connection(path: str, mtime_ns: int) -> sqlite3.Connection:
    return queries.connect(Path(path))


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False, max_entries=2000)
def _answer(_view: Callable[..., Any], name: str, db: tuple[str, int], args: tuple[Any, ...]) -> Any:
    return _view(_connection(*db), *args)


def cached(view: Callable[Concatenate[sqlite3.Connection, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``view(connection, *args)`` answered once per database and arguments. The function itself is passed,
    not its name; its qualified name only keys the cache."""
    assert not kwargs, "views take positional arguments"
    result: R = _answer(view, f"{view.__module__}.{view.__qualname__}", db_key(), tuple(args))
    return result


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False, max_entries=500)
def _figure(_builder: Callable[..., go.Figure], name: str, db: tuple[str, int], args: tuple[Any, ...]) -> go.Figure:
    return _builder(*args)


def figure(builder: Callable[P, go.Figure], *args: P.args, **kwargs: P.kwargs) -> go.Figure:
    """A chart built once per database and arguments (DataFrames included), not on every rerun."""
    assert not kwargs, "chart builders take positional arguments"
    return _figure(builder, f"{builder.__module__}.{builder.__qualname__}", db_key(), tuple(args))
