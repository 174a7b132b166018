"""Time to build the standard deck (not a test): region and cluster, several runs.

    .venv/bin/python bench/deck_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import clock  # noqa: E402
import settings  # noqa: E402
from domain.filters import Filters  # noqa: E402
from slides.render import build_deck  # noqa: E402
from slides.standard import standard_deck  # noqa: E402
from store import queries  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    conn = queries.connect(settings.db_path())
    today = clock.today()  # read once, passed down
    for filters in (Filters("1082", None, "2024-Q4", "2026-Q3"), Filters("1082", "vest", "2024-Q4", "2026-Q3")):
        times, slides = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            specs = standard_deck(conn, filters, today)
            build_deck(specs, "Sundhedsaftalen", "bench")
            times.append(time.perf_counter() - started)
            slides = len(specs) + 1
        print(f"{filters.cluster or filters.region}: {slides} slides, median {statistics.median(times):.2f} s, "
              f"first {times[0]:.2f} s")


if __name__ == "__main__":
    main()
