"""The Mødebrief from the command line (``python -m slides brief``): the deck opened with python-pptx and
rendered with LibreOffice, the Word brief opened with python-docx and rendered, and the next overview of
initiatives written as Word and read back by the initiative loader to the same rows."""

from __future__ import annotations

import io
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from pptx import Presentation

from domain.filters import Filters
from loaders.detect import parse_file
from loaders.reference import load_reference
from slides.brief import cell
from slides.word import overview_docx, updated_status
from tests.conftest import BUILD_DAY, DATA, ROOT
from views.initiatives import Decision, board

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "slides", "brief", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def written(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("brief")
    done = _cli("--forum", "Sundhedsstyregruppen", "--meeting", "2025-09-12", "--out", str(out / "brief.pptx"),
                "--docx", str(out / "brief.docx"), "--overview", str(out / "overblik.docx"), "--db", str(seed_db))
    assert done.returncode == 0, done.stderr
    assert re.search(r"wrote .*brief\.pptx \(\d+ slides\).*initiatives due, \d+ changes", done.stderr)
    return out


def _render(source: Path, folder: Path) -> str:
    assert shutil.which("soffice") and shutil.which("pdftotext"), "`make test` installs libreoffice and poppler"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=240)
    pdf = folder / (source.stem + ".pdf")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                           timeout=120).stdout
    for page in etree.fromstring(boxes.encode(), etree.XMLParser(recover=True)).iter("{*}page"):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.iter("{*}word"):
            x0, y0, x1, y1 = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (source.name, word.text)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True,
                          timeout=120).stdout


def test_the_deck_has_the_brief_in_danish_inside_the_slides(written: Path, tmp_path: Path) -> None:
    prs = Presentation(str(written / "brief.pptx"))
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert titles[0] == "Mødebrief: Sundhedsstyregruppen"
    assert titles[1].startswith("Siden sidste møde")
    assert any(t.startswith("Indsatser til mødet 12. sep. 2025") for t in titles)
    assert any(t.startswith("Nøgletal for Region Midtjylland") for t in titles)
    cells = []
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
            if shape.has_table:
                cells += [c.text for row in list(shape.table.rows)[1:] for c in row.cells]
        for props in etree.fromstring(slide.part.blob).iter(A + "rPr"):
            assert props.get("lang") == "da-DK"
    assert any("Godkendelse af det sundhedsfaglige grundlag for TeleHjerte" in c for c in cells)
    for text in cells:  # whole, or shortened where a word ends
        assert not text.endswith("…") or text.endswith(" …"), text
    page_text = re.sub(r"\s+", " ", _render(written / "brief.pptx", tmp_path))
    assert "Siden sidste møde" in page_text and "Møde 12. september 2025" in page_text
    assert "Eksempeldata" in page_text or "eksempeldata" in page_text  # the KPIs include demonstration series


