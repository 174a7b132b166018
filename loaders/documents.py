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

import io
import re
import statistics
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.errors import UnreadableFile
from loaders.text import ZIP_MAGIC, read_text

PDF_MAGIC = b"%PDF-"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc and Excel .xls
# An Office file's parts unpacked: far above any real document, far below what a zip bomb asks for.
MAX_UNPACKED = 512 * 1024 * 1024

_PAGE_NUMBER = re.compile(r"(?:side|page)?\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?", re.I)
_MARGIN = 0.07  # the top and bottom share of a page where running headers and footers stand


def container(path: Path, data: bytes) -> str:
    """``pdf``, ``docx``, ``xlsx`` or ``text``, from the bytes; UnreadableFile for other binaries."""
    if data.lstrip()[:5] == PDF_MAGIC:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        raise UnreadableFile(str(path), "an old Word or Excel 97-2003 file (.doc/.xls): save it as .docx or "
                                        ".xlsx (or PDF) and load that")
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
        except zipfile.BadZipFile as exc:
            raise UnreadableFile(str(path), f"a damaged or truncated ZIP file (Word/Excel?): {exc}") from None
        if sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise UnreadableFile(str(path), "the file unpacks to more than 512 MB; refused (a zip bomb?)")
        names = {i.filename for i in infos}
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise UnreadableFile(str(path), "a ZIP archive that is neither a Word document (.docx) nor an Excel "
                                        "workbook (.xlsx)")
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
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_blocks(page) for page in pdf.pages]
            has_images = any(page.images for page in pdf.pages)
    except (PdfminerException, PDFSyntaxError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise UnreadableFile(str(path), "the PDF is password-protected; save it without a password") from None
        raise UnreadableFile(str(path), f"not a readable PDF (damaged or truncated: {cause})") from None
    except (ValueError, KeyError, TypeError, AssertionError) as exc:  # pdfminer's reactions to broken files
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
    placed: list[tuple[float, list[Block]]] = [(b.top, [b]) for b in _paragraphs(lines, page.height)]
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


def _paragraphs(lines: list[dict[str, Any]], height: float) -> Iterator[Block]:
    """Wrapped PDF lines joined into paragraphs: a line continues the one above it when its first word
    would not have fitted at the end of that line (which is why it wrapped), no paragraph gap lies
    between them, and they have the same font size."""
    if not lines:
        return
    right = max(line["x1"] for line in lines)
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


def _cell(cell: str | None) -> str:
    return re.sub(r"\s+", " ", (cell or "").replace("\u00a0", " ")).strip()


# --- Word .docx ------------------------------------------------------------------------------------

def docx_text(path: Path, data: bytes) -> str:
    import docx  # python-docx; imported here: only Word files need it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableFile(str(path), f"not a readable Word document (damaged: {exc})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in _body_blocks(document):
        if isinstance(block, list):  # a table's rows
            if lines and lines[-1]:
                lines.append("")
            lines.extend(block)
            lines.append("")
            continue
        lines.extend(numbering.lines(block))
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise UnreadableFile(str(path), "the Word document contains no text")
    return text + "\n"


def _body_blocks(document: Any) -> Iterator[Any]:
    """Paragraphs and tables in the order they stand in the document (a table as its row lines)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(element, document)
        elif tag == "tbl":
            yield list(_table_lines(Table(element, document)))


def _table_lines(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[Any] = []
        for cell in row.cells:  # a merged cell comes once for every grid column it spans
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        texts = [_cell(c.text) for c in cells]
        if not any(texts):
            continue
        yield texts[0] if len(cells) == 1 else "\t".join(texts)


class _Numbering:
    """Word's automatic list numbers ("1.", "a)", bullets) are not in a paragraph's text; an agenda whose
    items are numbered that way would lose its item numbers. This renders them as Word shows them."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, level) → (format, text, start)
        self.counters: dict[tuple[str, int], int] = {}
        self.abstract_of: dict[str, str] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):
            return
        root = part.element
        ns = {"w": root.nsmap.get("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main")}
        w = "{" + ns["w"] + "}"
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall("w:abstractNum", ns):
            levels = {}
            for lvl in node.findall("w:lvl", ns):
                fmt = lvl.find("w:numFmt", ns)
                text = lvl.find("w:lvlText", ns)
                start = lvl.find("w:start", ns)
                levels[int(lvl.get(w + "ilvl", "0"))] = (
                    fmt.get(w + "val", "decimal") if fmt is not None else "decimal",
                    text.get(w + "val", "") if text is not None else "",
                    int(start.get(w + "val", "1")) if start is not None else 1)
            abstract[node.get(w + "abstractNumId", "")] = levels
        for num in root.findall("w:num", ns):
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            num_id = num.get(w + "numId", "")
            self.abstract_of[num_id] = ref.get(w + "val", "")
            for ilvl, level in abstract.get(self.abstract_of[num_id], {}).items():
                self.levels[(self.abstract_of[num_id], ilvl)] = level
        self._w = w

    def lines(self, paragraph: Any) -> list[str]:
        """The paragraph's lines (a manual line break starts a new one), the first with its list number."""
        lines = [_clean(t) for t in paragraph.text.split("\n")]
        lines = [t for t in lines if t]
        if not lines:
            return [""] if not paragraph.text.strip() else []
        label = self._label(paragraph)
        if label:
            lines[0] = f"{label} {lines[0]}"
        return lines

    def _label(self, paragraph: Any) -> str:
        if not self.levels:
            return ""
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None:
            style = paragraph.style
            while style is not None and numpr is None:
                spr = style.element.pPr
                numpr = spr.numPr if spr is not None else None
                style = style.base_style
        if numpr is None or numpr.numId is None:
            return ""
        num_id = str(numpr.numId.val)
        ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
        key = (self.abstract_of.get(num_id, ""), ilvl)
        if key not in self.levels:
            return ""
        fmt, text, start = self.levels[key]
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == key[0] and k[1] > ilvl]:
            del self.counters[deeper]  # a new item restarts its sub-list
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def number(level: int) -> str:
            value = self.counters.get((key[0], level), self.levels.get((key[0], level), ("", "", 1))[2])
            level_fmt = self.levels.get((key[0], level), ("decimal", "", 1))[0]
            return _format_number(value, level_fmt)

        return re.sub(r"%(\d)", lambda m: number(int(m[1]) - 1), text).strip()


def _format_number(value: int, fmt: str) -> str:
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
