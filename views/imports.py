"""Indlæs data and the versions on Datakilder, worded in Danish: what each offered file holds, what an import
would change against the data shown now, and who made which version when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from domain.decisions import KIND_LABELS
from domain.formatting import date_short, number, period_label
from loaders.danish import danish
from store.diff import Count, DemoSeries, FileContents, Place
from store.imports import Preview
from store.versions import Event, Version

KINDS = {"initiatives": "Overblik over indsatser", "minutes": "Referat", "status_report": "Statusrapport",
         "indicators": "Indikatortabel (udtræk)"}
LEVELS = {"municipality": "kommuner", "cluster": "klynger", "region": "regioner", "national": "hele landet"}
ACTIONS = {"start": "Standarddata", "import": "Indlæsning", "remove": "Filer fjernet", "build": "Bygget fra standarddata",
           "rebuild": "Genopbygget", "rollback": "Rullet tilbage", "recovered": "Genoprettet",
           "adopt": "Overtaget database (uændret)"}
TABLE_WORDS = {  # table: (one, many, one changed, many changed, neuter: "nyt"/"fjernet" vs "ny")
    "observations": ("observation", "observationer", "ændret værdi", "ændrede værdier", False),
    "derived": ("beregnet tal", "beregnede tal (klynge- og regionssummer, nøgletal)", "ændret beregnet tal",
                "ændrede beregnede tal", True),
    "meetings": ("mødedato", "mødedatoer", "ændret møde", "ændrede møder", False),
    "agenda_items": ("dagsordenspunkt", "dagsordenspunkter", "ændret dagsordenspunkt", "ændrede dagsordenspunkter",
                     True),
    "initiatives": ("indsats", "indsatser", "ændret indsats", "ændrede indsatser", False),
    "agreements": ("aftale", "aftaler", "ændret aftale", "ændrede aftaler", False),
}


@dataclass(frozen=True)
class FileCard:
    offered: str  # the name the user gave
    name: str  # the name it gets among the sources
    kind: str | None
    kind_label: str
    status: str  # "Læst" or why not
    counts: str  # "170 rækker læst, 1 afvist"
    ranges: pd.DataFrame  # Indikator, Niveau, Rækker, Steder, Fra, Til
    initiatives: pd.DataFrame  # Indsats, Tid, Vindue, Status
    meetings: tuple[str, ...]
    agenda: pd.DataFrame  # Punkt, Titel, Beslutning
    rejections: pd.DataFrame  # Linje, Problem (Danish)
    more: tuple[str, ...]  # "og 12 afviste rækker mere"


@dataclass(frozen=True)
class ImportAnswer:
    importable: bool
    files: tuple[FileCard, ...]
    refused: tuple[str, ...]  # Danish, one sentence a file
    summary: str  # "170 nye observationer, 3 ændrede værdier, 1 ny mødedato"
    changes: tuple[str, ...]  # one line a table that changes
    by_indicator: pd.DataFrame  # Indikator, Nye, Ændrede, Fjernede
    demo: tuple[str, ...]  # demonstration series a real extract replaces
    files_changed: tuple[str, ...]  # files added, replaced, removed
    based_on: str


def _plural(n: int, one: str, many: str) -> str:
    return f"{number(n)} {one if n == 1 else many}"


def _new(n: int, one: str, many: str, neuter: bool) -> str:
    return f"{number(n)} {('nyt' if neuter else 'ny') if n == 1 else 'nye'} {one if n == 1 else many}"


def change_words(table: str, count: Count) -> list[str]:
    """``Count(12, 3, 1)`` of observations → ["12 nye observationer", "3 ændrede værdier", "1 fjernet observation"]."""
    one, many, changed_one, changed_many, neuter = TABLE_WORDS[table]
    words = []
    if count.added:
        words.append(_new(count.added, one, many, neuter))
    if count.changed:
        words.append(_plural(count.changed, changed_one, changed_many))
    if count.removed:
        words.append(f"{number(count.removed)} {'fjernet' if count.removed == 1 else 'fjernede'} "
                     f"{one if count.removed == 1 else many}")
    return words


def _day(iso: str | None) -> str:
    return date_short(dt.date.fromisoformat(iso[:10])) if iso else "–"


def _card(offered: str, contents: FileContents) -> FileCard:
    kind_label = KINDS.get(contents.kind or "", "ukendt")
    status = "Læst" if contents.status == "loaded" else "Kunne ikke læses"
    counts = f"{_plural(contents.accepted, 'række', 'rækker')} læst, {number(contents.rejected)} afvist"
    ranges = pd.DataFrame(
        [{"Indikator": r.name, "Niveau": LEVELS.get(r.geo_level, r.geo_level), "Rækker": r.rows, "Steder": r.places,
          "Fra": period_label(r.first), "Til": period_label(r.last)} for r in contents.indicators],
        columns=["Indikator", "Niveau", "Rækker", "Steder", "Fra", "Til"])
    initiatives = pd.DataFrame(
        [{"Indsats": title, "Tid": time or "–",
          "Vindue": f"{_day(start)} – {_day(end)}" if start or end else "tidsangivelsen kunne ikke læses",
          "Status": status_text or "–"} for title, time, start, end, status_text in contents.initiatives],
        columns=["Indsats", "Tid", "Vindue", "Status"])
    meetings = tuple(f"{forum or 'ukendt forum'}, {_day(day)}" + (f", {place}" if place else "")
                     for forum, day, place in contents.meetings)
    agenda = pd.DataFrame([{"Punkt": n, "Titel": title, "Beslutning": KIND_LABELS.get(kind, kind or "–")}
                           for n, title, kind in contents.agenda], columns=["Punkt", "Titel", "Beslutning"])
    rejections = pd.DataFrame([{"Linje": line, "Problem": danish(reason)} for line, reason in contents.rejections],
                              columns=["Linje", "Problem"])
    more_words = {"rejections": "afviste rækker", "initiatives": "indsatser", "agenda": "dagsordenspunkter"}
    more = tuple(f"… og {number(n)} {more_words[k]} mere" for k, n in contents.more.items())
    if contents.message:
        more += (danish(contents.message),)
    return FileCard(offered, contents.file, contents.kind, kind_label, status, counts, ranges, initiatives,
                    meetings, agenda, rejections, more)


def import_answer(preview: Preview) -> ImportAnswer:
    """The preview an analyst reads before pressing Indlæs or Fortryd."""
    offered_by_name = {name: offered for offered, name in preview.names.items()}
    files = tuple(_card(offered_by_name.get(c.file, c.file), c) for c in preview.contents)
    # A general "could not be read" gets its reason; a specific message already says it. The page has a Type
    # choice where the command line has --kind.
    refused = tuple((r.message + (f" ({danish(r.problem)})" if r.message.endswith("kunne ikke læses.") else ""))
                    .replace("angiv slagsen med --kind", "vælg typen ovenfor") for r in preview.refused)
    diff = preview.differences
    changes: list[str] = []
    summary_parts: list[str] = []
    by_indicator = pd.DataFrame(columns=["Indikator", "Nye", "Ændrede", "Fjernede"])
    demo: tuple[str, ...] = ()
    files_changed: list[str] = []
    if diff is not None:
        for table, count in diff.tables.items():
            words = change_words(table, count)
            if table == "derived":  # the summary names what the files hold; this follows from it
                changes.extend(["Afledt af filerne: " + ", ".join(words)] if words else [])
            else:
                summary_parts.extend(words)
        names = {r.indicator: r.name for f in preview.contents for r in f.indicators}
        by_indicator = pd.DataFrame(
            [{"Indikator": names.get(k, k), "Nye": c.added, "Ændrede": c.changed, "Fjernede": c.removed}
             for k, c in diff.by_indicator.items() if c.any], columns=["Indikator", "Nye", "Ændrede", "Fjernede"])
        demo = tuple(demo_line(d) for d in diff.demo_replaced)
        if diff.new_meetings:
            changes.append("Nye møder: " + "; ".join(f"{forum}, {_day(day)}" for forum, day in diff.new_meetings))
    if preview.candidate is not None:
        version = preview.candidate.version
        files_changed += [f"Ny fil: {n}" for n in version.added]
        files_changed += [f"Erstatter den indlæste fil med samme navn: {n}" for n in version.replaced]
        files_changed += [f"Fjernes: {n}" for n in version.removed]
    summary = ", ".join(summary_parts) if summary_parts else "Ingen ændringer i de viste data."
    based_on = f"Sammenlignet med version {preview.current}, som vises nu." if preview.current is not None else ""
    return ImportAnswer(preview.importable, files, refused, summary, tuple(changes), by_indicator, demo,
                        tuple(files_changed), based_on)


@dataclass(frozen=True)
class VersionsAnswer:
    table: pd.DataFrame  # Version, Lavet, Af, Hvad, Filer, Rækker indlæst, Rækker afvist, Vises nu
    history: tuple[str, ...]  # rollbacks and the like, newest first
    ids: tuple[int, ...]  # versions one may roll back to (not the current one), newest first
    labels: dict[int, str]
    current: int | None
    files: dict[int, pd.DataFrame]  # Fil, SHA-256, Type, Indlæst, Afvist, Indlæst af


def _when(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return f"{date_short(moment.date())} kl. {moment:%H:%M}"


def _what(version: Version) -> str:
    parts = [ACTIONS.get(version.action, version.action)]
    if version.added:
        parts.append("nye: " + ", ".join(version.added))
    if version.replaced:
        parts.append("erstattet: " + ", ".join(version.replaced))
    if version.removed:
        parts.append("fjernet: " + ", ".join(version.removed))
    return "; ".join(parts)


def versions_answer(versions: list[Version], events: list[Event], current: int | None) -> VersionsAnswer:
    table = pd.DataFrame([{
        "Version": v.id, "Lavet": _when(v.created), "Af": v.by, "Hvad": _what(v), "Filer": len(v.files),
        "Rækker indlæst": v.accepted, "Rækker afvist": v.rejected, "Vises nu": "✓" if v.id == current else ""}
        for v in versions], columns=["Version", "Lavet", "Af", "Hvad", "Filer", "Rækker indlæst", "Rækker afvist",
                                     "Vises nu"])
    history = tuple(f"{_when(e.at)}: {e.by} rullede tilbage til version {e.version}"
                    for e in reversed(events) if e.action == "rollback")
    labels = {v.id: f"Version {v.id} · {_when(v.created)} · {v.by} · {_what(v)}" for v in versions}
    files = {v.id: pd.DataFrame([{"Fil": f.file, "SHA-256": f.sha256, "Type": KINDS.get(f.kind or "", "–"),
                                  "Indlæst": f.accepted, "Afvist": f.rejected, "Indlæst af": f.added_by or "–"}
                                 for f in v.files], columns=["Fil", "SHA-256", "Type", "Indlæst", "Afvist", "Indlæst af"])
             for v in versions}
    return VersionsAnswer(table, history, tuple(v.id for v in versions if v.id != current), labels, current, files)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]


_PLURAL = {"cluster": ("klynge", "klynger"), "municipality": ("kommune", "kommuner")}


def _places(places: tuple[Place, ...], many: int = 6) -> str:
    """The places by name, or by count per level when there are many (the region by its name)."""
    if len(places) <= many:
        return _listed([p.name for p in places])
    words = [p.name for p in places if p.level == "region"]
    for level, (one, more) in _PLURAL.items():
        n = sum(p.level == level for p in places)
        words += [f"{number(n)} {one if n == 1 else more}"] if n else []
    return _listed(words)


def demo_line(d: DemoSeries) -> str:
    """Which places of a series the import gives real numbers, and which keep Eksempeldata."""
    if not d.kept:
        return f"Eksempeldata for {d.name} i {d.region} erstattes af de indlæste tal."
    return (f"Eksempeldata for {d.name} erstattes af de indlæste tal for {_places(d.places)}; "
            f"Eksempeldata beholdes for {_places(d.kept)}.")

