"""Indicator extracts: CSV, TSV or XLSX as Danmarks Statistik (DST), esundhed.dk and a region's BI
unit deliver them. Nothing changes value on the way in and no row disappears.

Layouts (``shape``), each found from the first rows of a table (a title may stand above the header):

- ``long``: one observation a row, columns named by role (indikator, område/kommune or kode,
  periode/tid, værdi/indhold, optional tæller and nævner).
- ``wide``: periods as column headings (DST's "matrix"); the columns before the first period hold the
  row's labels: the place, maybe the indicator, maybe dimension labels (DST leaves an outer label blank
  under the row that names it: it is filled down from the row above when a label to its right is given).
- ``columns``: places as column headings, periods in the rows ("Tid;Region Midtjylland;…;Total").
  A ``Total``/``I alt`` column is not a place: its cells are left out (counted).
- ``headerless``: DST's web download without a header row: label columns, then the period, then the
  value. Read when the indicator is known (``indicator`` or a title); refused otherwise, saying so.

Places may be written as DST writes them: region codes ``081``–``085`` (our 1081–1085) and
``CODE name`` cells (``751 Aarhus``; the code decides, a name that names another place is refused).
The indicator comes from an indicator column, else ``indicator``, else a title naming a catalogue
indicator ("AKUT65: <name> efter område, enhed og tid", the table code may also come in parentheses
or on a line of its own).

Numbers: each value column (in a wide or places-as-columns table: all value cells together) is read
with one convention, Danish (``1.234,5``) or English (``1,234.5``), decided before reading from the
cells that can only be read one way (``12,5`` Danish; ``12.5``, ``0.125`` English) in the first
rows, by majority; a column without such cells follows the rest of the table, else the header's
language (English for ``TIME``, ``value``, ``Total``, ``2024Q1``; Danish by default). So ``1.250`` is
1250 in a Danish table and 1.25 in an English one, and a cell is never guessed on its own: a cell that
does not follow its column's convention is rejected. A number stored as a number in XLSX is taken as
it is (a %-formatted cell as the percentage it shows).

Dimension columns (KØN, ALDER, …: a column that is no role and whose values vary): the rows of the
total (``I alt``, ``Total``, ``Alder i alt``, …) are read, the other rows are left out and counted; a
dimension without a total refuses the file, naming the column: subgroups are never mixed into one series.
The same holds for groups across a wide table's columns (a row of labels above the period headings).
A column whose values vary without being labels is named in ``notes`` as not read: a note column
(Note, Kilde, …) or other numbers (a population) under a heading that names no dimension. A column
whose first rows hold a single value (ENHED ``Antal``) is harmless; should it change value further
down, the file is refused there.

Accounting. The value cells of a table are: long and headerless, the value cell of each non-empty
data row; wide, the cells under the period headings; places as columns, the cells under the place and
total headings. Each ends as exactly one of: an observation, a rejected cell (with a rejection naming
its line; a row rejected whole, such as a broken line, has one rejection for all its cells), ``..``
(not published), an empty cell (wide and places as columns; in a long table an empty value is a
rejection), or a left-out cell (a subgroup row, a Total column):

    value_cells == observations + rejected_cells + not_published + empty_cells + left_out_cells

Cells outside the table (beyond the header's width, or under an empty heading) are never dropped
silently: a row with extra non-empty cells is rejected whole (its cells may be shifted), and a cell under
an empty heading is a rejection of its own (``stray_cells``). Every sheet of a workbook is read or
named in ``skipped_sheets`` with the reason; rejections of a workbook with several sheets name the sheet.

Duplicates: the same indicator, place and period twice in a file: the first is kept and the later one
rejected, naming the first's line. Across files (the build): see ``DuplicateRegistry``.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from domain.periods import MONTHS, BadPeriod, parse_period
from loaders.errors import RowRejected, UnknownGeography, UnreadableFile
from loaders.numbers import (
    CONVENTION_NAMES,
    DANISH,
    ENGLISH,
    NOT_PUBLISHED,
    SUPPRESSED_START,
    NumberCell,
    decide_convention,
    is_suppressed,
    looks_like_number,
    number_evidence,
    parse_number,
)
from loaders.reference import Place, Reference, norm
from loaders.text import ZIP_MAGIC, open_bytes, text_lines
from loaders.uploads import check_archive

HEAD_ROWS = 20  # the header is looked for among a table's first rows
SAMPLE_ROWS = 2000  # rows read ahead to decide number format, column roles and dimension columns

ROLE_NAMES = {
    "indicator": {"indikator", "indicator", "indikator id", "id", "nøgletal", "indicator_id", "indikator_id"},
    "geo": {"geografi", "geo", "område", "omraade", "kommune", "region", "klynge", "navn", "geography",
            "area", "municipality", "kommunenavn", "regionsnavn", "klyngenavn", "områdenavn", "sted", "place",
            "cluster", "sundhedsklynge", "sundhedsklynger", "klynger", "klynge navn"},
    "geo_code": {"geo_code", "kode", "kommunekode", "regionskode", "geokode", "områdekode", "code",
                 "municipality code", "region code"},
    "period": {"periode", "period", "tid", "måned", "maaned", "kvartal", "år", "aar", "dato", "date", "time",
               "month", "quarter", "year", "halvår"},
    "value": {"værdi", "vaerdi", "value", "antal", "andel", "indhold"},
    "numerator": {"tæller", "taeller", "numerator"},
    "denominator": {"nævner", "naevner", "denominator"},
}
INFO_COLUMNS = {"note", "noter", "notes", "kommentar", "kommentarer", "bemærkning", "bemærkninger", "fodnote",
                "fodnoter", "footnote", "kilde", "source", "opdateret", "updated", "udtræksdato",
                "dato for udtræk", "flag"}
ENGLISH_WORDS = {"time", "value", "indicator", "area", "municipality", "geography", "sex", "age", "unit", "period",
                 "quarter", "month", "year", "total", "content", "numerator", "denominator", "code", "date",
                 "place", "cluster"}
DANISH_WORDS = {"tid", "værdi", "vaerdi", "indhold", "område", "omraade", "kommune", "køn", "alder", "enhed",
                "periode", "indikator", "måned", "kvartal", "år", "i alt", "geografi", "kode", "tæller", "nævner",
                "antal", "andel", "dato", "klynge", "kommunekode"}
TOTALS = {"i alt", "total", "totalt", "alle", "all", "begge køn", "both sexes", "alle aldre", "all ages",
          "i alt i alt", "sum"}
_TABLE_CODE = re.compile(r"^(?:[Tt]abel\s+|[Tt]able\s+)?[A-ZÆØÅ][A-ZÆØÅ0-9_]*\s*[:.\-–]\s+")
# Possessive and anchored after a non-blank: a 3 KB run of blanks is read once, not once per blank.
_TRAILING_CODE = re.compile(r"(?<!\s)\s*+\(\s*+[A-ZÆØÅ][A-ZÆØÅ_]*+\d[A-ZÆØÅ0-9_]*+\s*+\)\s*$")
_SPACE = re.compile(r"\s")  # what str.strip() strips: a line without it has no cell to strip
_CODE_AND_NAME = re.compile(r"(\d{1,4})\s+(\D.*)")
_DST_REGION = re.compile(r"0?8[1-5]")
_QUOTED = re.compile(r'"[^"]*"|\\.')  # literal text in an Excel number format
_PERCENT_FORMAT = re.compile(r"%")
XLSX_ERRORS = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError, EOFError, zlib.error)
# Headings of dimension columns even when their labels are numbers (ages 65, 66, …).
_DIMENSION_NAME = re.compile(r"alder|age|køn|sex|gruppe|group|enhed|unit|type|kategori|categor|uddannelse")


def _role(header: str) -> str | None:
    key = norm(header).replace(" ", "_") if "_" in header else norm(header)
    for role, names in ROLE_NAMES.items():
        if key in names or key.replace("_", " ") in names:
            return role
    return None


_VALUE_UNITS = {"antal": "count", "count": "count", "number": "count", "andel": "percent", "procent": "percent",
                "pct": "percent", "percent": "percent", "percentage": "percent", "share": "percent", "%": "percent",
                "score": "score", "værdi": "", "vaerdi": "", "value": "", "indhold": ""}
# A unit after an indicator's name or a value heading, as ``norm`` leaves it (``(%)`` → `` %``), longest first.
_UNIT_SUFFIXES = [(" i procent", "percent"), (" procent", "percent"), (" i pct", "percent"), (" pct", "percent"),
                  (" i %", "percent"), (" %", "percent"), ("%", "percent"), (" i antal", "count"),
                  (" antal", "count"), (" score", "score")]
_HEADING_MAX = 300  # a heading longer than this names no indicator


def _unit_split(key: str) -> tuple[str, str | None]:
    """A normalised heading without its unit (``… %``, ``… pct``, ``… pr 1 000 borgere``) and the unit
    (``percent``, ``count``, ``score``, ``rate``), or the heading and None."""
    at = key.rfind(" pr ")
    if at > 0 and key[at + 4:at + 5].isdigit():
        return key[:at].strip(), "rate"
    for suffix, unit in _UNIT_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[:-len(suffix)].strip(), unit
    return key, None


def _value_unit(heading: str) -> str | None:
    """A value column's heading (``Værdi``, ``Antal``, ``Andel (%)``, ``Andel i pct.``): its unit (``""``:
    none said); None for a heading that is no value heading."""
    if len(heading) > _HEADING_MAX:
        return None
    key = norm(heading)
    if key in _VALUE_UNITS:
        return _VALUE_UNITS[key]
    base, unit = _unit_split(key)
    if unit and base in _VALUE_UNITS:
        return unit if unit != "rate" else None
    return None


def _heading_measure(ref: Reference, heading: str) -> tuple[str, str | None] | None:
    """The indicator a value column's heading names, with the unit it adds (``Andel akutte
    genindlæggelser indenfor 30 dage (%)`` → (readmissions_30d, percent)); None when it names none."""
    if len(heading) > _HEADING_MAX:
        return None
    found = _indicator_or_none(ref, heading)
    if found:
        return found, None
    base, unit = _unit_split(norm(heading))
    found = ref.indicator_names.get(base) if unit else None
    return (found, unit) if found else None


def is_total(label: str) -> bool:
    """A dimension's total: ``I alt``, ``Total``, ``Alder i alt``, ``Begge køn``, ``Age, total`` …"""
    key = norm(label)
    return key in TOTALS or key.endswith(" i alt") or key.startswith("total ") or key.endswith(" total")


