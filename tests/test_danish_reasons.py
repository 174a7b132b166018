"""Every problem the loaders and the build report in English has a Danish wording (loaders.danish): the
templates one by one, the problems real bad files give, and every message written in the source."""

from __future__ import annotations

import ast
import csv
import io
import itertools
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from openpyxl.chart import BarChart
from openpyxl.chart import Reference as Cells

from loaders.danish import TEMPLATES, danish, is_known
from loaders.detect import parse_file
from loaders.documents import document_text
from loaders.errors import RowRejected, UnreadableFile
from loaders.minutes import parse_minutes
from loaders.numbers import ENGLISH, parse_number
from loaders.reference import INDICATOR_COLUMNS, Reference, load_reference
from loaders.status_report import parse_status_report
from store.build import build
from tests.conftest import BUILD_DAY, DATA, ROOT

ACUTE = "acute_admissions_65plus"
READMISSIONS = "readmissions_30d"  # a percentage
SEVERAL = "a table must hold one series per place and period; download the total, or one file per group"
SEVERAL_DA = "en tabel må kun rumme én serie pr. sted og periode; hent totalen eller én fil pr. gruppe"

# (English, as the code words it) → Danish: one row per template at least.
EXAMPLES = [
    # loaders.numbers
    ("not a finite number: inf", "værdien inf er ikke et endeligt tal"),
    ("not a number: '12,3,4'", "værdien '12,3,4' er ikke et tal"),
    ("empty value", "værdien er tom"),
    ("number '12.5' does not follow the number format decided for its column, Danish (decimal comma)",
     "tallet '12.5' følger ikke det talformat, der er fastlagt for kolonnen: dansk (decimalkomma)"),
    ("number '1,5' does not follow the number format decided for its column, English (decimal point)",
     "tallet '1,5' følger ikke det talformat, der er fastlagt for kolonnen: engelsk (decimalpunktum)"),
    # domain.periods
    ("empty period", "perioden er tom"),
    ("not a date: '2024-02-30'", "'2024-02-30' er ikke en gyldig dato"),
    ("not a period: '2024M13'", "'2024M13' er ikke en gyldig periode"),
    # loaders.reference
    ("unknown geography 'Xby'", "ukendt sted 'Xby' (ikke en kendt kommune, klynge eller region)"),
    ("unknown indicator 'Ukendt indikator'", "ukendt indikator 'Ukendt indikator'"),
    ("line 3: unknown indicator \"O'Brien\"", "linje 3: ukendt indikator \"O'Brien\""),
    ("line 1: missing column(s) level, code", "linje 1: kolonne(r) mangler: level, code"),
    ("no geography files (*.csv)", "ingen geografifiler (*.csv)"),
    ("line 4: level must be region, cluster or municipality, not 'kommune'",
     "linje 4: niveauet (level) skal være region, cluster eller municipality, ikke 'kommune'"),
    ("line 5: code and name are required", "linje 5: kode og navn skal udfyldes"),
    ("line 6: code 751 is already used by Aarhus", "linje 6: koden 751 bruges allerede af Aarhus"),
    ("line 7: parent 'nord' is not defined above",
     "linje 7: det overordnede sted (parent) 'nord' står ikke længere oppe i filen"),
    ("line 2: the region row must come first", "linje 2: regionens række skal stå først"),
    ("line 8: population '12.000' is not a whole number", "linje 8: indbyggertallet '12.000' er ikke et helt tal"),
    ("line 2: unit must be one of ['count', 'percent', 'score'], not 'antal'",
     "linje 2: enheden (unit) skal være en af ['count', 'percent', 'score'], ikke 'antal'"),
    ("line 2: direction must be up or down, not 'op'", "linje 2: retningen (direction) skal være up eller down, ikke 'op'"),
    ("line 2: target 'høj' is not a number", "linje 2: målet (target) 'høj' er ikke et tal"),
    ("line 9: kind must be one of ['date', 'target', 'value'], not 'tal'",
     "linje 9: arten (kind) skal være en af ['date', 'target', 'value'], ikke 'tal'"),
    ("line 9: a date measure has no unit, and only a date measure",
     "linje 9: kun en dato-måling (kind date) er uden enhed"),
    ("line 9: a measure needs an id, names, cues and a label",
     "linje 9: en måling skal have id, navne (names), ord (cues) og en betegnelse (label)"),
    # loaders.text
    ("no such file", "filen findes ikke"),
    ("is a folder, not a file", "er en mappe, ikke en fil"),
    ("cannot be opened (Permission denied)", "kan ikke åbnes (ingen adgang)"),
    ("cannot be opened (Input/output error)", "kan ikke åbnes (Input/output error)"),
    ("the file is empty", "filen er tom"),
    ("this is a binary file, not a text document or CSV table",
     "det er en binær fil, ikke et tekstdokument eller en CSV-tabel"),
    # loaders.documents
    ("an old Word or Excel 97-2003 file (.doc/.xls): save it as .docx or .xlsx (or PDF) and load that",
     "en gammel Word- eller Excel 97-2003-fil (.doc/.xls): gem den som .docx eller .xlsx (eller PDF), "
     "og indlæs den i stedet"),
    ("a damaged or truncated ZIP file (Word/Excel?): File is not a zip file",
     "en beskadiget eller afkortet ZIP-fil (Word/Excel?): File is not a zip file"),
    ("the file unpacks to more than 512 MB; refused (a zip bomb?)",
     "filen fylder mere end 512 MB, når den pakkes ud; afvist (en zip-bombe?)"),
    ("the file unpacks to more than 2048 MB", "filen fylder mere end 2.048 MB, når den pakkes ud"),
    ("a ZIP archive that is neither a Word document (.docx) nor an Excel workbook (.xlsx)",
     "et ZIP-arkiv, der hverken er et Word-dokument (.docx) eller en Excel-projektmappe (.xlsx)"),
    ("an Excel workbook is read as an indicator table, not as a document",
     "en Excel-projektmappe læses som en indikatortabel, ikke som et dokument"),
    ("the PDF is password-protected; save it without a password",
     "PDF-filen er beskyttet med adgangskode; gem den uden adgangskode"),
    ("not a readable PDF (damaged or truncated: Unexpected EOF)",
     "ikke en læsbar PDF-fil (beskadiget eller afkortet: Unexpected EOF)"),
    ("not a readable PDF (damaged: 'Root')", "ikke en læsbar PDF-fil (beskadiget: 'Root')"),
    ("the PDF has no text layer (a scanned document?); text recognition (OCR) is not supported: load the "
     "original Word file or a searchable PDF",
     "PDF-filen har intet tekstlag (et scannet dokument?); tekstgenkendelse (OCR) understøttes ikke: indlæs den "
     "oprindelige Word-fil eller en søgbar PDF"),
    ("the PDF contains no text", "PDF-filen indeholder ingen tekst"),
    ("not a readable Word document (damaged: no relationship)", "ikke et læsbart Word-dokument (beskadiget: no relationship)"),
    ("the Word document contains no text", "Word-dokumentet indeholder ingen tekst"),
    # loaders.uploads
    ("the file is 200.04 MB, more than the limit of 200 MB", "filen fylder 200,04 MB, mere end grænsen på 200 MB"),
    ("the file is 1,200.5 MB, more than the limit of 1,000 MB; refused (a zip bomb?)",
     "filen fylder 1.200,5 MB, mere end grænsen på 1.000 MB; afvist (en zip-bombe?)"),
    ("not UTF-16 text, though it starts with a UTF-16 byte order mark; the dashboard reads PDF, Word .docx, "
     "text/CSV and Excel .xlsx",
     "ikke gyldig UTF-16-tekst, selv om filen begynder med et UTF-16-byteordensmærke (BOM); dashboardet læser "
     "PDF, Word .docx, tekst/CSV og Excel .xlsx"),
    ("a binary file (it holds NUL bytes), not text", "en binær fil (den indeholder NUL-byte), ikke tekst"),
    ("a binary file (full of control characters), not text", "en binær fil (fuld af kontroltegn), ikke tekst"),
    ("a PNG image, not a document or an extract; the dashboard reads PDF, Word .docx, text/CSV and Excel .xlsx",
     "et PNG-billede, ikke et dokument eller et udtræk; dashboardet læser PDF, Word .docx, tekst/CSV og Excel .xlsx"),
    ("an empty ZIP archive, not a document or an extract", "et tomt ZIP-arkiv, ikke et dokument eller et udtræk"),
    ("the archive's directory is 3.5 MB, more than 10,000 members need (SUNDHED_ARCHIVE_MAX_MEMBERS); refused (a "
     "zip bomb?)",
     "arkivets indholdsfortegnelse fylder 3,5 MB, mere end 10.000 dele har brug for (SUNDHED_ARCHIVE_MAX_MEMBERS); "
     "afvist (en zip-bombe?)"),
    ("the archive unpacks to 1,025 MB, more than the limit of 1,024 MB (SUNDHED_ARCHIVE_MAX_MB); refused (a zip bomb?)",
     "arkivet pakker ud til 1.025 MB, mere end grænsen på 1.024 MB (SUNDHED_ARCHIVE_MAX_MB); afvist (en zip-bombe?)"),
    ("member 'xl/worksheets/sheet1.xml' unpacks to 100.0 MB from 97.7 KB, compressed 1,048 to 1, more than the "
     "limit of 200 to 1 (SUNDHED_ARCHIVE_MAX_RATIO); refused (a zip bomb?)",
     "delen 'xl/worksheets/sheet1.xml' pakker ud til 100,0 MB fra 97,7 KB, komprimeret 1.048 til 1, mere end "
     "grænsen på 200 til 1 (SUNDHED_ARCHIVE_MAX_RATIO); afvist (en zip-bombe?)"),
    ("the archive unpacks to 1,200.0 MB from 800.0 KB, compressed 1,536 to 1, more than the limit of 200 to 1 "
     "(SUNDHED_ARCHIVE_MAX_RATIO); refused (a zip bomb?)",
     "arkivet pakker ud til 1.200,0 MB fra 800,0 KB, komprimeret 1.536 til 1, mere end grænsen på 200 til 1 "
     "(SUNDHED_ARCHIVE_MAX_RATIO); afvist (en zip-bombe?)"),
    ("members 'a.xml' and 'b.xml' overlap in the archive (one compressed stream read as several); refused (a zip "
     "bomb?)",
     "delene 'a.xml' og 'b.xml' overlapper hinanden i arkivet (én komprimeret datastrøm læst som flere); afvist "
     "(en zip-bombe?)"),
    ("the archive holds 12,345 members, more than the limit of 10,000 (SUNDHED_ARCHIVE_MAX_MEMBERS); refused (a "
     "zip bomb?)",
     "arkivet består af 12.345 dele, mere end grænsen på 10.000 (SUNDHED_ARCHIVE_MAX_MEMBERS); afvist (en "
     "zip-bombe?)"),
    # loaders.limits: the worker that reads a file; loaders.text, loaders.documents: what is read at all
    ("reading it reached the limit of 31 s of CPU time for a file of its size (settings parse_*): not read",
     "læsningen nåede grænsen på 31 sekunders CPU-tid for en fil af dens størrelse (indstillingerne parse_*): "
     "ikke læst"),
    ("reading it reached the limit of 1,040 MB of memory for a file of its size (settings parse_*): not read",
     "læsningen nåede grænsen på 1.040 MB hukommelse for en fil af dens størrelse (indstillingerne parse_*): "
     "ikke læst"),
    ("reading it reached the limit of 4 MB of output for a file of its size (settings parse_*): not read",
     "læsningen nåede grænsen på 4 MB data for en fil af dens størrelse (indstillingerne parse_*): ikke læst"),
    ("the process reading it ended without its result (exit code -9)",
     "processen, der læste filen, sluttede uden sit resultat (kode -9)"),
    ("reading failed (ValueError: x)", "læsningen mislykkedes (ValueError: x)"),
    ("not a regular file but a named pipe (FIFO); only regular files are read",
     "ikke en almindelig fil, men en navngivet pipe (FIFO); kun almindelige filer læses"),
    ("page 3 of the PDF draws more than 20,000 characters, the limit for one page",
     "side 3 i PDF-filen tegner mere end 20.000 tegn, grænsen for én side"),
    ("the PDF draws more than 1,000,000 characters, the limit for one file",
     "PDF-filen tegner mere end 1.000.000 tegn, grænsen for én fil"),
    ("the PDF has more than 2,000 pages, the limit for one file", "PDF-filen har mere end 2.000 sider, grænsen for én fil"),
    ("0 of 50,000 rows stored (the file could not be read whole): line 7: not a number: 'x'",
     "0 af 50.000 rækker indlæst (filen kunne ikke læses hel): linje 7: værdien 'x' er ikke et tal"),
    # store.imports, and "path: problem" as str(UnreadableFile) gives it
    ("same content as 2025-02 akut.csv, already loaded", "samme indhold som 2025-02 akut.csv, der allerede er indlæst"),
    ("no row could be read (1204 rejected)", "ingen rækker kunne læses (1.204 afvist)"),
    ("cannot read: Permission denied", "kan ikke læses: ingen adgang"),
    ("sources/akut 2025.csv: the file is empty", "sources/akut 2025.csv: filen er tom"),
    ("akut.xlsx: sheet 'A': the table has no rows", "akut.xlsx: ark 'A': tabellen har ingen rækker"),
    # loaders.detect
    ("cannot tell what kind of document this is (not an initiative overview, minutes, status report or indicator "
     "table); use --kind",
     "kan ikke se, hvilken slags dokument det er (hverken en indsatsoversigt, et referat, en statusrapport eller "
     "en indikatortabel); angiv slagsen med --kind"),
    ("an Excel workbook holds indicator tables, not minutes", "en Excel-projektmappe rummer indikatortabeller, ikke et referat"),
    ("an Excel workbook holds indicator tables, not status_report",
     "en Excel-projektmappe rummer indikatortabeller, ikke en statusrapport"),
    ("an Excel workbook holds indicator tables, not initiatives",
     "en Excel-projektmappe rummer indikatortabeller, ikke en indsatsoversigt"),
    ("no initiative rows found under a 'Tid / Indsats' header", "ingen indsatser fundet under en overskrift 'Tid / Indsats'"),
    ("no agenda items found (headings such as 'Punkt 1:', 'Pkt. 1', '1. Title' or 'Sag 1')",
     "ingen dagsordenspunkter fundet (overskrifter som 'Punkt 1:', 'Pkt. 1', '1. Titel' eller 'Sag 1')"),
    ("unknown kind 'referat'; choose one of initiatives, minutes, status_report, indicators",
     "ukendt slags dokument 'referat'; vælg en af initiatives, minutes, status_report, indicators"),
    # loaders.minutes
    ("agenda item number '4a' is not a whole number", "dagsordenspunktets nummer '4a' er ikke et helt tal"),
    ("agenda item heading 'Punkt 2:' has no title", "dagsordenspunktets overskrift 'Punkt 2:' har ingen titel"),
    ("decision table row numbered '5a': not a whole item number",
     "rækken med nummer '5a' i beslutningstabellen: nummeret er ikke et helt punktnummer"),
    # loaders.initiatives
    ("a table line without columns (no tabs, nor two or more spaces between the cells): cannot tell time, "
     "initiative, status and action apart",
     "en tabellinje uden kolonner (hverken tabulatorer eller mindst to mellemrum mellem cellerne): kan ikke skelne "
     "tid, indsats, status og handling fra hinanden"),
    ("expected 4 columns, found 6", "forventede 4 kolonner, fandt 6"),
    ("expected 4 columns, found 2 (truncated row?)", "forventede 4 kolonner, fandt 2 (en afkortet række?)"),
    ("table row before any numbered section heading", "tabelrække før den første nummererede afsnitsoverskrift"),
    # loaders.status_report
    ("no value for 'Genindlæggelser'", "ingen værdi for 'Genindlæggelser'"),
    ("the table header names no period", "tabellens overskrift angiver ingen periode"),
    ("cannot tell which region the report is about", "kan ikke se, hvilken region rapporten handler om"),
    # loaders.indicators: places and indicators
    ("geography '751 Randers': code 751 is Aarhus, not Randers",
     "stedet '751 Randers': koden 751 er Aarhus, ikke Randers"),
    ("geography 'Aarhus' does not match code 1083", "stedet 'Aarhus' passer ikke til koden 1083"),
    ("no geography in the row", "rækken angiver intet sted"),
    ("no indicator: no indicator column, title or --indicator",
     "ingen indikator: hverken en indikatorkolonne, en titel eller --indicator"),
    ("unknown indicator 'akut' (given with --indicator)", "ukendt indikator 'akut' (angivet med --indicator)"),
    # loaders.indicators: the file
    ("the line cannot be split into cells (';' expected after '\"': a stray quote?); not read",
     "linjen kan ikke deles i celler (';' forventet efter '\"': et anførselstegn for meget?); ikke læst"),
    ("the line cannot be split into cells (unexpected end of data: a stray quote?); not read",
     "linjen kan ikke deles i celler (linjen slutter midt i et felt i anførselstegn: et anførselstegn for meget?); "
     "ikke læst"),
    ("sheet 'Data' cannot be read after row 1200 (damaged: Bad CRC-32)",
     "arket 'Data' kan ikke læses efter række 1.200 (beskadiget: Bad CRC-32)"),
    ("no columns found: expected a ';', ',' or tab separated table",
     "ingen kolonner fundet: forventede en tabel med ';', ',' eller tabulator mellem kolonnerne"),
    ("not a readable XLSX workbook (damaged or truncated: File is not a zip file)",
     "ikke en læsbar XLSX-projektmappe (beskadiget eller afkortet: File is not a zip file)"),
    ("a chart, not a table", "et diagram, ikke en tabel"),
    ("the workbook has no sheets", "projektmappen har ingen ark"),
    # loaders.indicators: a value cell
    ("percent value '140' is outside 0-100", "procentværdien '140' ligger uden for 0-100"),
    ("the same indicator, place and period as line 2; the first one is kept",
     "samme indikator, sted og periode som linje 2; den første beholdes"),
    ("sheet 'Ark2': the same indicator, place and period as sheet 'Ark1' line 2; the first one is kept",
     "ark 'Ark2': samme indikator, sted og periode som ark 'Ark1' linje 2; den første beholdes"),
    ("the same indicator, place and period as sources/2025-02 akut.csv line 14250, which wins (of two files, the "
     "one whose name sorts last)",
     "samme indikator, sted og periode som sources/2025-02 akut.csv linje 14.250, som vinder (af to filer vinder "
     "den, hvis navn kommer sidst i alfabetisk orden)"),
    ("cell 'se note' in column 4 has no heading; not read", "cellen 'se note' i kolonne 4 har ingen overskrift; ikke læst"),
    ("the row has 1 non-empty cell(s) beyond the header's 4 columns: its cells may be shifted; the row is not read",
     "rækken har 1 udfyldte celle(r) ud over overskriftens 4 kolonner: dens celler kan være forskudt; rækken er "
     "ikke læst"),
    # loaders.indicators: the layout
    ("no header row: expected columns such as indikator, geografi, periode, værdi, or periods (or places) as column "
     "headings",
     "ingen overskriftsrække: forventede kolonner som indikator, geografi, periode, værdi eller perioder (eller "
     "steder) som kolonneoverskrifter"),
    ("line 1: column 'ALDER' holds several groups ('65-69 år', '70-74 år') and no total ('I alt', 'Total'): " + SEVERAL,
     "linje 1: kolonnen 'ALDER' rummer flere grupper ('65-69 år', '70-74 år') og ingen total ('I alt', 'Total'): "
     + SEVERAL_DA),
    ("line 1: column 'column 2' holds several groups ('a', 'b') and no total ('I alt', 'Total'): " + SEVERAL,
     "linje 1: kolonnen 'kolonne 2' rummer flere grupper ('a', 'b') og ingen total ('I alt', 'Total'): " + SEVERAL_DA),
    ("line 8: column 'KØN' changes from 'Mænd' to 'Kvinder' and holds no total ('I alt', 'Total'): " + SEVERAL,
     "linje 8: kolonnen 'KØN' skifter fra 'Mænd' til 'Kvinder' og rummer ingen total ('I alt', 'Total'): "
     + SEVERAL_DA),
    ("sheet 'Data' line 8: column 'KØN' changes from '' to 'Kvinder' and holds no total ('I alt', 'Total'): "
     + SEVERAL,
     "ark 'Data' linje 8: kolonnen 'KØN' skifter fra '' til 'Kvinder' og rummer ingen total ('I alt', 'Total'): "
     + SEVERAL_DA),
    ("line 2: the columns are split into groups by line 1 ('Mænd', 'Kvinder') and none is a total ('I alt', "
     "'Total'): " + SEVERAL,
     "linje 2: kolonnerne er delt i grupper af linje 1 ('Mænd', 'Kvinder'), og ingen af dem er en total ('I alt', "
     "'Total'): " + SEVERAL_DA),
    ("the table has no rows", "tabellen har ingen rækker"),
    ("line 1: the header row is missing (the rows hold labels, a period and a value, as a Danmarks Statistik "
     "download without column headings): give the indicator (--indicator) or add a header row such as "
     "område;tid;indhold",
     "linje 1: overskriftsrækken mangler (rækkerne rummer betegnelser, en periode og en værdi, som et udtræk fra "
     "Danmarks Statistik uden kolonneoverskrifter): angiv indikatoren (--indicator), eller tilføj en "
     "overskriftsrække som område;tid;indhold"),
    ("line 1: the table has a header but no rows under it",
     "linje 1: tabellen har en overskriftsrække, men ingen rækker under den"),
    ("line 1: no indicator column (indikator), no title naming one, and no indicator given",
     "linje 1: ingen indikatorkolonne (indikator), ingen titel, der nævner en indikator, og ingen indikator angivet"),
    ("line 1: no indicator column, no title naming one, and no indicator given",
     "linje 1: ingen indikatorkolonne, ingen titel, der nævner en indikator, og ingen indikator angivet"),
    ("line 1: no geography column (område, kommune or kode)", "linje 1: ingen geografikolonne (område, kommune eller kode)"),
    ("line 1: no period column (periode or tid)", "linje 1: ingen periodekolonne (periode eller tid)"),
    ("line 1: no value column (værdi or indhold)", "linje 1: ingen værdikolonne (værdi eller indhold)"),
    ("line 3: no column names a place", "linje 3: ingen kolonne angiver et sted"),
    ("line 2: no label column names a place", "linje 2: ingen af rækkernes betegnelseskolonner angiver et sted"),
    ("line 1: places as column headings, but no period column (tid, måned, kvartal or år)",
     "linje 1: steder som kolonneoverskrifter, men ingen periodekolonne (tid, måned, kvartal eller år)"),
    ("no value read from 2 row(s) under the header (line 1): every value cell is empty",
     "ingen værdi læst fra 2 række(r) under overskriftsrækken (linje 1): alle værdiceller er tomme"),
    # loaders.indicators: notes
    ("column 'Note' not read (a note column)", "kolonnen 'Note' er ikke læst (en notekolonne)"),
    ("column 'Befolkning' not read (numbers that are none of the table's columns)",
     "kolonnen 'Befolkning' er ikke læst (tal, der ikke hører til nogen af tabellens kolonner)"),
    ("column 'Tid' not read (a second period column)", "kolonnen 'Tid' er ikke læst (endnu en periodekolonne)"),
    ("column 'Kode' not read (a second geo_code column)", "kolonnen 'Kode' er ikke læst (endnu en kodekolonne)"),
    ("column 'KØN': read 'I alt'; left out 3 row(s) of 'Kvinder', 'Mænd'",
     "kolonnen 'KØN': læste 'I alt'; udelod 3 række(r) med 'Kvinder', 'Mænd'"),
    ("column 'ALDER': read the empty value; left out 12000 row(s) of '65', '66' …",
     "kolonnen 'ALDER': læste den tomme værdi; udelod 12.000 række(r) med '65', '66' …"),
    ("line 2: read the columns of 'I alt'; left out the columns of 'Mænd'",
     "linje 2: læste kolonnerne under 'I alt'; udelod kolonnerne under 'Mænd'"),
    # store.build, store.derived
    ("sheet 'Diagram1' not read: a chart, not a table", "arket 'Diagram1' er ikke læst: et diagram, ikke en tabel"),
    ("sheet 'Noter' not read: line 1: no period column (periode or tid)",
     "arket 'Noter' er ikke læst: linje 1: ingen periodekolonne (periode eller tid)"),
    # places and lists
    ("sheet 'Ark1': unknown geography 'Nowhere'",
     "ark 'Ark1': ukendt sted 'Nowhere' (ikke en kendt kommune, klynge eller region)"),
    ("sheet 'Ark 3' line 12: not a number: 'x'", "ark 'Ark 3' linje 12: værdien 'x' er ikke et tal"),
    ("line 1048576: empty value", "linje 1.048.576: værdien er tom"),
    ("sheet 'A': line 1: no header row: expected columns such as indikator, geografi, periode, værdi, or periods (or "
     "places) as column headings; sheet 'B': the table has no rows",
     "ark 'A': linje 1: ingen overskriftsrække: forventede kolonner som indikator, geografi, periode, værdi eller "
     "perioder (eller steder) som kolonneoverskrifter; ark 'B': tabellen har ingen rækker"),
    ("column 'KØN': read 'I alt'; left out 4 row(s) of 'Mænd'; column 'Note' not read (a note column)",
     "kolonnen 'KØN': læste 'I alt'; udelod 4 række(r) med 'Mænd'; kolonnen 'Note' er ikke læst (en notekolonne)"),
    # loaders.numbers and loaders.indicators: deliveries (tests/test_extract_deliveries.py)
    ("number '99,371' can be read two ways in a column that writes decimals with '.': not read",
     "tallet '99,371' kan læses på to måder i en kolonne, der skriver decimaler med '.': ikke læst"),
    ("'-' may mean zero or no value: not read (write 0, or '..' for a value not published)",
     "'-' kan betyde nul eller ingen værdi: ikke læst (skriv 0, eller '..' for en værdi, der ikke er "
     "offentliggjort)"),
    ("place not stated ('Uoplyst'): the value belongs to no place and is not read",
     "stedet er ikke oplyst ('Uoplyst'): værdien hører ikke til noget sted og er ikke læst"),
    ("geography 'Randers' is not in 'Aarhusklyngen'", "stedet 'Randers' ligger ikke i 'Aarhusklyngen'"),
    ("'Hele landet' is the whole country, not a place of the reference data: not read",
     "'Hele landet' er hele landet, ikke et sted i referencedataene: ikke læst"),
    ("rows of 'I alt' left out (12 cell(s)): a total over the places, not a place",
     "rækkerne med 'I alt' er udeladt (12 celle(r)): en total over stederne, ikke et sted"),
    ("line 9: 2 line(s) below the table not read (a footer: 'Kilde: Danmarks Statistik')",
     "linje 9: 2 linje(r) under tabellen er ikke læst (en fodnote: 'Kilde: Danmarks Statistik')"),
    ("3 cell(s) kept back for discretion ('<5', '*'): counted as not published, like '..'",
     "3 celle(r) tilbageholdt af diskretionshensyn ('<5', '*'): talt som ikke offentliggjort, som '..'"),
    ("no value column in the unit of lup_collaboration (a score): the table's value columns are 'Antal', "
     "'Andel (%)'",
     "ingen værdikolonne i enheden for lup_collaboration (en score): tabellens værdikolonner er 'Antal', "
     "'Andel (%)'"),
    ("column 'Forebyggelige pr. 1.000 borgere' not read (its unit, a rate, is not the catalogue's unit of "
     "preventable_admissions_65plus, a count)",
     "kolonnen 'Forebyggelige pr. 1.000 borgere' er ikke læst (dens enhed, en rate (pr. indbyggere), er ikke "
     "katalogets enhed for preventable_admissions_65plus, et antal)"),
    ("column 'Antal' not read (the values are read under the headings that name their indicator)",
     "kolonnen 'Antal' er ikke læst (værdierne læses under de overskrifter, der nævner deres indikator)"),
    ("column 'Antal' not read (the unit of readmissions_30d is a percentage: its values are read from "
     "'Andel (%)')",
     "kolonnen 'Antal' er ikke læst (enheden for readmissions_30d er en andel i procent: værdierne læses fra "
     "'Andel (%)')"),
    ("columns 'Antal', 'Andel (%)': each row's value is read from the one in its indicator's unit, the other "
     "cells are left out",
     "kolonnerne 'Antal', 'Andel (%)': hver rækkes værdi læses fra den i indikatorens enhed, de andre celler "
     "er udeladt"),
    ("sheet 'Forklaring': a sheet of text, not a table: no number where its values would be",
     "ark 'Forklaring': et ark med tekst, ikke en tabel: ingen tal, hvor værdierne skulle stå"),
]


