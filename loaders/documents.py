"""PDF and Word documents as the plain text the parsers read.

The parsers' rules are about what a text means (a "Punkt N:" heading, a "Tid / Indsats" table, a
decision); this module only gets the text out of a file format, the same way for every kind:

- one paragraph, heading or list item a line (a paragraph wrapped over several PDF lines is one line);
- each table row a line, its cells joined by a tab, a line break inside a cell a space; a row whose
  one cell spans the table (a section heading inside a table) a plain line;
- a blank line between PDF pages and around tables; running page headers, footers and page numbers
  left out, because they would otherwise land in the middle of a paragraph or a table.

The container is decided from the content, never from the file name.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import statistics
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from domain.formatting import number
from loaders.errors import UnreadableFile
from loaders.text import ZIP_MAGIC, read_text
from loaders.uploads import RefusedFile, check_archive

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc and Excel .xls

_PAGE_NUMBER = re.compile(r"(?:side|page)?\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?", re.I)
_MARGIN = 0.07  # the top and bottom share of a page where running headers and footers stand


def container(path: Path, data: bytes) -> str:
    """``pdf``, ``docx``, ``xlsx`` or ``text``, from the bytes; UnreadableFile for other binaries and
    for a ZIP that check_archive refuses (a zip bomb)."""
    if data.lstrip()[:5] == PDF_MAGIC:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        raise RefusedFile(str(path), "an old Word or Excel 97-2003 file (.doc/.xls): save it as .docx or "
                                     ".xlsx (or PDF) and load that",
                          f"Filen {path.name} er i det gamle Word- eller Excel-format (.doc/.xls): gem den som "
                          ".docx eller .xlsx (eller PDF), og indlæs den igen.")
    if data.startswith(ZIP_MAGIC):
        check_archive(str(path), data)  # a damaged ZIP or a zip bomb stops here, before anything is unpacked
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise RefusedFile(str(path), "a ZIP archive that is neither a Word document (.docx) nor an Excel "
                                     "workbook (.xlsx)",
                          f"Filen {path.name} er et ZIP-arkiv, men hverken et Word-dokument (.docx) eller en "
                          "Excel-projektmappe (.xlsx).")
    return "text"


def document_text(path: Path, data: bytes) -> str:
    """The text of a plain-text, PDF or Word file; UnreadableFile when there is none to read."""
    kind = container(path, data)
    if kind == "pdf":
        return pdf_text(path, data)
    if kind == "docx":
        return docx_text(path, data)
    if kind == "xlsx":
        raise UnreadableFile(str(path), "an Excel workbook is read as an indicator table, not as a document")
    return read_text(path, data)


# --- PDF -------------------------------------------------------------------------------------------

@dataclass
class Block:
    """A paragraph, a table row or a blank line of a PDF page."""

    where: str  # body | top | bottom (the page's margins, where running headers and footers stand)
    text: str
    top: float = 0.0
    first: dict[str, Any] | None = None  # the paragraph's first and last PDF lines (None for table rows)
    last: dict[str, Any] | None = None
    right: float = 0.0  # how far the page's text reaches: a wrapped line ends near it
    lines: int = 1


def pdf_text(path: Path, data: bytes) -> str:
    import pdfplumber  # imported here: only PDF files need it (and it takes a moment)
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.page import Page
    from pdfplumber.utils.exceptions import PdfminerException

    limits = _Limits(path, len(data))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            # Counted before any page is read: a file of a million empty pages is refused at once.
            if sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), _MAX_PAGES + 1)) > _MAX_PAGES:
                limits.refuse_pages()
            pages: list[list[Block]] = []
            has_images = False
            doctop = 0.0
            for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
                page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
                doctop += float(page.height)
                page._layout = limits.layout(pdf, page)  # read under the limits, as pdfplumber would read it
                pages.append(_page_blocks(page))
                has_images = has_images or bool(page.images)
                page.close()  # its characters and layout are not kept once its lines are
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise UnreadableFile(str(path), "the PDF is password-protected; save it without a password") from None
        raise UnreadableFile(str(path), f"not a readable PDF (damaged or truncated: {cause})") from None
    except UnreadableFile:  # a limit of its own (RefusedFile), said as it is
        raise
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer's reactions to broken files (PSSyntaxError, PSEOF, …)
        raise UnreadableFile(str(path), f"not a readable PDF (damaged: {exc})") from None
    if not any(b.text for blocks in pages for b in blocks):
        problem = ("the PDF has no text layer (a scanned document?); text recognition (OCR) is not supported: "
                   "load the original Word file or a searchable PDF") if has_images else "the PDF contains no text"
        raise UnreadableFile(str(path), problem)
    running = _running_lines(pages)
    out: list[Block] = []
    for blocks in pages:
        kept = [b for b in blocks if b.where == "body" or not (b.text in running or _is_page_number(b.text))]
        while kept and not kept[0].text:
            kept.pop(0)
        if not kept:
            continue
        if out and _continues_on_next_page(out[-1], kept[0]):
            out[-1].text = _join(out[-1].text, kept[0].text)
            out[-1].last, out[-1].lines = kept[0].last, out[-1].lines + kept[0].lines
            kept = kept[1:]
        elif out:
            out.append(Block("body", ""))  # a page break
        out.extend(kept)
    return "\n".join(b.text for b in out) + "\n"


# --- PDF limits ------------------------------------------------------------------------------------
# A PDF is a program: a few KB of compressed content stream can unpack to megabytes of drawing operators
# (a "decompression bomb"), and pdfminer, in pure Python, reads some 150 KB of them a second and keeps every
# character drawn (some 2 KB each) until the page is done. These limits stop a hostile file early, long before
# it costs minutes or gigabytes; a real document (a 2 MB minutes PDF, a 300-page report) stays well inside them.

_MB = 1024 * 1024
_CONTENT_FLOOR_MB = 1  # what any PDF may unpack its page contents to, however small the file ...
_CONTENT_RATIO = 10  # ... and this much more for each byte of the file (content streams compress 3-6 to 1) ...
_CONTENT_MAX_MB = 16  # ... but never more than this (pdfminer reads some 150 KB a second)
_MAX_PAGES = 2000
_MAX_PAGE_CHARS = 20_000  # a dense A4 page in 6 pt type holds some 12,000
_MAX_CHARS = 1_000_000
_MAX_OPERANDS = 10_000  # operands waiting for their operator (an operator takes at most 6 or so)
_INFLATE_STEP = _MB


class _Limits:
    """The budget of one PDF: the bytes its content streams may unpack to (each stream counted each time a
    page or form draws it, so a form drawn a million times costs what a million copies would), the
    characters one page and the whole file may draw. ``RefusedFile`` naming the file and the limit when
    one is spent."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self.content_mb = min(_CONTENT_MAX_MB, _CONTENT_FLOOR_MB + _CONTENT_RATIO * size // _MB)
        self.content_left = self.content_mb * _MB
        self.chars_left = _MAX_CHARS
        self.page_chars = 0
        self.page = 0

    def layout(self, pdf: Any, page: Any) -> Any:
        """The page's layout as pdfplumber's ``Page.layout`` builds it, read under the limits."""
        from pdfplumber.page import PDFPageAggregatorWithMarkedContent

        class Device(PDFPageAggregatorWithMarkedContent):
            limits = self

            def render_char(self, *args: Any, **kwargs: Any) -> Any:
                self.limits.char()
                return super().render_char(*args, **kwargs)

        self.page, self.page_chars = page.page_number, 0
        device = Device(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
        _interpreter()(pdf.rsrcmgr, device).process_page(page.page_obj)
        return device.get_result()

    def char(self) -> None:
        self.page_chars += 1
        self.chars_left -= 1
        if self.page_chars > _MAX_PAGE_CHARS:
            _refuse(self.path, f"page {self.page} of the PDF draws more than {_MAX_PAGE_CHARS:,} characters, the limit "
                         "for one page",
                         f"side {number(self.page)} tegner mere end {number(_MAX_PAGE_CHARS)} tegn, og grænsen er "
                         f"{number(_MAX_PAGE_CHARS)} tegn på en side")
        if self.chars_left < 0:
            _refuse(self.path, f"the PDF draws more than {_MAX_CHARS:,} characters, the limit for one file",
                         f"den tegner mere end {number(_MAX_CHARS)} tegn, og grænsen er {number(_MAX_CHARS)} tegn "
                         "i en fil")

    def content(self, stream: Any) -> None:
        """Charge a content stream about to be drawn: its unpacked size, found without unpacking more than
        what is left of the budget."""
        self.content_left -= _unpacked_size(stream, self.content_left)
        if self.content_left < 0:
            _refuse(self.path, f"the file unpacks to more than {self.content_mb} MB",
                         f"dens sideindhold pakker ud til mere end {number(self.content_mb)} MB, og grænsen for en "
                         f"PDF-fil på {_file_size(self.size)} er {number(self.content_mb)} MB (den kan være en såkaldt "
                         "dekomprimeringsbombe)")

    def refuse_pages(self) -> None:
        _refuse(self.path, f"the PDF has more than {_MAX_PAGES:,} pages, the limit for one file",
                     f"den har mere end {number(_MAX_PAGES)} sider, og grænsen er {number(_MAX_PAGES)} sider")



def _refuse(path: Path, problem: str, why: str) -> None:
    raise RefusedFile(str(path), problem, f"Filen {path.name} er afvist: {why}.")


def _file_size(size: int) -> str:
    return f"{number(size / _MB, 1)} MB" if size >= _MB else f"{number(max(1, round(size / 1024)))} KB"


@functools.cache
def _interpreter() -> type:
    """pdfminer's page interpreter, charging each content stream to the budget before it draws it and
    keeping at most ``_MAX_OPERANDS`` operands waiting (a stream of numbers without operators)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import list_value, stream_value

    class Interpreter(PDFPageInterpreter):
        def render_contents(self, resources: Any, streams: Any, ctm: Any = (1, 0, 0, 1, 0, 0)) -> None:
            for stream in list_value(streams):
                cast(Any, self.device).limits.content(stream_value(stream))
            super().render_contents(resources, streams, ctm)

        def push(self, obj: Any) -> None:
            if len(self.argstack) >= _MAX_OPERANDS:
                del self.argstack[: _MAX_OPERANDS // 2]
            super().push(obj)

    return Interpreter


def _unpacked_size(stream: Any, budget: int) -> int:
    """What a PDF stream unpacks to, in bytes; more than ``budget`` once it is found to be more (it is never
    unpacked further). The filters that can grow data much (Flate, LZW, RunLength) are unpacked a piece at a
    time, the others (ASCII hex and 85, which shrink it) as pdfminer does; image filters end the count."""
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.lzw import LZWDecoder
    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
        LITERALS_LZW_DECODE,
        LITERALS_RUNLENGTH_DECODE,
    )

    if stream.data is not None:  # unpacked already (drawn before)
        return len(stream.data)
    data = stream.rawdata or b""
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _ in stream.get_filters():
        if name in LITERALS_FLATE_DECODE:
            data = _inflate(data, budget + 1)
        elif name in LITERALS_LZW_DECODE:
            data = _bounded(LZWDecoder(io.BytesIO(data)).run(), budget + 1)
        elif name in LITERALS_RUNLENGTH_DECODE:
            data = _run_length(data, budget + 1)
        elif name in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
        elif name in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
        else:
            break
        if len(data) > budget:
            break
    return len(data)


def _inflate(data: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes of a zlib stream unpacked (what a damaged one gives up to its damage, as
    pdfminer reads it)."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    pending = data
    try:
        while size < limit:
            step = min(_INFLATE_STEP, limit - size)
            piece = inflater.decompress(pending, step)
            out.append(piece)
            size += len(piece)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and len(piece) < step):
                break
    except zlib.error:
        pass
    return b"".join(out)


def _bounded(pieces: Iterator[bytes], limit: int) -> bytes:
    out: list[bytes] = []
    size = 0
    for piece in pieces:
        out.append(piece)
        size += len(piece)
        if size >= limit:
            break
    return b"".join(out)


def _run_length(data: bytes, limit: int) -> bytes:
    """RunLengthDecode's output, at most about ``limit`` bytes of it."""
    out = bytearray()
    i = 0
    while i < len(data) and len(out) < limit:
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
    return bytes(out)


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def _running_lines(pages: list[list[Block]]) -> set[str]:
    """Lines that stand in a page's top or bottom margin on more than one page: running headers/footers."""
    counts = Counter(text for blocks in pages for text in {b.text for b in blocks if b.where != "body"})
    return {text for text, n in counts.items() if n >= 2}


def _page_blocks(page: Any) -> list[Block]:
    """One page's paragraphs and table rows in reading order, a blank line around each table."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = (page.filter(outside) if boxes else page).extract_text_lines(return_chars=True)
    placed: list[tuple[float, list[Block]]] = [(b.top, [b]) for b in _paragraphs(lines, page.width, page.height)]
    for table in tables:
        rows = [_row_line([_cell_text(page, cell, text) for cell, text in zip(row.cells, texts)])
                for row, texts in zip(table.rows, table.extract())]
        found = [Block("body", r, table.bbox[1]) for r in rows if r is not None]
        if found:
            placed.append((table.bbox[1], [Block("body", ""), *found, Block("body", "")]))
    placed.sort(key=lambda p: p[0])
    cleaned: list[Block] = []
    for block in (b for _, group in placed for b in group):
        if not block.text and (not cleaned or not cleaned[-1].text):
            continue  # no blank line at the page's top or twice in a row
        cleaned.append(block)
    while cleaned and not cleaned[-1].text:
        cleaned.pop()
    return cleaned


def _row_line(cells: list[str | None]) -> str | None:
    """A table row as one tab-joined line; a merged row (one cell spanning the rest) as plain text."""
    texts = [c or "" for c in cells]
    if not any(texts):
        return None
    if cells and all(c is None for c in cells[1:]):  # pdfplumber gives None for the cells a merge covers
        return texts[0]
    return "\t".join(texts)


# "hjerte- og karsygdomme": after these a hyphen at a line's end is the writer's, not a word broken in two.
_AFTER_OPEN_HYPHEN = {"og", "eller", "samt", "til", "and", "or"}
_CELL_PADDING = 6.0  # Word's and LibreOffice's default cell margin (0.19 cm) and a little


def _join(before: str, after: str) -> str:
    """Two wrapped lines as one text: a space between, but a word or number hyphenated at the break
    ("SSG-" + "mødet", "2024-" + "2027", "PLO-" + "Syddanmark") is rejoined with its hyphen."""
    first = after.split(" ", 1)[0]
    if before.endswith("-") and before[-2:-1].isalnum() and first[:1].isalnum() \
            and first.lower() not in _AFTER_OPEN_HYPHEN:
        return before + after
    return f"{before} {after}"


def _cell_text(page: Any, bbox: tuple[float, float, float, float] | None, raw: str | None) -> str | None:
    """A cell's lines as one text; a word the cell was too narrow for (broken without a hyphen where
    it reached the cell's edge) is rejoined."""
    if bbox is None or raw is None:
        return None
    lines = [line for line in (_clean(x) for x in raw.split("\n")) if line]
    if not lines:
        return ""
    text = lines[0]
    for before, line in zip(lines, lines[1:]):
        if " " not in before and line[:1].islower() and _reaches_edge(page, bbox, before):
            text += line
        else:
            text = _join(text, line)
    return text


def _reaches_edge(page: Any, bbox: tuple[float, float, float, float], word: str) -> bool:
    """Whether the line holding only ``word`` ends at the cell's right edge (a forced break)."""
    x0, top, x1, bottom = bbox
    chars = [c for c in page.chars if x0 <= c["x0"] and c["x1"] <= x1 + 1 and top <= c["top"] and c["bottom"] <= bottom]
    for c in chars:
        if c["text"] == word[-1]:
            same_line = sorted((d for d in chars if abs(d["top"] - c["top"]) < 1), key=lambda d: d["x0"])
            if "".join(d["text"] for d in same_line).strip() == word and abs(same_line[-1]["x1"] - c["x1"]) < 0.01:
                return x1 - c["x1"] < _CELL_PADDING + 0.6 * c["size"]
    return False


def _paragraphs(lines: list[dict[str, Any]], width: float, height: float) -> Iterator[Block]:
    """Wrapped PDF lines joined into paragraphs: a line continues the one above it when its first word
    would not have fitted at the end of that line (which is why it wrapped), no paragraph gap lies
    between them, and they have the same font size."""
    if not lines:
        return
    # Where the text column ends: the right margin mirrors the left one (the usual page set-up), unless
    # the text reaches further. Not simply the widest line: on a page of short lines that line would
    # always look wrapped and swallow the next paragraph.
    right = max(max(line["x1"] for line in lines), width - min(line["x0"] for line in lines))
    pitch = _pitch(lines)
    current: Block | None = None
    for line in lines:
        where = "top" if line["bottom"] < height * _MARGIN else \
            "bottom" if line["top"] > height * (1 - _MARGIN) else "body"
        text = _clean(line["text"])
        if current is not None and where == "body" == current.where and current.last is not None \
                and _wrapped(current.last, line, right) and not _gap(current.last, line, pitch):
            current.text = _join(current.text, text)
            current.last = line
            current.lines += 1
            continue
        if current is not None:
            yield current
        current = Block(where, text, line["top"], line, line, right)
    if current is not None:
        yield current


def _size(line: dict[str, Any]) -> float:
    sizes = [c.get("size", 0.0) for c in line.get("chars", []) if c.get("text", " ").strip()]
    return statistics.median(sizes) if sizes else 0.0


def _pitch(lines: list[dict[str, Any]]) -> float:
    """The page's usual distance from one line's top to the next within a paragraph."""
    counts = Counter(round(b["top"] - a["top"] + 0.25, 0) for a, b in zip(lines, lines[1:])
                     if 0.9 * _size(a) <= b["top"] - a["top"])
    # The smallest step seen more than once: where paragraphs are mostly one line, the most common step
    # is a line and a paragraph gap, and would hide the gaps.
    repeated = sorted(step for step, n in counts.items() if n >= 2)
    return float(repeated[0]) if repeated else 0.0


def _gap(above: dict[str, Any], line: dict[str, Any], pitch: float) -> bool:
    """More space above ``line`` than between the lines of a paragraph: a new paragraph."""
    step = line["top"] - above["top"]
    if pitch and step <= 1.6 * pitch:
        return step > pitch + 1.5
    return line["top"] - above["bottom"] > 0.8 * max(above["bottom"] - above["top"], 1.0)


def _wrapped(above: dict[str, Any], line: dict[str, Any], right: float) -> bool:
    """Whether ``line`` is where the text of ``above`` went on because its first word did not fit."""
    if abs(_size(above) - _size(line)) > 0.5:
        return False
    words = line["text"].split()
    # The first word's own glyphs (a PDF need not draw the spaces between words at all).
    glyphs = [c for c in line.get("chars", []) if c.get("text", "").strip()][:len(words[0]) if words else 0]
    if not glyphs:
        return False
    space = 0.25 * _size(line) or 3.0
    return above["x1"] + space + (glyphs[-1]["x1"] - glyphs[0]["x0"]) > right - 1.0


def _continues_on_next_page(block: Block, first: Block) -> bool:
    """A paragraph that a page break cut: its last line wrapped into the next page's first line. Word
    processors leave at least two lines of a cut paragraph on each page (widow and orphan control), so
    a one-line heading at a page's top is never taken for the end of the paragraph before it."""
    return (block.where == first.where == "body" and block.last is not None and first.first is not None
            and block.lines >= 2 and first.lines >= 2 and _wrapped(block.last, first.first, block.right))


def _clean(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.replace("\u00a0", " ")).strip()


# --- Word .docx ------------------------------------------------------------------------------------
# Read from the XML with lxml rather than python-docx's objects: they skip what templates and real
# editing put in a document (content controls, tracked insertions, text boxes, nested tables), and
# build an object per paragraph, which a hostile file with a million empty paragraphs makes slow.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CONTAINERS = {_W + t for t in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "hyperlink",
                                 "fldSimple", "r")}
