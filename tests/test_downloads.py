"""Downloads on Eksport: the .xlsx read back with openpyxl, the CSV read with Danish settings, hostile text
neutralised, and files that are there when several buttons are clicked in quick succession."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from domain.export import danish_csv, neutralise
from domain.filters import Filters
from domain.spreadsheet import DATE, DECIMAL, WHOLE, xlsx
from tests.apptest import open_app
from tests.conftest import BUILD_DAY
from tests.test_browser import browser, page, server, wait_ready  # noqa: F401  (fixtures)
from views.export import downloads, tables

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(1)", "\tx", "\rx"]
FRAME = pd.DataFrame({
    "Titel": [*HOSTILE, "Almindelig tekst"],
    "Antal": [1, 12345, -7, 0, 3, 4, 5],
    "Andel": [12.5, -0.4, 1.0, 99.9, 0.1, 2.25, 3.0],
    "Dato": [dt.date(2025, 10, 3)] * 7,
    "Eksempeldata": ["Ja"] * 7,
})
ABOUT = (("Sted", "Vestklyngen, Region Midtjylland"), ("Periode", "1. kvt. 2021 – 4. kvt. 2025"),
         ("Kilde", "=HYPERLINK(\"http://x\")"))


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(xlsx(FRAME, "Indsatser", ABOUT)))


@pytest.mark.parametrize(("text", "expected"), [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(1)", "'@SUM(1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Godkendt", "Godkendt"), ("a=b", "a=b"), ("", ""),
])
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_xlsx_header_frozen_filtered(book) -> None:  # type: ignore[no-untyped-def]
    sheet = book["Indsatser"]
    assert book.sheetnames == ["Indsatser", "Om data"]
    assert [c.value for c in sheet[1]] == list(FRAME.columns)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E8"


@pytest.mark.parametrize(("row", "text"), list(enumerate([*HOSTILE, "Almindelig tekst"], start=2)))
def test_xlsx_text_cells_are_neutralised_text(book, row: int, text: str) -> None:  # type: ignore[no-untyped-def]
    cell = book["Indsatser"].cell(row=row, column=1)
    assert cell.data_type == "s"
    value = as_excel_reads(cell.value)
    assert value == neutralise(text)
    assert value == text or value.startswith("'")


def as_excel_reads(stored: str) -> str:
    """A control character is stored as the OOXML escape ``_x000D_``, which Excel reads back as the character
    (openpyxl hands the escape over as it is)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m[1], 16)), stored)


@pytest.mark.parametrize(("column", "row", "value", "number_format"), [
    (2, 2, 1, WHOLE), (2, 3, 12345, WHOLE), (2, 4, -7, WHOLE), (3, 2, 12.5, DECIMAL), (3, 3, -0.4, DECIMAL),
])
def test_xlsx_numbers_are_numbers(book, column: int, row: int, value: float,  # type: ignore[no-untyped-def]
                                  number_format: str) -> None:
    cell = book["Indsatser"].cell(row=row, column=column)
    assert cell.data_type == "n" and cell.value == value and cell.number_format == number_format
    assert isinstance(cell.value, int) == (number_format == WHOLE)


def test_xlsx_dates_are_dates(book) -> None:  # type: ignore[no-untyped-def]
    cell = book["Indsatser"].cell(row=2, column=4)
    assert cell.is_date and cell.value.date() == dt.date(2025, 10, 3) and cell.number_format == DATE


def test_xlsx_note_sheet_states_filters_and_sources(book) -> None:  # type: ignore[no-untyped-def]
    rows = [(a.value, b.value) for a, b in book["Om data"].iter_rows(min_row=2, max_col=2)]
    assert ("Sted", "Vestklyngen, Region Midtjylland") in rows
    assert ("Periode", "1. kvt. 2021 – 4. kvt. 2025") in rows
    assert ("Kilde", "'=HYPERLINK(\"http://x\")") in rows
    assert all(c.data_type == "s" for row in book["Om data"].iter_rows() for c in row if c.value is not None)


def test_csv_reads_back_with_danish_settings() -> None:
    data = danish_csv(FRAME)
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[0] == "Titel;Antal;Andel;Dato;Eksempeldata"
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == list(FRAME.columns)
    assert back["Titel"].tolist() == [neutralise(t) for t in FRAME["Titel"]]
    assert back["Antal"].tolist() == [1, 12345, -7, 0, 3, 4, 5] and back["Antal"].dtype.kind == "i"
    assert back["Andel"].tolist() == pytest.approx([12.5, -0.4, 1.0, 99.9, 0.1, 2.25, 3.0])
    assert back["Dato"].tolist() == ["2025-10-03"] * 7
    assert ";12,5;" in data.decode("utf-8-sig") and ";-7;" in data.decode("utf-8-sig")


# --- the real tables of the Eksport page ------------------------------------------------------------

