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
from domain.formatting import date_short, quarter_label
from domain.periods import quarter_of
from slides.finish import danish, danish_chart, fit_line, shorten, text_width
from slides.spec import SlideSpec

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9 exactly (13,333 × 7,5 inches)
TEAL, ORANGE, GREY = RGBColor(0x0B, 0x6E, 0x69), RGBColor(0xB3, 0x4E, 0x00), RGBColor(0x5F, 0x63, 0x68)
# One colour per status, the same as the app's timeline (charts.timeline), without the '#'.
STATUS_COLOURS = {status: colour.lstrip("#").upper() for status, colour in TIMELINE_COLOURS.items()}
PALETTE = ["0B6E69", "E07A2D", "3D5A98", "B23A48", "6A994E", "8D6CAB", "C9A227", "4A4E69", "2A9D8F"]
# The run chart's marks as the screen draws them (charts.indicators.run_chart): median grey dotted, target red
# dashed, signal points orange rings.
ROLE_COLOURS = {"median": "5F6368", "target": "C62828", "signal": "E07A2D"}
ROLE_DASHES = {"median": MSO_LINE_DASH_STYLE.ROUND_DOT, "target": MSO_LINE_DASH_STYLE.DASH}
CHART_TYPES = {"line": XL_CHART_TYPE.LINE_MARKERS, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
               "bar": XL_CHART_TYPE.BAR_CLUSTERED}
# PowerPoint shows these with the reader's separators: 17.350 and 16,9 % on a Danish machine.
NUMBER_FORMATS = {"count": "#,##0", "percent": '0.0" %"', "score": "0.0"}
DEMO_MARK = "EKSEMPELDATA – ikke rigtige tal"
TITLE_SIZES = (28, 26, 24, 22, 20)  # a slide title shrinks to fit one line before it is shortened
COVER_SIZES = (40, 36, 32, 28)


def _size(slide: Slide) -> tuple[int, int]:
    """The slide's width and height (a corporate template may have its own)."""
    prs = slide.part.package.presentation_part.presentation
    return int(prs.slide_width or WIDTH), int(prs.slide_height or HEIGHT)


def _widen_default_template(prs: PresentationType) -> None:
    """python-pptx's own template is 4:3: stretch its master's and layouts' placeholders to the 16:9 slide, so
    nothing sits off-centre. Only positions a shape states itself are scaled (the rest inherit the scaled ones)."""
    old = 9144000
    if prs.slide_width != old:  # already 16:9
        return
    ratio = WIDTH / old
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for shape in owner.shapes:
            if shape._element.xfrm is None or shape.left is None or shape.width is None:  # inherits
                continue
            shape.left, shape.width = Emu(round(shape.left * ratio)), Emu(round(shape.width * ratio))


def _layout(prs: PresentationType, index: int) -> SlideLayout:
    layouts = prs.slide_layouts
    return layouts[min(index, len(layouts) - 1)]


def _text(slide: Slide, text: str, left: int, top: int, width: int, height: int, size: int = 12,
          bold: bool = False, colour: RGBColor | None = None, wrap: bool = True) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = wrap
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    if colour is not None:
        run.font.color.rgb = colour


def _title(slide: Slide, text: str, place: bool) -> str:
    """The slide's title on one line: at the largest of TITLE_SIZES that fits, else shortened at a word boundary
    with "…". ``place`` puts the title box at the top of a 16:9 slide (the default template's is 4:3 and tall).
    Returns the full title when it had to be shortened (it goes in the notes), else ""."""
    width, _ = _size(slide)
    shape = slide.shapes.title
    if shape is None:
        shown, size = fit_line(text, width - Inches(1), TITLE_SIZES, True)
        _text(slide, shown, Inches(0.5), Inches(0.3), width - Inches(1), Inches(0.8), int(size), True, wrap=False)
        return text if shown != text else ""
    if place:
        shape.left, shape.top, shape.width, shape.height = Inches(0.5), Inches(0.3), Emu(width - Inches(1)), Inches(0.8)
    shown, size = fit_line(text, int(shape.width or width - Inches(1)), TITLE_SIZES)
    shape.text = shown
    shape.text_frame.word_wrap = False
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
    return text if shown != text else ""


def _footer(slide: Slide, spec: SlideSpec) -> None:
    width, height = _size(slide)
    _text(slide, spec.footer(), Inches(0.5), height - Inches(0.6), width - Inches(4), Inches(0.5), 10, colour=GREY)
    if spec.demo:
        _text(slide, DEMO_MARK, width - Inches(3.6), height - Inches(0.6), Inches(3.3), Inches(0.5), 12, True, ORANGE)


