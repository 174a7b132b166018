"""Indicator extracts as deliveries come from a region's BI unit, esundhed.dk and Danmarks Statistik:
layouts the loader reads by rule (not by file), each written here as a file the project has never seen
(CSV text in cp1252 or UTF-8 with BOM, XLSX through openpyxl). Every value cell ends as an observation,
a rejection with its line and reason, ``..`` or a discretion mark (not published), or a counted empty
or left-out cell, and every reason has its Danish wording."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from loaders.danish import is_known
from loaders.detect import looks_like_table
from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table
from tests.test_extract_layouts import xlsx

ACUTE = "acute_admissions_65plus"  # a count
READMISSIONS = "readmissions_30d"  # a percentage
DISCHARGE = "discharge_ready_days"  # a count
PREVENTABLE = "preventable_admissions_65plus"  # a count


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig", name: str = "udtraek.csv") -> tuple[Path, bytes]:
    data = text.replace("\n", "\r\n").encode(encoding)
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


def parse_csv(tmp_path: Path, ref, text: str, encoding: str = "utf-8-sig", **kw: Any) -> dict[str, Any]:
    path, data = write(tmp_path, text, encoding)
    return parse_indicator_table(path, data, ref, **kw)


def parse_xlsx(tmp_path: Path, ref, sheets: dict[str, list[list[Any]]], **kw: Any) -> dict[str, Any]:
    data = xlsx(tmp_path, sheets, "udtraek.xlsx")
    return parse_indicator_table(tmp_path / "udtraek.xlsx", data, ref, **kw)


def observed(result: dict[str, Any]) -> list[tuple[str, str, str, float]]:
    return [(o["indicator"], o["geo_code"], o["period"], o["value"]) for o in result["observations"]]


def accounted(result: dict[str, Any]) -> bool:
    """Every value cell is one of the kinds the module's docstring names, and every reason and note
    has its Danish wording."""
    c = result["counts"]
    whole = c["value_cells"] == (c["observations"] + c["rejected_cells"] + c["not_published"] + c["empty_cells"]
                                 + c["left_out_cells"])
    worded = all(is_known(r["reason"]) for r in result["rejected"]) and all(is_known(n) for n in result["notes"])
    worded = worded and all(is_known(s["reason"]) for s in result["skipped_sheets"])
    return whole and worded


# --- 1. a workbook whose first sheet is not a table ---------------------------------------------------------

ABOUT = [["Om data"], [], ["Tallene er hentet fra regionens BI-portal den 3. marts 2025 og opgøres pr. måned."],
         ["Andelen er opgjort som genindlæggelser inden for 30 dage, i procent af udskrivelserne."]]
EXPLAINED = [["Forklaring"], ["Begreb", "Forklaring"],
             ["Genindlæggelse", "En akut indlæggelse inden for 30 dage efter en udskrivelse, 2024."],
             ["Periode", "2024"], ["Enhed", "Procent"]]
DATA = [["Kommune", "Måned", "Værdi"], ["Aarhus", "2024M01", 12.5], ["Randers", "2024M01", 9.75]]


@pytest.mark.parametrize("first, second", [("Om data", ABOUT), ("Forklaring", EXPLAINED)])
@pytest.mark.parametrize("given", [READMISSIONS, None])
def test_a_sheet_of_text_before_the_table_is_skipped_and_named(tmp_path, ref, first, second, given):
    data = DATA if given else [["Indikator", *DATA[0]]] + [[READMISSIONS, *row] for row in DATA[1:]]
    result = parse_xlsx(tmp_path, ref, {first: second, "Data": data}, indicator=given)
    assert observed(result) == [(READMISSIONS, "751", "2024-01", 12.5), (READMISSIONS, "730", "2024-01", 9.75)]
    assert [s["sheet"] for s in result["skipped_sheets"]] == [first]
    assert result["rejected"] == [] and accounted(result)


def test_a_workbook_of_text_only_is_refused_naming_its_sheets(tmp_path, ref):
    with pytest.raises(UnreadableFile) as caught:
        parse_xlsx(tmp_path, ref, {"Om data": ABOUT, "Forklaring": EXPLAINED}, indicator=READMISSIONS)
    assert "Om data" in caught.value.problem and "Forklaring" in caught.value.problem
    assert is_known(caught.value.problem)


# --- 2. months as Excel dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("days", [(dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1)),
                                  (dt.date(2024, 1, 1), dt.date(2024, 2, 1)),
                                  (dt.datetime(2024, 1, 31), dt.datetime(2024, 2, 29))])  # a month's last day
def test_months_as_date_cells_in_a_month_column(tmp_path, ref, days):
    rows = [["Kommune", "Måned", "Antal"], ["Aarhus", days[0], 120], ["Aarhus", days[1], 130]]
    result = parse_xlsx(tmp_path, ref, {"Data": rows}, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120), (ACUTE, "751", "2024-02", 130)]
    assert accounted(result)


def test_months_as_date_cells_over_a_wide_table(tmp_path, ref):
    months = [dt.datetime(2024, m, 1) for m in (1, 2, 3)]
    rows = [["Kommune", *months], ["Aarhus", 120, 130, ".."], ["Horsens", 40, None, 41]]
    result = parse_xlsx(tmp_path, ref, {"Data": rows}, indicator=ACUTE)
    assert result["shape"] == "wide"
    assert observed(result) == [(ACUTE, "751", "2024-01", 120), (ACUTE, "751", "2024-02", 130),
                                (ACUTE, "615", "2024-01", 40), (ACUTE, "615", "2024-03", 41)]
    assert result["counts"]["not_published"] == 1 and result["counts"]["empty_cells"] == 1 and accounted(result)


# --- 3. a cluster column beside the municipality -------------------------------------------------------------

@pytest.mark.parametrize("cluster", ["Klynge", "Sundhedsklynge", "Klyngenavn"])
@pytest.mark.parametrize("names", [("Aarhusklyngen", "Randersklyngen"), ("AUH", "RH Randers")])
def test_a_cluster_column_beside_the_municipality_long(tmp_path, ref, cluster, names):
    text = (f"{cluster};Kommune;Måned;Antal\n"
            f"{names[0]};Aarhus;2024M01;120\n{names[0]};Samsø;2024M01;4\n"
            f"{names[1]};Randers;2024M01;80\n{names[1]};Favrskov;2024M01;30\n")
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120), (ACUTE, "741", "2024-01", 4),
                                (ACUTE, "730", "2024-01", 80), (ACUTE, "710", "2024-01", 30)]
    assert result["rejected"] == [] and accounted(result)


@pytest.mark.parametrize("cluster", ["Klynge", "Sundhedsklynge"])
def test_a_cluster_column_beside_the_municipality_wide(tmp_path, ref, cluster):
    text = (f"{cluster};Kommune;2024M01;2024M02\n"
            "Aarhusklyngen;Aarhus;120;121\n;Samsø;4;5\nRandersklyngen;Randers;80;81\n")
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120), (ACUTE, "751", "2024-02", 121),
                                (ACUTE, "741", "2024-01", 4), (ACUTE, "741", "2024-02", 5),
                                (ACUTE, "730", "2024-01", 80), (ACUTE, "730", "2024-02", 81)]
    assert result["rejected"] == [] and accounted(result)


def test_a_municipality_outside_its_row_cluster_is_rejected(tmp_path, ref):
    text = "Klynge;Kommune;Måned;Antal\nAarhusklyngen;Aarhus;2024M01;120\nAarhusklyngen;Randers;2024M01;80\n"
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120)]
    assert [r["line"] for r in result["rejected"]] == [3] and "Randers" in result["rejected"][0]["reason"]
    assert accounted(result)


# --- 4. year and quarter (month, half-year) in two columns --------------------------------------------------

@pytest.mark.parametrize("quarter", ["1. kvt.", "K1", "Q1", "1", "1. kvartal", "1.kvt"])
def test_year_and_quarter_in_two_columns(tmp_path, ref, quarter):
    second = quarter.replace("1", "2")
    text = (f"År;Kvartal;Kommune;Antal\n2024;{quarter};Aarhus;300\n2024;{second};Aarhus;310\n"
            f"2023;{quarter};Aarhus;290\n")
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE, encoding="cp1252")
    assert observed(result) == [(ACUTE, "751", "2024-Q1", 300), (ACUTE, "751", "2024-Q2", 310),
                                (ACUTE, "751", "2023-Q1", 290)]
    assert result["rejected"] == [] and accounted(result)


@pytest.mark.parametrize("heading, cells, periods", [
    ("Måned", ["januar", "februar"], ["2024-01", "2024-02"]),
    ("Måned", ["jan", "feb"], ["2024-01", "2024-02"]),
    ("Måned", ["1", "2"], ["2024-01", "2024-02"]),
    ("Halvår", ["1. halvår", "2. halvår"], ["2024-H1", "2024-H2"]),
    ("Halvår", ["H1", "H2"], ["2024-H1", "2024-H2"]),
])
def test_year_and_month_or_half_year_in_two_columns(tmp_path, ref, heading, cells, periods):
    text = f"Kommune;År;{heading};Antal\n" + "".join(f"Aarhus;2024;{c};{100 + i}\n" for i, c in enumerate(cells))
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", p, 100 + i) for i, p in enumerate(periods)]
    assert accounted(result)


def test_a_quarter_that_is_none_is_rejected_with_its_cells(tmp_path, ref):
    text = "År;Kvartal;Kommune;Antal\n2024;1. kvt.;Aarhus;300\n2024;5. kvt.;Aarhus;310\n"
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-Q1", 300)]
    assert [r["line"] for r in result["rejected"]] == [3] and "5. kvt." in result["rejected"][0]["reason"]
    assert accounted(result)


def test_year_and_quarter_columns_in_a_workbook(tmp_path, ref):
    rows = [["År", "Kvartal", "Kommune", "Antal"], [2024, "1. kvt.", "Aarhus", 300], [2024, 2, "Aarhus", 310]]
    result = parse_xlsx(tmp_path, ref, {"Data": rows}, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-Q1", 300), (ACUTE, "751", "2024-Q2", 310)]


# --- 5. half-years and months written out -------------------------------------------------------------------

@pytest.mark.parametrize("cell, period", [
    ("1. halvår 2023", "2023-H1"), ("2. halvår 2023", "2023-H2"), ("januar 2024", "2024-01"),
    ("jan 2024", "2024-01"), ("Januar 2024", "2024-01"), ("jan. 2024", "2024-01"), ("1. kvt. 2024", "2024-Q1"),
    ("1. kvartal 2024", "2024-Q1"), ("Q1 2024", "2024-Q1"), ("K1 2024", "2024-Q1"), ("H2 2023", "2023-H2"),
])
def test_periods_written_out_long_and_wide(tmp_path, ref, cell, period):
    long = parse_csv(tmp_path, ref, f"Kommune;Periode;Antal\nAarhus;{cell};5\n", indicator=ACUTE)
    assert observed(long) == [(ACUTE, "751", period, 5)]
    wide = parse_csv(tmp_path, ref, f"Kommune;{cell}\nAarhus;5\nSamsø;6\n", indicator=ACUTE, encoding="cp1252")
    assert wide["shape"] == "wide" and observed(wide) == [(ACUTE, "751", period, 5), (ACUTE, "741", period, 6)]


# --- 6. the indicator named by the value column's heading ---------------------------------------------------

@pytest.mark.parametrize("heading, indicator, cells, values", [
    ("Andel akutte genindlæggelser indenfor 30 dage (%)", READMISSIONS, ["12,5", "9,8"], [12.5, 9.8]),
    ("Andel akutte genindlæggelser inden for 30 dage (%)", READMISSIONS, ["12,5", "9,8"], [12.5, 9.8]),
    ("Andel akutte genindlæggelser indenfor 30 dage, pct.", READMISSIONS, ["12,5", "9,8"], [12.5, 9.8]),
    ("Genindlæggelser inden 30 dage i procent", READMISSIONS, ["12,5", "9,8"], [12.5, 9.8]),
    ("Antal færdigbehandlingsdage på sygehusene (antal)", DISCHARGE, ["1.250", "17"], [1250, 17]),
    ("Antal færdigbehandlingsdage på sygehusene", DISCHARGE, ["1.250", "17"], [1250, 17]),
])
def test_the_value_heading_names_the_indicator(tmp_path, ref, heading, indicator, cells, values):
    text = f"Kommune;Måned;{heading}\nAarhus;2024M01;{cells[0]}\nSkive;2024M01;{cells[1]}\n"
    result = parse_csv(tmp_path, ref, text)
    assert observed(result) == [(indicator, "751", "2024-01", values[0]), (indicator, "779", "2024-01", values[1])]
    assert result["rejected"] == [] and accounted(result)


def test_two_indicators_as_value_headings(tmp_path, ref):
    text = ("Kommune;Måned;Antal akutte sygehusindlæggelser, for patienter +65 år;"
            "Andel akutte genindlæggelser indenfor 30 dage (%)\n"
            "Aarhus;2024M01;1.250;12,5\nSkive;2024M01;;9,8\n")
    result = parse_csv(tmp_path, ref, text)
    assert observed(result) == [(ACUTE, "751", "2024-01", 1250), (READMISSIONS, "751", "2024-01", 12.5),
                                (READMISSIONS, "779", "2024-01", 9.8)]
    assert result["counts"]["empty_cells"] == 1 and accounted(result)


def test_a_rate_per_1000_under_a_count_indicator_is_not_read_as_the_count(tmp_path, ref):
    text = ("Kommune;Måned;Antal forebyggelige indlæggelser blandt ældre (+ 65 år);"
            "Antal forebyggelige indlæggelser blandt ældre (+ 65 år) pr. 1.000 borgere\n"
            "Aarhus;2024M01;310;5,1\nSkive;2024M01;88;6,0\n")
    result = parse_csv(tmp_path, ref, text)
    assert observed(result) == [(PREVENTABLE, "751", "2024-01", 310), (PREVENTABLE, "779", "2024-01", 88)]
    assert result["counts"]["left_out_cells"] == 2 and any("pr. 1.000" in n for n in result["notes"])
    assert accounted(result)
    alone = "Kommune;Måned;Antal forebyggelige indlæggelser blandt ældre (+ 65 år) pr. 1.000 borgere\nAarhus;2024M01;5,1\n"
    with pytest.raises(UnreadableFile) as caught:
        parse_csv(tmp_path, ref, alone)
    assert "pr. 1.000" in caught.value.problem and is_known(caught.value.problem)


# --- 7. a count and a rate side by side ----------------------------------------------------------------------

COUNT_AND_RATE = "Kommune;Måned;Antal;Andel (%)\nAarhus;2024M01;1.250;12,5\nSkive;2024M01;88;9,8\n"


@pytest.mark.parametrize("indicator, values", [(READMISSIONS, [12.5, 9.8]), (ACUTE, [1250, 88])])
def test_the_indicator_unit_decides_between_count_and_rate(tmp_path, ref, indicator, values):
    result = parse_csv(tmp_path, ref, COUNT_AND_RATE, indicator=indicator)
    assert observed(result) == [(indicator, "751", "2024-01", values[0]), (indicator, "779", "2024-01", values[1])]
    other = "Antal" if indicator == READMISSIONS else "Andel (%)"
    assert result["counts"]["left_out_cells"] == 2 and any(f"'{other}'" in n for n in result["notes"])
    assert result["rejected"] == [] and accounted(result)


def test_count_and_rate_with_an_indicator_column(tmp_path, ref):
    text = ("Indikator;Kommune;Måned;Antal;Andel (%)\n"
            f"{READMISSIONS};Aarhus;2024M01;310;12,5\n{ACUTE};Aarhus;2024M01;1.250;\n"
            "lup_collaboration;Aarhus;2024M01;3;4\n")
    result = parse_csv(tmp_path, ref, text)
    assert observed(result) == [(READMISSIONS, "751", "2024-01", 12.5), (ACUTE, "751", "2024-01", 1250)]
    assert [r["line"] for r in result["rejected"]] == [4]  # a score: neither a count nor a share
    assert result["counts"]["left_out_cells"] == 3 and accounted(result)


# --- 8. Danmarks Statistik downloads: title, footer, Danish and English ---------------------------------------

DST_DANISH = """\
"Andel akutte genindlæggelser indenfor 30 dage efter område og tid"
"Enhed: Procent"
;"2024M01";"2024M02"
"Region Midtjylland";12,5;13,1
"Aarhus";11,9;..
"Randers";10,2;10,4

