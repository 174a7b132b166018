"""A time limit on reading one file, so that a hostile or pathological file is skipped with its name and
the reason instead of hanging a build (setting ``parse_seconds``).

``parse_file`` is ``loaders.detect.parse_file`` under the limit. In the main thread (the command line) a
timer signal interrupts the reading even inside a regular expression (``re`` checks for signals while it
matches); a streamed table's rows, read later by the build, get a limit of their own while they are read.
In other threads (the app's script threads) signals cannot be used: there a streamed table's rows are
checked against the limit as they come, and the regular expressions' own bounds (tests/test_regex_time.py)
keep a document's parse short.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from loaders.errors import UnreadableFile
from loaders.reference import Reference

_CHECK_EVERY = 1000  # rows between two looks at the clock where no timer signal can be used


class ParseTimeout(UnreadableFile):
    """Reading the file took longer than the limit: it is skipped like any unreadable file."""

    def __init__(self, path: str, seconds: float) -> None:
        super().__init__(path, f"reading took longer than {seconds:g} s, the limit for one file "
                               "(setting parse_seconds): skipped")
        self.seconds = seconds
        self.message = (f"Filen {Path(path).name} tog mere end {seconds:g} sekunder at læse og er sprunget over "
                        "(grænsen for én fil).")
        self.args = (path, seconds)


def parse_seconds() -> float:
    import settings

    return float(settings.get("parse_seconds"))


def _can_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(path: Path, seconds: float) -> Iterator[None]:
    """ParseTimeout when the block runs longer than ``seconds`` (no limit for 0, or outside the main
    thread). Any timer already set is put back afterwards."""
    if seconds <= 0 or not _can_signal():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ParseTimeout(str(path), seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0] > 0:  # an enclosing timer keeps running for what it had left
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer[0] - (time.monotonic() - started)), outer[1])


class TimedRows:
    """A streamed table's rows under the limit, counted from the first row asked for; ``sink`` as the
    stream's (loaders.indicators.ObservationStream)."""

    def __init__(self, rows: Any, path: Path, seconds: float) -> None:
        self._rows, self._path, self._seconds = rows, path, seconds
        self.sink = getattr(rows, "sink", None)

    def __iter__(self) -> Iterator[Any]:
        if self._seconds <= 0:
            yield from self._rows
        elif _can_signal():
            with time_limit(self._path, self._seconds):
                yield from self._rows
        else:
            deadline = time.monotonic() + self._seconds
            for count, row in enumerate(self._rows, 1):
                if count % _CHECK_EVERY == 0 and time.monotonic() > deadline:
                    raise ParseTimeout(str(self._path), self._seconds)
                yield row


def within_limit(path: Path, parse: Callable[..., dict[str, Any]], *args: Any, seconds: float | None = None,
                 **kwargs: Any) -> dict[str, Any]:
    """``parse(*args, **kwargs)`` (a parse of the file ``path``) with at most ``seconds`` (default: the
    setting parse_seconds), and a streamed table's rows with as long again while they are read; a file that
    takes longer raises ParseTimeout, an UnreadableFile: the build skips it with the reason."""
    limit = parse_seconds() if seconds is None else seconds
    with time_limit(path, limit):
        parsed = parse(*args, **kwargs)
    if "observation_rows" in parsed:
        parsed["observation_rows"] = TimedRows(parsed["observation_rows"], path, limit)
    return parsed


def parse_file(path: Path, ref: Reference, kind: str | None = None, indicator: str | None = None,
               stream: bool = False, seconds: float | None = None) -> dict[str, Any]:
    """``loaders.detect.parse_file`` under the limit (see within_limit)."""
    from loaders import detect

    return within_limit(path, detect.parse_file, path, ref, kind=kind, indicator=indicator, stream=stream,
                        seconds=seconds)