def _chart(slide: Slide, spec: SlideSpec) -> None:
    data = CategoryChartData(number_format=NUMBER_FORMATS.get(spec.unit, "General"))
    data.categories = list(spec.categories)
    for series in spec.series:
        data.add_series(series.name, list(series.values))
    width, height = _size(slide)
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], Inches(0.5), Inches(1.3), width - Inches(1),
                                   height - Inches(2.1), data)
    chart = frame.chart
    chart.has_title = False  # the slide's title says what the chart shows
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    chart.value_axis.tick_labels.number_format = NUMBER_FORMATS.get(spec.unit, "General")
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    values = [v for series in spec.series for v in series.values if v is not None]
    if spec.unit == "count" and values and min(values) >= 0:
        chart.value_axis.minimum_scale = 0  # a count's axis starts at zero, so a small change does not look big
    chart.font.size = Pt(11)
    if spec.kind != "line":
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = NUMBER_FORMATS.get(spec.unit, "General")
        plot.data_labels.number_format_is_linked = False
    for i, (series, spec_series) in enumerate(zip(chart.series, spec.series)):
        role = spec_series.role
        colour = RGBColor.from_string(ROLE_COLOURS.get(role, PALETTE[i % len(PALETTE)]))
        if spec.kind != "line":
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
            continue
        series.smooth = False
        if role == "signal":  # the points alone, ringed as on the screen; None elsewhere leaves no point
            series.format.line.fill.background()
            series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 10
            series.marker.format.fill.background()
            series.marker.format.line.color.rgb = colour
            series.marker.format.line.width = Pt(2)
            continue
        series.format.line.color.rgb = colour
        if role in ("median", "target"):  # constant lines: dashed, without a marker on every month
            series.format.line.dash_style = ROLE_DASHES[role]
            series.format.line.width = Pt(1.5)
            series.marker.style = XL_MARKER_STYLE.NONE


def _table(slide: Slide, spec: SlideSpec) -> None:
    rows, cols = len(spec.rows) + 1, len(spec.columns)
    width, height = _size(slide)
    row_h = Emu(int(min(Inches(0.4), (height - Inches(2.1)) / rows)))
    shape = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(1.3), width - Inches(1), Emu(row_h * rows))
    table = shape.table
    for r in range(rows):
        table.rows[r].height = row_h
    # The widest text gets the widest column.
    widths = [max(len(spec.columns[c]), *(min(len(r[c]), 60) for r in spec.rows)) + 4 for c in range(cols)]
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(int((width - Inches(1)) * w / sum(widths)))
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


GANTT_LABEL_W = Inches(4.2)


def gantt_label(label: str, size: int = 8) -> str:
    """An initiative's label on the Gantt slide: one line, shortened at a word boundary with "…" (with a
    little room to spare, so no renderer wraps it)."""
    return shorten(label, GANTT_LABEL_W - Inches(0.1), size)


def _gantt(slide: Slide, spec: SlideSpec) -> None:
    width, height = _size(slide)
    lo, hi = (dt.date.fromisoformat(d) for d in spec.window)
    span = max(1, (hi - lo).days)
    label_w, left, top = GANTT_LABEL_W, Inches(0.5), Inches(1.5)
    right = width - Inches(0.5)
    axis_w = right - left - label_w
    line_h = Inches(0.22)

    def x(day: dt.date) -> Emu:
        return Emu(int(left + label_w + axis_w * max(0, min(span, (day - lo).days)) / span))

    def inside(at: int, w: int) -> Emu:
        """A label's left edge, moved left when it would run past the slide's right margin."""
        return Emu(max(int(left), min(int(at), int(right) - w)))

    # Meeting labels (and "I dag") in as many rows as it takes for none to overprint another.
    placed: list[tuple[int, int, int, str, bool]] = []  # (row, left, width, label, is today)
    ends: list[int] = []
    for day, label in spec.milestones:
        when = dt.date.fromisoformat(day)
        if label == "I dag" and not lo <= when <= hi:  # today is off the axis: say where, at its edge
            label = f"I dag ({date_short(when)}) →" if when > hi else f"← I dag ({date_short(when)})"
        elif not lo <= when <= hi:
            continue
        w = int(text_width(label, 8, label.startswith(("I dag", "← I dag"))) * 12700) + Inches(0.3)
        at = int(inside(x(when), w))
        row = next((i for i, end in enumerate(ends) if end <= at), len(ends))
        if row == len(ends):
            ends.append(0)
        ends[row] = at + w + Inches(0.05)
        placed.append((row, at, w, label, "I dag" in label))
    legend_top = height - Inches(1.02)
    bottom_limit = legend_top - line_h * len(ends) - Inches(0.05)
    row_h = Emu(int(min(Inches(0.3), (bottom_limit - top) / max(1, len(spec.bars)))))
    size = 8 if row_h >= Inches(0.2) else 7

    quarters = [dt.date(y, m, 1) for y in range(lo.year, hi.year + 1) for m in (1, 4, 7, 10) if lo <= dt.date(y, m, 1) <= hi]
    for q in quarters:
        label = quarter_label(quarter_of(q))
        w = int(text_width(label, 9) * 12700) + Inches(0.3)
        _text(slide, label, inside(x(q), w), Inches(1.15), Emu(w), Inches(0.3), 9, colour=GREY)
    for i, bar in enumerate(spec.bars):
        y = Emu(int(top + row_h * i))
        _text(slide, gantt_label(bar.label, size), left, y, label_w, row_h, size)
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
    for day, _label in spec.milestones:
        when = dt.date.fromisoformat(day)
        if lo <= when <= hi:
            line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x(when), top, x(when), bottom)
            line.line.color.rgb = RGBColor(0xC6, 0x28, 0x28) if _label == "I dag" else GREY
    for row, at, w, label, today in placed:
        _text(slide, label, Emu(at), Emu(int(bottom + line_h * row)), Emu(w), line_h, 8,
              bold=today, colour=RGBColor(0xC6, 0x28, 0x28) if today else GREY)
    legend = sorted({(b.status, b.status_label) for b in spec.bars})
    at = int(left)
    for status, name in legend:
        w = int(text_width(name, 9) * 12700) + Inches(0.3)
        if at + Inches(0.25) + w > right:
            break  # the remaining statuses would run off the slide (there are never that many)
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(at), Emu(legend_top + Inches(0.07)), Inches(0.2),
                                     Inches(0.2))
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(STATUS_COLOURS.get(status, "888888"))
        box.line.fill.background()
        _text(slide, name, Emu(at + Inches(0.25)), Emu(legend_top), Emu(w), Inches(0.3), 9)
        at += Inches(0.25) + w + Inches(0.2)


