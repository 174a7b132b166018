"""Build the database from data/ into a new file and swap it in only when complete."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import itertools
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils
import sqlite_utils.db

from domain.periods import period_start
from loaders import limits
from loaders.errors import UnreadableFile
from loaders.indicators import DuplicateRegistry, Observation, Sink
from loaders.reference import Reference, load_reference
from loaders.text import check_regular
from store import derived


@dataclass
class BuildReport:
    db_path: Path
    loaded: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def create_schema(db: sqlite_utils.Database) -> None:
    db.table("regions").create({"code": str, "name": str}, pk="code")
    db.table("clusters").create({"id": str, "region_code": str, "name": str, "hospital": str}, pk="id",
                          foreign_keys=[("region_code", "regions", "code")])
    db.table("municipalities").create({"code": str, "name": str, "cluster_id": str, "region_code": str}, pk="code",
                                foreign_keys=[("cluster_id", "clusters", "id")])
    db.table("indicators").create({
        "id": str, "name": str, "short_name": str, "unit": str, "direction": str, "frequency": str,
        "geo_levels": str, "headline": int, "stock": int,
    }, pk="id")
    db.table("targets").create({"indicator": str, "value": float, "note": str, "source": str}, pk="indicator")
    db.table("sources").create({
        "id": int, "file": str, "sha256": str, "kind": str, "loaded_at": str, "rows_accepted": int,
        "rows_rejected": int, "status": str, "message": str, "is_demo": int, "region": str, "title": str,
    }, pk="id")
    db.table("rejections").create({"source_id": int, "line": int, "reason": str},
                            foreign_keys=[("source_id", "sources", "id")])
    db.table("observations").create({
        "indicator": str, "geo_level": str, "geo_code": str, "period": str, "period_start": str,
        "value": float, "numerator": float, "denominator": float, "arrow": str, "arrow_period": str,
        "source_id": int, "line": int, "is_demo": int,
    }, foreign_keys=[("indicator", "indicators", "id"), ("source_id", "sources", "id")], defaults={"is_demo": 0})
    db.table("initiatives").create({
        "id": int, "key": str, "kind": str, "section": int, "section_title": str, "forum": str, "time": str,
        "start": str, "end": str, "title": str, "status": str, "action": str, "dates": str, "source_id": int,
        "line": int, "item": int,
    }, pk="id", foreign_keys=[("source_id", "sources", "id")])
    db.table("named_terms").create({"term": str}, pk="term")
    # Key figures read from the minutes (loaders.figures): one row a statement, with its sentence and line;
    # ``stated`` is the meeting's day, ``place`` a region, cluster or municipality code.
    db.table("facts").create({"id": str, "measure": str, "topic": str, "indicator": str, "value": float, "unit": str,
                              "date": str, "deadline": str, "label": str, "quote": str, "line": int, "place": str,
                              "stated": str, "source_id": int}, pk="id",
                             foreign_keys=[("source_id", "sources", "id")])
    db.table("meetings").create({"id": int, "forum": str, "date": str, "place": str, "source_id": int}, pk="id",
                          foreign_keys=[("source_id", "sources", "id")])
    db.table("agenda_items").create({
        "id": int, "meeting_id": int, "number": int, "title": str, "case_no": str, "summary": str,
        "recommendation": str, "case_text": str, "decision": str, "decision_kind": str, "attachments": str,
    }, pk="id", foreign_keys=[("meeting_id", "meetings", "id")])
    db.table("agreements").create({
        "id": int, "theme": str, "title": str, "description": str, "status_label": str,
        "status_start": str, "status_end": str, "status_text": str, "source_id": int, "line": int,
    }, pk="id", foreign_keys=[("source_id", "sources", "id")])
    db.table("build_info").create({"key": str, "value": str}, pk="key")


def create_indexes(db: sqlite_utils.Database) -> None:
    """After the bulk insert: building an index once is faster than keeping it up to date."""
    # One index serves every read: places (IN), then optionally an indicator, then a period range.
    db.table("observations").create_index(["geo_code", "indicator", "period_start"])


def _load_reference_tables(db: sqlite_utils.Database, ref: Reference) -> None:
    db.table("regions").insert_all({"code": p.code, "name": p.name} for p in ref.regions())
    db.table("clusters").insert_all({"id": p.code, "region_code": p.region, "name": p.name, "hospital": p.hospital}
                              for p in ref.clusters())
    db.table("municipalities").insert_all({"code": p.code, "name": p.name, "cluster_id": p.parent, "region_code": p.region}
                                    for p in ref.municipalities())
    db.table("named_terms").insert_all({"term": t} for t in ref.terms)
    for ind in ref.indicators.values():
        db.table("indicators").insert({k: ind[k] for k in ("id", "name", "short_name", "unit", "direction",
                                                     "frequency", "geo_levels")} | {"headline": int(ind["headline"] or 0),
                                                     "stock": int(ind.get("stock") or 0)})
        if ind["target"]:
            db.table("targets").insert({"indicator": ind["id"], "value": float(ind["target"]),
                                  "note": ind["target_note"], "source": "reference/indicators.csv"})


PLAN_GROUPS = {  # an implementation plan's groups as board sections
    "joint": (1, "Fælles indsatser (implementeringsplan)"),
    "lead": (2, "LEAD-indsatser i én klynge (implementeringsplan)"),
    "free": (3, "Frie indsatser i alle klynger (implementeringsplan)"),
}


def initiative_key(title: str) -> str:
    """A stable, readable id for links: the title's first words in ASCII and a short hash."""
    ascii_title = title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    words = re.findall(r"[a-z0-9]+", ascii_title)[:6]
    return "-".join(words) + "-" + hashlib.sha1(title.encode()).hexdigest()[:4]


