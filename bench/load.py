"""Load test (a benchmark, not a test): N simulated directors against a running dashboard.

    .venv/bin/python bench/load.py [--url http://127.0.0.1:8501] [--sessions 20] [--seconds 60] [--think 0]
                                   [--seed 1] [--timeout 60] [--pids 123,456] [--out FILE]

Each director opens the dashboard, then until --seconds have passed changes the cluster, changes a quarter,
switches page or adds a chart to the deck (and now and then reopens the page, a new tab), --think seconds apart
on average (0: without pause). The sessions speak Streamlit's WebSocket protocol through the light client in
bench/streamlit_client.py, not one browser each, so that the client does not eat the cores it measures; its own
CPU is printed to show it.

An action's time runs from sending its BackMsg (for "open page": from the page's GET) until the run's
``script_finished``. An error is a run that ends otherwise (an exception on the page, a compile error, a
missing filter bar), a closed connection, or no end within --timeout. After an error the director reloads.

Loopback only, and bounded: after --seconds no action starts (with --cover a director first finishes its
first round of every kind, at most 6 actions: a short run then covers them all), every action ends within
--timeout, then the sessions are closed. Server memory is the resident memory (RSS) of the process tree serving the
port (the streamlit process, or what `python -m deploy.serve` started: nginx and its streamlit processes), or
of --pids and their children. The last line is ``load: N sessions, p50 X s, p95 Y s, errors Z``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.streamlit_client import RunError, RunResult, Session, is_loopback  # noqa: E402

ACTIONS = ("open page", "change cluster", "change quarter", "switch page", "add chart")
# What a director does between two reloads: mostly filters and pages, now and then a chart for the deck.
WEIGHTS = {"change cluster": 3, "change quarter": 3, "switch page": 3, "add chart": 2, "open page": 1}
FILTERS = ("Region", "Klynge", "Fra kvartal", "Til kvartal")
ADD = "Føj til præsentation"  # ui/deck.py's button under every chart
EDITOR_ONLY = {"Indlaes_data"}  # the import page is for editors; directors do not open it
ROUND = 6  # with --cover: actions a director may still do after the deadline to have done every kind once


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    pages: dict[str, list[float]] = field(default_factory=dict)  # by the page the action ended on
    errors: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    received: int = 0  # bytes of ForwardMsgs

    def ok(self, action: str, result: RunResult, page: str = "") -> None:
        self.times[action].append(result.seconds)
        self.pages.setdefault(page or "?", []).append(result.seconds)
        self.received += result.bytes

    def error(self, action: str, reason: str) -> None:
        self.errors[action] += 1
        self.reasons[f"{action}: {reason[:160]}"] += 1


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least q of the values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# -- the director ------------------------------------------------------------------------------------------

async def act(session: Session, action: str, rng: random.Random) -> tuple[str, RunResult]:
    """Do ``action`` (or, when the page offers no chart to add, go to a page that does: a page switch)."""
    if action == "open page":
        return action, await session.open(session.query_string)
    boxes = session.widgets.selectboxes
    if action == "change cluster":
        box = boxes["Klynge"]
        return action, await session.select("Klynge", rng.choice([o for o in box.options if o != box.value]))
    if action == "change quarter":
        first, last = boxes["Fra kvartal"], boxes["Til kvartal"]
        lo = first.options.index(first.value) if first.value in first.options else 0
        hi = last.options.index(last.value) if last.value in last.options else len(last.options) - 1
        if rng.random() < 0.5:  # keep Fra <= Til, as a director would
            label, choices = "Fra kvartal", [o for o in first.options[:hi + 1] if o != first.value]
        else:
            label, choices = "Til kvartal", [o for o in last.options[lo:] if o != last.value]
        return action, await session.select(label, rng.choice(choices or last.options))
    buttons = session.widgets.buttons.get(ADD, [])
    if action == "add chart" and buttons:
        return action, await session.click(rng.choice(buttons))
    pages = [p for p in session.pages if p.url_pathname not in EDITOR_ONLY and p.script_hash != session.page_hash]
    if action == "add chart":  # nothing to add here: to a page with charts first
        pages = [p for p in pages if p.name != "Eksport" and p.name != "Datakilder"] or pages
    return "switch page", await session.switch(rng.choice(pages))


def page_name(session: Session) -> str:
    return next((p.name for p in session.pages if p.script_hash == session.page_hash), "")


def check(session: Session) -> None:
    """Every page draws the filter bar; without it (the database unreadable, a stopped page) nothing works."""
    missing = [label for label in FILTERS if label not in session.widgets.selectboxes]
    if missing:
        raise RunError(f"no filter bar on the page (missing {', '.join(missing)})")


async def director(index: int, url: str, deadline: float, think: float, timeout: float, cover: bool,
                   rng: random.Random, stats: Stats) -> None:
    session = Session(url, timeout=timeout)
    # Every kind once first, then at random. Half the directors go round the other way. With ``cover`` a
    # director still finishes its first round past the deadline (at most ROUND actions, and not after an
    # error): a short run on a slow machine still covers every kind.
    first = ["change cluster", "change quarter", "add chart", "switch page"]
    first = first[2 * index % 4:] + first[:2 * index % 4]
    done_kinds: set[str] = set()
    action, late, failed = "open page", 0, not cover
    try:
        while time.monotonic() < deadline or (not failed and late < ROUND and not done_kinds >= set(ACTIONS)):
            late += time.monotonic() >= deadline
            try:
                done, result = await act(session, action, rng)
                check(session)
                stats.ok(done, result, page_name(session))
                done_kinds.add(done)
                action = first.pop(0) if first else rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            except Exception as exc:  # noqa: BLE001 - RunError, a closed connection, a page without its widgets
                stats.error(action, f"{type(exc).__name__}: {exc}")
                action, failed = "open page", True  # a director reloads
            if think > 0:
                await asyncio.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.monotonic())))
    finally:
        with contextlib.suppress(Exception):  # closing is best effort at the end
            await asyncio.wait_for(session.close(), 5)


# -- server memory -----------------------------------------------------------------------------------------

def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(cols[9])
    return inodes


def _pids() -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def listening_pids(port: int) -> set[int]:
    """The processes with a socket listening on ``port`` (readable ones: ours)."""
    wanted = {f"socket:[{i}]" for i in _listening_inodes(port)}
    found = set()
    for pid in _pids():
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in wanted:
                    found.add(pid)
                    break
            except OSError:
                continue
    return found


def server_roots(port: int) -> set[int]:
    """The server's top processes: each listener, or the highest ancestor that is part of the server
    (``deploy.serve`` above nginx, nginx's master above its workers)."""
    roots = set()
    for pid in listening_pids(port):
        top = pid
        parent = _parent(pid)
        while parent > 1 and _server_program(_cmdline(parent)):
            top, parent = parent, _parent(parent)
        roots.add(top)
    return roots


def _server_program(cmdline: str) -> bool:
    """Python running deploy.serve or streamlit, or nginx (a shell that started one is not the server)."""
    argv = cmdline.split(" ")
    program = Path(argv[0]).name
    if program.startswith("nginx"):
        return True
    return program.startswith(("python", "streamlit")) and any(w in cmdline for w in ("deploy.serve", "streamlit"))


def tree(roots: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid in _pids():
        children.setdefault(_parent(pid), []).append(pid)
    seen, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return seen


def _kib(path: str, key: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pids: set[int]) -> float:
    """User and system CPU the processes have used so far (processes that ended are gone from the sum)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def memory_mib(pids: set[int]) -> tuple[float, float, dict[str, float]]:
    """Total RSS and PSS in MiB, and RSS per program. RSS counts pages shared between processes (chromium's, a
    forked server's) once per process; PSS shares them out, so the PSS total is what the set really holds."""
    rss, pss = 0.0, 0.0
    by_name: dict[str, float] = {}
    for pid in pids:
        kib = _kib(f"/proc/{pid}/status", "VmRSS")
        pss += _kib(f"/proc/{pid}/smaps_rollup", "Pss") / 1024
        argv = _cmdline(pid).split(" ")
        prog = "streamlit" if "streamlit" in " ".join(argv[:3]) else Path(argv[0]).name or "?"
        if prog.startswith("python") and "choreographer" in " ".join(argv[:3]):
            prog = "chromium"  # kaleido's wrapper around the chromium that draws chart images
        rss += kib / 1024
        by_name[prog] = by_name.get(prog, 0.0) + kib / 1024
    return rss, pss, by_name


class Memory:
    """Samples the server's RSS every few seconds: before, peak, end."""

    def __init__(self, port: int, pids: list[int] | None) -> None:
        self.port, self.fixed = port, set(pids) if pids else None
        self.peak = 0.0
        self.processes = 0
        self.cpu = 0.0  # the server's CPU seconds at the last sample

    def sample(self) -> tuple[float, float, dict[str, float]]:
        pids = tree(self.fixed if self.fixed else server_roots(self.port))
        self.processes = len(pids)
        self.cpu = cpu_seconds(pids)
        rss, pss, by_name = memory_mib(pids)
        self.peak = max(self.peak, rss)
        return rss, pss, by_name

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await asyncio.to_thread(self.sample)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 2)


# -- the run -----------------------------------------------------------------------------------------------

def report(stats: Stats, args: argparse.Namespace, wall: float, cpu: float, memory: Memory,
           before: tuple[float, float, dict[str, float]], end: tuple[float, float, dict[str, float]]) -> list[str]:
    lines = [f"{args.sessions} sessions for {args.seconds:g} s against {args.url}, think {args.think:g} s, "
             f"seed {args.seed}, timeout {args.timeout:g} s (ran {wall:.1f} s)", "",
             f"{'action':<16}{'count':>7}{'p50 s':>9}{'p95 s':>9}{'max s':>9}{'errors':>8}"]
    everything: list[float] = []
    for action in ACTIONS:
        times = stats.times[action]
        everything += times
        lines.append(f"{action:<16}{len(times):>7}{percentile(times, .5):>9.2f}{percentile(times, .95):>9.2f}"
                     f"{max(times, default=math.nan):>9.2f}{stats.errors[action]:>8}")
    errors = sum(stats.errors.values())
    lines.append(f"{'all':<16}{len(everything):>7}{percentile(everything, .5):>9.2f}"
                 f"{percentile(everything, .95):>9.2f}{max(everything, default=math.nan):>9.2f}{errors:>8}")
    lines += ["", f"{'page (after)':<22}{'count':>7}{'p50 s':>9}{'p95 s':>9}{'max s':>9}"]
    for page, times in sorted(stats.pages.items(), key=lambda kv: -percentile(kv[1], .95)):
        lines.append(f"{page:<22}{len(times):>7}{percentile(times, .5):>9.2f}{percentile(times, .95):>9.2f}"
                     f"{max(times):>9.2f}")
    lines.append(f"throughput: {len(everything) / wall:.1f} actions/s, {stats.received / wall / 1e6:.2f} MB/s "
                 "of ForwardMsgs")
    for reason, count in stats.reasons.most_common(8):
        lines.append(f"  error x{count}: {reason}")

    def parts(by_name: dict[str, float]) -> str:
        return ", ".join(f"{name} {mib:.0f}" for name, mib in sorted(by_name.items(), key=lambda kv: -kv[1]))

    lines += ["", f"server memory, MiB RSS ({memory.processes} processes): before {before[0]:.0f} "
              f"({parts(before[2])}), end {end[0]:.0f} ({parts(end[2])}), peak {memory.peak:.0f}; "
              f"PSS before {before[1]:.0f}, end {end[1]:.0f}",
              f"client CPU: {cpu:.1f} s in {wall:.1f} s = {100 * cpu / wall:.0f} % of one core", "",
              f"load: {args.sessions} sessions, p50 {percentile(everything, .5):.2f} s, "
              f"p95 {percentile(everything, .95):.2f} s, errors {errors}"]
    return lines


async def run(args: argparse.Namespace) -> list[str]:
    port = urlsplit(args.url).port or 80
    memory = Memory(port, [int(p) for p in args.pids.split(",")] if args.pids else None)
    warmup = await warm_up(args.url, args.timeout) if args.warmup else None
    before = await asyncio.to_thread(memory.sample)  # idle (and warm): what the sessions add comes after
    server_cpu, load_before = memory.cpu, os.getloadavg()[0]
    stats = Stats()
    rng = random.Random(args.seed)
    start = time.monotonic()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    deadline = start + args.seconds
    stop = asyncio.Event()
    watcher = asyncio.create_task(memory.watch(stop))
    tasks = [asyncio.create_task(director(i, args.url, deadline, args.think, args.timeout, args.cover,
                                          random.Random(rng.random()), stats)) for i in range(args.sessions)]
    # Bounded: every action ends (or times out) within --timeout, and after the deadline a director does at most
    # what is left of its first round (with --cover, ROUND actions at most); the margin is for closing.
    late = ROUND + 1 if args.cover else 1
    _, pending = await asyncio.wait(tasks, timeout=args.seconds + late * args.timeout + 10)
    for task in pending:
        task.cancel()
        stats.error("open page", "cut at the hard stop")
    await asyncio.gather(*pending, return_exceptions=True)
    wall = time.monotonic() - start
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (used.ru_utime - usage.ru_utime) + (used.ru_stime - usage.ru_stime)
    stop.set()
    await watcher
    end = await asyncio.to_thread(memory.sample)
    lines = report(stats, args, wall, cpu, memory, before, end)
    # The server's own CPU, and how busy the machine was: on a shared machine the latencies include waiting
    # for other programs, the server's CPU seconds per action do not.
    actions = sum(len(t) for t in stats.times.values())
    lines.insert(-2, f"server CPU: {memory.cpu - server_cpu:.1f} s in {wall:.1f} s "
                     f"({(memory.cpu - server_cpu) / max(actions, 1):.2f} s per action); machine load average "
                     f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} cores)")
    if warmup:
        lines.insert(1, warmup)
    return lines


async def warm_up(url: str, timeout: float) -> str:
    """One page open before the clock starts: a fresh process imports its libraries and fills its caches on
    its first run, which is not what the N directors see in a running service. Said on its own line."""
    session = Session(url, timeout=timeout)
    try:
        result = await session.open()
        return f"warm-up: one page open before the clock, {result.seconds:.2f} s"
    except Exception as exc:  # noqa: BLE001 - the run itself will count the errors
        return f"warm-up failed: {type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(Exception):
            await session.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8501", help="the dashboard (loopback only)")
    parser.add_argument("--sessions", type=int, default=20, help="simulated directors")
    parser.add_argument("--seconds", type=float, default=60, help="no action starts after this")
    parser.add_argument("--think", type=float, default=0, help="mean seconds between a director's actions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60, help="seconds an action may take (then an error)")
    parser.add_argument("--warmup", action=argparse.BooleanOptionalAction, default=True,
                        help="open the page once before the clock starts (default: yes)")
    parser.add_argument("--cover", action="store_true",
                        help="each director does every kind once even past --seconds (at most 6 actions more)")
    parser.add_argument("--pids", help="server processes to measure (comma-separated; default: the port's)")
    parser.add_argument("--out", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    if not is_loopback(args.url) or urlsplit(args.url).scheme != "http":
        parser.error(f"--url must be http:// on loopback (127.0.0.1, localhost, ::1), not {args.url}")
    if not 1 <= args.sessions <= 500 or args.seconds <= 0 or args.timeout <= 0 or args.think < 0:
        parser.error("--sessions 1..500, --seconds and --timeout > 0, --think >= 0")
    lines = asyncio.run(run(args))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
