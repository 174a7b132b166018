"""A build's memory does not grow with the size of an extract (issue 13): the file is read line by line,
its rows inserted a chunk at a time, and what the build keeps a row (duplicate checks, upward sums) is a
few bytes, not the file three times over and a set per group.

Measured in a fresh process (ru_maxrss is a process's peak): a build of a 1,000-row extract, then of a
400,000-row one (17 MB) with the same reference. What the second adds to the peak must stay under a
bound that a build holding the file (bytes, text), a dict entry per row and a set of codes per group
exceeds: that one added 84 MB here, this one 27 MB (mostly the chunk of rows being inserted)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from bench.build_bench import make_extract
from tests.conftest import BUILD_DAY

ROOT = Path(__file__).resolve().parent.parent
ROWS = 400_000
BOUND_MB = 55

CHILD = """
import datetime as dt, json, resource, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from store.build import build

def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

today = dt.date.fromisoformat({today!r})
small = build(Path({small!r}), Path({small!r}) / "small.db", today=today)
before = peak()
big = build(Path({big!r}), Path({big!r}) / "big.db", today=today)
print(json.dumps({{"before": before, "after": peak(),
                  "small": sum(f["accepted"] for f in small.loaded), "big": sum(f["accepted"] for f in big.loaded)}}))
"""


def _data(folder: Path, rows: int, today: dt.date) -> Path:
    shutil.copytree(ROOT / "data" / "reference", folder / "reference")
    (folder / "sources").mkdir()
    make_extract(folder, rows, today)
    return folder


def test_a_large_extract_adds_little_to_the_peak_memory_of_a_build(tmp_path: Path) -> None:
    small = _data(tmp_path / "small", 1_000, BUILD_DAY)
    big = _data(tmp_path / "big", ROWS, BUILD_DAY)
    code = CHILD.format(root=str(ROOT), today=BUILD_DAY.isoformat(), small=str(small), big=str(big))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    result = json.loads(out.stdout)
    assert (result["small"], result["big"]) == (1_000, ROWS)  # every row inserted: the measure is of the whole
    added = result["after"] - result["before"]
    assert added < BOUND_MB, f"{ROWS:,} rows added {added:.0f} MB to the peak (bound {BOUND_MB} MB)"
