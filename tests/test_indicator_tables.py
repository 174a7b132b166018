from pathlib import Path

import openpyxl
import pytest

from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table


def parse(tmp_path: Path, ref, content: bytes, name: str = "t.csv", **kw):
    path = tmp_path / name
    path.write_bytes(content)
    return parse_indicator_table(path, content, ref, **kw)


LONG = ("indikator;geografi;periode;værdi\n"
        "readmissions_30d;Ringkøbing-Skjern;2024M01;12,5\n"
        "Andel akutte genindlæggelser indenfor 30 dage;760;feb 2024;13,1\n"
        "readmissions_30d;Ukendt Kommune;2024M01;12,5\n"
        "readmissions_30d;Lemvig;2024M02;..\n"
        "Ukendt indikator;Lemvig;2024M02;3\n"
        "readmissions_30d;Lemvig;2024M13;3\n"
        "readmissions_30d;Lemvig;2024M03;abc\n"
        "readmissions_30d;Lemvig;2024M04;140\n"
        "readmissions_30d;Lemvig;2024M05;\n"
        "acute_admissions_65plus;Vestklyngen;2024K1;1.089\n"
        "acute_admissions_65plus;1082;2024;17.350\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_long_table_in_every_encoding(tmp_path, ref, encoding):
    result = parse(tmp_path, ref, LONG.encode(encoding))
    assert result["shape"] == "long"
    obs = [(o["indicator"], o["geo_code"], o["period"], o["value"]) for o in result["observations"]]
    assert obs == [
        ("readmissions_30d", "760", "2024-01", 12.5), ("readmissions_30d", "760", "2024-02", 13.1),
        ("acute_admissions_65plus", "vest", "2024-Q1", 1089.0), ("acute_admissions_65plus", "1082", "2024", 17350.0),
    ]
    assert result["rejected"] == [
        {"line": 4, "reason": "unknown geography 'Ukendt Kommune'"},
        {"line": 6, "reason": "unknown indicator 'Ukendt indikator'"},
        {"line": 7, "reason": "not a period: '2024M13'"},
        {"line": 8, "reason": "not a number: 'abc'"},
        {"line": 9, "reason": "percent value '140' is outside 0-100"},
        {"line": 10, "reason": "empty value"},
    ]
    assert result["not_published"] == 1


def test_comma_separated_english_headers(tmp_path, ref):
    text = "indicator,geo_code,period,value,numerator,denominator\nreadmissions_30d,751,2024-03,12.5,25,200\n"
    obs = parse(tmp_path, ref, text.encode())["observations"]
    assert obs[0] | {} == obs[0] and (obs[0]["numerator"], obs[0]["denominator"], obs[0]["geo"]) == (25, 200, "Aarhus")


WIDE = ("BEF: Antal færdigbehandlingsdage på sygehusene\n"
        ";;2024K1;2024K2;2024K3\n"
        "discharge_ready_days;Aarhus;120;..;130\n"
        "discharge_ready_days;Lemvig;12;14;\n"
        "discharge_ready_days;Atlantis;1;2;3\n")


def test_wide_table_with_not_published(tmp_path, ref):
    result = parse(tmp_path, ref, WIDE.encode("cp1252"))
    assert result["shape"] == "wide"
    assert [(o["geo"], o["period"], o["value"]) for o in result["observations"]] == [
        ("Aarhus", "2024-Q1", 120), ("Aarhus", "2024-Q3", 130), ("Lemvig", "2024-Q1", 12), ("Lemvig", "2024-Q2", 14)]
    assert result["not_published"] == 1 and result["empty_cells"] == 1
    assert [r["line"] for r in result["rejected"]] == [5, 5, 5]


def test_wide_table_indicator_from_title(tmp_path, ref):
    text = "Influenzavaccination blandt borgere +65 år\nområde;2023;2024\nViborg;70,1;72,4\n"
    obs = parse(tmp_path, ref, text.encode())["observations"]
    assert [(o["indicator"], o["period"], o["value"]) for o in obs] == [
        ("influenza_vaccination_65plus", "2023", 70.1), ("influenza_vaccination_65plus", "2024", 72.4)]


def test_xlsx(tmp_path, ref):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indikator", "Kommune", "Periode", "Værdi"])
    sheet.append(["readmissions_30d", "Struer", "2024M01", 11.5])
    sheet.append(["readmissions_30d", "Struer", "2024M02", ".."])
    sheet.append(["readmissions_30d", "Nowhere", "2024M02", 3])
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = parse_indicator_table(path, path.read_bytes(), ref)
    assert [(o["geo_code"], o["period"], o["value"]) for o in result["observations"]] == [("671", "2024-01", 11.5)]
    assert result["rejected"] == [{"line": 4, "reason": "unknown geography 'Nowhere'"}]


def test_truncated_xlsx_is_unreadable(tmp_path, ref):
    book = openpyxl.Workbook()
    book.active.append(["a"])
    path = tmp_path / "t.xlsx"
    book.save(path)
    data = path.read_bytes()[:300]
    with pytest.raises(UnreadableFile, match="not a readable XLSX"):
        parse(tmp_path, ref, data, name="cut.xlsx")


def test_truncated_csv_rejects_the_cut_row(tmp_path, ref):
    cut = LONG.split("\n")[:3]
    text = "\n".join(cut) + "\nreadmissions_30d;Lem"
    result = parse(tmp_path, ref, text.encode())
    assert len(result["observations"]) == 2
    assert result["rejected"] == [{"line": 4, "reason": "expected 4 columns, found 2 (truncated row?)"}]


def test_table_without_header_is_unreadable(tmp_path, ref):
    with pytest.raises(UnreadableFile, match="no header row"):
        parse(tmp_path, ref, b"a;b;c\n1;2;3\n")