@pytest.fixture(scope="module")
def files(seed_db: Path) -> Iterator[dict[str, dict[str, bytes]]]:
    conn = sqlite3.connect(seed_db)
    conn.row_factory = sqlite3.Row
    out = {t.name: {Path(d.file_name).suffix: d.data for d in downloads(t)}
           for t in tables(conn, Filters("1082", "vest", "2021-Q1", "2025-Q4"), BUILD_DAY)}
    yield out
    conn.close()


@pytest.mark.parametrize(("name", "header", "numeric", "date"), [
    ("Indikatortal", ["Indikator", "Enhed", "Sted", "Stedkode", "Periode", "Periodestart", "Værdi", "Tæller",
                      "Nævner", "Kilde", "Fil", "Eksempeldata"], "Værdi", "Periodestart"),
    ("Indsatser", None, "Antal beslutninger", "Start"),
    ("Beslutninger", None, "Punkt", "Dato"),
])
def test_every_table_as_xlsx_and_csv(files, name: str, header: list[str] | None, numeric: str,  # type: ignore[no-untyped-def]
                                     date: str) -> None:
    book = load_workbook(io.BytesIO(files[name][".xlsx"]))
    sheet = book[name]
    heads = [c.value for c in sheet[1]]
    if header:
        assert heads == header
    assert all(re.fullmatch(r"[A-ZÆØÅ][a-zæøåé. ]+", h) for h in heads), heads  # Danish words, no ids
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    col = heads.index(numeric) + 1
    assert sheet.cell(row=2, column=col).data_type == "n"
    assert sheet.cell(row=2, column=col).number_format in (WHOLE, DECIMAL)
    assert sheet.cell(row=2, column=heads.index(date) + 1).is_date
    about = dict((a.value, b.value) for a, b in book["Om data"].iter_rows(min_row=2, max_col=2))
    assert about["Sted"] == "Vestklyngen, Region Midtjylland" and about["Periode"] == "1. kvt. 2021 – 4. kvt. 2025"
    assert about["Kilde"] and about["Kilde"] != "–"
    csv = pd.read_csv(io.BytesIO(files[name][".csv"]), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(csv.columns) == heads and len(csv) == sheet.max_row - 1


def test_demo_rows_say_so_in_a_column_and_on_the_note_sheet(files) -> None:  # type: ignore[no-untyped-def]
    csv = pd.read_csv(io.BytesIO(files["Indikatortal"][".csv"]), sep=";", decimal=",", encoding="utf-8-sig")
    assert set(csv["Eksempeldata"]) <= {"Ja", "Nej"} and "Ja" in set(csv["Eksempeldata"])
    counts = csv[csv["Enhed"] == "antal"]["Værdi"].dropna()
    assert (counts == counts.round()).all()
    assert not files["Indikatortal"][".csv"].decode("utf-8-sig").startswith("#")
    book = load_workbook(io.BytesIO(files["Indikatortal"][".xlsx"]))
    about = dict((a.value, b.value) for a, b in book["Om data"].iter_rows(min_row=2, max_col=2))
    assert about["Eksempeldata"].startswith("Ja")
    whole = [r[0] for r in book["Indikatortal"].iter_rows(min_row=2, min_col=7, max_col=7, max_row=50)]
    assert all(isinstance(c.value, int) and c.number_format == WHOLE for c in whole if c.value is not None)


def test_eksport_offers_csv_and_excel_made_eagerly(app_db: Path) -> None:
    at = open_app({"region": "1082", "klynge": "vest", "fra": "2021-Q1", "til": "2025-Q4"},
                  page="pages/6_Eksport.py")
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert sum("(CSV)" in x for x in labels) == 3 and sum("(Excel)" in x for x in labels) == 3
    for b in buttons:  # a file that is there (no deferred placeholder), and a click does not rerun the page
        assert not b.proto.deferred_file_id and b.proto.url and b.proto.ignore_rerun


# --- the real browser: three quick clicks, three files ------------------------------------------------

@pytest.mark.browser
def test_three_quick_downloads_all_arrive(server: str, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(f"{server}/Eksport?region=1082&klynge=vest&fra=2021-Q1&til=2025-Q4")
    wait_ready(page)
    names = ["Hent indsatser (CSV)", "Hent beslutninger (Excel)", "Hent indikatortal (CSV)"]
    buttons = [page.get_by_role("button", name=n) for n in names]
    for b in buttons:
        b.wait_for(timeout=30000)
    received: list = []  # type: ignore[type-arg]
    page.on("download", lambda d: received.append(d))
    for b in buttons:  # in quick succession, without waiting for the one before
        b.click()
    deadline = time.monotonic() + 30  # a wait for the browser, not a reading of the day
    while len(received) < 3 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    arrived = []
    for i, d in enumerate(received):
        target = tmp_path / f"{i}_{d.suggested_filename}"
        d.save_as(target)
        arrived.append(target)
    assert sorted(p.name.split("_", 1)[1] for p in arrived) == sorted(
        ["indsatser_vest_2021-Q1_2025-Q4.csv", "beslutninger_vest_2021-Q1_2025-Q4.xlsx",
         "indikatorer_vest_2021-Q1_2025-Q4.csv"])
    by_kind = {p.name.split("_", 2)[1]: p for p in arrived}
    assert len(pd.read_csv(by_kind["indsatser"], sep=";", decimal=",", encoding="utf-8-sig")) == 18
    assert load_workbook(by_kind["beslutninger"]).sheetnames == ["Beslutninger", "Om data"]
    assert "Eksempeldata" in pd.read_csv(by_kind["indikatorer"], sep=";", decimal=",", encoding="utf-8-sig")


# --- Calc opens the workbook (the file is written part by part, so a real spreadsheet program reads it) ----

def test_libreoffice_calc_opens_the_workbook_and_reads_the_same_cells(tmp_path: Path) -> None:
    import csv
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    assert soffice, "`make test` installs LibreOffice (libreoffice-calc)"
    frame = pd.DataFrame({
        "Tekst": ["=1+1", "a & b <c>", "x_x0041_y", "linje\r\nskift", "æøå 'citat'", None],
        "Antal": pd.Series([1, 2, 17350, None, 5, 6], dtype=object),
        "Rate": [16.9, None, 2.25, 3.0, -4.1, 0.5],
        "Dato": [dt.date(2025, 10, 3)] * 6,
        "Eksempeldata": [True, False, True, False, True, False],
    })
    path = tmp_path / "tabel.xlsx"
    path.write_bytes(xlsx(frame, "Beslutninger: [2025]", [("Filtre", "Region Midtjylland"), ("Kilder", "a\nb")]))
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false",  # UTF-8, values as stored
                    "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    with (tmp_path / "tabel.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Tekst", "Antal", "Rate", "Dato", "Eksempeldata"]
    assert [r[0] for r in rows[1:]] == ["'=1+1", "a & b <c>", "x_x0041_y", "linje\nskift", "æøå 'citat'", ""]
    assert [r[1] for r in rows[1:]] == ["1", "2", "17350", "", "5", "6"]  # numbers, not text
    assert [r[2] for r in rows[1:]] == ["16.9", "", "2.25", "3", "-4.1", "0.5"]
    assert len({r[3] for r in rows[1:]}) == 1 and "2025" in rows[1][3]  # a date cell, whatever the locale shows
    assert [r[4] for r in rows[1:]] == ["Ja", "Nej"] * 3


def test_odd_tables_still_make_a_workbook_excel_can_open() -> None:
    """Rows without columns, a sheet called like the "Om data" sheet or with a control character, a lone
    surrogate, a text longer than a cell holds, and a date before 1 March 1900 (Excel's leap-year quirk)."""
    assert load_workbook(io.BytesIO(xlsx(pd.DataFrame(index=range(3)), "Data", ()))).sheetnames == ["Data", "Om data"]
    book = load_workbook(io.BytesIO(xlsx(pd.DataFrame({"a": [1]}), "Om data", ())))
    assert book.sheetnames == ["Data", "Om data"]
    assert load_workbook(io.BytesIO(xlsx(pd.DataFrame({"a": [1]}), "Ark\x01 1", ()))).sheetnames[0] == "Ark 1"
    long = "x" * 40_000
    frame = pd.DataFrame({"t": pd.Series(["a\ud800b", long], dtype=object),
                          "d": [dt.date(1900, 1, 15), dt.date(1899, 5, 1)]})
    sheet = load_workbook(io.BytesIO(xlsx(frame, "T", ())))["T"]
    assert sheet["A2"].value == "ab" and len(sheet["A3"].value) == 32_767 and sheet["A3"].value.endswith("…")
    assert sheet["B2"].value.date() == dt.date(1900, 1, 15)  # as Excel reads serial 15
    assert sheet["B3"].value == "1899-05-01"  # before Excel's first day: the date as text


# --- column by column is cell by cell ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from domain.export import csv_cell, text_column  # noqa: E402
from domain.spreadsheet import _ILLEGAL, cell_value  # noqa: E402

_TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list("=+-@\t\r\n\x01\x0b ab'æ_x0041")), max_size=8))


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(_TEXT, max_size=12), long=st.booleans())
def test_a_text_column_is_written_as_each_of_its_cells_would_be(cells: list[str | None], long: bool) -> None:
    """The column-wise path (pandas' string functions from 300 cells, else one by one) gives what the per-cell
    rules give: neutralised text in the CSV, and in the workbook also without the characters it cannot hold."""
    values = (cells or [None]) * (300 // max(1, len(cells)) + 1) if long else cells  # long: 300 cells or more
    column = pd.Series(values, dtype="str")
    expected_csv = [csv_cell(v) for v in column.tolist()]
    assert [v or "" for v in text_column(column)] == expected_csv
    expected_xlsx = [cell_value(v)[0] for v in column.tolist()]
    assert text_column(column, _ILLEGAL) == expected_xlsx
