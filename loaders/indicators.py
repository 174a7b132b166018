"""Indicator extracts: CSV or XLSX, long (one observation a row) or wide
(periods as columns, as Danmarks Statistik exports them).

Every cell that cannot be read becomes a rejection with its line; ``..`` is
"not published" and neither an observation nor a rejection.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from domain.periods import BadPeriod, parse_period
from loaders.errors import RowRejected, UnreadableFile
from loaders.numbers import is_not_published, parse_number
from loaders.reference import Reference, norm
from loaders.text import ZIP_MAGIC, read_text

ROLE_NAMES = {
    "indicator": {"indikator", "indicator", "indikator id", "id", "nøgletal", "indicator_id"},
    "geo": {"geografi", "geo", "område", "omraade", "kommune", "region", "klynge", "enhed", "navn", "geography"},
    "geo_code": {"geo_code", "kode", "kommunekode", "regionskode", "geokode", "områdekode", "code"},
    "period": {"periode", "period", "tid", "måned", "maaned", "kvartal", "år", "aar", "dato", "date", "time"},
    "value": {"værdi", "vaerdi", "value", "antal", "andel", "indhold"},
    "numerator": {"tæller", "taeller", "numerator"},
    "denominator": {"nævner", "naevner", "denominator"},
}


def _role(header: str) -> str | None:
    key = norm(header).replace(" ", "_") if "_" in header else norm(header)
    for role, names in ROLE_NAMES.items():
        if key in names or key.replace("_", " ") in names:
            return role
    return None


Rows = Iterator[tuple[int, list[str]]]


def read_rows(path: Path, data: bytes) -> Rows:
    """The file's rows with their line numbers (1-based), as text cells, one at a time."""
    if data.startswith(ZIP_MAGIC):
        return iter(_xlsx_rows(path, data))
    text = read_text(path, data)
    sample = "\n".join(line for line in text[:20000].split("\n")[:30] if line.strip())
    counts = {d: sample.count(d) for d in (";", "\t", ",")}
    delimiter = max(counts, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        raise UnreadableFile(str(path), "no columns found: expected a ';', ',' or tab separated table")
    return _csv_rows(path, text, delimiter)


def _csv_rows(path: Path, text: str, delimiter: str) -> Rows:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            yield reader.line_num, [c.strip() for c in row]
    except csv.Error as exc:
        raise UnreadableFile(str(path), f"line {reader.line_num}: {exc}") from None


def _xlsx_rows(path: Path, data: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl  # imported here: only XLSX files need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(str(path), f"not a readable XLSX workbook (damaged or truncated: {exc})") from None
    sheet = book.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif hasattr(value, "isoformat"):
                cells.append(value.isoformat()[:10])
            elif isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
                cells.append(repr(value))
            else:
                cells.append(str(value).strip())
        rows.append((number, cells))
    book.close()
    return rows


def _is_period(cell: str) -> bool:
    try:
        parse_period(cell)
    except BadPeriod:
        return False
    return True


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, str]:
    """Index of the header row and the table's shape: long or wide."""
    for i, (_, cells) in enumerate(rows[:20]):
        roles = {_role(c) for c in cells if c}
        if "value" in roles and ("period" in roles or "indicator" in roles):
            return i, "long"
        nonempty = [c for c in cells if c]
        periods = [c for c in nonempty if _is_period(c)]
        if len(periods) >= 1 and len(periods) >= len(nonempty) - 3 and not _is_period(cells[0] or "x"):
            return i, "wide"
    raise RowRejected("no header row: expected columns such as indikator, geografi, periode, værdi, "
                      "or periods as column headings")


Observation = tuple[str, str, str, str, float, float | None, float | None, int]
"""(indicator, geo_level, geo_code, period, value, numerator, denominator, line)"""


class _Sink:
    def __init__(self) -> None:
        self.rejected: list[dict[str, Any]] = []
        self.not_published = 0
        self.empty = 0

    def reject(self, line: int, reason: str) -> None:
        self.rejected.append({"line": line, "reason": reason})


Check = Callable[..., "Observation | None"]


def _checker(ref: Reference, sink: _Sink) -> Check:
    """A function that turns a row's cells into an observation or a rejection. The indicator and
    place cells are checked once a pair (a million-row extract has a few thousand pairs); it is a
    closure rather than a method because it runs once a row."""
    percent = {i for i, row in ref.indicators.items() if row["unit"] == "percent"}
    pairs: dict[tuple[str, str, str], tuple[str, str, str] | str] = {}
    reject = sink.reject

    def pair_of(indicator: str, geo: str, geo_code: str) -> tuple[str, str, str] | str:
        try:
            ind = ref.indicator(indicator)
            place = ref.place(geo_code or geo)
            if geo and geo_code and ref.place(geo).code != place.code:
                raise RowRejected(f"geography '{geo}' does not match code {geo_code}")
            return ind, place.level, place.code
        except RowRejected as exc:
            return str(exc)

    def observation(line: int, indicator: str, geo: str, geo_code: str, period: str, value: str,
                    numerator: str = "", denominator: str = "") -> Observation | None:
        if is_not_published(value):
            sink.not_published += 1
            return None
        pair = pairs.get((indicator, geo, geo_code))
        if pair is None:
            pair = pairs[(indicator, geo, geo_code)] = pair_of(indicator, geo, geo_code)
        if isinstance(pair, str):
            reject(line, pair)
            return None
        try:
            per = parse_period(period)
            val = parse_number(value)
            num = parse_number(numerator) if numerator and not is_not_published(numerator) else None
            den = parse_number(denominator) if denominator and not is_not_published(denominator) else None
        except (RowRejected, BadPeriod) as exc:
            reject(line, str(exc))
            return None
        if pair[0] in percent and not 0 <= val <= 100:
            reject(line, f"percent value {value!r} is outside 0-100")
            return None
        return (pair[0], pair[1], pair[2], per, val, num, den, line)

    return observation


def _long(ref: Reference, rows: Rows, header: list[str], sink: _Sink,
          default_indicator: str | None) -> Iterator[Observation]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(header):
        role = _role(cell)
        if role and role not in roles:
            roles[role] = i
    if "indicator" not in roles and not default_indicator:
        raise RowRejected("no indicator column (indikator) and no indicator given")
    if "geo" not in roles and "geo_code" not in roles:
        raise RowRejected("no geography column (geografi or kode)")
    if "period" not in roles:
        raise RowRejected("no period column (periode)")
    return _long_rows(ref, rows, header, sink, default_indicator, roles)


def _long_rows(ref: Reference, rows: Rows, header: list[str], sink: _Sink, default_indicator: str | None,
               roles: dict[str, int]) -> Iterator[Observation]:
    width, needed = len(header), max(roles.values())
    columns = [roles.get(r, -1) for r in ("indicator", "geo", "geo_code", "period", "value", "numerator",
                                          "denominator")]
    pick = operator.itemgetter(*[max(c, 0) for c in columns])
    missing = [i for i, c in enumerate(columns) if c < 0]
    check = _checker(ref, sink)
    for line, cells in rows:
        if len(cells) < width:
            if not any(cells):
                continue
            if len(cells) <= needed:
                sink.reject(line, f"expected {width} columns, found {len(cells)} (truncated row?)")
                continue
            cells = cells + [""] * (width - len(cells))
        got = list(pick(cells))
        for i in missing:
            got[i] = ""
        ind, geo, code, period, value, num, den = got
        if not value:
            sink.reject(line, "empty value")
            continue
        found = check(line, ind or default_indicator or "", geo, code, period, value, num, den)
        if found:
            yield found


def _wide(ref: Reference, rows: Rows, header: list[str], sink: _Sink,
          default_indicator: str | None) -> Iterator[Observation]:
    first_period = next(i for i, c in enumerate(header) if c and _is_period(c))
    labels = list(range(first_period))
    check = _checker(ref, sink)
    for line, cells in rows:
        if not any(cells):
            continue
        label_cells = [cells[i] if i < len(cells) else "" for i in labels]
        indicator = default_indicator
        geo = ""
        for cell in label_cells:
            if not cell:
                continue
            try:
                indicator = ref.indicator(cell)
                continue
            except RowRejected:
                pass
            geo = cell
        if not indicator:
            sink.reject(line, f"no known indicator among {label_cells}")
            continue
        if not geo:
            sink.reject(line, "no geography in the row's label cells")
            continue
        for col in range(first_period, len(header)):
            if not header[col]:
                continue
            value = cells[col] if col < len(cells) else ""
            if not value:
                sink.empty += 1
                continue
            found = check(line, indicator, geo, "", header[col], value)
            if found:
                yield found


def indicator_from_title(ref: Reference, rows: list[tuple[int, list[str]]]) -> str | None:
    """An indicator named in a title line above the header (Danmarks Statistik style)."""
    for _, cells in rows:
        for cell in cells:
            if not cell:
                continue
            try:
                return ref.indicator(re.sub(r"^[A-ZÆØÅ0-9]+:\s*", "", cell))
            except RowRejected:
                continue
    return None


def read_indicator_table(path: Path, data: bytes, ref: Reference,
                         indicator: str | None = None) -> tuple[str, Iterator[Observation], _Sink]:
    """The table's shape, its observations one at a time, and the sink that collects
    rejections and counts while they are read. UnreadableFile when the table cannot be read."""
    rows = read_rows(path, data)
    head = list(itertools.islice(rows, 20))
    if not any(any(cells) for _, cells in head):
        raise UnreadableFile(str(path), "the table has no rows")
    try:
        index, shape = _find_header(head)
    except RowRejected as exc:
        raise UnreadableFile(str(path), str(exc)) from None
    header_line, header = head[index]
    default = indicator or indicator_from_title(ref, head[:index])
    sink = _Sink()
    rest = itertools.chain(head[index + 1:], rows)
    try:
        observations = (_long if shape == "long" else _wide)(ref, rest, header, sink, default)
    except RowRejected as exc:
        raise UnreadableFile(str(path), f"line {header_line}: {exc}") from None
    return shape, observations, sink


def as_dict(obs: Observation, ref: Reference) -> dict[str, Any]:
    ind, level, code, period, value, num, den, line = obs
    return {"indicator": ind, "geo": ref.places[code].name, "geo_code": code, "geo_level": level,
            "period": period, "value": value, "numerator": num, "denominator": den, "line": line}


def parse_indicator_table(path: Path, data: bytes, ref: Reference, indicator: str | None = None) -> dict[str, Any]:
    shape, observations, sink = read_indicator_table(path, data, ref, indicator)
    found = [as_dict(o, ref) for o in observations]
    return {"shape": shape, "observations": found, "rejected": sink.rejected,
            "not_published": sink.not_published, "empty_cells": sink.empty}
