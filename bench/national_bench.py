"""National-scale benchmark (not a test): 5 regions, 98 municipalities, every
catalogue indicator monthly from January 2009, built from the real sources plus
a generated extract; then each page's first and warm AppTest run on it.

    .venv/bin/python bench/national_bench.py [--db /tmp/national.db] [--runs 5]

The two real regions are kept; three synthetic regions (codes 9101-9103) bring
the count to 98 municipalities. Everything happens in a temporary folder; with
``--db PATH`` the database is built there once (outside the repository, e.g.
under /tmp) and reused by later runs, so before and after compare the same data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import clock  # noqa: E402
from bench.build_bench import timed_build  # noqa: E402
from domain.demo import months_between  # noqa: E402
from loaders.reference import load_reference  # noqa: E402


def national_data(target: Path, today: dt.date) -> int:
    shutil.copytree(ROOT / "data" / "reference", target / "reference")
    shutil.copytree(ROOT / "data" / "sources", target / "sources")
    r = random.Random(2009)
    with (target / "reference" / "geography" / "9100-benchmark.csv").open("w") as f:
        f.write("level,code,name,parent,hospital,aliases,population\n")
        code = 900
        for region in range(3):
            rcode = f"910{region + 1}"
            f.write(f"region,{rcode},Benchmarkregion {region + 1},,,,\n")
            for cluster in range(4):
                cid = f"bench{region}{cluster}"
                f.write(f"cluster,{cid},Benchmarkklynge {region + 1}.{cluster + 1},{rcode},,,\n")
                for _ in range(5 if (region, cluster) != (2, 3) else 2):  # 19 per region, 57 in all
                    code += 1
                    f.write(f"municipality,{code},Benchkommune {code},{cid},,,{r.randint(5, 200) * 1000}\n")
    ref = load_reference(target / "reference")
    municipalities = ref.municipalities()
    assert len(municipalities) == 98 and len(ref.regions()) == 5
    months = months_between("2009-01", f"{today:%Y-%m}")[:-1]
    rows = 0
    with (target / "sources" / "national_extract.csv").open("w", encoding="utf-8") as f:
        f.write("indikator;kode;periode;værdi;tæller;nævner\n")
        for ind_id, ind in ref.indicators.items():
            if ind["frequency"] != "month":
                continue
            for m in municipalities:
                base = m.population / 1000
                for month in months:
                    period = month.replace("-", "M")
                    if ind["unit"] == "percent":
                        den = max(1, int(base * r.uniform(8, 12)))
                        num = int(den * r.uniform(0.08, 0.2))
                        f.write(f"{ind_id};{m.code};{period};{100 * num / den:.1f};{num};{den}\n".replace(".", ","))
                    else:
                        f.write(f"{ind_id};{m.code};{period};{int(base * r.uniform(3, 6))};;\n")
                    rows += 1
    return rows


def build_national(db: Path, today: dt.date) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        rows = national_data(data, today)
        print(f"generated {rows:,} municipality rows (5 regions, 98 municipalities, monthly since 2009)")
        result = timed_build(data, db, today)
        print(f"build: {result['rows']:,.0f} rows in {result['seconds']:.2f} s, peak {result['peak_mb']:.0f} MB, "
              f"db {db.stat().st_size / 1e6:.0f} MB")


def run_pages(db: Path, runs: int) -> None:
    env = {**os.environ, "SUNDHED_DB": str(db)}
    for region in ("1082", "9101"):
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "pages_bench.py"), "--runs", str(runs),
                              "--region", region, "--json"], capture_output=True, text=True, env=env, check=True)
        report = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"pages, region {region} (ms of server-side script run, first run / warm median: wall, and CPU of "
              f"the script thread), peak {report['peak_mb']:.0f} MB:")
        for page, (cold, warm, cold_cpu, warm_cpu) in report["pages"].items():
            print(f"  {page:28} wall {cold:6.0f} / {warm:5.0f}   CPU {cold_cpu:6.0f} / {warm_cpu:5.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="build the national database here once and reuse it")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    today = clock.today()  # read once, passed down
    if args.db is not None:
        if not args.db.exists():
            build_national(args.db, today)
        run_pages(args.db, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "national.db"
        build_national(db, today)
        run_pages(db, args.runs)


if __name__ == "__main__":
    main()