# Periods written out, as a BI unit or esundhed.dk writes them, tried when ``parse_period`` refuses a cell:
# matched on the cell without blanks and dots (``1. halvår 2023`` → ``1halvår2023``), anchored, each part
# of bounded length: linear on any cell (a cell longer than ``_PERIOD_MAX`` is no period at all).
_PERIOD_MAX = 40
_YEAR_RE = r"((?:19|20)[0-9][0-9])"  # ASCII digits, as parse_period reads them
_WRITTEN_PERIODS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"([12])halvår(?:af)?" + _YEAR_RE), "{1}H{0}"),
    (re.compile(_YEAR_RE + r"-?([12])halvår"), "{0}H{1}"),
    (re.compile(r"h([12])-?" + _YEAR_RE), "{1}H{0}"),
    (re.compile(r"([1-4])(?:kvt|kvartal)(?:af)?" + _YEAR_RE), "{1}K{0}"),
    (re.compile(_YEAR_RE + r"-?([1-4])(?:kvt|kvartal)"), "{0}K{1}"),
    (re.compile(r"[kq]([1-4])-?" + _YEAR_RE), "{1}K{0}"),
    (re.compile(_YEAR_RE + r"-?(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"), "{1} {0}"),
]
_COMPACT = re.compile(r"[\s.]")
_SUB_PERIODS = {  # a period without its year, in a column beside the year's, by the column's kind
    "quarter": (re.compile(r"[kq]?([1-4])(?:kvt|kvartal)?"), "K{0}"),
    "half": (re.compile(r"h?([12])(?:halvår)?"), "H{0}"),
}
SUB_PERIOD_KINDS = {"kvartal": "quarter", "quarter": "quarter", "kvt": "quarter", "måned": "month",
                    "maaned": "month", "month": "month", "md": "month", "halvår": "half", "half year": "half",
                    "halvaar": "half"}
YEAR_HEADINGS = {"år", "aar", "year", "årstal"}


def _written_period(cell: str) -> str | None:
    """A period written out (``1. halvår 2023``, ``1. kvt. 2024``, ``K1 2024``, ``2024 januar``) as a code
    ``parse_period`` reads (``2023H1``), or None."""
    if len(cell) > _PERIOD_MAX:
        return None
    text = _COMPACT.sub("", cell.lower())
    for pattern, code in _WRITTEN_PERIODS:
        m = pattern.fullmatch(text)
        if m:
            return code.format(*m.groups())
    return None


def read_period(cell: str) -> str:
    """A period cell → ``YYYY``, ``YYYY-Qn``, ``YYYY-Hn`` or ``YYYY-MM`` (``parse_period``'s forms, and
    periods written out: ``1. halvår 2023``, ``1. kvt. 2024``, ``Q1 2024``); BadPeriod otherwise."""
    try:
        return parse_period(cell)
    except BadPeriod:
        code = _written_period(cell) if cell else None
        if code is None:
            raise
        return parse_period(code)


def sub_period(kind: str, cell: str) -> str | None:
    """A period without its year (``1. kvt.``, ``K1``, ``Q1``, ``1`` under Kvartal; ``januar``, ``jan``,
    ``1`` under Måned; ``1. halvår``, ``H1`` under Halvår) as the code's tail (``K1``, ``M01``, ``H1``)."""
    if len(cell) > _PERIOD_MAX:
        return None
    text = _COMPACT.sub("", cell.lower())
    if kind == "month":
        if text.isdigit() and 1 <= int(text) <= 12 and len(text) <= 2:
            return f"M{int(text):02d}"
        return f"M{MONTHS[text]:02d}" if text in MONTHS else None
    pattern, code = _SUB_PERIODS[kind]
    m = pattern.fullmatch(text)
    return code.format(m[1]) if m else None


def _is_period(cell: str) -> bool:
    try:
        read_period(cell)
    except BadPeriod:
        return False
    return True


def resolve_place(ref: Reference, text: str) -> Place:
    """A place as an extract names it: code, name or alias, DST's region codes ``081``–``085`` (1081–1085),
    or DST's ``CODE name`` (``751 Aarhus``: the code decides; a name naming another place is refused)."""
    key = text.strip()
    if _DST_REGION.fullmatch(key):
        key = "10" + key[-2:]
    try:
        return ref.place(key)
    except RowRejected:
        pass
    m = _CODE_AND_NAME.fullmatch(key)
    if not m:
        raise UnknownGeography(f"unknown geography '{text.strip()}'")
    code, name = m[1], m[2].strip()
    try:
        place = resolve_place(ref, code)
    except RowRejected:
        raise UnknownGeography(f"unknown geography '{text.strip()}'") from None
    try:
        named = ref.place(name)
    except RowRejected:
        return place  # DST's code decides; a name spelt another way (or in English) does not matter
    if named.code != place.code:
        raise RowRejected(f"geography '{text.strip()}': code {code} is {place.name}, not {named.name}")
    return place


def _place_or_none(ref: Reference, text: str) -> Place | None:
    try:
        return resolve_place(ref, text)
    except RowRejected:
        return None


def _indicator_or_none(ref: Reference, text: str) -> str | None:
    try:
        return ref.indicator(text)
    except RowRejected:
        return None


def title_candidates(text: str) -> Iterator[str]:
    """The ways a title line may name an indicator: as is, without DST's table code
    ("AKUT65: …", "… (AKUT65)") and without the table's dimensions (" efter område, enhed og tid")."""
    text = text.strip()
    yield text
    bare = _TRAILING_CODE.sub("", _TABLE_CODE.sub("", text)).strip()
    yield bare
    for word in (" efter ", " by "):
        parts = bare.split(word)
        for k in range(len(parts) - 1, 0, -1):
            yield word.join(parts[:k]).strip(" ,.")


def indicator_from_title(ref: Reference, rows: Iterable[tuple[int, list[str]]]) -> str | None:
    """An indicator named in a title line above the header (Danmarks Statistik style)."""
    for _, cells in rows:
        texts = [c for c in cells if c]
        if len(texts) > 1:  # a title cut at its commas by a comma-separated file
            texts.append(", ".join(texts))
        for cell in texts:
            for candidate in title_candidates(cell):
                found = _indicator_or_none(ref, candidate) if candidate else None
                if found:
                    return found
    return None


# --- rows --------------------------------------------------------------------------------------

Row = tuple[int, list[str]]


class BrokenRow(list[str]):
    """A line that cannot be split into cells (an unbalanced quote): rejected whole with ``problem``."""

    problem = ""


def _csv_rows(lines: Iterable[str], delimiter: str) -> Iterator[Row]:
    """The rows with their line numbers, each line read on its own: a stray quote breaks its own line
    (a ``BrokenRow``), never the lines after it. A quoted cell cannot span lines."""
    number = 0
    space = _SPACE.search
    for line in lines:
        number += 1
        if '"' not in line:
            yield number, line.split(delimiter) if space(line) is None else [c.strip() for c in line.split(delimiter)]
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter, strict=True), [])
        except csv.Error as exc:
            broken = BrokenRow(c.strip() for c in line.split(delimiter))
            broken.problem = f"the line cannot be split into cells ({exc}: a stray quote?); not read"
            yield number, broken
            continue
        yield number, [c.strip() for c in cells]


_QUOTED_CELL = re.compile(r'"[^"]*"')  # a quoted cell, whose separators do not count


def _delimiter(text: str) -> str:
    """The separator on the most of the first lines (a title line may lack it; decimal commas do not
    stand on the header line), then the most often. Neither a footer's line (``Kilde: Danmarks Statistik,
    …``, ``Opdateret …``) nor the text in quotes counts: their commas do not outvote the table's body."""
    lines = [line for line in text[:50000].split("\n")[:40] if line.strip()]
    bare = [_QUOTED_CELL.sub("", line) if '"' in line else line for line in lines]
    body = [line for line, first in zip(bare, lines) if not is_footer(first.lstrip(' "'))]
    best, score = "", (0, 0, 0)
    for rank, d in enumerate((";", "\t", ",")):
        candidate = (sum(1 for line in body if d in line), sum(line.count(d) for line in body), -rank)
        if candidate[0] and candidate > score:
            best, score = d, candidate
    return best


