"""Page timings through AppTest: the first (cold) run of each page in a fresh
process-level cache, and the median of warm reruns. Not a test: it reports.

    .venv/bin/python bench/pages_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = ["dashboard.py", "pages/1_Indikatorer.py", "pages/2_Telemedicin.py", "pages/3_Indsatser.py",
         "pages/4_Tidslinje.py", "pages/5_Beslutninger.py", "pages/6_Eksport.py", "pages/7_Datakilder.py"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--region", default="1082")
    parser.add_argument("--json", action="store_true", help="one JSON line instead of text")
    args = parser.parse_args()
    timings: dict[str, tuple[float, float]] = {}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params = {"region": args.region}
    for page in PAGES:
        t = time.perf_counter()
        if page != "dashboard.py":
            at.switch_page(page)
        at.run()
        cold = time.perf_counter() - t
        warm = []
        for _ in range(args.runs):
            t = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - t)
        assert not at.exception, at.exception
        timings[page] = (cold * 1000, statistics.median(warm) * 1000)
        if not args.json:
            print(f"{page:28} first run {cold * 1000:6.0f} ms   warm rerun median {timings[page][1]:5.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps({"pages": timings, "peak_mb": peak}))
    else:
        print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
