"""Reading source files as text: encoding detection and refusal of binaries."""

from __future__ import annotations

import re
from pathlib import Path

from loaders.errors import UnreadableFile

ZIP_MAGIC = b"PK\x03\x04"


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
        pass
    lines: list[str] = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines)


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(str(path), "no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(str(path), "is a folder, not a file") from None
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
    paras: list[str] = []
    for line in lines:
        text = re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip()
        if not text:
            continue
        if paras and paras[-1].endswith("-") and text[:1].islower():
            paras[-1] = paras[-1][:-1] + text
        elif paras and text[:1].islower() and not re.search(r"[.:;!?]$", paras[-1]):
            paras[-1] += " " + text
        else:
            paras.append(text)
    return "\n\n".join(paras)