def _pk(table: sqlite_utils.db.Table) -> int:
    assert table.last_pk is not None
    return int(table.last_pk)


def _store(db: sqlite_utils.Database, source_id: int, parsed: dict[str, Any], ref: Reference,
           sums: derived.UpwardSums | None = None) -> int:
    """Insert one parsed file's records; the number of rows accepted."""
    kind = parsed["kind"]
    if kind == "initiatives":
        rows = [i | {"key": initiative_key(i["title"]), "kind": "overview", "dates": ",".join(i["dates"]),
                     "source_id": source_id} for i in parsed["initiatives"]]
        db.table("initiatives").insert_all(rows)
        return len(rows)
    if kind == "minutes":
        meetings = db.table("meetings")
        meetings.insert({"forum": parsed["forum"], "date": parsed["date"], "place": parsed["place"],
                         "source_id": source_id})
        meeting_id = _pk(meetings)
        db.table("agenda_items").insert_all(
            {**item, "meeting_id": meeting_id, "attachments": "\n".join(item["attachments"])}
            for item in parsed["items"])
        measures = {m.id: m for m in ref.measures}
        db.table("facts").insert_all({
            "id": f"{f['measure']}:{source_id}:{f['line']}:{k}", "measure": f["measure"],
            "topic": measures[f["measure"]].topic, "indicator": measures[f["measure"]].indicator or None,
            "value": f["value"], "unit": f["unit"] or None, "date": f["date"], "deadline": f["deadline"],
            "label": measures[f["measure"]].label, "quote": f["sentence"], "line": f["line"], "place": f["place"],
            "stated": parsed["date"], "source_id": source_id}
            for k, f in enumerate(parsed.get("figures", [])) if f["measure"] in measures)
        db.table("initiatives").insert_all({
            "key": initiative_key(p["title"]), "kind": "plan", "section": PLAN_GROUPS[p["group"]][0],
            "section_title": PLAN_GROUPS[p["group"]][1], "forum": parsed["forum"], "time": "", "start": None,
            "end": None, "title": p["title"], "status": "", "action": "", "dates": "", "source_id": source_id,
            "item": p["item"]} for p in parsed["plan_initiatives"])
        return len(parsed["items"]) + len(parsed["plan_initiatives"])
    if "observation_rows" in parsed:  # a streamed indicator table
        return _insert_rows(db, parsed["observation_rows"], source_id, sums, parsed)
    observations = parsed.get("observations", [])
    _insert_observations(db, observations, source_id)
    if kind == "status_report":
        db.table("agreements").insert_all({**a, "source_id": source_id} for a in parsed["agreements"])
        return len(observations) + len(parsed["agreements"])
    return len(observations)


def _insert_observations(db: sqlite_utils.Database, observations: list[dict[str, Any]], source_id: int | None,
                         is_demo: int = 0) -> None:
    """Observations given as dicts (a row's own source_id and period_start win over the arguments)."""
    db.conn.executemany(
        "INSERT INTO observations (indicator, geo_level, geo_code, period, period_start, value, numerator, "
        "denominator, arrow, arrow_period, source_id, line, is_demo) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ((o["indicator"], o["geo_level"], o["geo_code"], o["period"], o.get("period_start") or period_start(o["period"]),
          o["value"], o.get("numerator"), o.get("denominator"), o.get("arrow"), o.get("arrow_period"),
          o.get("source_id", source_id), o.get("line"), is_demo) for o in observations))


