"""The finish a communication department would give a deck: text that fits its box (shortened at a word
boundary with "…", never cut mid-word) and the Danish language tag on every run, so PowerPoint proofs in Danish."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from lxml import etree
from PIL import ImageFont
from pptx.oxml.xmlchemy import OxmlElement

LANG = "da-DK"
ELLIPSIS = "…"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
EMU_PER_POINT = 12700
INSETS = 2 * 91440  # a text box's left and right insets (0,1 inch each)
# DejaVu Sans is what LibreOffice draws Calibri with when Calibri is missing, and it is wider than Calibri:
# text that fits measured with it fits in PowerPoint too.
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts",
             "/Library/Fonts", "C:/Windows/Fonts")
AVERAGE_EM = 0.62  # the character-width heuristic when no font file is found (DejaVu Sans averages ~0,6 em)


@lru_cache(maxsize=32)
def _font(bold: bool, size: float) -> ImageFont.FreeTypeFont | None:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return ImageFont.truetype(str(path), size=max(1, round(size * 10)))  # tenths of a point
    return None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of ``text`` at ``size`` points, in points."""
    font = _font(bold, size)
    if font is None:
        return len(text) * size * AVERAGE_EM * (1.08 if bold else 1.0)
    return font.getlength(text) / 10


def fits(text: str, width_emu: int, size: float, bold: bool = False) -> bool:
    return text_width(text, size, bold) <= (width_emu - INSETS) / EMU_PER_POINT


def shorten(text: str, width_emu: int, size: float, bold: bool = False) -> str:
    """``text`` if it fits on one line of a box ``width_emu`` wide, else as many whole words as fit, then "…".
    A single word too long for the box is the only thing ever cut inside a word (and gets "…" too)."""
    text = " ".join(text.split())
    if fits(text, width_emu, size, bold):
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n]).rstrip(",;:–-·")
        if head and fits(head + " " + ELLIPSIS, width_emu, size, bold):
            return head + " " + ELLIPSIS
    word = words[0]
    while len(word) > 1 and not fits(word + ELLIPSIS, width_emu, size, bold):
        word = word[:-1]
    return word + ELLIPSIS


def fit_line(text: str, width_emu: int, sizes: Iterable[float], bold: bool = False) -> tuple[str, float]:
    """The largest of ``sizes`` at which ``text`` fits on one line; if none, the text shortened at the smallest."""
    sizes = list(sizes)
    for size in sizes:
        if fits(text, width_emu, size, bold):
            return " ".join(text.split()), size
    return shorten(text, width_emu, sizes[-1], bold), sizes[-1]


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def danish(element: etree._Element) -> None:
    """Tag every run, paragraph end and default run property under ``element`` with ``lang="da-DK"``: runs
    without properties get them, so nothing falls back to the template's (often en-US) language."""
    for paragraph in element.iter(_q(A, "p")):
        for run in paragraph:
            if run.tag in (_q(A, "r"), _q(A, "fld"), _q(A, "br")) and run.find(_q(A, "rPr")) is None:
                run.insert(0, OxmlElement("a:rPr"))
        if paragraph.find(_q(A, "endParaRPr")) is None and paragraph.getparent() is not None:
            paragraph.append(OxmlElement("a:endParaRPr"))
    for tag in ("rPr", "defRPr", "endParaRPr"):
        for props in element.iter(_q(A, tag)):
            props.set("lang", LANG)
            if "altLang" in props.attrib:
                del props.attrib["altLang"]


def danish_chart(chart_space: etree._Element) -> None:
    """A chart's text in Danish: ``c:lang`` and the chart-wide text properties (``c:txPr``) that axes, legend,
    titles and data labels inherit, then every run under it."""
    lang = chart_space.find(_q(C, "lang"))
    if lang is None:
        lang = OxmlElement("c:lang")
        date1904 = chart_space.find(_q(C, "date1904"))
        chart_space.insert(0 if date1904 is None else chart_space.index(date1904) + 1, lang)
    lang.set("val", LANG)
    if chart_space.find(_q(C, "txPr")) is None:
        tx = OxmlElement("c:txPr")
        chart_space.append(tx)
        # c:txPr comes before c:externalData / c:printSettings / c:userShapes
        for later in ("externalData", "printSettings", "userShapes"):
            found = chart_space.find(_q(C, later))
            if found is not None:
                found.addprevious(tx)
                break
        for child in ("a:bodyPr", "a:lstStyle"):
            tx.append(OxmlElement(child))
        p, ppr = OxmlElement("a:p"), OxmlElement("a:pPr")
        ppr.append(OxmlElement("a:defRPr"))
        p.append(ppr)
        tx.append(p)
    danish(chart_space)
