"""PNG and SVG of the pages' charts: made by Debian's Chromium, a clear message when it is missing or stuck, and
every title, legend entry and tick label inside the picture."""

from __future__ import annotations

import math
import re
import sqlite3
from pathlib import Path

import plotly.graph_objects as go
import pytest
from lxml import etree

import charts.export
from charts.export import ImageExportError, figure_image


def test_png_and_svg_from_debians_chromium():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    assert figure_image(fig, "png", 320, 180).startswith(b"\x89PNG")
    assert b"<svg" in figure_image(fig, "svg", 320, 180)[:200]


def test_missing_chromium_gives_a_clear_message_not_a_hang(monkeypatch):
    monkeypatch.setenv("SUNDHED_CHROMIUM", "/nowhere/chromium")
    monkeypatch.setattr(charts.export.shutil, "which", lambda name: None)
    with pytest.raises(ImageExportError, match="Billeder kræver Chromium"):
        figure_image(go.Figure(), "png")


def test_a_stuck_renderer_hits_the_time_limit(monkeypatch):
    import time

    monkeypatch.setattr(charts.export, "_start", lambda: time.sleep(3))
    with pytest.raises(ImageExportError, match="ikke færdigt inden for 1 sekunder"):
        figure_image(go.Figure(), "png", timeout=1)


# --- Every chart kind of the pages as an image: title, legend and tick labels inside the picture. -------------

SVG = "{http://www.w3.org/2000/svg}"
AFFINE = tuple[float, float, float, float, float, float]


def _times(a: AFFINE, b: AFFINE) -> AFFINE:
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3],
            a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


def _transform(text: str | None) -> AFFINE:
    """An SVG transform attribute (translate, scale, rotate, matrix) as one affine matrix."""
    out: AFFINE = (1, 0, 0, 1, 0, 0)
    for op, args in re.findall(r"(\w+)\(([^)]*)\)", text or ""):
        a = [float(x) for x in re.split(r"[ ,]+", args.strip()) if x]
        if op == "translate":
            step: AFFINE = (1, 0, 0, 1, a[0], a[1] if len(a) > 1 else 0)
        elif op == "scale":
            step = (a[0], 0, 0, a[1] if len(a) > 1 else a[0], 0, 0)
        elif op == "rotate":
            r = math.radians(a[0])
            c, s = math.cos(r), math.sin(r)
            cx, cy = (a[1], a[2]) if len(a) > 2 else (0.0, 0.0)
            step = (c, s, -s, c, cx - c * cx + s * cy, cy - s * cx - c * cy)
        elif op == "matrix":
            step = (a[0], a[1], a[2], a[3], a[4], a[5])
        else:
            continue
        out = _times(out, step)
    return out


def text_boxes(svg: bytes) -> tuple[list[tuple[str, float, float, float, float]], tuple[float, float]]:
    """Each line of text in ``svg`` with a rough box (x0, y0, x1, y1): 0,58 em a character (DejaVu Sans, the
    widest font Chromium falls back to, averages less), 0,8 em above the baseline and 0,25 em below."""
    root = etree.fromstring(svg)
    found: list[tuple[str, float, float, float, float]] = []

    def walk(element: etree._Element, matrix: AFFINE, anchor: str) -> None:
        matrix = _times(matrix, _transform(element.get("transform")))
        anchor = element.get("text-anchor") or anchor
        if element.tag == SVG + "text":
            size_at = re.search(r"font-size:\s*([\d.]+)px", element.get("style", ""))
            size = float(size_at.group(1)) if size_at else 12.0
            lines = element.findall(SVG + "tspan") or [element]
            for line in lines:
                text = "".join(line.itertext())
                if not text.strip():
                    continue
                x, y = float(line.get("x") or element.get("x") or 0), float(line.get("y") or element.get("y") or 0)
                w = len(text) * 0.58 * size
                left = {"middle": -w / 2, "end": -w}.get(anchor, 0)
                corners = [(matrix[0] * px + matrix[2] * py + matrix[4], matrix[1] * px + matrix[3] * py + matrix[5])
                           for px in (x + left, x + left + w) for py in (y - 0.8 * size, y + 0.25 * size)]
                found.append((text, min(c[0] for c in corners), min(c[1] for c in corners),
                              max(c[0] for c in corners), max(c[1] for c in corners)))
            return
        for child in element:
            if isinstance(child.tag, str):
                walk(child, matrix, anchor)

    walk(root, (1, 0, 0, 1, 0, 0), "start")
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return found, (width, height)