"Kilde: Danmarks Statistik, www.statistikbanken.dk, 3. marts 2025"
"Opdateret: 3. marts 2025, kl. 08.00, næste opdatering 2. juni 2025"
"""
DST_ENGLISH = """\
Acute readmissions within 30 days by region and time
,2024M01,2024M02
Region Midtjylland,12.5,13.1
Aarhus,11.9,..
Randers,10.2,10.4

"Source: Statistics Denmark, www.statbank.dk, 3 March 2025"
Updated: 3 March 2025, next update 2 June 2025
"""
DST_DANISH_LONG = """\
Andel akutte genindlæggelser indenfor 30 dage efter område og tid
OMRÅDE;TID;INDHOLD
Region Midtjylland;2024M01;12,5
Aarhus;2024M01;11,9
Randers;2024M01;10
Kilde: Danmarks Statistik, statistikbanken.dk, marts 2025
Opdateret 3. marts 2025, kl. 8.00, næste 2. juni
Noter: tallene for 2024 er foreløbige, se www.dst.dk, dokumentation
"""
DST_ENGLISH_LONG = """\
AREA,TIME,VALUE
Region Midtjylland,2024M01,12.5
Aarhus,2024M01,11.9
Randers,2024M01,10
Source: Statistics Denmark, statbank.dk, March 2025
Updated 3 March 2025, 8.00, next 2 June
Notes: figures for 2024 are preliminary, see www.dst.dk, documentation
"""
EXPECTED = [("1082", "2024-01", 12.5), ("751", "2024-01", 11.9), ("730", "2024-01", 10)]


@pytest.mark.parametrize("text, encoding", [(DST_DANISH, "cp1252"), (DST_DANISH, "utf-8-sig"),
                                            (DST_ENGLISH, "utf-8-sig")])
def test_dst_matrix_with_title_and_footer(tmp_path, ref, text, encoding):
    result = parse_csv(tmp_path, ref, text, encoding=encoding, indicator=READMISSIONS)
    assert [(g, p, v) for _, g, p, v in observed(result)] == [
        ("1082", "2024-01", 12.5), ("1082", "2024-02", 13.1), ("751", "2024-01", 11.9),
        ("730", "2024-01", 10.2), ("730", "2024-02", 10.4)]
    assert result["rejected"] == [] and result["counts"]["not_published"] == 1
    assert any("Kilde" in n or "Source" in n for n in result["notes"]) and accounted(result)


@pytest.mark.parametrize("text, encoding", [(DST_DANISH_LONG, "cp1252"), (DST_ENGLISH_LONG, "utf-8-sig")])
def test_dst_long_with_footer(tmp_path, ref, text, encoding):
    result = parse_csv(tmp_path, ref, text, encoding=encoding, indicator=READMISSIONS)
    assert [(g, p, v) for _, g, p, v in observed(result)] == EXPECTED
    assert result["rejected"] == [] and accounted(result)
    assert result["tables"][0]["numbers"].startswith("English" if "AREA" in text else "Danish")


@pytest.mark.parametrize("text", [DST_DANISH, DST_ENGLISH, DST_DANISH_LONG, DST_ENGLISH_LONG])
def test_dst_downloads_are_recognised_as_tables(text):
    assert looks_like_table(text)


def test_a_data_row_after_the_footer_is_still_read(tmp_path, ref):
    text = "OMRÅDE;TID;INDHOLD\nAarhus;2024M01;12,5\nKilde: Danmarks Statistik\nRanders;2024M01;10,5\n"
    result = parse_csv(tmp_path, ref, text, indicator=READMISSIONS)
    assert [(g, v) for _, g, _, v in observed(result)] == [("751", 12.5), ("730", 10.5)] and accounted(result)


# --- 9. discretion and the place rows that are no place -----------------------------------------------------

@pytest.mark.parametrize("mark", ["<5", "< 5", "(<5)", "*", "**", "(*)", "<3"])
def test_discretion_marks_are_not_published(tmp_path, ref, mark):
    text = f"Kommune;Måned;Antal\nAarhus;2024M01;120\nSamsø;2024M01;{mark}\n"
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120)]
    assert result["rejected"] == [] and result["counts"]["not_published"] == 1 and accounted(result)
    wide = parse_csv(tmp_path, ref, f"Kommune;2024M01;2024M02\nSamsø;{mark};4\n", indicator=ACUTE)
    assert observed(wide) == [(ACUTE, "741", "2024-02", 4)] and wide["counts"]["not_published"] == 1


def test_a_dash_is_rejected_as_neither_zero_nor_a_mark(tmp_path, ref):
    text = "Kommune;Måned;Antal\nAarhus;2024M01;120\nSamsø;2024M01;-\n"
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120)]
    assert [r["line"] for r in result["rejected"]] == [3] and "'-'" in result["rejected"][0]["reason"]
    assert accounted(result)


@pytest.mark.parametrize("label, left_out", [("I alt", True), ("Total", True), ("Kommuner i alt", True),
                                             ("Hele landet", False), ("Danmark", False), ("Uoplyst", False),
                                             ("Ukendt kommune", False), ("Uoplyst bopæl", False)])
@pytest.mark.parametrize("wide", [False, True])
def test_place_rows_that_name_no_place(tmp_path, ref, label, left_out, wide):
    text = (f"Kommune;2024M01\nAarhus;120\n{label};900\n" if wide
            else f"Kommune;Måned;Antal\nAarhus;2024M01;120\n{label};2024M01;900\n")
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120)]
    if left_out:
        assert result["rejected"] == [] and result["counts"]["left_out_cells"] == 1
        assert any(label in n for n in result["notes"])
    else:
        assert [r["line"] for r in result["rejected"]] == [3] and label in result["rejected"][0]["reason"]
    assert accounted(result)


def test_a_place_total_that_names_a_place_is_that_place(tmp_path, ref):
    text = "Område;Måned;Antal\nAarhus;2024M01;120\nRegion Midtjylland i alt;2024M01;900\n"
    result = parse_csv(tmp_path, ref, text, indicator=ACUTE)
    assert observed(result) == [(ACUTE, "751", "2024-01", 120), (ACUTE, "1082", "2024-01", 900)]


# --- 10. a column that shows both decimal styles -------------------------------------------------------------

@pytest.mark.parametrize("header, cells, expected, rejected", [
    # decimals with '.' under Danish headings: '99,371' is 99371 or 99.371
    ("Kommune;Måned;Antal", ["12.5", "13.25", "99,371"], [12.5, 13.25], "99,371"),
    # decimals with ',' under English headings: '1.250' is 1250 or 1.25
    ("AREA;TIME;VALUE", ["12,5", "13,25", "1.250"], [12.5, 13.25], "1.250"),
    # the language's own style: a Danish column groups thousands with '.', an English one with ','
    ("Kommune;Måned;Antal", ["12,5", "1.089", "17.350"], [12.5, 1089, 17350], None),
    ("AREA;TIME;VALUE", ["12.5", "1,089", "17,350"], [12.5, 1089, 17350], None),
    # the column groups thousands beyond doubt: '17,350' is 17350
    ("Kommune;Måned;Antal", ["12.5", "1,234.5", "17,350"], [12.5, 1234.5, 17350], None),
    # no decimals: thousands in the language's style
    ("Kommune;Måned;Antal", ["1.250", "17", "2.500"], [1250, 17, 2500], None),
])
def test_a_cell_that_reads_two_ways_in_its_column_is_rejected(tmp_path, ref, header, cells, expected, rejected):
    rows = "".join(f"Aarhus;2024M{i + 1:02d};{c}\n" for i, c in enumerate(cells))
    result = parse_csv(tmp_path, ref, header + "\n" + rows, indicator=DISCHARGE)
    assert [o["value"] for o in result["observations"]] == expected
    if rejected:
        assert len(result["rejected"]) == 1 and f"'{rejected}'" in result["rejected"][0]["reason"]
        assert "two ways" in result["rejected"][0]["reason"]
    else:
        assert result["rejected"] == []
    assert accounted(result)


# --- the new rules are linear on hostile input ----------------------------------------------------------------

RUNS = [" ", "1.", "<", "(", "*", "(<", "Kilde ", "1. kvt. ", "1. halvår ", "pr 1 ", '"', "%", " i alt",
        "jan ", "K1 ", "-", "Uoplyst "]


@pytest.mark.parametrize("run", RUNS)
def test_a_300_kb_hostile_cell_reads_in_bounded_time(tmp_path, ref, run):
    line = (run * (300_000 // len(run)))[:300_000]
    text = (f"Kommune;Måned;{line}\nAarhus;2024M01;5\n{line};{line};{line}\nAarhus;{line};1\n"
            f"Aarhus;2024M02;{line}\n{line}\n")
    path, data = write(tmp_path, text, "utf-8")
    started = time.process_time()
    with contextlib.suppress(UnreadableFile):  # refusing the file is fine; taking long is not
        parse_indicator_table(path, data, ref, indicator=ACUTE)
    assert time.process_time() - started < 3.0  # (a linear read of these 1.5 MB takes about 1.2 s)
