"""Database versions: immutable folders and a pointer that moves atomically (the Datasette shape).

Layout of the store (``settings.store_dir()``, by default ``data/dashboard.versions``)::

    000007/             one version: dashboard.db (read-only), sources/ (its files), version.json, and
                        "served" once it has been current (a folder without it is an interrupted import)
    history.jsonl       what became current when, by whom (imports, rollbacks)
    .lock               held while a version is made or the pointer moved: imports never interleave
    .tmp-*/             a version being built by the lock holder (removed if the process died)
    .staging/*/         a preview built for the app, promoted by "Indlæs" or removed

The served database (``settings.db_path()``, ``data/dashboard.db``) is a symbolic link to the current
version's file. A reader opens the link and from then on holds an immutable file, so no session is
ever served a half-written database; the next rerun resolves the link again and sees the new version.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from errors import DashboardError
from store.build import BuildReport, build, irregular_sources, sha256, source_files

_log = logging.getLogger(__name__)

DB_NAME = "dashboard.db"
MANIFEST = "version.json"
SERVED = "served"  # marks a version that has been current (a rollback target, never an orphan)
HISTORY = "history.jsonl"
STAGING = ".staging"
TMP_PREFIX = ".tmp-"
STALE_STAGING_SECONDS = 3600  # a preview nobody imported or cancelled (a closed browser tab)


class StoreError(DashboardError):
    """A version could not be made or chosen; ``message`` Danish, ``detail`` English."""


class ImportBusy(StoreError):
    def __init__(self, waited: float) -> None:
        super().__init__("En anden indlæsning er i gang. Prøv igen om lidt.",
                         f"another import holds the lock (waited {waited:.0f} s); try again", args=(waited,))


class StalePreview(StoreError):
    def __init__(self, parent: int | None, current: int | None) -> None:
        super().__init__("Data er blevet ændret, siden forhåndsvisningen blev lavet. Se den nye forhåndsvisning, "
                         "før du indlæser.", f"the preview was built on version {parent}, current is {current}",
                         args=(parent, current))


class NoSources(StoreError):
    """A version without a single source file read: never served in place of the current one."""

    def __init__(self, folder: str) -> None:
        super().__init__("Der er ingen kildefiler, der kan læses: en tom database erstatter ikke de data, der "
                         "vises nu. Tilføj filer, eller rul tilbage.",
                         f"no source file could be read from {folder}: an empty database never replaces the "
                         "current version (which is kept)", args=(folder,))


class DiskProblem(StoreError):
    """Writing a version failed for want of room or permission (a full or read-only disk): one line."""

    def __init__(self, why: str, where: str) -> None:
        messages = {
            "full": "Disken er fuld, så de nye data kunne ikke gemmes. De data, der vises nu, er uændrede.",
            "read-only": "Disken er skrivebeskyttet, så de nye data kunne ikke gemmes. De data, der vises nu, "
                         "er uændrede.",
            "denied": "Dashboardet må ikke skrive i datamappen, så de nye data kunne ikke gemmes. De data, der "
                      "vises nu, er uændrede.",
        }
        super().__init__(messages.get(why, messages["denied"]),
                         f"the disk is {why} while writing {where} (nothing changed; the current version is kept)"
                         if why != "denied" else f"no permission to write in {where} (nothing changed; the current "
                         "version is kept)", args=(why, where))
        self.why, self.where = why, where


_DISK_ERRNOS = {errno.ENOSPC: "full", errno.EDQUOT: "full", errno.EFBIG: "full", errno.EROFS: "read-only",
                errno.EACCES: "denied", errno.EPERM: "denied"}


@contextlib.contextmanager
def _disk_errors(where: Path) -> Iterator[None]:
    """A full, read-only or forbidden disk as one DiskProblem (SQLite's words for it included), never a
    traceback; ``where`` is named when the error does not name its own file."""
    try:
        yield
    except OSError as exc:
        why = _DISK_ERRNOS.get(exc.errno or 0)
        if why is None:
            raise
        raise DiskProblem(why, str(exc.filename or where)) from exc
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        why = ("full" if "full" in text else "read-only" if "readonly" in text or "read-only" in text
               else "denied" if "unable to open" in text or "permission" in text else None)
        if why is None:
            raise
        raise DiskProblem(why, str(where)) from exc


class UnknownVersion(StoreError):
    def __init__(self, version: str) -> None:
        super().__init__(f"Version {version} findes ikke (eller er ryddet væk).",
                         f"version {version!r} does not exist", args=(version,))


@dataclass(frozen=True)
class FileEntry:
    """One source file of a version and what the build made of it."""

    file: str  # its path inside sources/ (a sanitised name for an upload)
    sha256: str
    size: int = 0
    kind: str | None = None  # as loaded (detected or chosen)
    kind_override: str | None = None
    indicator: str | None = None  # the indicator chosen for a table that does not name it
    status: str = ""  # loaded | unreadable
    accepted: int = 0
    rejected: int = 0
    added_by: str = ""  # who imported this file
    added_at: str = ""


@dataclass(frozen=True)
class Version:
    id: int
    created: str  # ISO time the version was made
    by: str
    action: str  # start | import | remove | rebuild
    parent: int | None
    files: tuple[FileEntry, ...]
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    accepted: int = 0
    rejected: int = 0
    seconds: float = 0.0

    @property
    def name(self) -> str:
        return str(self.id)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, Any]) -> Version:
        files = tuple(FileEntry(**f) for f in data.get("files", []))
        fields = {k: v for k, v in data.items() if k in Version.__dataclass_fields__ and k != "files"}
        for key in ("added", "removed", "replaced"):
            fields[key] = tuple(fields.get(key, ()))
        return Version(files=files, **fields)


@dataclass(frozen=True)
class NewFile:
    """A file to import: its bytes are at ``path`` (an upload written by the caller, or a file given on the
    command line); ``name`` is where it goes in sources/ (already sanitised)."""

    path: Path
    name: str
    kind: str | None = None
    indicator: str | None = None


@dataclass(frozen=True)
class Changes:
    add: tuple[NewFile, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass
class Candidate:
    """A version built but not yet current: a preview until committed."""

    dir: Path
    parent: int | None
    version: Version  # id 0 until committed
    report: BuildReport

    @property
    def db(self) -> Path:
        return self.dir / DB_NAME


@dataclass(frozen=True)
class Event:
    version: int
    action: str  # start | import | remove | rebuild | rollback | recovered
    by: str
    at: str
    note: str = ""


@dataclass
class VersionStore:
    db_path: Path  # the served link
    root: Path
    reference_dir: Path
    keep: int = 20

    # ---- reading ---------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        """The version the link points to; None when the database is a plain file or missing."""
        try:
            target = Path(os.readlink(self.db_path))
        except OSError:
            return None
        target = (self.db_path.parent / target) if not target.is_absolute() else target
        folder = target.parent
        if folder.parent.resolve() != self.root.resolve() or not folder.name.isdigit():
            return None
        return int(folder.name)

    def version(self, version_id: int) -> Version:
        path = self.root / _dirname(version_id) / MANIFEST
        try:
            return Version.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as exc:
            raise UnknownVersion(str(version_id)) from exc
        except (OSError, ValueError, TypeError) as exc:  # there, but damaged: said so, not "does not exist"
            raise StoreError(f"Version {version_id} kan ikke læses: dens beskrivelse er beskadiget.",
                             f"the manifest of version {version_id} ({path}) cannot be read: {exc}") from exc

    def ids(self) -> list[int]:
        """Complete versions (with a manifest), oldest first."""
        if not self.root.is_dir():
            return []
        return sorted(int(p.name) for p in self.root.iterdir()
                      if p.name.isdigit() and (p / MANIFEST).is_file() and (p / DB_NAME).is_file()
                      and (p / "sources").is_dir())

    def _remove(self, folder: Path) -> None:
        """Gone in one step (renamed to a .tmp- name first): a kill half-way through the deletion leaves a
        .tmp- folder the next cleanup removes, never a numbered folder missing some of its files."""
        doomed = self.root / f"{TMP_PREFIX}removed-{folder.name}-{uuid.uuid4().hex[:8]}"
        try:
            os.rename(folder, doomed)
        except FileNotFoundError:
            return
        shutil.rmtree(doomed, ignore_errors=True)

    def versions(self) -> list[Version]:
        """Newest first."""
        return [self.version(i) for i in reversed(self.ids())]

    def history(self) -> list[Event]:
        path = self.root / HISTORY
        if not path.exists():
            return []
        events = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                events.append(Event(**json.loads(line)))
            except (ValueError, TypeError):  # a line cut short by a killed process
                _log.warning("skipping unreadable history line %r", line[:80])
        return events

    def sources_dir(self, version_id: int) -> Path:
        return self.root / _dirname(version_id) / "sources"

    # ---- the lock --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, wait: float = 0.0) -> Iterator[None]:
        """Held while a version is made current: two imports are serialised, the second waits up to ``wait``
        seconds and is then told to try again (ImportBusy). The kernel drops the lock of a killed process."""
        with _disk_errors(self.root):
            _mkdir_readable(self.root)
            handle = open(self.root / ".lock", "a+")  # noqa: SIM115 (closed below, after the lock is dropped)
        with handle:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise ImportBusy(wait) from None
                    time.sleep(0.1)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def cleanup(self, now: dt.datetime, keep: Path | None = None) -> None:
        """Under the lock: what killed imports left behind. Half-built versions (.tmp-*), the link being
        written, complete versions that never became current, and previews older than an hour (but ``keep``,
        the preview being imported)."""
        if not self.root.is_dir():
            return
        for path in self.root.glob(TMP_PREFIX + "*"):
            shutil.rmtree(path, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._next_link())
        staging = self.root / STAGING
        if staging.is_dir():
            cutoff = time.time() - STALE_STAGING_SECONDS
            for path in staging.iterdir():
                with contextlib.suppress(FileNotFoundError):  # another session may remove its own meanwhile
                    if path != keep and path.stat().st_mtime < cutoff:
                        shutil.rmtree(path, ignore_errors=True)
        current = self.current_id()
        if current is not None and not (self.root / _dirname(current) / SERVED).exists():
            # Killed between moving the link and marking the version: it is served, so it is kept.
            (self.root / _dirname(current) / SERVED).touch()
        in_history = {e.version for e in self.history()}
        if current is not None and current not in in_history:
            self._record(Event(current, "recovered", self.version(current).by, _iso(now)))
        complete = self.ids()
        for version_id in complete:
            # A complete folder that was never served is an interrupted import's (renamed into place, killed
            # before the link moved). Served means marked or in the history: losing either costs no version.
            marked = (self.root / _dirname(version_id) / SERVED).exists()
            if version_id != current and not marked and version_id not in in_history:
                _log.warning("removing version %s: it never became current (its import was interrupted)", version_id)
                self._remove(self.root / _dirname(version_id))
        for path in list(self.root.iterdir()):  # a numbered folder that is not a whole version
            if path.name.isdigit() and int(path.name) not in complete and int(path.name) != current:
                self._remove(path)

    # ---- making versions ---------------------------------------------------------------------------

    def stage(self, changes: Changes, *, by: str, action: str, today: dt.date, now: dt.datetime,
              preview: bool = False, seed: Path | None = None, parent: int | None | str = "current") -> Candidate:
        """Build the version that ``changes`` make of the current one (or, with no current version or with
        ``seed`` given, of the files in the data folder ``seed``'s sources/: the embedded default data).
        Nothing served changes.

        ``preview``: built under .staging/ by the app without the lock (several analysts may preview at
        once); else under .tmp-* by the lock holder."""
        parent = self.current_id() if parent == "current" else parent
        assert parent is None or isinstance(parent, int)
        folder = (self.root / STAGING / uuid.uuid4().hex) if preview else (self.root / f"{TMP_PREFIX}{uuid.uuid4().hex}")
        try:
            with _disk_errors(folder):
                _mkdir_readable(folder)
                return self._stage_into(folder, parent, changes, by=by, action=action, today=today, now=now,
                                        seed=seed)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)  # no half version is left behind, whatever went wrong
            raise

    def _stage_into(self, folder: Path, parent: int | None, changes: Changes, *, by: str, action: str,
                    today: dt.date, now: dt.datetime, seed: Path | None) -> Candidate:
        sources = folder / "sources"
        _mkdir_readable(sources)
        old: dict[str, FileEntry] = {}
        irregular = None
        if seed is not None:
            irregular = irregular_sources(seed)  # listed by the build, never copied (a pipe would block)
            old_dir = seed / "sources"
            for path in source_files(seed):
                name = str(path.relative_to(old_dir))
                old[name] = FileEntry(name, sha256(path), path.stat().st_size, added_by=by, added_at=_iso(now))
        elif parent is not None:
            old_dir = self.sources_dir(parent)
            old = {f.file: f for f in self.version(parent).files}
        else:
            old_dir = sources
        unknown = [name for name in changes.remove if name not in old]
        if unknown:
            raise StoreError(f"Filen {unknown[0]} findes ikke blandt de indlæste filer.",
                             f"cannot remove {unknown[0]!r}: not a source of the current version")
        entries: dict[str, FileEntry] = {}
        for name, entry in old.items():
            if name in changes.remove or any(new.name == name for new in changes.add):
                continue
            if seed is not None:
                _copy_in(old_dir / name, sources / name)
            else:
                _link_or_copy(old_dir / name, sources / name)  # the parent version's read-only file
            entries[name] = entry
        replaced = []
        for new in changes.add:
            if new.name in old:
                replaced.append(new.name)
            _copy_in(new.path, sources / new.name)  # a copy: the caller may overwrite its file later
            entries[new.name] = FileEntry(new.name, sha256(sources / new.name), (sources / new.name).stat().st_size,
                                          kind_override=new.kind, indicator=new.indicator, added_by=by,
                                          added_at=_iso(now))
        if not entries:  # an empty or missing sources/, or the last file removed
            raise NoSources(str(old_dir))
        overrides = {name: (e.kind_override, e.indicator) for name, e in entries.items()
                     if e.kind_override or e.indicator}
        report = build(folder, folder / DB_NAME, today=today, now=now, reference_dir=self.reference_dir,
                       overrides=overrides, irregular=irregular)
        if not report.loaded:  # every file unreadable: as empty as no files at all
            raise NoSources(str(old_dir))
        os.chmod(folder / DB_NAME, 0o444)  # immutable from now on, and readable by the app's user whatever the umask
        _fsync(folder / DB_NAME)  # on disk before the link can move to it (a power cut, not only a kill)
        loaded = {item["file"]: item for item in report.loaded}
        skipped = {item["file"]: item for item in report.skipped}
        files = []
        for name, entry in sorted(entries.items()):
            rel = f"sources/{name}"
            if rel in loaded:
                item = loaded[rel]
                entry = replace(entry, kind=item["kind"], status="loaded", accepted=item["accepted"],
                                 rejected=item["rejected"])
            elif rel in skipped:
                entry = replace(entry, kind=None, status="unreadable", accepted=0, rejected=0)
            files.append(entry)
        version = Version(
            id=0, created=_iso(now), by=by, action=action, parent=parent, files=tuple(files),
            added=tuple(n.name for n in changes.add if n.name not in old), removed=tuple(changes.remove),
            replaced=tuple(replaced), accepted=sum(f.accepted for f in files),
            rejected=sum(f.rejected for f in files), seconds=round(report.seconds, 3))
        return Candidate(folder, parent, version, report)

    def adopt(self, *, by: str, now: dt.datetime) -> Version | None:
        """A database at the served path that is a plain file (built before versions, or handed over as it
        is) becomes version 1 unchanged: its own rows, never a rebuild of the default data. Its sources are
        the files its ``sources`` table names, found by their sha256 where it was built or in the data
        folder; one found nowhere is logged (the next import rebuilds from the files found). None when the
        file is no dashboard database (the caller builds the default data then). The caller holds the lock."""
        if self.db_path.is_symlink() or not self.db_path.is_file():
            return None
        try:
            rows, data_dir = _adoptable(self.db_path)
        except sqlite3.Error as exc:
            _log.warning("not adopting %s: %s", self.db_path, exc)
            return None
        import settings

        folder = self.root / f"{TMP_PREFIX}{uuid.uuid4().hex}"
        try:
            with _disk_errors(folder):
                _mkdir_readable(folder / "sources")
                shutil.copyfile(self.db_path, folder / DB_NAME)
                os.chmod(folder / DB_NAME, 0o444)
                _fsync(folder / DB_NAME)
                files = []
                places = [p for p in (data_dir, settings.data_dir()) if p is not None]
                for row in rows:
                    name = row["file"].removeprefix("sources/")
                    if Path(name).is_absolute() or ".." in Path(name).parts:  # a name, never a way out
                        _log.warning("adopting %s: source name %r is not a file name", self.db_path, row["file"])
                        continue
                    found = next((p / row["file"] for p in places
                                  if (p / row["file"]).is_file() and sha256(p / row["file"]) == row["sha256"]), None)
                    if found is None:
                        _log.warning("adopting %s: its source %s (sha256 %s) was not found", self.db_path,
                                     row["file"], row["sha256"])
                        continue
                    _copy_in(found, folder / "sources" / name)
                    files.append(FileEntry(name, row["sha256"], found.stat().st_size, kind=row["kind"],
                                           status=row["status"], accepted=row["rows_accepted"] or 0,
                                           rejected=row["rows_rejected"] or 0, added_by=by, added_at=_iso(now)))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        version = Version(id=0, created=_iso(now), by=by, action="adopt", parent=None, files=tuple(files),
                          accepted=sum(f.accepted for f in files), rejected=sum(f.rejected for f in files))
        return self.commit(Candidate(folder, None, version, BuildReport(folder / DB_NAME)), now=now)

    def set_aside(self, now: dt.datetime) -> Path | None:
        """A plain file at the served path that could not be adopted is moved aside (never overwritten by the
        link to a first version): where it went, or None when there was none."""
        if self.db_path.is_symlink() or not self.db_path.is_file():
            return None
        aside = self.db_path.with_name(f"{self.db_path.name}.{now.strftime('%Y%m%d-%H%M%S')}.before-versions")
        with _disk_errors(self.db_path.parent):
            os.rename(self.db_path, aside)
        _log.warning("%s is no dashboard database this version can adopt: moved aside to %s", self.db_path, aside)
        return aside

    def commit(self, candidate: Candidate, *, now: dt.datetime, by: str | None = None) -> Version:
        """Make a built candidate the current version: its folder becomes the next version and the link moves
        (atomically). The caller holds the lock. StalePreview when another version became current since."""
        current = self.current_id()
        if candidate.parent != current:
            raise StalePreview(candidate.parent, current)
        numbered = [int(p.name) for p in self.root.iterdir() if p.name.isdigit()]
        new_id = max([0, *numbered, *(e.version for e in self.history())]) + 1
        version = replace(candidate.version, id=new_id, created=_iso(now), by=by or candidate.version.by)
        if not (candidate.dir / DB_NAME).is_file():
            raise StoreError("Forhåndsvisningen findes ikke længere (den var over en time gammel). Vælg filerne igen.",
                             f"the candidate folder {candidate.dir} is gone")
        final = self.root / _dirname(new_id)
        with _disk_errors(self.root):
            _write_json(candidate.dir / MANIFEST, version.to_json())
            os.rename(candidate.dir, final)  # the folder appears whole: its manifest is inside
            _fsync_dir(self.root)
            self._point_to(final / DB_NAME)
        try:
            (final / SERVED).touch()
            self._record(Event(new_id, version.action, version.by, version.created))
        except OSError as exc:  # the new version is served already; the next cleanup marks and records it
            _log.warning("version %s is current but not yet recorded: %s", new_id, exc)
        self.prune()
        return version

    def rollback(self, version_id: int, *, by: str, now: dt.datetime) -> Version:
        """Make an earlier version current again: exactly its database and its set of source files.
        The caller holds the lock."""
        if version_id not in self.ids():
            raise UnknownVersion(str(version_id))
        version = self.version(version_id)
        with _disk_errors(self.root):
            self._point_to(self.root / _dirname(version_id) / DB_NAME)
            self._record(Event(version_id, "rollback", by, _iso(now)))
        return version

    def prune(self) -> list[int]:
        """Keep the newest ``keep`` versions and always the current one; the oldest go first."""
        current = self.current_id()
        ids = self.ids()
        doomed = [i for i in ids if i != current][:max(0, len(ids) - self.keep)]
        for version_id in doomed:
            self._remove(self.root / _dirname(version_id))
        return doomed

    def discard(self, candidate: Candidate) -> None:
        shutil.rmtree(candidate.dir, ignore_errors=True)

    # ---- helpers ---------------------------------------------------------------------------------

    def _next_link(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".next")

    def _point_to(self, target: Path) -> None:
        """Replace the served link in one step (rename over it): a reader opens the old file or the new."""
        link = self._next_link()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        os.symlink(os.path.relpath(target, self.db_path.parent), link)
        os.replace(link, self.db_path)
        _fsync_dir(self.db_path.parent)

    def _record(self, event: Event) -> None:
        path = self.root / HISTORY
        with open(path, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            cut = False
            if handle.tell():  # a line cut short (a full disk, a power cut) must not swallow this one
                handle.seek(-1, os.SEEK_END)
                cut = handle.read(1) != b"\n"
            handle.write((("\n" if cut else "") + json.dumps(asdict(event), ensure_ascii=False) + "\n").encode())
            handle.flush()
            os.fsync(handle.fileno())
        _readable(path)


def default_store(db_path: Path | None = None) -> VersionStore:
    """The store the settings name; for ``db_path`` (the command line's --db) the store beside it."""
    import settings

    if db_path is None or db_path == settings.db_path():
        root = settings.store_dir()
        db_path = settings.db_path()
    else:
        root = Path(settings.get("store_dir")) if settings.get("store_dir") else db_path.with_name(db_path.stem + ".versions")
    return VersionStore(db_path, root, settings.data_dir() / "reference", settings.keep_versions())


def _adoptable(db_path: Path) -> tuple[list[dict[str, Any]], Path | None]:
    """The files a plain database was built from (its sources table, demonstration rows aside) and the data
    folder it was built from; sqlite3.Error when it is no dashboard database."""
    from store.queries import uri

    conn = sqlite3.connect(uri(db_path), uri=True)
    try:
        conn.row_factory = sqlite3.Row
        rows = [dict(r) for r in conn.execute(
            "SELECT file, sha256, kind, status, rows_accepted, rows_rejected FROM sources "
            "WHERE is_demo = 0 AND file LIKE 'sources/%' ORDER BY id")]
        info = conn.execute("SELECT value FROM build_info WHERE key = 'data_dir'").fetchone()
    finally:
        conn.close()
    return rows, Path(info[0]) if info and info[0] else None


def _dirname(version_id: int) -> str:
    return f"{version_id:06d}"


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        _fsync(path)


def _mkdir_readable(path: Path) -> None:
    """``path`` and its missing parents, readable by everyone whatever the umask (the app may run as another
    user than the import: a 0700 folder would hide the database from it)."""
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another import
            folder.mkdir()
            os.chmod(folder, 0o755)


def _readable(path: Path) -> None:
    with contextlib.suppress(OSError):  # another user's file: left as it is
        os.chmod(path, 0o644)


def _copy_in(source: Path, target: Path) -> None:
    """A file from outside the store, copied and made read-only: later versions share it as a hard link."""
    _mkdir_readable(target.parent)
    shutil.copyfile(source, target)
    os.chmod(target, 0o444)


def _link_or_copy(source: Path, target: Path) -> None:
    """Versions share unchanged files as hard links (no copy); a copy where links cannot be made."""
    _mkdir_readable(target.parent)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    _readable(tmp)
    os.replace(tmp, path)


