"""The Danish wording of the problems the loaders and the build report in English.

The loaders, ``domain.periods``, ``store.build``, ``store.derived`` and ``store.imports`` word every
problem in plain English: a rejected row's reason (stored with its line), an unreadable or refused
file's problem, a sheet that is not read, the notes on columns left out, a key figure whose quote is not
found. The command line shows them as they are; the app shows ``danish(problem)``.

``TEMPLATES`` holds one row per English message: the compiled pattern of the English text and its
Danish wording. A ``{name}`` in the English text is a value the message carries (a cell, a name, a
count); the Danish text carries it over as it is, except for the names ``CONVERT`` lists (numbers in
Danish format, a nested reason translated in turn, a role or a kind of document in Danish, …).

Around the messages: the places a problem names first (``line 7: …``, ``sheet 'Data' line 7: …``,
``sheet 'Data': …``) become ``linje 7: …``, ``ark 'Data' linje 7: …``, ``ark 'Data': …``; a file's
name before its problem (``akut.csv: …``, as ``str(UnreadableFile)`` gives it) stays as it is; several
problems joined by ``"; "`` (the sheets of a workbook, a file's notes, a refusal and its ``refused (a
zip bomb?)``) are translated one by one.

A text that matches no template is returned as it is by ``danish``; ``is_known`` tells whether it
matched (the tests hold every message of the loaders to it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from domain.formatting import number
from loaders import text as reading

__all__ = ["TEMPLATES", "danish", "is_known"]


def _count(text: str) -> str:
    return number(int(text))


ROLES = {  # loaders.indicators.ROLE_NAMES' roles, as "a second {role} column" names them
    "indicator": "indikator", "geo": "geografi", "geo_code": "kode", "period": "periode", "value": "værdi",
    "numerator": "tæller", "denominator": "nævner",
}
KINDS = {  # loaders.detect.KINDS, as "not {kind}" names them
    "initiatives": "en indsatsoversigt", "minutes": "et referat", "status_report": "en statusrapport",
    "indicators": "en indikatortabel",
}
CONVENTIONS = {  # loaders.numbers.CONVENTION_NAMES
    "Danish (decimal comma)": "dansk (decimalkomma)", "English (decimal point)": "engelsk (decimalpunktum)",
}
CSV_ERRORS = [  # Python's csv module, as "the line cannot be split into cells ({csv}: …)" quotes it
    (re.compile(r"(?P<char>'.*') expected after '\"'", re.DOTALL), "{char} forventet efter '\"'"),
    (re.compile(r"unexpected end of data"), "linjen slutter midt i et felt i anførselstegn"),
]
OS_ERRORS = {  # strerror texts, as "cannot be opened ({oserror})" quotes them
    "Permission denied": "ingen adgang", "Is a directory": "er en mappe", "No such file or directory":
    "filen findes ikke", "Operation not permitted": "handlingen er ikke tilladt",
}


UNITS = {  # loaders.indicators.UNIT_WORDS, as "its unit, {unit}" names them
    "a count": "et antal", "a percentage": "en andel i procent", "a score": "en score",
    "a rate": "en rate (pr. indbyggere)", "no unit": "ingen enhed", "unknown": "ukendt",
}


BINARIES = {  # loaders.uploads._BINARIES, as "{what}, not a document or an extract" names them
    "a PNG image": "et PNG-billede", "a JPEG image": "et JPEG-billede", "a GIF image": "et GIF-billede",
    "a TIFF image": "et TIFF-billede", "a Windows program (.exe/.dll)": "et Windows-program (.exe/.dll)",
    "a Linux program (ELF)": "et Linux-program (ELF)", "a macOS program": "et macOS-program",
    "a gzip archive": "et gzip-arkiv", "a 7-Zip archive": "et 7-Zip-arkiv", "a RAR archive": "et RAR-arkiv",
    "an empty ZIP archive": "et tomt ZIP-arkiv",
}
# What a source is when it is no regular file, as loaders.text words it.
NOT_FILES = {english: danish for _, english, danish in reading.NOT_FILES} | dict([reading.LOOP, reading.OTHER])


def _english_number(text: str) -> str:
    """``1,234.5`` (as the English messages write a size or a count) → ``1.234,5``."""
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _column(name: str) -> str:
    """A column as a message names it: its heading, or ``column 3`` when it has none."""
    m = re.fullmatch(r"column (\d+)", name)
    return f"kolonne {_count(m[1])}" if m else name


def _kept(text: str) -> str:
    return "den tomme værdi" if text == "the empty value" else text


def _at(text: str) -> str:
    """``line 7`` or ``sheet 'Data' line 7`` (loaders.indicators._at)."""
    m = re.fullmatch(r"(?:sheet '(?P<sheet>.*)' )?line (?P<line>\d+)", text, re.DOTALL)
    assert m, text
    return (f"ark '{m['sheet']}' " if m["sheet"] is not None else "") + f"linje {_count(m['line'])}"


def _table(rows: list[tuple[re.Pattern[str], str]], text: str) -> str:
    for pattern, wording in rows:
        m = pattern.fullmatch(text)
        if m:
            return wording.format(**m.groupdict())
    return text


def _reason(text: str) -> str | None:
    """A problem inside another (a skipped sheet's reason), in Danish; None when unknown."""
    return _translate(text)


# name → (the pattern it matches, how it is carried into the Danish text: None when unknown)
CONVERT: dict[str, tuple[str, Callable[[str], str | None]]] = {
    "line": (r"\d+", _count), "count": (r"\d+", _count), "width": (r"\d+", _count), "col": (r"\d+", _count),
    "rows": (r"\d+", _count), "found": (r"\d+", _count), "megabytes": (r"\d+", _count),
    "at": (r"(?:sheet '.*?' )?line \d+", _at),
    "reason": (r".+?", _reason),
    "role": ("|".join(ROLES), ROLES.__getitem__),
    "kind": (r".*?", lambda text: KINDS.get(text, text)),
    "convention": ("|".join(re.escape(c) for c in CONVENTIONS), CONVENTIONS.__getitem__),
    "name": (r".*?", _column),
    "kept": (r".*?", _kept),
    "csv": (r".*?", lambda text: _table(CSV_ERRORS, text)),
    "oserror": (r".*?", lambda text: OS_ERRORS.get(text, text)),
    "amount": (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", _english_number),
    "what": ("|".join(re.escape(b) for b in BINARIES), BINARIES.__getitem__),
    "unit": (r".*?", lambda text: UNITS.get(text, text)),
    "nonfile": ("|".join(re.escape(b) for b in NOT_FILES), NOT_FILES.__getitem__),
    "code": (r"-?\d+|None", str),
}
_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(english: str) -> re.Pattern[str]:
    """The English template as a pattern: its text literally, each ``{name}`` a group."""
    parts, end = [], 0
    for m in _FIELD.finditer(english):
        parts.append(re.escape(english[end:m.start()]))
        kind = CONVERT.get(m[1].rstrip("0123456789"), (r".*?", str))[0]
        parts.append(f"(?P<{m[1]}>{kind})")
        end = m.end()
    parts.append(re.escape(english[end:]))
    return re.compile("".join(parts), re.DOTALL)


_SEVERAL_GROUPS = "a table must hold one series per place and period; download the total, or one file per group"
_SEVERAL_GROUPS_DA = "en tabel må kun rumme én serie pr. sted og periode; hent totalen eller én fil pr. gruppe"

# (English template, Danish wording), most specific first where one template's text could match another's.
_ROWS: list[tuple[str, str]] = [
    # --- loaders.numbers: a number cell ---
    ("not a finite number: {value}", "værdien {value} er ikke et endeligt tal"),
    ("not a number: {value}", "værdien {value} er ikke et tal"),
    ("empty value", "værdien er tom"),
    ("number {value} does not follow the number format decided for its column, {convention}",
     "tallet {value} følger ikke det talformat, der er fastlagt for kolonnen: {convention}"),
    # --- domain.periods: a period cell ---
    ("empty period", "perioden er tom"),
    ("not a date: {value}", "{value} er ikke en gyldig dato"),
    ("not a period: {value}", "{value} er ikke en gyldig periode"),
    # --- loaders.reference: places and indicators, the reference files ---
    ("unknown geography '{value}'", "ukendt sted '{value}' (ikke en kendt kommune, klynge eller region)"),
    ("unknown indicator {value} (given with --indicator)",
     "ukendt indikator {value} (angivet med --indicator)"),
    ("unknown indicator {value}", "ukendt indikator {value}"),
    ("missing column(s) {value}", "kolonne(r) mangler: {value}"),
    ("no geography files (*.csv)", "ingen geografifiler (*.csv)"),
    ("level must be region, cluster or municipality, not {value}",
     "niveauet (level) skal være region, cluster eller municipality, ikke {value}"),
    ("code and name are required", "kode og navn skal udfyldes"),
    ("code {code} is already used by {place}", "koden {code} bruges allerede af {place}"),
    ("parent {value} is not defined above", "det overordnede sted (parent) {value} står ikke længere oppe i filen"),
    ("the region row must come first", "regionens række skal stå først"),
    ("population {value} is not a whole number", "indbyggertallet {value} er ikke et helt tal"),
    ("unit must be one of {units}, not {value}", "enheden (unit) skal være en af {units}, ikke {value}"),
    ("direction must be up or down, not {value}", "retningen (direction) skal være up eller down, ikke {value}"),
    ("target {value} is not a number", "målet (target) {value} er ikke et tal"),
    ("kind must be one of {units}, not {value}", "arten (kind) skal være en af {units}, ikke {value}"),
    ("a date measure has no unit, and only a date measure", "kun en dato-måling (kind date) er uden enhed"),
    ("a measure needs an id, names, cues and a label",
     "en måling skal have id, navne (names), ord (cues) og en betegnelse (label)"),
    # --- loaders.text: reading a file ---
    ("no such file", "filen findes ikke"),
    ("is a folder, not a file", "er en mappe, ikke en fil"),
    ("cannot be opened ({oserror})", "kan ikke åbnes ({oserror})"),
    ("the file is empty", "filen er tom"),
    ("this is a binary file, not a text document or CSV table",
     "det er en binær fil, ikke et tekstdokument eller en CSV-tabel"),
    # --- loaders.limits: the worker that reads a file ---
    ("reading it reached the limit of {amount} s of CPU time for a file of its size (settings parse_*): not read",
     "læsningen nåede grænsen på {amount} sekunders CPU-tid for en fil af dens størrelse (indstillingerne "
     "parse_*): ikke læst"),
    ("reading it reached the limit of {amount} MB of memory for a file of its size (settings parse_*): not read",
     "læsningen nåede grænsen på {amount} MB hukommelse for en fil af dens størrelse (indstillingerne "
     "parse_*): ikke læst"),
    ("reading it reached the limit of {amount} MB of output for a file of its size (settings parse_*): not read",
     "læsningen nåede grænsen på {amount} MB data for en fil af dens størrelse (indstillingerne parse_*): "
     "ikke læst"),
    ("the process reading it ended without its result (exit code {code})",
     "processen, der læste filen, sluttede uden sit resultat (kode {code})"),
    ("not a regular file but {nonfile}; only regular files are read",
     "ikke en almindelig fil, men {nonfile}; kun almindelige filer læses"),
    ("page {count} of the PDF draws more than {amount} characters, the limit for one page",
     "side {count} i PDF-filen tegner mere end {amount} tegn, grænsen for én side"),
    ("the PDF draws more than {amount} characters, the limit for one file",
     "PDF-filen tegner mere end {amount} tegn, grænsen for én fil"),
    ("the PDF has more than {amount} pages, the limit for one file",
     "PDF-filen har mere end {amount} sider, grænsen for én fil"),
    ("reading failed ({detail})", "læsningen mislykkedes ({detail})"),
    ("0 of {amount} rows stored (the file could not be read whole): {reason}",
     "0 af {amount} rækker indlæst (filen kunne ikke læses hel): {reason}"),
    # --- loaders.documents: PDF, Word, ZIP ---
    ("an old Word or Excel 97-2003 file (.doc/.xls): save it as .docx or .xlsx (or PDF) and load that",
     "en gammel Word- eller Excel 97-2003-fil (.doc/.xls): gem den som .docx eller .xlsx (eller PDF), "
     "og indlæs den i stedet"),
    ("a damaged or truncated ZIP file (Word/Excel?): {detail}",
     "en beskadiget eller afkortet ZIP-fil (Word/Excel?): {detail}"),
    ("the file unpacks to more than {megabytes} MB", "filen fylder mere end {megabytes} MB, når den pakkes ud"),
    ("a ZIP archive that is neither a Word document (.docx) nor an Excel workbook (.xlsx)",
     "et ZIP-arkiv, der hverken er et Word-dokument (.docx) eller en Excel-projektmappe (.xlsx)"),
    ("an Excel workbook is read as an indicator table, not as a document",
     "en Excel-projektmappe læses som en indikatortabel, ikke som et dokument"),
    ("the PDF is password-protected; save it without a password",
     "PDF-filen er beskyttet med adgangskode; gem den uden adgangskode"),
    ("not a readable PDF (damaged or truncated: {detail})", "ikke en læsbar PDF-fil (beskadiget eller afkortet: {detail})"),
    ("not a readable PDF (damaged: {detail})", "ikke en læsbar PDF-fil (beskadiget: {detail})"),
    ("the PDF has no text layer (a scanned document?); text recognition (OCR) is not supported: "
     "load the original Word file or a searchable PDF",
     "PDF-filen har intet tekstlag (et scannet dokument?); tekstgenkendelse (OCR) understøttes ikke: "
     "indlæs den oprindelige Word-fil eller en søgbar PDF"),
    ("the PDF contains no text", "PDF-filen indeholder ingen tekst"),
    ("not a readable Word document (damaged: {detail})", "ikke et læsbart Word-dokument (beskadiget: {detail})"),
    ("the Word document contains no text", "Word-dokumentet indeholder ingen tekst"),
    # --- loaders.uploads: a file refused before it is read (each followed by "; refused (a zip bomb?)" or
    # "; the dashboard reads …", translated on their own) ---
    ("refused (a zip bomb?)", "afvist (en zip-bombe?)"),
    ("the dashboard reads PDF, Word .docx, text/CSV and Excel .xlsx",
     "dashboardet læser PDF, Word .docx, tekst/CSV og Excel .xlsx"),
    ("the file is {amount} MB, more than the limit of {amount2} MB",
     "filen fylder {amount} MB, mere end grænsen på {amount2} MB"),
    ("not UTF-16 text, though it starts with a UTF-16 byte order mark",
     "ikke gyldig UTF-16-tekst, selv om filen begynder med et UTF-16-byteordensmærke (BOM)"),
    ("a binary file (it holds NUL bytes), not text", "en binær fil (den indeholder NUL-byte), ikke tekst"),
    ("a binary file (full of control characters), not text", "en binær fil (fuld af kontroltegn), ikke tekst"),
    ("{what}, not a document or an extract", "{what}, ikke et dokument eller et udtræk"),
    ("the archive's directory is {amount} MB, more than {amount2} members need ({setting})",
     "arkivets indholdsfortegnelse fylder {amount} MB, mere end {amount2} dele har brug for ({setting})"),
    ("the archive unpacks to {amount} MB from {amount2} KB, compressed {amount3} to 1, more than the limit of "
     "{amount4} to 1 ({setting})",
     "arkivet pakker ud til {amount} MB fra {amount2} KB, komprimeret {amount3} til 1, mere end grænsen på "
     "{amount4} til 1 ({setting})"),
    ("the archive unpacks to {amount} MB, more than the limit of {amount2} MB ({setting})",
     "arkivet pakker ud til {amount} MB, mere end grænsen på {amount2} MB ({setting})"),
    ("member '{value}' unpacks to {amount} MB from {amount2} KB, compressed {amount3} to 1, more than the limit "
     "of {amount4} to 1 ({setting})",
     "delen '{value}' pakker ud til {amount} MB fra {amount2} KB, komprimeret {amount3} til 1, mere end grænsen "
     "på {amount4} til 1 ({setting})"),
    ("members '{value}' and '{value2}' overlap in the archive (one compressed stream read as several)",
     "delene '{value}' og '{value2}' overlapper hinanden i arkivet (én komprimeret datastrøm læst som flere)"),
    ("the archive holds {amount} members, more than the limit of {amount2} ({setting})",
     "arkivet består af {amount} dele, mere end grænsen på {amount2} ({setting})"),
    # --- store.imports: a file offered for import ---
    ("same content as {file}, already loaded", "samme indhold som {file}, der allerede er indlæst"),
    ("cannot read: {oserror}", "kan ikke læses: {oserror}"),
    ("no row could be read ({count} rejected)", "ingen rækker kunne læses ({count} afvist)"),
    # --- loaders.detect: the kind of document ---
    ("cannot tell what kind of document this is (not an initiative overview, minutes, status report or "
     "indicator table); use --kind",
     "kan ikke se, hvilken slags dokument det er (hverken en indsatsoversigt, et referat, en statusrapport "
     "eller en indikatortabel); angiv slagsen med --kind"),
    ("an Excel workbook holds indicator tables, not {kind}", "en Excel-projektmappe rummer indikatortabeller, ikke {kind}"),
    ("no initiative rows found under a 'Tid / Indsats' header",
     "ingen indsatser fundet under en overskrift 'Tid / Indsats'"),
    ("no agenda items found (headings such as 'Punkt 1:', 'Pkt. 1', '1. Title' or 'Sag 1')",
     "ingen dagsordenspunkter fundet (overskrifter som 'Punkt 1:', 'Pkt. 1', '1. Titel' eller 'Sag 1')"),
    ("unknown kind {value}; choose one of {kinds}", "ukendt slags dokument {value}; vælg en af {kinds}"),
    # --- loaders.minutes ---
    ("agenda item number {value} is not a whole number", "dagsordenspunktets nummer {value} er ikke et helt tal"),
    ("agenda item heading {value} has no title", "dagsordenspunktets overskrift {value} har ingen titel"),
    ("decision table row numbered {value}: not a whole item number",
     "rækken med nummer {value} i beslutningstabellen: nummeret er ikke et helt punktnummer"),
    # --- loaders.initiatives ---
    ("a table line without columns (no tabs, nor two or more spaces between the cells): cannot tell time, "
     "initiative, status and action apart",
     "en tabellinje uden kolonner (hverken tabulatorer eller mindst to mellemrum mellem cellerne): kan ikke "
     "skelne tid, indsats, status og handling fra hinanden"),
    ("expected {width} columns, found {found} (truncated row?)",
     "forventede {width} kolonner, fandt {found} (en afkortet række?)"),
    ("expected {width} columns, found {found}", "forventede {width} kolonner, fandt {found}"),
    ("table row before any numbered section heading", "tabelrække før den første nummererede afsnitsoverskrift"),
    # --- loaders.status_report ---
    ("no value for '{value}'", "ingen værdi for '{value}'"),
    ("the table header names no period", "tabellens overskrift angiver ingen periode"),
    ("cannot tell which region the report is about", "kan ikke se, hvilken region rapporten handler om"),
    ("number {value} can be read two ways in a column that writes decimals with {sign}: not read",
     "tallet {value} kan læses på to måder i en kolonne, der skriver decimaler med {sign}: ikke læst"),
    ("{value} may mean zero or no value: not read (write 0, or '..' for a value not published)",
     "{value} kan betyde nul eller ingen værdi: ikke læst (skriv 0, eller '..' for en værdi, der ikke er "
     "offentliggjort)"),
    # --- loaders.indicators: places ---
    ("place not stated ({value}): the value belongs to no place and is not read",
     "stedet er ikke oplyst ({value}): værdien hører ikke til noget sted og er ikke læst"),
    ("geography '{value}' is not in '{other}'", "stedet '{value}' ligger ikke i '{other}'"),
    ("{value} is the whole country, not a place of the reference data: not read",
     "{value} er hele landet, ikke et sted i referencedataene: ikke læst"),
    ("geography '{value}': code {code} is {place}, not {named}",
     "stedet '{value}': koden {code} er {place}, ikke {named}"),
    ("geography '{value}' does not match code {code}", "stedet '{value}' passer ikke til koden {code}"),
    ("no geography in the row", "rækken angiver intet sted"),
    ("no indicator: no indicator column, title or --indicator",
     "ingen indikator: hverken en indikatorkolonne, en titel eller --indicator"),
    # --- loaders.indicators: reading the file ---
    ("the line cannot be split into cells ({csv}: a stray quote?); not read",
     "linjen kan ikke deles i celler ({csv}: et anførselstegn for meget?); ikke læst"),
    ("sheet '{sheet}' cannot be read after row {line} (damaged: {detail})",
     "arket '{sheet}' kan ikke læses efter række {line} (beskadiget: {detail})"),
    ("no columns found: expected a ';', ',' or tab separated table",
     "ingen kolonner fundet: forventede en tabel med ';', ',' eller tabulator mellem kolonnerne"),
    ("not a readable XLSX workbook (damaged or truncated: {detail})",
     "ikke en læsbar XLSX-projektmappe (beskadiget eller afkortet: {detail})"),
    ("a chart, not a table", "et diagram, ikke en tabel"),
    ("the workbook has no sheets", "projektmappen har ingen ark"),
    # --- loaders.indicators: a value cell ---
    ("percent value {value} is outside 0-100", "procentværdien {value} ligger uden for 0-100"),
    ("the same indicator, place and period as {at}; the first one is kept",
     "samme indikator, sted og periode som {at}; den første beholdes"),
    ("the same indicator, place and period as {file} {at}, which wins (of two files, the one whose name "
     "sorts last)",
     "samme indikator, sted og periode som {file} {at}, som vinder (af to filer vinder den, hvis navn "
     "kommer sidst i alfabetisk orden)"),
    ("cell {value} in column {col} has no heading; not read", "cellen {value} i kolonne {col} har ingen overskrift; ikke læst"),
    ("the row has {count} non-empty cell(s) beyond the header's {width} columns: its cells may be shifted; "
     "the row is not read",
     "rækken har {count} udfyldte celle(r) ud over overskriftens {width} kolonner: dens celler kan være "
     "forskudt; rækken er ikke læst"),
    # --- loaders.indicators: the table's layout ---
    ("no header row: expected columns such as indikator, geografi, periode, værdi, or periods (or places) as "
     "column headings",
     "ingen overskriftsrække: forventede kolonner som indikator, geografi, periode, værdi eller perioder "
     "(eller steder) som kolonneoverskrifter"),
    ("column '{name}' holds several groups ({values}) and no total ('I alt', 'Total'): " + _SEVERAL_GROUPS,
     "kolonnen '{name}' rummer flere grupper ({values}) og ingen total ('I alt', 'Total'): " + _SEVERAL_GROUPS_DA),
    ("column '{name}' changes from '{kept}' to '{value}' and holds no total ('I alt', 'Total'): " + _SEVERAL_GROUPS,
     "kolonnen '{name}' skifter fra '{kept}' til '{value}' og rummer ingen total ('I alt', 'Total'): "
     + _SEVERAL_GROUPS_DA),
    ("the columns are split into groups by line {line} ({values}) and none is a total ('I alt', 'Total'): "
     + _SEVERAL_GROUPS,
     "kolonnerne er delt i grupper af linje {line} ({values}), og ingen af dem er en total ('I alt', 'Total'): "
     + _SEVERAL_GROUPS_DA),
    ("the table has no rows", "tabellen har ingen rækker"),
    ("the header row is missing (the rows hold labels, a period and a value, as a Danmarks Statistik download "
     "without column headings): give the indicator (--indicator) or add a header row such as område;tid;indhold",
     "overskriftsrækken mangler (rækkerne rummer betegnelser, en periode og en værdi, som et udtræk fra "
     "Danmarks Statistik uden kolonneoverskrifter): angiv indikatoren (--indicator), eller tilføj en "
     "overskriftsrække som område;tid;indhold"),
    ("the table has a header but no rows under it", "tabellen har en overskriftsrække, men ingen rækker under den"),
    ("no indicator column (indikator), no title naming one, and no indicator given",
     "ingen indikatorkolonne (indikator), ingen titel, der nævner en indikator, og ingen indikator angivet"),
    ("no indicator column, no title naming one, and no indicator given",
     "ingen indikatorkolonne, ingen titel, der nævner en indikator, og ingen indikator angivet"),
    ("no geography column (område, kommune or kode)", "ingen geografikolonne (område, kommune eller kode)"),
    ("no period column (periode or tid)", "ingen periodekolonne (periode eller tid)"),
    ("no value column (værdi or indhold)", "ingen værdikolonne (værdi eller indhold)"),
    ("no column names a place", "ingen kolonne angiver et sted"),
    ("no label column names a place", "ingen af rækkernes betegnelseskolonner angiver et sted"),
    ("places as column headings, but no period column (tid, måned, kvartal or år)",
     "steder som kolonneoverskrifter, men ingen periodekolonne (tid, måned, kvartal eller år)"),
    ("no value read from {rows} row(s) under the header (line {line}): every value cell is empty",
     "ingen værdi læst fra {rows} række(r) under overskriftsrækken (linje {line}): alle værdiceller er tomme"),
    # --- loaders.indicators: notes on what a table left out ---
    ("column '{name}' not read (a note column)", "kolonnen '{name}' er ikke læst (en notekolonne)"),
    ("column '{name}' not read (numbers that are none of the table's columns)",
     "kolonnen '{name}' er ikke læst (tal, der ikke hører til nogen af tabellens kolonner)"),
    ("column '{name}' not read (a second {role} column)", "kolonnen '{name}' er ikke læst (endnu en {role}kolonne)"),
    ("column '{name}': read {kept}; left out {count} row(s) of {values}",
     "kolonnen '{name}': læste {kept}; udelod {count} række(r) med {values}"),
    ("rows of {value} left out ({count} cell(s)): a total over the places, not a place",
     "rækkerne med {value} er udeladt ({count} celle(r)): en total over stederne, ikke et sted"),
    ("{count} line(s) below the table not read (a footer: {value})",
     "{count} linje(r) under tabellen er ikke læst (en fodnote: {value})"),
    ("{count} cell(s) kept back for discretion ({values}): counted as not published, like '..'",
     "{count} celle(r) tilbageholdt af diskretionshensyn ({values}): talt som ikke offentliggjort, som '..'"),
    ("no value column in the unit of {value} ({unit}): the table's value columns are {names}",
     "ingen værdikolonne i enheden for {value} ({unit}): tabellens værdikolonner er {names}"),
    ("column '{name}' not read (its unit, {unit}, is not the catalogue's unit of {value}, {unit2})",
     "kolonnen '{name}' er ikke læst (dens enhed, {unit}, er ikke katalogets enhed for {value}, {unit2})"),
    ("column '{name}' not read (the values are read under the headings that name their indicator)",
     "kolonnen '{name}' er ikke læst (værdierne læses under de overskrifter, der nævner deres indikator)"),
    ("column '{name}' not read (the unit of {value} is {unit}: its values are read from '{other}')",
     "kolonnen '{name}' er ikke læst (enheden for {value} er {unit}: værdierne læses fra '{other}')"),
    ("columns {names}: each row's value is read from the one in its indicator's unit, the other cells are "
     "left out",
     "kolonnerne {names}: hver rækkes værdi læses fra den i indikatorens enhed, de andre celler er udeladt"),
    ("a sheet of text, not a table: no number where its values would be",
     "et ark med tekst, ikke en tabel: ingen tal, hvor værdierne skulle stå"),
    ("read the columns of {values}; left out the columns of {others}",
     "læste kolonnerne under {values}; udelod kolonnerne under {others}"),
    # --- store.build and store.derived ---
    ("sheet '{sheet}' not read: {reason}", "arket '{sheet}' er ikke læst: {reason}"),
]

TEMPLATES: list[tuple[re.Pattern[str], str]] = [(_pattern(english), wording) for english, wording in _ROWS]

# Where a problem happened, before the problem: (pattern, Danish wording); ``rest`` is the problem.
_PLACES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"sheet '(?P<sheet>.*?)' line (?P<line>\d+): (?P<rest>.*)", re.DOTALL), "ark '{sheet}' linje {line}: "),
    (re.compile(r"sheet '(?P<sheet>.*?)': (?P<rest>.*)", re.DOTALL), "ark '{sheet}': "),
    (re.compile(r"line (?P<line>\d+): (?P<rest>.*)", re.DOTALL), "linje {line}: "),
]

