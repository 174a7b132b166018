"""The deck's finish: Danish language tags on every run, everything inside a 16:9 slide, titles on one line
(shortened at a word boundary), and the rendered timeline with whole labels and "I dag" on the slide."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from domain.filters import Filters
from slides.finish import ELLIPSIS, INSETS, fits, shorten, text_width
from slides.render import TITLE_SIZES, build_deck, gantt_label
from slides.spec import SlideSpec
from slides.standard import slide_for, standard_deck
from tests.conftest import BUILD_DAY

REGION = Filters("1082", None, "2024-Q1", "2025-Q4")
VEST = Filters("1082", "vest", "2023-Q1", "2024-Q4")  # a window with signal points
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
PROPS = (A + "rPr", A + "defRPr", A + "endParaRPr")


@pytest.fixture(scope="module")
def built(seed_db: Path) -> tuple[list[SlideSpec], bytes]:
    """The standard deck, and last a run chart with signal points (Vestklyngen's acute admissions)."""
    with sqlite3.connect(seed_db) as conn:
        specs = standard_deck(conn, REGION, BUILD_DAY) + slide_for(conn, VEST, "indicator:acute_admissions_65plus",
                                                                   BUILD_DAY)
    return specs, build_deck(specs, "Sundhedsaftalen: status", "SSG-møde 3. december 2026")


def test_every_run_in_slides_notes_and_charts_is_danish(built):
    prs = Presentation(io.BytesIO(built[1]))
    parts = [p for p in prs.part.package.iter_parts() if "/slides/" in str(p.partname) or
             "/charts/" in str(p.partname) or "/notesSlides/" in str(p.partname)]
    assert sum("/charts/" in str(p.partname) for p in parts) >= 8
    checked = 0
    for part in parts:
        element = etree.fromstring(part.blob)
        for tag in PROPS:
            for props in element.iter(tag):
                assert props.get("lang") == "da-DK", f"{part.partname}: {tag} lang={props.get('lang')}"
                checked += 1
        for run in element.iter(A + "r"):  # no run falls back to the template's language
            assert run.find(A + "rPr") is not None, part.partname
        if "/charts/" in str(part.partname):
            lang = element.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}lang")
            assert lang is not None and lang.get("val") == "da-DK"
            assert element.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}txPr") is not None
    assert checked > 300
    assert b'lang="en-US"' not in b"".join(p.blob for p in parts)


def test_sixteen_nine_everything_inside_and_the_title_slide(built):
    specs, data = built
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13,333 × 7,5 inches: 16:9
    for n, slide in enumerate(prs.slides):
        for shape in [*slide.shapes, *slide.slide_layout.placeholders]:
            box = (shape.left, shape.top, shape.width, shape.height)
            assert None not in box, (n, shape.name)
            left, top, width, height = box
            assert left >= 0 and top >= 0, (n, shape.name, box)
            assert left + width <= prs.slide_width and top + height <= prs.slide_height, (n, shape.name, box)
    cover = prs.slides[0]
    title = cover.shapes.title
    assert title.text == "Sundhedsaftalen: status"
    # centred on the 16:9 slide, not where python-pptx's 4:3 template puts it
    assert abs((title.left + title.width / 2) - prs.slide_width / 2) < Inches(0.05)
    body = cover.placeholders[1]
    assert abs((body.left + body.width / 2) - prs.slide_width / 2) < Inches(0.05)
    lines = body.text_frame.text.split("\n")
    assert lines == ["SSG-møde 3. december 2026", specs[0].context]  # meeting and date, then the filters
    assert "Region Midtjylland · 1. kvt. 2024 – 4. kvt. 2025" in lines[1]


def test_titles_fit_one_line_or_are_shortened_at_a_word(built):
    specs, data = built
    prs = Presentation(io.BytesIO(data))
    for spec, slide in zip(specs, list(prs.slides)[1:]):
        title = slide.shapes.title
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        assert size in TITLE_SIZES and not title.text_frame.word_wrap
        assert fits(title.text, title.width, size), title.text
        assert title.text == spec.title  # the standard deck's titles all fit without shortening
    long = "Akutte somatiske genindlæggelser blandt borgere på 65 år og derover i Vestklyngen og Nordklyngen, 2024–2025"
    prs = Presentation(io.BytesIO(build_deck([SlideSpec("k", long, "table", "Kontekst", columns=("a",),
                                                        rows=(("b",),))], "T", "U")))
    slide = prs.slides[1]
    shown = slide.shapes.title.text
    assert shown.endswith(" " + ELLIPSIS) and long.startswith(shown.removesuffix(" " + ELLIPSIS))
    assert long[len(shown) - 2] == " "  # cut where a word ends
    assert fits(shown, slide.shapes.title.width, TITLE_SIZES[-1])
    assert long in slide.notes_slide.notes_text_frame.text  # the full title is kept in the notes


