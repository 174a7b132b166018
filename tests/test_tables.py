"""Every chart's numbers ("Vis tallene") and every grid's Excel and CSV: the table read from the figure matches
what it draws, per chart kind; each page offers them; the files are the safe ones (numbers as numbers, dates as
dates, a Danish frozen and filtered header, "Om data" with the filters)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook

from charts.indicators import compare_chart, indicator_series, run_chart
from charts.numbers import display, figure_table, timeline_table
from charts.telemedicine import telehjerte_chart, telekol_chart
from charts.timeline import initiative_gantt
from domain.spreadsheet import DATE, WHOLE
from tests.apptest import figures, open_app, values
from views.about import about_rows, with_demo

MIDT = {"region": "1082", "fra": "2017-Q4", "til": "2026-Q3"}
SERIES = pd.DataFrame({"period": ["2025-01", "2025-02", "2025-03"], "value": [16.94, 17.0, 15.5]})


# --- the table read from each kind of figure ------------------------------------------------------------

def test_run_chart_table_has_a_row_per_period_and_a_column_per_line() -> None:
    sources = pd.DataFrame({"period": ["2025-02"], "value": [17.2], "source_title": ["Midtvejsstatus"]})
    table = figure_table(run_chart(SERIES, "Genindlæggelser", "percent", 16.5, 15.0, ["2025-03"], sources, False))
    assert list(table.columns) == ["Periode", "Genindlæggelser", "Median, seneste 24 måneder", "Mål 15,0 %",
                                   "Signal (lang serie)", "Fra kilden"]
    assert list(table["Periode"]) == ["jan. 2025", "feb. 2025", "mar. 2025"]
    assert list(table["Genindlæggelser"]) == [16.9, 17, 15.5]  # numbers, as the chart's one decimal
    assert list(table["Fra kilden"]) == [None, 17.2, None] and list(table["Signal (lang serie)"]) == [None, None, 15.5]
    assert all(isinstance(v, int | float) for v in table["Median, seneste 24 måneder"])


def test_a_target_drawn_as_a_line_is_a_column_too() -> None:
    obs = pd.DataFrame({"geo_name": ["Vest", "Vest", "Aarhus"], "period": ["2025-Q1", "2025-Q2", "2025-Q1"],
                        "period_start": ["2025-01-01", "2025-04-01", "2025-01-01"], "value": [120, 130, 400]})
    table = figure_table(indicator_series(obs, "Antal", "count", 100))
    assert list(table.columns) == ["Periode", "Vest", "Aarhus", "Mål 100"]
    assert table.to_dict("list") == {"Periode": ["1. kvt. 2025", "2. kvt. 2025"], "Vest": [120, 130],
                                     "Aarhus": [400, None], "Mål 100": [100, 100]}


def test_compare_chart_has_a_column_per_place() -> None:
    frame = pd.DataFrame({"geo_name": ["B", "A", "B", "A"], "period": ["2025-01", "2025-01", "2025-02", "2025-02"],
                          "value": [1.0, 2.0, 3.0, 4.5]})
    table = figure_table(compare_chart(frame, "x", "score", False))
    assert table.to_dict("list") == {"Periode": ["jan. 2025", "feb. 2025"], "A": [2, 4.5], "B": [1, 3]}


def test_telekol_table_has_region_clusters_source_and_target() -> None:
    region = pd.DataFrame({"period": ["2025-06", "2025-07"], "value": [150, 190]})
    clusters = pd.DataFrame({"geo_name": ["Vest", "Vest"], "period": ["2025-06", "2025-07"], "value": [30, 40]})
    points = pd.DataFrame({"period": ["2025-07"], "value": [190], "source_title": ["SSG"]})
    table = figure_table(telekol_chart(region, clusters, 1250, points, "TeleKOL", True, "Hele regionen"))
    assert table.to_dict("list") == {"Periode": ["jun. 2025", "jul. 2025"], "Hele regionen (Eksempeldata)": [150, 190],
                                     "Vest": [30, 40], "Fra kilden": [None, 190], "Måltal 1.250": [1250, 1250]}


def test_telehjerte_table_has_the_expected_course() -> None:
    fig = telehjerte_chart(dt.date(2026, 3, 1), 500, ["2026-03", "2026-04"], [0.0, 42.37], pd.DataFrame(), "x")
    assert figure_table(fig).to_dict("list") == {"Periode": ["mar. 2026", "apr. 2026"],
                                                 "Forventet: ca. 500 om året": [0, 42.4]}


def test_names_show_as_written_and_hidden_traces_stay_out() -> None:
    fig = go.Figure([go.Scatter(x=["a"], y=[1], name="&lt;b&gt;Vest&lt;/b&gt; &amp; co"),
                     go.Scatter(x=["a"], y=[2], name="skjult", visible=False),
                     go.Scatter(x=["a"], y=[3], name="&lt;b&gt;Vest&lt;/b&gt; &amp; co")])
    assert figure_table(fig).to_dict("list") == {"Periode": ["a"], "<b>Vest</b> & co": [1], "<b>Vest</b> & co (2)": [3]}


def test_timeline_table_has_a_row_per_bar_with_dates() -> None:
    initiatives = pd.DataFrame({
        "title": ["B", "A", "uden tid"], "forum": ["SSU", "SSG", "SSG"], "section_title": ["x", "y", "y"],
        "start": ["2025-01-01", "2025-03-01", None], "end": ["2025-06-30", "2026-12-31", None],
        "time": ["Primo 2025", "2025-2026", ""], "derived": ["i_gang", "besluttet", "ikke_oplyst"],
        "derived_label": ["I gang", "Besluttet", "Ikke oplyst"], "status": ["", "", ""], "action": ["", "", ""],
        "dates": ["", "", ""]})
    table = timeline_table(initiatives, "forum", "Forum")
    fig = initiative_gantt(initiatives, pd.DataFrame({"date": [], "forum": []}), dt.date(2025, 5, 1),
                           dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert len(table) == sum(len(t.x) for t in fig.data if t.type == "bar") == 2
    assert table.to_dict("records")[0] == {"Forum": "SSG", "Indsats": "A", "Start": dt.date(2025, 3, 1),
                                           "Slut": dt.date(2026, 12, 31), "Tidsangivelse": "2025-2026",
                                           "Status": "Besluttet"}


def test_display_words_numbers_and_dates_in_danish() -> None:
    frame = pd.DataFrame({"a": pd.Series([17350, 16.94, None], dtype=object),
                          "b": pd.Series([dt.date(2025, 10, 3), "tekst", True], dtype=object)})
    assert display(frame).to_dict("list") == {"a": ["17.350", "16,9", None], "b": ["3. okt. 2025", "tekst", "Ja"]}


def test_about_rows_and_the_demo_column() -> None:
    rows = dict(about_rows("Beslutninger", "Region Midtjylland", "4. kvt. 2017 – 4. kvt. 2026",
                           dt.date(2026, 11, 22), True, ["B", "A", "A", ""]))
    assert rows["Tabel"] == "Beslutninger" and rows["Udtrukket"] == "22-11-2026" and rows["Eksempeldata"].startswith("Ja")
    assert [r for r in about_rows("x", "p", "q", dt.date(2026, 1, 1), False, ["B", "A", "A"]) if r[0] == "Kilde"] == [
        ("Kilde", "A"), ("Kilde", "B")]
    assert list(with_demo(pd.DataFrame({"x": [1]}), True)["Eksempeldata"]) == ["Ja"]
    assert "Eksempeldata" not in with_demo(pd.DataFrame({"x": [1]}), False)


# --- the pages: a "Vis tallene" under every chart, Excel and CSV under every grid ---------------------------

@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[bytes, bytes]]:
    """The files each page's buttons offer, by table name, as ui.tables makes them."""
    import ui.tables

    seen: dict[str, tuple[bytes, bytes]] = {}
    original = ui.tables._files

    def record(frame: pd.DataFrame, sheet: str, about: Any, key: Any) -> tuple[bytes, bytes]:
        seen[sheet] = original(frame, sheet, about, key)
        return seen[sheet]

    monkeypatch.setattr(ui.tables, "_files", record)
    return seen


