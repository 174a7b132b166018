"""Properties of reading indicator extracts, over generated tables (long with or without header, wide
and places as columns; Danish and English; CSV and XLSX) that mix good values, ``..``, blanks, garbage,
unknown places, bad periods, duplicates, ragged rows, a KØN column and cells under an empty heading:

- every value cell ends as exactly one of observation, rejected, not published, empty or left out,
  and the counts add up;
- every good cell comes back as an observation with exactly its value (the first of duplicates);
- nothing else comes back.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table

ACUTE = "acute_admissions_65plus"
KNOWN = {"Aarhus": "751", "Randers": "730", "751 Aarhus": "751", "082": "1082", "Region Syddanmark": "1083",
         "Lemvig": "665"}
UNKNOWN = ["Atlantis", "Hele landet", "999 Mars"]
GOOD_PERIODS = {"2024M01": "2024-01", "2024M02": "2024-02", "2024K1": "2024-Q1", "2023": "2023",
                "2024-03": "2024-03", "2024H2": "2024-H2"}
BAD_PERIODS = ["2024M13", "januar", "20xx"]
GARBAGE = ["abc", "12a", "1,2,3", "--5", "x.y", "n/a"]


@dataclass
class Cell:
    kind: str  # good, np, blank, garbage
    text: str = ""
    value: float = 0.0


@dataclass
class Expected:
    observations: dict[tuple[str, str], float] = field(default_factory=dict)
    value_cells: int = 0
    not_published: int = 0
    empty: int = 0
    left_out: int = 0
    stray: int = 0
    unreadable: bool = False  # a dimension without a total


@st.composite
def numbers(draw: st.DrawFn, english: bool) -> Cell:
    whole = draw(st.integers(0, 99_999))
    decimals = draw(st.sampled_from(["", "5", "25", "125"]))
    grouped = draw(st.booleans()) and whole >= 1000
    digits = f"{whole:,}" if grouped else str(whole)
    if not english:
        digits = digits.replace(",", ".")
    text = digits + ((("." if english else ",") + decimals) if decimals else "")
    return Cell("good", text, float(f"{whole}.{decimals or 0}"))


@st.composite
def cells(draw: st.DrawFn, english: bool) -> Cell:
    kind = draw(st.sampled_from(["good", "good", "good", "np", "blank", "garbage"]))
    if kind == "good":
        return draw(numbers(english))
    if kind == "np":
        return Cell("np", "..")
    if kind == "blank":
        return Cell("blank", "")
    return Cell("garbage", draw(st.sampled_from(GARBAGE)))


places = st.sampled_from([*KNOWN, *KNOWN, *UNKNOWN, ""])
periods = st.sampled_from([*GOOD_PERIODS, *GOOD_PERIODS, *BAD_PERIODS])
ragged = st.sampled_from(["normal", "normal", "normal", "normal", "short", "long", "blank"])


@dataclass
class Table:
    rows: list[list[Any]]  # header first; Cell where a value stands, str elsewhere
    expected: Expected


def _accept(exp: Expected, seen: set[tuple[str, str]], place: str, period: str, cell: Cell) -> None:
    """The model of one value cell that is read (not in a row rejected whole)."""
    exp.value_cells += 1
    if cell.kind == "np":
        exp.not_published += 1
    elif cell.kind == "blank":
        exp.empty += 1
    elif cell.kind == "good" and place in KNOWN and period in GOOD_PERIODS:
        key = (KNOWN[place], GOOD_PERIODS[period])
        if key not in seen:
            seen.add(key)
            exp.observations[key] = cell.value


KON = ["I alt", "Mænd", "Kvinder", ""]


@st.composite
def long_tables(draw: st.DrawFn, headerless: bool = False) -> Table:
    """Long tables, optionally with a KØN column and a column under an empty heading; or, with
    ``headerless``, DST's download without a header (place, period, value)."""
    english = not headerless and draw(st.booleans())  # without a header, an ambiguous 1,000 is Danish
    kon = not headerless and draw(st.booleans())
    blank = not headerless and draw(st.booleans())
    header = ["indicator", "area", "time", "value"] if english else ["indikator", "område", "periode", "værdi"]
    header += [""] * blank + ["sex" if english else "køn"] * kon
    rows: list[list[Any]] = [] if headerless else [header]
    generated = []  # (shape, row, place, period, cell, kon value, stray text)
    for i in range(draw(st.integers(1, 25))):
        first = headerless and i < 9  # the rows that show the table has no header: as DST writes them
        place = draw(st.sampled_from([*KNOWN, *UNKNOWN])) if headerless else draw(places)
        period = draw(st.sampled_from(list(GOOD_PERIODS))) if first else draw(periods)
        # (A download whose first rows hold no value at all is ambiguous: "Aarhus;2024M01;" over
        # "Randers;2023;" may be a wide header over a count of 2023. DST's downloads hold values.)
        cell = draw(numbers(english)) if headerless and i == 0 else draw(cells(english))
        group = draw(st.sampled_from(KON)) if kon else ""
        stray = draw(st.sampled_from(["", "", "se note"])) if blank else ""
        row: list[Any] = ([] if headerless else [ACUTE]) + [place, period, cell] + [stray] * blank + [group] * kon
        shape = "normal" if first else draw(ragged)
        if shape == "blank":
            row = [""] * (len(row) - 1) + [Cell("blank")] if not kon else ["", "", "", Cell("blank")]
        elif shape == "short":
            row = row[:draw(st.integers(1, 2 if headerless else 3))]
        elif shape == "long":
            row = [*row, "extra"]
        rows.append(row)
        generated.append((shape, row, place, period, cell, group, stray))
    exp, seen = Expected(), set()
    groups = {g for shape, _, _, _, _, g, _ in generated if g and shape in ("normal", "long")}
    totals = {g for g in groups if g == "I alt"}
    if len(groups) > 1 and not totals:
        exp.unreadable = True
    for shape, row, place, period, cell, group, stray in generated:
        if shape == "blank":
            continue
        if shape == "short":
            if any(_text(c) for c in row):
                exp.value_cells += 1  # rejected whole: truncated
            continue
        if shape == "long":
            exp.value_cells += 1  # rejected whole: cells beyond the header
            continue
        if stray and not kon:  # beyond the header's last heading: the row is rejected whole
            exp.value_cells += 1
            continue
        exp.stray += bool(stray)
        if totals and group and group not in totals:
            exp.value_cells += 1
            exp.left_out += 1
        elif cell.kind == "blank":
            exp.value_cells += 1  # a long table's empty value is a rejection
        else:
            _accept(exp, seen, place, period, cell)
    return Table(rows, exp)


