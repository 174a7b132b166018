"""The shared filter bar's state: region, cluster and quarter range, as they
travel in the URL (``?region=1082&klynge=vest&fra=2024-Q1&til=2025-Q4``).

Invalid values fall back to defaults with a Danish note, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from domain.formatting import quarter_label
from domain.periods import is_quarter, quarter_bounds, quarter_of, quarter_range

KEYS = ("region", "klynge", "fra", "til")
WHOLE_REGION = "Hele regionen"


@dataclass(frozen=True)
class Filters:
    region: str
    cluster: str | None
    first: str
    last: str

    def params(self) -> dict[str, str]:
        out = {"region": self.region, "fra": self.first, "til": self.last}
        if self.cluster:
            out["klynge"] = self.cluster
        return out

    def date_range(self) -> tuple[dt.date, dt.date]:
        return quarter_bounds(self.first)[0], quarter_bounds(self.last)[1]


@dataclass(frozen=True)
class Choices:
    """What the filter bar can offer: region codes → names, clusters per region, quarters."""

    regions: Mapping[str, str]
    clusters: Mapping[str, Mapping[str, str]]  # region code → {cluster id: name}
    quarters: Sequence[str]
    default: tuple[str, str] | None = None  # the range shown when the link names none (default_range)


DEFAULT_QUARTERS = 8


def default_range(quarters: Sequence[str], today: dt.date, newest: dt.date | None = None) -> tuple[str, str]:
    """The last eight quarters among ``quarters`` up to the quarter of ``newest`` (the newest source or real
    data: the data, not the clock, sets the range), and never past the last quarter that ended before
    ``today``: an unfinished quarter is never the default, its months are not all there yet."""
    end = last_whole_quarter(today)
    if newest is not None:
        end = min(end, quarter_of(newest))
    whole = [q for q in quarters if q <= end] or list(quarters[:1])
    last = whole[-1]
    first = whole[max(0, len(whole) - DEFAULT_QUARTERS)]
    return first, last


def last_whole_quarter(today: dt.date) -> str:
    """The last quarter that had ended before ``today``."""
    return quarter_of(quarter_bounds(quarter_of(today))[0] - dt.timedelta(days=1))


def quarters_spanning(days: Sequence[dt.date], today: dt.date) -> list[str]:
    """Every whole quarter from the earliest date in the data to the last one that ended before ``today``
    (a plan's window reaching into later quarters does not make them choosable)."""
    last = last_whole_quarter(today)
    first = quarter_of(min(days)) if days else quarter_of(dt.date(today.year - 1, 1, 1))
    return quarter_range(min(first, last), last)


def resolve(params: Mapping[str, str], choices: Choices) -> tuple[Filters, list[str]]:
    """Filters from URL parameters, and a note for every value that was not valid."""
    notes: list[str] = []
    region_codes = list(choices.regions)
    region = params.get("region") or region_codes[0]
    if region not in choices.regions:
        notes.append(f"Ukendt region '{region}' i linket – viser {choices.regions[region_codes[0]]}.")
        region = region_codes[0]
    cluster = params.get("klynge") or None
    clusters = choices.clusters.get(region, {})
    if cluster is not None and cluster not in clusters:
        notes.append(f"Klyngen '{cluster}' findes ikke i {choices.regions[region]} – viser {WHOLE_REGION.lower()}.")
        cluster = None
    quarters = list(choices.quarters)
    start, end = choices.default or (quarters[0], quarters[-1])
    first, last = params.get("fra") or start, params.get("til") or end
    # An invalid end falls back to the default range, not to the ends of the list.
    for name, value, fallback in (("fra", first, start), ("til", last, end)):
        if not is_quarter(value) or value not in quarters:
            notes.append(f"Kvartalet '{value}' ({name}) er ugyldigt eller uden for data – "
                         f"bruger {quarter_label(fallback)}.")
            if name == "fra":
                first = fallback
            else:
                last = fallback
    if first > last:
        notes.append("Fra-kvartalet lå efter til-kvartalet – de er byttet om.")
        first, last = last, first
    return Filters(region, cluster, first, last), notes


def place_label(filters: Filters, choices: Choices) -> str:
    """``Vestklyngen, Region Midtjylland`` or ``Region Midtjylland``."""
    region = choices.regions[filters.region]
    if filters.cluster:
        return f"{choices.clusters[filters.region][filters.cluster]}, {region}"
    return region


def period_label(filters: Filters) -> str:
    if filters.first == filters.last:
        return quarter_label(filters.first)
    return f"{quarter_label(filters.first)} – {quarter_label(filters.last)}"


def of_region(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    """Rows from documents about ``region`` (or about no region in particular)."""
    if frame.empty:
        return frame
    return frame[frame["region"].isna() | (frame["region"] == region)]


@dataclass(frozen=True)
class Chosen:
    """Filters with the names they mean: what a page header, a view and a slide call the choice."""

    filters: Filters
    choices: Choices

    @property
    def code(self) -> str:
        return self.filters.cluster or self.filters.region

    @property
    def region_name(self) -> str:
        return self.choices.regions[self.filters.region]

    @property
    def cluster_name(self) -> str | None:
        return self.choices.clusters[self.filters.region][self.filters.cluster] if self.filters.cluster else None

    @property
    def place_name(self) -> str:
        """``Vestklyngen`` or ``Region Midtjylland``: the place on its own."""
        return self.cluster_name or self.region_name

    @property
    def place(self) -> str:
        """``Vestklyngen, Region Midtjylland``."""
        return place_label(self.filters, self.choices)

    @property
    def period(self) -> str:
        return period_label(self.filters)
