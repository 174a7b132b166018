"""Figures benchmark: reading the key figures out of minutes (loaders.figures.read_figures) beside a floor
that does the least the same job needs (one pass over the lines: the numbers of each line that holds a measure's
name and one of its words), on the seeds' minutes and on a long minutes file made of them. Not a test: it
reports, it does not judge.

    .venv/bin/python bench/figures_bench.py [--copies 200]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.figures import read_figures  # noqa: E402
from loaders.minutes import parse_minutes  # noqa: E402
from loaders.reference import load_reference  # noqa: E402

_NUMBER = re.compile(r"\d[\d.,]*")


def floor(text: str, measures: list) -> int:  # type: ignore[type-arg]
    found = 0
    for line in text.split("\n"):
        low = line.lower()
        for m in measures:
            if any(n.lower() in low for n in m.names) and any(c in low for c in m.cues):
                found += len(_NUMBER.findall(line))
    return found


def best(call, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    ref = load_reference(ROOT / "data" / "reference")
    places = ref.place_names()
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("00[13]_*"))}
    texts[f"{args.copies}×003"] = "\n".join([texts["003"]] * args.copies)
    print(f"{'minutes':>10} {'lines':>8} {'figures':>8} {'project':>10} {'floor':>10} {'ratio':>6}")
    for name, text in texts.items():
        items = parse_minutes(text)["items"]
        project = best(lambda t=text, i=items: read_figures(t, i, ref.measures, places, "1082", "2025-09-12"))
        low = best(lambda t=text: floor(t, ref.measures))
        n = len(read_figures(text, items, ref.measures, places, "1082", "2025-09-12"))
        print(f"{name:>10} {text.count(chr(10)) + 1:>8} {n:>8} {project * 1000:>8.1f}ms {low * 1000:>8.1f}ms "
              f"{project / low if low else float('nan'):>6.1f}")


if __name__ == "__main__":
    main()
