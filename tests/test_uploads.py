"""Uploads are hostile: safe names, the kind decided from the bytes, and zip bombs refused before they unpack."""

from __future__ import annotations

import hashlib
import io
import resource
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from loaders.detect import parse_file
from loaders.documents import docx_text
from loaders.errors import UnreadableFile
from loaders.indicators import parse_indicator_table
from loaders.uploads import MAX_NAME, RefusedFile, Upload, check_archive, check_upload, safe_name

MB = 1024 * 1024
LIMIT = 200 * MB

# --- safe_name --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("Referat SSU 3. oktober 2025.pdf", "Referat SSU 3. oktober 2025.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\system.ini", "system.ini"),
    ("C:\\x\\y.csv", "y.csv"),
    ("C:y.csv", "y.csv"),
    ("/home/analyst/Udtræk (2).xlsx", "Udtræk (2).xlsx"),
    ("~$lock.xlsx", "__lock.xlsx"),
    (".hidden", "hidden"),
    ("..", "fil"),
    (".", "fil"),
    ("", "fil"),
    ("   ", "fil"),
    ("~$", "__"),
    ("a/", "fil"),
    ("rapport\x00.pdf", "rapport_.pdf"),
    ("linje\nto\tfaner.csv", "linje to faner.csv"),
    ("fak\u202etxt.exe", "fak_txt.exe"),  # a right-to-left override would show "fakexe.txt"
    ("Sundhedsaftale  2024 -  27 .docx", "Sundhedsaftale 2024 - 27.docx"),
    ("a\u0308b.csv", "äb.csv"),  # NFC: a + combining diaeresis is one letter
    ("Ærø Øst; Å*b?c|d<e>f\"g.csv", "Ærø Øst_ Å_b_c_d_e_f_g.csv"),
    ("北京 данные.csv", "北京 данные.csv"),
    ("CON.csv", "_CON.csv"),
    ("slut. . .", "slut"),
    ("...xlsx", "xlsx"),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_a_long_name_keeps_its_extension_within_120_characters():
    name = "Indikatorudtræk " + "x" * 300 + ".xlsx"
    safe = safe_name(name)
    assert len(safe) == MAX_NAME == 120
    assert safe.startswith("Indikatorudtræk xxx") and safe.endswith("x.xlsx")


def test_a_long_name_of_wide_characters_fits_a_file_system():
    # 120 characters of three bytes each would be 360 bytes; a file system allows 255.
    assert safe_name("数据" * 200 + ".csv") == "数据" * 39 + ".csv"


@hsettings(max_examples=400, deadline=None)
@given(st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("./\\~$: \x00\t\u202e\u0308aæZ.x")), max_size=40),
    st.text(min_size=100, max_size=400),
))
def test_safe_name_is_always_safe_and_idempotent(name):
    safe = safe_name(name)
    assert safe and safe not in (".", "..")
    assert not {"/", "\\", "\x00", "\u202e"} & set(safe)
    assert not safe.startswith((".", "~$", " "))
    assert len(safe) <= 120 and len(safe.encode("utf-8")) <= 240
    assert all(c.isprintable() for c in safe)
    assert safe_name(safe) == safe


# --- the kind, from the bytes -----------------------------------------------------------------------


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Punkt 1: Godkendelse af dagsorden")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Kommune", "Periode", "Værdi"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 8
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("tabel.csv", PDF, "pdf"),
    ("  leading whitespace.txt", b"\n  " + PDF, "pdf"),
    ("referat.xlsx", _docx(), "docx"),
    ("udtræk.docx", _xlsx(), "xlsx"),
    ("udtræk.pdf", "Kommune;Periode;Værdi\nAarhus;2021K1;16,9\n".encode(), "text"),
    ("bom.csv", b"\xef\xbb\xbf" + "Kommune;Værdi\n".encode(), "text"),
    ("excel.csv", "Kommune;Værdi\nRingkøbing-Skjern;17.350\n".encode("cp1252"), "text"),
    ("unicode.txt", "Kommune\tVærdi\nÆrø\t1\n".encode("utf-16"), "text"),
    ("unicode-be.txt", b"\xfe\xff" + "Kommune\tVærdi\n".encode("utf-16-be"), "text"),
])
def test_the_kind_is_decided_from_the_content_not_the_name(name, data, kind):
    upload = check_upload(name, data, LIMIT)
    assert upload == Upload(name.strip(), data, kind, hashlib.sha256(data).hexdigest())
    assert "data=" not in repr(upload)  # 200 MB are never printed


