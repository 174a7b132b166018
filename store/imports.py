"""An import: files checked as hostile, read, built into a candidate version, compared with the version
served now, and (on "Indlæs") made current. The page and the command line both go through here."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import settings
from loaders.danish import danish
from loaders.errors import LoaderError
from loaders.limits import parse_file  # in a worker under the file's limits
from loaders.reference import load_reference
from loaders.uploads import check_upload, safe_name
from store.diff import Differences, FileContents, differences, file_contents
from store.versions import DB_NAME, Candidate, Changes, NewFile, Version, VersionStore

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Offered:
    """A file the user offers: what it was called and where its bytes are now."""

    name: str
    path: Path
    kind: str | None = None  # chosen instead of the detected kind
    indicator: str | None = None


@dataclass(frozen=True)
class Refused:
    file: str  # the name as offered
    problem: str  # English, for the command line and the log
    message: str  # Danish, for the page


@dataclass
class Preview:
    candidate: Candidate | None  # None: nothing to import
    refused: list[Refused] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # offered name -> name in sources/
    contents: list[FileContents] = field(default_factory=list)  # the added files, as read
    differences: Differences | None = None
    current: int | None = None  # the version the preview compares with

    @property
    def importable(self) -> bool:
        return self.candidate is not None


def ensure_started(store: VersionStore, *, by: str, today: dt.date, now: dt.datetime, wait: float) -> None:
    """With no version yet, so that every import has a version to roll back to: a database from before
    versions (a plain file) becomes version 1 as it is; with none at all, the embedded default data does."""
    if store.current_id() is not None:
        return
    with store.lock(wait):
        store.cleanup(now)
        if store.current_id() is None and store.adopt(by=by, now=now) is None:
            candidate = store.stage(Changes(), by=by, action="start", today=today, now=now,
                                    seed=settings.data_dir())
            store.set_aside(now)  # a file that is no database of ours is kept, not replaced by the link
            store.commit(candidate, now=now)


def prepare(store: VersionStore, offered: list[Offered], remove: tuple[str, ...] = (), *, by: str,
            today: dt.date, now: dt.datetime, preview: bool, limit: int | None = 50) -> Preview:
    """Check and read ``offered``, then build the version they (and ``remove``) make of the current one.
    ``preview``: built beside the store for the app to show (no lock); else the caller holds the lock."""
    current = store.current_id()
    existing = {f.sha256: f.file for f in store.version(current).files} if current is not None else {}
    ref = load_reference(store.reference_dir)
    refused: list[Refused] = []
    accepted: list[NewFile] = []
    names: dict[str, str] = {}
    taken: set[str] = set()
    for item in offered:
        try:
            data = item.path.read_bytes()
            upload = check_upload(item.name, data, settings.max_upload_bytes())
            del data
            if upload.sha256 in existing:
                refused.append(Refused(item.name, f"same content as {existing[upload.sha256]}, already loaded",
                                       f"Filen {item.name} har samme indhold som {existing[upload.sha256]}, "
                                       "der allerede er indlæst."))
                continue
            name = _unique(upload.name, taken)
            # Read before building: a file that cannot be read at all is refused, not added to the sources.
            parse_file(item.path, ref, kind=item.kind, indicator=item.indicator, stream=True, head=True)
        except LoaderError as exc:
            # The problem without the path: an upload's bytes sit in a temporary file the user never named.
            refused.append(Refused(item.name, getattr(exc, "problem", str(exc)), exc.message))
            continue
        except OSError as exc:
            refused.append(Refused(item.name, f"cannot read: {exc.strerror or exc}",
                                   f"Filen {item.name} kunne ikke læses."))
            continue
        taken.add(name)
        names[item.name] = name
        accepted.append(NewFile(item.path, name, item.kind, item.indicator))
    if not accepted and not remove:
        return Preview(None, refused, names, current=current)
    # Built on the version read above (and compared with it): should another import come first, "Indlæs"
    # is refused as stale rather than serving something nobody previewed. With no version yet, on the
    # default data, as the first import will be.
    def staged(files: list[NewFile]) -> Candidate:
        return store.stage(Changes(tuple(files), tuple(remove)), by=by, action="import" if files else "remove",
                           today=today, now=now, preview=preview, parent=current,
                           seed=settings.data_dir() if current is None else None)

    candidate = staged(accepted)
    # A file whose head read but whose whole did not (a limit reached half-way, a row that breaks the table)
    # is refused, never imported as an unreadable or partial source: the version is built again without it.
    failed = {s["file"].removeprefix("sources/"): s["reason"] for s in candidate.report.skipped}
    broken = [f for f in accepted if f.name in failed]
    if broken:
        store.discard(candidate)
        for f in broken:
            offered_name = next(o for o, n in names.items() if n == f.name)
            problem = failed[f.name]
            refused.append(Refused(offered_name, problem, f"Filen {offered_name} er ikke indlæst: {danish(problem)}."))
            del names[offered_name]
        accepted = [f for f in accepted if f not in broken]
        if not accepted and not remove:
            return Preview(None, refused, names, current=current)
        candidate = staged(accepted)
    contents = file_contents(candidate.db, [f.name for f in accepted], limit)
    if accepted and not remove and not any(c.accepted for c in contents):
        store.discard(candidate)  # every row rejected: nothing to import, but the reasons are shown
        refused += [Refused(item.name, f"no row could be read ({c.rejected} rejected)",
                            f"Filen {item.name}: ingen rækker kunne læses ({c.rejected} afvist; se hvorfor nedenfor).")
                    for item in offered if item.name in names for c in contents if c.file == names[item.name]]
        return Preview(None, refused, names, contents, None, current)
    if current is not None:
        served: Path | None = store.root / f"{current:06d}" / DB_NAME
    else:  # a database from before versions, if any
        served = store.db_path if store.db_path.is_file() else None
    return Preview(candidate, refused, names, contents, differences(candidate.db, served), current)


def commit(store: VersionStore, preview: Preview, *, by: str, now: dt.datetime, wait: float = 0.0) -> Version:
    """Make the previewed version current (StalePreview when another import came first, ImportBusy when one
    is running)."""
    assert preview.candidate is not None
    with store.lock(wait):
        store.cleanup(now, keep=preview.candidate.dir)
        return store.commit(preview.candidate, by=by, now=now)


def import_files(store: VersionStore, offered: list[Offered], remove: tuple[str, ...] = (), *, by: str,
                 today: dt.date, now: dt.datetime, wait: float, limit: int | None = 50) -> tuple[Preview, Version | None]:
    """The command line's import: checked, built and made current under the lock, so that a scheduled job
    and the app never interleave."""
    ensure_started(store, by=by, today=today, now=now, wait=wait)
    with store.lock(wait):
        store.cleanup(now)
        result = prepare(store, offered, remove, by=by, today=today, now=now, preview=False, limit=limit)
        if result.candidate is None:
            return result, None
        return result, store.commit(result.candidate, by=by, now=now)


def rollback(store: VersionStore, version: int, *, by: str, now: dt.datetime, wait: float) -> Version:
    with store.lock(wait):
        store.cleanup(now)
        return store.rollback(version, by=by, now=now)


def saved_upload(folder: Path, name: str, data: bytes) -> Path:
    """An upload's bytes in a private folder of its own, under its sanitised name (so that a message about
    the file names it as the user knows it; the name as given is never used as a path)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=folder, prefix="upload-")) / safe_name(name)
    path.write_bytes(data)
    return path


def _unique(name: str, taken: set[str]) -> str:
    """Two uploads with the same name in one import keep both: the second gets " (2)"."""
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, dot + ext) if stem else (name, "")
    n = 2
    while f"{stem} ({n}){ext}" in taken:
        n += 1
    return f"{stem} ({n}){ext}"
