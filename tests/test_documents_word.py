"""What real Word files hold besides plain paragraphs: content controls from templates, tracked
changes, text boxes, tables in tables, the meeting in the page header, broken parts, hostile sizes;
and PDFs of minutes whose paragraphs are one short line each."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

from loaders.detect import parse_file
from loaders.documents import docx_text, pdf_text
from loaders.errors import UnreadableFile
from loaders.minutes import parse_minutes
from tests.documents import Writer, to_pdf

MINUTES = """Referat
Sundhedsstyregruppen
Mødedato: 12. september 2025
Mødested: Regionshuset Viborg
Punkt 1: Godkendelse af dagsorden
Beslutning
Godkendt.
Punkt 2: TeleKOL
Beslutning
Indstillingen blev ikke godkendt.
"""
DECISIONS = [(1, "Godkendt.", "approved"), (2, "Indstillingen blev ikke godkendt.", "rejected")]
TEXTBOX = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:drawing><wp:anchor>'
           '<wp:docPr id="5" name="Tekstboks 5"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
           '<w:p><w:r><w:t>Indstillingen blev ikke godkendt.</w:t></w:r></w:p>'
           '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def decisions(text: str) -> list[tuple[int, str, str]]:
    minutes = parse_minutes(text)
    assert (minutes["forum"], minutes["date"]) == ("Sundhedsstyregruppen", "2025-09-12")
    return [(i["number"], i["decision"], i["decision_kind"]) for i in minutes["items"]]


def word(writer: Writer, tmp_path: Path, name: str = "referat.docx") -> str:
    path = writer.save(tmp_path / name)
    return docx_text(path, path.read_bytes())


def last_paragraph(writer: Writer):
    return writer.doc.paragraphs[-1]._p


def in_content_control(writer: Writer) -> Writer:  # as ESDH and agenda-system templates write them
    p = last_paragraph(writer)
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    p.addprevious(sdt)
    sdt.append(content)
    content.append(p)
    return writer


def as_tracked_insertion(writer: Writer) -> Writer:
    p = last_paragraph(writer)
    runs = list(p.iterchildren(qn("w:r")))
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "Sekretariatet")
    for run in runs:
        insertion.append(run)
    p.append(insertion)
    return writer


def in_text_box(writer: Writer) -> Writer:
    p = last_paragraph(writer)
    for run in list(p.iterchildren(qn("w:r"))):
        p.remove(run)
    p.append(etree.fromstring(TEXTBOX))
    return writer


@pytest.mark.parametrize("change", [in_content_control, as_tracked_insertion, in_text_box])
def test_decisions_inside_word_constructs_are_read(tmp_path, change):
    assert decisions(word(change(Writer().paras(MINUTES)), tmp_path)) == DECISIONS


def test_a_tracked_deletion_is_not_read(tmp_path):
    writer = Writer().paras(MINUTES.replace("Indstillingen blev ikke godkendt.", ""))
    paragraph = writer.doc.add_paragraph()
    paragraph.add_run("Indstillingen blev ")
    deletion = OxmlElement("w:del")
    run, text = OxmlElement("w:r"), OxmlElement("w:delText")
    text.text = "ikke "
    run.append(text)
    deletion.append(run)
    paragraph._p.append(deletion)
    paragraph.add_run("ikke godkendt.")
    assert "Indstillingen blev ikke godkendt." in word(writer, tmp_path).splitlines()


def test_a_decision_table_inside_a_layout_table(tmp_path):
    writer = Writer().paras("\n".join(MINUTES.splitlines()[:4]))
    cell = writer.doc.add_table(rows=1, cols=1).rows[0].cells[0]
    cell.text = "Beslutninger"
    inner = cell.add_table(rows=3, cols=3)
    for row, texts in zip(inner.rows, [["Pkt.", "Emne", "Beslutning"], ["1", "Godkendelse af dagsorden", "Godkendt."],
                                       ["2", "TeleKOL", "Indstillingen blev ikke godkendt."]]):
        for c, t in zip(row.cells, texts):
            c.text = t
    text = word(writer, tmp_path)
    assert "Pkt.\tEmne\tBeslutning" in text.splitlines()
    assert decisions(text) == DECISIONS


def test_the_meeting_in_the_page_header_is_read(tmp_path):
    writer = Writer().header("Udvalg: Sundhedsstyregruppen")
    writer.doc.sections[0].header.add_paragraph("Mødedato: 12. september 2025")
    text = word(writer.paras("\n".join(MINUTES.splitlines()[4:])), tmp_path)
    assert text.splitlines()[:2] == ["Udvalg: Sundhedsstyregruppen", "Mødedato: 12. september 2025"]
    assert decisions(text) == DECISIONS


def rezipped(path: Path, part: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == part else source.read(item.filename))
        if part not in source.namelist():
            target.writestr(part, content)
    return buffer.getvalue()


NUMBERING = (b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="x"><w:start w:val="%s"/>'
             b'<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%%1."/></w:lvl></w:abstractNum>'
             b'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


@pytest.mark.parametrize("part, content", [
    ("word/document.xml", b"<w:document"),
    ("word/styles.xml", b"<garbage"),
    ("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                          + b"<w:sdt><w:sdtContent>" * 300 + b"</w:sdtContent></w:sdt>" * 300 + b"</w:document>"),
])
def test_damaged_word_parts_give_one_clear_reason(tmp_path, ref, part, content):
    base = Writer().paras(MINUTES).save(tmp_path / "base.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(rezipped(base, part, content))
    with pytest.raises(UnreadableFile) as caught:
        parse_file(broken, ref)
    assert "not a readable Word document" in caught.value.problem


@pytest.mark.parametrize("start", [b"x", b"2147483647"])
def test_hostile_list_numbering_neither_crashes_nor_grows(tmp_path, start):
    writer = Writer().paras("Referat")
    writer.numbered("Godkendelse af dagsorden")
    base = writer.save(tmp_path / "base.docx")
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(rezipped(base, "word/numbering.xml", NUMBERING % start))
    started = time.process_time()
    lines = docx_text(hostile, hostile.read_bytes()).splitlines()
    assert time.process_time() - started < 2
    assert max(len(line) for line in lines) < 100


def test_a_million_empty_paragraphs_read_in_seconds(tmp_path):
    base = Writer().paras(MINUTES).save(tmp_path / "base.docx")
    with zipfile.ZipFile(base) as z:
        document = z.read("word/document.xml")
    body = document.index(b"<w:body>") + len(b"<w:body>")
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(rezipped(base, "word/document.xml", document[:body] + b"<w:p/>" * 1_000_000 + document[body:]))
    assert hostile.stat().st_size < 200_000
    started = time.process_time()
    text = docx_text(hostile, hostile.read_bytes())
    assert time.process_time() - started < 6
    assert decisions(text) == DECISIONS


@pytest.mark.parametrize("space_after", [6, 0])
def test_pdf_minutes_of_one_line_paragraphs_keep_every_line(tmp_path, space_after):
    writer = Writer().paras(MINUTES)
    writer.doc.styles["Normal"].paragraph_format.space_after = Pt(space_after)
    pdf = to_pdf([writer.save(tmp_path / "referat.docx")], tmp_path)[0]
    text = pdf_text(pdf, pdf.read_bytes())
    assert text.splitlines() == [line for line in MINUTES.splitlines() if line]
    assert decisions(text) == DECISIONS
