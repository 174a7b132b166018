"""Every parse of a source file runs in a worker process under the operating system's limits, so that no
file, however hostile, can hurt the process that asked for it (the app's server, a build, the command line).

The limits (``Limits.for_file``) scale with the file's size and are resource limits of the kernel, set in
the worker before it reads a byte: CPU time (RLIMIT_CPU: what is counted is the worker's own CPU time, so a
busy machine never refuses a good file), memory (RLIMIT_AS above what the worker already holds) and output
(the bytes it sends back, counted here). A file that reaches one ends as ``LimitExceeded``, an
UnreadableFile whose Danish message names the file and the limit; the build lists it, an import refuses it.

The worker is a fork of this process where that is safe (one thread: the command line, a build or an import
process, a test) and otherwise a fork of a one-thread server process that multiprocessing's forkserver keeps
(the app's server, whose other threads may hold locks a fork would copy held). A streamed table comes back a
chunk at a time while the caller stores the previous chunk, so the second core reads while the first writes.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import multiprocessing
import multiprocessing.spawn
import os
import pickle
import resource
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from loaders.errors import LoaderError, UnreadableFile
from loaders.reference import Reference
from loaders.text import check_regular

CHUNK = 50_000  # rows a message
_SEEN_PIECE = 2000  # series a message when the reading's registry of periods goes back
_NOT_SENT_BACK = ("rejected", "earlier")  # sent with each chunk / given to it, not taken back at the end
_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    memory_bytes: int
    output_bytes: int

    @staticmethod
    def for_file(path: Path) -> Limits:
        """The limits for reading ``path``: a base and a share per megabyte (settings ``parse_*``). A zip
        container (XLSX, DOCX) counts eight times its size, about what it unpacks to."""
        import settings

        try:
            size = os.stat(path).st_size
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # (a pipe put in its place never blocks this)
            try:
                zipped = os.read(fd, 4) == b"PK\x03\x04"
            finally:
                os.close(fd)
        except OSError:
            size, zipped = 0, False
        weight = size * (8 if zipped else 1) / _MB

        def setting(name: str) -> float:
            return float(settings.get(name))

        memory = (setting("parse_memory_mb") + setting("parse_memory_per_mb") * weight) * _MB
        return Limits(
            cpu_seconds=max(1, math.ceil(setting("parse_cpu_seconds") + setting("parse_cpu_seconds_per_mb") * weight)),
            memory_bytes=int(min(memory, _machine_memory() / 2)),  # never what would starve the server
            output_bytes=int((setting("parse_output_mb") + setting("parse_output_per_mb") * weight) * _MB))


def _machine_memory() -> float:
    try:
        with open("/proc/meminfo") as meminfo:
            return float(next(line for line in meminfo if line.startswith("MemTotal:")).split()[1]) * 1024
    except (OSError, StopIteration, ValueError):
        return float("inf")


class LimitExceeded(UnreadableFile):
    """Reading the file reached one of its limits (``limit``: cpu, memory or output): refused whole."""

    def __init__(self, path: str, limit: str, limits: Limits) -> None:
        amount = {"cpu": f"{limits.cpu_seconds} s of CPU time",
                  "memory": f"{limits.memory_bytes // _MB} MB of memory",
                  "output": f"{limits.output_bytes // _MB} MB of output"}[limit]
        super().__init__(path, f"reading it reached the limit of {amount} for a file of its size "
                               "(settings parse_*): not read")
        name = Path(path).name
        self.limit = limit
        self.message = {
            "cpu": f"Filen {name} kunne ikke læses inden for grænsen på {limits.cpu_seconds} sekunders CPU-tid "
                   "for en fil af dens størrelse og er ikke indlæst.",
            "memory": f"Filen {name} kræver mere end {limits.memory_bytes // _MB} MB hukommelse at læse (grænsen "
                      "for en fil af dens størrelse) og er ikke indlæst.",
            "output": f"Filen {name} giver mere end {limits.output_bytes // _MB} MB data (grænsen for en fil af "
                      "dens størrelse) og er ikke indlæst.",
        }[limit]
        self.args = (path, limit, limits)


class WorkerDied(UnreadableFile):
    def __init__(self, path: str, code: int | None) -> None:
        super().__init__(path, f"the process reading it ended without its result (exit code {code})")
        self.message = f"Læsningen af filen {Path(path).name} stoppede uventet (kode {code}); filen er ikke indlæst."
        self.args = (path, code)


@dataclass(frozen=True)
class _Task:
    path: Path
    ref: Reference
    kind: str | None
    indicator: str | None
    mode: str  # whole | stream | head
    limits: Limits
    env: dict[str, str]
    earlier: dict[Any, Any] | None = None
    numbers: dict[str, int] | None = None
    chunk: int = CHUNK


# ---- in the worker ------------------------------------------------------------------------------------

class _OutputFull(Exception):
    pass


class _Out:
    """The worker's end of the pipe, counting what it sends against the output limit."""

    def __init__(self, send: Connection, limit: int) -> None:
        self.send_end, self.left = send, limit

    def send(self, message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.left -= len(data)
        if self.left < 0:
            raise _OutputFull
        self.send_end.send_bytes(data)


def _apply(limits: Limits) -> None:
    """The kernel's limits on this (the worker) process: CPU seconds from now (a fork's count starts at 0),
    address space above what it already maps."""
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 2))
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (mapped + limits.memory_bytes, mapped + limits.memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(OSError), open("/proc/self/oom_score_adj", "w") as adj:
        adj.write("1000")  # should the machine run out of memory, the worker goes first, never the server
    with contextlib.suppress(OSError, AttributeError):  # ended with its parent (a killed import), not orphaned
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _source(path: Path, ref: Reference, kind: str | None, indicator: str | None, stream: bool) -> dict[str, Any]:
    """``loaders.detect.parse_file``, except that a streamed indicator table in a text file is read from the
    file as its rows are asked for: the file and its text are never in memory whole. The kind is told from
    the file's first bytes, as parse_file tells a text file's; a file that is no readable text goes to
    parse_file, for its reason."""
    from loaders.detect import _DETECT_BYTES, detect_kind, parse_file
    from loaders.documents import container, document_text
    from loaders.indicators import read_indicator_table
    from loaders.text import looks_binary

    if stream:
        with path.open("rb") as f:
            head = f.read(_DETECT_BYTES)
        if head.strip() and container(path, head) == "text" and (
                head.startswith((b"\xff\xfe", b"\xfe\xff")) or not looks_binary(head)):
            if kind is None:
                kind = detect_kind(path, head, document_text(path, head))
            if kind == "indicators":
                shape, rows, sink = read_indicator_table(path, None, ref, indicator)
                return {"kind": kind, "source": str(path), "title": path.name, "shape": shape,
                        "observation_rows": rows, "rejected": sink.rejected}
    return parse_file(path, ref, kind=kind, indicator=indicator, stream=stream)


def _work(task: _Task, send: Connection, receive: Connection) -> None:
    """In the worker: read, send, and leave without running the parent's exit handlers."""
    receive.close()  # the parent's end: with it closed here, a parent that stops reading ends this at once
    out = _Out(send, task.limits.output_bytes)
    try:
        os.environ.clear()
        os.environ.update(task.env)  # the caller's settings, not those the forkserver started with
        signal.signal(signal.SIGXCPU, signal.SIG_DFL)
        _apply(task.limits)
        parsed = _source(task.path, task.ref, task.kind, task.indicator, task.mode != "whole")
        rows = parsed.pop("observation_rows", None)
        if rows is None:
            out.send(("whole", parsed))
            return
        rejected = parsed.pop("rejected")
        sink = rows.sink
        out.send(("head", parsed))
        if task.mode == "head":
            return
        if task.earlier is not None:
            sink.earlier = task.earlier
        if task.numbers is not None:
            sink.numbers = task.numbers  # (sent back with the sink: the build's numbering goes on from it)
        stream = iter(rows)
        while True:
            chunk = [tuple(o) for o in itertools.islice(stream, task.chunk)]
            found = rejected[:]
            rejected.clear()
            out.send(("rows", chunk, found))
            if len(chunk) < task.chunk:
                break
        # Where each series' periods were read goes back in pieces, so that neither process holds a second
        # copy of it whole.
        seen = sink.seen
        keys = iter(list(seen))
        while piece := list(itertools.islice(keys, _SEEN_PIECE)):
            out.send(("seen", [(k, seen.pop(k)) for k in piece]))
        state = {k: v for k, v in vars(sink).items() if k not in _NOT_SENT_BACK}
        out.send(("end", state, rejected[:]))
    except _OutputFull:
        _last(send, ("limit", "output"))
    except MemoryError:
        _last(send, ("limit", "memory"))
    except LoaderError as exc:  # handed to the parent, which raises it
        try:
            payload: tuple[Any, ...] = ("error", pickle.loads(pickle.dumps(exc)))
        except Exception:  # noqa: BLE001 - an error that does not pickle: its words
            payload = ("error", UnreadableFile(str(task.path), f"reading failed ({type(exc).__name__}: {exc})"))
        _last(send, payload)
    except BaseException as exc:  # noqa: BLE001 - a reader's slip on a strange file: the file is unreadable,
        # said so, never a traceback in the page or a build stopped for every other file
        _last(send, ("error", UnreadableFile(str(task.path), f"reading failed ({type(exc).__name__}: {str(exc)[:400]})")))
    finally:
        with contextlib.suppress(OSError):
            send.close()
        os._exit(0)


def _last(send: Connection, message: tuple[Any, ...]) -> None:
    with contextlib.suppress(Exception):  # (a worker out of memory may not manage even this)
        send.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


# ---- in the caller ------------------------------------------------------------------------------------

_FORKSERVER_LOCK = threading.Lock()
_NAME = "sundhed-parse"  # the workers' process name


def _preparation_without_main(name: str) -> dict[str, Any]:
    """multiprocessing's preparation data for a new process, less the main module for a parse worker: a
    forkserver child would otherwise run the caller's ``__main__`` again, which inside Streamlit (and AppTest)
    is the dashboard's own script. The worker needs nothing of it: its target lives in this module."""
    data: dict[str, Any] = _spawn_preparation(name)
    if name.startswith(_NAME):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


_spawn_preparation = multiprocessing.spawn.get_preparation_data
multiprocessing.spawn.get_preparation_data = _preparation_without_main  # (the forkserver's Popen calls it)


def _context() -> Any:
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    with _FORKSERVER_LOCK:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["loaders.limits", "loaders.detect"])
        return context