@pytest.mark.parametrize(("page", "charts"), [
    (None, 0), ("pages/1_Indikatorer.py", 2), ("pages/2_Telemedicin.py", 2), ("pages/4_Tidslinje.py", 1),
    ("pages/5_Beslutninger.py", 0), ("pages/7_Datakilder.py", 0),
])
def test_every_chart_has_its_numbers_and_every_grid_its_files(app_db: Path, page: str | None, charts: int) -> None:
    at = open_app(MIDT, page=page)
    assert len(at.get("plotly_chart")) == charts
    numbers = [e for e in at.main.expander if e.label == "Vis tallene"]
    assert len(numbers) == charts + (1 if page is None else 0)  # Overblik: the key figures' cards
    buttons = at.get("download_button")
    grids = len(at.dataframe)
    assert grids >= 1
    for label in ("Hent som Excel", "Hent som CSV"):
        offered = [b for b in buttons if b.proto.label == label]
        assert len(offered) == grids  # one each per grid
        for b in offered:  # a file that is there, and a click does not rerun the page
            assert b.proto.url and not b.proto.deferred_file_id and b.proto.ignore_rerun


def test_vis_tallene_shows_the_run_charts_own_numbers(app_db: Path) -> None:
    at = open_app(MIDT, page="pages/1_Indikatorer.py")
    run = figures(at)[0]
    shown = at.dataframe[0].value
    line = run["data"][0]
    assert len(shown) == len(values(line, "x"))
    assert list(shown["Periode"]) == values(line, "x")
    column = [c for c in shown.columns if c.endswith("(eksempeldata)")][0]  # the chart's "Eksempeldata" line
    assert [float(v.replace(".", "").replace(",", ".")) for v in shown[column]] == pytest.approx(values(line), abs=0.05)