def test_the_word_brief_opens_renders_and_is_danish(written: Path, tmp_path: Path) -> None:
    document = Document(str(written / "brief.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("Mødebrief: Sundhedsstyregruppen 12. september 2025")
    for heading in ("Indsatser til mødet", "Nøgletal, 2. kvt. 2025", "Siden sidste møde",
                    "Nye og ændrede beslutninger"):
        assert f"\n{heading}\n" in f"\n{text}\n", heading
    assert "Udrulning af fasttilknyttede læger på botilbud" in text
    assert document.tables and document.tables[0].rows[0].cells[0].text == "Indikator"
    langs = {e.get(W + "val") for e in document.styles.element.iter(W + "lang")}
    assert langs == {"da-DK"}
    rendered = _render(written / "brief.docx", tmp_path)
    assert "Mødebrief: Sundhedsstyregruppen" in re.sub(r"\s+", " ", rendered)


def test_the_next_overview_reads_back_to_the_same_initiatives(seed_db: Path, written: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(seed_db)
    answer = board(conn, Filters("1082", None, "2024-Q1", "2025-Q4"), BUILD_DAY)
    data = overview_docx(answer.everything, answer.decisions, "Overblik over indsatser")
    path = tmp_path / "overblik.docx"
    path.write_bytes(data)
    parsed = parse_file(path, load_reference(DATA / "reference"))
    assert parsed["kind"] == "initiatives" and not parsed.get("rejected")
    expected = [{"section": int(r["section"]), "forum": r["forum"], "time": r["time"], "start": r["start"],
                 "end": r["end"], "title": r["title"], "action": r["action"],
                 "status": updated_status(str(r["status"]), answer.decisions.get(str(r["key"]), ()))}
                for r in answer.everything.to_dict("records")]
    got = [{k: i[k] for k in expected[0]} for i in parsed["initiatives"]]
    assert got == expected
    # the decisions are written into the status: TeleHjerte's approval by SSG
    assert any("Godkendt: Sundhedsstyregruppen 12. sep. 2025, punkt 2." in e["status"] for e in expected)
    # the command line wrote the same document shape
    again = parse_file(written / "overblik.docx", load_reference(DATA / "reference"))
    assert [i["title"] for i in again["initiatives"]] == [e["title"] for e in expected]


@pytest.mark.parametrize(("status", "decisions", "expected"), [
    ("Under udarbejdelse.", [], "Under udarbejdelse."),
    ("Under udarbejdelse.", [Decision("SSG 12. sep. 2025, punkt 2: X", "Godkendt", "", "")],
     "Under udarbejdelse. Godkendt: SSG 12. sep. 2025, punkt 2."),
    # newest first in, oldest first out; one the text names is not repeated
    ("Udsat på SSG 1. jun. 2025, punkt 1.", [Decision("SSU 3. okt. 2025, punkt 4: X", "Godkendt", "", ""),
                                             Decision("SSG 1. jun. 2025, punkt 1: X", "Udsat", "", "")],
     "Udsat på SSG 1. jun. 2025, punkt 1. Godkendt: SSU 3. okt. 2025, punkt 4."),
])
def test_the_status_is_updated_with_the_decisions(status: str, decisions: list[Decision], expected: str) -> None:
    assert updated_status(status, decisions) == expected


@pytest.mark.parametrize(("text", "n", "expected"), [("kort tekst", 20, "kort tekst"),
                                                     ("en lang tekst om noget", 12, "en lang …"),
                                                     ("en lang, tekst", 9, "en lang …")])
def test_a_cell_is_cut_at_a_word(text: str, n: int, expected: str) -> None:
    assert cell(text, n) == expected


@pytest.mark.parametrize(("args", "message"), [
    (("--forum", "Byrådet", "--meeting", "2025-09-12"), "unknown forum 'Byrådet'; choose one of"),
    (("--forum", "SSG", "--meeting", "2025-09-13"), "SSG has no meeting on 2025-09-13 in the loaded minutes"),
    (("--forum", "SSG", "--meeting", "12-09-2025"), "--meeting must be a date YYYY-MM-DD"),
])
def test_an_unknown_forum_or_meeting_is_one_line_and_exit_2(seed_db: Path, tmp_path: Path, args: tuple[str, ...],
                                                            message: str) -> None:
    done = _cli(*args, "--out", str(tmp_path / "x.pptx"), "--db", str(seed_db))
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pptx").exists()


def test_the_brief_deck_reads_as_bytes(written: Path) -> None:
    prs = Presentation(io.BytesIO((written / "brief.pptx").read_bytes()))
    assert len(prs.slides) >= 5


def _slide_text(slide) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame) + "\n" + "\n".join(
        c.text for sh in slide.shapes if sh.has_table for row in sh.table.rows for c in row.cells)


def test_lines_about_generated_numbers_are_marked_on_slides_and_in_word(written: Path) -> None:
    """Siden sidste møde's indicator lines on the default data are Eksempeldata: the line says so, the slide
    that holds one carries the EKSEMPELDATA mark, and the Word brief says what the mark means."""
    prs = Presentation(io.BytesIO((written / "brief.pptx").read_bytes()))
    changes = [_slide_text(s) for s in prs.slides if "Siden sidste møde" in _slide_text(s).split("\n")[0]]
    assert changes
    with_demo = [t for t in changes if "(Eksempeldata)" in t]
    assert with_demo and all("EKSEMPELDATA – ikke rigtige tal" in t for t in with_demo)
    assert all("EKSEMPELDATA" not in t for t in changes if "(Eksempeldata)" not in t)
    # like with like: a new quarter against the same quarter a year earlier, never the one before
    lines = [line for t in changes for line in t.split("\n") if "mere end 5 %" in line]
    assert lines and all("samme periode året før" in line for line in lines), lines
    words = "\n".join(p.text for p in Document(str(written / "brief.docx")).paragraphs)
    assert "Eksempeldata: linjer markeret (Eksempeldata) bygger på genererede tal" in words
    assert re.search(r"^\S.*\(Eksempeldata\): ", words, re.M)