@pytest.mark.parametrize(("name", "data", "english", "danish"), [
    ("x.xlsx", EXE, "a Windows program (.exe/.dll), not a document",
     "Filen x.xlsx er ikke et dokument eller et udtræk, dashboardet kan læse (PDF, Word .docx, tekst/CSV eller "
     "Excel .xlsx)."),
    ("billede.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 50, "a PNG image", "er ikke et dokument"),
    ("prog.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "a Linux program (ELF)", "er ikke et dokument"),
    ("data.csv", b"\x1f\x8b\x08\x00" + bytes(range(256)), "a gzip archive", "er ikke et dokument"),
    ("gammel.docx", OLE, "old Word or Excel 97-2003 file (.doc/.xls): save it as .docx or .xlsx",
     "Filen gammel.docx er i det gamle Word- eller Excel-format (.doc/.xls): gem den som .docx eller .xlsx "
     "(eller PDF), og indlæs den igen."),
    ("arkiv.xlsx", _zip({"a.txt": b"hej", "b/c.xml": b"<x/>"}), "neither a Word document (.docx) nor an Excel",
     "Filen arkiv.xlsx er et ZIP-arkiv, men hverken et Word-dokument (.docx) eller en Excel-projektmappe (.xlsx)."),
    ("tom.csv", b"", "the file is empty", "Filen tom.csv er tom."),
    ("blank.csv", b" \r\n\t\n", "the file is empty", "Filen blank.csv er tom."),
    # Text for its first 64 KB (which is all read_text samples), a binary after it.
    ("lang.csv", b"Kommune;V\n" * 10_000 + b"\x00\x01\x02" * 100, "a binary file (it holds NUL bytes)",
     "er ikke et dokument eller et udtræk"),
    ("styring.csv", b"Kommune;V\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50, "full of control characters",
     "er ikke et dokument"),
    ("falsk.txt", b"\xff\xfe" + b"\x00\xd8" * 20, "not UTF-16 text", "er ikke et dokument"),
    ("../../etc/cron.d/x\u202e.csv", b"", "the file is empty", "Filen x_.csv er tom."),
])
def test_what_is_not_a_source_is_refused_with_a_danish_message(name, data, english, danish):
    with pytest.raises(RefusedFile) as caught:
        check_upload(name, data, LIMIT)
    assert isinstance(caught.value, UnreadableFile)
    assert english in caught.value.problem and english in str(caught.value)
    assert danish in caught.value.message
    assert "/" not in caught.value.path and "\u202e" not in caught.value.message


@pytest.mark.parametrize(("size", "limit", "english", "danish"), [
    (int(2.5 * MB), 2 * MB, "the file is 2.5 MB, more than the limit of 2 MB",
     "Filen stor.csv fylder 2,5 MB, mere end grænsen på 2 MB."),
    (2 * MB + 5 * 1024, 2 * MB, "the file is 2.005 MB", "Filen stor.csv fylder 2,005 MB"),
    (int(1.5 * MB), MB // 2, "more than the limit of 0.5 MB", "fylder 1,5 MB, mere end grænsen på 0,5 MB."),
])
def test_a_file_over_the_size_limit_is_refused(size, limit, english, danish):
    data = bytearray(b"a;b\n") * (size // 4) + b"x" * (size % 4)
    with pytest.raises(RefusedFile) as caught:
        check_upload("C:\\Udtræk\\stor.csv", bytes(data), limit)
    assert english in caught.value.problem
    assert danish in caught.value.message


def test_a_file_at_the_limit_is_accepted():
    data = b"a;b\n" * (MB // 4)
    assert check_upload("ok.csv", data, MB).format == "text"
    with pytest.raises(RefusedFile):
        check_upload("ok.csv", data + b"\n", MB)


# --- zip bombs --------------------------------------------------------------------------------------

_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
               b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_ROW = b'<row><c t="inlineStr"><is><t>Aarhus</t></is></c><c><v>16.9</v></c></row>'
_DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.'
             b'openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_DOC_PARAGRAPH = b"<w:p><w:r><w:t>Punkt 1: Godkendelse af dagsorden</w:t></w:r></w:p>"


def _bomb(path: Path, template: bytes, member: str, head: bytes, unit: bytes, tail: bytes, megabytes: int,
          declared: int | None = None) -> Path:
    """A real workbook or document whose ``member`` is replaced by ``megabytes`` MB of repeated XML,
    written a chunk at a time (the test never holds it); ``declared`` patches the size the central
    directory gives for it (a member that lies about its size)."""
    chunk = unit * (MB // len(unit))
    with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != member:
                out.writestr(info.filename, source.read(info.filename))
        with out.open(member, "w") as stream:
            stream.write(head)
            for _ in range(megabytes):
                stream.write(chunk)
            stream.write(tail)
    if declared is not None:
        data = bytearray(path.read_bytes())
        entry = data.index(b"PK\x01\x02")
        while data[entry + 46:entry + 46 + len(member)] != member.encode():
            entry = data.index(b"PK\x01\x02", entry + 4)
        struct.pack_into("<I", data, entry + 24, declared)
        path.write_bytes(bytes(data))
    return path


@pytest.fixture(scope="module")
def xlsx_bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "indikatorer.xlsx"
    return _bomb(path, _xlsx(), "xl/worksheets/sheet1.xml", _SHEET_HEAD, _SHEET_ROW,
                 b"</sheetData></worksheet>", 300)


@pytest.fixture(scope="module")
def docx_bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "referat.docx"
    return _bomb(path, _docx(), "word/document.xml", _DOC_HEAD, _DOC_PARAGRAPH, b"</w:body></w:document>", 100)


def _measured(call: Callable[[], Any]) -> tuple[BaseException, float, int, int]:
    """What ``call`` raised, the CPU seconds it took (its own work, whatever else the machine runs), its peak of
    Python memory and the growth of the process's peak resident size (bytes)."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.start()
    start = time.process_time()
    try:
        call()
    except Exception as exc:  # returned for the test to look at
        raised: BaseException = exc
    else:
        raise AssertionError("not refused")
    finally:
        seconds = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return raised, seconds, peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - rss_before


@pytest.mark.parametrize("entry", ["check_upload", "parse_file", "parse_indicator_table"])
def test_an_xlsx_zip_bomb_is_refused_quickly_without_unpacking(xlsx_bomb, ref, entry):
    data = xlsx_bomb.read_bytes()
    assert len(data) < 2 * MB  # 300 MB of rows packed into a small file
    calls = {
        "check_upload": lambda: check_upload(xlsx_bomb.name, data, LIMIT),
        "parse_file": lambda: parse_file(xlsx_bomb, ref),
        "parse_indicator_table": lambda: parse_indicator_table(xlsx_bomb, data, ref),
    }
    raised, seconds, peak, rss = _measured(calls[entry])
    assert isinstance(raised, RefusedFile)
    assert seconds < 2
    assert peak < 50 * MB and rss < 50 * MB
    assert "member 'xl/worksheets/sheet1.xml' unpacks to 300.0 MB from" in raised.problem
    assert "SUNDHED_ARCHIVE_MAX_RATIO" in raised.problem and "zip bomb" in str(raised)
    assert raised.message.startswith("Filen indikatorer.xlsx er afvist: en del af den pakker ud til 300,0 MB fra kun ")
    assert "zip-bombe" in raised.message


@pytest.mark.parametrize("entry", ["check_upload", "parse_file", "docx_text"])
def test_a_docx_zip_bomb_is_refused_quickly_without_unpacking(docx_bomb, ref, entry):
    data = docx_bomb.read_bytes()
    calls = {
        "check_upload": lambda: check_upload(docx_bomb.name, data, LIMIT),
        "parse_file": lambda: parse_file(docx_bomb, ref),
        "docx_text": lambda: docx_text(docx_bomb, data),
    }
    raised, seconds, peak, rss = _measured(calls[entry])
    assert isinstance(raised, RefusedFile)
    assert seconds < 2 and peak < 50 * MB and rss < 50 * MB
    assert "member 'word/document.xml' unpacks to 100.0 MB" in raised.problem


def test_a_member_that_lies_about_its_size_is_never_read_past_it(tmp_path, ref):
    # The directory says 1 KB; the stream holds 50 MB. zipfile stops at the declared size and fails the
    # CRC check, so the declared sizes check_archive limits are all a reader can get.
    path = _bomb(tmp_path / "lille.xlsx", _xlsx(), "xl/worksheets/sheet1.xml", _SHEET_HEAD, _SHEET_ROW,
                 b"</sheetData></worksheet>", 50, declared=1024)
    data = path.read_bytes()
    check_archive(path.name, data)  # nothing to refuse in what the directory declares
    raised, seconds, peak, _ = _measured(lambda: parse_indicator_table(path, data, ref))
    assert isinstance(raised, UnreadableFile) and not isinstance(raised, RefusedFile)
    assert "not a readable XLSX workbook" in raised.problem or "cannot be read" in raised.problem
    assert seconds < 2 and peak < 50 * MB


def _many_members(count: int, declare: int | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        for i in range(count - 2):
            archive.writestr(f"xl/m/{i}.xml", b"")
    data = bytearray(buffer.getvalue())
    if declare is not None:  # the end record may lie about the count; the directory itself is counted too
        end = data.rindex(b"PK\x05\x06")
        struct.pack_into("<HH", data, end + 8, declare, declare)
    return bytes(data)


@pytest.mark.parametrize("declare", [None, 3])
def test_an_archive_with_too_many_members_is_refused(tmp_path, ref, declare):
    data = _many_members(5001, declare)
    with pytest.raises(RefusedFile) as caught:
        check_upload("mange.xlsx", data, LIMIT)
    assert caught.value.problem == ("the archive holds 5,001 members, more than the limit of 5,000 "
                                    "(SUNDHED_ARCHIVE_MAX_MEMBERS); refused (a zip bomb?)")
    assert caught.value.message == ("Filen mange.xlsx er afvist: den består af 5.001 dele, og grænsen er 5.000 "
                                    "(den kan være en såkaldt zip-bombe).")
    path = tmp_path / "mange.xlsx"
    path.write_bytes(data)
    with pytest.raises(RefusedFile, match="5,001 members"):
        parse_file(path, ref)
    assert check_upload("nok.xlsx", _many_members(5000), LIMIT).format == "xlsx"


def test_a_directory_far_larger_than_its_members_need_is_refused_before_it_is_parsed():
    data = bytearray(_many_members(20))
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 12, 5000 * 1024 + 1)
    with pytest.raises(RefusedFile, match="the archive's directory is 4.9 MB"):
        check_archive("x.xlsx", bytes(data))


def test_the_limits_are_settings(monkeypatch):
    data = _many_members(30)
    check_archive("x.xlsx", data)
    monkeypatch.setenv("SUNDHED_ARCHIVE_MAX_MEMBERS", "20")
    with pytest.raises(RefusedFile, match="more than the limit of 20 "):
        check_archive("x.xlsx", data)
    monkeypatch.delenv("SUNDHED_ARCHIVE_MAX_MEMBERS")
    # 2 MB of varied rows: a plain workbook, compressed far less than 200 to 1
    import openpyxl

    book = openpyxl.Workbook()
    for i in range(15_000):
        book.active.append([f"Kommune {i}", i * 7919 % 10007, i / 7])
    buffer = io.BytesIO()
    book.save(buffer)
    check_archive("stor.xlsx", buffer.getvalue())
    monkeypatch.setenv("SUNDHED_ARCHIVE_MAX_MB", "1")
    with pytest.raises(RefusedFile) as caught:
        check_archive("data/sources/stor.xlsx", buffer.getvalue())
    assert "more than the limit of 1 MB (SUNDHED_ARCHIVE_MAX_MB); refused (a zip bomb?)" in caught.value.problem
    assert caught.value.message.startswith("Filen stor.xlsx er afvist: den pakker ud til ")
    assert caught.value.message.endswith(", og grænsen er 1 MB (den kan være en såkaldt zip-bombe).")


def test_well_compressed_xml_of_a_few_mb_is_read_but_not_of_more():
    # A million empty Word paragraphs are 5.7 MB of XML compressed 631 to 1: a real (if odd) document.
    check_archive("x.docx", _zip({"word/document.xml": b"<w:p/>" * (9 * MB // 6)}))
    with pytest.raises(RefusedFile, match=r"member 'word/document.xml' unpacks to 11.0 MB from .* KB, compressed"):
        check_archive("x.docx", _zip({"word/document.xml": b"<w:p/>" * (11 * MB // 6)}))


def test_many_well_compressed_members_are_refused_together():
    # Each member under the floor, together 45 MB from a few KB.
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    members |= {f"xl/worksheets/sheet{i}.xml": b"<row/>" * (3 * MB // 6) for i in range(15)}
    with pytest.raises(RefusedFile) as caught:
        check_upload("mange.xlsx", _zip(members), LIMIT)
    assert caught.value.problem.startswith("the archive unpacks to 45.0 MB from ")
    assert "more than the limit of 200 to 1 (SUNDHED_ARCHIVE_MAX_RATIO); refused (a zip bomb?)" in caught.value.problem
    assert caught.value.message.startswith("Filen mange.xlsx er afvist: den pakker ud til 45,0 MB fra kun ")


def test_overlapping_members_are_refused():
    # Two directory entries for one compressed stream: how an overlapping zip bomb multiplies one member.
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>" * 100}))
    first = data.index(b"PK\x01\x02")
    second = data.index(b"PK\x01\x02", first + 4)
    struct.pack_into("<I", data, second + 42, struct.unpack_from("<I", data, first + 42)[0])
    with pytest.raises(RefusedFile, match="overlap in the archive"):
        check_archive("x.xlsx", bytes(data))
    check_archive("x.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>" * 100}))


def test_a_damaged_zip_is_unreadable_not_refused():
    data = _xlsx()[:-200]
    with pytest.raises(UnreadableFile, match="a damaged or truncated ZIP file") as caught:
        check_upload("halv.xlsx", data, LIMIT)
    assert caught.value.message == "Filen halv.xlsx kunne ikke læses."


def test_a_refusal_survives_pickling():
    import pickle

    with pytest.raises(RefusedFile) as caught:
        check_upload("tom.csv", b"", LIMIT)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.path, copy.problem, copy.message) == ("tom.csv", "the file is empty", "Filen tom.csv er tom.")
