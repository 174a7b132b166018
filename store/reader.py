"""A streamed extract's observations a chunk at a time: a large one read in a second process while this one
stores what it has read, so that the machine's second core reads (checks every row) while the first writes.

Reading and writing take about as long each (a million rows: 2.9 s and 3 s here), so the two overlap
instead of adding up. The second process is a fork of this one: it reads with the same reference data and
registry of earlier files, and sends back each chunk with the rejections found meanwhile, then what the
reading found besides its rows (the sink: counts, notes, where each series' periods were read). What the
build stores is the same either way (tests/test_build_parallel.py).

A fork is made only where it is safe and worth it: on Linux, from a process running one thread (the
command line, a build or an import process; never inside the app's server, whose other threads may hold
locks a fork would copy held), for a file of at least ``read_process_mb`` (16 MB, about 400.000 rows of a long CSV: below that a second
process gains little). Anything else is read here."""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

import settings
from loaders.errors import UnreadableFile

_NOT_SENT_BACK = ("rejected", "earlier")  # sent with each chunk / given to it, not taken back at the end
_SEEN_PIECE = 2000  # series a message when the reading's registry of periods goes back


def _one_thread() -> bool:
    return threading.active_count() == 1


def _forkable(path: str) -> bool:
    try:
        size = os.path.getsize(path)
    except OSError:
        return False
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and size >= float(settings.get("read_process_mb")) * 1024 * 1024 and _one_thread())


def chunks(rows: Iterable[Any], parsed: dict[str, Any], size: int) -> Iterator[list[tuple[Any, ...]]]:
    """``rows`` (a streamed table's observations) in lists of ``size``; the last one shorter (or empty).
    Rejections are appended to ``parsed["rejected"]`` as they are found, before the chunk they came with."""
    sink = getattr(rows, "sink", None)
    if sink is None or not _forkable(str(parsed.get("source", ""))):
        stream = iter(rows)
        while True:
            chunk = list(itertools.islice(stream, size))
            yield chunk
            if len(chunk) < size:
                return
    yield from _from_child(rows, sink, parsed, size)


def _from_child(rows: Iterable[Any], sink: Any, parsed: dict[str, Any], size: int) -> Iterator[list[tuple[Any, ...]]]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_read, args=(rows, sink, send, receive, size), daemon=True)
    child.start()
    send.close()
    rejected: list[dict[str, Any]] = parsed.get("rejected", sink.rejected)  # the one the build stores
    last: list[tuple[Any, ...]] | None = None
    seen: dict[Any, Any] = {}
    try:
        while True:
            try:
                message = pickle.loads(receive.recv_bytes())
            except EOFError:
                child.join(timeout=5)  # (ended: its exit code is known once it is reaped)
                raise UnreadableFile(str(parsed.get("source", "")),
                                     f"the process reading it ended without its rows (exit code {child.exitcode})"
                                     ) from None
            if message[0] == "rows":
                _, chunk, found = message
                rejected.extend(found)
                if len(chunk) < size:
                    last = chunk  # handed over once the reading's own report is in
                    continue
                yield chunk
            elif message[0] == "seen":
                seen.update(message[1])
            elif message[0] == "end":
                _, state, found = message
                state["seen"] = seen
                for name, value in state.items():
                    setattr(sink, name, value)
                rejected.extend(found)
                yield last if last is not None else []
                return
            else:
                raise message[1]
    finally:
        receive.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
            child.join()


def _read(rows: Iterable[Any], sink: Any, send: Connection, receive: Connection, size: int) -> None:
    """In the second process: read, send, and leave without running this process's exit handlers (the
    parent's database connection and files are the parent's)."""
    receive.close()  # the parent's end: with it closed here, a parent that stops reading ends this at once
    try:
        stream = iter(rows)
        rejected = sink.rejected
        while True:
            chunk = [tuple(o) for o in itertools.islice(stream, size)]
            found = rejected[:]
            rejected.clear()
            send.send_bytes(pickle.dumps(("rows", chunk, found), protocol=pickle.HIGHEST_PROTOCOL))
            if len(chunk) < size:
                break
        # Where each series' periods were read (8 bytes a row: 80 MB for ten million) goes back in pieces, so
        # that neither process holds a second copy of it whole.
        seen = sink.seen
        keys = iter(list(seen))
        while piece := list(itertools.islice(keys, _SEEN_PIECE)):
            send.send_bytes(pickle.dumps(("seen", [(k, seen.pop(k)) for k in piece]),
                                         protocol=pickle.HIGHEST_PROTOCOL))
        state = {k: v for k, v in vars(sink).items() if k not in _NOT_SENT_BACK}
        send.send_bytes(pickle.dumps(("end", state, rejected[:]), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            payload = pickle.dumps(("error", exc))
        except Exception:  # noqa: BLE001 - an error that does not pickle: its words
            payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        with contextlib.suppress(OSError):
            send.send_bytes(payload)
    finally:
        send.close()
        os._exit(0)
