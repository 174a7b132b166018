"""Import benchmark (not a test): how long from "Indlæs" until the new version is served, and the peak
memory of each step. Three imports:

  (a) a small extract (both regions, one year, monthly) into the default data;
  (b) a 1,000,000-row extract into the default data;
  (c) another small extract (the year before) into the version (b) made: every version is built from all
      its files, so this is what each later import costs once a big extract is loaded.

For each, the app's path is timed in two steps: the preview (what happens when the analyst drops the
file: the upload saved, then ``store.imports.prepare(..., preview=True)``) and "Indlæs"
(``store.imports.commit``: the lock, the cleanup, the folder renamed and the link moved). Then the same
import once more through the command line, ``python -m loaders import``, end to end (from the same version:
the app's is rolled back first). Every step runs in a fresh process, so each peak
(ru_maxrss) is that step's own.

    .venv/bin/python bench/import_bench.py [--rows 1000000]

Writes a Markdown table to bench/out/import_bench.md. Everything happens in a temporary folder: a copy of
data/ with a synthetic benchmark geography added (see ``bench_data``), never the real data.
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
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import clock  # noqa: E402
from domain.demo import months_between  # noqa: E402

# The catalogue's indicators kept monthly at municipality level (data/reference/indicators.csv: frequency
# "month", geo_levels naming "municipality"); the percentages come with numerator and denominator.
COUNTS = ("acute_admissions_65plus", "preventable_admissions_65plus", "forced_admissions_16plus",
          "discharge_ready_days")
PERCENTS = ("acute_somatic_readmissions_65plus", "readmissions_30d")
INDICATORS = COUNTS + PERCENTS
SYNTHETIC_REGIONS = 8  # x 5 clusters x 19 municipalities = 760, beside the 41 real ones
HEADER = "indikator;kode;periode;værdi;tæller;nævner\n"


def bench_data(target: Path) -> list[str]:
    """A copy of data/ (reference and the default sources) with a synthetic geography beside the two real
    regions, so that a million monthly rows fit in real months (since January 2009) and real catalogue
    indicators: 41 + 760 municipalities x 6 indicators x ~200 months. The municipality codes, real first."""
    shutil.copytree(ROOT / "data" / "reference", target / "reference")
    shutil.copytree(ROOT / "data" / "sources", target / "sources")
    codes = real_municipalities(target / "reference")
    with (target / "reference" / "geography" / "9200-import-bench.csv").open("w", encoding="utf-8") as f:
        f.write("level,code,name,parent,hospital,aliases,population\n")
        code = 2000
        for region in range(SYNTHETIC_REGIONS):
            rcode = f"92{region + 1:02d}"
            f.write(f"region,{rcode},Importregion {region + 1},,,,\n")
            for cluster in range(5):
                cid = f"imp{region}{cluster}"
                f.write(f"cluster,{cid},Importklynge {region + 1}.{cluster + 1},{rcode},,,\n")
                for _ in range(19):
                    code += 1
                    f.write(f"municipality,{code},Importkommune {code},{cid},,,{20000 + code % 97 * 1000}\n")
                    codes.append(str(code))
    return codes


def real_municipalities(reference: Path = ROOT / "data" / "reference") -> list[str]:
    """The municipality codes of the real regions (data/reference/geography/*.csv)."""
    codes = []
    for path in sorted((reference / "geography").glob("*.csv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("municipality,"):
                codes.append(line.split(",")[1])
    return codes


def last_months(today: dt.date) -> list[str]:
    """Every month from January 2009 to the last whole month, as YYYY-MM."""
    return months_between("2009-01", f"{today:%Y-%m}")[:-1]


def write_extract(path: Path, codes: Iterable[str], months: list[str], rows: int | None = None,
                  salt: int = 0) -> int:
    """A long extract, streamed to ``path``: month by month, every municipality, every indicator, until
    ``rows`` rows (all of them when None). ``salt`` varies the values (two extracts with the same rows
    but different content). How many rows were written."""
    codes = list(codes)
    n = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        lines: list[str] = []
        for month in months:
            period = month.replace("-", "M")
            for i, code in enumerate(codes):
                for j, ind in enumerate(INDICATORS):
                    if rows is not None and n == rows:
                        f.writelines(lines)
                        return n
                    k = (n * 7 + i * 13 + j * 31 + salt) % 997
                    if j >= len(COUNTS):
                        den = 200 + k
                        num = den * (5 + k % 20) // 100
                        lines.append(f"{ind};{code};{period};{100 * num / den:.1f};{num};{den}\n".replace(".", ","))
                    else:
                        lines.append(f"{ind};{code};{period};{10 + k};;\n")
                    n += 1
            if len(lines) > 50_000:
                f.writelines(lines)
                lines.clear()
        f.writelines(lines)
    return n


def small_extract(path: Path, codes: list[str], today: dt.date, salt: int = 0, window: int = 0,
                  months: int = 12) -> int:
    """A region's monthly delivery: ``codes`` for ``months`` months, the ``window``-th such block counted
    back from the last whole month (two windows never give the same indicator, place and period, which
    the newer file's name would win)."""
    every = last_months(today)
    end = len(every) - window * months
    assert end - months >= 0, "no such window"
    return write_extract(path, codes, every[end - months:end], salt=salt)


# ---- the measured steps, each in its own process ------------------------------------------------------

CHILD = r"""
import datetime as dt, json, pickle, resource, shutil, sys, time, uuid
from pathlib import Path
sys.path.insert(0, {root!r})
from store import imports
from store.versions import STAGING, default_store
step, file, state = {step!r}, Path({file!r}), Path({state!r})
now = dt.datetime.fromisoformat({now!r})  # the bench's one reading of the clock
store = default_store()
t = time.perf_counter()
if step == "preview":  # the page: the upload saved beside the store, read and built into a candidate
    imports.ensure_started(store, by="bench", today=now.date(), now=now, wait=0)
    folder = store.root / STAGING / f"upload-{{uuid.uuid4().hex}}"
    try:
        data = file.read_bytes()
        offered = [imports.Offered(file.name, imports.saved_upload(folder, file.name, data))]
        del data
        preview = imports.prepare(store, offered, by="bench", today=now.date(), now=now, preview=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - t
    assert preview.candidate is not None, preview.refused
    state.write_bytes(pickle.dumps(preview))
    result = {{"accepted": preview.candidate.version.accepted}}
else:  # "Indlæs": the preview held by the session made current
    preview = pickle.loads(state.read_bytes())
    version = imports.commit(store, preview, by="bench", now=now)
    seconds = time.perf_counter() - t
    result = {{"version": version.id, "accepted": version.accepted}}
result.update(seconds=seconds, peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(result))
"""


def _step(step: str, file: Path, state: Path, env: dict[str, str], now: dt.datetime) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), step=step, file=str(file), state=str(state), now=now.isoformat())
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _cli(args: list[str], env: dict[str, str]) -> tuple[dict[str, float], str]:
    """``python -m loaders ARGS`` end to end: wall time and the child's peak (RUSAGE_CHILDREN of a
    wrapper that runs only it)."""
    wrapper = ("import json, resource, subprocess, sys, time\n"
               "t = time.perf_counter()\n"
               f"out = subprocess.run([sys.executable, '-m', 'loaders', *{args!r}], capture_output=True, text=True)\n"
               "s = time.perf_counter() - t\n"
               "assert out.returncode == 0, out.stderr\n"
               "print(json.dumps({'seconds': s, 'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,"
               " 'stdout': out.stdout}))\n")
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, env=env, cwd=ROOT,
                         check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return {"seconds": result["seconds"], "peak_mb": result["peak_mb"]}, result["stdout"]


def _current(env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-m", "loaders", "versions"], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)
    return int(next(v["version"] for v in json.loads(out.stdout) if v["current"]))


def measure(name: str, file: Path, rows: int, start: int, base: Path, env: dict[str, str],
            now: dt.datetime) -> dict[str, object]:
    """One import into version ``start`` through the app's two steps, then (rolled back to ``start``
    again) through the command line."""
    _cli(["rollback", str(start), "--by", "bench"], env)
    preview = _step("preview", file, base / "preview.pickle", env, now)
    commit = _step("commit", file, base / "preview.pickle", env, now)
    app_version = _current(env)
    _cli(["rollback", str(start), "--by", "bench"], env)
    cli, stdout = _cli(["import", str(file), "--by", "bench"], env)
    cli_version = int(json.loads(stdout)["version"])
    return {"name": name, "rows": rows, "size_mb": file.stat().st_size / 1e6, "accepted": commit["accepted"],
            "preview": preview, "commit": commit, "cli": cli, "versions": (app_version, cli_version)}


def table(results: list[dict[str, object]], header: str) -> str:
    lines = [header, "",
             "| import | rows in file | rows in version | preview (s) | Indlæs (s) | preview + Indlæs (s) "
             "| CLI import (s) | peak preview (MB) | peak Indlæs (MB) | peak CLI (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        p, c, cli = r["preview"], r["commit"], r["cli"]
        assert isinstance(p, dict) and isinstance(c, dict) and isinstance(cli, dict)
        lines.append(f"| {r['name']} | {r['rows']:,} | {r['accepted']:,} | {p['seconds']:.2f} | {c['seconds']:.3f} "
                     f"| {p['seconds'] + c['seconds']:.2f} | {cli['seconds']:.2f} | {p['peak_mb']:.0f} "
                     f"| {c['peak_mb']:.0f} | {cli['peak_mb']:.0f} |")
    lines += ["", "Rows in version: every row of the new version's files (the default data's 84 included). In (c) the "
              "small extract's months are also in the million-row file; its name sorts last, so its rows win and "
              "the million-row file's rows for those places and months are rejected: the total stays the same. "
              "The preview and the CLI build the whole version from all its files, so (c) costs at least what (b) "
              "does (more: its comparison with the served version has a million rows on both sides)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    now = clock.now()  # read once, passed down
    today = now.date()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        data = base / "data"
        codes = bench_data(data)
        env = {**os.environ, "SUNDHED_DATA_DIR": str(data), "SUNDHED_DB": str(base / "db" / "dashboard.db"),
               "SUNDHED_STORE": "", "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "loaders", "build"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        extracts = base / "extracts"
        extracts.mkdir()
        real = real_municipalities()
        small, small2, big = extracts / "small.csv", extracts / "small2.csv", extracts / "million.csv"
        small_rows = small_extract(small, real, today)
        small_extract(small2, real, today, salt=1, window=1)
        t = time.perf_counter()
        big_rows = write_extract(big, codes, last_months(today), args.rows)
        if big_rows != args.rows:  # the geography and the months hold no more: say so, never measure fewer
            sys.exit(f"--rows {args.rows:,}: the benchmark's geography and months hold {big_rows:,} rows at most")
        print(f"generated {big_rows:,} rows ({big.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
        results = [measure("(a) small extract into the default data", small, small_rows, 1, base, env, now)]
        print("measured (a)", file=sys.stderr)
        results.append(measure(f"(b) {big_rows:,}-row extract into the default data", big, big_rows, 1, base, env,
                               now))
        print("measured (b)", file=sys.stderr)
        with_million = results[-1]["versions"][0]  # type: ignore[index]
        results.append(measure("(c) small extract into default + million", small2, small_rows, with_million, base,
                               env, now))
    header = (f"Import benchmark, {now:%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, Python "
              f"{sys.version.split()[0]}. Preview: upload saved + `prepare(preview=True)`; Indlæs: "
              "`imports.commit` (lock, cleanup, rename, link); CLI: `python -m loaders import` end to end. "
              "Each step in a fresh process; peak = its ru_maxrss.")
    text = table(results, header)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "import_bench.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
