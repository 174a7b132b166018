"""``python -m slides deck --out FILE.pptx [--cluster NAME] [--quarter YYYY-Qn] [--db PATH]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import clock
import settings
from domain.filters import Filters
from domain.formatting import date_long, quarter_label
from domain.periods import is_quarter, quarter_of, quarters_back
from slides import brief_cli
from slides.render import build_deck
from slides.standard import standard_deck
from store import queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m slides", description="Make the dashboard's slide deck.")
    sub = parser.add_subparsers(dest="command", required=True)
    deck = sub.add_parser("deck", help="write the standard deck for the chosen filters")
    deck.add_argument("--out", type=Path, required=True, help="the .pptx to write")
    deck.add_argument("--cluster", help="cluster id or name (e.g. vest or Vestklyngen); its region follows")
    deck.add_argument("--region", help="region code (default: the first region, or the cluster's)")
    deck.add_argument("--quarter", help="the last quarter, YYYY-Qn (default: the last whole quarter)")
    deck.add_argument("--quarters", type=int, default=8, help="how many quarters the charts show (default 8)")
    deck.add_argument("--title", default="Sundhedsaftalen: status", help="the title slide's title")
    deck.add_argument("--db", type=Path, default=None, help=f"database (default {settings.db_path()})")
    brief_cli.add_parser(sub)
    args = parser.parse_args(argv)

    today = clock.today()  # the command line's one reading of the clock, passed down
    try:
        conn = queries.connect(args.db or settings.db_path())
    except queries.MissingDatabase as exc:
        print(f"error: no database at {exc}: run `python -m loaders build` first", file=sys.stderr)
        return 2
    except queries.UnusableDatabase as exc:  # one line, never a traceback with SQL
        print(f"error: {exc.detail}: run `python -m loaders rebuild` (or roll back) first", file=sys.stderr)
        return 2
    if args.command == "brief":
        return brief_cli.run(args, conn, args.db or settings.db_path(), today)
    clusters = queries.clusters(conn)
    regions = queries.regions(conn)
    region, cluster = args.region, None
    if args.cluster:
        match = clusters[(clusters["id"] == args.cluster) | (clusters["name"].str.lower() == args.cluster.lower())]
        if match.empty:
            print(f"error: unknown cluster {args.cluster!r}; choose one of {', '.join(clusters['name'])}", file=sys.stderr)
            return 2
        cluster, region = str(match["id"].iloc[0]), str(match["region_code"].iloc[0])
    region = region or str(regions["code"].iloc[0])
    if region not in set(regions["code"]):
        print(f"error: unknown region {region!r}; choose one of {', '.join(regions['code'])}", file=sys.stderr)
        return 2
    last = args.quarter or quarters_back(quarter_of(today), 2)[0]  # the last whole quarter
    if not is_quarter(last):
        print(f"error: --quarter must look like 2025-Q3, not {last!r}", file=sys.stderr)
        return 2
    filters = Filters(region, cluster, quarters_back(last, args.quarters)[0], last)
    started = time.perf_counter()
    specs = standard_deck(conn, filters, today)
    template = settings.slides_template()
    data = build_deck(specs, args.title, date_long(today), template)  # the filters go on the title slide too
    args.out.write_bytes(data)
    print(f"wrote {args.out}: {len(specs) + 1} slides for {quarter_label(filters.first)} – {quarter_label(last)} "
          f"in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
