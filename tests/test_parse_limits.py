"""loaders/limits.py: every parse in a worker process under the kernel's limits on CPU time, memory and
output; what is no regular file is never read and always listed; a limit counts CPU time, so a busy machine
never refuses a good file; a file that could not be read whole is refused by an import and listed by a build,
never stored in part."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import re
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from loaders import limits
from loaders.danish import danish
from loaders.errors import UnreadableFile
from loaders.limits import LimitExceeded, Limits
from loaders.reference import Reference
from store import imports
from store.build import build
from store.versions import VersionStore
from tests.conftest import BUILD_DAY, DATA, ROOT, forked_workers, seed

NOW = dt.datetime(2026, 11, 22, 10, 30)
GENEROUS = Limits(cpu_seconds=60, memory_bytes=2 << 30, output_bytes=1 << 30)


INDICATORS = ["acute_admissions_65plus", "preventable_admissions_65plus", "acute_somatic_readmissions_65plus",
              "forced_admissions_16plus", "readmissions_30d", "discharge_ready_days"]


def _extract(path: Path, rows: int) -> Path:
    """``rows`` good monthly rows (up to 374.904: six indicators, 41 municipalities, 1970 to 2026, then 1900 to
    1969)."""
    from loaders.reference import load_reference

    codes = [m.code for m in load_reference(DATA / "reference").municipalities()]
    with path.open("w", encoding="utf-8") as f:
        f.write("indikator;kode;periode;værdi\n")
        n = 0
        for indicator in INDICATORS:
            for year in [*range(1970, 2027), *range(1900, 1970)]:
                for month in range(1, 13):
                    for code in codes:
                        if n == rows:
                            return path
                        f.write(f"{indicator};{code};{year}M{month:02d};{n % 97}\n")
                        n += 1
    raise ValueError(f"at most {n} rows")


def test_a_worker_out_of_memory_is_refused_and_names_the_limit(ref: Reference, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "stor.txt"
    path.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")

    def hog(*args: object, **kwargs: object) -> dict[str, Any]:
        grown = []
        while True:  # what a decompression bomb does: memory without end
            grown.append(bytearray(16 << 20))

    forked_workers(monkeypatch)
    monkeypatch.setattr(limits, "_source", hog)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(LimitExceeded) as caught:
        limits.parse_file(path, ref, limits=Limits(cpu_seconds=30, memory_bytes=256 << 20, output_bytes=1 << 30))
    assert caught.value.limit == "memory"
    assert "256 MB hukommelse" in caught.value.message and "stor.txt" in caught.value.message
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # (KB) this process did not grow


def test_a_worker_sending_more_than_its_output_limit_is_refused(ref: Reference, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bombe.txt"
    path.write_text("x", encoding="utf-8")
    forked_workers(monkeypatch)
    monkeypatch.setattr(limits, "_source", lambda *a, **k: {"kind": "minutes", "text": "x" * (8 << 20)})
    with pytest.raises(LimitExceeded) as caught:
        limits.parse_file(path, ref, limits=Limits(cpu_seconds=30, memory_bytes=1 << 30, output_bytes=4 << 20))
    assert caught.value.limit == "output" and "4 MB data" in caught.value.message
    assert danish(caught.value.problem).startswith("læsningen nåede grænsen på 4 MB data")


def test_the_limits_grow_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large, zipped = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.xlsx"
    small.write_bytes(b"x" * 1000)
    large.write_bytes(b"x" * (10 << 20))
    zipped.write_bytes(b"PK\x03\x04" + b"x" * ((10 << 20) - 4))
    a, b, c = (Limits.for_file(p) for p in (small, large, zipped))
    assert a.cpu_seconds == 31 and b.cpu_seconds == 70 and c.cpu_seconds == 350
    assert a.memory_bytes < b.memory_bytes < c.memory_bytes and a.output_bytes < b.output_bytes
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS", "5")
    assert Limits.for_file(small).cpu_seconds == 6


@pytest.fixture
def odd_entries(tmp_path: Path) -> Path:
    """A folder of every kind of entry that is no regular file."""
    folder = tmp_path / "odd"
    folder.mkdir()
    os.mkfifo(folder / "pipe.csv")
    os.symlink("/dev/zero", folder / "zero.csv")
    os.symlink("loop-b.csv", folder / "loop-a.csv")  # (relative: they loop wherever the folder goes)
    os.symlink("loop-a.csv", folder / "loop-b.csv")
    os.symlink(folder / "gone.csv", folder / "dangling.csv")
    os.symlink(tmp_path, folder / "folder-link")
    return folder


LOOP = "not a regular file but a symbolic link that leads back to itself; only regular files are read"
EXPECTED = {"pipe.csv": "not a regular file but a named pipe (FIFO); only regular files are read",
            "zero.csv": "not a regular file but a character device; only regular files are read",
            "loop-a.csv": LOOP, "loop-b.csv": LOOP, "dangling.csv": "no such file",
            "folder-link": "is a folder, not a file"}


def test_what_is_no_regular_file_is_refused_at_once_without_reading(ref: Reference, odd_entries: Path) -> None:
    for name, what in EXPECTED.items():
        started = time.monotonic()
        with pytest.raises(UnreadableFile) as caught:
            limits.parse_file(odd_entries / name, ref)
        assert time.monotonic() - started < 1, name  # a pipe is never opened, a device never read
        assert caught.value.problem == what
        assert name in caught.value.message and danish(what) != what


def test_the_command_line_refuses_a_pipe_and_a_device_in_one_line(odd_entries: Path) -> None:
    for name in ("pipe.csv", "zero.csv"):
        run = subprocess.run([sys.executable, "-m", "loaders", "parse", str(odd_entries / name)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 2 and run.stdout == ""
        assert run.stderr.strip() == f"error: {odd_entries / name}: {EXPECTED[name]}"
    run = subprocess.run([sys.executable, "-m", "loaders", "parse", "/dev/zero"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2 and "a character device" in run.stderr


def test_a_build_lists_every_entry_that_is_no_regular_file(data_copy: Path, tmp_path: Path,
                                                           odd_entries: Path) -> None:
    for entry in odd_entries.iterdir():
        os.rename(entry, data_copy / "sources" / entry.name)
    report = build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
    listed = {Path(s["file"]).name: s["reason"] for s in report.skipped}
    assert listed == EXPECTED
    assert len(report.loaded) == 5  # the seeds
    with sqlite3.connect(tmp_path / "db.db") as conn:
        rows = conn.execute("SELECT file, status FROM sources WHERE status = 'unreadable'").fetchall()
    assert sorted(Path(f).name for f, _ in rows) == sorted(EXPECTED)
    with pytest.raises(UnreadableFile):
        build(data_copy, tmp_path / "strict.db", today=BUILD_DAY, strict=True)


def test_a_version_built_from_a_folder_with_a_pipe_lists_it_and_does_not_hang(data_copy: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    os.mkfifo(data_copy / "sources" / "pipe.csv")
    monkeypatch.setenv("SUNDHED_DATA_DIR", str(data_copy))
    run = subprocess.run([sys.executable, "-m", "loaders", "build", "--db", str(tmp_path / "dashboard.db"),
                          "--data", str(data_copy)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"skipped sources/pipe.csv: {EXPECTED['pipe.csv']}" in run.stderr


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_busy_machine_never_refuses_a_good_extract(data_copy: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit is CPU time: with two processes keeping both cores busy, a build that takes several times
    its limit in wall time still stores every row (a wall-clock limit stored 0 of 3 million here)."""
    _extract(data_copy / "sources" / "udtraek.csv", 60_000)
    started = time.process_time()
    probe = limits.parse_file(data_copy / "sources" / "udtraek.csv", load_ref(), stream=True)
    rows = sum(len(c) for c in probe["observation_rows"].chunks())
    assert rows == 60_000
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = cpu.ru_utime + cpu.ru_stime
    # A limit a little above what the reading needs on a quiet machine: wall time on a busy one exceeds it.
    limit = max(2, int(worker_cpu * 1.5 + 1.5))
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS", str(limit))
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS_PER_MB", "0")
    hogs = [multiprocessing.get_context("fork").Process(target=_busy, args=(120,), daemon=True) for _ in range(2)]
    for hog in hogs:
        hog.start()
    try:
        wall = time.monotonic()
        report = build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
        wall = time.monotonic() - wall
    finally:
        for hog in hogs:
            hog.kill()
            hog.join()
    assert report.skipped == []
    assert {i["file"]: i["accepted"] for i in report.loaded}["sources/udtraek.csv"] == 60_000
    assert time.process_time() - started < 60
    print(f"busy build: {wall:.1f} s wall against a CPU limit of {limit} s")


