"""PDF and Word files as the secretariat gets them: made here with python-docx, turned into PDF by
LibreOffice, and read back to the same records as our text renditions of the same documents."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from loaders.detect import detect_kind, parse_file
from loaders.documents import container, docx_text, pdf_text
from loaders.errors import UnreadableFile
from loaders.initiatives import parse_initiatives
from loaders.minutes import parse_minutes
from tests.conftest import ROOT, seed
from tests.documents import Writer, pages, squash, to_pdf

HEADER = ["Tid", "Indsats", "Status", "Forslag til handling fra formandskabet for Sundhedsstyregruppen"]
MINUTES = ("001", "003", "004")


def overview_writer() -> Writer:
    """The initiative overview as the secretariat writes it in Word: three sections, one table each,
    the header row repeated on every page, long rows that break across pages."""
    rows = parse_initiatives(seed("000").read_text())["initiatives"]
    writer = Writer(landscape=True).heading("Overblik over indsatser i regi af sundhedsaftalen", 1)
    writer.para("Indsatser er inddelt i tre overordnede kategorier:")
    for section in (1, 2, 3):
        mine = [r for r in rows if r["section"] == section]
        writer.heading(f"{section}. {mine[0]['section_title']}", 2)
        writer.table(HEADER, [[r["time"], r["title"], r["status"], r["action"]] for r in mine],
                     widths_cm=[3, 6, 9, 7])
    return writer


def add_page_number_footer(writer: Writer) -> None:
    """"Side N af M" with Word's own page fields, as real minutes carry them."""
    paragraph = writer.doc.sections[0].footer.paragraphs[0]
    paragraph.text = ""
    paragraph.add_run("Side ")
    for i, field in enumerate(("PAGE", "NUMPAGES")):
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)
        if i == 0:
            paragraph.add_run(" af ")


