"""Real Word files made with python-docx, and PDFs made from them by LibreOffice, for the loader tests:
the secretariat's documents arrive as these, not as our text renditions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

Row = Sequence[str]


class Writer:
    """A Word document built block by block: headings, paragraphs, tables."""

    def __init__(self, landscape: bool = False, font_size: float = 10.5) -> None:
        self.doc = docx.Document()
        style = self.doc.styles["Normal"]
        style.font.name = "Liberation Sans"
        style.font.size = Pt(font_size)
        style.paragraph_format.space_after = Pt(6)
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2))

    def heading(self, text: str, level: int = 1) -> Writer:
        self.doc.add_heading(text, level=level)
        return self

    def para(self, *lines: str) -> Writer:
        """One paragraph; several lines are kept apart by manual line breaks."""
        paragraph = self.doc.add_paragraph()
        for i, line in enumerate(lines):
            run = paragraph.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
        return self

    def paras(self, text: str) -> Writer:
        """Every non-empty line of ``text`` as its own paragraph."""
        for line in text.splitlines():
            if line.strip():
                self.doc.add_paragraph(line.strip())
        return self

    def numbered(self, text: str) -> Writer:
        """A paragraph with Word's own list number (not in its text)."""
        self.doc.add_paragraph(text, style="List Number")
        return self

    def table(self, header: Row | None, rows: Sequence[Row], widths_cm: Sequence[float] | None = None,
              repeat_header: bool = True, merged: Sequence[int] = ()) -> Writer:
        """A bordered table; ``merged`` are indexes of rows written as one cell spanning the table."""
        columns = len(header) if header else max(len(r) for r in rows)
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        if header:
            cells = table.add_row().cells
            for cell, text in zip(cells, header):
                cell.text = text
            if repeat_header:
                tr_pr = table.rows[0]._tr.get_or_add_trPr()
                flag = OxmlElement("w:tblHeader")
                flag.set(qn("w:val"), "true")
                tr_pr.append(flag)
        for i, row in enumerate(rows):
            cells = table.add_row().cells
            if i in merged:
                cells[0].merge(cells[-1]).text = row[0]
                continue
            for cell, text in zip(cells, row):
                cell.text = text
        if widths_cm:
            for row in table.rows:
                for cell, width in zip(row.cells, widths_cm):
                    cell.width = Cm(width)
        self.doc.add_paragraph()
        return self

    def page_break(self) -> Writer:
        self.doc.add_page_break()
        return self

    def footer(self, text: str) -> Writer:
        self.doc.sections[0].footer.paragraphs[0].text = text
        return self

    def header(self, text: str) -> Writer:
        self.doc.sections[0].header.paragraphs[0].text = text
        return self

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


def to_pdf(sources: Sequence[Path], outdir: Path) -> list[Path]:
    """Word files → PDFs with LibreOffice (one run for all: it takes seconds to start)."""
    soffice = shutil.which("soffice")
    assert soffice, "`make test` installs LibreOffice (libreoffice-writer)"
    profile = outdir / "lo-profile"  # its own profile: another LibreOffice may be running
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, sources)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(outdir)})
    made = [outdir / (Path(s).stem + ".pdf") for s in sources]
    missing = [m for m in made if not m.exists()]
    assert not missing, f"LibreOffice made no PDF of {missing}"
    return made


def pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return len(document.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
