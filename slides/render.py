"""SlideSpecs → a 16:9 .pptx with native, editable charts (line, column, bar), tables,
and a Gantt drawn with shapes; every slide carries its context, sources and data date."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Inches, Pt

from charts.timeline import STATUS_COLOURS as TIMELINE_COLOURS
from domain.formatting import quarter_label
from domain.periods import quarter_of
from slides.spec import SlideSpec

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9 exactly (13,333 × 7,5 inches)
TEAL, ORANGE, GREY = RGBColor(0x0B, 0x6E, 0x69), RGBColor(0xB3, 0x4E, 0x00), RGBColor(0x5F, 0x63, 0x68)
# One colour per status, the same as the app's timeline (charts.timeline), without the '#'.
STATUS_COLOURS = {status: colour.lstrip("#").upper() for status, colour in TIMELINE_COLOURS.items()}
PALETTE = ["0B6E69", "E07A2D", "3D5A98", "B23A48", "6A994E", "8D6CAB", "C9A227", "4A4E69", "2A9D8F"]
CHART_TYPES = {"line": XL_CHART_TYPE.LINE_MARKERS, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "bar": XL_CHART_TYPE.BAR_CLUSTERED}
# PowerPoint shows these with the reader's separators: 17.350 and 16,9 % on a Danish machine.
NUMBER_FORMATS = {"count": "#,##0", "percent": '0.0" %"', "score": "0.0"}
DEMO_MARK = "EKSEMPELDATA – ikke rigtige tal"


def _layout(prs: PresentationType, index: int) -> SlideLayout:
    layouts = prs.slide_layouts
    return layouts[min(index, len(layouts) - 1)]


def _text(slide: Slide, text: str, left: int, top: int, width: int, height: int, size: int = 12,
          bold: bool = False, colour: RGBColor | None = None) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    if colour is not None:
        run.font.color.rgb = colour


def _title(slide: Slide, text: str) -> None:
    if slide.shapes.title is not None:
        slide.shapes.title.text = text
        for paragraph in slide.shapes.title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(28)
    else:
        _text(slide, text, Inches(0.5), Inches(0.3), WIDTH - Inches(1), Inches(0.9), 28, True)


def _footer(slide: Slide, spec: SlideSpec) -> None:
    _text(slide, spec.footer(), Inches(0.5), HEIGHT - Inches(0.6), WIDTH - Inches(4), Inches(0.5), 10, colour=GREY)
    if spec.demo:
        _text(slide, DEMO_MARK, WIDTH - Inches(3.6), HEIGHT - Inches(0.6), Inches(3.3), Inches(0.5), 12, True, ORANGE)


def _chart(slide: Slide, spec: SlideSpec) -> None:
    data = CategoryChartData(number_format=NUMBER_FORMATS.get(spec.unit, "General"))
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, list(series.values))
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], Inches(0.5), Inches(1.3), WIDTH - Inches(1),
                                   HEIGHT - Inches(2.1), data)
    chart = frame.chart
    chart.has_title = False  # the slide's title says what the chart shows
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    chart.value_axis.tick_labels.number_format = NUMBER_FORMATS.get(spec.unit, "General")
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    chart.font.size = Pt(11)
    if spec.kind != "line":
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = NUMBER_FORMATS.get(spec.unit, "General")
        plot.data_labels.number_format_is_linked = False
    for i, series in enumerate(chart.series):
        is_target = series.name.startswith("Mål")
        colour = RGBColor(0xC6, 0x28, 0x28) if is_target else RGBColor.from_string(PALETTE[i % len(PALETTE)])
        if spec.kind == "line":
            series.format.line.color.rgb = colour
            series.smooth = False
            if is_target:
                series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                series.marker.style = XL_MARKER_STYLE.NONE
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour


def _table(slide: Slide, spec: SlideSpec) -> None:
    rows, cols = len(spec.rows) + 1, len(spec.columns)
    shape = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(1.3), WIDTH - Inches(1), Inches(0.4) * rows)
    table = shape.table
    # The widest text gets the widest column.
    widths = [max(len(spec.columns[c]), *(min(len(r[c]), 60) for r in spec.rows)) + 4 for c in range(cols)]
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(int((WIDTH - Inches(1)) * w / sum(widths)))
    for c, name in enumerate(spec.columns):
        table.cell(0, c).text = name
    for r, row in enumerate(spec.rows, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for r in range(rows):
        for c in range(cols):
            for paragraph in table.cell(r, c).text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12 if rows < 10 else 10)


def _gantt(slide: Slide, spec: SlideSpec) -> None:
    lo, hi = (dt.date.fromisoformat(d) for d in spec.window)
    span = max(1, (hi - lo).days)
    label_w, left, top = Inches(4.2), Inches(0.5), Inches(1.5)
    axis_w = WIDTH - Inches(1) - label_w
    row_h = Emu(int(min(Inches(0.3), (HEIGHT - Inches(2.6)) / max(1, len(spec.bars)))))

    def x(day: dt.date) -> Emu:
        return Emu(int(left + label_w + axis_w * max(0, min(span, (day - lo).days)) / span))

    quarters = [dt.date(y, m, 1) for y in range(lo.year, hi.year + 1) for m in (1, 4, 7, 10) if lo <= dt.date(y, m, 1) <= hi]
    for q in quarters:
        _text(slide, quarter_label(quarter_of(q)), x(q), Inches(1.15), Inches(1.3), Inches(0.3), 9, colour=GREY)
    for i, bar in enumerate(spec.bars):
        y = Emu(int(top + row_h * i))
        _text(slide, bar.label[:70], left, y, label_w, row_h, 8)
        start, end = dt.date.fromisoformat(bar.start), dt.date.fromisoformat(bar.end)
        if end < lo or start > hi:
            continue
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, x(start), Emu(int(y + row_h * 0.15)),
                                       Emu(max(int(x(end) - x(start)), int(Inches(0.05)))), Emu(int(row_h * 0.7)))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(STATUS_COLOURS.get(bar.status, "888888"))
        shape.line.fill.background()
        shape.name = f"{bar.status_label}: {bar.label[:40]}"
    bottom = Emu(int(top + row_h * len(spec.bars)))
    for day, label in spec.milestones:
        when = dt.date.fromisoformat(day)
        if lo <= when <= hi:
            line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x(when), top, x(when), bottom)
            line.line.color.rgb = RGBColor(0xC6, 0x28, 0x28) if label == "I dag" else GREY
            _text(slide, label, x(when), bottom, Inches(1.6), Inches(0.3), 8, colour=GREY)
    legend = sorted({(b.status, b.status_label) for b in spec.bars})
    for i, (status, name) in enumerate(legend):
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(0.5 + 2.1 * i), HEIGHT - Inches(0.95), Inches(0.2),
                                     Inches(0.2))
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(STATUS_COLOURS.get(status, "888888"))
        _text(slide, name, Inches(0.75 + 2.1 * i), HEIGHT - Inches(1.02), Inches(1.9), Inches(0.3), 9)


def build_deck(specs: Sequence[SlideSpec], title: str, subtitle: str, template: Path | None = None) -> bytes:
    """The deck as .pptx bytes: a title slide, then one slide a spec."""
    prs = Presentation(str(template)) if template else Presentation()
    if not template:
        prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    first = prs.slides.add_slide(_layout(prs, 0))
    _title(first, title)
    if len(first.placeholders) > 1:
        first.placeholders[1].text = subtitle
    else:
        _text(first, subtitle, Inches(0.5), Inches(4), WIDTH - Inches(1), Inches(1), 18)
    if any(s.demo for s in specs):
        _text(first, "Præsentationen indeholder eksempeldata: genererede tal, kalibreret til kilderne, markeret på "
              "hver side.", Inches(0.5), HEIGHT - Inches(1.2), WIDTH - Inches(1), Inches(0.6), 14, True, ORANGE)
    for spec in specs:
        slide = prs.slides.add_slide(_layout(prs, 5))  # "Title Only" in the default template
        _title(slide, spec.title)
        if spec.kind in CHART_TYPES:
            _chart(slide, spec)
        elif spec.kind == "table":
            _table(slide, spec)
        elif spec.kind == "gantt":
            _gantt(slide, spec)
        _footer(slide, spec)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