@pytest.fixture(scope="module")
def page_figures(seed_db: Path) -> dict[str, go.Figure]:
    """Each kind of chart the pages draw (and offer as PNG/SVG), built as the pages build it."""
    from charts.indicators import compare_chart, indicator_series, run_chart
    from charts.telemedicine import telehjerte_chart, telekol_chart
    from charts.timeline import initiative_gantt
    from domain.filters import Filters
    from tests.conftest import BUILD_DAY
    from views.indicators import indicator_places, indicator_view
    from views.initiatives import timeline
    from views.telemedicine import telehjerte, telekol

    region, vest = Filters("1082", None, "2024-Q1", "2025-Q4"), Filters("1082", "vest", "2024-Q1", "2025-Q4")
    with sqlite3.connect(seed_db) as conn:
        run = indicator_view(conn, vest, BUILD_DAY, "acute_admissions_65plus")
        flu = indicator_view(conn, Filters("1082", None, "2017-Q4", "2021-Q1"), BUILD_DAY, "influenza_vaccination_65plus")
        places = indicator_places(conn, region, BUILD_DAY, "readmissions_30d")
        kol, heart = telekol(conn, region, BUILD_DAY), telehjerte(conn, vest, BUILD_DAY)
        plan = timeline(conn, region, BUILD_DAY)
    months, expected = heart.expected()
    return {
        "run": run_chart(run.series, run.title, run.indicator.unit, run.median, run.target, run.signals,
                         run.snapshots[run.snapshots["period"].isin(run.series["period"])], run.demo, run.median_name),
        "snapshots": indicator_series(flu.snapshots.assign(geo_name=flu.place), flu.title, flu.indicator.unit,
                                      flu.target, False),
        "compare": compare_chart(places.compare, places.title, "percent", places.demo),
        "telekol": telekol_chart(kol.series, kol.clusters, kol.target, kol.points, kol.title, kol.demo, "Hele regionen"),
        "telehjerte": telehjerte_chart(heart.pilot_start, heart.per_year, months, expected, heart.counts, heart.title),
        "timeline": initiative_gantt(plan.initiatives, plan.meetings, plan.today, plan.first, plan.last),
    }


@pytest.mark.parametrize("kind", ["run", "snapshots", "compare", "telekol", "telehjerte", "timeline"])
def test_every_chart_image_keeps_its_text_inside(page_figures, kind):
    fig = page_figures[kind]
    svg = figure_image(fig, "svg")
    boxes, (width, height) = text_boxes(svg)
    assert (width, height) == (1280, fig.layout.height or 720)  # the figure's own height (a timeline grows)
    edge = 4  # nothing touches the picture's edge, let alone crosses it
    outside = [(t, round(x0), round(y0), round(x1), round(y1)) for t, x0, y0, x1, y1 in boxes
               if x0 < edge or y0 < edge or x1 > width - edge or y1 > height - edge]
    assert not outside, outside
    shown = " ".join(t for t, *_ in boxes)
    ticks = [str(t) for axis in ("xaxis", "yaxis") for t in (fig.layout[axis].ticktext or ())]
    expected = [fig.layout.title.text] if fig.layout.title.text else []
    if len(fig.data) > 1:  # Plotly shows a legend from two traces on
        expected += [str(trace.name) for trace in fig.data if trace.showlegend is not False and trace.name][:3]
    for text in expected + ticks[:3]:
        plain = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        assert plain in shown, (kind, plain)
    if kind in ("run", "compare", "telekol"):
        assert "jan. 2025" in shown  # the month labels on the axis
    assert len(boxes) >= 10
    assert fig.layout.width is None  # the page's figure is not changed by making its image
