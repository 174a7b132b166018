"""What a slide shows, independent of how it is drawn: PowerPoint reads these."""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("", "median", "target", "signal")  # how a series is drawn: the data; a constant line; marked points only


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None: no point there (a gap, or a period that does not signal)
    role: str = ""  # one of ROLES


@dataclass(frozen=True)
class Bar:
    """One initiative on a Gantt slide."""

    label: str
    start: str  # ISO date
    end: str
    status: str  # derived status key
    status_label: str


@dataclass(frozen=True)
class SlideSpec:
    key: str  # what was chosen, e.g. "indicator:readmissions_30d"
    title: str  # what the chart shows, in words
    kind: str  # line | column | bar | table | gantt
    context: str  # region/cluster and quarters
    sources: tuple[str, ...] = ()
    data_date: str = ""
    demo: bool = False
    unit: str = "count"
    categories: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    bars: tuple[Bar, ...] = ()
    milestones: tuple[tuple[str, str], ...] = ()  # (ISO date, label)
    window: tuple[str, str] = ("", "")  # the time axis of a Gantt slide
    notes: str = field(default="", compare=False)

    def footer(self) -> str:
        parts = [self.context]
        if self.sources:
            parts.append("Kilde: " + "; ".join(self.sources))
        if self.data_date:
            parts.append(self.data_date)
        return " · ".join(parts)