def test_shorten_at_word_boundaries():
    width = Inches(3)
    assert shorten("Kort titel", width, 12) == "Kort titel"
    text = "Sammenhængende forløb for borgere med kronisk obstruktiv lungesygdom"
    shown = shorten(text, width, 12)
    assert shown.endswith(" …") and text.startswith(shown[:-2]) and text[len(shown) - 2] == " "
    assert fits(shown, width, 12)
    room = int((text_width("Indsats, opfølgning …", 12) + 1) * 12700) + INSETS
    assert shorten("Indsats, opfølgning og evaluering", room, 12) == "Indsats, opfølgning …"
    room = int((text_width("Indsats …", 12) + 1) * 12700) + INSETS
    assert shorten("Indsats, opfølgning og evaluering", room, 12) == "Indsats …"  # no dangling comma
    assert shorten("Indsats,   opfølgning", Inches(2), 12) == "Indsats, opfølgning"  # whitespace tidied
    word = shorten("Sundhedsaftaleopfølgningsbestyrelsesmødereferat", Inches(1), 12)
    assert word.endswith(ELLIPSIS) and fits(word, Inches(1), 12)


def test_count_axes_start_at_zero(built):
    specs, data = built
    prs = Presentation(io.BytesIO(data))
    counted = 0
    for spec, slide in zip(specs, list(prs.slides)[1:]):
        for shape in slide.shapes:
            if shape.has_chart and spec.unit == "count":
                assert shape.chart.value_axis.minimum_scale == 0, spec.title
                counted += 1
    assert counted >= 3


def test_rendered_deck_has_whole_labels_legends_and_nothing_off_the_slide(built, tmp_path):
    assert shutil.which("soffice") and shutil.which("pdftotext"), "`make test` installs libreoffice and poppler"
    specs, data = built
    source = tmp_path / "deck.pptx"
    source.write_bytes(data)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=240)
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "deck.pdf"), "-"], check=True,
                           capture_output=True, text=True, timeout=120).stdout.split("\f")
    index = next(i for i, s in enumerate(specs) if s.kind == "gantt")
    page = pages[index + 1]
    flat = re.sub(r"\s+", " ", page)
    assert "I dag (22. nov. 2026) →" in page  # today is after the chosen quarters: said at the axis' end
    gantt = specs[index]
    for bar in gantt.bars:
        shown = gantt_label(bar.label)
        head = shown.removesuffix(" " + ELLIPSIS)
        assert head in flat, (bar.label, shown)  # the label as drawn, one line, not cut by the renderer
        if shown != " ".join(bar.label.split()):
            assert " ".join(bar.label.split())[len(head)] in " ,", shown  # shortened where a word ends
    # every page's title line is whole: no title is cut by the renderer
    for spec, text in zip(specs, pages[1:]):
        assert re.sub(r"\s+", " ", spec.title) in re.sub(r"\s+", " ", text), spec.title
    # the run charts' legends as drawn: the median, the target and the signal points, in the screen's words
    marks = [(spec, s.name) for spec in specs for s in spec.series if s.role]
    assert {s.role for spec in specs for s in spec.series} >= {"median", "target", "signal"}
    for spec, name in marks:
        assert name in pages[specs.index(spec) + 1], (spec.title, name)
    # every word of every text box is drawn whole on its page (a word off the slide, or cut, is not in the PDF)
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "deck.pdf"), "-"], check=True, capture_output=True,
                           text=True, timeout=120).stdout
    drawn = list(etree.fromstring(boxes.encode(), etree.XMLParser(recover=True)).iter("{*}page"))
    prs = Presentation(io.BytesIO(data))
    assert len(drawn) == len(prs.slides)
    checked = 0
    for n, (slide, page_box) in enumerate(zip(prs.slides, drawn)):
        width, height = float(page_box.get("width")), float(page_box.get("height"))
        words = set()
        for word in page_box.iter("{*}word"):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (n, word.text, x0, y0, x1, y1)
            words.add(word.text)
        for shape in slide.shapes:
            if shape.has_text_frame:
                missing = [w for w in shape.text_frame.text.split() if w not in words]
                assert not missing, (n, shape.text_frame.text, missing)
                checked += len(shape.text_frame.text.split())
    assert checked > 500


def test_data_date_is_the_last_whole_period_and_today_is_on_the_slide(seed_db):
    current = Filters("1082", None, "2025-Q3", "2026-Q3")  # the newest source is from 3 Oct 2025
    with sqlite3.connect(seed_db) as conn:
        specs = standard_deck(conn, current, BUILD_DAY)
    dates = {s.key: s.data_date for s in specs}
    assert dates["kpis"] == "Data til og med 3. kvt. 2025"
    assert dates["indicator:acute_admissions_65plus"] == "Data til og med sep. 2025"  # October is not over by then
    assert not any("2026" in d for d in dates.values() if d.startswith("Data til"))
    prs = Presentation(io.BytesIO(build_deck(specs, "T", "U")))
    timeline = next(s for spec, s in zip(specs, list(prs.slides)[1:]) if spec.kind == "gantt")
    # the quarters end before today: the mark stands at the axis' end and says so
    (today,) = [sh for sh in timeline.shapes if sh.has_text_frame and sh.text_frame.text == "I dag (22. nov. 2026) →"]
    assert today.left + today.width <= prs.slide_width and today.top + today.height <= prs.slide_height
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
