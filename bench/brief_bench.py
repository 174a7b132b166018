"""Mødebrief timing (not a test): the answer (views.meeting.brief), the deck and the Word brief for one forum's
meeting, each step timed, on a database (default: the served one; national scale: bench/national_bench.py
--db PATH builds one).

    .venv/bin/python bench/brief_bench.py [--db PATH] [--forum SSG] [--meeting 2026-12-04] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import clock  # noqa: E402
import settings  # noqa: E402
from domain.filters import resolve  # noqa: E402
from slides.brief import brief_specs, brief_title  # noqa: E402
from slides.render import build_deck  # noqa: E402
from slides.word import brief_docx  # noqa: E402
from store import queries  # noqa: E402
from views.meeting import brief  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=settings.db_path())
    parser.add_argument("--forum", default="SSG")
    parser.add_argument("--meeting", default="")
    parser.add_argument("--region", default="1082")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    today = clock.today()  # read once, passed down
    meeting = args.meeting or (today + dt.timedelta(days=10)).isoformat()
    conn = queries.connect(args.db)
    filters, _ = resolve({"region": args.region}, queries.choices(conn, today))
    steps: dict[str, list[float]] = {"svar": [], "præsentation": [], "word": []}
    for _ in range(args.runs):
        t = time.perf_counter()
        answer = brief(conn, filters, today, args.forum, meeting)
        steps["svar"].append(time.perf_counter() - t)
        t = time.perf_counter()
        specs = brief_specs(conn, filters, today, answer)
        build_deck(specs, *brief_title(answer))
        steps["præsentation"].append(time.perf_counter() - t)
        t = time.perf_counter()
        brief_docx(answer)
        steps["word"].append(time.perf_counter() - t)
    rows = conn.execute("SELECT COUNT(*) FROM observations").fetchone()[0]
    print(f"{args.db} ({rows:,} observations), {args.forum} {meeting}: {len(specs) + 1} slides, "
          f"{len(answer.due)} due, {answer.changes.count} changes")
    for step, times in steps.items():
        print(f"  {step:13} median {statistics.median(times):6.2f} s")
    print(f"brief: {sum(statistics.median(t) for t in steps.values()):.2f} s in all")


if __name__ == "__main__":
    main()
