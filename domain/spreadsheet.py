"""Tables as Excel workbooks (.xlsx): real numbers in number cells with Danish number formats (Excel
shows its locale's separators), dates as date cells, a bold Danish header row that is frozen and
filtered, text neutralised as in the CSV, and an "Om data" sheet with the filters and the sources."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

import pandas as pd

from domain.export import column_cells, is_missing, neutralise, text_column

WHOLE = "#,##0"
DECIMAL = "#,##0.0"
DATE = "dd-mm-yyyy"
ABOUT = "Om data"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters an .xlsx cannot hold


def cell_value(value: Any) -> tuple[Any, str | None]:
    """A cell's value as Excel stores it and its number format (None for text)."""
    if is_missing(value):
        return None, None
    if isinstance(value, bool):
        return ("Ja" if value else "Nej"), None
    if isinstance(value, int) or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype)):
        return int(value), WHOLE
    if isinstance(value, float) or (hasattr(value, "dtype") and pd.api.types.is_float_dtype(value.dtype)):
        return float(value), DECIMAL
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        return value.date(), DATE
    if isinstance(value, dt.date):
        return value, DATE
    return neutralise(_ILLEGAL.sub("", str(value))), None


def _text_cells(column: pd.Series) -> list[tuple[Any, str | None]]:
    return [(v, None) for v in text_column(column, _ILLEGAL)]


def _width(values: Sequence[Any], widest: int = 60) -> int:
    longest = max((len(str(v)) for v in values if v is not None), default=8)
    return min(widest, max(10, longest + 2))


# The workbook is written directly as its XML parts: a table of 14.000 rows (Indikatortal) in a fifth of a
# second, where a general writer spends a second on the same cells (measured with XlsxWriter and openpyxl).
# Cell styles by position in styles.xml's cellXfs.
_PLAIN, _BOLD, _WHOLE, _DECIMAL, _DATE, _WRAP = range(6)
_STYLE = {WHOLE: _WHOLE, DECIMAL: _DECIMAL, DATE: _DATE}
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 for dates from 1 March 1900 (its 1900 leap-year quirk)
_LEAP = dt.date(1900, 3, 1)
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")  # no XML character (a lone surrogate cannot even be encoded)
_MOST = 32_767  # characters a cell holds in Excel; a longer text is cut (the CSV keeps it whole)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>")
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>")
_APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>Sundhedsaftale-dashboard</Application></Properties>")
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>")
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DECIMAL}"/><numFmt numFmtId="165" formatCode="{DATE}"/>'
    f'</numFmts><fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'  # 3 is #,##0
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')


def _letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _text(value: str) -> str:
    """Text as a cell holds it: XML-escaped; a carriage return and a literal ``_x0041_`` as OOXML's escapes (an
    XML reader would turn the first into a line feed, Excel the second into a letter)."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in value:
        value = _ESCAPE.sub(lambda m: "_x005F" + m[0], value)
    if "\r" in value:
        value = value.replace("\r", "_x000D_")
    return _NOT_XML.sub("", value)


def _fits(value: str) -> str:
    return value if len(value) <= _MOST else value[:_MOST - 1] + "…"


def _cell(value: Any, number_format: str | None, style: int | None = None) -> str:
    """What follows ``<c r="B2"`` for one cell: its type, style and value, or "" for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        s = f' s="{style}"' if style else ""
        return f' t="inlineStr"{s}><is><t xml:space="preserve">{_text(_fits(value))}</t></is></c>'
    if isinstance(value, dt.date):
        if value < _LEAP:  # Excel counts a 29 February 1900 that never was: earlier days are one less
            return _cell(value.isoformat(), None) if value < dt.date(1900, 1, 1) else \
                f' s="{_DATE}"><v>{(value - _EPOCH).days - 1}</v></c>'
        return f' s="{_DATE}"><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return f' s="{_STYLE.get(number_format or DECIMAL, _DECIMAL)}"><v>{value!r}</v></c>'


def _sheet(columns: list[list[str]], letters: list[str], widths: list[int], rows: int, frozen: bool) -> str:
    """A worksheet: ``columns`` (each cell as _cell made it, the header first) row by row."""
    last = f"{letters[-1]}{rows}"
    parts = [_SHEET_HEAD, f'<dimension ref="A1:{last}"/>']
    if frozen:
        parts.append('<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                     'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
                     'sqref="A2"/></sheetView></sheetViews>')
    else:
        parts.append('<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    parts.append('<sheetFormatPr defaultRowHeight="15"/><cols>')
    parts += [f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1)]
    parts.append("</cols><sheetData>")
    for r in range(rows):
        n = r + 1
        parts.append(f'<row r="{n}">')
        parts.append("".join(f'<c r="{letter}{n}"{column[r]}' for letter, column in zip(letters, columns)
                             if column[r]))
        parts.append("</row>")
    parts.append("</sheetData>")
    if frozen:
        parts.append(f'<autoFilter ref="A1:{last}"/>')
    parts.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                 "</worksheet>")
    return "".join(parts)


def xlsx(frame: pd.DataFrame, sheet_name: str, about: Sequence[tuple[str, str]]) -> bytes:
    """The workbook's bytes: ``frame`` on a sheet ``sheet_name``, ``about`` (label, text) on "Om data"."""
    name = _ILLEGAL.sub("", re.sub(r"[\[\]:*?/\\]", " ", sheet_name))[:31].strip("'") or "Data"
    name = "Data" if name.lower() == ABOUT.lower() else name  # two sheets may not share a name
    width = max(1, frame.shape[1])
    letters = [_letter(i) for i in range(width)]
    header = [cell_value(str(c))[0] for c in frame.columns]
    columns, widths = [], []
    for c in range(frame.shape[1]):
        cells = column_cells(frame.iloc[:, c], cell_value, _text_cells)
        columns.append([_cell(header[c] or "", None, _BOLD), *(_cell(v, f) for v, f in cells)])
        widths.append(_width([header[c], *(v for v, _ in cells[:200])]))  # the first 200 rows set the width
    if not columns:
        columns, widths = [[_cell("", None, _BOLD)]], [10]
    rows = len(frame) + 1 if frame.shape[1] else 1  # rows without columns: nothing to write but the header
    note_rows = [("Om data", "")] + [(cell_value(label)[0] or "", cell_value(text)[0] or "") for label, text in about]
    note = [[_cell(note_rows[0][0], None, _BOLD), *(_cell(a, None) for a, _ in note_rows[1:])],
            [_cell(note_rows[0][1], None), *(_cell(b, None, _WRAP) for _, b in note_rows[1:])]]
    quoted = name.replace("'", "''")
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<bookViews><workbookView/></bookViews><sheets>'
                f'<sheet name={quoteattr(name)} sheetId="1" r:id="rId1"/>'
                f'<sheet name={quoteattr(ABOUT)} sheetId="2" r:id="rId2"/></sheets><definedNames>'
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                f"{_text(chr(39) + quoted + chr(39))}!$A$1:${letters[-1]}${rows}</definedName></definedNames>"
                "</workbook>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("docProps/app.xml", _APP)
        book.writestr("xl/workbook.xml", workbook)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("xl/worksheets/sheet1.xml", _sheet(columns, letters, widths, rows, frozen=True))
        book.writestr("xl/worksheets/sheet2.xml", _sheet(note, ["A", "B"], [18, 90], len(note_rows), frozen=False))
    return out.getvalue()