def _cover(slide: Slide, specs: Sequence[SlideSpec], title: str, subtitle: str, place: bool) -> None:
    """The title slide: the title, then the meeting and date (``subtitle``), then the filters the deck shows."""
    width, height = _size(slide)
    placeholders = list(slide.placeholders)
    context = specs[0].context if specs else ""
    lines = [line for line in (subtitle, context if context and context not in subtitle else "") if line]
    head = slide.shapes.title
    if head is None:
        shown, size = fit_line(title, width - Inches(1), COVER_SIZES, True)
        _text(slide, shown, Inches(0.5), Inches(2), width - Inches(1), Inches(1.3), int(size), True, wrap=False)
    else:
        if place:
            head.left, head.top, head.width, head.height = Inches(0.75), Inches(1.9), Emu(width - Inches(1.5)), Inches(1.4)
        shown, size = fit_line(title, int(head.width or width - Inches(1.5)), COVER_SIZES)
        head.text = shown
        for run in head.text_frame.paragraphs[0].runs:
            run.font.size = Pt(size)
    body = next((p for p in placeholders if p.placeholder_format.idx == 1), None)
    if body is None:
        _text(slide, "\n".join(lines), Inches(0.5), Inches(3.5), width - Inches(1), Inches(1.5), 18)
        return
    if place:
        body.left, body.top, body.width, body.height = Inches(1.5), Inches(3.5), Emu(width - Inches(3)), Inches(1.6)
    frame = body.text_frame
    frame.text = lines[0] if lines else ""
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for i, paragraph in enumerate(frame.paragraphs):
        for run in paragraph.runs:
            run.font.size = Pt(20 if i == 0 else 16)


def build_deck(specs: Sequence[SlideSpec], title: str, subtitle: str, template: Path | None = None) -> bytes:
    """The deck as .pptx bytes: a title slide (title; meeting and date; filters), then one slide a spec.
    Every run carries the Danish language tag, and every title fits on one line."""
    prs = Presentation(str(template)) if template else Presentation()
    if not template:
        _widen_default_template(prs)
    place = not template
    first = prs.slides.add_slide(_layout(prs, 0))
    _cover(first, specs, title, subtitle, place)
    width, height = _size(first)
    if any(s.demo for s in specs):
        _text(first, "Præsentationen indeholder eksempeldata: genererede tal, kalibreret til kilderne, markeret på "
              "hver side.", Inches(0.5), height - Inches(1.2), width - Inches(1), Inches(0.6), 14, True, ORANGE)
    for spec in specs:
        slide = prs.slides.add_slide(_layout(prs, 5))  # "Title Only" in the default template
        full = _title(slide, spec.title, place)
        if spec.kind in CHART_TYPES:
            _chart(slide, spec)
        elif spec.kind == "table":
            _table(slide, spec)
        elif spec.kind == "gantt":
            _gantt(slide, spec)
        _footer(slide, spec)
        notes = " ".join(filter(None, [f"Fuld titel: {full}." if full else "", spec.notes]))
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    for part in prs.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        if element.tag.endswith("}chartSpace"):
            danish_chart(element)
        else:
            danish(element)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
