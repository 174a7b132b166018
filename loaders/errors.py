"""Typed errors the loaders raise. Each names the file, the line where one is
known, and the problem in plain words, so a page or the CLI can show it as is."""

from __future__ import annotations

from domain.periods import BadPeriod

__all__ = [
    "BadNumber", "BadPeriod", "LoaderError", "RowRejected", "UnknownGeography",
    "UnknownIndicator", "UnreadableFile",
]


class LoaderError(Exception):
    """Base of every loader error."""


class UnreadableFile(LoaderError):
    """The whole file cannot be read (binary, empty, damaged, unknown kind)."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class RowRejected(LoaderError):
    """One row or cell cannot be read; the rest of the file can."""


class UnknownGeography(RowRejected):
    pass


class UnknownIndicator(RowRejected):
    pass


class BadNumber(RowRejected):
    pass
