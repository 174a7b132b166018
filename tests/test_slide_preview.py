"""The slide previews on Eksport: a table slide previews as a grid of cells with their text (each cell one line,
shortened at a word), a run chart with its median and signal points, and a deck on a corporate template still
builds and previews."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageStat
from pptx import Presentation

from charts.export import figure_image
from domain.filters import Filters
from slides.finish import ELLIPSIS
from slides.preview import HEADER_H, HEIGHT, MARGIN, ROW_H, WIDTH, preview_figure
from slides.render import build_deck
from slides.spec import SlideSpec
from slides.standard import slide_for
from tests.conftest import BUILD_DAY

REGION = Filters("1082", None, "2024-Q1", "2025-Q4")
VEST = Filters("1082", "vest", "2023-Q1", "2024-Q4")  # a window with signal points
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def specs(seed_db: Path) -> dict[str, SlideSpec]:
    with sqlite3.connect(seed_db) as conn:
        return {key: slide_for(conn, filters, key, BUILD_DAY)[0] for key, filters in (
            ("kpis", REGION), ("decisions", REGION), ("indicator:acute_admissions_65plus", VEST))}


def _shown_as(original: str, shown: str) -> bool:
    """``shown`` is ``original`` whole, or shortened where a word ends (or inside a single overlong word), with …"""
    original = " ".join(original.split())
    if shown == original:
        return True
    head = shown.removesuffix(ELLIPSIS).rstrip()
    return shown.endswith(ELLIPSIS) and original.startswith(head) and bool(head)


@pytest.mark.parametrize("key", ["kpis", "decisions"])
def test_a_table_slide_previews_as_a_grid_with_its_text(specs, key):
    spec = specs[key]
    svg = figure_image(preview_figure(spec), "svg", WIDTH, HEIGHT, timeout=60)
    root = etree.fromstring(svg)
    heights = [float(r.get("height")) for r in root.iter(SVG + "rect") if r.get("class") == "cell-rect"]
    rows = min(len(spec.rows), (HEIGHT - MARGIN["t"] - MARGIN["b"] - HEADER_H) // ROW_H)
    assert len(heights) == len(spec.columns) * (rows + 1)  # a cell a column a row: a grid, not one box
    assert set(heights) <= {HEADER_H, ROW_H}  # no cell wrapped onto a second line and out of its row
    def texts(block: str) -> list[str]:  # column by column, top to bottom
        return ["".join(t.itertext()).replace("\u00a0", " ") for b in root.iter(SVG + "g")
                if b.get("class") == "column-block" and b.get("id") == block
                for t in b.iter(SVG + "text") if t.get("class") == "cell-text"]

    header, body = texts("header"), texts("cells1")
    assert len(header) == len(spec.columns)
    for original, shown in zip(spec.columns, header):
        assert _shown_as(original, shown), (original, shown)
    expected = [str(row[c]) for c in range(len(spec.columns)) for row in spec.rows[:rows]]
    for original, shown in zip(expected, body):
        if not shown.startswith("… "):  # "… N rækker mere" when the rows do not all fit
            assert _shown_as(original, shown), (original, shown)
    assert sum(s == " ".join(o.split()) for o, s in zip(expected, body)) >= len(expected) // 3  # short ones whole

    png = Image.open(io.BytesIO(figure_image(preview_figure(spec), "png", WIDTH, HEIGHT, timeout=60))).convert("L")
    scale = png.width / WIDTH
    top = MARGIN["t"] + 2
    area = png.crop((int((MARGIN["l"] + 2) * scale), int(top * scale), int((WIDTH - MARGIN["r"] - 2) * scale),
                     int((top + HEADER_H + ROW_H * rows) * scale)))
    stats = ImageStat.Stat(area)
    dark = sum(area.histogram()[:128]) / (area.width * area.height)
    assert stats.stddev[0] > 25 and 0.01 < dark < 0.35, (stats.stddev, dark)  # lines and letters, not a solid box
    grid_rows = [y for y in range(area.height) if sum(area.getpixel((x, y)) < 200 for x in range(area.width))
                 > 0.8 * area.width]
    assert len({round(y / scale / 4) for y in grid_rows}) >= rows  # a rule under every row


def test_a_run_chart_previews_its_median_and_signal_points(specs):
    fig = preview_figure(specs["indicator:acute_admissions_65plus"])
    by_name = {trace.name: trace for trace in fig.data}
    median = next(t for n, t in by_name.items() if n.startswith("Median"))
    signal = next(t for n, t in by_name.items() if n.startswith("Signal"))
    assert median.line.dash == "dot" and signal.mode == "markers"
    assert sum(v is not None for v in signal.y) >= 5


def test_a_deck_on_a_corporate_template_builds_and_previews(specs, tmp_path):
    template = tmp_path / "corporate.pptx"
    base = Presentation()
    base.slide_width, base.slide_height = 12192000, 6858000
    base.slide_layouts[0].name = "Virksomhedens forside"
    base.slide_layouts[5].name = "Virksomhedens indholdsside"
    base.save(str(template))
    chosen = list(specs.values())
    prs = Presentation(io.BytesIO(build_deck(chosen, "Sundhedsaftalen", "SSG-møde", template)))
    assert [s.slide_layout.name for s in prs.slides] == ["Virksomhedens forside"] + ["Virksomhedens indholdsside"] * 3
    table = next(sh.table for sh in prs.slides[1].shapes if sh.has_table)
    assert [table.cell(0, c).text for c in range(len(specs["kpis"].columns))] == list(specs["kpis"].columns)
    assert table.cell(1, 0).text == specs["kpis"].rows[0][0]
    for spec in chosen:
        png = Image.open(io.BytesIO(figure_image(preview_figure(spec), "png", WIDTH, HEIGHT, timeout=60)))
        assert png.size == (2 * WIDTH, 2 * HEIGHT)
        low, high = png.convert("L").getextrema()
        assert high - low > 100, spec.title  # not blank
    assert re.search(r"\S", prs.slides[3].shapes.title.text)