def numbered_minutes_writer() -> Writer:
    """Minutes whose item numbers are Word's automatic list numbers and whose decisions stand in a table."""
    writer = Writer().header("Sundhedsudvalget – referat 21. august 2025")
    add_page_number_footer(writer)
    writer.heading("Referat", 1)
    writer.para("Udvalg: Sundhedsudvalget").para("Mødedato: 21. august 2025 kl. 15:00").para("Mødested: Mødelokale 2")
    writer.heading("Beslutninger", 2)
    writer.table(["Pkt.", "Emne", "Beslutning"], [
        ["1", "Godkendelse af dagsorden", "Godkendt."],
        ["2", "Samarbejdsaftale om demens", "Ikke godkendt. Sagen sendes tilbage til administrationen."],
        ["3", "Orientering om TeleKOL", "Taget til efterretning."],
    ])
    for title, body in (("Godkendelse af dagsorden", "Dagsordenen fremlægges."),
                        ("Samarbejdsaftale om demens", "Aftalen revideres. " * 200),
                        ("Orientering om TeleKOL", "Status for TeleKOL. " * 200)):
        writer.numbered(title)
        writer.para("Sagsfremstilling").para(body.strip())
    return writer


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every Word file of these tests and its PDF, made once (LibreOffice takes seconds to start)."""
    folder = tmp_path_factory.mktemp("documents")
    words = {"overview": overview_writer().save(folder / "overblik.docx"),
             "numbered": numbered_minutes_writer().save(folder / "numbered.docx")}
    for key in MINUTES:
        writer = Writer().paras(seed(key).read_text())
        words[key] = writer.save(folder / f"referat-{key}.docx")
    pdfs = to_pdf(list(words.values()), folder / "pdf")
    return {**{f"{k}.docx": v for k, v in words.items()}, **{f"{k}.pdf": p for k, p in zip(words, pdfs)}}


def read(path: Path) -> str:
    data = path.read_bytes()
    return pdf_text(path, data) if path.suffix == ".pdf" else docx_text(path, data)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_initiative_overview_from_word_and_pdf_reads_as_the_text(documents, fmt):
    expected = parse_initiatives(seed("000").read_text())["initiatives"]
    text = read(documents[f"overview.{fmt}"])
    got = parse_initiatives(text)
    assert got["rejected"] == []
    keys = ("section", "forum", "time", "start", "end", "title", "status", "action", "dates")
    assert [{k: r[k] for k in keys} for r in got["initiatives"]] == [{k: r[k] for k in keys} for r in expected]


def test_the_pdf_overview_really_breaks_the_table_and_a_row_across_pages(documents):
    pdf = documents["overview.pdf"]
    assert pages(pdf) >= 4
    text = read(pdf)
    assert text.count("Tid\tIndsats\tStatus") > 3  # the header repeated at page breaks
    # A row cut by a page break: the next page's table starts with the rest of it (an empty time cell).
    assert re.search(r"\n\nTid\tIndsats[^\n]*\n\t", text), "no row continues on the next page"


@pytest.mark.parametrize("key", MINUTES)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_minutes_from_word_and_pdf_read_as_the_text(documents, key, fmt):
    expected = parse_minutes(seed(key).read_text())
    got = parse_minutes(read(documents[f"{key}.{fmt}"]))
    assert (got["forum"], got["date"], got["place"]) == (expected["forum"], expected["date"], expected["place"])

    def essentials(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        # Paragraph boundaries may differ where a page break falls; the words may not. (Seed 004 carries
        # Markdown escapes, "\(", that a line break in the PDF moves.)
        return [(i["number"], i["title"], i["case_no"], i["decision_kind"], squash(i["decision"]),
                 squash(i["recommendation"]), [re.sub(r"\\\s*", "", a) for a in i["attachments"]])
                for i in items]

    assert essentials(got["items"]) == essentials(expected["items"])
    assert len(got["plan_initiatives"]) == len(expected["plan_initiatives"])


def test_word_list_numbers_header_footer_and_merged_cells(documents):
    docx_lines = read(documents["numbered.docx"]).splitlines()
    assert "1. Godkendelse af dagsorden" in docx_lines  # Word's automatic number, not in the paragraph text
    assert "3. Orientering om TeleKOL" in docx_lines
    assert "Pkt.\tEmne\tBeslutning" in docx_lines
    pdf_lines = read(documents["numbered.pdf"]).splitlines()
    assert pages(documents["numbered.pdf"]) >= 3
    assert "2. Samarbejdsaftale om demens" in pdf_lines
    assert "2\tSamarbejdsaftale om demens\tIkke godkendt. Sagen sendes tilbage til administrationen." in pdf_lines
    # The running header and "Side N af M" footer stand on every page, and in no line of the text.
    assert not [line for line in pdf_lines if line.startswith("Side ") or "referat 21. august" in line]
    # A paragraph that runs over a page break is one line again.
    assert any(line.count("Aftalen revideres.") == 200 for line in pdf_lines)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_word_minutes_with_list_numbers_and_a_decision_table(documents, fmt):
    minutes = parse_minutes(read(documents[f"numbered.{fmt}"]))
    assert (minutes["forum"], minutes["date"], minutes["place"]) == ("Sundhedsudvalget", "2025-08-21", "Mødelokale 2")
    assert [(i["number"], i["title"], i["decision"], i["decision_kind"]) for i in minutes["items"]] == [
        (1, "Godkendelse af dagsorden", "Godkendt.", "approved"),
        (2, "Samarbejdsaftale om demens", "Ikke godkendt. Sagen sendes tilbage til administrationen.", "rejected"),
        (3, "Orientering om TeleKOL", "Taget til efterretning.", "noted")]
    assert minutes["items"][1]["case_text"].count("Aftalen revideres.") == 200


def test_merged_row_in_a_word_table_is_a_heading_line(tmp_path):
    writer = Writer().table(["Tid", "Indsats", "Status", "Forslag"],
                            [["1. Til beslutning i SSG"], ["2025", "Pilot", "I gang", "Afventer"]], merged=[0])
    path = writer.save(tmp_path / "merged.docx")
    lines = read(path).splitlines()
    assert "1. Til beslutning i SSG" in lines and "2025\tPilot\tI gang\tAfventer" in lines
    pdf = to_pdf([path], tmp_path)[0]
    assert "1. Til beslutning i SSG" in read(pdf).splitlines()


def test_kind_comes_from_the_content_whatever_the_name(documents, tmp_path, ref):
    disguised = {"overview.pdf": ("overblik.txt", "initiatives"), "003.docx": ("referat.xlsx", "minutes"),
                 "001.pdf": ("referat.csv", "minutes")}
    for key, (name, kind) in disguised.items():
        path = tmp_path / name
        path.write_bytes(documents[key].read_bytes())
        assert detect_kind(path, path.read_bytes()) == kind
        assert parse_file(path, ref)["kind"] == kind


def pdf_with_only_an_image(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(image).text((100, 100), "Referat – Sundhedsstyregruppen", fill="black")
    image.save(path, "PDF", resolution=150)
    return path


@pytest.mark.parametrize("make, problem", [
    (lambda p: pdf_with_only_an_image(p / "scan.pdf"), "no text layer (a scanned document?)"),
    (lambda p: _write(p / "cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), "not a readable PDF"),
    (lambda p: _write(p / "old.doc", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600), "old Word or Excel 97-2003"),
    (lambda p: _write(p / "other.zip", _zip({"readme.txt": b"hej"})), "neither a Word document"),
    (lambda p: _write(p / "broken.docx", _zip({"word/document.xml": b"<not xml"})), "not a readable Word document"),
    (lambda p: _write(p / "empty.docx", _empty_docx()), "contains no text"),
])
def test_unreadable_documents_say_why(tmp_path, ref, make, problem):
    path = make(tmp_path)
    with pytest.raises(UnreadableFile) as caught:
        parse_file(path, ref)
    assert problem in caught.value.problem
    assert caught.value.path == str(path)


def test_scanned_pdf_on_the_command_line_is_one_clear_line(tmp_path):
    path = pdf_with_only_an_image(tmp_path / "scannet referat.pdf")
    done = subprocess.run([sys.executable, "-m", "loaders", "parse", str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "scannet referat.pdf" in done.stderr and "OCR" in done.stderr


def test_cli_parses_pdf_and_word(documents):
    for key, kind, count in (("overview.pdf", "initiatives", 19), ("003.docx", "minutes", 11)):
        done = subprocess.run([sys.executable, "-m", "loaders", "parse", str(documents[key])], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        parsed = json.loads(done.stdout)
        assert parsed["kind"] == kind
        assert len(parsed["initiatives" if kind == "initiatives" else "items"]) == count


def test_build_loads_pdf_and_word_sources_like_their_text(documents, data_copy, tmp_path):
    import sqlite3

    from store.build import build
    from tests.conftest import BUILD_DAY

    def counts(db: Path) -> dict[str, Any]:
        with sqlite3.connect(db) as conn:
            return {
                "initiatives": conn.execute("SELECT COUNT(*) FROM initiatives").fetchone()[0],
                "meetings": conn.execute("SELECT forum, date, place FROM meetings ORDER BY date").fetchall(),
                "items": conn.execute("SELECT COUNT(*), GROUP_CONCAT(decision_kind) FROM agenda_items").fetchone(),
                "facts": conn.execute("SELECT measure, value, date, deadline, place, stated FROM facts "
                                      "ORDER BY measure, date, value").fetchall(),
                "unreadable": conn.execute("SELECT file FROM sources WHERE status != 'loaded'").fetchall(),
            }

    before = counts(build(data_copy, tmp_path / "text.db", today=BUILD_DAY).db_path)
    sources = data_copy / "sources"
    for key, prefix in (("overview.pdf", "000"), ("001.docx", "001"), ("003.pdf", "003"), ("004.pdf", "004")):
        next(sources.glob(f"{prefix}_*")).unlink()
        (sources / f"{prefix}-{documents[key].name}").write_bytes(documents[key].read_bytes())
    report = build(data_copy, tmp_path / "documents.db", today=BUILD_DAY)
    assert report.skipped == []
    assert counts(report.db_path) == before
    assert len(before["facts"]) >= 12  # the key figures were read from the PDF's and Word's text alike


def test_unknown_files_in_sources_are_listed_not_passed_over(data_copy, tmp_path):
    from store.build import build
    from tests.conftest import BUILD_DAY

    (data_copy / "sources" / "noter.odt").write_bytes(_zip({"content.xml": b"<x/>"}))
    (data_copy / "sources" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (data_copy / "sources" / "~$overblik.docx").write_bytes(b"lock")
    report = build(data_copy, tmp_path / "db.db", today=BUILD_DAY)
    assert [s["file"] for s in report.skipped] == ["sources/noter.odt"]
    assert "neither a Word document" in report.skipped[0]["reason"]


def test_container_is_decided_from_the_bytes(documents, tmp_path):
    assert container(Path("x.txt"), documents["overview.pdf"].read_bytes()) == "pdf"
    assert container(Path("x.xlsx"), documents["003.docx"].read_bytes()) == "docx"
    import openpyxl

    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    assert container(Path("x.docx"), buffer.getvalue()) == "xlsx"
    assert container(Path("x.pdf"), b"Tid\tIndsats\n") == "text"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _empty_docx() -> bytes:
    buffer = io.BytesIO()
    Writer().doc.save(buffer)
    return buffer.getvalue()
