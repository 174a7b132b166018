"""Command line: ``python -m loaders parse FILE``, ``build``, ``rebuild``, ``import FILE...``, ``versions``
and ``rollback VERSION`` (see ../shared/CONTRACT.md and the README)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import clock
import settings
from errors import DashboardError
from loaders.detect import KINDS
from loaders.limits import parse_file
from loaders.reference import load_reference


def main(argv: list[str] | None = None) -> int:
    from store.versions import StoreError  # the entry point reaches up; the loaders themselves never do
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
    r = sub.add_parser("rebuild", help="a new version from the current version's files with this program's rules")
    i = sub.add_parser("import", help="import files into a new version of the database (prints JSON)")
    i.add_argument("files", type=Path, nargs="*", metavar="FILE")
    i.add_argument("--dry-run", action="store_true", help="print what the import would read and change; change nothing")
    i.add_argument("--remove", action="append", default=[], metavar="NAME",
                   help="remove a source file (its name as `versions` lists it); may be repeated")
    i.add_argument("--kind", choices=KINDS, help="the kind of every FILE instead of detecting it")
    i.add_argument("--indicator", help="catalogue id for tables that do not name their indicator")
    i.add_argument("--by", help="who imports (default: the user running the command)")
    v = sub.add_parser("versions", help="the database versions, newest first (JSON)")
    rb = sub.add_parser("rollback", help="make an earlier version current again")
    rb.add_argument("version")
    rb.add_argument("--by", help="who rolls back (default: the user running the command)")
    for cmd in (b, r, i, v, rb):
        if cmd is not b:
            cmd.add_argument("--db", type=Path, default=None, help=f"database link (default {settings.db_path()})")
        cmd.add_argument("--wait", type=float, default=None,
                         help=f"seconds to wait for another import (default {settings.import_wait():g})")
    args = parser.parse_args(argv)

    data_dir = args.data if getattr(args, "data", None) else settings.data_dir()
    try:
        if args.command == "parse":
            ref = load_reference(data_dir / "reference")
            result = parse_file(args.file, ref, kind=args.kind, indicator=args.indicator)
            json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
            return 0
        now = clock.now()  # the command line's one reading of the clock
        return _versioned(args, data_dir, now)
    except StoreError as exc:  # one line in English (the page gets the Danish message)
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2
    except DashboardError as exc:  # one line (an unreadable file: "path: problem"), never a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a disk or permission problem outside the store's own checks: still one line
        where = f": {exc.filename}" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:  # a damaged database met while comparing versions, say
        print(f"error: the database could not be read ({type(exc).__name__}: {exc}); "
              "python -m loaders rebuild makes it again", file=sys.stderr)
        return 2


def _versioned(args: argparse.Namespace, data_dir: Path, now: dt.datetime) -> int:
    """The commands that make or choose a database version."""
    from store import imports
    from store.versions import Changes, Version, default_store

    store = default_store(args.db)
    if getattr(args, "data", None) is not None:
        store = dataclasses.replace(store, reference_dir=data_dir / "reference")
    wait = settings.import_wait() if args.wait is None else args.wait
    by = getattr(args, "by", None) or f"{getpass.getuser()} (kommandolinjen)"
    today = now.date()
    if args.command == "versions":
        current = store.current_id()
        json.dump([{"version": v.name, "created": v.created, "by": v.by, "current": v.id == current,
                    "action": v.action, "accepted": v.accepted, "rejected": v.rejected,
                    "files": [{"file": f.file, "sha256": f.sha256, "kind": f.kind, "accepted": f.accepted,
                               "rejected": f.rejected} for f in v.files]} for v in store.versions()],
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if args.command == "rollback":
        if not args.version.isdigit():
            print(f"error: version {args.version!r} does not exist (see python -m loaders versions)", file=sys.stderr)
            return 2
        restored = imports.rollback(store, int(args.version), by=by, now=now, wait=wait)
        print(f"version {restored.name} ({restored.created}, {restored.by}) is current again", file=sys.stderr)
        return 0
    if args.command in ("build", "rebuild"):
        with store.lock(wait):
            store.cleanup(now)
            current = store.current_id()
            # build: the files in data/sources (the default data); rebuild: the current version's files
            seed = data_dir if args.command == "build" or current is None else None
            action = "start" if current is None else args.command
            candidate = store.stage(Changes(), by=by, action=action, today=today, now=now, seed=seed)
            report = candidate.report
            if args.command == "build" and args.strict and report.skipped:
                store.discard(candidate)
                first = report.skipped[0]
                print(f"error: {first['file']}: {first['reason']}", file=sys.stderr)
                return 2
            built = store.commit(candidate, now=now)
        for skipped in report.skipped:
            print(f"skipped {skipped['file']}: {skipped['reason']}", file=sys.stderr)
        if built.parent is not None and args.command == "build":
            dropped = sorted({f.file for f in store.version(built.parent).files} - {f.file for f in built.files})
            if dropped:
                print(f"note: files imported into version {built.parent} and not in {data_dir / 'sources'} are not "
                      f"in version {built.name}: {', '.join(dropped)} (python -m loaders rollback {built.parent} "
                      "brings them back)", file=sys.stderr)
        total = sum(item["accepted"] for item in report.loaded)
        print(f"built {store.db_path} (version {built.name}) from {len(report.loaded)} file(s), {total} rows, "
              f"{len(report.skipped)} skipped, in {report.seconds:.2f} s", file=sys.stderr)
        return 0
    # import
    offered = [imports.Offered(path.name, path, args.kind, args.indicator) for path in args.files]
    missing = [o for o in offered if not o.path.is_file()]
    if missing:
        print(f"error: {missing[0].path}: no such file", file=sys.stderr)
        return 2
    if not offered and not args.remove:
        print("error: nothing to import: give one or more files (or --remove NAME)", file=sys.stderr)
        return 2
    version: Version | None = None
    if args.dry_run:  # changes nothing: with no version yet, the preview is built on the default data
        preview = imports.prepare(store, offered, tuple(args.remove), by=by, today=today, now=now, preview=True,
                                  limit=None)
    else:
        preview, version = imports.import_files(store, offered, tuple(args.remove), by=by, today=today, now=now,
                                                wait=wait, limit=None)
    try:
        json.dump(_import_json(preview, version), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    finally:
        if preview.candidate is not None and args.dry_run:
            store.discard(preview.candidate)
    if preview.candidate is None:
        reasons = "; ".join(f"{r.file}: {r.problem}" for r in preview.refused)
        print(f"error: nothing could be imported: {reasons}", file=sys.stderr)
        return 2
    return 0


def _import_json(preview: Any, version: Any) -> dict[str, Any]:
    diff = preview.differences
    return {
        "version": version.name if version else None,
        "based_on": str(preview.current) if preview.current is not None else None,
        "files": [{"file": c.file, "kind": c.kind, "status": c.status, "title": c.title, "accepted": c.accepted,
                   "rejected": [{"line": line, "reason": reason} for line, reason in c.rejections],
                   "rejected_count": c.rejected,
                   "indicators": [dataclasses.asdict(r) for r in c.indicators],
                   "initiatives": len(c.initiatives) + c.more.get("initiatives", 0),
                   "meetings": [{"forum": f, "date": d} for f, d, _ in c.meetings],
                   "agenda_items": [{"number": n, "title": t, "decision_kind": k} for n, t, k in c.agenda]}
                  for c in preview.contents],
        "refused": [{"file": r.file, "reason": r.problem} for r in preview.refused],
        # Rows of every kind a file gives (observations, meetings, agenda items, initiatives, agreements);
        # the sums derived from them are under "tables".
        "changes": {key: sum(getattr(c, key) for name, c in diff.tables.items() if name != "derived")
                    for key in ("added", "changed", "removed")} if diff else {"added": 0, "changed": 0, "removed": 0},
        "tables": {k: dataclasses.asdict(v) for k, v in diff.tables.items()} if diff else {},
        "by_indicator": {k: dataclasses.asdict(v) for k, v in diff.by_indicator.items()} if diff else {},
        "new_meetings": [{"forum": f, "date": d} for f, d in diff.new_meetings] if diff else [],
        "demo_replaced": [dataclasses.asdict(d) for d in diff.demo_replaced] if diff else [],
    }


if __name__ == "__main__":
    sys.exit(main())
