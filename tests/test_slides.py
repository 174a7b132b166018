"""Decks opened with python-pptx and checked against the dashboard's data for the same filters."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from domain.aggregate import by_period
from domain.filters import Filters
from slides.render import DEMO_MARK, build_deck
from slides.standard import standard_deck
from store import queries
from tests.conftest import BUILD_DAY, ROOT

REGION = Filters("1082", None, "2024-Q1", "2025-Q4")
VEST = Filters("1082", "vest", "2023-Q1", "2024-Q4")  # a window with signal points


def deck(db: Path, filters: Filters) -> Presentation:
    with sqlite3.connect(db) as conn:
        specs = standard_deck(conn, filters, BUILD_DAY)
    return Presentation(io.BytesIO(build_deck(specs, "Sundhedsaftalen", "SSG-møde 3. december 2026")))


def texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def charts(prs: Presentation) -> dict[str, object]:
    return {s.shapes.title.text: sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart}


def test_region_deck_slides_types_and_footers(seed_db):
    prs = deck(seed_db, REGION)
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == [
        "Sundhedsaftalen", "Nøgletal for Region Midtjylland",
        "Akutte indlæggelser 65+ i Region Midtjylland, 2024–2025",
        "Forebyggelige indlæggelser 65+ i Region Midtjylland, 2024–2025",
        "Akutte somatiske genindlæggelser 65+ i Region Midtjylland, 2024–2025",
        "Tvangsindlæggelser 16+ i Region Midtjylland, 2024–2025",
        "Genindlæggelser inden 30 dage i Region Midtjylland, 2024–2025",
        "Færdigbehandlingsdage i Region Midtjylland, 2024–2025",
        "Borgere inkluderet i TeleKOL i Region Midtjylland mod måltallet",
        "Indsatser i Region Midtjylland efter status", "Indsatsernes tidsvinduer i Region Midtjylland",
        "Seneste beslutninger i Region Midtjylland"]
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    by_title = charts(prs)
    # python-pptx calls a line chart "LINE" once a series (here the median) has no markers
    assert by_title["Akutte indlæggelser 65+ i Region Midtjylland, 2024–2025"].chart_type in (
        XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    assert by_title["Indsatser i Region Midtjylland efter status"].chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    for slide in list(prs.slides)[1:]:
        footer = texts(slide)
        assert "Region Midtjylland · 1. kvt. 2024 – 4. kvt. 2025" in footer and "Kilde:" in footer
        assert "Data til og med" in footer or "Data indlæst" in footer or "Seneste møde 3. okt. 2025" in footer
    assert "Data til og med sep. 2025" in texts(prs.slides[2])  # the newest source is from 3 Oct 2025
    demo_slides = [s.shapes.title.text for s in prs.slides if DEMO_MARK in texts(s)]
    assert "Akutte indlæggelser 65+ i Region Midtjylland, 2024–2025" in demo_slides
    assert "Seneste beslutninger i Region Midtjylland" not in demo_slides  # real minutes: no mark
    assert "eksempeldata" in texts(prs.slides[0]).lower()


def test_chart_values_are_the_dashboards(seed_db):
    chart = charts(deck(seed_db, REGION))["Akutte somatiske genindlæggelser 65+ i Region Midtjylland, 2024–2025"]
    series, median = chart.series
    assert median.name.startswith("Median")
    with sqlite3.connect(seed_db) as conn:
        obs = queries.observations(conn, ("1082",), "2024-01-01", "2025-12-31", "acute_somatic_readmissions_65plus")
    expected = by_period(obs[obs["period"].str.len() == 7], "percent", "month")["value"].round(2).tolist()
    assert series.name == "Region Midtjylland" and list(series.values) == pytest.approx(expected)
    assert list(chart.plots[0].categories)[:2] == ["jan. 2024", "feb. 2024"]
    telekol = charts(deck(seed_db, REGION))["Borgere inkluderet i TeleKOL i Region Midtjylland mod måltallet"]
    assert [s.name for s in telekol.series] == ["Inkluderede borgere", "Måltal 1.250"]
    assert set(telekol.series[1].values) == {1250.0}
    board = charts(deck(seed_db, REGION))["Indsatser i Region Midtjylland efter status"]
    assert dict(zip(board.plots[0].categories, board.series[0].values)) == {
        "Overskredet": 8, "Besluttet": 1, "I gang / under implementering": 2,  # 2026's is outside
        "Pauseret / afventer": 3, "Ikke igangsat": 3, "Udgår / afsluttet": 1}


def test_cluster_deck_differs_from_region_deck(seed_db):
    region, vest = charts(deck(seed_db, REGION)), charts(deck(seed_db, VEST))
    a = region["Færdigbehandlingsdage i Region Midtjylland, 2024–2025"].series[0]
    b = vest["Færdigbehandlingsdage i Vestklyngen, 2023–2024"].series[0]
    assert b.name == "Vestklyngen" and sum(b.values) < sum(a.values)
    assert "Vestklyngen, Region Midtjylland · 1. kvt. 2023 – 4. kvt. 2024" in texts(deck(seed_db, VEST).slides[1])


def test_kpi_and_decision_tables(seed_db):
    prs = deck(seed_db, Filters("1082", None, "2021-Q1", "2021-Q1"))
    table = next(sh.table for sh in prs.slides[1].shapes if sh.has_table)
    rows = {table.cell(r, 0).text: [table.cell(r, c).text for c in range(1, 7)] for r in range(1, len(table.rows))}
    assert rows["Akutte indlæggelser 65+"] == ["1. kvt. 2021", "17.350", "–", "→", "–", "Kilde"]
    assert rows["Akutte somatiske genindlæggelser 65+"] == ["1. kvt. 2021", "16,9 %", "–", "↑", "–", "Kilde"]
    assert rows["Influenzavaccination 65+"] == ["sæson 2020-2021", "75,7 %", "+21,8 pct.-point mod sæson 2019-2020",
                                               "–", "75,0 % · afstand +0,7 pct.-point", "Kilde"]
    decisions = deck(seed_db, REGION).slides[-1]
    table = next(sh.table for sh in decisions.shapes if sh.has_table)
    assert table.cell(0, 0).text == "Dato" and table.cell(1, 0).text == "3. okt. 2025"


def test_cli_writes_the_deck_and_refuses_bad_input(seed_db, tmp_path):
    env = {**os.environ, "SUNDHED_DB": str(seed_db)}
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "slides", "deck", "--out", str(out), "--cluster", "Vestklyngen",
                           "--quarter", "2025-Q4"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    prs = Presentation(str(out))
    assert len(prs.slides) == 12 and "Vestklyngen" in prs.slides[2].shapes.title.text
    bad = subprocess.run([sys.executable, "-m", "slides", "deck", "--out", str(out), "--cluster", "Atlantis"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("error: unknown cluster 'Atlantis'")
    assert "Traceback" not in bad.stderr


def test_template_layouts_are_used(seed_db, tmp_path):
    template = tmp_path / "corporate.pptx"
    base = Presentation()
    base.slide_width, base.slide_height = 12192000, 6858000
    base.slide_layouts[0].name = "Virksomhedens forside"
    base.save(str(template))
    with sqlite3.connect(seed_db) as conn:
        specs = standard_deck(conn, REGION, BUILD_DAY)[:2]
    prs = Presentation(io.BytesIO(build_deck(specs, "Titel", "Undertitel", template)))
    assert prs.slides[0].slide_layout.name == "Virksomhedens forside"


def test_deck_renders_with_libreoffice_and_no_page_is_blank(seed_db, tmp_path):
    from PIL import Image

    assert shutil.which("soffice") and shutil.which("pdftoppm"), "`make test` installs libreoffice-impress and poppler-utils"
    source = tmp_path / "deck.pptx"
    with sqlite3.connect(seed_db) as conn:
        source.write_bytes(build_deck(standard_deck(conn, REGION, BUILD_DAY), "Sundhedsaftalen", "Test"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=240)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(tmp_path / "deck.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 12
    for page in pages:
        pixels = Image.open(page).convert("L")
        extrema = pixels.getextrema()
        assert extrema[1] - extrema[0] > 100, f"{page.name} looks blank"


def test_every_chart_of_the_pages_has_a_slide(seed_db):
    from slides.standard import slide_for

    with sqlite3.connect(seed_db) as conn:
        compare = slide_for(conn, VEST, "compare:readmissions_30d", BUILD_DAY)[0]
        hjerte = slide_for(conn, VEST, "telehjerte", BUILD_DAY)[0]
        flu = slide_for(conn, Filters("1082", None, "2017-Q4", "2021-Q1"),
                        "indicator:influenza_vaccination_65plus", BUILD_DAY)[0]
    assert [s.name for s in compare.series] == ["Herning", "Holstebro", "Ikast-Brande", "Lemvig", "Ringkøbing-Skjern",
                                                "Struer"]
    assert hjerte.series[0].name == "Forventet, ca. 500 om året" and hjerte.categories[0] == "mar. 2026"
    assert (flu.kind, flu.categories) == ("column", ("sæson 2017-2018", "sæson 2019-2020", "sæson 2020-2021"))
    assert [s.name for s in flu.series] == ["Region Midtjylland", "Mål 75,0 %"]
    prs = Presentation(io.BytesIO(build_deck([compare, hjerte, flu], "T", "U")))
    kinds = [sh.chart.chart_type for s in prs.slides for sh in s.shapes if sh.has_chart]
    assert kinds == [XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.COLUMN_CLUSTERED]



def test_run_chart_slide_keeps_the_screens_median_target_and_signals(seed_db):
    import pandas as pd
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE

    from charts.indicators import run_chart
    from domain.formatting import period_label
    from slides.standard import slide_for
    from views.indicators import indicator_view

    with sqlite3.connect(seed_db) as conn:
        view = indicator_view(conn, VEST, BUILD_DAY, "acute_admissions_65plus")
        (spec,) = slide_for(conn, VEST, "indicator:acute_admissions_65plus", BUILD_DAY)
        (stock,) = slide_for(conn, REGION, "indicator:telekol_included", BUILD_DAY)
    screen = run_chart(view.series, view.title, view.indicator.unit, view.median, view.target, view.signals,
                       pd.DataFrame(columns=["period", "value", "source_title"]), view.demo, view.median_name)
    words = [trace.name for trace in screen.data[1:]]  # the screen's legend: median, then signal points
    assert view.signals and view.median is not None and len(words) == 2
    prs = Presentation(io.BytesIO(build_deck([spec, stock], "T", "U")))
    chart, target_chart = (sh.chart for s in prs.slides for sh in s.shapes if sh.has_chart)
    line, median, signal = chart.plots[0].series
    assert [median.name, signal.name] == words and line.name == "Vestklyngen"
    assert set(median.values) == {round(view.median, 2)}
    shown = {period_label(p) for p in view.signals}
    marked = {c for c, v in zip(chart.plots[0].categories, signal.values) if v is not None}
    assert marked == shown & set(chart.plots[0].categories) and len(marked) >= 5
    assert all(s == v for s, v in zip(signal.values, line.values) if s is not None)  # on the line's points
    assert None in signal.values  # every other month is empty, not zero
    xml = signal._element.xml
    assert "<a:noFill/>" in xml.split("<c:marker>")[0]  # markers only: no line joins the signals
    assert signal.marker.style == XL_MARKER_STYLE.CIRCLE
    assert median.format.line.dash_style == MSO_LINE_DASH_STYLE.ROUND_DOT and median.marker.style == XL_MARKER_STYLE.NONE
    assert chart.has_legend
    # A stock (TeleKOL) is followed against its target, not a median: the run chart's target line, dashed.
    names = [s.name for s in target_chart.plots[0].series]
    assert names == [stock.series[0].name, "Mål 1.250"]
    assert target_chart.plots[0].series[1].format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
