"""Minutes as Danish municipal and regional portals print them, written for these tests: layouts read as
rules of the document kind (decision headings that name forum, date and item; item headings with a final
full stop, a glued number, no dot or no number at all; a forum and date only in a title line, in capital
labels or in the decision headings; a page headed "Dagsorden" that carries decisions; a decision table).

Each layout asserts the meeting (forum, date, place), the item count, the titles and the decision kinds; a
few are also rendered as Word and PDF files and read through loaders.detect.parse_file.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from loaders.detect import detect_kind, parse_file
from loaders.minutes import looks_like_minutes, parse_minutes, section_heading
from loaders.reference import Reference
from tests.documents import Writer, to_pdf

# (1a) The decision heading names forum, date and item ("<forum>, dd-mm-yyyy, pkt. N"); an English-style
# date with a Danish month in the title block ("Torsdag, Marts 3, 2016 - 08:00"); the room as the place.
FORUM_DATE_PKT = """Sundheds- og Omsorgsudvalget
Referat
Torsdag, Marts 3, 2016 - 08:00
Mødelokale 20

15. Godkendelse af dagsorden
Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 15
Dagsordenen blev godkendt.

16. Orientering om hjemmeplejens kørselsordning
Resume
Hjemmeplejen har siden januar kørt i elbiler i tre distrikter.
Indstilling
Magistratsafdelingen for Sundhed og Omsorg indstiller, at orienteringen tages til efterretning.
Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 16
Orienteringen blev taget til efterretning.
Bilag
Bilag 1: Notat om kørselsordningen

17. Forslag om lukning af aktivitetscentret i Vestbyen
Sagsfremstilling
Aktivitetscentret har haft faldende besøgstal siden 2014.
Ældrerådet, 22-02-2016, pkt. 4
Ældrerådet kan ikke anbefale lukningen.
Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 17
Udvalget besluttede at udsætte sagen til næste møde.
"""

# (1b) "<Forum>s beslutning den <date>:" with an earlier committee's decision after the meeting's own;
# the header names the forum.
GENITIVE_DATED = """Beslutningsprotokol
Forretningsudvalget
Tirsdag den 8. november 2022 kl. 15.00
Rådhuset, mødelokale 1

Pkt. 1 Godkendelse af dagsorden
Forretningsudvalgets beslutning den 8. november 2022:
Godkendt.

Pkt. 2 Sundhedspolitik 2023-2026
Sagsnr.: 22/18233
Indstilling
Direktionen indstiller, at sundhedspolitikken godkendes.
Forretningsudvalgets beslutning den 8. november 2022:
Sagen blev udsat til næste møde.
Sundhedsudvalgets beslutning den 12. oktober 2022:
Anbefales.

Pkt. 3 Samarbejdsaftale om akutfunktionen
Sagsnr.: 22/19004
Forretningsudvalgets beslutning den 8. november 2022:
Ikke godkendt.
Sundhedsudvalgets beslutning den 12. oktober 2022:
Godkendt.
"""

# (1b, 4) No header at all: forum and date only in the decision headings, the earlier committee's decision
# in every item but one (and named first in one of them).
ONLY_DECISION_HEADINGS = """Pkt. 1 Godkendelse af dagsorden
Forretningsudvalgets beslutning den 8. november 2022:
Godkendt.

Pkt. 2 Sundhedspolitik 2023-2026
Indstilling
Direktionen indstiller, at sundhedspolitikken godkendes.
Sundhedsudvalgets beslutning den 12. oktober 2022:
Anbefales.
Forretningsudvalgets beslutning den 8. november 2022:
Sagen blev udsat til næste møde.

Pkt. 3 Samarbejdsaftale om akutfunktionen
Indstilling
Direktionen indstiller, at aftalen godkendes.
Forretningsudvalgets beslutning den 8. november 2022:
Ikke godkendt.
Sundhedsudvalgets beslutning den 12. oktober 2022:
Godkendt.
"""

# (2) Word text: "1.Meddelelser" (no space), "Sag nr. 24" on the line after the title, a title with a final
# full stop, list numbers in the case text that restart at 1.
WORD_NUMBERING = """Referat
Sundhedsudvalget
Mødedato: 14. juni 2021
Mødested: Rådhuset, udvalgsværelse 1