def _xlsx_cell(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        if _PERCENT_FORMAT.search(_QUOTED.sub("", getattr(cell, "number_format", "") or "")):
            value = float(Decimal(repr(value)) * 100)  # 0.125 shown as 12,5 %: the percentage it shows
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return NumberCell(str(int(value)), value)
        return NumberCell(str(value) if isinstance(value, int) else repr(value), float(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value).strip()


def _sheet_rows(path: Path, sheet: Any) -> Iterator[Row]:
    line = 0
    try:
        for row in sheet.iter_rows(min_row=1):
            line = next((c.row for c in row if getattr(c, "row", None)), line + 1)
            yield line, [_xlsx_cell(c) for c in row]
    except XLSX_ERRORS as exc:
        raise UnreadableFile(str(path), f"sheet '{sheet.title}' cannot be read after row {line} (damaged: "
                                        f"{exc})") from None


@dataclass
class _Source:
    """One table: a CSV file or one sheet of a workbook; ``head`` read ahead, ``rest`` still to come."""

    name: str  # the sheet's name when the workbook has several, else ""
    head: list[Row]
    rest: Iterator[Row]
    delimiter: str = ""  # a CSV file's


def _sources(path: Path, data: bytes | None) -> tuple[list[_Source], list[dict[str, str]], Callable[[], None]]:
    """The file's tables, the sheets that are no table (with the reason), and a function that closes the file.
    ``data``: the file's bytes, or None to read the file from ``path`` as its rows are read (a text file is
    then never in memory whole; a workbook, compressed, is)."""
    stream: BinaryIO = io.BytesIO(data) if data is not None else open_bytes(path)
    try:
        if stream.read(len(ZIP_MAGIC)) == ZIP_MAGIC:
            if data is None:
                stream.seek(0)
                data = stream.read()
            stream.close()
            return _xlsx_sources(path, data)
        stream.seek(0)
        lines = text_lines(path, stream)
        # The delimiter is decided from the first 40 lines of the first 50,000 characters, as they come.
        ahead = list(itertools.islice(lines, 40))
    except BaseException:
        stream.close()
        raise
    delimiter = _delimiter("\n".join(ahead))
    if not delimiter:
        stream.close()
        raise UnreadableFile(str(path), "no columns found: expected a ';', ',' or tab separated table")
    rows = _csv_rows(itertools.chain(ahead, lines), delimiter)
    return [_Source("", list(itertools.islice(rows, SAMPLE_ROWS)), rows, delimiter)], [], stream.close


def _xlsx_sources(path: Path, data: bytes) -> tuple[list[_Source], list[dict[str, str]], Callable[[], None]]:
    import openpyxl  # imported here: only XLSX files need it

    # A zip bomb stops here, before openpyxl unpacks anything.
    check_archive(str(path), data, damaged="not a readable XLSX workbook (damaged or truncated: {})")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise UnreadableFile(str(path), f"not a readable XLSX workbook (damaged or truncated: {exc})") from None
    several = len(book.sheetnames) > 1
    sources, skipped = [], []
    try:
        for sheet in book.worksheets:
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # a wrong stored size must not cut rows off
            rows = _sheet_rows(path, sheet)
            sources.append(_Source(sheet.title if several else "", list(itertools.islice(rows, SAMPLE_ROWS)), rows))
        for chart in book.chartsheets:
            skipped.append({"sheet": chart.title, "reason": "a chart, not a table"})
    except XLSX_ERRORS as exc:
        book.close()
        raise UnreadableFile(str(path), f"not a readable XLSX workbook (damaged or truncated: {exc})") from None
    return sources, skipped, book.close


# --- observations and the sink ----------------------------------------------------------------------

class Observation(NamedTuple):
    """One value read from an extract, as the build stores it (read it by name: ``o.geo_code``)."""

    indicator: str
    geo_level: str
    geo_code: str
    period: str
    value: float
    numerator: float | None
    denominator: float | None
    line: int


_new = tuple.__new__  # an Observation without NamedTuple's slower constructor: a million rows


def _at(where: int | tuple[str, int]) -> str:
    """A line, or (sheet, line) in a workbook with several sheets, as a reason names it."""
    return f"line {where}" if isinstance(where, int) else f"sheet '{where[0]}' line {where[1]}"


# Where a row was first read, as one number: its line << _SHEET_BITS | its sheet's number in the file
# (0: a file of one table). With periods numbered (``_period_number``), a series' first-seen rows are an
# array of these, 8 bytes a row: a dict of periods and line objects was ten times that, for every row
# of a ten-million-row extract, for the whole build.
_SHEET_BITS = 20
_SHEET_MASK = (1 << _SHEET_BITS) - 1
def _period_number(numbers: dict[str, int], period: str) -> int:
    """A period's number in ``numbers``, the numbering of one build's extracts (``Sink.numbers``): in the order
    first read, so that a series' registry of periods is as long as the periods it spans. The build hands
    each file's worker the numbering so far and takes back what it added (the files must compare)."""
    number = numbers.get(period)
    if number is None:
        number = numbers.setdefault(period, len(numbers))
    return number


def _where(sheets: list[str], place: int) -> int | tuple[str, int]:
    """The line, or (sheet, line), a first-seen number stands for."""
    line, sheet = place >> _SHEET_BITS, place & _SHEET_MASK
    return (sheets[sheet - 1], line) if sheet else line


Seen = array  # of int64: one a period number, 0 where the period was not read, else where it was (``_where``)


COUNTS = ("value_cells", "observations", "rejected_cells", "not_published", "empty_cells", "left_out_cells",
          "stray_cells")


@dataclass
class Sink:
    """What a table's reading found besides its observations; complete once they are all read."""

    rejected: list[dict[str, Any]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    skipped_sheets: list[dict[str, str]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)  # per table read: sheet, shape, header line, numbers
    notes: list[str] = field(default_factory=list)  # columns not read, subgroups left out
    # (indicator, geo_code) → where each period was first read (``Seen``), for duplicates in this file and,
    # through ``earlier`` ((file, its Seen, its sheets)), in the files a build read before it (see
    # DuplicateRegistry); ``sheets``: the names of the sheets the numbers in ``seen`` refer to.
    seen: dict[tuple[str, str], Seen] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    earlier: dict[tuple[str, str], list[tuple[str, Seen, list[str]]]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)  # period → its number (``_period_number``)

    @property
    def not_published(self) -> int:
        return self.counts["not_published"]

    @property
    def empty(self) -> int:
        return self.counts["empty_cells"]

    def reject(self, line: int | None, reason: str) -> None:
        self.rejected.append({"line": line, "reason": reason})


_Sink = Sink  # the old name


class DuplicateRegistry:
    """The same indicator, place and period in two files of a build: the file whose path sorts last wins.

    Names are how a secretariat tells deliveries apart (``2025-03 akut65.csv`` after ``2025-02 …``, a
    corrected ``…_rettet.csv`` after the original), and a rebuild must give the same data wherever it
    runs, which file dates (changed by copying and checking out) would not. The build reads extracts
    last name first and registers each one read; a later-read file's row that an earlier-read file
    already gave is rejected, naming that file and line."""

    def __init__(self) -> None:
        self.series: dict[tuple[str, str], list[tuple[str, Seen, list[str]]]] = {}
        self.numbers: dict[str, int] = {}  # the build's numbering of periods, which every file's Seen uses

    def watch(self, sink: Sink) -> None:
        """Let ``sink``'s table, not yet read, check its rows against the files registered so far."""
        sink.earlier = self.series
        sink.numbers = self.numbers

    def register(self, file: str, sink: Sink) -> None:
        self.numbers.update(sink.numbers)  # (what a worker numbered comes back with its sink)
        for key, periods in sink.seen.items():
            self.series.setdefault(key, []).append((file, periods, sink.sheets))


class ObservationStream:
    """A table's observations, one at a time; ``sink`` fills while they are read."""

    def __init__(self, rows: Iterator[Observation], sink: Sink) -> None:
        self._rows = rows
        self.sink = sink

    def __iter__(self) -> Iterator[Observation]:
        return self._rows

    def __next__(self) -> Observation:
        return next(self._rows)


Check = Callable[..., "Observation | None"]


class _Pair:
    """An indicator and a place as a table names them, looked up once: the catalogue id, the place's
    level and code, whether the indicator is a percentage, and the periods already seen for the pair
    in this file (``seen``) and in the files a build read before it (``earlier``: (file, periods))."""

    __slots__ = ("indicator", "level", "code", "percent", "seen", "earlier")

    def __init__(self, indicator: str, level: str, code: str, percent: bool, seen: Seen,
                 earlier: tuple[tuple[str, Seen, list[str]], ...]) -> None:
        self.indicator, self.level, self.code, self.percent = indicator, level, code, percent
        self.seen, self.earlier = seen, earlier


class _NoPlace(str):
    """A place cell that names no place and is left out (a total, the whole country), or a footer line
    read as a row: counted as left out, with a note."""

    __slots__ = ()


# A footer under a table (Danmarks Statistik's "Kilde: …", "Opdateret …"): its first cell starts so.
_FOOTER = re.compile(r"(?:kilde|kilder|source|sources|opdateret|senest opdateret|updated|last updated|note|noter|"
                     r"notes|anm|anmærkning|anmærkninger|fodnote|fodnoter|footnote|footnotes|danmarks statistik|"
                     r"statistics denmark|statistikbanken|statbank|www|http|©|\*\s)(?![a-zæøå])", re.IGNORECASE)
FOOTER_INITIALS = set("KkSsOoUuNnAaFfDdWwHh©*")


def is_footer(cell: str) -> bool:
    """A footer line's first cell: ``Kilde: Danmarks Statistik``, ``Opdateret 3. marts``, ``Note: …``."""
    return bool(cell) and cell[0] in FOOTER_INITIALS and _FOOTER.match(cell) is not None


WHOLE_COUNTRY = {"hele landet", "danmark", "denmark", "all denmark", "hele danmark", "whole country",
                 "landet i alt", "the whole country"}
# Places that are not stated: the value belongs to no place (rejected with the reason).
_UNSTATED = ("uoplyst", "not stated", "uden fast bopæl", "ikke oplyst")


def no_place(ref: Reference, text: str) -> Place | str | None:
    """A place cell that no place of the reference data answers to: the place a total names (``Region
    Midtjylland i alt``), a ``_NoPlace`` label (a total over the places, ``I alt``: left out), or a reason
    to reject (the whole country, ``Hele landet``; a place not stated, ``Uoplyst``); None when it is just
    unknown."""
    key = norm(text)
    for suffix in (" i alt", " total", " totalt"):
        if key.endswith(suffix) and len(key) > len(suffix):
            named = _place_or_none(ref, text.strip()[:-len(suffix)].strip(" ,"))
            if named:
                return named
    if key in WHOLE_COUNTRY:
        return f"{text.strip()!r} is the whole country, not a place of the reference data: not read"
    if is_total(text):
        return _NoPlace(text.strip())
    if key.startswith(_UNSTATED):
        return f"place not stated ({text.strip()!r}): the value belongs to no place and is not read"
    return None


def _checker(ref: Reference, sink: Sink, counts: list[int], conventions: tuple[str, str, str],
             sheet: str, reject: Callable[[int, str], None], decimals: tuple[bool, bool, bool] = (False,) * 3,
             left: dict[str, list[int]] | None = None, marks: dict[str, int] | None = None) -> Check:
    """A function that turns a value cell and its labels into an observation, or a rejection, or a
    count of ``..`` (and discretion marks, ``<5``, counted in ``marks``), or a left-out cell (a place
    that is a total, a footer line: counted in ``left``). Indicator and place are looked up once a pair
    and periods once each (a million-row extract has a few thousand pairs and a few hundred periods).
    ``counts`` collects [observations, rejected, not published, left out]."""
    percent = {i for i, row in ref.indicators.items() if row["unit"] == "percent"}
    pairs: dict[tuple[str, str, str, str], _Pair | str] = {}  # a pair, or the reason it is rejected
    periods: dict[str, Any] = {}  # (the period, its number), or the BadPeriod it raised
    value_convention, numerator_convention, denominator_convention = conventions
    value_decimals, numerator_decimals, denominator_decimals = decimals
    left = {} if left is None else left
    marks = {} if marks is None else marks
    seen_of, earlier, sheets, numbers = sink.seen, sink.earlier, sink.sheets, sink.numbers
    if sheet:
        sheets.append(sheet)
    here = len(sheets) if sheet else 0  # this table's sheet number in what ``seen`` holds

    def pair_of(indicator: str, geo: str, geo_code: str, outer: str) -> _Pair | str:
        try:
            if not indicator:
                if is_footer(geo or geo_code):
                    return _NoPlace(geo or geo_code)
                raise RowRejected("no indicator: no indicator column, title or --indicator")
            if not geo and not geo_code:
                raise UnknownGeography("no geography in the row")
            ind = ref.indicator(indicator)
            try:
                place = resolve_place(ref, geo_code or geo)
            except RowRejected:
                if is_footer(geo_code or geo):
                    return _NoPlace(geo_code or geo)
                other = no_place(ref, geo_code or geo)
                if other is None:
                    raise
                if not isinstance(other, Place):
                    return other  # a reason, or a _NoPlace label
                place = other
            if geo and geo_code:  # a code and a name: the same place, or one inside the other (the inner one)
                named = resolve_place(ref, geo)
                if place.code in (named.parent, named.region):
                    place = named
                elif place.code != named.code and named.code not in (place.parent, place.region):
                    raise RowRejected(f"geography '{geo}' does not match code {geo_code}")
            around = _place_or_none(ref, outer) if outer else None
            if around and around.code not in (place.code, place.parent, place.region):
                raise RowRejected(f"geography '{geo or geo_code}' is not in '{outer}'")
        except RowRejected as exc:
            if indicator and is_footer(geo or geo_code):
                return _NoPlace(geo or geo_code)
            return str(exc)
        key = (ind, place.code)
        seen = seen_of.get(key)
        if seen is None:
            seen = seen_of[key] = array("q")
        return _Pair(ind, place.level, place.code, ind in percent, seen, tuple(earlier.get(key, ())))

    def observation(line: int, indicator: str, geo: str, geo_code: str, period: str, value: str,
                    numerator: str = "", denominator: str = "", outer: str = "",
                    how: tuple[str, bool] | None = None) -> Observation | None:
        if value in NOT_PUBLISHED:
            counts[2] += 1
            return None
        if value[:1] in SUPPRESSED_START and is_suppressed(value):
            counts[2] += 1
            marks[value] = marks.get(value, 0) + 1
            return None
        key = (indicator, geo, geo_code, outer)
        pair: Any = pairs.get(key)
        if pair is None:
            pair = pairs[key] = pair_of(indicator, geo, geo_code, outer)
        if pair.__class__ is str:
            counts[1] += 1
            reject(line, pair)
            return None
        if pair.__class__ is _NoPlace:
            counts[3] += 1
            entry = left.get(pair)
            if entry:
                entry[0] += 1
            else:
                left[pair] = [1, line]
            return None
        known = periods.get(period)
        if known is None:
            try:
                parsed = read_period(period)
                known = periods[period] = (parsed, _period_number(numbers, parsed))
            except BadPeriod as exc:
                known = periods[period] = exc
        if known.__class__ is not tuple:
            counts[1] += 1
            reject(line, str(known))
            return None
        per, number = known
        try:
            val = parse_number(value, value_convention, value_decimals) if how is None \
                else parse_number(value, how[0], how[1])
            num = parse_number(numerator, numerator_convention, numerator_decimals) \
                if numerator and numerator not in NOT_PUBLISHED else None
            den = parse_number(denominator, denominator_convention, denominator_decimals) \
                if denominator and denominator not in NOT_PUBLISHED else None
        except RowRejected as exc:
            counts[1] += 1
            reject(line, str(exc))
            return None
        if pair.percent and not 0 <= val <= 100:
            counts[1] += 1
            reject(line, f"percent value {value!r} is outside 0-100")
            return None
        seen = pair.seen
        size = len(seen)
        if number < size:
            first = seen[number]
            if first:
                counts[1] += 1
                reject(line, f"the same indicator, place and period as {_at(_where(sheets, first))}; the first "
                             "one is kept")
                return None
        elif number == size:
            seen.append(0)  # the usual case: a series' periods come in order
        else:
            seen.frombytes(bytes(8 * (number + 1 - size)))
        if pair.earlier:
            for file, given, their_sheets in pair.earlier:
                if number < len(given) and given[number]:
                    counts[1] += 1
                    reject(line, f"the same indicator, place and period as {file} "
                                 f"{_at(_where(their_sheets, given[number]))}, which wins (of two files, the one "
                                 "whose name sorts last)")
                    return None
        seen[number] = line << _SHEET_BITS | here
        counts[0] += 1
        return _new(Observation, (pair.indicator, pair.level, pair.code, per, val, num, den, line))

    return observation


# --- layouts ------------------------------------------------------------------------------------

@dataclass
class _Dim:
    """A dimension column (KØN, ALDER, a unit): the values read, and the values left out."""

    col: int
    name: str
    keep: set[str]
    has_total: bool
    leave: dict[str, int] = field(default_factory=dict)  # value → rows left out


@dataclass
class _Layout:
    shape: str
    header_line: int | None
    header: list[str]
    start: int  # index in the head of the first data row
    indicator: str | None
    english: bool
    cols: dict[str, int] = field(default_factory=dict)  # long and headerless: role → column
    geo_cols: list[int] = field(default_factory=list)  # long: place-name columns, most specific first
    labels: dict[str, int] = field(default_factory=dict)  # wide / columns: indicator, geo, period → column
    label_count: int = 0  # wide / columns: the columns before the values
    values: list[tuple[int, str]] = field(default_factory=list)  # wide / columns: (column, heading)
    left_out_cols: list[int] = field(default_factory=list)  # Total columns, columns of a subgroup
    above: list[Row] = field(default_factory=list)  # the rows above the header, nearest first
    dims: list[_Dim] = field(default_factory=list)
    blanks: list[int] = field(default_factory=list)  # columns under an empty heading
    width: int = 0
    conventions: tuple[str, str, str] = (DANISH, DANISH, DANISH)  # value, numerator, denominator
    decimals: tuple[bool, bool, bool] = (False, False, False)  # the column writes decimals (``_conventions``)
    notes: list[str] = field(default_factory=list)
    # long: the value columns when there are several (see ``_value_candidates``)
    value_cols: list[tuple[int, str]] = field(default_factory=list)  # read, each with its heading's indicator
    unit_cols: dict[str, int] = field(default_factory=dict)  # one read a row, chosen by the indicator's unit
    left_cols: list[int] = field(default_factory=list)  # not read: their cells are counted as left out
    how: dict[int, tuple[str, bool]] = field(default_factory=dict)  # a value column's convention, decimals
    sub_kind: str = ""  # long: the kind of the period column beside the year's ("quarter", "month", "half")
    outer_geo: list[int] = field(default_factory=list)  # wide: place columns around the place (Klynge)


def _headerless_position(cells: list[str], strict: bool = True) -> int | None:
    """The period's column when the row looks like a DST data row without header: labels, the period,
    then the value as the row's last cell (strict: a number or ``..``; else anything, or nothing)."""
    last = max((j for j, c in enumerate(cells) if c), default=-1)
    if strict and not (last >= 0 and (looks_like_number(cells[last]) or cells[last] in NOT_PUBLISHED)):
        return None
    for p in ([last - 1] if strict else [last - 1, last]):
        if p < 1 or not _is_period(cells[p]):
            continue
        stubs = [c for c in cells[:p] if c]
        if stubs and not all(_role(c) for c in stubs) and not any(_is_period(c) for c in stubs):
            return p
    return None


def _headerless_at(head: list[Row], i: int) -> int | None:
    """The period's column when the table has no header and its data start at row ``i``: the row looks
    like one (its value may be missing or garbage) and most of the rows from it on agree."""
    p = _headerless_position(head[i][1], strict=False)
    if p is None:
        return None
    rows = [cells for _, cells in head[i:i + 9] if any(cells)]
    agreeing = sum(1 for cells in rows if _headerless_position(cells, strict=False) == p)
    numbers = sum(1 for cells in rows if _headerless_position(cells) == p)
    return p if numbers and 2 * agreeing >= len(rows) else None


def _places_header(ref: Reference, cells: list[str]) -> int | None:
    """The first place column when the row is a header with places as columns."""
    first = None
    for j, cell in enumerate(cells):
        if cell and _place_or_none(ref, cell):
            first = j
            break
    if not first:  # None, or places from the first column on: no column left for the period
        return None
    after = [c for c in cells[first:] if c]
    known = sum(1 for c in after if is_total(c) or _place_or_none(ref, c))
    if 2 * known < len(after) or any(_is_period(c) for c in cells if c):
        return None
    return first


def _periods_below(rows: list[Row], col: int) -> bool:
    """Most of the rows hold a period in the column: they are data rows like the one above them, and
    that one is no header."""
    filled = [cells[col] for _, cells in rows if col < len(cells) and cells[col]]
    periods = sum(1 for c in filled if _is_period(c) and not looks_like_number(c))  # (1900 may be a count)
    return bool(filled) and 2 * periods > len(filled)


def _find_header(ref: Reference, head: list[Row]) -> tuple[int, str, int | None]:
    """(index of the header row, or of the first data row without header; the shape; the first
    period/place column where it matters)."""
    for i, (_, cells) in enumerate(head[:HEAD_ROWS]):
        if not any(cells):
            continue
        roles = {_role(c) for c in cells if c}
        if "value" not in roles and ("period" in roles or "indicator" in roles) and any(
                _value_unit(c) is not None or _heading_measure(ref, c) for c in cells if c and not _role(c)):
            roles.add("value")  # ``Andel (%)``, or a heading naming the indicator
        if "value" in roles and ("period" in roles or "indicator" in roles):
            return i, "long", None
        p = _headerless_at(head, i)
        if p is not None:
            return i, "headerless", p
        q = _places_header(ref, cells)
        if q is not None:
            return i, "columns", q
        filled = [j for j, c in enumerate(cells) if c]
        periods = [j for j in filled if _is_period(cells[j])]
        after = [j for j in filled if periods and j >= periods[0] and j not in periods]
        if periods and periods[0] >= 1 and 2 * len(periods) >= len(periods) + len(after) and not any(
                looks_like_number(cells[j]) for j in after) and not any(
                _place_or_none(ref, cells[j]) for j in filled if j < periods[0]) and not _periods_below(
                head[i + 1:i + 9], periods[0]):
            return i, "wide", periods[0]  # (numbers after the periods, or a place before them: a data row)
    raise RowRejected("no header row: expected columns such as indikator, geografi, periode, værdi, "
                      "or periods (or places) as column headings")


def _english(header: list[str], sample: list[list[str]], delimiter: str) -> bool:
    """The table's language: the header's words (``TIME``, ``value``, ``Total`` against ``TID``,
    ``INDHOLD``, ``I alt``); on a tie, periods written ``2024Q1`` rather than ``2024K1``; else a comma as
    the separator (a file whose decimal sign is the comma does not separate with it)."""
    words = [norm(c) for c in header if c]
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    danish = sum(1 for w in words if w in DANISH_WORDS)
    if english != danish:
        return english > danish
    cells = [c for row in sample[:50] for c in row if c]
    quarters_en = any(re.fullmatch(r"(?:19|20)\d\dQ[1-4]", c) for c in cells)
    quarters_da = any(re.fullmatch(r"(?:19|20)\d\dK[1-4]", c) for c in cells)
    if quarters_en != quarters_da:
        return quarters_en
    return delimiter == ","


def _distinct(sample: list[list[str]], col: int) -> list[str]:
    return list(dict.fromkeys(row[col] for row in sample if col < len(row) and row[col]))


def _dimension(col: int, name: str, values: list[str]) -> _Dim:
    """A dimension column read from its first rows' values; RowRejected when it has several and no total."""
    totals = {v for v in values if is_total(v)}
    if totals:
        return _Dim(col, name, totals | {""}, True)
    if len(values) <= 1:
        return _Dim(col, name, set(values) | {""}, False)
    shown = ", ".join(f"'{v}'" for v in values[:4]) + (" …" if len(values) > 4 else "")
    raise RowRejected(f"column '{name}' holds several groups ({shown}) and no total ('I alt', 'Total'): "
                      "a table must hold one series per place and period; download the total, or one file "
                      "per group")


def _classify(ref: Reference, header: list[str], cols: list[int], sample: list[list[str]], taken: set[str],
              need_geo: bool = False) -> tuple[dict[str, list[int]], list[_Dim], list[str]]:
    """Columns whose heading names no role, by what they hold: places (any cell naming a known place),
    indicators, periods, notes, other measures (numbers under a heading that names no dimension: if
    they were groups after all, their rows come out as duplicates, each rejected), or else a dimension. With ``need_geo`` and no column naming a known
    place, the first column that holds anything is the place column (its rows are then rejected as
    unknown places, each with its line), never a dimension guessed at. ({role: columns}, dimensions, notes)"""
    kinds: dict[int, str] = {}
    for col in cols:
        name = header[col] if col < len(header) and header[col] else f"column {col + 1}"
        values = _distinct(sample, col)
        if norm(name) in INFO_COLUMNS:
            kinds[col] = "note"
        elif values and any(_place_or_none(ref, v) for v in values[:200]):
            kinds[col] = "geo"
        elif values and "indicator" not in taken and any(_indicator_or_none(ref, v) for v in values[:200]):
            kinds[col] = "indicator"
            taken.add("indicator")
        elif values and "period" not in taken and 2 * sum(1 for v in values if _is_period(v)) >= len(values):
            kinds[col] = "period"
            taken.add("period")
        elif values and not _DIMENSION_NAME.search(norm(name)) and all(
                looks_like_number(v) or v in NOT_PUBLISHED for v in values):
            kinds[col] = "measure"  # another measure (a population, a rate): no group of rows
        else:
            kinds[col] = "dim"
    if need_geo and "geo" not in kinds.values():
        first = next((c for c in cols if kinds[c] == "dim" and _distinct(sample, c)), None)
        if first is not None:
            kinds[first] = "geo"
    found: dict[str, list[int]] = {}
    dims: list[_Dim] = []
    notes: list[str] = []
    for col in cols:
        name = header[col] if col < len(header) and header[col] else f"column {col + 1}"
        if kinds[col] == "note":
            notes.append(f"column '{name}' not read (a note column)")
        elif kinds[col] == "measure":
            notes.append(f"column '{name}' not read (numbers that are none of the table's columns)")
        elif kinds[col] == "dim":
            dims.append(_dimension(col, name, _distinct(sample, col)))
        else:
            found.setdefault(kinds[col], []).append(col)
    return found, dims, notes


LEVELS = {"region": 1, "cluster": 2, "municipality": 3}


def _specific_first(ref: Reference, sample: list[list[str]], cols: list[int]) -> list[int]:
    """Place columns, the one naming the smallest places first (Kommune before Region), then the one
    with the most different places."""
    def key(col: int) -> tuple[int, int]:
        values = _distinct(sample, col)
        places = [p for p in (_place_or_none(ref, v) for v in values[:200]) if p]
        return -max((LEVELS.get(p.level, 0) for p in places), default=0), -len(values)

    return sorted(cols, key=key)


def _decimal(cell: str, convention: str) -> bool:
    """The cell writes a decimal in the convention (``12,5`` Danish, ``12.5`` English)."""
    text = cell.strip()
    sign = "," if convention == DANISH else "."
    return sign in text and number_evidence(text) == convention


def _grouped(cell: str, convention: str) -> bool:
    """The cell groups thousands in the convention beyond doubt (``1,234.5``, ``1,234,567`` English)."""
    text = cell.strip()
    sign = "." if convention == DANISH else ","
    return sign in text and number_evidence(text) == convention


def _conventions(layout: _Layout, sample: list[list[str]]) -> None:
    """Decide the number convention of each value column (see the module's docstring), and whether a
    cell such as ``99,371`` can be read two ways in it: when the column writes decimals with the sign
    that is not the table's language's (``12.5`` under Danish headings), never groups thousands beyond
    doubt (``1,234.5``), and so a cell in the language's own style (``99,371``) may be a decimal."""
    if layout.shape in ("long", "headerless"):
        groups = [[layout.cols[r]] if r in layout.cols else [] for r in ("value", "numerator", "denominator")]
        groups += [[c] for c in sorted({c for c, _ in layout.value_cols} | set(layout.unit_cols.values()))
                   if c != layout.cols.get("value")]
    else:
        groups = [[c for c, _ in layout.values], [], []]
    evidence = []
    for cols in groups:
        da = en = looked = 0
        cells = []
        for row in sample:
            for c in cols:
                if c < len(row) and row[c]:
                    looked += 1
                    found = number_evidence(row[c])
                    if found == DANISH:
                        da += 1
                        cells.append(row[c])
                    elif found == ENGLISH:
                        en += 1
                        cells.append(row[c])
            if looked > 20_000:  # a wide table's first rows say enough
                break
        evidence.append((da, en, cells))
    default = decide_convention(sum(e[0] for e in evidence), sum(e[1] for e in evidence),
                                ENGLISH if layout.english else DANISH)
    decided = [decide_convention(da, en, default) for da, en, _ in evidence]
    language = ENGLISH if layout.english else DANISH
    decimals = [d != language and any(_decimal(c, d) for c in cells) and not any(_grouped(c, d) for c in cells)
                for d, (_, _, cells) in zip(decided, evidence)]
    layout.conventions = (decided[0], decided[1], decided[2])
    layout.decimals = (decimals[0], decimals[1], decimals[2])
    for cols, convention, dec in zip(groups[3:], decided[3:], decimals[3:]):
        layout.how[cols[0]] = (convention, dec)
    if "value" in layout.cols and layout.shape == "long":
        layout.how[layout.cols["value"]] = (decided[0], decimals[0])


def _layout(ref: Reference, source: _Source, indicator: str | None) -> _Layout:
    """How to read a table; RowRejected (with the reason, naming the line) when it cannot be read."""
    head = source.head
    if not any(any(cells) for _, cells in head):
        raise RowRejected("the table has no rows")
    index, shape, position = _find_header(ref, head)
    line, cells = head[index]
    title = indicator_from_title(ref, head[:index])
    default = indicator or title
    if shape == "headerless":
        assert position is not None
        if not default:
            raise RowRejected(
                f"line {line}: the header row is missing (the rows hold labels, a period and a value, as a "
                "Danmarks Statistik download without column headings): give the indicator (--indicator) or "
                "add a header row such as område;tid;indhold")
        header = [""] * position + ["", ""]
        data = [c for _, c in head[index:] if any(c)]
        layout = _Layout(shape, None, header, index, default, _english([], data, source.delimiter),
                         width=position + 2)
    else:
        header = list(cells)
        while not header[-1]:  # the header ends at its last heading: a cell further right is beyond it
            header.pop()
        data = [c for _, c in head[index + 1:] if any(c)]
        layout = _Layout(shape, line, header, index + 1, default, _english(header, data, source.delimiter),
                         width=len(header), above=head[:index][::-1])
    try:
        {"long": _long_layout, "headerless": _headerless_layout, "wide": _wide_layout,
         "columns": _columns_layout}[shape](ref, layout, data, position)
    except RowRejected as exc:
        raise RowRejected(f"line {line}: {exc}") from None
    if not data:
        raise RowRejected(f"line {line}: the table has a header but no rows under it")
    if source.name and not _holds_numbers(layout, data):
        raise RowRejected("a sheet of text, not a table: no number where its values would be")
    _conventions(layout, data)
    return layout


def _holds_numbers(layout: _Layout, data: list[list[str]]) -> bool:
    """Some value cell of the first rows is a number, ``..`` or a discretion mark (or none is filled)."""
    if layout.shape in ("long", "headerless"):
        cols = {layout.cols["value"], *(c for c, _ in layout.value_cols), *layout.unit_cols.values()}
    else:
        cols = {c for c, _ in layout.values}
    filled = [row[c] for row in data for c in cols if c < len(row) and row[c]]
    return not filled or any(looks_like_number(v) or v in NOT_PUBLISHED or is_suppressed(v) for v in filled)


def _long_layout(ref: Reference, layout: _Layout, data: list[list[str]], position: int | None) -> None:
    header = layout.header
    unknown: list[int] = []
    geo: list[int] = []
    periods: list[int] = []
    generic: list[tuple[int, str]] = []  # value columns by heading (Værdi, Antal, Andel (%)) and their unit
    named: list[tuple[int, str, str | None]] = []  # value columns whose heading names an indicator
    for i, cell in enumerate(header):
        if not cell:
            layout.blanks.append(i)
            continue
        role = _role(cell)
        unit = _value_unit(cell) if role in (None, "value") else None
        measure = _heading_measure(ref, cell) if role is None and unit is None else None
        if role == "geo":
            geo.append(i)
        elif role == "period":
            periods.append(i)
        elif unit is not None:
            generic.append((i, unit))
        elif measure:
            named.append((i, *measure))
        elif role and role not in layout.cols:
            layout.cols[role] = i
        elif role:
            layout.notes.append(f"column '{cell}' not read (a second {role} column)")
        else:
            unknown.append(i)
    _period_columns(layout, data, periods)
    taken = set(layout.cols) | ({"value"} if generic or named else set())
    found, layout.dims, notes = _classify(ref, header, unknown, data, taken,
                                         need_geo=not geo and "geo_code" not in layout.cols)
    layout.notes += notes
    for role, cols in found.items():
        if role == "geo":
            geo += cols
        else:
            layout.cols[role] = cols[0]
    layout.geo_cols = _specific_first(ref, data, geo)
    _value_candidates(ref, layout, generic, named)
    if "indicator" not in layout.cols and not layout.indicator and not layout.value_cols:
        raise RowRejected("no indicator column (indikator), no title naming one, and no indicator given")
    if not layout.geo_cols and "geo_code" not in layout.cols:
        raise RowRejected("no geography column (område, kommune or kode)")
    if "period" not in layout.cols:
        raise RowRejected("no period column (periode or tid)")
    if "value" not in layout.cols:
        raise RowRejected("no value column (værdi or indhold)")


def _period_columns(layout: _Layout, data: list[list[str]], periods: list[int]) -> None:
    """The period column; of two, a year's (År) and a quarter's, month's or half-year's without the year
    (Kvartal ``1. kvt.``, ``K1``, ``Q1``, ``1``; Måned ``januar``, ``1``; Halvår ``1. halvår``, ``H1``),
    both: the period is read from the two together. Another period column is named in a note."""
    if not periods:
        return
    header = layout.header
    kinds = {c: SUB_PERIOD_KINDS.get(norm(header[c]), "") for c in periods}
    years = [c for c in periods if norm(header[c]) in YEAR_HEADINGS]
    subs = [c for c in periods if kinds[c]]
    first = periods[0]
    if years and subs:
        sub = subs[0]
        values = _distinct(data, sub)[:200]
        whole = sum(1 for v in values if _is_period(v))
        if 2 * whole < len(values) or not values:  # without the year: read with the year's column
            layout.cols["subperiod"], layout.sub_kind = sub, kinds[sub]
            first = years[0]
        else:
            first = sub
    layout.cols["period"] = first
    for col in periods:
        if col not in (first, layout.cols.get("subperiod")):
            layout.notes.append(f"column '{header[col]}' not read (a second period column)")


UNIT_WORDS = {"count": "a count", "percent": "a percentage", "score": "a score", "rate": "a rate", "": "no unit",
              "?": "unknown"}


def _value_candidates(ref: Reference, layout: _Layout, generic: list[tuple[int, str]],
                      named: list[tuple[int, str, str | None]]) -> None:
    """The value column(s) of a long table. Headings that name an indicator (``Andel akutte
    genindlæggelser indenfor 30 dage (%)``) are read, each as its indicator, unless their unit is not the
    catalogue's (a rate ``pr. 1.000 borgere`` is no count); of several value headings in different units
    (``Antal`` and ``Andel (%)``), the indicator's unit (the catalogue's) decides, for the table or, with an
    indicator column, for each row. Every column not read is named in a note and its cells are counted as
    left out."""
    header, notes = layout.header, layout.notes
    fixed = layout.indicator if "indicator" not in layout.cols else None
    read: list[tuple[int, str]] = []
    wrong: list[tuple[int, str, str]] = []
    for col, ind, unit in named:
        catalogue = ref.indicators[ind]["unit"]
        (read.append((col, ind)) if unit is None or unit == catalogue else wrong.append((col, ind, unit)))
    for col, ind, unit in wrong:
        catalogue = ref.indicators[ind]["unit"]
        if not read and not generic:
            raise RowRejected(f"column '{header[col]}' not read (its unit, {UNIT_WORDS[unit]}, is not the "
                              f"catalogue's unit of {ind}, {UNIT_WORDS[catalogue]})")
        layout.left_cols.append(col)
        notes.append(f"column '{header[col]}' not read (its unit, {UNIT_WORDS[unit]}, is not the catalogue's "
                     f"unit of {ind}, {UNIT_WORDS[catalogue]})")
    if read:
        layout.cols["value"] = read[0][0]
        if len(read) == 1 and "indicator" not in layout.cols:
            layout.indicator = read[0][1]
        else:
            layout.value_cols = read
        for col, _ in generic:
            layout.left_cols.append(col)
            notes.append(f"column '{header[col]}' not read (the values are read under the headings that name "
                         "their indicator)")
        return
    if not generic:
        return
    by_unit: dict[str, int] = {}
    for col, unit in generic:
        if unit in by_unit:
            layout.left_cols.append(col)
            notes.append(f"column '{header[col]}' not read (a second value column)")
        else:
            by_unit[unit] = col
    if len(by_unit) == 1:
        layout.cols["value"] = generic[0][0]
        return
    if fixed:
        unit = ref.indicators[fixed]["unit"]
        col = by_unit.get(unit, by_unit.get("", -1))
        if col < 0:
            shown = ", ".join(f"'{header[c]}'" for c in by_unit.values())
            raise RowRejected(f"no value column in the unit of {fixed} ({UNIT_WORDS[unit]}): the table's value "
                              f"columns are {shown}")
        layout.cols["value"] = col
        for other in by_unit.values():
            if other != col:
                layout.left_cols.append(other)
                notes.append(f"column '{header[other]}' not read (the unit of {fixed} is {UNIT_WORDS[unit]}: its "
                             f"values are read from '{header[col]}')")
        return
    layout.cols["value"] = next(iter(by_unit.values()))
    layout.unit_cols = by_unit
    shown = ", ".join(f"'{header[c]}'" for c in by_unit.values())
    notes.append(f"columns {shown}: each row's value is read from the one in its indicator's unit, the other "
                 "cells are left out")


def _headerless_layout(ref: Reference, layout: _Layout, data: list[list[str]], position: int | None) -> None:
    assert position is not None
    layout.cols = {"period": position, "value": position + 1}
    found, layout.dims, layout.notes = _classify(ref, layout.header, list(range(position)), data, {"period"},
                                                 need_geo=True)
    if "indicator" in found:
        layout.cols["indicator"] = found["indicator"][0]
    layout.geo_cols = _specific_first(ref, data, found.get("geo", []))
    if not layout.geo_cols:
        raise RowRejected("no column names a place")


def _label_columns(ref: Reference, layout: _Layout, data: list[list[str]], count: int,
                   roles: Iterable[str], need_geo: bool = False) -> None:
    """Wide and places-as-columns: the label columns' roles, by heading, else by content."""
    header = layout.header
    wanted = set(roles)
    unknown = []
    geo: list[int] = []  # place columns by heading (Kommune, Klynge): the most specific is the place
    for col in range(count):
        role = _role(header[col]) if header[col] else None
        if role == "geo_code":
            role = "geo"
        if role == "geo" and "geo" in wanted:
            geo.append(col)
        elif role in wanted and role not in layout.labels:
            layout.labels[role] = col
        else:
            unknown.append(col)
    found, layout.dims, layout.notes = _classify(ref, header, unknown, data, set(layout.labels) | (
        {"geo"} if geo else set()), need_geo=need_geo and not geo)
    geo += found.pop("geo", []) if "geo" in wanted else []
    if geo:
        ordered = _specific_first(ref, data, geo)
        layout.labels["geo"], layout.outer_geo = ordered[0], ordered[1:]
    for role, cols in found.items():
        if role in wanted and role not in layout.labels:
            layout.labels[role] = cols[0]
    layout.label_count = count


def _wide_layout(ref: Reference, layout: _Layout, data: list[list[str]], position: int | None) -> None:
    assert position is not None
    filled = _filled_down(data, position)
    _label_columns(ref, layout, filled, position, ("indicator", "geo"), need_geo=True)
    if "geo" not in layout.labels:
        raise RowRejected("no label column names a place")
    _value_columns(layout, position)
    _column_groups(layout, position)


def _value_columns(layout: _Layout, position: int) -> None:
    """The columns from ``position`` on hold values (periods or places): an empty heading's cells are
    rejected, a total column's are left out (counted), the rest are read."""
    if "indicator" not in layout.labels and not layout.indicator:
        raise RowRejected("no indicator column, no title naming one, and no indicator given")
    for col in range(position, len(layout.header)):
        heading = layout.header[col]
        if not heading:
            layout.blanks.append(col)
        elif is_total(heading):
            layout.left_out_cols.append(col)
        else:
            layout.values.append((col, heading))


def _column_groups(layout: _Layout, position: int) -> None:
    """Groups across the columns (DST's matrix with KØN over the periods: a row above the header, its
    labels over the period headings, each written once over its first column): the columns of the
    total are read and the others left out; groups without a total refuse the table."""
    width = len(layout.header)
    for line, row in layout.above:
        over = [row[c] if c < len(row) else "" for c in range(position, width)]
        if not any(over) or any(row[:position]):  # a title, or a blank line: no (more) groups
            break
        label, labels = "", {}
        for c, cell in zip(range(position, width), over):
            label = cell or label
            labels[c] = label
        groups = list(dict.fromkeys(labels[c] for c, _ in layout.values if labels[c]))
        if len(groups) <= 1:
            continue  # one unit over every column: harmless
        shown = ", ".join(f"'{g}'" for g in groups[:4]) + (" …" if len(groups) > 4 else "")
        if not any(is_total(g) for g in groups):
            raise RowRejected(f"the columns are split into groups by line {line} ({shown}) and none is a total "
                              "('I alt', 'Total'): a table must hold one series per place and period; download "
                              "the total, or one file per group")
        kept = [(c, h) for c, h in layout.values if is_total(labels[c])]
        layout.left_out_cols += [c for c, _ in layout.values if not is_total(labels[c])]
        layout.values = kept
        left = [g for g in groups if not is_total(g)]
        layout.notes.append(f"line {line}: read the columns of "
                            f"{', '.join(sorted({repr(labels[c]) for c, _ in kept}))}; left out the columns of "
                            f"{', '.join(repr(g) for g in left)}")


def _columns_layout(ref: Reference, layout: _Layout, data: list[list[str]], position: int | None) -> None:
    assert position is not None
    # Headings between the labels and the first known place that name no role but stand over numbers
    # are places too (unknown ones: their cells are rejected), not label columns.
    while position > 1 and layout.header[position - 1] and not _role(layout.header[position - 1]) and all(
            looks_like_number(v) or v in NOT_PUBLISHED for v in _distinct(data, position - 1)):
        position -= 1
    _label_columns(ref, layout, data, position, ("indicator", "period"))
    if "period" not in layout.labels:
        raise RowRejected("places as column headings, but no period column (tid, måned, kvartal or år)")
    _value_columns(layout, position)


def _filled_down(rows: Iterable[list[str]], count: int) -> list[list[str]]:
    out = []
    above = [""] * count
    for cells in rows:
        labels = _fill(cells, above, count)
        out.append(labels + cells[count:])
        above = labels
    return out


def _fill(cells: list[str], above: list[str], count: int) -> list[str]:
    """A wide row's labels, an empty outer label taken from the row above when an inner one is given
    (DST names a group once, on its first row)."""
    labels = cells[:count] + [""] * (count - len(cells)) if len(cells) < count else cells[:count]
    if all(labels):
        return labels
    inner = False
    for j in range(count - 1, -1, -1):
        if labels[j]:
            inner = True
        elif inner:
            labels[j] = above[j]
    return labels


# --- reading ------------------------------------------------------------------------------------

class _Table:
    """Reading one table's rows with its layout: the loops for each shape and the counts they keep."""

    def __init__(self, path: Path, ref: Reference, layout: _Layout, sink: Sink, sheet: str) -> None:
        self.path, self.layout, self.sink, self.sheet, self.ref = path, layout, sink, sheet, ref
        prefix = f"sheet '{sheet}': " if sheet else ""
        rejected = sink.rejected

        def reject(line: int, reason: str) -> None:
            rejected.append({"line": line, "reason": prefix + reason})

        self.reject = reject
        self.checks = [0, 0, 0, 0]  # observations, rejected, not published, left out (kept by the checker)
        # place labels left out (a total, the whole country) and footers read as rows: [cells, first line]
        self.places_left: dict[str, list[int]] = {}
        self.marks: dict[str, int] = {}  # discretion marks (``<5``) counted as not published
        self.check = _checker(ref, sink, self.checks, layout.conventions, sheet, reject, layout.decimals,
                              self.places_left, self.marks)
        self.value_cells = self.empty = self.left_out = self.struct_rejected = self.stray = 0
        self.rows = 0
        self.footers: list[tuple[int, str]] = []  # (line, first cell) of the lines of a footer
        self.footer_open = False

    def keep(self, line: int, cells: list[str]) -> bool:
        """False for a row of a subgroup (counted by the caller); UnreadableFile when a dimension
        column without a total changes value."""
        for dim in self.layout.dims:
            value = cells[dim.col] if dim.col < len(cells) else ""
            if value in dim.keep:
                continue
            if dim.has_total and not is_total(value):
                dim.leave[value] = dim.leave.get(value, 0) + 1
                return False
            if dim.has_total:
                dim.keep.add(value)
                continue
            kept = next((v for v in dim.keep if v), "")
            raise UnreadableFile(str(self.path), f"{_at((self.sheet, line) if self.sheet else line)}: "
                                 f"column '{dim.name}' changes from '{kept}' to '{value}' and holds no total "
                                 "('I alt', 'Total'): a table must hold one series per place and period; "
                                 "download the total, or one file per group")
        return True

    def stray_cells(self, line: int, cells: list[str]) -> None:
        for col in self.layout.blanks:
            if col < len(cells) and cells[col]:
                self.stray += 1
                self.reject(line, f"cell {cells[col]!r} in column {col + 1} has no heading; not read")

    def too_long(self, line: int, cells: list[str]) -> bool:
        width = self.layout.width
        if len(cells) > width and any(cells[width:]):
            extra = sum(1 for c in cells[width:] if c)
            self.reject(line, f"the row has {extra} non-empty cell(s) beyond the header's {width} columns: its "
                              "cells may be shifted; the row is not read")
            return True
        return False

    def finish(self) -> None:
        counts = self.sink.counts
        counts["value_cells"] += self.value_cells
        counts["observations"] += self.checks[0]
        counts["rejected_cells"] += self.checks[1] + self.struct_rejected
        counts["not_published"] += self.checks[2]
        counts["empty_cells"] += self.empty
        counts["left_out_cells"] += self.left_out + self.checks[3]
        counts["stray_cells"] += self.stray
        for dim in self.layout.dims:
            if dim.leave:
                kept = ", ".join(sorted(f"'{v}'" for v in dim.keep if v)) or "the empty value"
                left = ", ".join(f"'{v}'" for v in sorted(dim.leave)[:6]) + (" …" if len(dim.leave) > 6 else "")
                where = f"sheet '{self.sheet}': " if self.sheet else ""
                self.sink.notes.append(f"{where}column '{dim.name}': read {kept}; left out "
                                       f"{sum(dim.leave.values())} row(s) of {left}")
        where = f"sheet '{self.sheet}': " if self.sheet else ""
        notes = self.sink.notes
        footers = self.footers + [(first, label) for label, (_, first) in self.places_left.items()
                                  if is_footer(label)]
        for label, (n, _) in self.places_left.items():
            if not is_footer(label):
                notes.append(f"{where}rows of {label!r} left out ({n} cell(s)): a total over the places, not a "
                             "place")
        if footers:
            footers.sort()
            first, text = footers[0]
            lines = len({line for line, _ in footers})
            shown = text if len(text) <= 60 else text[:57] + "…"
            notes.append(f"{where}line {first}: {lines} line(s) below the table not read (a footer: {shown!r})")
        if self.marks:
            shown = ", ".join(repr(m) for m in sorted(self.marks)[:6])
            notes.append(f"{where}{sum(self.marks.values())} cell(s) kept back for discretion ({shown}): counted "
                         "as not published, like '..'")
        nothing = not (self.checks[0] or self.checks[1] or self.checks[2] or self.struct_rejected or self.stray)
        if self.rows and nothing and not self.left_out:
            where = f"sheet '{self.sheet}': " if self.sheet else ""
            raise UnreadableFile(str(self.path), f"{where}no value read from {self.rows} row(s) under the header "
                                                 f"(line {self.layout.header_line}): every value cell is empty")

    def footer(self, line: int, cells: list[str]) -> bool:
        """A footer line under the table (``Kilde: Danmarks Statistik, …``), or a line of text after one:
        kept for a note (``finish``), not read as a row."""
        first = next((c for c in cells if c), "")
        if is_footer(first) or (self.footer_open and not any(
                looks_like_number(c) or c in NOT_PUBLISHED for c in cells if c)):
            self.footers.append((line, first))
            self.footer_open = True
            return True
        return False

    def long(self, rows: Iterable[Row]) -> Iterator[Observation]:
        layout, check, reject = self.layout, self.check, self.reject
        cols = layout.cols
        vi, pi = cols["value"], cols["period"]
        ii, ci = cols.get("indicator", -1), cols.get("geo_code", -1)
        ni, di = cols.get("numerator", -1), cols.get("denominator", -1)
        si, sub_kind = cols.get("subperiod", -1), layout.sub_kind
        geo_cols = layout.geo_cols
        gi = geo_cols[0] if len(geo_cols) == 1 else -1
        several_geo = len(geo_cols) > 1
        width = layout.width
        needed = max(i for i in (vi, pi, ii, ci, si, *geo_cols) if i >= 0)
        default = layout.indicator or ""
        dims, blanks = layout.dims, layout.blanks
        value_cols, unit_cols, left_cols, how = layout.value_cols, layout.unit_cols, layout.left_cols, layout.how
        vhow = how.get(vi)
        units: dict[str, str] = {}  # an indicator cell → its unit (per-row choice among unit_cols)
        combined: dict[tuple[str, str], str] = {}  # (year, quarter/month/half) → the period
        extra = bool(value_cols or unit_cols or left_cols)
        value_cells = struct = left_out = empty = 0  # (in a long table, one value cell a non-empty row)
        try:
            for line, cells in rows:
                if cells.__class__ is not list:  # a BrokenRow
                    if any(cells):
                        if self.footer(line, cells):
                            continue
                        value_cells += 1
                        struct += 1
                        reject(line, cells.problem)  # type: ignore[attr-defined]
                    continue
                n = len(cells)
                if n != width:
                    if n > width:
                        if self.too_long(line, cells):
                            value_cells += 1
                            struct += 1
                            continue
                    elif n <= needed:
                        if any(cells) and not self.footer(line, cells):
                            value_cells += 1
                            struct += 1
                            reject(line, f"expected {width} columns, found {n} (truncated row?)")
                        continue
                    else:
                        cells = cells + [""] * (width - n)
                value = cells[vi]
                if not value and not any(cells):
                    continue
                value_cells += 1
                if blanks:
                    self.stray_cells(line, cells)
                if dims and not self.keep(line, cells):
                    left_out += 1
                    continue
                if several_geo:
                    places = [cells[g] for g in geo_cols if cells[g]]
                    geo = places[0] if places else ""
                    outer = places[1] if len(places) > 1 else ""
                else:
                    geo = cells[gi] if gi >= 0 else ""
                    outer = ""
                period = cells[pi]
                if si >= 0:
                    pair = (period, cells[si])
                    period = combined.get(pair, "")
                    if not period:
                        tail = sub_period(sub_kind, pair[1])
                        period = combined[pair] = f"{pair[0]}{tail}" if tail and len(pair[0]) == 4 and \
                            pair[0].isdigit() else f"{pair[0]} / {pair[1]}"
                indicator = (cells[ii] if ii >= 0 else "") or default
                numerator, denominator = cells[ni] if ni >= 0 else "", cells[di] if di >= 0 else ""
                code = cells[ci] if ci >= 0 else ""
                if extra:
                    for col in left_cols:
                        if cells[col]:
                            value_cells += 1
                            left_out += 1
                    if value_cols:  # several indicators, each under its own heading
                        value_cells += len(value_cols) - 1
                        for col, named in value_cols:
                            value = cells[col]
                            if not value:
                                empty += 1
                                continue
                            found = check(line, named, geo, code, period, value, numerator, denominator, outer,
                                          how.get(col))
                            if found:
                                yield found
                        continue
                    if unit_cols:  # a count and a share side by side: the indicator's unit decides
                        unit = units.get(indicator)
                        if unit is None:
                            unit = units[indicator] = self.unit_of(indicator)
                        col = unit_cols.get(unit, unit_cols.get("", -1)) if unit != "?" else vi
                        for other in unit_cols.values():
                            if other != col and cells[other]:
                                value_cells += 1
                                left_out += 1
                        if col < 0:
                            struct += 1
                            shown = ", ".join(f"'{layout.header[c]}'" for c in unit_cols.values())
                            reject(line, f"no value column in the unit of {indicator} ({UNIT_WORDS[unit]}): the "
                                         f"table's value columns are {shown}")
                            continue
                        value, vhow = cells[col], how.get(col)
                if not value:
                    struct += 1
                    reject(line, "empty value")
                    continue
                found = check(line, indicator, geo, code, period, value, numerator, denominator, outer, vhow)
                if found:
                    yield found
        finally:
            self.value_cells += value_cells
            self.rows += value_cells
            self.struct_rejected += struct
            self.left_out += left_out
            self.empty += empty

    def unit_of(self, indicator: str) -> str:
        """The catalogue unit of an indicator as a row names it; ``?`` when it names none."""
        try:
            return self.ref.indicators[self.ref.indicator(indicator)]["unit"]
        except RowRejected:
            return "?"

    def matrix(self, rows: Iterable[Row]) -> Iterator[Observation]:
        """Wide (periods as headings) and places as columns (places as headings)."""
        layout, check, reject = self.layout, self.check, self.reject
        wide = layout.shape == "wide"
        labels, count = layout.labels, layout.label_count
        ii = labels.get("indicator", -1)
        li = labels["geo"] if wide else labels["period"]
        default = layout.indicator or ""
        values, left_out_cols = layout.values, layout.left_out_cols
        per_row = len(values) + len(left_out_cols)
        dims, blanks = layout.dims, layout.blanks
        width = layout.width
        outer_cols = layout.outer_geo
        above = [""] * count
        for line, cells in rows:
            if not any(cells):
                continue
            if (self.footer_open or is_footer(next((c for c in cells if c), ""))) and self.footer(line, cells):
                extra = sum(1 for c in cells[count:] if c)
                self.value_cells += extra
                self.left_out += extra
                continue
            self.rows += 1
            self.value_cells += per_row
            if cells.__class__ is not list:
                self.struct_rejected += per_row
                reject(line, cells.problem)  # type: ignore[attr-defined]
                continue
            if len(cells) > width and self.too_long(line, cells):
                self.struct_rejected += per_row
                continue
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            if wide:
                label_cells = above = _fill(cells, above, count)
                cells = label_cells + cells[count:]
            if blanks:
                self.stray_cells(line, cells)
            if dims and not self.keep(line, cells):
                self.left_out += per_row
                continue
            self.left_out += len(left_out_cols)
            indicator = (cells[ii] if ii >= 0 else "") or default
            label = cells[li]
            outer = next((cells[c] for c in outer_cols if cells[c]), "") if outer_cols else ""
            for col, heading in values:
                value = cells[col]
                if not value:
                    self.empty += 1
                    continue
                found = (check(line, indicator, label, "", heading, value, "", "", outer) if wide
                         else check(line, indicator, heading, "", label, value))
                if found:
                    yield found


def read_indicator_table(path: Path, data: bytes | None, ref: Reference,
                         indicator: str | None = None) -> tuple[str, ObservationStream, Sink]:
    """The table's shape, its observations one at a time, and the sink that collects rejections and
    counts while they are read (``data`` None: read from ``path`` as they are, never whole). UnreadableFile when the table cannot be read (no sheet of a workbook
    can), or, while reading, when a dimension column turns out to mix groups or no value is read."""
    if indicator:
        try:
            indicator = ref.indicator(indicator)
        except RowRejected:
            raise UnreadableFile(str(path), f"unknown indicator {indicator!r} (given with --indicator)") from None
    sources, skipped, close = _sources(path, data)
    sink = Sink(skipped_sheets=skipped)
    plans: list[tuple[_Source, _Layout]] = []
    problems = []
    for source in sources:
        try:
            layout = _layout(ref, source, indicator)
        except RowRejected as exc:
            if source.name:
                sink.skipped_sheets.append({"sheet": source.name, "reason": str(exc)})
            problems.append(f"sheet '{source.name}': {exc}" if source.name else str(exc))
            continue
        plans.append((source, layout))
        sink.notes += [f"sheet '{source.name}': {n}" if source.name else n for n in layout.notes]
        sink.tables.append({"sheet": source.name or None, "shape": layout.shape, "header_line": layout.header_line,
                            "numbers": CONVENTION_NAMES[layout.conventions[0]]})
    if not plans:
        close()
        raise UnreadableFile(str(path), "; ".join(problems) or "the workbook has no sheets")

    def tables() -> Iterator[Iterator[Observation]]:
        try:
            for source, layout in plans:
                table = _Table(path, ref, layout, sink, source.name)
                rows = itertools.chain(source.head[layout.start:], source.rest)
                yield table.matrix(rows) if layout.shape in ("wide", "columns") else table.long(rows)
                table.finish()
        finally:
            close()

    observations = itertools.chain.from_iterable(tables())
    return plans[0][1].shape, ObservationStream(observations, sink), sink


def as_dict(obs: Observation, ref: Reference) -> dict[str, Any]:
    return {"indicator": obs.indicator, "geo": ref.places[obs.geo_code].name, "geo_code": obs.geo_code,
            "geo_level": obs.geo_level, "period": obs.period, "value": obs.value, "numerator": obs.numerator,
            "denominator": obs.denominator, "line": obs.line}


def parse_indicator_table(path: Path, data: bytes, ref: Reference, indicator: str | None = None) -> dict[str, Any]:
    """The whole table at once: observations, rejections, counts (see the module's docstring), the
    sheets skipped, each table's layout, and notes (columns not read, subgroups left out)."""
    shape, observations, sink = read_indicator_table(path, data, ref, indicator)
    found = [as_dict(o, ref) for o in observations]
    return {"shape": shape, "observations": found, "rejected": sink.rejected,
            "not_published": sink.not_published, "empty_cells": sink.empty, "counts": dict(sink.counts),
            "skipped_sheets": sink.skipped_sheets, "tables": sink.tables, "notes": sink.notes}
