"""The application layer's answers, read through Streamlit's cache.

The cache key is the view function, its arguments and the database's identity
(path and modification time in nanoseconds), so a rebuilt database is seen at
once and two pages asking the same question share one answer."""

from __future__ import annotations

import os
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


_PINNED = "_db_version"


def _resolve() -> tuple[str, int]:
    path = settings.db_path()
    try:
        # The served link resolved: the current version's immutable file, opened as itself from now on.
        real = os.path.realpath(path)
        return real, os.stat(real).st_mtime_ns
    except FileNotFoundError:
        raise queries.MissingDatabase(str(path)) from None


def pin() -> tuple[str, int]:
    """Resolve the served database once for this run (ui.page.setup): every answer of the run comes from the
    same version even if an import makes a new one current meanwhile; the next run sees the new one."""
    key = _resolve()
    st.session_state[_PINNED] = key
    return key


def db_key() -> tuple[str, int]:
    """The database's identity for caches: the version's file and its mtime (pinned for the run)."""
    pinned = st.session_state.get(_PINNED)
    if pinned is not None and os.path.exists(pinned[0]):
        return str(pinned[0]), int(pinned[1])
    return _resolve()


@st.cache_resource(show_spinner=False, max_entries=8)
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