1.Meddelelser
Sag nr. 24
Sagsfremstilling
Formanden orienterede om status på vaccinationsindsatsen.
Beslutning
Orienteringen blev taget til efterretning.

2.Samarbejdsaftale om rehabilitering
Sag nr. 25
Sagsfremstilling
Aftalen bygger på tre principper:
1. Kommunerne har ansvaret for genoptræning efter udskrivning.
2. Regionen sikrer genoptræningsplanen ved udskrivning.
3. Praktiserende læger inddrages ved behov.
Indstilling
Forvaltningen indstiller, at aftalen godkendes.
Beslutning
Godkendt.

3.Eventuelt.
Sag nr. 26
Beslutning
Intet.
"""

# (2) Titles ending with a full stop, no case numbers; a list restarting at 1 in a recommendation.
FULL_STOP_TITLES = """Referat
Ældre- og Sundhedsudvalget
Mødedato: 12. september 2023
Mødested: Rådhuset, udvalgsværelse 2

14. Godkendelse af dagsorden.
Beslutning
Godkendt.

15. Orientering om sygeplejeklinikkerne.
Sagsfremstilling
Klinikkerne har haft 1.240 besøg i første halvår.
Indstilling
Forvaltningen indstiller, at
1. Orienteringen tages til efterretning.
2. Udvalget drøfter åbningstiderne.
Beslutning
Taget til efterretning.

16. Eventuelt.
Beslutning
Intet.
"""

# (2) An item list printed as bullets before the items ("• Pkt. 17 Budget 2024"), then "Pkt. 17" and the
# title on the next line (a line of text after the list); the room's whole name with the building after it.
BULLET_LIST = """Referat
Social- og Sundhedsudvalget
Onsdag den 6. december 2023 kl. 16.00
Mødelokale 1, Rådhuset

Indhold
• Pkt. 17 Budget 2024
• Pkt. 18 Kvalitetsstandard for madservice
• Pkt. 19 Eventuelt

Mødet blev holdt som videomøde.

Pkt. 17
Budget 2024
Sagsnr.: 23/9812
Sagsfremstilling
Budgettet er tilpasset det vedtagne budgetforlig.
Beslutning
Godkendt.

Pkt. 18
Kvalitetsstandard for madservice
Sagsnr.: 23/10221
Indstilling
Forvaltningen indstiller, at kvalitetsstandarden godkendes.
Beslutning
Sagen blev udsat.

Pkt. 19
Eventuelt
Beslutning
Drøftet.
"""

# (3) Headings without a dot ("1 Præsentation af …"), a number at the start of a line in the text.
NO_DOT = """Referat
Klyngestyregruppen for Midtklyngen
Mødedato: 4. oktober 2024
Mødested: Regionshospitalet Viborg, mødelokale 3

1 Præsentation af den nye klyngeleder
Sagsfremstilling
Klyngelederen præsenterede sig og sine første prioriteter.
Beslutning
Præsentationen blev taget til efterretning.

2 Status på udskrivningsforløb for ældre medicinske patienter
Sagsfremstilling
I 2024 er 312 borgere udskrevet med opfølgende hjemmebesøg.
2 kommuner har endnu ikke tilsluttet sig ordningen.
Beslutning
Drøftet. Klyngen følger op i december.

3 Fælles retningslinje for sårbehandling
Sagsfremstilling
Retningslinjen er udarbejdet af en tværsektoriel arbejdsgruppe.
Beslutning
Godkendt.
"""

# (3) Items with no numbers at all: each item is a title line followed by the same sections.
UNNUMBERED = """Referat
Sundhedsstyregruppen
Mødedato: 21. marts 2025
Mødested: Regionshuset Aarhus, lokale 2.13

Godkendelse af dagsorden
Sagsfremstilling
Dagsordenen var udsendt en uge før mødet.
Beslutning
Godkendt.

