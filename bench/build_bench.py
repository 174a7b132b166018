"""Build benchmark: the default data, and a generated indicator extract of
N rows (default 1,000,000). Not a test: it reports, it does not judge.

    .venv/bin/python bench/build_bench.py [--rows 1000000]

The extract uses a synthetic benchmark geography (region 9999, one cluster,
500 municipalities) in a temporary copy of data/, never the real data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from store.build import build
t = time.perf_counter()
report = build(Path({data!r}), Path({db!r}), today=dt.date.fromisoformat({today!r}))
print(json.dumps({{"seconds": time.perf_counter() - t,
                  "rows": sum(i["accepted"] for i in report.loaded),
                  "rejected": sum(i["rejected"] for i in report.loaded),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def timed_build(data: Path, db: Path, today: dt.date) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), data=str(data), db=str(db), today=today.isoformat())
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def make_extract(data: Path, rows: int) -> None:
    geo = data / "reference" / "geography" / "9999-bench.csv"
    with geo.open("w") as f:
        f.write("level,code,name,parent,hospital,aliases\nregion,9999,Benchmarkregion,,,\n"
                "cluster,bench,Benchmarkklynge,9999,,\n")
        for i in range(500):
            f.write(f"municipality,{90000 + i},Benchkommune {i},bench,,\n")
    indicators = ["acute_admissions_65plus", "preventable_admissions_65plus", "acute_somatic_readmissions_65plus",
                  "forced_admissions_16plus", "readmissions_30d", "discharge_ready_days",
                  "influenza_vaccination_65plus", "telekol_included", "telehjerte_included", "lup_collaboration"]
    with (data / "sources" / "bench_extract.csv").open("w", encoding="utf-8") as f:
        f.write("indikator;kode;periode;værdi\n")
        n = 0
        for year in range(2009, 2027):
            for month in range(1, 13):
                for code in range(90000, 90500):
                    for ind in indicators:
                        if n == rows:
                            return
                        f.write(f"{ind};{code};{year}M{month:02d};{(n % 997) / 10:.1f}".replace(".", ",") + "\n")
                        n += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    today = dt.date.today()  # read once, passed down
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        default = timed_build(ROOT / "data", base / "default.db", today)
        print(f"default data: {default['rows']:.0f} rows in {default['seconds']:.2f} s, peak {default['peak_mb']:.0f} MB")
        data = base / "data"
        shutil.copytree(ROOT / "data" / "reference", data / "reference")
        shutil.copytree(ROOT / "data" / "sources", data / "sources")
        t = time.perf_counter()
        make_extract(data, args.rows)
        size = (data / "sources" / "bench_extract.csv").stat().st_size / 1e6
        print(f"generated {args.rows:,} rows ({size:.0f} MB) in {time.perf_counter() - t:.1f} s")
        big = timed_build(data, base / "big.db", today)
        print(f"extract build: {big['rows']:.0f} rows ({big['rejected']:.0f} rejected) in {big['seconds']:.2f} s, "
              f"{big['rows'] / big['seconds']:,.0f} rows/s, peak {big['peak_mb']:.0f} MB, "
              f"db {(base / 'big.db').stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
