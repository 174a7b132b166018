"""Reference data: geography (one CSV per region) and the indicator catalogue."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import UnknownGeography, UnknownIndicator, UnreadableFile
from loaders.figures import KINDS as FIGURE_KIND_NAMES
from loaders.figures import UNITS as FIGURE_UNIT_NAMES
from loaders.figures import Measure
from loaders.text import read_text

GEO_COLUMNS = ["level", "code", "name", "parent", "hospital", "aliases"]
INDICATOR_COLUMNS = [
    "id", "name", "short_name", "unit", "direction", "frequency", "geo_levels",
    "target", "target_note", "headline", "aliases",
]
UNITS = {"count", "percent", "score"}
FIGURE_UNITS = set(FIGURE_UNIT_NAMES)
FIGURE_KINDS = set(FIGURE_KIND_NAMES)
DIRECTIONS = {"up", "down"}


def norm(text: str) -> str:
    """Case, spacing and punctuation-insensitive key for names."""
    text = text.replace("\u00a0", " ").lower()
    text = re.sub(r"\b(kommune|region)\b", lambda m: m[0], text)
    return re.sub(r"[\s\-–,.()]+", " ", text).strip()


@dataclass(frozen=True)
class Place:
    level: str  # region | cluster | municipality
    code: str
    name: str
    parent: str
    region: str
    hospital: str = ""
    population: int = 0  # approximate, rounded; only spreads demo data over municipalities


@dataclass
class Reference:
    places: dict[str, Place] = field(default_factory=dict)  # by code
    names: dict[str, str] = field(default_factory=dict)  # norm(name or alias) → code
    indicators: dict[str, dict[str, str]] = field(default_factory=dict)
    indicator_names: dict[str, str] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)  # named things that link decisions to initiatives
    measures: list[Measure] = field(default_factory=list)  # what the minutes are read for (loaders.figures)
    _lookups: dict[tuple[str, str], Place | str] = field(default_factory=dict, repr=False)

    def place_names(self) -> dict[str, str]:
        """Every place's name and aliases, lower case, to its code (for figures read from running text)."""
        return dict(self.names)  # keyed by norm(name), as loaders.figures looks them up

    def regions(self) -> list[Place]:
        return [p for p in self.places.values() if p.level == "region"]

    def clusters(self, region: str | None = None) -> list[Place]:
        return [p for p in self.places.values()
                if p.level == "cluster" and (region is None or p.region == region)]

    def municipalities(self, cluster: str | None = None, region: str | None = None) -> list[Place]:
        return [p for p in self.places.values() if p.level == "municipality"
                and (cluster is None or p.parent == cluster)
                and (region is None or p.region == region)]

    def place(self, text: str) -> Place:
        """A place by official code, cluster id, name or alias; UnknownGeography otherwise."""
        found = self._remembered("place", text, self._place)
        assert isinstance(found, Place)
        return found

    def _place(self, text: str) -> Place:
        key = text.strip()
        if key.isdigit() and key.lstrip("0") in self.places:
            return self.places[key.lstrip("0")]
        if key in self.places:
            return self.places[key]
        code = self.names.get(norm(key)) or self.names.get(norm(re.sub(r"\s*kommune$", "", key, flags=re.I)))
        if code:
            return self.places[code]
        raise UnknownGeography(f"unknown geography '{key}'")

    def indicator(self, text: str) -> str:
        """A catalogue id by id, Danish name or alias; UnknownIndicator otherwise."""
        found = self._remembered("indicator", text, self._indicator)
        assert isinstance(found, str)
        return found

    def _remembered(self, kind: str, text: str, look_up: Callable[[str], Place | str]) -> Place | str:
        """Extracts name the same few places and indicators a million times: look each up once."""
        key = (kind, text)
        if key not in self._lookups:
            self._lookups[key] = look_up(text)
        return self._lookups[key]

    def _indicator(self, text: str) -> str:
        key = text.strip()
        if key in self.indicators:
            return key
        found = self.indicator_names.get(norm(key))
        if found:
            return found
        raise UnknownIndicator(f"unknown indicator '{key}'")


