"""Hostile files: a PDF whose few KB of compressed content unpack to megabytes of drawing operators, a
Word file without section properties, a path that is no regular file (a FIFO, a device, a folder, a
symlink loop), and 300 KB lines of each reader's own tokens. Each is refused or read in bounded CPU time
(``time.process_time``: this process's own work, not a busy machine's) and memory (``tracemalloc``), and
the line readers scale linearly (a 300 KB line costs at most some 15 times a 30 KB one)."""

from __future__ import annotations

import gc
import io
import os
import re
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from domain import periods
from loaders.documents import document_text
from loaders.errors import UnreadableFile
from loaders.initiatives import parse_initiatives
from loaders.reference import Reference
from loaders.status_report import looks_like_status_report, parse_status_report
from loaders.text import open_bytes, paragraphs, read_bytes, read_text
from tests.conftest import seed

MB = 1024 * 1024


# --- measuring ---------------------------------------------------------------------------------------

def _cpu(call: Callable[[], Any]) -> tuple[float, Any]:
    """The CPU seconds ``call`` takes and what it returned (or raised)."""
    started = time.process_time()
    try:
        result: Any = call()
    except Exception as exc:  # a refusal is a result too
        result = exc
    return time.process_time() - started, result


def _peak(call: Callable[[], Any]) -> tuple[int, Any]:
    """The most memory (bytes, Python's allocations) ``call`` holds at once, and what it returned (or raised)."""
    tracemalloc.start()
    try:
        try:
            result: Any = call()
        except Exception as exc:
            result = exc
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def _linear(call: Callable[[str], Any], small: str, large: str, limit: float = 2.0) -> None:
    """``call`` on ``large`` (ten times ``small``) costs at most some 15 times what it costs on ``small``, and
    less than ``limit`` CPU seconds: linear, not quadratic (which would be a hundred times)."""
    call(small)  # warm up: imports, compiled patterns, caches
    # The collector's passes walk the whole worker's heap (what earlier tests left): not the call's cost.
    gc.collect()
    gc.disable()
    try:
        cost_small = min(_cpu(lambda: call(small))[0] for _ in range(3))
        cost_large = _cpu(lambda: call(large))[0]
    finally:
        gc.enable()
    assert cost_large < limit, (cost_small, cost_large)
    assert cost_large <= 15 * cost_small + 0.05, (cost_small, cost_large)


# --- PDF bytes, written by hand ----------------------------------------------------------------------

