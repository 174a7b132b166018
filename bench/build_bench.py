"""Build benchmark: the default data, and a generated indicator extract of
exactly N rows (default 1,000,000). Not a test: it reports, it does not judge.

    .venv/bin/python bench/build_bench.py [--rows 1000000] [--no-default]

The extract uses a synthetic benchmark geography (region 9999, four clusters of
500 municipalities) in a temporary copy of data/, never the real data: 10
indicators x 2,000 municipalities a month, the months ending with the last whole
month, as far back as N rows need (from January 1900 at most: about 30 million rows; more is refused).
Every row is distinct, so every row written is a row the build must insert; the
bench prints both counts and says so when they differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import clock  # noqa: E402

CHILD = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from store.build import build
profile = {profile!r}
if profile:
    import cProfile, pstats
    profiler = cProfile.Profile()
    profiler.enable()
t = time.perf_counter()
report = build(Path({data!r}), Path({db!r}), today=dt.date.fromisoformat({today!r}))
if profile:
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats(profile).print_stats(35)
print(json.dumps({{"seconds": time.perf_counter() - t,
                  "rows": sum(i["accepted"] for i in report.loaded),
                  "extract_rows": sum(i["accepted"] for i in report.loaded if i["file"].endswith("bench_extract.csv")),
                  "rejected": sum(i["rejected"] for i in report.loaded),
                  "cpu": sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                             for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "reader_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
INDICATORS = ("acute_admissions_65plus", "preventable_admissions_65plus", "acute_somatic_readmissions_65plus",
              "forced_admissions_16plus", "readmissions_30d", "discharge_ready_days",
              "influenza_vaccination_65plus", "telekol_included", "telehjerte_included", "lup_collaboration")
CLUSTERS = 4
PER_CLUSTER = 500
MUNICIPALITIES = [str(90000 + i) for i in range(CLUSTERS * PER_CLUSTER)]
FIRST_YEAR = 1900  # domain.periods reads years 1900-2099
PER_MONTH = len(INDICATORS) * len(MUNICIPALITIES)


def timed_build(data: Path, db: Path, today: dt.date, profile: str = "") -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), data=str(data), db=str(db), today=today.isoformat(), profile=profile)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    if profile:
        sys.stderr.write(out.stderr)
    result: dict[str, float] = json.loads(out.stdout)
    return result


FLOOR = """
import csv, sqlite3, time
start = time.perf_counter()
conn = sqlite3.connect({db!r})
conn.execute("PRAGMA journal_mode=MEMORY")
conn.execute("PRAGMA synchronous=OFF")
conn.execute("CREATE TABLE observations (indicator TEXT, geo_code TEXT, period TEXT, value REAL)")
with open({csv!r}, newline="", encoding="utf-8") as f:
    rows = csv.reader(f, delimiter=";")
    next(rows)
    conn.executemany("INSERT INTO observations VALUES (?, ?, ?, ?)",
                     ((i, g, p, float(v.replace(",", "."))) for i, g, p, v in rows))