Opfølgning på TeleKOL
Sagsfremstilling
Der var 190 borgere inkluderet pr. 1. juli 2025.
Beslutning
Taget til efterretning.
Bilag
Statusnotat om TeleKOL

Forslag om fælles akutteam
Sagsfremstilling
Forslaget kræver finansiering fra alle parter.
Beslutning
Ikke godkendt.
Bilag
Skitse til akutteam
"""

# (4) Forum and date only in a title line, no labels, no "Referat".
TITLE_LINE = """Sundheds- og Kulturudvalget 9. marts 2022

Punkt 1: Godkendelse af dagsorden
Beslutning: Godkendt.

Punkt 2: Status på genoptræningsområdet
Sagsfremstilling: Ventetiden på genoptræning er faldet til 14 dage.
Beslutning: Taget til efterretning.
"""

# (4) A region's title line with date and time; the place labelled.
REGION_TITLE = """Regionsrådet 24-11-2020 13:00
Sted: Regionshuset Viborg, Regionsrådssalen

1. Godkendelse af dagsorden
Sagnr.: 1-01-72-1-20
Beslutning
Godkendt.

2. Budget for sundhedsområdet 2021
Sagnr.: 1-30-72-120-20
Sagsfremstilling
Budgettet følger aftalen med regeringen.
Beslutning
Et flertal godkendte indstillingen.
"""

# (4) Capital labels with the value on the next line, a forum with its period, the room as the place.
CAPITAL_LABELS = """UDVALG
Sundhedsudvalget (2018-2021)
MØDE
Referat
STED
Mødelokale 20
STARTTIDSPUNKT
04-06-2020 09:00:00
SLUTTIDSPUNKT
04-06-2020 12:00:00

12. Godkendelse af dagsorden
Beslutning
Godkendt.

13. Orientering om COVID-19 på plejecentrene
Sagsfremstilling
Der har været smitte på to plejecentre.
Beslutning
Orienteringen blev taget til efterretning.
"""

# (4) An English date on the page ("Thursday, March 3, 2016").
ENGLISH_DATE = """Sundhedsudvalget (2014-2017)
Referat
Thursday, March 3, 2016 - 16:00
Mødelokale 2.14

1. Godkendelse af dagsorden
Beslutning
Godkendt.

2. Eventuelt
Beslutning
Ingen bemærkninger.
"""

# (5) A page headed "Dagsorden" that carries the decisions.
AGENDA_WITH_DECISIONS = """Dagsorden
Ældre- og Sundhedsudvalget
Mødedato: 2. februar 2023
Mødested: Rådhuset, mødelokale 2

1. Godkendelse af dagsorden
Beslutning
Godkendt.

2. Orientering om demensindsatsen
Sagsfremstilling
Demenskoordinatorerne har haft 212 nye forløb i 2022.
Indstilling
Forvaltningen indstiller, at orienteringen tages til efterretning.
Beslutning
Taget til efterretning.

3. Eventuelt
Beslutning
Drøftet.
"""

# (6) Decisions only in a table, no item headings, the forum and date in a title line.
DECISION_TABLE = """Sundhedsstyregruppen 5. maj 2025
Sted: Regionshuset Aarhus, mødelokale 1

