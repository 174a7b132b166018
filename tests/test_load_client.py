"""bench/load.py, the load test, against a served app for a few seconds: its client still speaks Streamlit's
protocol (every action completes, none fails) and it still ends with the line people read, so that the
benchmark cannot rot silently."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import load
from tests.conftest import ROOT, private_copy
from tests.test_browser import start_app

pytestmark = pytest.mark.browser  # a served app, like the browser tests (kept out of the unit-test runs)

FINAL = re.compile(r"^load: (\d+) sessions, p50 (\d+\.\d\d) s, p95 (\d+\.\d\d) s, errors (\d+)$")


def test_two_directors_do_every_action_without_errors(seed_db: Path, tmp_path: Path) -> None:
    with start_app({**os.environ, "SUNDHED_DB": str(private_copy(seed_db, tmp_path))}) as url:
        # --cover: each director does every kind once even if the machine is slow; no warm-up, to stay short.
        run = subprocess.run([sys.executable, "bench/load.py", "--url", url, "--sessions", "2", "--seconds", "5",
                              "--cover", "--no-warmup", "--timeout", "30"],
                             cwd=ROOT, capture_output=True, text=True, timeout=150)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    final = FINAL.match(lines[-1])
    assert final, run.stdout
    sessions, p50, p95, errors = final.groups()
    assert (sessions, errors) == ("2", "0"), run.stdout
    assert 0 < float(p50) <= float(p95), run.stdout
    rows = {line[:16].strip(): line[16:].split() for line in lines if line[:16].strip() in load.ACTIONS}
    assert set(rows) == set(load.ACTIONS), run.stdout
    for action, (count, *_, action_errors) in rows.items():
        assert int(count) >= 1 and action_errors == "0", f"{action}: {run.stdout}"
    assert "server memory" in run.stdout and "client CPU" in run.stdout


def test_refuses_a_url_off_this_machine(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        load.main(["--url", "http://192.0.2.1:8501", "--sessions", "1", "--seconds", "1"])
    assert exit_.value.code == 2
    assert "loopback" in capsys.readouterr().err
