"""The mutations that must fail a test, applied one at a time to a temporary copy of the project; each runs
the tests named for it and must make at least one fail. Not a test: a benchmark beside bench/mutation.py.

    .venv/bin/python bench/mandatory_mutations.py            # all of them
    .venv/bin/python bench/mandatory_mutations.py db_key     # those whose name contains a word

It prints, for each mutation, KILLED with the failing tests or SURVIVED, and exits 1 if one survived.
The working tree is never touched: the copy lives in a temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "mutants", "test-artifacts", "out", "__pycache__",
                                     ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", "*.db", "*.db.*")


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]
    required: bool = False  # one of the four the task names: every failing test is listed, else the first


VIEWS = "tests/test_views.py"
GUARDS = "tests/test_mutation_guards.py"

MUTATIONS = [
    # Real over demo: a demonstration row would be added to (or shown instead of) the real figure.
    Mutation("real_over_demo dropped", "domain/observations.py",
             '    if obs.empty or not obs["is_demo"].astype(bool).any():\n        return obs\n',
             "    return obs\n",
             (f"{VIEWS}::test_real_telekol_figure_wins_over_demonstration_on_page_and_slide",
              "tests/test_kpi.py", GUARDS), required=True),
    # The cache key without the database's modification time: a rebuilt database would not be seen.
    Mutation("db_key without st_mtime_ns", "ui/data.py",
             "return str(path), path.stat().st_mtime_ns", "return str(path), 0",
             (f"{VIEWS}::test_a_rebuilt_database_is_seen_at_once",), required=True),
    # The evidence a link needs: the contained title's number of words, and the comparison with it.
    Mutation("MIN_CONTAINED_WORDS = 3", "domain/links.py",
             "MIN_CONTAINED_WORDS = 4", "MIN_CONTAINED_WORDS = 3", ("tests/test_links.py", GUARDS), required=True),
    Mutation("MIN_CONTAINED_WORDS = 5", "domain/links.py",
             "MIN_CONTAINED_WORDS = 4", "MIN_CONTAINED_WORDS = 5", ("tests/test_links.py", GUARDS), required=True),
    Mutation("contained title: >= becomes >", "domain/links.py",
             "len(shorter.split()) >= MIN_CONTAINED_WORDS", "len(shorter.split()) > MIN_CONTAINED_WORDS",
             ("tests/test_links.py", GUARDS)),
    Mutation("case number needs 3 dashes, not 2", "domain/links.py",
             r'_CASE_NO = re.compile(r"\b\d+(?:-\d+){3,}\b")', r'_CASE_NO = re.compile(r"\b\d+(?:-\d+){2,}\b")',
             ("tests/test_links.py", GUARDS)),
    Mutation("quoted name of 3 characters", "domain/links.py",
             "{4,80}", "{3,80}", ("tests/test_links.py", GUARDS)),
    Mutation("quoted name of 5 characters", "domain/links.py",
             "{4,80}", "{5,80}", ("tests/test_links.py", GUARDS)),
    # The date filter of the slides and pages.
    Mutation("Scope.in_range unfiltered", "views/scope.py",
             '        day = frame[column].fillna("").astype(str)\n', "        return frame\n", (VIEWS, GUARDS), required=True),
    Mutation("Scope.observations without a lower bound", "views/scope.py",
             'first = "0001-01-01" if history else self.first.isoformat()', 'first = "0001-01-01"', (VIEWS, GUARDS), required=True),
    Mutation("Scope.observations without an upper bound", "views/scope.py",
             "first, self.last.isoformat(), indicator)", 'first, "9999-12-31", indicator)', (VIEWS, GUARDS)),
    Mutation("board without in_period", "views/initiatives.py",
             '    shown = in_period(everything, scope.first, scope.last)\n    by_id', "    shown = everything\n    by_id",
             (VIEWS, GUARDS)),
    Mutation("timeline without in_period", "views/initiatives.py",
             "    shown = in_period(everything, scope.first, scope.last)\n    placed",
             "    shown = everything\n    placed", (VIEWS, GUARDS)),
    Mutation("timeline meetings without in_range", "views/initiatives.py",
             "    meetings = scope.in_range(scope.of_region(queries.meetings(conn)))\n    empty = \"\"\n",
             "    meetings = scope.of_region(queries.meetings(conn))\n    empty = \"\"\n", (VIEWS, GUARDS)),
    Mutation("decision log without in_range", "views/initiatives.py",
             "    shown = scope.in_range(items)\n", "    shown = items\n", (VIEWS, GUARDS)),
    Mutation("indicator series from before the first quarter", "views/indicators.py",
             '    own = own_all[own_all["period_start"] >= scope.first.isoformat()]\n', "    own = own_all\n",
             (VIEWS, GUARDS)),
    # Honest numbers (issue 22): the data, not the clock, sets the range; coverage per place; stale values said.
    Mutation("default range ends with the clock", "domain/filters.py",
             "        end = min(end, quarter_of(newest))\n", "        pass\n",
             ("tests/test_filters.py", "tests/test_app.py::test_overview_by_default_ends_with_the_data_not_the_clock"),
             required=True),
    Mutation("demonstration rows past the newest source", "store/derived.py",
             "        cut = min(cut, newest)\n", "        pass\n",
             ("tests/test_demo_realism.py", "tests/test_build.py", "tests/test_no_future.py"), required=True),
    Mutation("a partial extract covers its whole region", "store/derived.py",
             "bool(members) and all((indicator, m) in self for m in members))",
             "bool(members) and any((indicator, m) in self for m in members))",
             ("tests/test_demo_realism.py", "tests/test_versions.py"), required=True),
    Mutation("a stale card shown as current", "views/indicators.py",
             "    if card.kpi is None or period_end(card.kpi.period) >= quarter_bounds(first)[0]:\n",
             "    if True:\n", ("tests/test_app.py::test_overview_by_default_ends_with_the_data_not_the_clock",
                            f"{VIEWS}::test_a_card_never_vanishes_without_a_sentence"),
             required=True),
    Mutation("Siden sidste møde without the Eksempeldata mark", "domain/changes.py",
             '        name = now.name + (" (Eksempeldata)" if now.demo else "")\n', "        name = now.name\n",
             ("tests/test_since_last.py", "tests/test_app_meeting.py"), required=True),
    Mutation("a new quarter against the one before", "domain/changes.py",
             "        if was.period == now.period:\n", "        if True:\n",
             ("tests/test_since_last.py",), required=True),
    Mutation("a phase that ended ends the initiative", "domain/status.py",
             "        text = rule.drop.sub(\" \", texts[rule.field]) if rule.drop else texts[rule.field]\n",
             "        text = texts[rule.field]\n", ("tests/test_status_rows.py",), required=True),
    Mutation("the oldest statement of a measure wins", "views/telemedicine.py",
             "        newest = records[-1]\n", "        newest = records[0]\n",
             ("tests/test_figures.py", "tests/test_app.py::test_telemedicine_page_telekol_against_target_with_the_source_point"),
             required=True),
    Mutation("the oldest figure a month becomes the observation", "store/derived.py",
             '"AND value IS NOT NULL AND date IS NOT NULL AND place IS NOT NULL ORDER BY stated, line"',
             '"AND value IS NOT NULL AND date IS NOT NULL AND place IS NOT NULL ORDER BY stated DESC, line DESC"',
             ("tests/test_figures.py",), required=True),
    Mutation("a target's word does not claim first", "loaders/figures.py",
             "key=lambda c: (c[1], c[0], c[3].start)", "key=lambda c: (c[0], c[3].start)",
             ("tests/test_figures.py",), required=True),
    Mutation("quarterly rules over the chosen quarters only", "views/indicators.py",
             "RULE_QUARTERS = 12", "RULE_QUARTERS = 8",
             ("tests/test_app.py::test_quarterly_run_chart_judges_twelve_quarters_and_says_so",), required=True),
]


def apply(copy: Path, m: Mutation) -> None:
    path = copy / m.path
    text = path.read_text("utf-8")
    count = text.count(m.old)
    assert count == 1, f"{m.name}: expected the original text once in {m.path}, found it {count} times"
    path.write_text(text.replace(m.old, m.new), "utf-8")


def run(m: Mutation) -> tuple[bool, list[str], float]:
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
        apply(copy, m)
        tests = [t for t in m.tests if (copy / t.split("::")[0]).exists()]
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "-m", "not browser",
             *([] if m.required else ["-x"]), *tests],
            cwd=copy, capture_output=True, text=True, env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"})
        elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1):
        print(proc.stdout[-3000:], proc.stderr[-3000:])
        raise SystemExit(f"{m.name}: pytest could not run (exit {proc.returncode})")
    failed = re.findall(r"^FAILED (.+?)(?: - .*)?$", proc.stdout, re.MULTILINE)
    return proc.returncode == 1, failed, elapsed


def main() -> None:
    words = sys.argv[1:]
    chosen = [m for m in MUTATIONS if not words or any(w in m.name for w in words)]
    survived = []
    for m in chosen:
        killed, failed, elapsed = run(m)
        print(f"{'KILLED  ' if killed else 'SURVIVED'} {m.name} ({m.path}, {elapsed:.0f} s)")
        for test in failed:
            print(f"           by {test}")
        if not killed:
            survived.append(m.name)
    print(f"\n{len(chosen) - len(survived)} of {len(chosen)} mandatory mutations killed")
    if survived:
        print("survived: " + "; ".join(survived))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
