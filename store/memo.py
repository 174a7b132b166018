"""Reads and derived answers kept per database version, for the connections the app's pool opened.

A version's file never changes, so what one session read from it (the region's initiatives, a place's
observations, the catalogue) is what every other session would read: the pool registers its connections
here, and reads through them are answered from memory after the first. The page cache (ui/data.py) keys
whole answers by every filter; this one sits below it and is shared by answers that differ only in
filters that do not change the read (another cluster of the same region, another first quarter).

Connections opened elsewhere (tests, the build, the command line) are not registered and are always read
afresh. Frames are handed out as shallow copies: pandas copies on write, so a caller that adds a column
or changes a value changes its own copy, never the kept one. The memory kept is bounded (setting
``memo_mb``): the least recently used answers go first, and everything kept for a connection goes when
the pool closes it.
"""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd

import settings

T = TypeVar("T")


def _size(value: object) -> int:
    """Bytes a kept answer holds, roughly (frames by their columns; anything else small but counted)."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=True).sum()) + 1024
    if isinstance(value, pd.Series):
        return int(value.memory_usage(index=True, deep=True)) + 1024
    if isinstance(value, tuple):
        return sum(_size(v) for v in value) + 1024
    if isinstance(value, (list, dict)):
        return sys.getsizeof(value) + 100 * len(value) + 1024
    return 4096


def _handed_out(value: T, depth: int = 3) -> T:
    """What a caller gets: frames as shallow copies (pandas copies on write), and the lists, dicts and dataclass
    fields holding them copied too, to ``depth`` levels; immutable things as they are."""
    out: Any = value
    if isinstance(value, (pd.DataFrame, pd.Series)):
        out = value.copy(deep=False)
    elif depth <= 0:
        out = value
    elif isinstance(value, tuple) and not hasattr(value, "_fields"):
        out = tuple(_handed_out(v, depth - 1) for v in value)
    elif isinstance(value, list):
        out = [_handed_out(v, depth - 1) for v in value]
    elif isinstance(value, dict):
        out = {k: _handed_out(v, depth - 1) for k, v in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: _handed_out(getattr(value, f.name), depth - 1) for f in dataclasses.fields(value)
                   if isinstance(getattr(value, f.name), (pd.DataFrame, pd.Series, list, dict))}
        if changed:
            out = copy.copy(value)
            for name, field_value in changed.items():
                object.__setattr__(out, name, field_value)  # (a frozen dataclass's own copy)
    return out


class VersionMemo:
    def __init__(self, max_bytes: int | None = None) -> None:
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self._conns: dict[int, sqlite3.Connection] = {}  # held, so an id is not reused while registered
        self._kept: OrderedDict[tuple[int, Hashable], tuple[Any, int]] = OrderedDict()  # least recent first
        self.bytes = 0
        self.hits = 0  # answers given from memory (the tests read it)

    @property
    def max_bytes(self) -> int:
        if self._max_bytes is None:
            self._max_bytes = int(float(settings.get("memo_mb")) * 1024 * 1024)
        return self._max_bytes

    def register(self, conn: sqlite3.Connection) -> None:
        """``conn`` reads a file that never changes while it is open (the pool's connections)."""
        with self._lock:
            self._conns[id(conn)] = conn

    def forget(self, conn: sqlite3.Connection) -> None:
        """``conn`` is being closed: drop it and everything kept for it."""
        with self._lock:
            if self._conns.pop(id(conn), None) is None:
                return
            for key in [k for k in self._kept if k[0] == id(conn)]:
                self.bytes -= self._kept.pop(key)[1]

    def answer(self, conn: sqlite3.Connection, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, kept for ``conn``'s version under ``key`` when ``conn`` is registered."""
        full = (id(conn), key)
        with self._lock:
            known = self._conns.get(id(conn)) is conn
            found = self._kept.get(full) if known else None
            if found is not None:
                self._kept.move_to_end(full)
                self.hits += 1
                return _handed_out(found[0])
        value = make()  # outside the lock: two sessions may make the same answer once each, never wait
        if not known:
            return value
        size = _size(value)
        with self._lock:
            if self._conns.get(id(conn)) is not conn or size > self.max_bytes // 4:
                return value  # closed meanwhile, or too big to keep without pushing out everything else
            old = self._kept.pop(full, None)
            self.bytes += size - (old[1] if old else 0)
            self._kept[full] = (value, size)
            while self.bytes > self.max_bytes and self._kept:
                self.bytes -= self._kept.popitem(last=False)[1][1]
        return _handed_out(value)

MEMO = VersionMemo()  # the process's, filled through the pool's connections (store.queries.POOL)


def kept(conn: sqlite3.Connection, key: Hashable, make: Callable[[], T]) -> T:
    """``make()`` answered once per database version when ``conn`` is one of the pool's (else every time).
    ``key`` names the answer within the version: the function and every argument that changes it."""
    return MEMO.answer(conn, key, make)
