"""Uploaded and imported files are hostile until checked: a safe name to store them under, their kind
decided from the bytes (never from the name), and limits that stop a ZIP bomb before it is unpacked.

``check_archive`` guards every XLSX and DOCX the loaders open (loaders.documents, loaders.indicators),
so the build and the command line are protected as well as the upload page. It reads only the ZIP's
central directory; reading a member can never yield more than the size the directory declares for it
(``zipfile`` stops there and then fails the CRC check), so the declared sizes are what must be limited.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import settings
from domain.formatting import number
from loaders.errors import UnreadableFile

__all__ = ["RefusedFile", "Upload", "check_archive", "check_upload", "safe_name"]

MAX_NAME = 120  # characters
_MAX_NAME_BYTES = 240  # UTF-8 bytes: a file system allows 255
_MAX_SUFFIX = 16
_FALLBACK = "fil"
_KEPT_PUNCTUATION = frozenset(" -_.()")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_MB = 1024 * 1024
# Below this, unpacked, a member (or a whole archive) may be compressed as well as it likes: well-compressed
# XML of a few MB (a million empty Word paragraphs is 5.7 MB at 631 to 1) costs little to read.
_RATIO_FROM = 10 * _MB
_CHUNK = _MB

_READABLE = "PDF, Word .docx, tekst/CSV eller Excel .xlsx"
# Recognised only to name what a refused binary is; whether it is refused is decided by its bytes.
_BINARIES = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"MZ", "a Windows program (.exe/.dll)"),
    (b"\x7fELF", "a Linux program (ELF)"), (b"\xcf\xfa\xed\xfe", "a macOS program"), (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!", "a RAR archive"), (b"PK\x05\x06", "an empty ZIP archive"),
)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_CONTROL_CHARS = _CONTROL.decode("ascii")


class RefusedFile(UnreadableFile):
    """A file refused before it is read (empty, too large, not a kind the dashboard reads, a ZIP bomb):
    an ``UnreadableFile`` whose ``message`` says in Danish which file and why."""

    def __init__(self, path: str, problem: str, message: str) -> None:
        super().__init__(path, problem)
        self.message = message
        self.args = (path, problem, message)


@dataclass(frozen=True)
class Upload:
    """A checked file: its safe name, its bytes, its kind (from the content) and their SHA-256."""

    name: str
    data: bytes = field(repr=False)
    format: str  # "pdf" | "docx" | "xlsx" | "text"
    sha256: str


# --- names ------------------------------------------------------------------------------------------

def safe_name(name: str) -> str:
    """A name to store a file under in a sources folder: the base name only (any ``/`` or ``\\`` path and
    drive letter dropped), NFC; whitespace collapsed to single spaces; characters other than letters,
    digits, space and ``-_.()`` replaced by ``_``; no leading dot (hidden files, ``.``, ``..``) and no
    ``~$`` (Office lock files); at most 120 characters (and 240 UTF-8 bytes), the extension kept;
    never empty. Idempotent."""
    # One pass can leave what a second pass changes (a cut that ends in a space before the extension):
    # repeat until nothing changes (each pass only removes or replaces, so this ends quickly).
    current = _safe_name_once(name)
    for _ in range(10):
        again = _safe_name_once(current)
        if again == current:
            break
        current = again
    return current


def _safe_name_once(name: str) -> str:
    text = unicodedata.normalize("NFC", name)
    text = re.split(r"[/\\]", text)[-1]
    text = re.sub(r"^[A-Za-z]:", "", text)
    text = "".join(" " if c.isspace() else c if _kept(c) else "_" for c in text)
    text = re.sub(r" {2,}", " ", text).lstrip(". ").rstrip(". ")
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem or len(suffix) > _MAX_SUFFIX:
        stem, suffix = text, ""
    else:
        suffix = "." + suffix
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    while stem and (len(stem) + len(suffix) > MAX_NAME or len((stem + suffix).encode("utf-8")) > _MAX_NAME_BYTES):
        stem = stem[:max(0, min(len(stem) - 1, MAX_NAME - len(suffix)))]
    stem = unicodedata.normalize("NFC", stem).rstrip(". ")
    if not stem:
        return (_FALLBACK + suffix) if suffix else _FALLBACK
    return stem + suffix


def _kept(char: str) -> bool:
    return char in _KEPT_PUNCTUATION or unicodedata.category(char)[0] in "LM" or unicodedata.category(char) == "Nd"


# --- uploads ----------------------------------------------------------------------------------------

def check_upload(name: str, data: bytes, max_bytes: int) -> Upload:
    """The upload as an ``Upload`` under its safe name; ``RefusedFile`` (or ``UnreadableFile`` for a
    damaged ZIP) when it is empty, larger than ``max_bytes``, a ZIP bomb, or not a PDF, Word .docx,
    Excel .xlsx or text/CSV file, whatever it is called."""
    from loaders.documents import container  # here: loaders.documents imports this module's check_archive

    safe = safe_name(name)
    if not data or data.isspace():
        raise RefusedFile(safe, "the file is empty", f"Filen {safe} er tom.")
    if len(data) > max_bytes:
        size, limit = len(data) / _MB, max_bytes / _MB
        # Enough decimals that the size shows above the limit (200,04 MB against 200 MB).
        decimals = next((d for d in (1, 2, 3) if round(size, d) > round(limit, d)), 3)
        whole = 0 if limit == int(limit) else 1
        raise RefusedFile(safe, f"the file is {_en(size, decimals)} MB, more than the limit of {_en(limit, whole)} MB",
                          f"Filen {safe} fylder {number(size, decimals)} MB, mere end grænsen på "
                          f"{number(limit, whole)} MB.")
    kind = container(Path(safe), data)
    if kind == "text":
        _check_text(safe, data)
    return Upload(safe, data, kind, hashlib.sha256(data).hexdigest())


def _check_text(name: str, data: bytes) -> None:
    """Text: UTF-16 with a BOM that decodes, or bytes without NUL and with few control characters
    (UTF-8 with or without BOM, cp1252, Latin-1). Checked through the whole file, a chunk at a time."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not _utf16_text(data):
            _refuse_binary(name, data, "not UTF-16 text, though it starts with a UTF-16 byte order mark")
        return
    if b"\x00" in data:
        _refuse_binary(name, data, "a binary file (it holds NUL bytes), not text")
    control = sum(len(data[start:start + _CHUNK].translate(None, _NOT_CONTROL))
                  for start in range(0, len(data), _CHUNK))
    if control > max(8, len(data) // 100):
        _refuse_binary(name, data, "a binary file (full of control characters), not text")


def _utf16_text(data: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-16")(errors="strict")
    control = 0
    for start in range(0, len(data), _CHUNK):
        try:
            text = decoder.decode(data[start:start + _CHUNK], final=start + _CHUNK >= len(data))
        except UnicodeDecodeError:
            return False
        control += sum(text.count(c) for c in _CONTROL_CHARS)
    return control <= max(8, len(data) // 200)


def _refuse_binary(name: str, data: bytes, problem: str) -> None:
    what = next((label for magic, label in _BINARIES if data.startswith(magic)), None)
    problem = f"{what}, not a document or an extract" if what else problem
    raise RefusedFile(name, f"{problem}; the dashboard reads PDF, Word .docx, text/CSV and Excel .xlsx",
                      f"Filen {name} er ikke et dokument eller et udtræk, dashboardet kan læse ({_READABLE}).")


# --- archives ---------------------------------------------------------------------------------------

def check_archive(name: str, data: bytes, *,
                  damaged: str = "a damaged or truncated ZIP file (Word/Excel?): {}") -> None:
    """Refuse a ZIP-based file (XLSX, DOCX) that would unpack to too much, before anything is unpacked:
    more members than ``archive_max_members``, more than ``archive_max_mb`` MB in all, a member (or the
    whole archive) of 10 MB or more unpacked compressed more than ``archive_max_ratio`` to 1, or members
    that overlap (one compressed stream counted as many members). Reads only the end record and the
    central directory. ``RefusedFile`` when refused; ``UnreadableFile`` with the problem ``damaged``
    (``{}`` the cause) when zipfile cannot open it."""
    max_members = int(settings.get("archive_max_members"))
    max_mb = float(settings.get("archive_max_mb"))
    max_ratio = float(settings.get("archive_max_ratio"))
    # Declared in the end record, checked before zipfile builds an object for every directory entry:
    # a directory of millions of entries would take more memory than the file they are in.
    declared = _directory(data)
    if declared is not None:
        entries, directory_bytes = declared
        if entries > max_members:
            _refuse_members(name, entries, max_members)
        if directory_bytes > max_members * 1024:
            _refuse(name, f"the archive's directory is {_en(directory_bytes / _MB, 1)} MB, more than "
                          f"{max_members:,} members need ({_env('archive_max_members')})",
                    "dens indholdsfortegnelse er langt større, end et dokument eller et udtræk har brug for")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableFile(name, damaged.format(exc)) from None
    if len(infos) > max_members:
        _refuse_members(name, len(infos), max_members)
    total = sum(i.file_size for i in infos) / _MB
    if total > max_mb:
        _refuse(name, f"the archive unpacks to {_en(total)} MB, more than the limit of {_en(max_mb)} MB "
                      f"({_env('archive_max_mb')})",
                f"den pakker ud til {number(total)} MB, og grænsen er {number(max_mb)} MB")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= _RATIO_FROM and ratio > max_ratio:
            size, packed = info.file_size / _MB, info.compress_size / 1024
            _refuse(name, f"member '{info.filename[:80]}' unpacks to {_en(size, 1)} MB from {_en(packed, 1)} KB, "
                          f"compressed {_en(ratio)} to 1, more than the limit of {_en(max_ratio)} to 1 "
                          f"({_env('archive_max_ratio')})",
                    f"en del af den pakker ud til {number(size, 1)} MB fra kun {number(packed, 1)} KB")
    packed_total = sum(i.compress_size for i in infos)
    ratio = total * _MB / max(packed_total, 1)
    if total * _MB >= _RATIO_FROM and ratio > max_ratio:  # many members, each under the floor
        _refuse(name, f"the archive unpacks to {_en(total, 1)} MB from {_en(packed_total / 1024, 1)} KB, compressed "
                      f"{_en(ratio)} to 1, more than the limit of {_en(max_ratio)} to 1 ({_env('archive_max_ratio')})",
                f"den pakker ud til {number(total, 1)} MB fra kun {number(packed_total / 1024, 1)} KB")
    placed = sorted(infos, key=lambda i: i.header_offset)
    for first, second in zip(placed, placed[1:]):
        # A member's local header (30 bytes at least) and compressed data come before the next member.
        if second.header_offset < first.header_offset + 30 + first.compress_size:
            _refuse(name, f"members '{first.filename[:80]}' and '{second.filename[:80]}' overlap in the archive "
                          "(one compressed stream read as several)", "dens dele overlapper hinanden i ZIP-arkivet")


def _directory(data: bytes) -> tuple[int, int] | None:
    """The number of entries and the bytes of the central directory, as the end record declares them
    (the ZIP64 end record where there is one); None without an end record (zipfile then says so)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or len(data) - at < 22:
        return None
    entries, size = struct.unpack_from("<HI", data, at + 10)
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        zip64 = at - 20 - 56
        if zip64 >= 0 and data[at - 20:at - 16] == b"PK\x06\x07" and data[zip64:zip64 + 4] == b"PK\x06\x06":
            entries, size = struct.unpack_from("<QQ", data, zip64 + 32)
    return entries, size


def _refuse_members(name: str, count: int, limit: int) -> None:
    _refuse(name, f"the archive holds {count:,} members, more than the limit of {limit:,} "
                  f"({_env('archive_max_members')})",
            f"den består af {number(count)} dele, og grænsen er {number(limit)}")


def _refuse(name: str, problem: str, why: str) -> None:
    raise RefusedFile(name, f"{problem}; refused (a zip bomb?)",
                      f"Filen {PurePath(name).name or name} er afvist: {why} (den kan være en såkaldt zip-bombe).")


def _env(setting: str) -> str:
    return settings.SETTINGS[setting].env


def _en(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"
