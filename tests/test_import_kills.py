"""Imports killed at random moments, and imports run at the same time, through the real command line.

After every kill (SIGKILL: no handler runs, no ``finally``) the served link must still lead to a version
that opens read-only, passes SQLite's quick check and is complete (the rows its files were read to and
the files its manifest names), ``python -m loaders versions`` must still answer with one current version,
and the killed process may have left at most its own temporary entry; the next successful operation
removes it. Two imports at once end as two consecutive versions or one clear refusal, never a mix.

The moments are drawn from ``random.Random(seed)``; the seed is printed and named in every assertion.
Replay one with ``KILL_TEST_SEED=<seed>`` (the timing of a process is never exact, so a replay lands near,
not on, the same instants). Run with ``-s`` to see where each kill landed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.import_bench import bench_data, last_months, real_municipalities, small_extract, write_extract
from store.versions import ImportBusy
from tests.conftest import BUILD_DAY, ROOT

BUSY = ImportBusy(0)  # the refusal of an import that may not wait: its one line, Danish or English
MILLION = 1_000_000
SMALL_KILLS = 8
BIG_KILLS = 3  # at least ten kills in all
SEED = int(os.environ.get("KILL_TEST_SEED") or random.SystemRandom().randrange(1 << 32))


def _why(text: str) -> str:
    return f"{text} [KILL_TEST_SEED={SEED}]"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A data folder (the default data and reference, with a synthetic geography beside the two real
    regions so that a million monthly rows fit real months and catalogue indicators), version 1 built
    from it by ``python -m loaders build``, and the million-row extract."""
    print(f"\nkill seed {SEED} (replay: KILL_TEST_SEED={SEED})")
    base = tmp_path_factory.mktemp("kills")
    data = base / "data"
    codes = bench_data(data)
    store = Store(base / "v1" / "dashboard.db", data)
    result = store.run("build")
    assert result.returncode == 0, result.stderr
    assert store.current() == 1
    extracts = base / "extracts"
    extracts.mkdir()
    big = extracts / "million.csv"
    assert write_extract(big, codes, last_months(BUILD_DAY), MILLION) == MILLION
    yield {"base": base, "data": data, "v1": base / "v1", "big": big, "extracts": extracts}
    if not os.environ.get("KILL_TEST_KEEP"):  # some hundred megabytes; KILL_TEST_KEEP=1 keeps them to look at
        shutil.rmtree(base, ignore_errors=True)


@dataclass
class Store:
    """One store driven through ``python -m loaders``: the served link and the folder beside it."""

    db: Path
    data: Path

    @property
    def root(self) -> Path:
        return self.db.with_name(self.db.stem + ".versions")

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUNDHED_")}
        return {**env, "SUNDHED_DB": str(self.db), "SUNDHED_DATA_DIR": str(self.data)}

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "loaders", *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command(*args), cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=300)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(self.command(*args), cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def versions(self) -> list[dict]:
        result = self.run("versions")
        assert result.returncode == 0, _why(f"`versions` failed: {result.stderr}")
        return json.loads(result.stdout)

    def current(self) -> int:
        """The version the served link points to (it must resolve)."""
        target = self.db.resolve(strict=True)
        assert target.parent.parent == self.root.resolve() and target.name == "dashboard.db", _why(str(target))
        return int(target.parent.name)

    def history(self) -> set[int]:
        ids = set()
        for line in (self.root / "history.jsonl").read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, KeyError):  # a line cut short
                ids.add(json.loads(line)["version"])
        return ids

    def import_ok(self, *files: Path, wait: str = "0") -> dict:
        result = self.run("import", *map(str, files), "--by", "kill-test", "--wait", wait)
        assert result.returncode == 0, _why(result.stderr)
        return json.loads(result.stdout)

    def rollback(self, version: int) -> None:
        result = self.run("rollback", str(version), "--by", "kill-test", "--wait", "0")
        assert result.returncode == 0, _why(result.stderr)


