"""Word documents the secretariat edits and sends: the Mødebrief, and the next "Overblik over indsatser"
written back out in the secretariat's own shape (three numbered sections, a table with Tid, Indsats,
Status and Forslag til handling), which the initiative loader reads back to the same rows."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import pandas as pd
from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

from domain.formatting import date_long
from views.initiatives import Decision
from views.meeting import Brief

LANG = "da-DK"
HEADER = ("Tid", "Indsats", "Status", "Forslag til handling")


def _danish(document: DocumentType) -> None:
    """Danish proofing for the whole document: the default run properties and every style carry da-DK."""
    styles = document.styles.element
    for rpr in [styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr")),
                *styles.iter(qn("w:rPr"))]:
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), LANG)
        lang.set(qn("w:eastAsia"), LANG)


def _new() -> DocumentType:
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    _danish(document)
    return document


def _table(document: DocumentType, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    return table


def _bytes(document: DocumentType) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def brief_docx(answer: Brief) -> bytes:
    """The Mødebrief as an editable Word document: the same sections as the deck and the page."""
    document = _new()
    document.add_heading(answer.title, 0)
    where = f" · {answer.place}" if answer.place else ""
    document.add_paragraph(f"{answer.forum_name} · {date_long(answer.meeting)}{where} · {answer.region}")
    if answer.cards.demo:
        document.add_paragraph("Eksempeldata: nøgletal markeret sådan er genererede tal, kalibreret til kilderne, "
                               "ikke rigtige målinger.")

    document.add_heading("Indsatser til mødet", 1)
    if not answer.due:
        document.add_paragraph(answer.no_due)
    for d in answer.due:
        document.add_heading(d.title, 2)
        document.add_paragraph(f"Tid: {d.time or 'uden tid'} ({d.window}) · Status: {d.status}")
        if d.why:
            document.add_paragraph(f"Hvorfor: {d.why}")
        document.add_paragraph("Beslutninger indtil nu:" if d.decisions else "Ingen beslutninger i referaterne endnu.")
        for line in d.decisions:
            document.add_paragraph(line, style="List Bullet")
        document.add_paragraph(f"Forslag til handling: {d.action or '–'}")

    document.add_heading(f"Nøgletal, {answer.kpi_quarter}", 1)
    rows = [(c.indicator.short_name, c.period or "–", c.value or "–", c.change or "–",
             f"{c.arrow} {c.direction}".strip() or "–", c.basis or c.reason or "–") for c in answer.cards.cards]
    _table(document, ("Indikator", "Periode", "Værdi", "Ændring", "Udvikling", "Grundlag"), rows)
    document.add_paragraph(answer.cards.rule)

    changes = answer.changes
    document.add_heading("Siden sidste møde", 1)
    document.add_paragraph(changes.heading)
    document.add_paragraph(changes.basis)
    if any(c.demo for _, lines in changes.sections for c in lines):
        document.add_paragraph("Eksempeldata: linjer markeret (Eksempeldata) bygger på genererede tal, kalibreret "
                               "til kilderne, ikke rigtige målinger.")
    for heading, lines in changes.sections:
        document.add_heading(heading, 2)
        if not lines:
            document.add_paragraph("Ingen.")
        for change in lines:
            document.add_paragraph(change.text, style="List Bullet")
    return _bytes(document)


def updated_status(status: str, decisions: Sequence[Decision]) -> str:
    """The status text with what the minutes decided since, oldest first ("… Godkendt: SSG 12. sep. 2025,
    punkt 2."), each decision once, and none the text already names."""
    text = " ".join(status.split())
    for d in reversed(decisions):  # the board lists them newest first
        where = d.heading.split(":", 1)[0]
        if where not in text:
            text = f"{text} {d.kind}: {where}.".strip()
    return text


def overview_docx(initiatives: pd.DataFrame, decisions: Mapping[str, Sequence[Decision]], title: str) -> bytes:
    """The next "Overblik over indsatser": every initiative in its numbered section, with its time phrase, title,
    status (updated with the decisions) and proposed action, in the four columns the secretariat uses."""
    document = _new()
    document.add_heading(title, 1)
    for (section, section_title), rows in initiatives.groupby(["section", "section_title"], sort=True):
        document.add_paragraph(f"{int(section)}. {section_title}")
        _table(document, HEADER, [(str(r["time"] or ""), str(r["title"]),
                                   updated_status(str(r["status"] or ""), decisions.get(str(r["key"]), ())),
                                   str(r["action"] or "")) for r in rows.to_dict("records")])
        document.add_paragraph("")
    return _bytes(document)