class _Given:
    """Whether a source gave a cluster's or region's row: looked up where the rows are stored (one query
    a total through the index) rather than a set of every such row in memory."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple):
            return False
        indicator, geo_code, period = key
        return self.conn.execute(
            "SELECT 1 FROM observations WHERE geo_code = ? AND indicator = ? AND period_start = ? AND period = ? "
            "AND geo_level != 'municipality' AND is_demo = 0 LIMIT 1",
            (geo_code, indicator, period_start(period), period)).fetchone() is not None


def _add_derived(db: sqlite_utils.Database, ref: Reference, today: dt.date,
                 report: BuildReport, sums: derived.UpwardSums) -> None:
    """Clusters and regions added up from municipalities, key figures checked against their sources,
    and the demonstration series."""
    _insert_observations(db, sums.rows(_Given(db)), None)
    facts = derived.fact_observations(db)
    for obs in facts:
        _insert_observations(db, [obs], obs["source_id"])
    demo = derived.demo_observations(db, ref, today)
    if demo:
        sources = db.table("sources")
        sources.insert({"file": "(genereret)", "sha256": "", "kind": "demo", "loaded_at": today.isoformat(),
                        "rows_accepted": len(demo), "rows_rejected": 0, "status": "loaded", "message": "",
                        "is_demo": 1, "region": None, "title": derived.DEMO_TITLE})
        _insert_observations(db, demo, _pk(sources), is_demo=1)


def _load_one(db: sqlite_utils.Database, parsed: dict[str, Any], record: dict[str, Any],
              ref: Reference, sums: derived.UpwardSums) -> tuple[int, int, int]:
    """Store one parsed file with its provenance and rejections; (rows accepted, rows rejected, source id).
    The caller holds a transaction (``db.atomic()``): a file that fails half-way leaves nothing."""
    sources = db.table("sources")
    sources.insert({**record, "kind": parsed["kind"], "status": "loaded", "message": "",
                    "region": parsed.get("region"), "title": parsed.get("title")})
    source_id = _pk(sources)
    accepted = _store(db, source_id, parsed, ref, sums)
    rejected = parsed.get("rejected", [])  # a streamed table's rejections are complete only now
    _insert_rejections(db, source_id, rejected)
    count = parsed.get(_REJECTED, 0) + len(rejected)  # (a streamed table's first ones stored already)
    update: dict[str, Any] = {"rows_accepted": accepted, "rows_rejected": count}
    sink = _sink_of(parsed)
    if sink is not None:  # a workbook's sheets that are no table, and what a table left out, are named
        db.table("rejections").insert_all({"source_id": source_id, "line": None,
                                           "reason": f"sheet '{s['sheet']}' not read: {s['reason']}"}
                                          for s in sink.skipped_sheets)
        update["message"] = "; ".join(sink.notes)
    sources.update(source_id, update)
    return accepted, count, source_id


def _sink_of(parsed: dict[str, Any]) -> Sink | None:
    """What a streamed indicator table reports besides its rows (loaders.indicators.Sink)."""
    sink = getattr(parsed.get("observation_rows"), "sink", None)
    return sink if isinstance(sink, Sink) else None


def _load_order(files: list[Path], tables: list[Path]) -> Iterator[tuple[Path, bool]]:
    """Every file in name order; then the indicator tables found among them (``tables`` fills during the
    first pass, which reads only a table's head) last name first: the file whose name sorts last is read
    first and wins a duplicate (loaders.indicators.DuplicateRegistry). (path, whether it is a table's turn)"""
    for path in files:
        yield path, False
    for path in reversed(tables):
        yield path, True


CHUNK = 50_000  # rows inserted at a time; the rejections found meanwhile are stored after each chunk
_REJECTED = "stored_rejections"  # how many of a streamed table's rejections are stored already
_READ = "rows_read"  # how many of a streamed table's rows were read before it failed (the summary says so)


def _insert_rows(db: sqlite_utils.Database, rows: Iterable[Observation], source_id: int,
                 sums: derived.UpwardSums | None = None, parsed: dict[str, Any] | None = None) -> int:
    """Streamed observations, inserted a chunk at a time without holding them in memory; how many.
    The rejections the reading finds (``parsed["rejected"]``, filling as the rows are read) are stored
    as they come, not kept to the end: an extract of ten million bad rows is ten million rejections."""
    count = 0
    rejected: list[dict[str, Any]] = parsed.get("rejected", []) if parsed is not None else []
    starts = _Starts()
    if parsed is not None:
        parsed[_READ] = 0
    # An Observation as it comes, its period's start added and its source a constant: no Python per row
    # but one tuple (only the columns an extract fills: fewer bound parameters is faster too).
    insert = ("INSERT INTO observations (indicator, geo_level, geo_code, period, value, numerator, denominator, "
              f"line, period_start, source_id) VALUES (?,?,?,?,?,?,?,?,?,{int(source_id)})")
    # The worker reads the next chunk (loaders.limits) while this process stores the one it sent.
    for read in rows.chunks() if isinstance(rows, limits.Rows) else _chunks(rows, CHUNK):
        chunk = [o + (starts[o[3]],) for o in read]
        if chunk:
            db.conn.executemany(insert, chunk)
            if sums is not None:
                sums.add_rows(chunk, source_id)
            count += len(chunk)
            if parsed is not None:
                parsed[_READ] = count
        if rejected and parsed is not None:
            _insert_rejections(db, source_id, rejected)
            parsed[_REJECTED] = parsed.get(_REJECTED, 0) + len(rejected)
            rejected.clear()  # (the loader's own list: it goes on filling it)
    return count


def _chunks(rows: Iterable[Observation], size: int) -> Iterator[list[Observation]]:
    """Rows read here, in lists of ``size``; the last one shorter (or empty)."""
    stream = iter(rows)
    while True:
        chunk = list(itertools.islice(stream, size))
        yield chunk
        if len(chunk) < size:
            return


class _Starts(dict[str, str]):
    """Each period's first day, worked out once a period."""

    def __missing__(self, period: str) -> str:
        start = self[period] = period_start(period)
        return start


def _insert_rejections(db: sqlite_utils.Database, source_id: int, rejected: Iterable[dict[str, Any]]) -> None:
    db.conn.executemany("INSERT INTO rejections (source_id, line, reason) VALUES (?, ?, ?)",
                        ((source_id, r["line"], r["reason"]) for r in rejected))


def _entries(data_dir: Path) -> Iterator[Path]:
    """Every entry below sources/ but folders (links not followed into), hidden files and Office's lock files
    (``~$…``) aside."""
    folder = data_dir / "sources"
    unreadable: list[OSError] = []  # a folder that cannot be listed is listed itself, never passed over
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
        links = [d for d in os.listdir(root) if os.path.islink(os.path.join(root, d)) and os.path.isdir(os.path.join(root, d))]
        for name in sorted({*files, *links}):
            if not name.startswith((".", "~$")):
                yield Path(root) / name
    for error in unreadable:
        if error.filename and Path(error.filename) != folder:
            yield Path(error.filename)


def source_files(data_dir: Path) -> list[Path]:
    """Every regular file in sources/, whatever its name: one the loaders cannot read is listed with the
    reason, never passed over; what is no regular file is listed by ``irregular_sources``."""
    return sorted(p for p in _entries(data_dir) if p.is_file())


def irregular_sources(data_dir: Path) -> list[tuple[str, str]]:
    """(path relative to ``data_dir``, why it is not read) for each entry in sources/ that is no regular file:
    a pipe, a device, a link to a folder or to nothing, a loop of links. Never read (a pipe would block),
    always listed."""
    found = []
    for path in sorted(_entries(data_dir)):
        if path.is_file():
            continue
        try:
            check_regular(path)
        except UnreadableFile as exc:
            found.append((str(path.relative_to(data_dir)), exc.problem))
    return found


def sha256(path: Path) -> str:
    with path.open("rb") as f:  # a megabyte at a time, not the whole extract at once
        return hashlib.file_digest(f, "sha256").hexdigest()


def build(data_dir: Path, db_path: Path, strict: bool = False,
          progress: Callable[[str], None] | None = None, *, today: dt.date,
          now: dt.datetime | None = None, reference_dir: Path | None = None,
          overrides: dict[str, tuple[str | None, str | None]] | None = None,
          irregular: list[tuple[str, str]] | None = None) -> BuildReport:
    """Build a new database from ``data_dir`` (its ``sources/``; ``reference/`` unless ``reference_dir``
    is given) and atomically replace ``db_path``.

    ``overrides``: a file's kind and indicator chosen by the analyst, by the file's path relative to
    ``sources/`` (``None`` for either: detected from the content). ``irregular``: entries of the folder the
    sources were copied from that are no regular files (``irregular_sources``), listed as unreadable; by
    default those of ``data_dir``.

    A failure (an exception, or with ``strict`` an unreadable file) leaves the
    previous database untouched and removes the half-built file.
    """
    # The caller reads the clock: ``today`` dates the demonstration data, ``now`` stamps the build.
    started = now or dt.datetime.combine(today, dt.time())
    timer = time.perf_counter()
    ref = load_reference(reference_dir or data_dir / "reference")
    overrides = overrides or {}
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".building", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    report = BuildReport(db_path=db_path)
    sums = derived.UpwardSums(ref)
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode=MEMORY")  # fast, and a failed file can still be rolled back
        conn.execute("PRAGMA synchronous=OFF")
        db = sqlite_utils.Database(conn)
        create_schema(db)
        with db.atomic():
            _load_reference_tables(db, ref)
        gc.disable()  # millions of short-lived tuples: the cyclic collector only costs time here
        registry = DuplicateRegistry()  # the same indicator, place and period in two extracts
        tables: list[Path] = []
        hashes: dict[Path, str] = {}
        for path, table_turn in _load_order(source_files(data_dir), tables):
            rel = str(path.relative_to(data_dir))
            hashes[path] = hashes.get(path) or sha256(path)
            record: dict[str, Any] = {"file": rel, "sha256": hashes[path], "loaded_at": started.isoformat(timespec="seconds"),
                                      "rows_accepted": 0, "rows_rejected": 0, "is_demo": 0}
            parsed = {}
            try:
                kind, indicator = overrides.get(str(path.relative_to(data_dir / "sources")), (None, None))
                if not table_turn:  # a document whole; a table's head only, its rows read at its turn
                    parsed = limits.parse_file(path, ref, kind, indicator, stream=True, head=True)
                    if parsed["kind"] == "indicators" and "observations" not in parsed:
                        tables.append(path)
                        continue
                else:
                    parsed = limits.parse_file(path, ref, "indicators", indicator, stream=True,
                                               earlier=registry.series, numbers=registry.numbers)
                sink = _sink_of(parsed)
                file_sums = derived.UpwardSums(ref)
                with db.atomic():  # one transaction a file: one that fails half-way is rolled back whole
                    accepted, rejected, source_id = _load_one(db, parsed, record, ref, file_sums)
                sums.merge(file_sums)
                if sink is not None:
                    registry.register(rel, sink)
            except UnreadableFile as exc:
                if strict:
                    raise
                problem = exc.problem
                if parsed.get(_READ):  # never a silent partial: what was read is dropped, and said so
                    problem = f"0 of {parsed[_READ]:,} rows stored (the file could not be read whole): {problem}"
                with db.atomic():
                    db.table("sources").insert({**record, "kind": None, "status": "unreadable",
                                                "message": problem})
                report.skipped.append({"file": rel, "reason": problem})
                continue
            report.loaded.append({"file": rel, "kind": parsed["kind"], "accepted": accepted, "rejected": rejected})
            if progress:
                progress(f"{rel}: {parsed['kind']}, {accepted} accepted, {rejected} rejected")
        for rel, problem in irregular_sources(data_dir) if irregular is None else irregular:
            if strict:
                raise UnreadableFile(rel, problem)
            with db.atomic():
                db.table("sources").insert({"file": rel, "sha256": "", "loaded_at": started.isoformat(timespec="seconds"),
                                            "rows_accepted": 0, "rows_rejected": 0, "is_demo": 0, "kind": None,
                                            "status": "unreadable", "message": problem})
            report.skipped.append({"file": rel, "reason": problem})
        gc.enable()  # (and in `finally`, should a file fail)
        create_indexes(db)  # before the derived steps, which look rows up
        with db.atomic():
            _add_derived(db, ref, today, report, sums)
        with db.atomic():
            newest = db.execute("SELECT MAX(period_start) FROM observations WHERE is_demo = 0").fetchone()[0]
            db.table("build_info").insert_all([
                {"key": "newest_data", "value": newest or ""},
                {"key": "newest_source_day", "value": str(derived.newest_day(db.conn) or "")},
                {"key": "built_at", "value": started.isoformat(timespec="seconds")},
                {"key": "data_dir", "value": str(data_dir)},
            ])
        conn.execute("PRAGMA analysis_limit = 1000")  # sampled statistics: the same plans, far less time
        conn.execute("ANALYZE")
        conn.close()
        os.replace(tmp, db_path)  # atomic: readers see the old file or the new, never half of one
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        gc.enable()
    report.seconds = time.perf_counter() - timer
    return report