@st.composite
def wide_tables(draw: st.DrawFn) -> Table:
    english = draw(st.booleans())
    heads = draw(st.lists(st.sampled_from(list(GOOD_PERIODS)), min_size=2, max_size=5, unique=True))
    if draw(st.booleans()):
        heads.insert(draw(st.integers(1, len(heads))), draw(st.sampled_from(BAD_PERIODS)))
    rows: list[list[Any]] = [["area" if english else "område", *heads]]
    exp, seen = Expected(), set()
    for _ in range(draw(st.integers(1, 12))):
        place = draw(places)
        values = [draw(cells(english)) for _ in heads]
        shape = draw(ragged)
        if shape == "blank":
            rows.append(["", *[Cell("blank") for _ in heads]])
            continue
        if shape == "long":
            rows.append([place, *values, "extra"])
            exp.value_cells += len(heads)  # rejected whole
            continue
        if shape == "short":
            keep = draw(st.integers(0, len(heads) - 1))
            values = values[:keep] + [Cell("blank") for _ in heads[keep:]]
            rows.append([place, *values[:keep]])
        else:
            rows.append([place, *values])
        if not place and all(v.kind == "blank" for v in values):
            continue  # an empty row
        for heading, cell in zip(heads, values):
            _accept(exp, seen, place, heading, cell)
    return Table(rows, exp)