conn.commit()
print(time.perf_counter() - start)
"""


def floor_seconds(extract: Path, db: Path) -> float:
    """The floor: the same file read with csv.reader and stored with executemany, no checks, in one process."""
    out = subprocess.run([sys.executable, "-c", FLOOR.format(db=str(db), csv=str(extract))], capture_output=True,
                         text=True, check=True)
    return float(out.stdout)


def months(rows: int, today: dt.date) -> list[tuple[int, int]]:
    """The (year, month) the extract needs, oldest first, ending with the last whole month before ``today``;
    ValueError when ``rows`` does not fit after January 1900."""
    last = today.year * 12 + today.month - 2  # the last whole month, as year * 12 + month - 1
    needed = -(-rows // PER_MONTH)
    first = last - needed + 1
    if rows < 1 or first < FIRST_YEAR * 12:
        most = (last - FIRST_YEAR * 12 + 1) * PER_MONTH
        raise ValueError(f"--rows must be between 1 and {most:,} (10 indicators x {len(MUNICIPALITIES):,} "
                         f"municipalities x the months since January {FIRST_YEAR}); got {rows:,}")
    return [divmod(m, 12) for m in range(first, last + 1)]


def make_extract(data: Path, rows: int, today: dt.date) -> int:
    """Write the geography and an extract of exactly ``rows`` rows; the rows written."""
    geo = data / "reference" / "geography" / "9999-bench.csv"
    with geo.open("w") as f:
        f.write("level,code,name,parent,hospital,aliases\nregion,9999,Benchmarkregion,,,\n")
        for c in range(CLUSTERS):
            f.write(f"cluster,bench{c},Benchmarkklynge {c},9999,,\n")
        for i, code in enumerate(MUNICIPALITIES):
            f.write(f"municipality,{code},Benchkommune {i},bench{i // PER_CLUSTER},,\n")
    written = 0
    with (data / "sources" / "bench_extract.csv").open("w", encoding="utf-8") as f:
        f.write("indikator;kode;periode;værdi\n")
        for year, month in months(rows, today):
            lines = [f"{ind};{code};{year}M{month + 1:02d};{(written + k) % 997 // 10},{(written + k) % 10}\n"
                     for k, (code, ind) in enumerate((c, i) for c in MUNICIPALITIES for i in INDICATORS)]
            lines = lines[:rows - written]
            f.writelines(lines)
            written += len(lines)
    if written != rows:
        raise AssertionError(f"wrote {written:,} rows, not {rows:,}")
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--no-default", action="store_true", help="skip the build of the default data")
    parser.add_argument("--busy", type=int, default=0, metavar="N",
                        help="keep N other processes busy (a loop each) during the extract's build: the limits count "
                             "CPU time, so every row must still be stored")
    parser.add_argument("--profile", choices=["tottime", "cumulative"],
                        help="profile the extract's build (cProfile, top 35; the times are then not comparable)")
    args = parser.parse_args()
    today = clock.today()  # read once, passed down
    try:
        months(args.rows, today)
    except ValueError as exc:
        parser.error(str(exc))
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        if not args.no_default:
            default = timed_build(ROOT / "data", base / "default.db", today)
            print(f"default data: {default['rows']:.0f} rows in {default['seconds']:.2f} s, "
                  f"peak {default['peak_mb']:.0f} MB")
        data = base / "data"
        shutil.copytree(ROOT / "data" / "reference", data / "reference")
        shutil.copytree(ROOT / "data" / "sources", data / "sources")
        t = time.perf_counter()
        written = make_extract(data, args.rows, today)
        size = (data / "sources" / "bench_extract.csv").stat().st_size / 1e6
        print(f"generated {written:,} rows ({size:.0f} MB) in {time.perf_counter() - t:.1f} s")
        hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
        try:
            big = timed_build(data, base / "big.db", today, args.profile or "")
        finally:
            for hog in hogs:
                hog.kill()
                hog.wait()
        hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
        try:
            floor = floor_seconds(data / "sources" / "bench_extract.csv", base / "floor.db")
        finally:
            for hog in hogs:
                hog.kill()
                hog.wait()
        if args.busy:
            print(f"(with {args.busy} other processes busy on this machine's {os.cpu_count()} cores)")
        print(f"floor (csv.reader -> executemany, no checks, same file, same load): {floor:.2f} s; "
              f"build / floor = {big['seconds'] / floor:.2f}x")
        inserted = int(big["extract_rows"])
        print(f"extract build: {inserted:,} of {written:,} rows inserted ({big['rejected']:.0f} rejected) in "
              f"{big['seconds']:.2f} s (CPU {big['cpu']:.2f} s, both processes), {inserted / big['seconds']:,.0f} rows/s, peak {big['peak_mb']:.0f} MB, "
              f"db {(base / 'big.db').stat().st_size / 1e6:.0f} MB")
        if big["reader_peak_mb"]:  # every file is read by a worker process (loaders/limits.py)
            print(f"  the largest worker's own peak: {big['reader_peak_mb']:.0f} MB (its resident size, pages "
                  f"shared with the build counted again); both together at most "
                  f"{big['peak_mb'] + big['reader_peak_mb']:.0f} MB")
        if inserted != written:
            print(f"WARNING: {written - inserted:,} rows written were not inserted")


if __name__ == "__main__":
    main()
