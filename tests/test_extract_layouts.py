"""Indicator extracts as Danmarks Statistik, esundhed.dk and a region's BI unit deliver them: each
layout read without changing a value or losing a row, or refused with a reason that says why."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table
from store.build import build

ACUTE = "acute_admissions_65plus"


def parse(tmp_path: Path, ref, content: str | bytes, name: str = "t.csv", **kw: Any) -> dict[str, Any]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = tmp_path / name
    path.write_bytes(data)
    return parse_indicator_table(path, data, ref, **kw)


def xlsx(tmp_path: Path, sheets: dict[str, list[list[Any]]], name: str = "t.xlsx") -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path.read_bytes()


def values(result: dict[str, Any]) -> list[tuple[str, str, float]]:
    return [(o["geo_code"], o["period"], o["value"]) for o in result["observations"]]


def add_up(result: dict[str, Any]) -> bool:
    c = result["counts"]
    return c["value_cells"] == (c["observations"] + c["rejected_cells"] + c["not_published"] + c["empty_cells"]
                                + c["left_out_cells"])


# --- places as Danmarks Statistik writes them --------------------------------------------------------

def test_dst_region_codes_081_to_085(tmp_path, ref):
    text = ("OMRÅDE;TID;INDHOLD\n"
            "082;2024M01;1.234\n083;2024M01;2.345\n82;2024M02;1.250\n"
            "081;2024M01;999\n")  # Nordjylland is not in the reference data: rejected, with its line
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("1082", "2024-01", 1234), ("1083", "2024-01", 2345), ("1082", "2024-02", 1250)]
    assert result["rejected"] == [{"line": 5, "reason": "unknown geography '081'"}]
    assert add_up(result)


def test_code_and_name_cells(tmp_path, ref):
    text = ("OMRÅDE;TID;INDHOLD\n"
            "751 Aarhus;2024M01;100\n082 Region Midtjylland;2024M01;2000\n741 Samsø Kommune;2024M01;5\n"
            "751 Randers;2024M02;7\n")  # the code is Aarhus, the name Randers: neither is guessed
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("751", "2024-01", 100), ("1082", "2024-01", 2000), ("741", "2024-01", 5)]
    assert result["rejected"] == [
        {"line": 5, "reason": "geography '751 Randers': code 751 is Aarhus, not Randers"}]


# --- titles --------------------------------------------------------------------------------------

@pytest.mark.parametrize("title", [
    "AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område, enhed og tid",
    "Antal akutte sygehusindlæggelser, for patienter +65 år efter område, enhed og tid (AKUT65)",
    "AKUT65\nAntal akutte sygehusindlæggelser, for patienter +65 år efter område, enhed og tid",
    '"AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område, enhed og tid"',
])
def test_title_names_the_indicator(tmp_path, ref, title):
    text = f"{title}\nOMRÅDE;ENHED;TID;INDHOLD\n751 Aarhus;Antal;2024M01;1.089\n"
    result = parse(tmp_path, ref, text)
    assert [(o["indicator"], o["geo_code"], o["value"]) for o in result["observations"]] == [(ACUTE, "751", 1089)]


def test_title_in_a_comma_separated_file(tmp_path, ref):
    text = ("AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område, enhed og tid\n"
            ",,2024M01,2024M02\nRegion Midtjylland,Antal,1234,1250\n")
    result = parse(tmp_path, ref, text)
    assert result["shape"] == "wide"
    assert [(o["indicator"], o["period"], o["value"]) for o in result["observations"]] == [
        (ACUTE, "2024-01", 1234), (ACUTE, "2024-02", 1250)]


# --- a web download without a header row ---------------------------------------------------------

HEADERLESS = ("082 Region Midtjylland;Antal;2024M01;1.234\n"
              "082 Region Midtjylland;Antal;2024M02;..\n"
              "083 Region Syddanmark;Antal;2024M01;2.345\n"
              "084 Region Hovedstaden;Antal;2024M01;3.456\n")


def test_headerless_download_with_the_indicator_given(tmp_path, ref):
    result = parse(tmp_path, ref, HEADERLESS, indicator=ACUTE)
    assert result["shape"] == "headerless"
    assert values(result) == [("1082", "2024-01", 1234), ("1083", "2024-01", 2345)]
    assert result["rejected"] == [{"line": 4, "reason": "unknown geography '084 Region Hovedstaden'"}]
    assert result["not_published"] == 1 and add_up(result)


def test_headerless_download_with_the_indicator_by_name(tmp_path, ref):
    result = parse(tmp_path, ref, "Region Midtjylland;2024K1;17.350\n",
                   indicator="Antal akutte sygehusindlæggelser, for patienter +65 år")
    assert values(result) == [("1082", "2024-Q1", 17350)]


def test_headerless_download_without_the_indicator_is_refused_saying_why(tmp_path, ref):
    with pytest.raises(UnreadableFile, match=r"line 1: the header row is missing .*--indicator"):
        parse(tmp_path, ref, HEADERLESS)


def test_headerless_download_under_a_title(tmp_path, ref):
    text = "AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område og tid\n" + HEADERLESS
    result = parse(tmp_path, ref, text)
    assert values(result) == [("1082", "2024-01", 1234), ("1083", "2024-01", 2345)]
    assert result["rejected"][0]["line"] == 5


def test_unknown_indicator_given_is_refused(tmp_path, ref):
    with pytest.raises(UnreadableFile, match="unknown indicator 'akut'"):
        parse(tmp_path, ref, HEADERLESS, indicator="akut")


# --- English exports -----------------------------------------------------------------------------

def test_english_export_reads_a_decimal_point(tmp_path, ref):
    text = ("REGION;UNIT;TIME;INDHOLD\n"
            "Region Midtjylland;Number;2024Q1;11.125\nRegion Syddanmark;Number;2024Q1;1,234.5\n"
            "Region Midtjylland;Number;2024Q2;17,350\n")
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("1082", "2024-Q1", 11.125), ("1083", "2024-Q1", 1234.5), ("1082", "2024-Q2", 17350)]
    assert result["tables"][0]["numbers"] == "English (decimal point)"


def test_english_header_alone_decides_an_ambiguous_column(tmp_path, ref):
    text = "REGION;TIME;VALUE\nRegion Midtjylland;2024Q1;11.125\n"
    assert values(parse(tmp_path, ref, text, indicator=ACUTE)) == [("1082", "2024-Q1", 11.125)]


def test_danish_file_keeps_the_thousands_dot(tmp_path, ref):
    text = "OMRÅDE;TID;INDHOLD\nRegion Midtjylland;2024K1;11.125\n"
    assert values(parse(tmp_path, ref, text, indicator=ACUTE)) == [("1082", "2024-Q1", 11125)]


def test_the_decimal_sign_is_decided_for_the_column_never_per_cell(tmp_path, ref):
    # The column says Danish (12,5 and 1.234,5): 1.250 is 1250, and 12.5 is not read as English.
    text = ("OMRÅDE;TID;INDHOLD\nAarhus;2024M01;12,5\nAarhus;2024M02;1.234,5\nAarhus;2024M03;1.250\n"
            "Aarhus;2024M04;12.5\n")
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("751", "2024-01", 12.5), ("751", "2024-02", 1234.5), ("751", "2024-03", 1250)]
    assert [r["line"] for r in result["rejected"]] == [5]
    assert "12.5" in result["rejected"][0]["reason"] and "Danish" in result["rejected"][0]["reason"]


def test_csv_0_125_is_not_125(tmp_path, ref):
    text = "indikator;område;periode;værdi\nreadmissions_30d;Aarhus;2024M01;0.125\n"
    assert values(parse(tmp_path, ref, text)) == [("751", "2024-01", 0.125)]


# --- dimension columns ---------------------------------------------------------------------------

def test_kon_column_keeps_the_total_and_counts_the_subgroups(tmp_path, ref):
    text = ("OMRÅDE;KØN;TID;INDHOLD\n"
            "Region Midtjylland;I alt;2024M01;100\nRegion Midtjylland;Mænd;2024M01;40\n"
            "Region Midtjylland;Kvinder;2024M01;60\nRegion Syddanmark;Mænd;2024M01;45\n"
            "Region Syddanmark;I alt;2024M01;90\n")
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("1082", "2024-01", 100), ("1083", "2024-01", 90)]
    assert result["rejected"] == [] and result["counts"]["left_out_cells"] == 3 and add_up(result)
    assert result["notes"] == ["column 'KØN': read 'I alt'; left out 3 row(s) of 'Kvinder', 'Mænd'"]


def test_alder_column_in_english_with_total(tmp_path, ref):
    text = ("REGION;AGE;TIME;VALUE\n"
            "Region Midtjylland;Age, total;2024Q1;300.5\nRegion Midtjylland;65-69 years;2024Q1;100.25\n")
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("1082", "2024-Q1", 300.5)] and result["counts"]["left_out_cells"] == 1


def test_dimension_without_total_refuses_the_file_naming_the_column(tmp_path, ref):
    text = ("OMRÅDE;ALDER;TID;INDHOLD\n"
            "Region Midtjylland;65-69 år;2024M01;40\nRegion Midtjylland;70-74 år;2024M01;60\n")
    with pytest.raises(UnreadableFile, match=r"column 'ALDER' holds several groups \('65-69 år', '70-74 år'\)"):
        parse(tmp_path, ref, text, indicator=ACUTE)


def test_dimension_that_changes_after_the_first_rows_refuses_the_file(tmp_path, ref, monkeypatch):
    import loaders.indicators

    monkeypatch.setattr(loaders.indicators, "SAMPLE_ROWS", 3)
    text = ("OMRÅDE;KØN;TID;INDHOLD\n" + "".join(f"Aarhus;Mænd;2024M{m:02d};1\n" for m in range(1, 7))
            + "Aarhus;Kvinder;2024M01;2\n")
    with pytest.raises(UnreadableFile, match=r"line 8: column 'KØN' changes from 'Mænd' to 'Kvinder'"):
        parse(tmp_path, ref, text, indicator=ACUTE)


def test_single_valued_unit_column_is_harmless(tmp_path, ref):
    text = "OMRÅDE;ENHED;TID;INDHOLD\nAarhus;Antal;2024M01;10\nRanders;Antal;2024M01;20\n"
    assert values(parse(tmp_path, ref, text, indicator=ACUTE)) == [("751", "2024-01", 10), ("730", "2024-01", 20)]


def test_dst_matrix_with_a_dimension_names_each_group_once(tmp_path, ref):
    text = ("AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område, køn og tid\n"
            ";;2024M01;2024M02\n"
            "Region Midtjylland;I alt;100;110\n;Mænd;40;50\n;Kvinder;60;60\n"
            "Region Syddanmark;I alt;90;..\n;Mænd;45;45\n")
    result = parse(tmp_path, ref, text)
    assert values(result) == [("1082", "2024-01", 100), ("1082", "2024-02", 110), ("1083", "2024-01", 90)]
    assert result["counts"] | {} == {"value_cells": 10, "observations": 3, "rejected_cells": 0, "not_published": 1,
                                     "empty_cells": 0, "left_out_cells": 6, "stray_cells": 0}


# --- places as columns ---------------------------------------------------------------------------

def test_regions_as_columns_with_a_total_column(tmp_path, ref):
    text = ("Tid;Region Midtjylland;Region Syddanmark;Total\n"
            "2024M01;1.234;2.345;3.579\n2024M02;1.300;..;\n2024M13;1;2;3\n")
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert result["shape"] == "columns"
    assert values(result) == [("1082", "2024-01", 1234), ("1083", "2024-01", 2345), ("1082", "2024-02", 1300)]
    assert result["rejected"] == [{"line": 4, "reason": "not a period: '2024M13'"}] * 2
    assert result["counts"] | {} == {"value_cells": 9, "observations": 3, "rejected_cells": 2, "not_published": 1,
                                     "empty_cells": 0, "left_out_cells": 3, "stray_cells": 0}


def test_municipalities_as_columns(tmp_path, ref):
    text = "Måned;Aarhus;Randers;Atlantis;I alt\n2024M01;10;20;5;35\n"
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("751", "2024-01", 10), ("730", "2024-01", 20)]
    assert result["rejected"] == [{"line": 2, "reason": "unknown geography 'Atlantis'"}] and add_up(result)


# --- duplicates ----------------------------------------------------------------------------------

def test_duplicate_in_one_file_keeps_the_first_and_names_it(tmp_path, ref):
    text = ("indikator;område;periode;værdi\n"
            f"{ACUTE};Aarhus;2024M01;10\n{ACUTE};751;2024M02;11\n{ACUTE};751 Aarhus;2024M01;12\n")
    result = parse(tmp_path, ref, text)
    assert values(result) == [("751", "2024-01", 10), ("751", "2024-02", 11)]
    assert result["rejected"] == [
        {"line": 4, "reason": "the same indicator, place and period as line 2; the first one is kept"}]


def test_duplicate_across_two_files_in_a_build(data_copy, tmp_path):
    sources = data_copy / "sources"
    (sources / "2025-01 akut65.csv").write_text(
        f"indikator;kode;periode;værdi\n{ACUTE};751;2024M01;100\n{ACUTE};751;2024M02;110\n")
    (sources / "2025-02 akut65.csv").write_text(
        f"indikator;kode;periode;værdi\n{ACUTE};751;2024M02;111\n{ACUTE};751;2024M03;120\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=dt.date(2026, 11, 22))
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT o.period, o.value, s.file, o.line FROM observations o JOIN sources s "
                            "ON s.id = o.source_id WHERE o.indicator = ? AND o.geo_code = '751' AND o.is_demo = 0 "
                            "ORDER BY o.period", [ACUTE]).fetchall()
        rejected = conn.execute("SELECT s.file, r.line, r.reason FROM rejections r JOIN sources s "
                                "ON s.id = r.source_id").fetchall()
        counts = conn.execute("SELECT file, rows_accepted, rows_rejected FROM sources WHERE file LIKE '%akut65%' "
                              "ORDER BY file").fetchall()
    assert rows == [("2024-01", 100, "sources/2025-01 akut65.csv", 2),
                    ("2024-02", 111, "sources/2025-02 akut65.csv", 2),
                    ("2024-03", 120, "sources/2025-02 akut65.csv", 3)]
    assert rejected == [("sources/2025-01 akut65.csv", 3,
                         "the same indicator, place and period as sources/2025-02 akut65.csv line 2, which wins "
                         "(of two files, the one whose name sorts last)")]
    assert counts == [("sources/2025-01 akut65.csv", 1, 1), ("sources/2025-02 akut65.csv", 2, 0)]


def test_duplicates_do_not_spoil_the_sums_of_clusters(data_copy, tmp_path):
    # Samsø and Aarhus make Aarhusklyngen; Aarhus twice (two files) must count once.
    sources = data_copy / "sources"
    (sources / "a.csv").write_text(f"indikator;kode;periode;værdi\n{ACUTE};751;2024M01;100\n{ACUTE};741;2024M01;5\n")
    (sources / "b.csv").write_text(f"indikator;kode;periode;værdi\n{ACUTE};751;2024M01;101\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=dt.date(2026, 11, 22))
    with sqlite3.connect(db) as conn:
        cluster = conn.execute("SELECT value FROM observations WHERE indicator = ? AND geo_code = 'aarhus' AND "
                               "period = '2024-01'", [ACUTE]).fetchall()
    assert cluster == [(106.0,)]


# --- CSV robustness ------------------------------------------------------------------------------

def test_stray_quote_breaks_only_its_own_line(tmp_path, ref):
    text = ("indikator;område;periode;værdi\n"
            f'{ACUTE};"Aarhus;2024M01;10\n{ACUTE};Randers;2024M01;20\n{ACUTE};"Lemvig";2024M01;30\n'
            f'{ACUTE};Skive "Nord";2024M01;40\n')
    result = parse(tmp_path, ref, text)
    assert values(result) == [("730", "2024-01", 20), ("665", "2024-01", 30)]
    assert [r["line"] for r in result["rejected"]] == [2, 5]
    assert "stray quote" in result["rejected"][0]["reason"]
    assert result["rejected"][1]["reason"] == "unknown geography 'Skive \"Nord\"'" and add_up(result)


def test_cells_beyond_the_header_reject_the_row(tmp_path, ref):
    text = (f"indikator;område;periode;værdi\n{ACUTE};Aarhus;2024M01;10;99\n{ACUTE};Randers;2024M01;20;;\n")
    result = parse(tmp_path, ref, text)
    assert values(result) == [("730", "2024-01", 20)]  # trailing empty cells are no problem
    assert result["rejected"] == [{"line": 2, "reason": "the row has 1 non-empty cell(s) beyond the header's 4 "
                                                        "columns: its cells may be shifted; the row is not read"}]


def test_wide_row_beyond_the_header_is_rejected_whole(tmp_path, ref):
    text = ";2024K1;2024K2\nAarhus;1;2;3\nRanders;4;5\n"
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("730", "2024-Q1", 4), ("730", "2024-Q2", 5)]
    assert [r["line"] for r in result["rejected"]] == [2]
    assert result["counts"]["rejected_cells"] == 2 and add_up(result)


def test_cell_under_an_empty_heading_is_rejected_not_dropped(tmp_path, ref):
    text = (f"indikator;område;periode;;værdi\n{ACUTE};Aarhus;2024M01;se note;10\n{ACUTE};Randers;2024M01;;20\n")
    result = parse(tmp_path, ref, text)
    assert values(result) == [("751", "2024-01", 10), ("730", "2024-01", 20)]
    assert result["rejected"] == [{"line": 2, "reason": "cell 'se note' in column 4 has no heading; not read"}]
    assert result["counts"]["stray_cells"] == 1


def test_wide_cell_under_an_empty_heading(tmp_path, ref):
    text = "område;2024K1;;2024K2\nAarhus;1;x;2\n"
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("751", "2024-Q1", 1), ("751", "2024-Q2", 2)]
    assert result["rejected"] == [{"line": 2, "reason": "cell 'x' in column 3 has no heading; not read"}]


def test_one_cp1252_byte_among_60_utf8_rows(tmp_path, ref):
    months = [f"{2019 + i // 12}M{i % 12 + 1:02d}" for i in range(60)]
    lines = ["indikator;område;periode;værdi"] + [f"{ACUTE};Ringkøbing-Skjern;{m};{i}" for i, m in enumerate(months)]
    data = "\n".join(lines).encode("utf-8").replace("Ringkøbing".encode(), "Ringkøbing".encode("cp1252"), 1)
    assert data.count("Ringkøbing".encode()) == 59
    result = parse(tmp_path, ref, data)
    assert len(result["observations"]) == 60 and result["rejected"] == []


def test_header_without_rows_is_not_read_as_nothing(tmp_path, ref):
    with pytest.raises(UnreadableFile, match="a header but no rows"):
        parse(tmp_path, ref, "indikator;område;periode;værdi\n")


def test_rows_without_any_value_are_not_read_as_nothing(tmp_path, ref):
    with pytest.raises(UnreadableFile, match="no value read from 2 row"):
        parse(tmp_path, ref, "område;2024K1;2024K2\nAarhus;;\nRanders;;\n", indicator=ACUTE)


# --- XLSX ----------------------------------------------------------------------------------------

def test_xlsx_number_cells_are_taken_as_they_are(tmp_path, ref):
    data = xlsx(tmp_path, {"Data": [["Indikator", "Kommune", "Periode", "Værdi"],
                                    [ACUTE, "Aarhus", "2024M01", 0.125], [ACUTE, "Aarhus", "2024M02", 1.234],
                                    [ACUTE, 751, 2024, 17350], [ACUTE, "Aarhus", "2024M03", "1.234"]]})
    result = parse(tmp_path, ref, data, name="t.xlsx")
    assert values(result) == [("751", "2024-01", 0.125), ("751", "2024-02", 1.234), ("751", "2024", 17350),
                              ("751", "2024-03", 1234)]  # the last one is text, written the Danish way


@pytest.mark.parametrize("cell, number_format", [
    (0.125, "0.0%"),  # a percentage cell is the percentage it shows
    (12.5, '0.0" %"'),  # a literal percent sign in the format is no scaling
])
def test_xlsx_percent_formats(tmp_path, ref, cell, number_format):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indikator", "Kommune", "Periode", "Værdi"])
    sheet.append(["readmissions_30d", "Aarhus", "2024M01", cell])
    sheet["D2"].number_format = number_format
    path = tmp_path / "p.xlsx"
    book.save(path)
    assert values(parse_indicator_table(path, path.read_bytes(), ref)) == [("751", "2024-01", 12.5)]


def test_every_sheet_is_read_or_named_as_skipped(tmp_path, ref):
    data = xlsx(tmp_path, {
        "Noter": [["Kilde: Danmarks Statistik"], ["Udtrukket 3. marts 2025"]],
        "Ark1": [["Indikator", "Kommune", "Periode", "Værdi"], [ACUTE, "Aarhus", "2024M01", 10],
                 [ACUTE, "Nowhere", "2024M01", 3]],
        "Ark2": [["AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område og tid"],
                 [None, "2024M02", "2024M03"], ["Randers", 20, 21], ["Aarhus", 11, None]],
        "Tom": [],
    })
    result = parse(tmp_path, ref, data, name="t.xlsx")
    assert values(result) == [("751", "2024-01", 10), ("730", "2024-02", 20), ("730", "2024-03", 21),
                              ("751", "2024-02", 11)]
    assert result["skipped_sheets"] == [
        {"sheet": "Noter", "reason": "no header row: expected columns such as indikator, geografi, periode, værdi, "
                                     "or periods (or places) as column headings"},
        {"sheet": "Tom", "reason": "the table has no rows"}]
    assert result["rejected"] == [{"line": 3, "reason": "sheet 'Ark1': unknown geography 'Nowhere'"}]
    assert [(t["sheet"], t["shape"]) for t in result["tables"]] == [("Ark1", "long"), ("Ark2", "wide")]
    assert add_up(result)


def test_duplicate_across_sheets_names_the_sheet(tmp_path, ref):
    rows = [["Indikator", "Kommune", "Periode", "Værdi"], [ACUTE, "Aarhus", "2024M01", 10]]
    data = xlsx(tmp_path, {"Ark1": rows, "Ark2": rows})
    result = parse(tmp_path, ref, data, name="t.xlsx")
    assert values(result) == [("751", "2024-01", 10)]
    assert result["rejected"] == [{"line": 2, "reason": "sheet 'Ark2': the same indicator, place and period as "
                                                        "sheet 'Ark1' line 2; the first one is kept"}]


def test_workbook_with_no_table_names_each_sheet(tmp_path, ref):
    data = xlsx(tmp_path, {"A": [["hej"]], "B": [["1", "2"]]})
    with pytest.raises(UnreadableFile, match=r"sheet 'A': no header row.*; sheet 'B': no header row"):
        parse(tmp_path, ref, data, name="t.xlsx")


def test_skipped_sheets_and_left_out_groups_are_recorded_by_the_build(data_copy, tmp_path):
    xlsx(data_copy / "sources", {
        "Noter": [["Kilde: esundhed.dk"]],
        "Data": [["Indikator", "Kommune", "Køn", "Periode", "Værdi"], [ACUTE, "Aarhus", "I alt", "2024M01", 10],
                 [ACUTE, "Aarhus", "Mænd", "2024M01", 4]]}, name="udtræk.xlsx")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=dt.date(2026, 11, 22))
    with sqlite3.connect(db) as conn:
        source = conn.execute("SELECT id, status, message, rows_accepted FROM sources WHERE file LIKE '%udtræk%'"
                              ).fetchone()
        rejected = conn.execute("SELECT line, reason FROM rejections WHERE source_id = ?", [source[0]]).fetchall()
    assert source[1:] == ("loaded", "sheet 'Data': column 'Køn': read 'I alt'; left out 1 row(s) of 'Mænd'", 1)
    assert rejected == [(None, "sheet 'Noter' not read: no header row: expected columns such as indikator, "
                               "geografi, periode, værdi, or periods (or places) as column headings")]


# --- columns that are no role ----------------------------------------------------------------------

def test_region_code_and_municipality_name_read_the_municipality(tmp_path, ref):
    text = "Regionskode;Kommune;Periode;Antal\n1082;Aarhus;2024M01;10\n1083;Aarhus;2024M02;10\n"
    result = parse(tmp_path, ref, text, indicator=ACUTE)
    assert values(result) == [("751", "2024-01", 10)]
    assert result["rejected"] == [{"line": 3, "reason": "geography 'Aarhus' does not match code 1083"}]


def test_region_and_municipality_columns_take_the_more_specific(tmp_path, ref):
    text = ("Region;Kommune;Periode;Antal\nRegion Midtjylland;Aarhus;2024M01;10\n"
            "Region Midtjylland;;2024M01;100\n")
    assert values(parse(tmp_path, ref, text, indicator=ACUTE)) == [("751", "2024-01", 10), ("1082", "2024-01", 100)]


def test_note_and_measure_columns_are_named_as_not_read(tmp_path, ref):
    text = (f"indikator;område;periode;værdi;Note;Befolkning\n{ACUTE};Aarhus;2024M01;10;foreløbig;370000\n"
            f"{ACUTE};Randers;2024M01;20;;100000\n")
    result = parse(tmp_path, ref, text)
    assert values(result) == [("751", "2024-01", 10), ("730", "2024-01", 20)]
    assert result["notes"] == ["column 'Note' not read (a note column)",
                               "column 'Befolkning' not read (numbers that are none of the table's columns)"]


def test_ages_as_numbers_are_a_dimension(tmp_path, ref):
    text = f"indikator;område;periode;værdi;Alder\n{ACUTE};Aarhus;2024M01;10;65\n{ACUTE};Aarhus;2024M01;12;66\n"
    with pytest.raises(UnreadableFile, match="column 'Alder' holds several groups"):
        parse(tmp_path, ref, text)


def test_xlsx_region_code_as_a_number(tmp_path, ref):
    data = xlsx(tmp_path, {"Data": [["OMRÅDE", "TID", "INDHOLD"], [82, "2024M01", 1234], [751, "2024M01", 12.5]]})
    assert values(parse(tmp_path, ref, data, name="t.xlsx", indicator=ACUTE)) == [
        ("1082", "2024-01", 1234), ("751", "2024-01", 12.5)]


def test_xlsx_damaged_after_the_first_rows_is_unreadable_not_a_crash(tmp_path, ref):
    import zipfile

    rows = [["Indikator", "Kommune", "Periode", "Værdi"]] + [[ACUTE, "Aarhus", f"{2000 + i}", i] for i in range(30)]
    good = xlsx(tmp_path, {"Data": rows})
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(tmp_path / "t.xlsx") as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) * 2 // 3]  # the XML stops in the middle of a row
            out.writestr(item, data)
    assert good
    with pytest.raises(UnreadableFile, match="sheet 'Data' cannot be read after row"):
        parse_indicator_table(damaged, damaged.read_bytes(), ref)


def test_cli_headerless_download_with_and_without_indicator(tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = tmp_path / "akut65.csv"
    path.write_text(HEADERLESS, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "loaders", "parse", str(path), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    refused = run()
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "the header row is missing" in refused.stderr and "--indicator" in refused.stderr
    read = run("--indicator", ACUTE)
    assert read.returncode == 0, read.stderr
    out = json.loads(read.stdout)
    assert [(o["geo_code"], o["period"], o["value"]) for o in out["observations"]] == [
        ("1082", "2024-01", 1234), ("1083", "2024-01", 2345)]
    assert out["counts"]["not_published"] == 1 and out["shape"] == "headerless"


# --- encodings -------------------------------------------------------------------------------------

def test_decode_falls_back_line_by_line():
    from loaders.text import decode

    data = "Ringkøbing;1\n".encode() + "Århus;2\n".encode("cp1252") + b"Skjern;3\n"
    assert decode(data) == "Ringkøbing;1\nÅrhus;2\nSkjern;3\n"
    assert decode(b"\xef\xbb\xbf" + "æ".encode()) == "æ"
    assert decode("Køn\t1".encode("utf-16")) == "Køn\t1"


def test_excel_unicode_text_is_read(tmp_path, ref):
    text = f"indikator\tområde\tperiode\tværdi\n{ACUTE}\tRingkøbing-Skjern\t2024M01\t12,5\n"
    assert values(parse(tmp_path, ref, text.encode("utf-16"), name="t.txt")) == [("760", "2024-01", 12.5)]


def test_dst_matrix_with_groups_across_the_columns(tmp_path, ref):
    text = ("AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område, køn og tid\n"
            ";Mænd;;I alt;\n;2024M01;2024M02;2024M01;2024M02\nAarhus;1;2;10;20\nRanders;3;..;30;40\n")
    result = parse(tmp_path, ref, text)
    assert values(result) == [("751", "2024-01", 10), ("751", "2024-02", 20), ("730", "2024-01", 30),
                              ("730", "2024-02", 40)]
    assert result["notes"] == ["line 2: read the columns of 'I alt'; left out the columns of 'Mænd'"]
    assert result["counts"]["left_out_cells"] == 4 and add_up(result)


def test_groups_across_the_columns_without_total_refuse_the_file(tmp_path, ref):
    text = ";Mænd;;Kvinder;\n;2024M01;2024M02;2024M01;2024M02\nAarhus;1;2;10;20\n"
    with pytest.raises(UnreadableFile, match=r"split into groups by line 1 \('Mænd', 'Kvinder'\)"):
        parse(tmp_path, ref, text, indicator=ACUTE)