_SKIPPED = {_W + t for t in ("del", "moveFrom", "rPr", "pPr", "sdtPr", "instrText", "delText")} | {_MC + "Fallback"}
_MAX_LABEL = 9999  # a list number above this is rendered as digits (a hostile start value cannot grow a label)
_LEVELS = 9  # Word's list levels, ilvl 0 to 8 (a hostile numbering.xml may declare any number)
_MAX_LEVEL_TEXT = 64  # a level's label template ("%1.%2.") is a few characters


def docx_text(path: Path, data: bytes) -> str:
    import docx  # python-docx; imported here: only Word files need it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    # Before python-docx unpacks every part into memory.
    check_archive(str(path), data, damaged="not a readable Word document (damaged: {})")
    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines = _header_lines(document)
        if lines:
            lines.append("")
        _block_lines(document.element.body, numbering, lines)
    except (PackageNotFoundError, KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile,
            etree.LxmlError, RecursionError) as exc:
        raise UnreadableFile(str(path), f"not a readable Word document (damaged: {str(exc)[:200]})") from None
    text = "\n".join(lines).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    if not text.strip():
        raise UnreadableFile(str(path), "the Word document contains no text")
    return text + "\n"


def _header_lines(document: Any) -> list[str]:
    """The first page's header: Word templates put the meeting's title, forum and date there."""
    if not len(document.sections):  # sectPr is optional: without one there is no header either
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    if header.is_linked_to_previous:
        return []
    lines: list[str] = []
    _block_lines(header._element, None, lines)
    return [line for line in lines if line]