Pkt.\tEmne\tBeslutning
1\tGodkendelse af dagsorden\tGodkendt.
2\tStatus på TeleKOL\tTaget til efterretning.
3\tForslag om fælles akutteam\tIkke godkendt.
4\tEventuelt\tDrøftet.
"""

LAYOUTS = {
    "forum_date_pkt": (
        FORUM_DATE_PKT, ("Sundheds- og Omsorgsudvalget", "2016-03-03", "Mødelokale 20"),
        [(15, "Godkendelse af dagsorden", "approved"), (16, "Orientering om hjemmeplejens kørselsordning", "noted"),
         (17, "Forslag om lukning af aktivitetscentret i Vestbyen", "postponed")]),
    "genitive_dated": (
        GENITIVE_DATED, ("Forretningsudvalget", "2022-11-08", "Rådhuset, mødelokale 1"),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Sundhedspolitik 2023-2026", "postponed"),
         (3, "Samarbejdsaftale om akutfunktionen", "rejected")]),
    "only_decision_headings": (
        ONLY_DECISION_HEADINGS, ("Forretningsudvalget", "2022-11-08", None),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Sundhedspolitik 2023-2026", "postponed"),
         (3, "Samarbejdsaftale om akutfunktionen", "rejected")]),
    "word_numbering": (
        WORD_NUMBERING, ("Sundhedsudvalget", "2021-06-14", "Rådhuset, udvalgsværelse 1"),
        [(1, "Meddelelser", "noted"), (2, "Samarbejdsaftale om rehabilitering", "approved"),
         (3, "Eventuelt.", "none")]),
    "full_stop_titles": (
        FULL_STOP_TITLES, ("Ældre- og Sundhedsudvalget", "2023-09-12", "Rådhuset, udvalgsværelse 2"),
        [(14, "Godkendelse af dagsorden.", "approved"), (15, "Orientering om sygeplejeklinikkerne.", "noted"),
         (16, "Eventuelt.", "none")]),
    "bullet_list": (
        BULLET_LIST, ("Social- og Sundhedsudvalget", "2023-12-06", "Mødelokale 1, Rådhuset"),
        [(17, "Budget 2024", "approved"), (18, "Kvalitetsstandard for madservice", "postponed"),
         (19, "Eventuelt", "discussed")]),
    "no_dot": (
        NO_DOT, ("Klyngestyregruppen for Midtklyngen", "2024-10-04", "Regionshospitalet Viborg, mødelokale 3"),
        [(1, "Præsentation af den nye klyngeleder", "noted"),
         (2, "Status på udskrivningsforløb for ældre medicinske patienter", "discussed"),
         (3, "Fælles retningslinje for sårbehandling", "approved")]),
    "unnumbered": (
        UNNUMBERED, ("Sundhedsstyregruppen", "2025-03-21", "Regionshuset Aarhus, lokale 2.13"),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Opfølgning på TeleKOL", "noted"),
         (3, "Forslag om fælles akutteam", "rejected")]),
    "title_line": (
        TITLE_LINE, ("Sundheds- og Kulturudvalget", "2022-03-09", None),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Status på genoptræningsområdet", "noted")]),
    "region_title": (
        REGION_TITLE, ("Regionsrådet", "2020-11-24", "Regionshuset Viborg, Regionsrådssalen"),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Budget for sundhedsområdet 2021", "approved")]),
    "capital_labels": (
        CAPITAL_LABELS, ("Sundhedsudvalget", "2020-06-04", "Mødelokale 20"),
        [(12, "Godkendelse af dagsorden", "approved"), (13, "Orientering om COVID-19 på plejecentrene", "noted")]),
    "english_date": (
        ENGLISH_DATE, ("Sundhedsudvalget", "2016-03-03", "Mødelokale 2.14"),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Eventuelt", "none")]),
    "agenda_with_decisions": (
        AGENDA_WITH_DECISIONS, ("Ældre- og Sundhedsudvalget", "2023-02-02", "Rådhuset, mødelokale 2"),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Orientering om demensindsatsen", "noted"),
         (3, "Eventuelt", "discussed")]),
    "decision_table": (
        DECISION_TABLE, ("Sundhedsstyregruppen", "2025-05-05", "Regionshuset Aarhus, mødelokale 1"),
        [(1, "Godkendelse af dagsorden", "approved"), (2, "Status på TeleKOL", "noted"),
         (3, "Forslag om fælles akutteam", "rejected"), (4, "Eventuelt", "discussed")]),
}


def _meeting(m: dict) -> tuple:
    return m["forum"], m["date"], m["place"]


def _items(m: dict) -> list[tuple]:
    return [(i["number"], i["title"], i["decision_kind"]) for i in m["items"]]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    return {name: parse_minutes(doc) for name, (doc, _, _) in LAYOUTS.items()}


@pytest.mark.parametrize("name", LAYOUTS)
def test_meeting_header(parsed, name):
    assert _meeting(parsed[name]) == LAYOUTS[name][1]


@pytest.mark.parametrize("name", LAYOUTS)
def test_items(parsed, name):
    assert len(parsed[name]["items"]) == len(LAYOUTS[name][2])
    assert _items(parsed[name]) == LAYOUTS[name][2]


@pytest.mark.parametrize("name", LAYOUTS)
def test_detected_as_minutes(name, tmp_path):
    text = LAYOUTS[name][0]
    assert looks_like_minutes(text)
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    assert detect_kind(path, path.read_bytes()) == "minutes"


# --- the details of each rule ----------------------------------------------------------------------

@pytest.mark.parametrize("line, forum, day", [
    ("Sundheds- og Omsorgsudvalget, 03-03-2016, pkt. 15", "Sundheds- og Omsorgsudvalget", "2016-03-03"),
    ("Byrådet, 24-02-2016, pkt. 40", "Byrådet", "2016-02-24"),
    ("Sundhedsudvalget (2018-2021), 12-03-2019, pkt. 7", "Sundhedsudvalget", "2019-03-12"),
    ("Forretningsudvalgets beslutning den 8. november 2022:", "Forretningsudvalget", "2022-11-08"),
    ("Sundheds- og Omsorgsudvalgets beslutning den 3. marts 2016", "Sundheds- og Omsorgsudvalget", "2016-03-03"),
    ("Udvalget for Sundhed og Forebyggelses beslutning den 1. maj 2024", "Udvalget for Sundhed og Forebyggelse",
     "2024-05-01"),
])
def test_decision_headings_naming_forum_date_and_item(line, forum, day):
    heading = section_heading(line)
    assert heading is not None and heading.section == "decision"
    assert (heading.forum, heading.day.isoformat() if heading.day else None) == (forum, day)


@pytest.mark.parametrize("line", [
    "Sundhedsudvalget, 03-03-2016, pkt. 15 blev behandlet sammen med dette punkt.",
    "Sundhedsudvalget behandlede sagen den 03-03-2016, pkt. 15",
    "Aarhus, 03-03-2016, pkt. 15",
    "Sundhedsudvalget, pkt. 15",
    "Det er udvalgets beslutning",
    "Det blev Sundhedsudvalgets beslutning den 3. marts 2016",
])
def test_lines_like_a_forum_date_item_heading_are_text(line):
    assert section_heading(line) is None


def test_the_kind_comes_from_the_meetings_own_forum(parsed):
    two = parsed["genitive_dated"]["items"][1]
    assert two["decision"] == ("Forretningsudvalgets beslutning den 8. november 2022:\n\nSagen blev udsat til "
                               "næste møde.\n\nSundhedsudvalgets beslutning den 12. oktober 2022:\n\nAnbefales.")
    three = parsed["only_decision_headings"]["items"][2]
    assert three["decision"].startswith("Forretningsudvalgets beslutning den 8. november 2022:\n\nIkke godkendt.")
    assert three["decision_kind"] == "rejected"
    seventeen = parsed["forum_date_pkt"]["items"][2]
    assert "Ældrerådet kan ikke anbefale lukningen." in seventeen["decision"]
    assert seventeen["case_text"] == "Aktivitetscentret har haft faldende besøgstal siden 2014."


def test_forum_from_decision_headings_named_as_often_is_the_latest():
    doc = """Pkt. 1 Sundhedspolitik 2023-2026
