"""No regular expression with super-linear time on hostile input (issue 13): a document holding a 3 KB
hostile line (a run of digits, dots, spaces, tabs, Danish letters, nested date-like "1. 1. 1. …") is read
by every loader in well under a second, whether it is minutes, an initiative overview, a status report,
an indicator extract or left to detection; so is every text helper the pages run on document text."""

from __future__ import annotations

import contextlib
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from domain import decisions, periods
from loaders import limits
from loaders.detect import parse_file
from loaders.limits import LimitExceeded, Limits
from loaders.limits import parse_file as limited_parse
from loaders.reference import Reference
from tests.conftest import forked_workers, seed
from ui import text

LIMIT = 1.0  # seconds for one file (a linear parse of these files takes a few hundredths)
HELPER_LIMIT = 0.25  # seconds for one helper on one line (linear: about 0.02; quadratic on 3 KB: 0.7 and more)
SIZE = 3000

RUNS = ["1", "a ", ".", ":", " ", "\t", "1.", "1. ", "æ", "Æø ", "1,", "1 ", "-", " - ", ",", ", ", "x1", ";",
        "/", "(", "|", "\t1", " \t", "0.", "1 . ", "Punkt ", "pkt ", "Q1 ", "2025 ", "2025-", "jan. ", "1. jan ",
        "1. januar 2025 ", "%", "*", "- ", "a.", "1:", "kl. ", "mio. ", "…", "....", "den ", " at", " og ",
        "Side 1 af ", "sæsonen 2020 ", "kommune ", "indstiller ", "møde ", "'", '"']
HOSTILE = [(run * (SIZE // len(run)))[:SIZE] for run in RUNS]
HOSTILE += [line + "!" for line in HOSTILE[:8]] + [" " * (SIZE - 1) + "x", "\t" * (SIZE - 2) + "1x"]
# Inside a line, where stripping does not remove the run: "Godkendt,<3000 blanks>at".
HOSTILE += [f"x{run * (SIZE // len(run))}x" for run in (" ", "\t", " \t", ", ", " - ", " og ", "\u00a0", ". ", "1 ")]
HOSTILE += ["Godkendt," + " " * SIZE + "at", "Punkt 1" + " " * SIZE + "x", "Side 1" + " " * SIZE + "af 2"]


def _ids(lines: list[str]) -> list[str]:
    return [repr(line[:12]) + f"…{len(set(line))}" for line in lines]


def _documents(line: str) -> dict[str, str]:
    """The seed documents with the line put where each reader looks: a heading, a table row, a body line."""
    overview = seed("000").read_text(encoding="utf-8")
    minutes = seed("001").read_text(encoding="utf-8")
    status = seed("002").read_text(encoding="utf-8")
    return {
        "minutes": minutes.replace("\n", f"\n{line}\n", 3) + f"\nPunkt 9: {line}\n{line}\nBeslutning: {line}\n",
        "initiatives": overview.replace("\nPrimo 2025\t", f"\n{line}\t{line}\t{line}\t{line}\nPrimo 2025\t", 1)
        + f"\n{line}\n",
        "status_report": status[:4000] + f"\n{line}\n" + status[4000:8000] + f"\n{line}\t{line}\n",
        "indicators": f"indikator;kode;periode;værdi\nacute_admissions_65plus;751;2025M01;5\n{line};{line};{line};"
                      f"{line}\nacute_admissions_65plus;{line};2025M02;{line}\n",
    }


class _Catastrophic(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """A guard for the test itself (its main thread): a catastrophic pattern fails the test, not hangs it."""
    def expired(signum: int, frame: object) -> None:
        raise _Catastrophic

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)  # CPU time, as the workers' own limit counts
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _timed(call: Callable[[], Any]) -> float:
    """The CPU seconds ``call`` takes: this process's own work, not a busy machine's (two test workers)."""
    started = time.process_time()
    try:
        with time_limit(5 * LIMIT):
            call()
    except Exception:  # refusing the file is fine; taking long is not
        pass
    return time.process_time() - started


def _consume(parsed: dict[str, Any]) -> None:
    for _ in parsed.get("observation_rows", ()):
        pass


@pytest.mark.parametrize("line", HOSTILE, ids=_ids(HOSTILE))
def test_every_loader_reads_a_document_with_a_hostile_line_within_a_second(line: str, ref: Reference,
                                                                           tmp_path: Path) -> None:
    slow = {}
    for kind, content in _documents(line).items():
        path = tmp_path / f"{kind}.txt"
        path.write_text(content, encoding="utf-8")
        for forced in (kind, None):  # as its own kind, and through detection
            seconds = _timed(lambda p=path, k=forced: _consume(parse_file(p, ref, kind=k, stream=True)))
            if seconds > LIMIT:
                slow[f"{kind} (kind {forced})"] = round(seconds, 2)
    assert not slow


@pytest.mark.parametrize("line", HOSTILE, ids=_ids(HOSTILE))
def test_the_text_helpers_run_on_a_hostile_line_within_a_second(line: str) -> None:
    helpers: dict[str, Callable[[str], Any]] = {
        "decision_kind": decisions.decision_kind, "plain": text.plain, "window_for_phrase": periods.window_for_phrase,
        "is_incomplete_phrase": periods.is_incomplete_phrase, "dates_in_text": periods.dates_in_text,
        "parse_date": periods.parse_date, "parse_period": periods.parse_period,
    }
    slow = {name: round(s, 2) for name, helper in helpers.items() if (s := _timed(lambda h=helper: h(line))) > HELPER_LIMIT}
    assert not slow


def test_a_file_that_needs_more_cpu_than_its_limit_is_refused_with_its_name(ref: Reference, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "langsom.txt"
    path.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")

    def endless(*args: object, **kwargs: object) -> dict[str, Any]:
        while True:  # a parse that never ends: the kernel stops the worker at its CPU limit
            pass

    forked_workers(monkeypatch)
    monkeypatch.setattr(limits, "_source", endless)  # (in the worker: a fork of this one-thread process)
    started, mine = time.perf_counter(), time.process_time()
    with pytest.raises(LimitExceeded) as caught:
        limited_parse(path, ref, limits=Limits(cpu_seconds=1, memory_bytes=1 << 30, output_bytes=1 << 30))
    assert time.perf_counter() - started < 30 and time.process_time() - mine < 0.5  # the worker's CPU, not ours
    assert caught.value.path == str(path) and caught.value.limit == "cpu"
    assert caught.value.problem == ("reading it reached the limit of 1 s of CPU time for a file of its size "
                                    "(settings parse_*): not read")
    assert caught.value.message.startswith("Filen langsom.txt kunne ikke læses inden for grænsen på 1 sekunders "
                                           "CPU-tid")