class Extracts:
    """Small extracts for one store: the real municipalities, six months each, every one a different six
    months (so that no two share an indicator, place and period: the file whose name sorts last would win
    those rows, and a file left with none is refused)."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0
        folder.mkdir()

    def new(self, name: str) -> Path:
        path = self.folder / name
        small_extract(path, real_municipalities(), BUILD_DAY, salt=self.count, window=self.count, months=6)
        self.count += 1
        return path


def fresh_store(world: dict[str, Path], name: str) -> Store:
    """A copy of the module's store at version 1 (its link is relative, so the copy stands alone)."""
    target = world["base"] / name
    shutil.copytree(world["v1"], target, symlinks=True)
    store = Store(target / "dashboard.db", world["data"])
    assert store.current() == 1 and (target / "dashboard.db").is_symlink()
    return store


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def assert_whole(store: Store, where: str) -> int:
    """The served version opens and is complete, ``versions`` names it (and only it) current, and its
    database was built from exactly the files its manifest and its sources/ folder hold. Its id."""
    current = store.current()
    folder = store.root / f"{current:06d}"
    versions = store.versions()
    marked = [v for v in versions if v["current"]]
    assert [v["version"] for v in marked] == [str(current)], _why(f"{where}: current per `versions`: {marked}")
    listed = marked[0]
    manifest = json.loads((folder / "version.json").read_text(encoding="utf-8"))
    files = {f["file"]: f["sha256"] for f in listed["files"]}
    assert files == {f["file"]: f["sha256"] for f in manifest["files"]}, _why(where)
    on_disk = {str(p.relative_to(folder / "sources")): _sha256(p)
               for p in (folder / "sources").rglob("*") if p.is_file()}
    assert on_disk == files, _why(f"{where}: version {current}'s sources/ differ from its manifest")
    conn = sqlite3.connect(f"file:{folder / 'dashboard.db'}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)], _why(where)
        built = dict(conn.execute("SELECT key, value FROM build_info").fetchall())
        assert built.get("built_at") and "newest_data" in built, _why(f"{where}: build_info {built}")
        sources = conn.execute("SELECT id, file, sha256, kind, rows_accepted FROM sources WHERE is_demo = 0").fetchall()
        assert {f.removeprefix("sources/"): sha for _, f, sha, _, _ in sources} == files, \
            _why(f"{where}: version {current}'s database was built from other files than its manifest names")
        (total,) = conn.execute("SELECT COALESCE(SUM(rows_accepted), 0) FROM sources WHERE is_demo = 0").fetchone()
        assert total == listed["accepted"] == manifest["accepted"], _why(f"{where}: {total} rows accepted")
        for source_id, file, _, kind, accepted in sources:
            if kind == "indicators":  # every row read is there (upward sums carry no line)
                (stored,) = conn.execute("SELECT COUNT(*) FROM observations WHERE source_id = ? AND line IS NOT NULL",
                                         (source_id,)).fetchone()
                assert stored == accepted, _why(f"{where}: {file}: {stored} observations, {accepted} accepted")
    finally:
        conn.close()
    return current


def leftovers(store: Store) -> list[str]:
    """What interrupted work left: half-built versions, the link being written, half-written files outside
    those, versions that never became current, previews."""
    root, current, served = store.root, store.current(), store.history()
    found = [p.name for p in root.glob(".tmp-*")]
    if os.path.lexists(store.db.with_name(store.db.name + ".next")):
        found.append(store.db.name + ".next")
    found += [p.name for p in root.iterdir() if p.name.isdigit() and int(p.name) not in served | {current}]
    if (root / ".staging").is_dir():
        found += [f".staging/{p.name}" for p in (root / ".staging").iterdir()]
    for pattern in ("*.building", "*.tmp"):
        found += [str(p.relative_to(store.db.parent)) for p in store.db.parent.rglob(pattern)
                  if not any(part.startswith(".tmp-") for part in p.relative_to(store.db.parent).parts)]
    return found


def assert_clean(store: Store, where: str) -> None:
    assert leftovers(store) == [], _why(f"{where}: left behind {leftovers(store)}")
    ids = {int(p.name) for p in store.root.iterdir() if p.name.isdigit()}
    assert ids <= store.history(), _why(f"{where}: versions {sorted(ids - store.history())} never became current")


@dataclass
class Run:
    returncode: int
    phases: dict[str, float]  # when each phase was first seen, seconds from the start
    seconds: float
    stderr: str
    sizes: list[tuple[float, int]]  # the candidate database's size while it was built


Trigger = Callable[[dict[str, float], float], bool]


def observe(store: Store, args: list[str], kill: Trigger | None = None, size_mark: int | None = None) -> Run:
    """Run ``python -m loaders ARGS``, watching the store for the import's phases: ``building`` (a .tmp-*
    folder: the lock is held and the candidate is being built), ``indexed`` (the half-built database has
    grown past ``size_mark`` bytes: the rows are in, indexes and derived rows are being made) and ``built``
    (the candidate's database is complete: the comparison with the served version, then the commit).
    SIGKILL as soon as ``kill(phases, seconds)`` says so."""
    phases: dict[str, float] = {}
    sizes: list[tuple[float, int]] = []
    t0 = time.monotonic()
    proc = store.start(*args)
    while proc.poll() is None:
        now = time.monotonic() - t0
        tmp = next(store.root.glob(".tmp-*"), None)
        if tmp is not None:
            phases.setdefault("building", now)
            with contextlib.suppress(OSError, StopIteration):  # not there yet, or renamed meanwhile
                size = next(tmp.glob("*.building")).stat().st_size
                sizes.append((now, size))
                if size_mark is not None and size >= size_mark:
                    phases.setdefault("indexed", now)
            if (tmp / "dashboard.db").exists():
                phases.setdefault("built", now)
        if kill is not None and kill(phases, now):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    _, err = proc.communicate(timeout=300)
    return Run(proc.returncode, phases, time.monotonic() - t0, err, sizes)


def at(seconds: float, phase: str | None = None) -> Trigger:
    """Kill ``seconds`` after the start, or after ``phase`` was seen."""
    return lambda phases, now: (phase is None or phase in phases) and now >= phases.get(phase or "", 0.0) + seconds


def after_kill(store: Store, before: int, where: str) -> str:
    """The checks right after a kill; what the kill left, in words (for the log)."""
    current = assert_whole(store, where)
    left = leftovers(store)
    # One interrupted operation leaves one entry; the single exception is a kill inside the commit's two
    # renames (the new version's folder in place, the link not yet moved): that folder and the .next link.
    assert len(left) <= 1 or (len(left) == 2 and any(n.endswith(".next") for n in left)), _why(f"{where}: {left}")
    if current != before:
        return f"after the commit: version {current} served" + (f", left {left}" if left else "")
    if not left:
        return "before the build started (nothing left)"
    if left[0].startswith(".tmp-"):
        built = (store.root / left[0] / "dashboard.db").exists()
        return "compare/commit: built candidate left" if built else "building: half-built candidate left"
    return f"inside the commit: left {left}"


def test_kills_during_small_imports(world):
    """Kills during an import of a region's monthly delivery (2,952 rows), at random moments inside it."""
    rng = random.Random(SEED)
    store = fresh_store(world, "small")
    extracts = Extracts(world["base"] / "small-extracts")
    run = observe(store, ["import", str(extracts.new("small-0.csv")), "--by", "kill-test"])
    assert run.returncode == 0 and {"building", "built"} <= run.phases.keys(), _why(f"uninterrupted import: {run}")
    assert_whole(store, "uninterrupted small import")
    assert_clean(store, "uninterrupted small import")
    # Before "building" the interpreter starts and the file is checked: nothing to interrupt yet. The build
    # takes most of the rest; every other kill aims after it, at the comparison and the commit.
    building, built, duration = run.phases["building"], run.phases["built"], run.seconds
    print(f"small import: {duration:.2f} s (candidate started at {building:.2f} s, built at {built:.2f} s)")

    kills, attempt = 0, 0
    while kills < SMALL_KILLS:
        attempt += 1
        assert attempt <= 2 * SMALL_KILLS, _why("the imports kept finishing before the kill")
        before = store.current()
        if attempt % 2:
            offset = rng.uniform(0.8 * building, built)
            trigger, where = at(offset), f"small kill {attempt} at {offset:.2f} s"
        else:
            offset = rng.uniform(0.0, 0.9 * (duration - built))
            trigger, where = at(offset, "built"), f"small kill {attempt}, {offset:.2f} s after 'built'"
        run = observe(store, ["import", str(extracts.new(f"small-{attempt}.csv")), "--by", "kill-test"], trigger)
        if run.returncode == 0:
            assert_whole(store, where)
            print(f"{where}: the import had finished")
            continue
        assert run.returncode == -signal.SIGKILL, _why(f"{where}: {run}")
        kills += 1
        print(f"{where}: {after_kill(store, before, where)}")
        if kills % 2:  # the next operation, a rollback or another import, cleans up after the killed one
            store.rollback(before)
            assert store.current() == before, _why(where)
        else:
            out = store.import_ok(extracts.new(f"after-{attempt}.csv"))
            assert out["version"] is not None, _why(where)
        assert_whole(store, f"{where}, next operation")
        assert_clean(store, f"{where}, next operation")

    out = store.import_ok(extracts.new("final.csv"))
    assert int(out["version"]) == assert_whole(store, "final import")
    assert_clean(store, "final import")


def test_kills_during_a_million_row_import(world):
    """One uninterrupted import of the million-row extract measures its phases; then three kills inside
    it, each timed from the phase it is meant to hit as seen in its own run (a run may be faster or slower
    than the measured one): while the rows are inserted, late in the build (indexes, upward sums,
    demonstration rows, statistics), and near the end (late in the comparison with the served version)."""
    rng = random.Random(SEED + 1)
    store = fresh_store(world, "million")
    big = world["big"]
    run = observe(store, ["import", str(big), "--by", "kill-test"])
    assert run.returncode == 0 and {"building", "built"} <= run.phases.keys(), _why(f"uninterrupted: {run}")
    version = assert_whole(store, "uninterrupted million-row import")
    folder = store.root / f"{version:06d}"
    manifest = json.loads((folder / "version.json").read_text(encoding="utf-8"))
    assert {f["file"]: f["accepted"] for f in manifest["files"]}["million.csv"] == MILLION
    assert_clean(store, "uninterrupted million-row import")
    # The rows fill about 60 % of the finished file; the indexes and derived rows the rest.
    size_mark = int(0.65 * (folder / "dashboard.db").stat().st_size)
    indexed = next((t for t, size in run.sizes if size >= size_mark), None)
    building, built, duration = run.phases["building"], run.phases["built"], run.seconds
    assert indexed is not None and building < indexed < built, _why(f"phases {run.phases}, sizes {run.sizes[-5:]}")
    print(f"million-row import: {duration:.1f} s: checked until {building:.1f} s, rows inserted until ~{indexed:.1f} s, "
          f"indexes and derived rows until {built:.1f} s, then compared with the served version and committed")
    store.rollback(1)  # the extract is new again

    plans = [("while inserting rows", "building", (0.1 * (indexed - building), 0.8 * (indexed - building))),
             ("late in the build", "indexed", (0.0, 0.8 * (built - indexed))),
             ("near the end", "built", (0.6 * (duration - built), 0.85 * (duration - built)))]
    kills = 0
    for name, phase, (low, high) in plans:
        for attempt in range(3):  # an import that finished before its kill is tried again, a little earlier
            offset = rng.uniform(low, high) * 0.85 ** attempt
            where = f"million-row kill {name}, {offset:.1f} s after '{phase}'"
            run = observe(store, ["import", str(big), "--by", "kill-test"], at(offset, phase), size_mark)
            seen = ", ".join(f"{k} {v:.1f} s" for k, v in run.phases.items())
            if run.returncode == 0:
                assert_whole(store, where)
                print(f"{where}: the import had finished ({seen}, ended {run.seconds:.1f} s)")
            else:
                assert run.returncode == -signal.SIGKILL, _why(f"{where}: {run}")
                kills += 1
                print(f"{where} = {run.seconds:.1f} s ({seen}): {after_kill(store, 1, where)}")
            store.rollback(1)
            assert_whole(store, f"{where}, rollback")
            assert_clean(store, f"{where}, rollback")
            if run.returncode != 0:
                break
    assert kills == len(plans) == BIG_KILLS, _why(f"{kills} kills landed inside the million-row import")

    out = store.import_ok(Extracts(world["base"] / "million-extracts").new("after-million.csv"))
    assert int(out["version"]) == assert_whole(store, "final import")
    assert_clean(store, "final import")


def _both(store: Store, a: Path, b: Path, wait: str) -> list[tuple[Path, subprocess.CompletedProcess[str]]]:
    """Two imports started together (each is a new interpreter: they reach the lock within milliseconds
    of each other)."""
    procs = [(f, store.start("import", str(f), "--by", "kill-test", "--wait", wait)) for f in (a, b)]
    done = []
    for f, proc in procs:
        out, err = proc.communicate(timeout=300)
        done.append((f, subprocess.CompletedProcess(proc.args, proc.returncode, out, err)))
    return done


def test_two_imports_without_waiting_end_in_consecutive_versions_or_one_refusal(world):
    rounds = 3
    store = fresh_store(world, "nowait")
    extracts = Extracts(world["base"] / "nowait-extracts")
    outcomes = []
    for n in range(rounds):
        a, b = extracts.new(f"nowait-a{n}.csv"), extracts.new(f"nowait-b{n}.csv")
        before = store.current()
        done = _both(store, a, b, "0")
        won = [(f, json.loads(r.stdout)) for f, r in done if r.returncode == 0]
        lost = [r for _, r in done if r.returncode != 0]
        for r in lost:  # a clear refusal: exit 2, the one Danish line, nothing half-done
            assert r.returncode == 2 and r.stderr.strip() in (f"error: {BUSY.message}", f"error: {BUSY.detail}") \
                and not r.stdout, _why(f"exit {r.returncode}: {r.stderr}")
        current = assert_whole(store, f"round {n}")
        assert_clean(store, f"round {n}")
        files = {v["version"]: {f["file"] for f in v["files"]} for v in store.versions()}
        got = sorted(int(out["version"]) for _, out in won)
        assert got == list(range(before + 1, before + 1 + len(won))) and current == before + len(won), \
            _why(f"round {n}: versions {got} after {before}, current {current}")
        assert files[str(current)] - files[str(before)] == {f.name for f, _ in won}, _why(f"round {n}")
        if len(won) == 2:  # not overlapping after all: the second was built on the first
            first, second = sorted(won, key=lambda w: int(w[1]["version"]))
            assert second[1]["based_on"] == first[1]["version"], _why(f"round {n}")
        outcomes.append("two consecutive versions" if len(won) == 2 else "one version, one refusal")
    print(f"--wait 0, {rounds} rounds: {outcomes}")


def test_two_waiting_imports_end_in_two_consecutive_versions(world):
    store = fresh_store(world, "wait")
    extracts = Extracts(world["base"] / "wait-extracts")
    a, b = extracts.new("wait-a.csv"), extracts.new("wait-b.csv")
    done = _both(store, a, b, "120")
    for _, r in done:
        assert r.returncode == 0, _why(r.stderr)
    first, second = sorted((json.loads(r.stdout) for _, r in done), key=lambda out: int(out["version"]))
    assert (first["based_on"], first["version"], second["based_on"], second["version"]) == ("1", "2", "2", "3")
    assert assert_whole(store, "two waiting imports") == 3
    assert_clean(store, "two waiting imports")
    files = {v["version"]: {f["file"]: f["sha256"] for f in v["files"]} for v in store.versions()}
    both = {a.name: _sha256(a), b.name: _sha256(b)}
    assert {k: v for k, v in files["3"].items() if k in both} == both  # the second was built on the first
    assert len(set(files["2"]) & set(both)) == 1 and set(files["3"]) == set(files["2"]) | set(both)