@pytest.mark.parametrize("english, expected", EXAMPLES, ids=[e[:50] for e, _ in EXAMPLES])
def test_each_template_in_danish(english, expected):
    assert is_known(english)
    assert danish(english) == expected


def test_every_template_has_an_example():
    unused = [p.pattern for p, _ in TEMPLATES
              if not any(p.fullmatch(english) or _inside(p, english) for english, _ in EXAMPLES)]
    assert not unused


def _inside(pattern: re.Pattern[str], english: str) -> bool:
    """The template matches the example after the places it names, or one of its "; "-joined parts."""
    rest = re.sub(r"^(?:sheet '[^']*'(?: line \d+)?: |line \d+: )+", "", english)
    return bool(pattern.fullmatch(rest)) or any(pattern.fullmatch(part) for part in _parts(rest))


def _parts(text: str) -> Iterator[str]:
    pieces = text.split("; ")
    for i, j in itertools.combinations(range(len(pieces) + 1), 2):
        yield re.sub(r"^(?:sheet '[^']*'(?: line \d+)?: |line \d+: )+", "", "; ".join(pieces[i:j]))


def test_an_unknown_text_is_returned_as_it_is():
    for text in ["the disk went away", "sheet 'X' not read: the disk went away", "line 7: the disk went away",
                 "unknown geography 'Xby'; the disk went away", ""]:
        assert not is_known(text) and danish(text) == text