def pdf(pages: list[bytes], forms: dict[str, bytes] | None = None) -> bytes:
    """A PDF of one page per content stream (FlateDecode), Helvetica as /F1, ``forms`` as Form XObjects."""
    forms = forms or {}
    objects: list[bytes] = []
    first_page = 3
    font = first_page + 2 * len(pages)
    form_ids = {name: font + 1 + i for i, name in enumerate(forms)}
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(len(pages)))
    xobjects = " ".join(f"/{name} {number} 0 R" for name, number in form_ids.items())
    resources = f"<< /Font << /F1 {font} 0 R >> /XObject << {xobjects} >> >>"
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, content in enumerate(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {first_page + 2 * i + 1} "
                       f"0 R /Resources {resources} >>".encode())
        objects.append(_stream(b"", content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for content in forms.values():
        objects.append(_stream(f"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources {resources}".encode(),
                               content))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(attrs: bytes, content: bytes) -> bytes:
    packed = zlib_compress(content)
    return b"<< %s /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (attrs, len(packed), packed)


def zlib_compress(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data, 9)


def _text(y: int, text: str) -> bytes:
    return f"BT /F1 11 Tf 72 {y} Td ({text}) Tj ET\n".encode("latin-1")


BOMB_OP = b"BT /F1 12 Tf 72 712 Td (x) Tj ET\n"


def test_a_pdf_whose_content_unpacks_to_megabytes_is_refused_at_once() -> None:
    data = pdf([_text(720, "Referat af mødet") + BOMB_OP * 160_000])
    assert len(data) < 20_000 and len(BOMB_OP) * 160_000 > 5 * MB
    seconds, refused = _cpu(lambda: document_text(Path("/srv/kilder/bombe.pdf"), data))
    peak, _ = _peak(lambda: document_text(Path("/srv/kilder/bombe.pdf"), data))
    assert isinstance(refused, UnreadableFile), refused
    assert seconds < 1.0 and peak < 20 * MB, (seconds, peak / MB)  # before: minutes, and memory without bound
    assert refused.path == "/srv/kilder/bombe.pdf"
    assert refused.problem == "the file unpacks to more than 1 MB"
    assert refused.message == ("Filen bombe.pdf er afvist: dens sideindhold pakker ud til mere end 1 MB, og grænsen "
                               f"for en PDF-fil på {round(len(data) / 1024)} KB er 1 MB (den kan være en såkaldt "
                               "dekomprimeringsbombe).")


def test_a_form_drawn_over_and_over_is_counted_each_time_it_is_drawn() -> None:
    form = _text(720, "Logo") + b" " * 200_000  # 200 KB, drawn 20,000 times: 4 GB of content from a 1 KB file
    data = pdf([b"/X0 Do\n" * 20_000], forms={"X0": form})
    assert len(data) < 2000
    seconds, refused = _cpu(lambda: document_text(Path("form.pdf"), data))
    assert isinstance(refused, UnreadableFile), refused
    assert seconds < 2.0, seconds
    assert refused.problem == "the file unpacks to more than 1 MB"
    assert refused.message.startswith("Filen form.pdf er afvist: ")


def test_a_page_of_too_many_characters_is_refused() -> None:
    line = b"BT /F1 1 Tf 10 10 Td [(" + b"x" * 40_000 + b")] TJ ET\n"  # 40 KB: well inside the unpacked budget
    data = pdf([line])
    seconds, refused = _cpu(lambda: document_text(Path("tegn.pdf"), data))
    assert isinstance(refused, UnreadableFile), refused
    assert seconds < 6.0, seconds
    assert refused.problem == "page 1 of the PDF draws more than 20,000 characters, the limit for one page"
    assert refused.message == ("Filen tegn.pdf er afvist: side 1 tegner mere end 20.000 tegn, og grænsen er 20.000 "
                               "tegn på en side.")


def test_a_pdf_of_too_many_pages_is_refused_before_a_page_is_read() -> None:
    data = pdf([b""] * 2001)
    seconds, refused = _cpu(lambda: document_text(Path("sider.pdf"), data))
    assert isinstance(refused, UnreadableFile), refused
    assert seconds < 6.0, seconds  # pdfminer parses the 2,001 page objects (560 KB) at some 200 KB a second
    assert refused.problem == "the PDF has more than 2,000 pages, the limit for one file"
    assert refused.message == "Filen sider.pdf er afvist: den har mere end 2.000 sider, og grænsen er 2.000 sider."


def test_a_hand_written_pdf_of_a_few_pages_still_reads() -> None:
    pages = [_text(720, f"Punkt {n}: Emne nummer {n}") + _text(700, "Beslutning: Godkendt.") for n in range(1, 6)]
    text = document_text(Path("kort.pdf"), pdf(pages))
    assert "Punkt 3: Emne nummer 3" in text and text.count("Beslutning: Godkendt.") == 5


# --- Word without section properties ----------------------------------------------------------------

def _without_sections(document: Any) -> bytes:
    saved = io.BytesIO()
    document.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = re.sub(rb"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\b[^>]*/>", b"", data, flags=re.S)
                assert b"sectPr" not in data
            z.writestr(info, data)
    return out.getvalue()


def test_a_word_document_without_section_properties_reads_its_paragraphs_and_tables() -> None:
    document = docx.Document()
    document.add_paragraph("Punkt 1: Godkendelse af dagsorden")
    document.add_paragraph("Beslutning: Godkendt.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Tid", (0, 1): "Indsats", (1, 0): "Primo 2025", (1, 1): "Forløb"}.items():
        table.cell(row, col).text = text
    text = document_text(Path("uden-sektion.docx"), _without_sections(document))
    assert text.splitlines() == ["Punkt 1: Godkendelse af dagsorden", "Beslutning: Godkendt.", "",
                                 "Tid\tIndsats", "Primo 2025\tForløb"]


# --- paths that are no regular file ------------------------------------------------------------------

def _refused(path: Path) -> UnreadableFile:
    seconds, refused = _cpu(lambda: read_bytes(path))
    assert isinstance(refused, UnreadableFile), refused
    assert seconds < 0.5, seconds
    return refused


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "referat.txt"
    os.mkfifo(fifo)
    refused = _refused(fifo)  # before: open() waited for a writer for ever
    assert refused.problem == "not a regular file but a named pipe (FIFO); only regular files are read"
    assert refused.message == ("Filen referat.txt er ikke en almindelig fil, men en navngivet pipe (FIFO), og kan "
                               "ikke læses.")
    with pytest.raises(UnreadableFile, match="named pipe"):
        open_bytes(fifo)


def test_a_device_is_refused_without_reading_it() -> None:
    refused = _refused(Path("/dev/zero"))  # before: read until memory ran out
    assert refused.problem == "not a regular file but a character device; only regular files are read"
    assert "er ikke en almindelig fil" in refused.message


def test_a_folder_and_a_symlink_loop_are_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path).problem == "is a folder, not a file"
    assert _refused(tmp_path).message == f"Filen {tmp_path.name} er ikke en almindelig fil, men en mappe, og kan ikke læses."
    loop = tmp_path / "løkke.csv"
    loop.symlink_to(loop)
    refused = _refused(loop)
    assert refused.problem == "not a regular file but a symbolic link that leads back to itself; only regular files are read"
    assert refused.message == ("Filen løkke.csv er ikke en almindelig fil, men en genvej, der peger på sig selv, og kan "
                               "ikke læses.")
    assert _refused(tmp_path / "findes-ikke.csv").problem == "no such file"


def test_a_symlink_to_a_regular_file_reads(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Punkt 1: x\n", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert read_text(tmp_path / "b.txt") == "Punkt 1: x\n"


def test_no_more_than_the_upload_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_MAX_UPLOAD_MB", "1")
    big = tmp_path / "stor.csv"
    big.write_bytes(b"a;b\n" * (MB // 2))  # 2 MB
    peak, refused = _peak(lambda: read_bytes(big))
    assert isinstance(refused, UnreadableFile)
    assert peak < 1.5 * MB, peak / MB
    assert refused.problem == "the file is 2.0 MB, more than the limit of 1 MB"
    assert refused.message == "Filen stor.csv fylder 2,0 MB, mere end grænsen på 1 MB."
    small = tmp_path / "lille.csv"
    small.write_bytes(b"a;b\n" * 1000)
    assert read_bytes(small) == b"a;b\n" * 1000


# --- 300 KB lines of each reader's own tokens --------------------------------------------------------

SMALL, LARGE = 30_000, 300_000


def _line(run: str, size: int) -> str:
    return (run * (size // len(run) + 1))[:size]


DATE_RUNS = ["1/1-25 ", "1/1 2025 ", "2025-01-01 ", "01-01-2025 ", "1. januar 2025 ", "1. jan. 25, ", "1/1-", "1/",
             "1. ", "31/12/2024", "1/1/1/1/", "2025-", "1-1-", " 1. januar"]
PHRASE_RUNS = ["2. kvartal 2025 ", "primo ", "1. halvår ", "2025-", "2025 / ", " til ", "1.", "q1 ", "ultimo 2024/",
               "i foråret ", "1. eller 2. kvt. "]


@pytest.mark.parametrize("run", DATE_RUNS)
def test_dates_in_text_is_linear(run: str) -> None:
    # before: "1/1-25 " * 40,000 took more than 90 s (each date compared with every one found before it)
    _linear(periods.dates_in_text, _line(run, SMALL), _line(run, LARGE))


@pytest.mark.parametrize("run", PHRASE_RUNS + DATE_RUNS[:3])
def test_time_phrases_are_linear(run: str) -> None:
    for helper in (periods.window_for_phrase, periods.is_incomplete_phrase, periods.parse_date):
        _linear(helper, _line(run, SMALL), _line(run, LARGE))


OVERVIEW = "1. Indsatser i SSU\nTid\tIndsats\tStatus\tHandling\n"
INITIATIVE_ROWS = {
    "one long row": lambda size: OVERVIEW + f"Primo 2025\t{_line('Forløb 1/1-25 ', size)}\tIgang\t{_line('1/2-25 ', size)}\n",
    "a long time cell": lambda size: OVERVIEW + f"{_line('2. kvartal ', size)}\tForløb\tIgang\tx\n",
    "continued rows": lambda size: OVERVIEW + "Primo 2025\tForløb\tIgang\tx\n" + _line("\tfortsat 1/1-25\tx\ty\n", size),
    "continued times": lambda size: OVERVIEW + "Primo 2025\tForløb\tIgang\tx\n" + _line("\nx\tfortsat\ty\tz\n", size),
    "spaced cells": lambda size: OVERVIEW + _line("Primo 2025  Forløb  Igang  x\n", size),
    "headers": lambda size: _line(OVERVIEW, size),
}


@pytest.mark.parametrize("name", INITIATIVE_ROWS)
def test_the_initiative_overview_reads_hostile_rows_in_linear_time(name: str) -> None:
    make = INITIATIVE_ROWS[name]
    _linear(parse_initiatives, make(SMALL), make(LARGE))


def _status_report(line: str) -> str:
    """The seed status report with the line where each of its rules looks: a contents line, a status line, an
    indicator row without a value, a vaccination sentence, a body line."""
    report = seed("002").read_text(encoding="utf-8")
    table = "Indikator\t1. kvrt. 2021\tUdvikling\n Samarbejde mellem hospitalerne og kommunal pleje\t\t"
    return (report.replace("\nStatus pr. 2. kvartal 2021\n", f"\nStatus pr. 2. kvartal 2021{line}\n{line}\n", 1)
            + f"\n{line}\t{line}\n{table}{line}\nVaccination i sæsonen 2020-2021 {line}\n")


STATUS_RUNS = [" ", "\t", " \t", "\t ", "↑ ", "→", "12,5 % ", "1,", "1 ", "2021 ", "(2020) ", "\n", "\n ", "x\t1 ",
               "Status pr. ", "ud af 5 ", "sæsonen 2020-2021 ", "vaccin 50 % . "]


@pytest.mark.parametrize("run", STATUS_RUNS)
def test_the_status_report_reads_hostile_lines_in_linear_time(run: str, ref: Reference) -> None:
    # before: "Status pr. x" and a 300 KB run of blanks, or an indicator cell of them, took minutes. (The line
    # stands in the report four times: a run of newlines is 1.2 million lines, some 5 µs each.)
    _linear(lambda text: parse_status_report(text, ref), _status_report(_line(run, SMALL) + "x"),
            _status_report(_line(run, LARGE) + "x"), limit=10.0)
    _linear(looks_like_status_report, _line(run, SMALL), _line(run, LARGE))


@pytest.mark.parametrize("run", ["a\n", "a-\n", "Bør-\nne-\n", "ord og \n", "x.\n", " \n"])
def test_paragraphs_are_linear(run: str) -> None:
    _linear(lambda text: paragraphs(text.split("\n")), _line(run, SMALL), _line(run, LARGE))


def test_paragraphs_join_as_before() -> None:
    assert paragraphs(["Bør-", "ne-", "haven er", "åben.", "Ny", "sætning", "", "i dag"]) == \
        "Børnehaven er åben.\n\nNy sætning i dag"
