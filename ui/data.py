"""The application layer's answers, read through Streamlit's cache.

The cache key is the view function, its arguments and the database's identity
(path and modification time in nanoseconds), so a rebuilt database is seen at
once and two pages asking the same question share one answer.

Figures are cached on small keys, never on their data: an argument that came
out of an answer of this run (the answer or one of its fields) is named by that
answer's key and the field's path; anything else small is its own key, and
anything else large is keyed by a digest of its content. The figure itself is
kept as one shared object (st.cache_resource), neither pickled nor validated
again on a rerun; st.plotly_chart and the image export only read it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import settings
from store import queries

P = ParamSpec("P")
R = TypeVar("R")


_PINNED = "_db_version"
_ORIGINS = "_answer_origins"  # id(object) -> (object, its answer's key and field path), for this run only
_MAX_ORIGINS = 5000


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
    st.session_state[_ORIGINS] = {}  # last run's answers are gone; their ids may be reused
    return key


def db_key() -> tuple[str, int]:
    """The database's identity for caches: the version's file and its mtime (pinned for the run)."""
    pinned = st.session_state.get(_PINNED)
    if pinned is not None and os.path.exists(pinned[0]):
        return str(pinned[0]), int(pinned[1])
    return _resolve()


def _connection(path: str, mtime_ns: int) -> sqlite3.Connection:
    # The process's pool: one connection per version's file, closed once that file is replaced or pruned.
    return queries.POOL.get(Path(path), mtime_ns)


def connection(db: tuple[str, int]) -> sqlite3.Connection:
    """The read-only connection to the database ``db`` (a db_key()), shared by the process."""
    return _connection(*db)


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False, max_entries=2000)
def _answer(_view: Callable[..., Any], name: str, db: tuple[str, int], args: tuple[Any, ...]) -> Any:
    return _view(_connection(*db), *args)


def cached(view: Callable[Concatenate[sqlite3.Connection, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``view(connection, *args)`` answered once per database and arguments. The function itself is passed,
    not its name; its qualified name only keys the cache."""
    assert not kwargs, "views take positional arguments"
    name, db = f"{view.__module__}.{view.__qualname__}", db_key()
    result: R = _answer(view, name, db, tuple(args))
    _remember(result, ("answer", name, db, _small_key(tuple(args))))
    return result


def _origins() -> dict[int, tuple[Any, tuple[Any, ...]]]:
    origins: dict[int, tuple[Any, tuple[Any, ...]]] | None = st.session_state.get(_ORIGINS)
    if origins is None or len(origins) > _MAX_ORIGINS:  # a run without pin() must not grow it for ever
        origins = st.session_state[_ORIGINS] = {}
    return origins


def _remember(obj: Any, key: tuple[Any, ...], depth: int = 3) -> None:
    """Name an answer and its fields (to ``depth``) by the answer's cache key, so that a figure made from them is
    keyed by that name instead of by hashing their content on every rerun."""
    if _is_small(obj):
        return
    _origins()[id(obj)] = (obj, key)  # the object is held, so its id is not reused during the run
    if depth and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for field in dataclasses.fields(obj):
            _remember(getattr(obj, field.name), (*key, field.name), depth - 1)


_SCALARS = (type(None), bool, int, float, str, bytes, dt.date, dt.datetime)


def _is_small(obj: Any) -> bool:
    if isinstance(obj, _SCALARS):
        return True
    return isinstance(obj, tuple) and len(obj) <= 64 and all(_is_small(v) for v in obj)


def _small_key(obj: Any) -> Any:
    """A small, hashable stand-in for ``obj`` that changes whenever its content can differ."""
    if _is_small(obj):
        return obj
    known = st.session_state.get(_ORIGINS, {}).get(id(obj))
    if known is not None and known[0] is obj:
        return known[1]
    if isinstance(obj, (tuple, list)) and len(obj) <= 64:
        return (type(obj).__name__, *(_small_key(v) for v in obj))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__qualname__, *(_small_key(getattr(obj, f.name)) for f in dataclasses.fields(obj)))
    return _digest(obj)


def _digest(obj: Any) -> str:
    """The content's digest, for a value that is neither small nor part of an answer (a frame the page derived)."""
    h = hashlib.blake2b(digest_size=16)
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        h.update(repr((type(obj).__name__, obj.shape, list(obj.dtypes.astype(str)) if isinstance(obj, pd.DataFrame)
                       else str(obj.dtype), list(obj.columns) if isinstance(obj, pd.DataFrame) else obj.name)).encode())
        try:
            h.update(pd.util.hash_pandas_object(obj, index=True).to_numpy().tobytes())
            return h.hexdigest()
        except TypeError:  # unhashable cells (lists): their pickle below
            pass
    h.update(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
    return h.hexdigest()


@st.cache_resource(ttl=settings.cache_ttl(), show_spinner=False, max_entries=500)
def _figure(_builder: Callable[..., Any], name: str, db: tuple[str, int], key: tuple[Any, ...],
            _args: tuple[Any, ...]) -> Any:
    return _builder(*_args)


def memo(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``fn(*args)`` made once per database and arguments, keyed by small things (see above), and shared by every
    session as it is: for what is derived from answers or figures on every rerun (a chart, a chart's table, the
    files of a table). The result must only be read, never changed."""
    assert not kwargs, "positional arguments only"
    name = f"{fn.__module__}.{fn.__qualname__}"
    db, key = db_key(), _small_key(tuple(args))
    result: R = _figure(fn, name, db, key, tuple(args))
    _remember(result, ("memo", name, db, key), depth=0)  # something made from it is keyed by this name too
    return result


def figure(builder: Callable[P, go.Figure], *args: P.args, **kwargs: P.kwargs) -> go.Figure:
    """A chart built once per database and arguments, not on every rerun, keyed by small things (see above).

    The figure is shared by every session showing it: draw it, export it, never change it."""
    return memo(builder, *args, **kwargs)