# --- no English left -------------------------------------------------------------------------------------

ENGLISH_WORDS = {"not", "the", "line", "unknown", "cannot", "sheet", "value", "is", "row", "no", "of", "and",
                 "column", "found", "read", "empty", "file", "number", "period", "table", "a", "an", "or", "with"}
# Carried over from the file or the program as they are: quoted values, the options of the command line,
# codes of the reference files, and an exception's own text after "beskadiget"/"ZIP-fil".
_CARRIED = re.compile(r"'[^']*'|\"[^\"]*\"|--\w+|\[[^\]]*\]|\b(?:up|down|region|cluster|municipality|"
                      r"initiatives|minutes|status_report|indicators|level|parent|unit|direction|target)\b|"
                      r"(?:beskadiget(?: eller afkortet)?|\(Word/Excel\?\)): [^)]*")


def english_words(danish_text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", _CARRIED.sub(" ", danish_text)) if w.lower() in ENGLISH_WORDS}


def test_no_template_keeps_an_english_word():
    for _, wording in TEMPLATES:
        assert not english_words(re.sub(r"\{\w+\}", " ", wording)), wording


# --- the problems real bad files give --------------------------------------------------------------------


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _xlsx(sheets: dict[str, list[list[object]]], chart: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if chart:  # a chart sheet (with a chart: openpyxl cannot read an empty one back)
        first = book.worksheets[0]
        bars = BarChart()
        bars.add_data(Cells(first, min_col=first.max_column, min_row=1, max_row=2))
        book.create_chartsheet(chart).add_chart(bars)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(text: str) -> bytes:
    document = docx.Document()
    if text:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


LONG = "".join(f"{line}\n" for line in [
    "indikator;område;kode;;periode;værdi",
    f"{ACUTE};Aarhus;;;2024M01;10",
    f"{ACUTE};Xby;;;2024M01;10",  # unknown place
    "Ukendt indikator;Aarhus;;;2024M01;10",  # unknown indicator
    f"{ACUTE};Aarhus;;;2024M13;10",  # not a period
    f"{ACUTE};Aarhus;;;2024-02-30;10",  # not a date
    f"{ACUTE};Aarhus;;;;10",  # empty period
    f"{ACUTE};Aarhus;;;2024M02;12,3,4",  # not a number
    f"{ACUTE};Aarhus;;;2024M03;",  # empty value
    f"{ACUTE};Aarhus;;;2024M04;1.234,5",
    f"{ACUTE};Aarhus;;;2024M05;12.5",  # not the column's convention
    f"{READMISSIONS};Aarhus;;;2024M01;140",  # percent outside 0-100
    f"{ACUTE};Aarhus;;;2024M01;11",  # the same as line 2
    f"{ACUTE};Aarhus;;;2024M06",  # too short
    f"{ACUTE};Aarhus;;;2024M07;7;x;y",  # too long
    f"{ACUTE};Aarhus;;se note;2024M08;7",  # a cell without heading
    f"{ACUTE};Aarhus;1083;;2024M09;7",  # name and code disagree
    f"{ACUTE};751 Randers;;;2024M09;7",  # DST's code and a name of another place
    f"{ACUTE};;;;2024M09;7",  # no place
    f'{ACUTE};"Skive "Nord";;;2024M09;7',  # a stray quote
    f'{ACUTE};"Skive;;;2024M10;7',  # an unclosed quote
])


def _unreadable_files(tmp_path: Path) -> list[tuple[Path, dict[str, str | None]]]:
    """(file, parse_file's options): each refused whole."""
    bad: list[tuple[str, bytes | str]] = [
        ("empty.csv", b"   \n"),
        ("binary.csv", bytes(range(256)) * 4),
        ("prose.txt", "Kære alle\n\nHer er en tekst om ingenting i særdeleshed.\n"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 200),
        ("other.zip", _zip({"hello.txt": "hej"})),
        ("damaged.docx", _zip({"word/document.xml": "<not xml"})),
        ("blank.docx", _docx("")),
        ("damaged.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("damaged.xlsx", _zip({"xl/workbook.xml": "<not xml"})),
        ("no-table.xlsx", _xlsx({"A": [["hej"]], "B": [["1", "2"]], "Tom": []})),
        ("header-only.csv", "indikator;område;periode;værdi\n"),
        ("headerless.csv", "Aarhus;2024M01;10\nRanders;2024M01;11\n"),
        ("no-period.csv", "indikator;område;værdi\nx;Aarhus;1\n"),
        ("no-indicator.csv", "område;periode;værdi\nAarhus;2024M01;1\n"),
        ("no-place.csv", f"indikator;periode;værdi\n{ACUTE};2024M01;1\n"),
        ("groups.csv", "OMRÅDE;ALDER;TID;INDHOLD\nAarhus;65-69 år;2024M01;40\nAarhus;70-74 år;2024M01;60\n"),
        ("groups-across.csv", ";Mænd;;Kvinder;\n;2024M01;2024M02;2024M01;2024M02\nAarhus;1;2;10;20\n"),
        ("all-empty.csv", "område;2024K1;2024K2\nAarhus;;\nRanders;;\n"),
        ("no-delimiter.csv", "hej\nmed dig\n"),
        ("places-no-period.csv", "Noget;Aarhus;Randers\nx;1;2\n"),
        ("no-header.csv", "a;b\nc;d\n"),
    ]
    options: dict[str, dict[str, str | None]] = {
        "headerless.csv": {"kind": "indicators"},
        "no-period.csv": {"kind": "indicators"}, "no-indicator.csv": {"kind": "indicators"},
        "no-place.csv": {"kind": "indicators"}, "groups.csv": {"indicator": ACUTE},
        "groups-across.csv": {"indicator": ACUTE}, "all-empty.csv": {"indicator": ACUTE},
        "no-delimiter.csv": {"kind": "indicators"}, "places-no-period.csv": {"indicator": ACUTE},
        "no-header.csv": {"kind": "indicators"},
    }
    files = [(_write(tmp_path, name, content), options.get(name, {})) for name, content in bad]
    prose = tmp_path / "prose.txt"
    files += [(prose, {"kind": "minutes"}), (prose, {"kind": "initiatives"}), (prose, {"kind": "referat"}),
              (tmp_path / "no-table.xlsx", {"kind": "minutes"}), (tmp_path / "header-only.csv", {"indicator": "akut"}),
              (tmp_path / "missing.csv", {}), (tmp_path, {})]
    return files


def _reference_problems(tmp_path: Path) -> list[str]:
    """load_reference's problems, one bad reference folder at a time."""
    header = ",".join(INDICATOR_COLUMNS)
    good_indicator = f"{ACUTE},Akutte,Akutte,count,down,month,region,,,1,\n"
    geo_head = "level,code,name,parent,hospital,aliases,population\n"
    region = "region,1082,Region Midtjylland,,,,\n"
    measure_head = "id,topic,names,cues,unit,kind,label,indicator\n"
    cases = {
        "no-geography": ({}, None),
        "missing-columns": ({"geography/a.csv": "level,code\nregion,1\n"}, None),
        "level": ({"geography/a.csv": geo_head + "kommune,1,X,,,,\n"}, None),
        "name": ({"geography/a.csv": geo_head + "region,1082,,,,,\n"}, None),
        "twice": ({"geography/a.csv": geo_head + region + "municipality,1082,Aarhus,1082,,,\n"}, None),
        "parent": ({"geography/a.csv": geo_head + region + "municipality,751,Aarhus,nord,,,\n"}, None),
        # (each file starts with its region: b.csv's cluster of a.csv's region is refused)
        "first": ({"geography/b.csv": geo_head + "cluster,aarhus,Aarhusklyngen,1082,,,\n"}, None),
        "population": ({"geography/a.csv": geo_head + "region,1082,Region Midtjylland,,,,1.300.000\n"}, None),
        "unit": ({}, f"{ACUTE},A,A,antal,down,month,region,,,1,\n"),
        "direction": ({}, f"{ACUTE},A,A,count,op,month,region,,,1,\n"),
        "target": ({}, f"{ACUTE},A,A,count,down,month,region,høj,,1,\n"),
        "measure-indicator": ({"measures.csv": measure_head + "m,t,X,y,count,value,M,nope\n"}, ""),
        "measure-unit": ({"measures.csv": measure_head + "m,t,X,y,stk,value,M,\n"}, ""),
        "measure-kind": ({"measures.csv": measure_head + "m,t,X,y,count,tal,M,\n"}, ""),
        "measure-date": ({"measures.csv": measure_head + "m,t,X,y,count,date,M,\n"}, ""),
        "measure-empty": ({"measures.csv": measure_head + "m,t,,y,count,value,M,\n"}, ""),
    }
    problems = []
    for name, (files, indicator) in cases.items():
        folder = tmp_path / "reference" / name
        geography = files.get("geography/a.csv", geo_head + region) if name != "no-geography" else None
        if geography is not None:
            _write_in(folder / "geography" / "a.csv", geography)
        else:
            (folder / "geography").mkdir(parents=True)
        _write_in(folder / "indicators.csv", header + "\n" + (indicator or good_indicator))
        for file, content in files.items():
            if file != "geography/a.csv":
                _write_in(folder / file, content)
        with pytest.raises(UnreadableFile) as caught:
            load_reference(folder)
        problems.append(caught.value.problem)
    return problems


def _write_in(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def _document_problems(ref: Reference) -> list[str]:
    """The rejections of minutes, initiative overviews and status reports."""
    minutes = ("Referat\nUdvalg: Sundhedsudvalget\n\nPunkt 1: Budget\nBeslutning\nGodkendt.\n\nPunkt 2:\n\n"
               "Beslutning\nAfvist.\n\nPunkt 3a: Tillæg\nBeslutning\nGodkendt.\n")
    table = ("Sundhedsstyregruppen – Beslutningsreferat – 3. februar 2025\n\nPkt.\tEmne\tBeslutning\n"
             "1\tGodkendelse af dagsorden\tGodkendt.\n5a\tTillægspunkt\tGodkendt.\n")
    initiatives = ("Tid\tIndsats\tStatus\tForslag\n2025\tForældreløs\t\t\n\n## 1. SSG\nTid\tIndsats\tStatus\tForslag\n"
                   "2025\tA\tB\tC\tD\tE\n2025 en linje uden kolonner\n")
    report = ("Statusrapport Region Syddanmark\nStatus pr. 4. kvartal 2024\n\n"
              "Indikator\tStatus\tUdvikling\nAndel akutte genindlæggelser indenfor 30 dage\t12,1\t↓\n"
              "Andel akutte genindlæggelser indenfor 30 dage\t\tingen tal\nEn indikator vi ikke kender\t5\t→\n"
              "Antal færdigbehandlingsdage på sygehusene\tabc\t→\n")
    from loaders.initiatives import parse_initiatives

    found = [r["reason"] for r in parse_minutes(minutes)["rejected"] + parse_minutes(table)["rejected"]]
    found += [r["reason"] for r in parse_initiatives(initiatives)["rejected"]]
    found += [r["reason"] for r in parse_status_report(report, ref)["rejected"]]
    found += [r["reason"] for r in parse_status_report("Status pr. 1. januar\nstatus\n", ref)["rejected"]]
    return found


def _number_problems() -> list[str]:
    found = []
    for cell, convention in [(float("inf"), None), ("", None), ("1,5", ENGLISH), ("abc", None)]:
        with pytest.raises(RowRejected) as caught:
            parse_number(cell, convention)  # type: ignore[arg-type]
        found.append(str(caught.value))
    return found


@pytest.fixture(scope="module")
def produced(ref: Reference, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Problems real bad input gives: ``clean`` (worded wholly by the code) and ``detail`` (quoting an
    exception's own text, which stays as it is)."""
    tmp_path = tmp_path_factory.mktemp("bad")
    clean: list[str] = []
    detail: list[str] = []
    parsed = parse_file(_write(tmp_path, "long.csv", LONG), ref)
    clean += [r["reason"] for r in parsed["rejected"]]
    workbook = _xlsx({"Ark1": [["Indikator", "Kommune", "KØN", "Note", "Periode", "Værdi", "Tid"],
                               [ACUTE, "Aarhus", "I alt", "x", "2024M01", 10, "2024M01"],
                               [ACUTE, "Aarhus", "Mænd", "y", "2024M01", 4, "2024M01"],
                               [ACUTE, "Nowhere", "I alt", "", "2024M01", 3, "2024M01"]],
                      "Ark2": [["Indikator", "Kommune", "Periode", "Værdi"], [ACUTE, "Aarhus", "2024M01", 10]],
                      "Noter": [["Kilde: Danmarks Statistik"]]}, chart="Diagram")
    parsed = parse_file(_write(tmp_path, "book.xlsx", workbook), ref)
    clean += [r["reason"] for r in parsed["rejected"]] + parsed["notes"]
    clean += [f"sheet '{s['sheet']}' not read: {s['reason']}" for s in parsed["skipped_sheets"]]
    groups = ("AKUT65: Antal akutte sygehusindlæggelser, for patienter +65 år efter område, køn og tid\n"
              ";Mænd;;I alt;\n;2024M01;2024M02;2024M01;2024M02\nAarhus;1;2;10;20\n")
    clean += parse_file(_write(tmp_path, "groups-ok.csv", groups), ref)["notes"]
    measures = "område;periode;værdi;befolkning;tid\nAarhus;2024M01;1;1000;x\nRanders;2024M01;2;2000;y\n"
    clean += parse_file(_write(tmp_path, "measure.csv", measures), ref, indicator=ACUTE)["notes"]
    for path, options in _unreadable_files(tmp_path):
        with pytest.raises(UnreadableFile) as caught:
            parse_file(path, ref, **options)  # type: ignore[arg-type]
        problem = caught.value.problem
        (detail if re.search(r"damaged|ZIP file \(", problem) else clean).append(problem)
    with pytest.raises(UnreadableFile) as caught:
        document_text(tmp_path / "no-table.xlsx", (tmp_path / "no-table.xlsx").read_bytes())
    clean.append(caught.value.problem)
    clean += _reference_problems(tmp_path)
    clean += _document_problems(ref)
    clean += _number_problems()
    return {"clean": clean, "detail": detail}


def test_real_problems_cover_the_loaders(produced):
    """The bad files above give the problems they are meant to (they are no test of nothing)."""
    text = "\n".join(produced["clean"] + produced["detail"])
    for part in ["unknown geography 'Xby'", "unknown indicator 'Ukendt indikator'", "not a period", "not a date",
                 "empty period", "not a number: '12,3,4'", "empty value", "does not follow the number format",
                 "percent value", "the first one is kept", "truncated row", "beyond the header", "has no heading",
                 "does not match code", "code 751 is Aarhus", "no geography in the row", "stray quote",
                 "unexpected end of data", "sheet 'Ark1': unknown geography", "not read (a note column)",
                 "not read (a second period column)", "left out 1 row(s) of 'Mænd'", "not read: a chart",
                 "sheet 'Noter' not read: no header row", "read the columns of", "none of the table's",
                 "the file is empty", "binary file", "cannot tell what kind", "old Word", "damaged or truncated ZIP",
                 "neither a Word", "not a readable Word", "contains no text", "not a readable PDF",
                 "not a readable XLSX", "sheet 'A': no header row", "a header but no rows",
                 "header row is missing", "no period column", "no indicator column",
                 "no geography column", "holds several groups", "split into groups", "no value read",
                 "no columns found", "places as column headings", "no agenda items", "no initiative rows",
                 "unknown kind", "holds indicator tables, not minutes", "read as an indicator table",
                 "given with --indicator", "no such file", "is a folder", "no geography files", "missing column(s)",
                 "level must be", "code and name", "already used", "is not defined above", "must come first",
                 "not a whole number", "unit must be", "direction must be", "target 'høj'", "unknown indicator 'nope'",
                 "kind must be", "a date measure", "a measure needs", "agenda item number '3a'", "has no title", "numbered '5a'", "without columns",
                 "expected 4 columns, found 6", "before any numbered section", "no value for", "names no period",
                 "which region", "not a finite number"]:
        assert part in text, part


def test_every_real_problem_has_a_danish_wording(produced):
    unknown = [p for p in produced["clean"] + produced["detail"] if not is_known(p)]
    assert not unknown


def test_no_english_word_is_left_in_a_real_problem(produced):
    left = {p: english_words(danish(p)) for p in produced["clean"] + produced["detail"]}
    assert not {p: words for p, words in left.items() if words}


def test_a_build_stores_problems_that_all_have_a_danish_wording(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "reference", data / "reference")
    _write_in(data / "sources" / "extract.csv", LONG)
    (data / "sources" / "book.xlsx").write_bytes(_xlsx({
        "Ark1": [["Indikator", "Kommune", "KØN", "Periode", "Værdi"], [ACUTE, "Aarhus", "I alt", "2024M01", 10],
                 [ACUTE, "Aarhus", "Mænd", "2024M01", 4], [ACUTE, "Nowhere", "I alt", "2024M01", 3]],
        "Noter": [["Kilde"]]}, chart="Diagram"))
    (data / "sources" / "binary.csv").write_bytes(bytes(range(256)))
    report = build(data, tmp_path / "db.sqlite", today=BUILD_DAY)
    import sqlite3

    with sqlite3.connect(report.db_path) as conn:
        stored = [r for (r,) in conn.execute("SELECT reason FROM rejections")]
        stored += [m for (m,) in conn.execute("SELECT message FROM sources WHERE message != ''")]
    stored += [s["reason"] for s in report.skipped]
    assert any("not read: a chart" in s for s in stored)
    assert any("binary" in s for s in stored) and any("left out" in s for s in stored)
    assert [s for s in stored if not is_known(s)] == []
    assert {s: english_words(danish(s)) for s in stored if english_words(danish(s))} == {}


def _zeros(members: dict[str, int]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, size in members.items():
            archive.writestr(name, bytes(size))
    return out.getvalue()


def test_refused_uploads_and_archives_have_a_danish_wording(monkeypatch):
    import settings
    from loaders import uploads

    def refused(check, *args):
        with pytest.raises(UnreadableFile) as caught:
            check(*args)
        return caught.value.problem

    upload = uploads.check_upload
    problems = [refused(upload, "x.bin", magic + bytes(64), 10**6) for magic, _ in uploads._BINARIES]
    problems += [refused(upload, "x.csv", b"", 10**6), refused(upload, "x.csv", b"a;b\n" * 1000, 100),
                 refused(upload, "x.csv", b"\xff\xfe\x00\xd8a\x00", 10**6), refused(upload, "x.csv", b"a\x00b", 10**6),
                 refused(upload, "x.csv", bytes(range(1, 9)) * 100, 10**6)]
    big = uploads._RATIO_FROM
    problems += [refused(uploads.check_archive, "x.xlsx", _zeros({"a.xml": big + 1})),
                 refused(uploads.check_archive, "x.xlsx", _zeros({f"{i}.xml": big // 2 for i in range(3)}))]
    monkeypatch.setenv(settings.SETTINGS["archive_max_members"].env, "2")
    problems.append(refused(uploads.check_archive, "x.xlsx", _zeros({"a": 1, "b": 1, "c": 1})))
    monkeypatch.setenv(settings.SETTINGS["archive_max_mb"].env, "0.001")
    problems.append(refused(uploads.check_archive, "x.xlsx", _zeros({"a": 10_000})))
    assert [p for p in problems if not is_known(p)] == []
    assert {p: english_words(danish(p)) for p in problems if english_words(danish(p))} == {}
    assert len(set(problems)) >= len(uploads._BINARIES) + 8


# --- every message in the source ---------------------------------------------------------------------------

SOURCES = sorted(path for path in [*(ROOT / "loaders").glob("*.py"), ROOT / "domain" / "periods.py",
                                   ROOT / "store" / "build.py", ROOT / "store" / "derived.py",
                                   ROOT / "store" / "imports.py"]
                 if path.exists() and path.name != "danish.py")
# The calls that take a problem: name → the position of the problem among the arguments.
RAISERS = {"RowRejected": 0, "UnreadableFile": 1, "BadNumber": 0, "BadPeriod": 0, "UnknownGeography": 0,
           "UnknownIndicator": 0, "LoaderError": 0, "RefusedFile": 1, "reject": 1, "Refused": 1,
           "_refuse": 1, "_refuse_binary": 2}
# Problems given as an expression that holds no text of its own: each passes on a message written (and
# checked) elsewhere. A new one must be added here on purpose, after checking where its text comes from.
PASSED_ON = {
    "str(exc)",  # an exception's text: its own message, checked where it is raised
    "exc.problem",  # an UnreadableFile's problem, as raised
    "str(per)",  # a BadPeriod, as raised
    "str(known)",  # loaders.indicators: a BadPeriod kept for the period's later rows, as raised
    "pair",  # a place or indicator's RowRejected text (the checker's pair_of)
    "reason",  # loaders.indicators: reject()/Sink.reject() pass on their argument
    "prefix + reason",  # … after the sheet ("sheet 'X': "), a place _translate knows
    "cells.problem",  # a BrokenRow's problem, assigned as a literal (checked)
    "start.problem", "row.problem",  # loaders.minutes: problems assigned as literals (checked)
    "problem",  # loaders.documents: the PDF's problem, assigned as a literal (checked)
    "r['reason']",  # store.build: a rejection stored as the loader gave it
    "'; '.join(problems)",  # the sheets' problems, each checked where it is appended
    "n",  # loaders.indicators: the layout's notes, each checked where it is appended
    "r.problem",  # loaders.__main__: a refused file's problem, as raised
    "str",  # store.build: the type of the rejections table's "reason" column
    "damaged.format(exc)",  # loaders.uploads.check_archive: its damaged="… {}" texts, checked where given
    "getattr(exc, 'problem', str(exc))",  # store.imports: a LoaderError's problem (or text), as raised
    "failed[f.name]",  # store.imports: a file the build could not read whole, its reason as the build stored it
}
# Sample values for a formatted field, by what the field's expression says it is; a field that says
# nothing gets a word and a number. The first combination that gives a known problem wins.
HINTS = [
    (re.compile(r"^_at\("), ["line 7", "sheet 'x' line 7"]),  # before "where": _at(_where(…)) is a line
    (re.compile(r"where|prefix"), ["", "sheet 'x': "]),
    (re.compile(r"\brole\b"), ["period"]),
    (re.compile(r"CONVENTION"), ["Danish (decimal comma)"]),
    (re.compile(r"^(?:exc|cause|.*\['reason'\])$"), ["the table has no rows", "x"]),
    (re.compile(r"^kind$"), ["minutes", "x"]),
    (re.compile(r"^kept$"), ["'x'", "the empty value"]),
    (re.compile(r"^what$"), ["a PNG image"]),
    (re.compile(r"^english$"), ["a named pipe (FIFO)"]),
    (re.compile(r"^problem$"), ["the file is empty", "x"]),
]


def _candidates(field: ast.FormattedValue) -> list[str]:
    source = ast.unparse(field.value)
    return next((samples for hint, samples in HINTS if hint.search(source)), ["x", "7"])


def _messages(tree: ast.AST) -> Iterator[ast.expr]:
    """The expressions that become a problem: the text of a loader error, a rejection's reason, a note,
    a sheet's problem, a problem assigned to a ``problem``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in RAISERS and len(node.args) > RAISERS[name]:
                yield node.args[RAISERS[name]]
            elif name == "append" and isinstance(func, ast.Attribute) and node.args and \
                    ast.unparse(func.value).endswith(("notes", "problems")):
                yield node.args[0]
            for keyword in node.keywords:  # check_archive(…, damaged="… {}")
                if keyword.arg == "damaged":
                    yield keyword.value
        elif isinstance(node, ast.FunctionDef):
            positional = node.args.args[len(node.args.args) - len(node.args.defaults):]
            for arg, default in [*zip(positional, node.args.defaults), *zip(node.args.kwonlyargs, node.args.kw_defaults)]:
                if arg.arg == "damaged" and default is not None:
                    yield default
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "reason":
                    yield value
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(ast.unparse(t).split(".")[-1] == "problem" for t in targets):
                yield node.value


def _texts(node: ast.expr) -> Iterator[ast.expr]:
    """The literal texts an expression may give (both sides of ``a if c else b``, each of ``a or b``)."""
    if isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _texts(value)
    else:
        yield node


def _samples(node: ast.JoinedStr) -> Iterator[str]:
    fields = [v for v in node.values if isinstance(v, ast.FormattedValue)]
    for values in itertools.product(*(_candidates(f) for f in fields)):
        given = iter(values)
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant):
                text += str(part.value)
            else:
                assert isinstance(part, ast.FormattedValue)
                value = next(given)
                text += repr(value) if part.conversion == ord("r") else value
        yield text


def _source_messages() -> list[tuple[str, ast.expr]]:
    found = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for message in _messages(tree):
            for text in _texts(message):
                found.append((f"{path.relative_to(ROOT)}:{text.lineno}", text))
    return found


MESSAGES = _source_messages()


@pytest.mark.parametrize("where, node", MESSAGES, ids=[w for w, _ in MESSAGES])
def test_every_message_in_the_source_has_a_danish_wording(where, node):
    if isinstance(node, ast.Constant):
        # (None, "": no problem; "{}": the cause, where check_archive's damaged="… {}" gives it)
        assert node.value in (None, "") or is_known(str(node.value).replace("{}", "x")), node.value
    elif isinstance(node, ast.JoinedStr):
        if not any(is_known(sample) for sample in _samples(node)):
            pytest.fail(f"no Danish wording for {ast.unparse(node)}")
    else:
        assert ast.unparse(node) in PASSED_ON, f"{ast.unparse(node)}: a problem passed on from where?"


def test_the_source_scan_finds_the_messages():
    texts = [ast.unparse(node) for _, node in MESSAGES]
    assert len(MESSAGES) > 80
    assert any("unknown geography" in t for t in texts) and any("a chart, not a table" in t for t in texts)
    assert any("a measure needs" in t for t in texts) and any("not read: " in t for t in texts)
    assert any("not a period" in t for t in texts) and any("the file is empty" in t for t in texts)


def test_csv_errors_quoted_in_a_broken_line_are_the_ones_python_gives():
    seen = set()
    for line in ['a;"b"c;d', 'a;"b;c']:
        with pytest.raises(csv.Error) as caught:
            next(csv.reader([line], delimiter=";", strict=True))
        seen.add(str(caught.value))
    assert all(is_known(f"the line cannot be split into cells ({e}: a stray quote?); not read") for e in seen)
    assert all("expected" not in danish(f"the line cannot be split into cells ({e}: a stray quote?); not read")
               for e in seen)