def _rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    text = read_text(path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise UnreadableFile(str(path), f"line 1: missing column(s) {', '.join(missing)}")
    return [(i + 2, {k: (v or "").strip() for k, v in row.items() if k}) for i, row in enumerate(reader)]


MEASURE_COLUMNS = ["id", "topic", "names", "cues", "unit", "kind", "label", "indicator"]


def _measures(path: Path, ref: Reference) -> list[Measure]:
    out = []
    for line, row in _rows(path, MEASURE_COLUMNS):
        if row["unit"] not in FIGURE_UNITS:
            raise UnreadableFile(str(path), f"line {line}: unit must be one of {sorted(FIGURE_UNITS)}, not {row['unit']!r}")
        if row["kind"] not in FIGURE_KINDS:
            raise UnreadableFile(str(path), f"line {line}: kind must be one of {sorted(FIGURE_KINDS)}, not {row['kind']!r}")
        if (row["kind"] == "date") != (row["unit"] == ""):
            raise UnreadableFile(str(path), f"line {line}: a date measure has no unit, and only a date measure")
        if row["indicator"] and row["indicator"] not in ref.indicators:
            raise UnreadableFile(str(path), f"line {line}: unknown indicator {row['indicator']!r}")
        names, cues = [tuple(w.strip() for w in row[k].split("|") if w.strip()) for k in ("names", "cues")]
        if not (row["id"] and names and cues and row["label"]):
            raise UnreadableFile(str(path), f"line {line}: a measure needs an id, names, cues and a label")
        out.append(Measure(row["id"], row["topic"] or row["id"], names, cues, row["unit"], row["kind"], row["label"],
                           row["indicator"]))
    return out


def load_reference(folder: Path) -> Reference:
    """Read ``geography/*.csv`` and ``indicators.csv``; UnreadableFile names file and line."""
    ref = Reference()
    geo_files = sorted((folder / "geography").glob("*.csv"))
    if not geo_files:
        raise UnreadableFile(str(folder / "geography"), "no geography files (*.csv)")
    for path in geo_files:
        rows = _rows(path, GEO_COLUMNS)
        region = ""
        for line, row in rows:
            level, code, name, parent = row["level"], row["code"], row["name"], row["parent"]
            if level not in {"region", "cluster", "municipality"}:
                raise UnreadableFile(str(path), f"line {line}: level must be region, cluster or municipality, not {level!r}")
            if not code or not name:
                raise UnreadableFile(str(path), f"line {line}: code and name are required")
            if code in ref.places:
                raise UnreadableFile(str(path), f"line {line}: code {code} is already used by {ref.places[code].name}")
            if level == "region":
                region = code
            elif parent not in ref.places:
                raise UnreadableFile(str(path), f"line {line}: parent {parent!r} is not defined above")
            if not region:
                raise UnreadableFile(str(path), f"line {line}: the region row must come first")
            population = row.get("population", "") or "0"
            if not population.isdigit():
                raise UnreadableFile(str(path), f"line {line}: population {population!r} is not a whole number")
            place = Place(level, code, name, parent, region, row.get("hospital", ""), int(population))
            ref.places[code] = place
            for alias in [name, *filter(None, row.get("aliases", "").split("|"))]:
                ref.names.setdefault(norm(alias), code)
    path = folder / "indicators.csv"
    for line, row in _rows(path, INDICATOR_COLUMNS):
        if row["unit"] not in UNITS:
            raise UnreadableFile(str(path), f"line {line}: unit must be one of {sorted(UNITS)}, not {row['unit']!r}")
        if row["direction"] not in DIRECTIONS:
            raise UnreadableFile(str(path), f"line {line}: direction must be up or down, not {row['direction']!r}")
        if row["target"]:
            try:
                float(row["target"])
            except ValueError:
                raise UnreadableFile(str(path), f"line {line}: target {row['target']!r} is not a number") from None
        ref.indicators[row["id"]] = row
        for alias in [row["id"], row["name"], row["short_name"], *filter(None, row["aliases"].split("|"))]:
            ref.indicator_names.setdefault(norm(alias), row["id"])
    terms = folder / "named_terms.csv"
    if terms.exists():
        ref.terms = [row["term"] for _, row in _rows(terms, ["term", "note"]) if row["term"]]
    measures = folder / "measures.csv"
    if measures.exists():
        ref.measures = _measures(measures, ref)
    return ref
