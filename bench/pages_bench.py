"""Page timings: the first (cold) run of each page in a fresh process-level
cache, and the median of warm reruns. Not a test: it reports.

    .venv/bin/python bench/pages_bench.py [--runs 7] [--region 1082] [--db PATH] [--profile PAGE [--cold]]

What is measured, per run: the server-side script run only, timed around
Streamlit's ``ScriptRunner._run_script`` (the page's code, its cached answers
and figures, and the marshalling of every element into protobuf messages),
as a Streamlit server spends it for one rerun: wall time, and beside it the
CPU time of the script thread (steadier on a busy machine). Two things AppTest does that a
server does not are kept out of the figures:

- AppTest compiles the scripts anew on every run (a fresh ``ScriptCache`` per
  run); a server compiles each script once. Here one process-wide script cache
  answers every run, as in a server.
- AppTest parses the produced messages back into its element tree after the
  run; that parsing is client-side work and is not timed (the whole ``at.run()``
  is printed beside it for reference).

The first page's first run also imports the app's modules (pandas, Plotly, ...),
which a server does once, at its first session.

"warm" is the same page rerun with the same filters: what a click on a widget
that changes nothing, or a second user with the same filters, costs.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = ["dashboard.py", "pages/1_Indikatorer.py", "pages/2_Telemedicin.py", "pages/3_Indsatser.py",
         "pages/4_Tidslinje.py", "pages/5_Beslutninger.py", "pages/6_Eksport.py", "pages/7_Datakilder.py",
         "pages/9_Siden_sidste_moede.py"]

_SHARED = ScriptCache()  # one compiled-script cache for the process, as a server has
_get_bytecode = ScriptCache.get_bytecode
_run_script = script_runner.ScriptRunner._run_script
_script_seconds: list[tuple[float, float]] = []  # (wall, CPU of the script thread) per script run
_profiler: list[cProfile.Profile] = []


def _cached_bytecode(self: ScriptCache, script_path: str) -> Any:
    return _get_bytecode(_SHARED, script_path)


def _timed_run(self: script_runner.ScriptRunner, rerun_data: Any) -> None:
    t, cpu = time.perf_counter(), time.thread_time()
    if _profiler:
        _profiler[0].enable()
    try:
        _run_script(self, rerun_data)
    finally:
        if _profiler:
            _profiler[0].disable()
        _script_seconds.append((time.perf_counter() - t, time.thread_time() - cpu))


ScriptCache.get_bytecode = _cached_bytecode  # type: ignore[method-assign]
script_runner.ScriptRunner._run_script = _timed_run  # type: ignore[method-assign]


def _run(at: AppTest) -> tuple[float, float, float]:
    """One rerun: (server-side script ms, its CPU ms, whole AppTest ms)."""
    _script_seconds.clear()
    t = time.perf_counter()
    at.run()
    total = time.perf_counter() - t
    return sum(s[0] for s in _script_seconds) * 1000, sum(s[1] for s in _script_seconds) * 1000, total * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--region", default="1082")
    parser.add_argument("--db", help="the database to read (default: settings, SUNDHED_DB)")
    parser.add_argument("--profile", help="profile the warm reruns of this page (cProfile, top 40 by cumulative)")
    parser.add_argument("--cold", action="store_true", help="with --profile: profile the first run instead")
    # with --profile and --fresh: the profile is of the runs with new filters
    parser.add_argument("--fresh", type=int, default=0,
                        help="also time N reruns of each page with a cluster and last quarter not seen before "
                             "(what most clicks of many directors cost: the page cache has no answer yet)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="one JSON line instead of text")
    args = parser.parse_args()
    if args.db:
        os.environ["SUNDHED_DB"] = args.db
    timings: dict[str, tuple[float, float, float, float]] = {}
    fresh_cpu: dict[str, tuple[float, float]] = {}
    rng = random.Random(args.seed)
    seen: set[tuple[str, str, str]] = set()

    def _fresh_run(at: AppTest, rng: random.Random) -> tuple[float, float, float]:
        """A filter combination (region, cluster, last quarter) this process has not answered yet."""
        boxes = {b.label: b for b in at.sidebar.selectbox}
        for _ in range(200):
            cluster = rng.choice(boxes["Klynge"].options)
            last = rng.choice(boxes["Til kvartal"].options[-12:])
            if (boxes["Region"].value, cluster, last) not in seen:
                break
        seen.add((boxes["Region"].value, cluster, last))
        boxes["Klynge"].select(cluster)
        boxes["Til kvartal"].select(last)
        return _run(at)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params = {"region": args.region}
    for page in PAGES:
        if page != "dashboard.py":
            at.switch_page(page)
        profiling = args.profile is not None and page.endswith(args.profile)
        if profiling and args.cold:
            _profiler.append(cProfile.Profile())
        cold, cold_cpu, cold_total = _run(at)
        if profiling and not args.cold:
            _profiler.append(cProfile.Profile())
        warm = [_run(at) for _ in range(args.runs)]
        if profiling and not args.fresh:
            pstats.Stats(_profiler.pop()).sort_stats("cumulative").print_stats(40)
        assert not at.exception, at.exception
        timings[page] = (cold, statistics.median(w[0] for w in warm), cold_cpu, statistics.median(w[1] for w in warm))
        if args.fresh:
            if profiling:  # with --fresh, the profile is of the runs with new filters
                _profiler[:] = [cProfile.Profile()]
            fresh = [_fresh_run(at, rng) for _ in range(args.fresh)]
            if profiling:
                pstats.Stats(_profiler.pop()).sort_stats("cumulative").print_stats(45)
            assert not at.exception, at.exception
            fresh_cpu[page] = (statistics.median(f[1] for f in fresh), max(f[1] for f in fresh))
        if not args.json:
            print(f"{page:28} first run {cold:6.0f} ms   warm rerun median {timings[page][1]:5.0f} ms"
                  f"   (CPU {cold_cpu:6.0f} / {timings[page][3]:5.0f} ms;"
                  f" whole AppTest run {cold_total:6.0f} / {statistics.median(w[2] for w in warm):5.0f} ms)")
    if fresh_cpu and not args.json:
        print(f"\nnew filters (a cluster and last quarter not seen before), CPU of the script thread, "
              f"{args.fresh} runs a page:")
        for page, (median, most) in fresh_cpu.items():
            print(f"{page:32} median {median:6.0f} ms   max {most:6.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps({"pages": timings, "fresh": fresh_cpu, "peak_mb": peak}))
    else:
        print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
