"""Typed errors the loaders raise. Each is a ``errors.DashboardError``: ``message`` is a Danish
sentence for the page naming the file and line where they are known, ``detail`` the problem in
plain English for the log. ``str(exc)`` is the English text the command line prints and the build
stores (a rejection's reason, an unreadable file's ``path: problem``), as before."""

from __future__ import annotations

import re
from pathlib import PurePath

from domain.periods import BadPeriod
from errors import DashboardError

__all__ = [
    "BadNumber", "BadPeriod", "LoaderError", "RowRejected", "UnknownGeography",
    "UnknownIndicator", "UnreadableFile",
]

# Where a problem text says it happened: "line 7: …", "sheet 'Data' line 7: …", "sheet 'Data': …".
_WHERE = re.compile(r"(?:sheet '(?P<sheet>[^']*)'(?:,? line (?P<sheet_line>\d+))?:?\s*)?(?:line (?P<line>\d+)\b)?")


class LoaderError(DashboardError):
    """Base of every loader error: ``LoaderError(problem)``; ``str(exc)`` and ``detail`` are the problem."""

    MESSAGE = "En kilde kunne ikke læses."

    def __init__(self, problem: str = "", message: str | None = None) -> None:
        super().__init__(message or self.MESSAGE, problem, args=(problem,) if message is None else (problem, message))
        self.problem = problem

    def __str__(self) -> str:
        return self.problem


class UnreadableFile(LoaderError):
    """The whole file cannot be read (binary, empty, damaged, unknown kind).

    ``UnreadableFile(path, problem)``: ``path`` and ``problem`` as given, ``line`` (and ``sheet``) when
    the problem names them; ``str(exc)`` is ``"path: problem"``."""

    def __init__(self, path: str, problem: str) -> None:
        where = _WHERE.match(problem)
        self.path = path
        self.sheet = where["sheet"] if where else None
        line = where and (where["line"] or where["sheet_line"])
        self.line = int(line) if line else None
        places = [f"ark '{self.sheet}'"] if self.sheet else []
        places += [f"linje {self.line}"] if self.line else []
        at = f" ({', '.join(places)})" if places else ""
        name = PurePath(path).name or path
        super().__init__(problem, f"Filen {name}{at} kunne ikke læses.")
        self.args = (path, problem)

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class RowRejected(LoaderError):
    """One row or cell cannot be read; the rest of the file can. ``str(exc)`` is the reason stored
    with the row's line."""

    MESSAGE = "En række i filen kunne ikke læses."


class UnknownGeography(RowRejected):
    MESSAGE = "Et sted i filen findes ikke i geografien."


class UnknownIndicator(RowRejected):
    MESSAGE = "En indikator i filen findes ikke i indikatorkataloget."


class BadNumber(RowRejected):
    MESSAGE = "Et tal i filen kunne ikke læses."
