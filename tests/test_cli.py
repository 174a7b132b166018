"""The command-line contract (CONTRACT.md), run as a user runs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


@pytest.mark.parametrize("prefix, kind, key, count", [
    ("000", "initiatives", "initiatives", 19), ("001", "minutes", "items", 4), ("003", "minutes", "items", 11),
    ("004", "minutes", "items", 4), ("002", "status_report", "agreements", 16),
])
def test_parse_each_seed(prefix, kind, key, count):
    result = run("parse", str(seed(prefix)))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["kind"] == kind and out["source"] == str(seed(prefix)) and len(out[key]) == count


def test_parse_indicator_csv_and_forced_kind(tmp_path):
    path = tmp_path / "extract.txt"
    path.write_text("indikator;geografi;periode;værdi\nreadmissions_30d;Ringkøbing-Skjern;2024M01;12,5\n"
                    "readmissions_30d;Ukendt Kommune;2024M01;1\n", encoding="cp1252")
    out = json.loads(run("parse", "--kind", "indicators", str(path)).stdout)
    assert out["observations"][0] | {"line": 0} == {
        "indicator": "readmissions_30d", "geo": "Ringkøbing-Skjern", "geo_code": "760", "geo_level": "municipality",
        "period": "2024-01", "value": 12.5, "numerator": None, "denominator": None, "line": 0}
    assert out["rejected"] == [{"line": 3, "reason": "unknown geography 'Ukendt Kommune'"}]


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "random": os.urandom(4096),
        "empty": b"",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "truncated_zip": b"PK\x03\x04" + os.urandom(100),
        "prose": "Dette er bare et brev til direktørerne.\nMed venlig hilsen\n".encode(),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_bytes(data)
    paths["missing"] = tmp_path / "nope.txt"
    paths["truncated_minutes"] = tmp_path / "cut.txt"
    paths["truncated_minutes"].write_text(seed("001").read_text()[:300])
    return paths


@pytest.mark.parametrize("name", ["random", "empty", "binary", "truncated_zip", "prose", "missing",
                                  "truncated_minutes"])
def test_unreadable_files_give_one_clear_line_and_exit_2(tmp_path, name):
    path = _bad_files(tmp_path)[name]
    result = run("parse", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ")
    assert "Traceback" not in result.stderr


def test_build_reports_and_writes_database(tmp_path):
    db = tmp_path / "x.db"
    result = run("build", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert db.exists() and "from 5 file(s)" in result.stderr