@st.composite
def column_tables(draw: st.DrawFn) -> Table:
    english = draw(st.booleans())
    known = draw(st.lists(st.sampled_from(["Aarhus", "Randers", "Region Syddanmark", "Lemvig"]), min_size=1,
                          max_size=3, unique=True))
    unknown = draw(st.lists(st.sampled_from(UNKNOWN), max_size=len(known), unique=True))
    heads = known + unknown
    total = draw(st.booleans())
    rows: list[list[Any]] = [["Time" if english else "Tid", *heads, *(["Total"] if total else [])]]
    exp, seen = Expected(), set()
    for _ in range(draw(st.integers(1, 12))):
        period = draw(periods)
        values = [draw(cells(english)) for _ in heads]
        total_cell = [draw(numbers(english))] if total else []
        shape = draw(ragged)
        if shape == "blank":
            continue
        if shape == "long":
            rows.append([period, *values, *total_cell, "extra"])
            exp.value_cells += len(heads) + total  # rejected whole
            continue
        rows.append([period, *values, *total_cell])
        exp.value_cells += total
        exp.left_out += total
        for heading, cell in zip(heads, values):
            _accept(exp, seen, heading, period, cell)
    return Table(rows, exp)


def _text(cell: Any) -> str:
    return cell.text if isinstance(cell, Cell) else cell


def as_csv(table: Table) -> bytes:
    return "\n".join(";".join(_text(c) for c in row) for row in table.rows).encode("utf-8")


def as_xlsx(table: Table) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in table.rows:
        sheet.append([(c.value if c.kind == "good" else (c.text or None)) if isinstance(c, Cell) else (c or None)
                      for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def check(table: Table, data: bytes, name: str, ref: Any) -> None:
    exp = table.expected
    try:
        result = parse_indicator_table(Path(name), data, ref, ACUTE)
    except UnreadableFile as exc:
        # Refused only when subgroups would mix, or there is nothing to read: no row under the header,
        # or every value cell empty.
        assert exp.unreadable or exp.value_cells == exp.empty and not exp.left_out, exc.problem
        return
    assert not exp.unreadable
    counts = result["counts"]
    assert counts["value_cells"] == (counts["observations"] + counts["rejected_cells"] + counts["not_published"]
                                     + counts["empty_cells"] + counts["left_out_cells"])
    got = {(o["geo_code"], o["period"]): o["value"] for o in result["observations"]}
    assert len(got) == len(result["observations"])  # never the same place and period twice
    assert got == exp.observations
    assert counts["value_cells"] == exp.value_cells
    assert (counts["not_published"], counts["empty_cells"], counts["left_out_cells"], counts["stray_cells"]) == (
        exp.not_published, exp.empty, exp.left_out, exp.stray)
    assert all(isinstance(r["line"], int) and r["reason"] for r in result["rejected"])
    rejected_lines = {r["line"] for r in result["rejected"]}
    assert len(rejected_lines) <= counts["rejected_cells"] + counts["stray_cells"]


EXAMPLES = int(os.environ.get("EXTRACT_EXAMPLES", "150"))  # more for a longer hunt
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.one_of(long_tables(), long_tables(headerless=True), wide_tables(), column_tables()))
def test_csv_cells_add_up_and_good_cells_keep_their_value(ref, table):
    check(table, as_csv(table), "t.csv", ref)


@settings(max_examples=max(EXAMPLES // 4, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(long_tables(), long_tables(headerless=True), wide_tables(), column_tables()))
def test_xlsx_cells_add_up_and_good_cells_keep_their_value(ref, table):
    check(table, as_xlsx(table), "t.xlsx", ref)