def test_beslutninger_excel_has_numbers_dates_and_the_filters(app_db: Path, made: dict[str, Any]) -> None:
    at = open_app(MIDT, page="pages/5_Beslutninger.py")
    names = {b.proto.label: b.proto.url for b in at.get("download_button")}
    assert names["Hent som Excel"].endswith(".xlsx") and names["Hent som CSV"].endswith(".csv")
    workbook, text = made["Beslutninger"]
    book = load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["Beslutninger", "Om data"]
    sheet = book["Beslutninger"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Dato", "Forum", "Punkt", "Titel"] and "Beslutningstype" in header
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet.max_row == 1 + len(at.dataframe[0].value) == 16  # 15 items
    day, point = sheet.cell(row=2, column=1), sheet.cell(row=2, column=3)
    assert day.is_date and day.value.date() == dt.date(2025, 10, 3) and day.number_format == DATE
    assert isinstance(point.value, int) and point.number_format == WHOLE
    about = {a.value: b.value for a, b in book["Om data"].iter_rows(min_row=2, max_col=2)}
    assert about["Tabel"] == "Beslutninger" and about["Sted"] == "Region Midtjylland"
    assert about["Eksempeldata"].startswith("Nej") and about["Periode"]
    csv = pd.read_csv(io.BytesIO(text), sep=";", decimal=",", encoding="utf-8-sig")
    assert text.startswith(b"\xef\xbb\xbf") and list(csv.columns) == header and len(csv) == 15


def test_demo_numbers_say_so_in_a_column_and_on_the_note_sheet(app_db: Path, made: dict[str, Any]) -> None:
    open_app(MIDT, page="pages/1_Indikatorer.py")
    name = next(n for n in made if n.endswith("efter sted"))
    book = load_workbook(io.BytesIO(made[name][0]))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Periode" and header[-1] == "Eksempeldata"
    assert {r[0].value for r in sheet.iter_rows(min_row=2, min_col=len(header), max_col=len(header))} == {"Ja"}
    assert all(isinstance(c.value, int | float) for c in sheet[2][1:-1])
    about = {a.value: b.value for a, b in book["Om data"].iter_rows(min_row=2, max_col=2)}
    assert about["Eksempeldata"].startswith("Ja")


def test_the_municipalities_table_reaches_excel_as_numbers(app_db) -> None:
    """Shown worded ("12,3 %", "+0,4"), written as numbers: the grid's files take the view's numeric copy."""
    import io

    from openpyxl import load_workbook

    from domain.filters import Filters
    from store import queries
    from tests.conftest import BUILD_DAY
    from views.indicators import indicator_places

    conn = queries.connect(app_db)
    places = indicator_places(conn, Filters("1082", "vest", "2024-Q1", "2025-Q4"), BUILD_DAY, "readmissions_30d")
    assert not places.table.empty and list(places.numbers.columns) == list(places.table.columns)
    assert places.table["Værdi"].str.endswith("%").all()
    assert all(isinstance(v, float) for v in places.numbers["Værdi"])
    counts = indicator_places(conn, Filters("1082", "vest", "2024-Q1", "2025-Q4"), BUILD_DAY, "acute_admissions_65plus")
    assert all(isinstance(v, int) for v in counts.numbers["Værdi"])
    from domain.spreadsheet import xlsx
    sheet = load_workbook(io.BytesIO(xlsx(places.numbers, "Kommuner", ()))).worksheets[0]
    assert sheet.cell(2, 4).data_type == "n" and sheet.cell(2, 4).number_format == "#,##0.0"
