"""Command line: ``python -m loaders parse FILE`` and ``python -m loaders build``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import settings
from errors import DashboardError
from loaders.detect import KINDS, parse_file
from loaders.reference import load_reference


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Read and load the dashboard's sources.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="read one source file and print it as JSON")
    p.add_argument("file", type=Path)
    p.add_argument("--kind", choices=KINDS, help="force the kind instead of detecting it")
    p.add_argument("--indicator", help="catalogue id for a table that does not name its indicator")
    b = sub.add_parser("build", help="build the dashboard's SQLite database from data/")
    b.add_argument("--db", type=Path, default=None, help=f"database path (default {settings.db_path()})")
    b.add_argument("--data", type=Path, default=None, help=f"data folder (default {settings.data_dir()})")
    b.add_argument("--strict", action="store_true", help="fail, keeping the old database, if any file is unreadable")
    args = parser.parse_args(argv)

    data_dir = args.data if getattr(args, "data", None) else settings.data_dir()
    try:
        if args.command == "parse":
            ref = load_reference(data_dir / "reference")
            result = parse_file(args.file, ref, kind=args.kind, indicator=args.indicator)
            json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
            return 0
        from store.build import build

        db_path = args.db or settings.db_path()
        now = dt.datetime.now()  # the command line's one reading of the clock
        report = build(data_dir, db_path, strict=args.strict, progress=lambda m: print(m, file=sys.stderr),
                       today=now.date(), now=now)
        for skipped in report.skipped:
            print(f"skipped {skipped['file']}: {skipped['reason']}", file=sys.stderr)
        total = sum(item["accepted"] for item in report.loaded)
        print(f"built {db_path} from {len(report.loaded)} file(s), {total} rows, "
              f"{len(report.skipped)} skipped, in {report.seconds:.2f} s", file=sys.stderr)
        return 0
    except DashboardError as exc:  # one line (an unreadable file: "path: problem"), never a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