Forretningsudvalgets beslutning den 8. november 2022:
Sagen blev udsat til næste møde.
Sundhedsudvalgets beslutning den 12. oktober 2022:
Anbefales.

Pkt. 2 Samarbejdsaftale om akutfunktionen
Sundhedsudvalgets beslutning den 12. oktober 2022:
Godkendt.
Forretningsudvalgets beslutning den 8. november 2022:
Ikke godkendt.
"""
    m = parse_minutes(doc)
    assert (m["forum"], m["date"]) == ("Forretningsudvalget", "2022-11-08")
    assert [i["decision_kind"] for i in m["items"]] == ["postponed", "rejected"]


def test_the_decision_dated_the_meeting_day_gives_the_kind_when_the_forum_is_named_otherwise():
    doc = """Referat
Regionsrådet i Region Midtjylland
Mødedato: 24. november 2020

1. Budget for sundhedsområdet 2021
Regionsrådet, 24-11-2020, pkt. 2
Godkendt.
Forretningsudvalget, 17-11-2020, pkt. 5
Forretningsudvalget kunne ikke anbefale budgettet.
"""
    m = parse_minutes(doc)
    assert (m["forum"], m["date"]) == ("Regionsrådet i Region Midtjylland", "2020-11-24")
    assert [(i["number"], i["title"], i["decision_kind"]) for i in m["items"]] == [
        (1, "Budget for sundhedsområdet 2021", "approved")]


def test_sections_under_forum_date_item_headings(parsed):
    sixteen = parsed["forum_date_pkt"]["items"][1]
    assert sixteen["decision"] == "Orienteringen blev taget til efterretning."
    assert sixteen["recommendation"].startswith("Magistratsafdelingen for Sundhed og Omsorg indstiller")
    assert sixteen["attachments"] == ["Notat om kørselsordningen"]


def test_case_reference_line_after_the_title_and_lists_in_the_text(parsed):
    items = parsed["word_numbering"]["items"]
    assert [i["case_no"] for i in items] == ["24", "25", "26"]
    assert "2. Regionen sikrer genoptræningsplanen ved udskrivning." in items[1]["case_text"]
    recommendation = parsed["full_stop_titles"]["items"][1]["recommendation"]
    assert "2. Udvalget drøfter åbningstiderne." in recommendation


def test_bullet_list_of_items_does_not_double_them(parsed):
    items = parsed["bullet_list"]["items"]
    assert [i["case_no"] for i in items] == ["23/9812", "23/10221", None]
    assert items[0]["case_text"] == "Budgettet er tilpasset det vedtagne budgetforlig."


def test_numbers_in_running_text_stay_text(parsed):
    two = parsed["no_dot"]["items"][1]
    assert two["case_text"] == ("I 2024 er 312 borgere udskrevet med opfølgende hjemmebesøg.\n\n"
                                "2 kommuner har endnu ikke tilsluttet sig ordningen.")
    assert parsed["unnumbered"]["items"][1]["attachments"] == ["Statusnotat om TeleKOL"]
    assert parsed["unnumbered"]["items"][1]["case_text"] == "Der var 190 borgere inkluderet pr. 1. juli 2025."


def test_table_rows_are_items(parsed):
    assert [i["decision"] for i in parsed["decision_table"]["items"]] == [
        "Godkendt.", "Taget til efterretning.", "Ikke godkendt.", "Drøftet."]


# --- what the document's structure does not prove is no heading ------------------------------------

@pytest.mark.parametrize("doc", [
    # one "N title" line alone proves nothing
    "Referat\nUdvalg: Sundhedsudvalget\nMødedato: 3. maj 2024\n\nPunkt 1: Budget\nSagsfremstilling\n"
    "Budgettet er lagt.\n2 Kommuner har endnu ikke svaret\nBeslutning\nGodkendt.\n",
    # numbers that do not run in sequence are no headings
    "Referat\nUdvalg: Sundhedsudvalget\nMødedato: 3. maj 2024\n\n1 Budget\nBeslutning\nGodkendt.\n\n"
    "7 Kommuner\nBeslutning\nDrøftet.\n",
])
def test_undotted_lines_need_the_documents_structure(doc):
    items = parse_minutes(doc)["items"]
    assert len(items) <= 1


def test_one_title_before_sections_is_no_unnumbered_layout():
    doc = ("Referat\nUdvalg: Sundhedsudvalget\nMødedato: 3. maj 2024\n\nBudget 2025\nSagsfremstilling\n"
           "Budgettet er lagt.\nBeslutning\nGodkendt.\n")
    assert parse_minutes(doc)["items"] == []


def test_a_decision_table_under_a_forum_and_day_title_is_minutes():
    doc = "Sundhedsstyregruppen 5. maj 2025\n\nPkt.\tEmne\tBeslutning\n1\tBudget\tGodkendt.\n2\tEventuelt\tIntet.\n"
    assert looks_like_minutes(doc)
    m = parse_minutes(doc)
    assert (m["forum"], m["date"], [i["decision_kind"] for i in m["items"]]) == (
        "Sundhedsstyregruppen", "2025-05-05", ["approved", "none"])


def test_a_plain_agenda_is_still_no_minutes():
    assert not looks_like_minutes("Dagsorden\nPunkt 1: Budget\nPunkt 2: Eventuelt\n")
    assert not looks_like_minutes("Dagsorden\nSundhedsudvalget 9. marts 2022\n\n1. Budget\n2. Eventuelt\n")


# --- hostile input -----------------------------------------------------------------------------------

_TOKENS = ["Sundhedsudvalget, 03-03-2016, pkt. 1 ", "1 Budget ", "Pkt. 17 ", "Sag nr. 24 ", "Marts 3, 2016 ",
           "Regionsrådet 24-11-2020 13:00 ", "Mødelokale 20 ", "38Godkendelse ", "1.Meddelelser ",
           "Forretningsudvalgets beslutning den 8. november 2022: ", ", , , ", "udvalget ", "1 1 1 ", "-" * 10]


@pytest.mark.parametrize("token", _TOKENS)
def test_a_300_kb_line_of_the_parsers_own_tokens_parses_fast(token):
    line = (token * (300_000 // len(token)))[:300_000]
    for doc in (f"{line}\n{FORUM_DATE_PKT}", f"{UNNUMBERED}\n{line}\n", f"{NO_DOT}\n{line}\nBeslutning\n{line}\n"):
        began = time.process_time()
        parse_minutes(doc)
        looks_like_minutes(doc)
        assert time.process_time() - began < 3


def test_many_unnumbered_items_parse_fast():
    doc = "Referat\nUdvalg: Sundhedsudvalget\n\n" + "".join(
        f"Emne nummer {n}\nSagsfremstilling\nTekst.\nBeslutning\nGodkendt.\n\n" for n in range(3000))
    began = time.process_time()
    items = parse_minutes(doc)["items"]
    assert time.process_time() - began < 3
    assert len(items) == 3000


# --- Word and PDF renditions ---------------------------------------------------------------------------

def _word(text: str, path: Path) -> Path:
    """The text as a Word file: a heading for each item line, a paragraph for each other line, a table for
    tab-separated rows."""
    writer = Writer()
    lines = text.splitlines()
    rows: list[list[str]] = []
    for line in lines + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            writer.table(rows[0], rows[1:])
            rows = []
        if line.strip():
            writer.para(line.strip())
    return writer.save(path)


RENDERED = ["forum_date_pkt", "genitive_dated", "word_numbering", "no_dot", "unnumbered", "capital_labels",
            "agenda_with_decisions", "decision_table"]


@pytest.fixture(scope="module")
def renditions(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("portals")
    words = {name: _word(LAYOUTS[name][0], folder / f"{name}.docx") for name in RENDERED}
    out: dict[str, dict[str, Path]] = {"docx": words}
    if shutil.which("soffice"):
        pdfs = to_pdf(list(words.values()), folder / "pdf")
        out["pdf"] = dict(zip(RENDERED, pdfs))
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", RENDERED)
def test_word_and_pdf_renditions(renditions, name, fmt, ref: Reference):
    if fmt not in renditions:
        pytest.fail("LibreOffice (soffice) is needed to render the PDF")
    parsed = parse_file(renditions[fmt][name], ref)
    assert parsed["kind"] == "minutes"
    assert _meeting(parsed) == LAYOUTS[name][1]
    assert _items(parsed) == LAYOUTS[name][2]