def _block_lines(element: Any, numbering: _Numbering | None, lines: list[str],
                 nested: list[Any] | None = None) -> None:
    """Paragraphs and tables below ``element`` in document order, appended to ``lines``; in a table
    cell, tables go to ``nested`` (they follow the row)."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == _W + "p" and not len(child):  # an empty paragraph (a hostile file may hold a million)
            lines.append("")
        elif tag == _W + "p":
            text, boxes = _paragraph(child)
            label = numbering.label(child) if numbering and text.strip() else ""
            parts = [_clean(t) for t in text.split("\n")]
            parts = [t for t in parts if t]
            if label and parts:
                parts[0] = f"{label} {parts[0]}"
            lines.extend(parts or [""])
            for box in boxes:
                _block_lines(box, numbering, lines, nested)
        elif tag == _W + "tbl" and nested is not None:
            nested.append(child)
        elif tag == _W + "tbl":
            if lines and lines[-1]:
                lines.append("")
            _table_lines(child, numbering, lines)
            lines.append("")
        elif tag in _CONTAINERS:
            _block_lines(child, numbering, lines, nested)


def _paragraph(p: Any) -> tuple[str, list[Any]]:
    """A paragraph's text as Word shows it (tracked insertions in, deletions out), and its text boxes."""
    parts: list[str] = []
    boxes: list[Any] = []
    stack = list(reversed(list(p.iterchildren())))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _W + "t":
            parts.append(node.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _W + "txbxContent":
            boxes.append(node)
        else:
            stack.extend(reversed(list(node.iterchildren())))
    return "".join(parts), boxes


def _table_lines(table: Any, numbering: _Numbering | None, lines: list[str]) -> None:
    """A table a row a line (cells joined by tabs; a row of one cell spanning the table as plain text);
    a table inside a cell follows its row."""
    for row in table.iterchildren(_W + "tr"):
        texts: list[str] = []
        nested: list[Any] = []
        for cell in row.iterchildren(_W + "tc"):
            cell_lines: list[str] = []
            _block_lines(cell, numbering, cell_lines, nested)
            texts.append(_clean(" ".join(cell_lines)))
        if any(texts):
            lines.append(texts[0] if len(texts) == 1 else "\t".join(texts))
        for inner in nested:
            lines.append("")
            _table_lines(inner, numbering, lines)
            lines.append("")


class _Numbering:
    """Word's automatic list numbers ("1.", "a)", bullets) are not in a paragraph's text; an agenda whose
    items are numbered that way would lose its item numbers. This renders them as Word shows them."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (abstract, level) → format, text, start
        self.abstract_of: dict[str, str] = {}  # numId → abstractNumId
        self.counters: dict[tuple[str, int], int] = {}
        self.styles: dict[str, tuple[str | None, int, str | None]] = {}  # style id → numId, level, based on
        from docx.opc.constants import RELATIONSHIP_TYPE

        # Looked up among the relationships: python-docx's numbering_part would try to create a missing one.
        parts = [r.target_part for r in document.part.rels.values()
                 if r.reltype == RELATIONSHIP_TYPE.NUMBERING and not r.is_external]
        if not parts:
            return
        root = parts[0].element
        for node in root.iterchildren(_W + "abstractNum"):
            abstract = node.get(_W + "abstractNumId", "")
            for lvl in node.iterchildren(_W + "lvl"):
                fmt, text, start = lvl.find(_W + "numFmt"), lvl.find(_W + "lvlText"), lvl.find(_W + "start")
                level = _int(lvl.get(_W + "ilvl"), 0)
                if not 0 <= level < _LEVELS:
                    continue
                self.levels[(abstract, level)] = (
                    fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                    (text.get(_W + "val", "") if text is not None else "")[:_MAX_LEVEL_TEXT],
                    _int(start.get(_W + "val") if start is not None else None, 1))
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(_W + "numId", "")] = ref.get(_W + "val", "")
        for style in document.styles.element.iterchildren(_W + "style"):
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            based = style.find(_W + "basedOn")
            num_id, ilvl = _num_pr(numpr)
            self.styles[style.get(_W + "styleId", "")] = (num_id, ilvl,
                                                          based.get(_W + "val") if based is not None else None)

    def label(self, p: Any) -> str:
        if not self.levels:
            return ""
        num_id, ilvl = _num_pr(p.find(f"{_W}pPr/{_W}numPr"))
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(_W + "val") if style is not None else None
        seen: set[str] = set()
        while num_id is None and style_id and style_id not in seen:  # numbering given by the style
            seen.add(style_id)
            num_id, style_level, style_id = self.styles.get(style_id, (None, 0, None))
            ilvl = ilvl or style_level
        key = (self.abstract_of.get(num_id or "", ""), ilvl)
        if num_id is None or num_id == "0" or key not in self.levels:
            return ""
        fmt, text, start = self.levels[key]
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in range(ilvl + 1, _LEVELS):
            self.counters.pop((key[0], deeper), None)  # a new item restarts its sub-list
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def number(level: int) -> str:
            level_fmt, _, level_start = self.levels.get((key[0], level), ("decimal", "", 1))
            return _format_number(self.counters.get((key[0], level), level_start), level_fmt)

        return re.sub(r"%(\d)", lambda m: number(int(m[1]) - 1), text).strip()


def _num_pr(numpr: Any) -> tuple[str | None, int]:
    if numpr is None:
        return None, 0
    num_id, ilvl = numpr.find(_W + "numId"), numpr.find(_W + "ilvl")
    return (num_id.get(_W + "val") if num_id is not None else None,
            _int(ilvl.get(_W + "val") if ilvl is not None else None, 0))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format_number(value: int, fmt: str) -> str:
    if not 0 < value <= _MAX_LABEL:
        return str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for size, numeral in numerals:
            while value >= size:
                out += numeral
                value -= size
        return out.upper() if fmt == "upperRoman" else out
    return str(value)