# A file's name or path, as "path: problem" names it: no quotes, and a folder or an extension.
_PATH = re.compile(r"[^'\":;]*(?:/[^'\":;]*|\.[A-Za-z0-9]{1,5})")


def _render(m: re.Match[str], wording: str) -> str | None:
    values = {}
    for name, text in m.groupdict().items():
        convert = CONVERT.get(name.rstrip("0123456789"), ("", str))[1]
        values[name] = convert(text)
        if values[name] is None:
            return None
    return wording.format(**values)


def _one(text: str) -> str | None:
    """One problem (maybe after the place it names) in Danish; None when no template matches."""
    for pattern, wording in TEMPLATES:
        m = pattern.fullmatch(text)
        if m:
            found = _render(m, wording)
            if found is not None:
                return found
    for pattern, wording in _PLACES:
        m = pattern.match(text)
        if m:
            rest = _one(m["rest"])
            if rest is not None:
                line = m.groupdict().get("line")
                return wording.format(sheet=m.groupdict().get("sheet"), line=line and _count(line)) + rest
    for m in re.finditer(": ", text):  # "path: problem", as str(UnreadableFile) gives it
        if _PATH.fullmatch(text[:m.start()]):
            rest = _translate(text[m.end():])
            if rest is not None:
                return text[:m.end()] + rest
    return None


@functools.lru_cache(maxsize=4096)  # a file's rejections repeat the same few reasons
def _translate(text: str) -> str | None:
    """Problems joined by ``"; "``, each in Danish (the fewest joined at a time: a template with ``;`` in
    its text matches only when its first part alone matches nothing); None when one of them is unknown."""
    if "; " not in text:
        return _one(text)
    pieces = text.split("; ")

    @functools.cache
    def rest(i: int) -> str | None:
        if i == len(pieces):
            return ""
        for j in range(i + 1, len(pieces) + 1):
            first = _one("; ".join(pieces[i:j]))
            if first is not None:
                after = rest(j)
                if after is not None:
                    return first + ("; " + after if after else "")
        return None

    return rest(0)


def danish(problem: str) -> str:
    """The Danish wording of a problem the loaders or the build report in English (a rejection's reason,
    an unreadable file's problem, a skipped sheet, a note); a text no template knows, as it is."""
    found = _translate(problem)
    return problem if found is None else found


def is_known(problem: str) -> bool:
    """Whether ``danish`` knows the problem's wording (else it returns the English text as it is)."""
    return _translate(problem) is not None
