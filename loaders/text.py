"""Reading source files as text: encoding detection and refusal of binaries."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import settings
from domain.formatting import number
from loaders.errors import UnreadableFile
from loaders.uploads import RefusedFile

ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20  # bytes read at a time when a file is read line by line
_MB = 1024 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not a text file."""
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else line by line: UTF-8 where a line decodes, cp1252 (as Danish
    Excel writes it) where it does not. One stray cp1252 byte costs its own line's spelling at most,
    never the whole file's. The five bytes cp1252 leaves undefined become U+FFFD in their line
    (whose cells are then rejected where they matter), and UTF-16 with a BOM (Excel's "Unicode text")
    is read as such. Never raises."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _line_by_line(data)


def _line_by_line(data: bytes) -> str:
    lines: list[str] = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; UnreadableFile when it is no regular file (``open_bytes``), is empty, or is larger
    than the upload limit (setting ``max_upload_mb``: never more than the limit and a byte is read)."""
    limit = settings.max_upload_bytes()
    with open_bytes(path) as handle:
        try:
            # What the file holds, and a byte (not the limit: read(n) sets n bytes aside before reading).
            want = min(os.fstat(handle.fileno()).st_size, limit) + 1
            data = handle.read(want)
            if len(data) == want <= limit:  # more than it said it held (grown, or a /proc file): read on, up to the limit
                pieces, size = [data], len(data)
                while size <= limit and (piece := handle.read(min(_CHUNK, limit + 1 - size))):
                    pieces.append(piece)
                    size += len(piece)
                data = b"".join(pieces)
            if len(data) > limit:  # grown since it was opened
                _refuse_size(path, max(len(data), os.fstat(handle.fileno()).st_size), limit)
        except OSError as exc:
            raise UnreadableFile(str(path), f"cannot be opened ({exc.strerror})") from None
    if not data.strip():
        raise UnreadableFile(str(path), "the file is empty")
    return data


def read_text(path: Path, data: bytes | None = None) -> str:
    """The file's text, with line endings normalised; UnreadableFile when it is not text.

    Decoded as ``decode`` does: line by line where the file mixes UTF-8 and cp1252."""
    data = read_bytes(path) if data is None else data
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and looks_binary(data):
        raise UnreadableFile(str(path), "this is a binary file, not a text document or CSV table")
    return decode(data).replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(lines: list[str]) -> str:
    """Lines joined into paragraphs (blank-line separated in the result), with the
    paragraphs a page break cut mended: a lower-case continuation joins the
    paragraph before it, and a word hyphenated across the break ("Bør-" + "ne-") is rejoined."""
    # Each paragraph as its pieces, joined once at the end: adding to the whole paragraph's text line by
    # line (and looking at its end with a pattern) was quadratic in a paragraph of many short lines.
    paras: list[list[str]] = []
    for line in lines:
        text = re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()
        if not text:
            continue
        last = paras[-1] if paras else None
        if last is not None and last[-1].endswith("-") and text[:1].islower():
            last[-1] = last[-1][:-1]
            last.append(text)
        elif last is not None and text[:1].islower() and last[-1][-1:] not in _SENTENCE_ENDS:
            last += [" ", text]
        else:
            paras.append([text])
    return "\n\n".join("".join(parts) for parts in paras)


_SENTENCE_ENDS = tuple(".:;!?")


def open_bytes(path: Path) -> BinaryIO:
    """The file opened for reading, with ``read_bytes``'s reasons when it cannot be. Only a regular file is
    opened: a named pipe would block the reading until something wrote to it, a device (``/dev/zero``)
    would never end, a folder or a symbolic link that points to itself has nothing to read. A file larger
    than the upload limit (setting ``max_upload_mb``) is refused as the upload page refuses it."""
    check_regular(path)
    try:
        # Not blocking: a regular file swapped for a named pipe since the look above opens at once all the same.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise UnreadableFile(str(path), "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(str(path), "is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(str(path), f"cannot be opened ({exc.strerror})") from None
    try:
        opened = os.fstat(fd)
        _check_kind(path, opened.st_mode)
        limit = settings.max_upload_bytes()
        if opened.st_size > limit:
            _refuse_size(path, opened.st_size, limit)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_regular(path: Path) -> None:
    """UnreadableFile (RefusedFile) unless ``path`` is a regular file or a link to one; never opens it."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFile(str(path), "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            _refuse_kind(path, *LOOP)
        raise UnreadableFile(str(path), f"cannot be opened ({exc.strerror})") from None
    _check_kind(path, found.st_mode)


LOOP = ("a symbolic link that leads back to itself", "en genvej, der peger på sig selv")
OTHER = ("not a file", "ikke en fil")
NOT_FILES = [  # what a path that is no regular file is: (test, English, Danish); loaders.danish reads it too
    (stat.S_ISFIFO, "a named pipe (FIFO)", "en navngivet pipe (FIFO)"),
    (stat.S_ISCHR, "a character device", "en enhed"),
    (stat.S_ISBLK, "a block device", "en diskenhed"),
    (stat.S_ISSOCK, "a socket", "en socket"),
]


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise RefusedFile(str(path), "is a folder, not a file",
                          f"Filen {path.name} er ikke en almindelig fil, men en mappe, og kan ikke læses.")
    english, danish = next(((en, da) for test, en, da in NOT_FILES if test(mode)), OTHER)
    _refuse_kind(path, english, danish)


def _refuse_kind(path: Path, english: str, danish: str) -> None:
    raise RefusedFile(str(path), f"not a regular file but {english}; only regular files are read",
                      f"Filen {path.name} er ikke en almindelig fil, men {danish}, og kan ikke læses.")


def _refuse_size(path: Path, size: int, limit: int) -> None:
    """As loaders.uploads.check_upload words it: enough decimals that the size shows above the limit."""
    mb, limit_mb = size / _MB, limit / _MB
    decimals = next((d for d in (1, 2, 3) if round(mb, d) > round(limit_mb, d)), 3)
    whole = 0 if limit_mb == int(limit_mb) else 1
    raise RefusedFile(str(path), f"the file is {mb:,.{decimals}f} MB, more than the limit of {limit_mb:,.{whole}f} MB",
                      f"Filen {path.name} fylder {number(mb, decimals)} MB, mere end grænsen på "
                      f"{number(limit_mb, whole)} MB.")


def text_lines(path: Path, stream: BinaryIO) -> Iterator[str]:
    """The lines of a text file read a megabyte at a time: the lines ``read_text(path).split("\\n")`` gives,
    decoded as ``decode`` decodes the whole file, without the file, or its text, in memory at once.
    UnreadableFile (before the first line) when it is empty or not text, as ``read_text`` says it.

    A chunk ends at the end of a line, so a line is never split between two decodings, and a chunk that is
    not UTF-8 is decoded line by line as ``decode`` does with the whole file: a file that is UTF-8 throughout
    is so in every chunk, and one that is not is decoded line by line either way."""
    first = stream.read(_CHUNK)
    ahead = first
    while not ahead.strip():
        if not ahead:
            raise UnreadableFile(str(path), "the file is empty")
        ahead = stream.read(_CHUNK)
        first += ahead
    if first.startswith(_UTF16_BOMS):
        return _lines(_utf16_texts(first, stream))
    if looks_binary(first):
        raise UnreadableFile(str(path), "this is a binary file, not a text document or CSV table")
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    return _lines(_texts(first, stream))


def _texts(first: bytes, stream: BinaryIO) -> Iterator[str]:
    for chunk in _chunks(first, stream):
        try:
            yield chunk.decode("utf-8")
        except UnicodeDecodeError:
            yield _line_by_line(chunk)  # not UTF-8 throughout: line by line, as ``decode`` does


def _chunks(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The file's bytes a megabyte or so at a time, each piece ending where a line ends (or the file)."""
    carry, chunk = b"", first
    while chunk or carry:
        chunk, carry = carry + chunk, b""
        if not chunk.endswith(b"\n"):
            more = stream.readline(_CHUNK)
            chunk += more
            if more and not more.endswith(b"\n"):  # no "\\n" for a megabyte: lines ending in "\\r" alone?
                cut = chunk.rfind(b"\r") + 1
                if cut:
                    chunk, carry = chunk[:cut], chunk[cut:]
                else:
                    chunk += stream.readline()  # one very long line: to its end
        yield chunk
        chunk = stream.read(_CHUNK)


def _utf16_texts(first: bytes, stream: BinaryIO) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
    chunk = first
    while chunk:
        yield decoder.decode(chunk)
        chunk = stream.read(_CHUNK)
    yield decoder.decode(b"", final=True)


def _lines(texts: Iterator[str]) -> Iterator[str]:
    """Text in pieces as lines, ``\\r\\n`` and ``\\r`` ending a line as ``\\n`` does (as ``read_text`` has it)."""
    pending = ""
    for text in texts:
        text = pending + text if pending else text
        # A final "\\r" may be the first half of a "\\r\\n": it waits for the next piece.
        end = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1))
        if end < 0:
            pending = text
            continue
        pending = text[end + 1:]
        lines = text[:end + 1]
        if "\r" in lines:
            lines = lines.replace("\r\n", "\n").replace("\r", "\n")
        yield from lines.split("\n")[:-1]
    yield from pending.replace("\r\n", "\n").replace("\r", "\n").split("\n")