class _Worker:
    """One file's reading in its worker process; messages as they come."""

    def __init__(self, task: _Task) -> None:
        self.task = task
        context = _context()
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_work, args=(task, send, self.receive), daemon=True,
                                       name=f"{_NAME}-{task.path.name[:40]}")
        self.process.start()
        send.close()

    def next(self) -> tuple[Any, ...]:
        # No clock limits the reading: the kernel counts its CPU time. A worker that sends nothing and gains no
        # CPU time for _STALLED polls in a row is stuck (stopped, or waiting on a file system that went away),
        # not slow: however busy the machine, a working one gains some.
        idle, spent = 0, -1
        while not self.receive.poll(1.0):
            if not self.process.is_alive() and not self.receive.poll(0):
                self._died()
            now = _cpu_ticks(self.process.pid)
            idle, spent = (idle + 1, spent) if now == spent else (0, now)
            if idle >= _STALLED:
                self.close()
                raise WorkerDied(str(self.task.path), None)
        try:
            message = pickle.loads(self.receive.recv_bytes(self.task.limits.output_bytes + _MB))
        except (EOFError, OSError):
            self._died()
        if message[0] == "limit":
            self.close()
            raise LimitExceeded(str(self.task.path), message[1], self.task.limits)
        if message[0] == "error":
            self.close()
            raise message[1]
        return message

    def _died(self) -> Any:
        self.process.join(timeout=5)
        code = self.process.exitcode
        self.close()
        if code == -signal.SIGXCPU:  # the kernel ended it at its CPU limit
            raise LimitExceeded(str(self.task.path), "cpu", self.task.limits)
        if code in (-signal.SIGSEGV, -signal.SIGABRT, -signal.SIGKILL):  # out of memory (C code, the OOM killer)
            raise LimitExceeded(str(self.task.path), "memory", self.task.limits)
        raise WorkerDied(str(self.task.path), code)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.receive.close()
        self.process.join(timeout=0.2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


_STALLED = 600  # one-second polls without CPU time gained


def _cpu_ticks(pid: int | None) -> int:
    """The process's user and system time in clock ticks (/proc/PID/stat), or -2 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return -2


class Rows:
    """A streamed table's observations as its worker sends them, in chunks (``chunks``).
    ``sink`` is complete once they are all read; ``rejected`` (the parse's list) fills as they come."""

    def __init__(self, worker: _Worker, sink: Any, rejected: list[dict[str, Any]]) -> None:
        self._worker, self.sink, self._rejected = worker, sink, rejected

    def chunks(self) -> Iterator[list[tuple[Any, ...]]]:
        worker, last = self._worker, None
        seen: dict[Any, Any] = {}
        try:
            while True:
                message = worker.next()
                if message[0] == "rows":
                    _, chunk, found = message
                    self._rejected.extend(found)
                    if len(chunk) < worker.task.chunk:
                        last = chunk  # handed over once the reading's own report is in
                        continue
                    yield chunk
                elif message[0] == "seen":
                    seen.update(message[1])
                elif message[0] == "end":
                    _, state, found = message
                    state["seen"] = seen
                    for name, value in state.items():
                        setattr(self.sink, name, value)
                    self._rejected.extend(found)
                    yield last if last is not None else []
                    return
        finally:
            worker.close()


def parse_file(path: Path, ref: Reference, kind: str | None = None, indicator: str | None = None,
               stream: bool = False, *, head: bool = False, earlier: dict[Any, Any] | None = None,
               numbers: dict[str, int] | None = None, limits: Limits | None = None) -> dict[str, Any]:
    """``loaders.detect.parse_file`` in a worker under the file's limits (see the module).

    ``stream``: an indicator table's observations come as ``Rows`` under ``observation_rows``, read while
    they are asked for, and ``rejected`` fills meanwhile; ``earlier`` and ``numbers``: the registry of periods
    of the files a build read before, and its numbering of periods (loaders.indicators.DuplicateRegistry). ``head``: only what the parse tells before the
    rows (the kind, the shape; a file that cannot be read at all is refused), the rows never read."""
    from loaders.indicators import Sink

    check_regular(path)  # a pipe would block the worker, a device never end
    task = _Task(path, ref, kind, indicator, "head" if head else "stream" if stream else "whole",
                 limits or Limits.for_file(path), dict(os.environ), earlier, numbers, CHUNK)
    worker = _Worker(task)
    try:
        message = worker.next()
    except BaseException:
        worker.close()
        raise
    if message[0] == "whole":
        worker.close()
        return message[1]
    parsed: dict[str, Any] = message[1]
    if head:
        worker.close()
        return parsed
    rejected: list[dict[str, Any]] = []
    sink = Sink(rejected=rejected)
    parsed["rejected"] = rejected
    parsed["observation_rows"] = Rows(worker, sink, rejected)
    return parsed