def load_ref() -> Reference:
    from loaders.reference import load_reference

    return load_reference(DATA / "reference")


def test_an_import_refuses_a_file_that_reached_a_limit_and_imports_nothing_of_it(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_DATA_DIR", str(DATA))
    store = VersionStore(tmp_path / "dashboard.db", tmp_path / "dashboard.versions", DATA / "reference")
    imports.ensure_started(store, by="test", today=BUILD_DAY, now=NOW, wait=0)
    big = _extract(tmp_path / "stort.csv", 360_000)  # about 2 CPU seconds to read here: past 1 on any machine
    small = _extract(tmp_path / "lille.csv", 300)
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS", "1")  # the head reads in time; the whole does not
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS_PER_MB", "0")
    preview, version = imports.import_files(store, [imports.Offered("stort.csv", big), imports.Offered("lille.csv", small)],
                                            by="Ane", today=BUILD_DAY, now=NOW, wait=0)
    assert version is not None and version.id == 2
    assert [f.file for f in version.files if f.file.endswith(".csv")] == ["lille.csv"]
    (refused,) = preview.refused
    assert refused.file == "stort.csv" and "CPU time" in refused.problem, refused
    assert re.fullmatch(r"Filen stort.csv er ikke indlæst: (0 af [\d.]+ rækker indlæst \(filen kunne ikke læses "
                        r"hel\): )?læsningen nåede grænsen på 1 sekunders CPU-tid .*\.", refused.message), refused.message
    answer = json.dumps([f.file for f in store.version(2).files])
    assert "stort.csv" not in answer


def test_a_threaded_caller_gets_a_forkserver_worker_with_its_own_settings(ref: Reference, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside the app's server (threads) the worker is the forkserver's, and it reads with the caller's settings
    of the moment, not those the forkserver started with."""
    import openpyxl

    path = tmp_path / "akut.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["indikator", "kode", "periode", "værdi"])
    book.active.append(["acute_admissions_65plus", "751", "2025M01", 5])
    book.save(path)
    results: list[Any] = []
    contexts: list[str] = []
    real = limits._context
    monkeypatch.setattr(limits, "_context", lambda: contexts.append(real().get_start_method()) or real())

    def call() -> None:
        try:
            results.append(limits.parse_file(path, ref))
        except Exception as exc:  # noqa: BLE001 - looked at below
            results.append(exc)

    monkeypatch.setenv("SUNDHED_ARCHIVE_MAX_MEMBERS", "2")  # read in the worker: it must see it
    for _ in range(2):
        worker = threading.Thread(target=call)
        worker.start()
        worker.join(120)
        monkeypatch.delenv("SUNDHED_ARCHIVE_MAX_MEMBERS", raising=False)
    assert contexts == ["forkserver", "forkserver"]
    assert isinstance(results[0], UnreadableFile) and "members" in results[0].problem, results[0]
    assert results[1]["observations"][0]["value"] == 5.0


def test_a_forkserver_worker_never_runs_the_callers_main_script(ref: Reference, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside Streamlit, ``__main__`` is the dashboard's script: a worker that ran it again would fail."""
    import types

    script = tmp_path / "script.py"
    script.write_text("raise SystemExit('the main script ran in the worker')\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    path = tmp_path / "akut.csv"
    path.write_text("indikator;kode;periode;værdi\nacute_admissions_65plus;751;2025M01;5\n", encoding="utf-8")
    results: list[Any] = []
    worker = threading.Thread(target=lambda: results.append(limits.parse_file(path, ref)))
    worker.start()
    worker.join(120)
    assert results and results[0]["observations"][0]["value"] == 5.0


def test_a_reader_that_slips_on_a_strange_file_refuses_it_and_the_build_goes_on(ref: Reference, data_copy: Path,
                                                                                 tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A library's own error on a strange file (pdfminer's PSSyntaxError, say) ends as an unreadable file,
    never a traceback on the page or a build stopped for every other file."""
    from pdfminer.psexceptions import PSSyntaxError

    real = limits._source

    def slips(path: Path, *args: Any) -> dict[str, Any]:
        if path.name == "skadet.pdf":
            raise PSSyntaxError("Invalid dictionary construct: [/'q', b'\"']")
        return real(path, *args)

    forked_workers(monkeypatch)
    monkeypatch.setattr(limits, "_source", slips)
    damaged = data_copy / "sources" / "skadet.pdf"
    damaged.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(UnreadableFile) as caught:
        limits.parse_file(damaged, ref, head=True)
    assert caught.value.problem.startswith("reading failed (PSSyntaxError: Invalid dictionary"), caught.value.problem
    assert danish(caught.value.problem).startswith("læsningen mislykkedes (PSSyntaxError")
    report = build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
    assert [s["file"] for s in report.skipped] == ["sources/skadet.pdf"] and len(report.loaded) == 5


def test_a_worker_that_stops_working_is_given_up_and_a_slow_one_is_not(ref: Reference, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """No clock limits the reading: only a worker that gains no CPU time for a while (stopped, or waiting on a
    file system that went away) is given up. A sleeping parse stands for one."""
    path = tmp_path / "fast.txt"
    path.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    real = limits._source

    def stuck(*args: Any, **kwargs: Any) -> dict[str, Any]:
        time.sleep(3600)
        return real(*args, **kwargs)

    forked_workers(monkeypatch)
    monkeypatch.setattr(limits, "_STALLED", 3)
    monkeypatch.setattr(limits, "_source", stuck)
    started = time.monotonic()
    with pytest.raises(limits.WorkerDied):
        limits.parse_file(path, ref)
    assert time.monotonic() - started < 30
    monkeypatch.setattr(limits, "_source", real)  # a parse that works for longer than 3 polls is not stuck
    hog = multiprocessing.get_context("fork").Process(target=_busy, args=(20,), daemon=True)
    hog.start()
    try:
        rows = limits.parse_file(_extract(tmp_path / "u.csv", 60_000), ref, stream=True)["observation_rows"]
        assert sum(len(chunk) for chunk in rows.chunks()) == 60_000
    finally:
        hog.kill()
        hog.join()
