"""Mutation testing of the director-facing rules (domain/) and the application layer (views/) with mutmut.
A benchmark, not part of CI: it reports a score. The configuration (which files, which fast tests) is
``[tool.mutmut]`` in pyproject.toml; mutmut copies the project into mutants/ (git-ignored).

    .venv/bin/python bench/mutation.py                          # every configured module, one worker
    .venv/bin/python bench/mutation.py domain/kpi.py views/     # some modules (files or folders)
    .venv/bin/python bench/mutation.py --again domain/kpi.py    # unchecked and surviving mutants only
    .venv/bin/python bench/mutation.py --report                 # the score of what has run, no new run
    .venv/bin/python bench/mutation.py --survivors              # ... and the diff of each surviving mutant
    .venv/bin/python bench/mutation.py --mutants 'domain.kpi.x_kpi__mutmut_1*'   # rerun named mutants

One worker (``--max-children 1``) by default, so a developer's own tests keep the other core; ``--minutes N``
stops the run after N minutes and reports what was done (mutmut keeps each verdict as it comes).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).parent / "mutmut"

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", 37: "type check", None: "not checked",
          -11: "segfault", -9: "segfault", 2: "interrupted"}


def configured_files() -> list[str]:
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    files = []
    for folder in cfg["source_paths"]:
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if any(fnmatch(rel, p) for p in cfg["only_mutate"]):
                files.append(rel)
    return files


def module_of(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def selected(files: list[str], wanted: list[str]) -> list[str]:
    if not wanted:
        return files
    out = [f for f in files if any(f == w or f.startswith(w.rstrip("/") + "/") for w in wanted)]
    unknown = [w for w in wanted if not any(f == w or f.startswith(w.rstrip("/") + "/") for f in files)]
    if unknown:
        sys.exit(f"not configured for mutation in pyproject.toml: {', '.join(unknown)}")
    return out


def results(files: list[str]) -> dict[str, dict[str, str]]:
    """File → mutant name → status, from mutmut's meta files."""
    out = {}
    for f in files:
        meta = ROOT / "mutants" / f"{f}.meta"
        if meta.exists():
            codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
            out[f] = {k: STATUS.get(v, "suspicious") for k, v in codes.items()}
    return out


def report(files: list[str], show_survivors: bool) -> None:
    table = results(files)
    print(f"\n{'module':28} {'score':>7} {'killed':>7} {'total':>6} {'survived':>9} {'timeout':>8} {'no tests':>9} "
          f"{'unchecked':>10}")
    total: Counter[str] = Counter()
    survivors = []
    for f in files:
        counts = Counter(table.get(f, {}).values())
        checked = sum(counts.values()) - counts["not checked"]
        total.update(counts)
        score = f"{100 * counts['killed'] / checked:.1f}%" if checked else "–"
        print(f"{f:28} {score:>7} {counts['killed']:>7} {checked:>6} {counts['survived']:>9} {counts['timeout']:>8} "
              f"{counts['no tests']:>9} {counts['not checked']:>10}")
        survivors += [k for k, s in table.get(f, {}).items() if s == "survived"]
    checked = sum(total.values()) - total["not checked"]
    score = f"{100 * total['killed'] / checked:.1f}%" if checked else "–"
    print(f"{'all':28} {score:>7} {total['killed']:>7} {checked:>6} {total['survived']:>9} {total['timeout']:>8} "
          f"{total['no tests']:>9} {total['not checked']:>10}")
    print("\nscore = killed / checked mutants (a timeout counts as detected but not in the score)")
    if survivors:
        print(f"\n{len(survivors)} surviving mutants:")
        for name in survivors:
            print("   ", name)
            if show_survivors:
                diff = subprocess.run([str(MUTMUT), "show", name], cwd=ROOT, capture_output=True, text=True).stdout
                print("\n".join("        " + line for line in diff.splitlines()[2:]))


def run(patterns: list[str], minutes: float | None, workers: int) -> float:
    env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"}
    cmd = ["nice", "-n", "10", str(MUTMUT), "run", "--max-children", str(workers), *patterns]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    try:
        proc.wait(timeout=minutes * 60 if minutes else None)
    except subprocess.TimeoutExpired:
        print(f"\n--minutes {minutes} reached: stopping mutmut (verdicts so far are kept)")
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            try:
                (os.kill if sig == signal.SIGINT else os.killpg)(proc.pid, sig)
                proc.wait(timeout=20)
                break
            except subprocess.TimeoutExpired:
                continue
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="files or folders among the configured ones (default: all)")
    parser.add_argument("--report", action="store_true", help="only print the score of earlier runs")
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant's diff")
    parser.add_argument("--mutants", nargs="+", default=[], help="rerun these mutant names or globs")
    parser.add_argument("--rerun", action="store_true", help="run the modules' mutants that have a verdict again")
    parser.add_argument("--again", action="store_true", help="run the modules' surviving mutants again too "
                        "(after adding tests)")
    parser.add_argument("--minutes", type=float, help="stop after this many minutes")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    files = selected(configured_files(), args.modules)
    if not args.report:
        patterns = args.mutants
        if not patterns and args.modules:  # mutmut reruns every mutant it is given by name: give the unchecked ones
            table = results(files)
            patterns = [f"{module_of(f)}.*" for f in files if f not in table]
            again = {"not checked"} | ({"survived", "timeout", "suspicious"} if args.again else set())
            patterns += [k for f in files for k, s in table.get(f, {}).items() if s in again or args.rerun]
            if not patterns:
                print("every mutant of these modules has a verdict (--rerun to run them again)")
        if patterns or not args.modules:
            elapsed = run(patterns, args.minutes, args.workers)
            print(f"\nrun time: {elapsed / 60:.1f} min")
    report(files, args.survivors)


if __name__ == "__main__":
    main()
