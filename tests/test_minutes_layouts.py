"""Minutes in the layouts Danish regions and municipalities publish, written for these tests.

Each layout asserts the meeting (forum, date, place) and every item (number, title, case number,
decision, kind); the texts are shaped like what loaders.documents makes of Word and PDF files
(table rows as tab-separated cells, page headers and footers) and what web portals give.
"""

from __future__ import annotations

import time

import pytest

from loaders.minutes import looks_like_minutes, parse_minutes, section_heading
from tests.conftest import seed

# (1) "Punkt N:" headings, sections inline ("Beslutning: …"), a Word document: no blank lines.
PUNKT_INLINE = """Beslutningsreferat fra møde i Sundhedskoordinationsudvalget
Dato: 14. marts 2024 kl. 15.00-17.00
Sted: Regionshuset Vejle, lokale A2
Deltagere: Formandskabet og otte medlemmer. Afbud fra Per Holm.
Punkt 1: Godkendelse af dagsorden
Beslutning: Godkendt.
Punkt 2: Samarbejdsaftale om borgere med demens
Sagsnr.: 23/14512
Indstilling: Det indstilles, at udvalget godkender udkastet til samarbejdsaftalen.
Sagsfremstilling: Aftalen er udarbejdet af en tværsektoriel arbejdsgruppe. Punktet blev drøftet på sidste møde.
Beslutning: Ikke godkendt. Udvalget ønsker aftalen fremlagt igen med en plan for finansieringen.
Bilag: Udkast til samarbejdsaftale om demens.pdf
Punkt 3: Status på færdigbehandlingsdage
Indstilling: Det indstilles, at udvalget tager orienteringen til efterretning.
Beslutning: Taget til orientering.
"""

# (2) "Pkt. N title", "Sagsnr.: …  Dok.nr.: …  Åbent" on one line, "Beslutning i <forum> den <date>:".
PKT_KMD = """Social- og Sundhedsudvalget – Referat – 5. februar 2013

Mødested: Rådhuset, mødelokale 3
Mødetidspunkt: 16:00

Pkt. 1 Godkendelse af dagsorden
Sagsnr.: 13/0412  Dok.nr.: 2154/13  Åbent
Beslutning i Social- og Sundhedsudvalget den 05-02-2013:
Godkendt.

Pkt. 2 Godkendelse af kvalitetsstandard for hjemmesygepleje
Sagsnr.: 12/3456    Dok.nr.: 123/45    Åbent
Kompetence: Social- og Sundhedsudvalget
Beslutningstema
Udvalget skal tage stilling til den reviderede kvalitetsstandard.
Indstilling
Direktøren indstiller,
1. at kvalitetsstandarden godkendes.
Beslutning i Social- og Sundhedsudvalget den 05-02-2013:
Fraværende: Lone Madsen
Indstillingen tiltrædes.

Pkt. 3 Forslag om lukning af genoptræningscentret i Vestby
Sagsnr.: 12/8891  Dok.nr.: 677/13  Åbent
Sagsfremstilling
Centret har haft faldende belægning siden 2011.
Beslutning i Social- og Sundhedsudvalget den 05-02-2013:
Forslaget blev forkastet. Et mindretal (V) ønskede lukningen gennemført.

Pkt. 4 Orientering om den kommunale akutfunktion
Journalnr.: 29.00.00-P20-4-12
Beslutning i Social- og Sundhedsudvalget den 05-02-2013:
Orienteredes.
"""

# (3) A municipal/regional web portal: agenda list, "Sagsnr." before "N. title", "fold dette punkt ind",
# headings printed twice, "Til toppen", a numbered list in the text.
PORTAL = """Gå til indhold
Sundhedsudvalget - Referat - 21. august 2012

Mødedato
21-08-2012 kl. 14:00 - 16:00

Mødested
Regionshuset, Damhaven 12, mødelokale 4

Deltagere
 • Anne Hansen (A)
 • Bo Jensen (V)

 • Afbud
 • Bo Jensen (V)

 • Luk alle punkter Referat

  1. Godkendelse af dagsorden
  2. Samarbejde om hjemmebehandling med IV-antibiotika
  3. Forslag om nedlæggelse af akutklinikken i Nørreby
  4. Eventuelt

  Sagsnr. 12/3301
  1. Godkendelse af dagsorden
  fold dette punkt ind Beslutning i Sundhedsudvalget den 21-08-2012
  fold dette punkt ind Beslutning i Sundhedsudvalget den 21-08-2012

  Godkendt uden bemærkninger.

  Til toppen

  Journalnr. 12/3402
  2. Samarbejde om hjemmebehandling med IV-antibiotika
  fold dette punkt ind Resume
  Kommunerne og hospitalerne har afprøvet hjemmebehandling i to klynger.
  fold dette punkt ind Sagsfremstilling
  fold dette punkt ind Sagsfremstilling
  Samarbejdet bygger på tre trin:
  1. Hospitalet oplærer patienten i at give medicinen
  2. Kommunens sygeplejersker følger op i hjemmet
  fold dette punkt ind Indstilling
  Administrationen indstiller, at udvalget anbefaler samarbejdsaftalen over for Regionsrådet.
  fold dette punkt ind Beslutning i Sundhedsudvalget den 21-08-2012
  Anbefales over for Regionsrådet.
  fold dette punkt ind Bilag
  Samarbejdsaftale om IV-antibiotika (PDF)

  Til toppen

  Sagsnr. 12/3555
  3. Forslag om nedlæggelse af akutklinikken i Nørreby
  fold dette punkt ind Sagsfremstilling
  Akutklinikken har færre end fem henvendelser om dagen.
  fold dette punkt ind Beslutning i Sundhedsudvalget den 21-08-2012
  Udvalget kunne ikke tiltræde indstillingen.

  Sagsnr. 12/3301
  4. Eventuelt
  fold dette punkt ind Beslutning i Sundhedsudvalget den 21-08-2012
  Ingen bemærkninger.
"""

# (4) "Sag N" headings (alone with the title below, or with a colon), labels on their own line.
SAG = """Referat
Klyngestyregruppen for Horsensklyngen

Mødedato
12. juni 2024

Mødested
Regionshospitalet Horsens, mødelokale 1

Sag 1
Godkendelse af referat fra sidste møde
Beslutning
Referatet blev godkendt.

Sag 2: Opfølgning på forløbsprogrammet for KOL
Sagsnr.: 1-16-02-77-24
Resumé
Klyngen har fulgt forløbsprogrammet siden 2023.
Indstilling
Det indstilles, at klyngestyregruppen drøfter opfølgningen.
Beslutning
Sagen blev drøftet og udsat til næste møde, hvor Horsens Kommune fremlægger nye tal.

Sag 3: Fælles akutfunktion
Beslutning
Punktet udgik.

Sag 4a: Tillægspunkt om vagtlægeordningen
Beslutning
Godkendt.

Sag 5: Eventuelt
"""

# (5) A header block over several lines ("Referat / til / mødet i … / den … kl. … / i …"),
# "Sagnr.:" before "N. title" (Region Midtjylland's portal).
BLOCK_HEADER = """Se alle dagsordener og referater fra dette mødeforum

Referat
til
mødet i Forretningsudvalget
den 21. maj 2013 kl. 10:00
i Konferencelokalet

Deltagere: Alle medlemmer var mødt.

Referent: Karen Holm.

Sagnr.: 1-13-76-22-13

1. Meddelelser

Beslutning

Meddelelserne blev taget til efterretning.

Sagnr.: 1-30-72-14-13

2. Godkendelse af budget for det præhospitale område

Direktionen indstiller,

at forretningsudvalget godkender budgettet.

Sagsfremstilling

Budgettet er udarbejdet på baggrund af aktivitetstallene for 2012.

Beslutning

Et flertal godkendte indstillingen. Et mindretal (Ø) kunne ikke tiltræde indstillingen.

Sagnr.: 1-30-72-15-13

3. Forslag om ændret åbningstid i akutklinikken

Direktionen indstiller,

at forslaget anbefales over for Regionsrådet.

Beslutning

Indstillingen blev ikke tiltrådt.

Forretningsudvalget ønsker en ny sag med konsekvenserne for patienterne.
"""

# (6) Decisions in a table, as loaders.documents gives a Word or PDF table: cells joined by tabs,
# the header repeated after a page break, a row cut by the break (no number in the continuation).
TABLE = """Sundhedsstyregruppen – Beslutningsreferat – 3. februar 2025

Sted: Regionshuset Sorø, mødelokale 2

Pkt.\tEmne\tBeslutning
1\tGodkendelse af dagsorden\tGodkendt.
2\tOpfølgning på implementeringsplanen\tDrøftet og godkendt med de faldne bemærkninger.
3\tFælles retningslinje for medicinhåndtering\tSendes til fornyet behandling i arbejdsgruppen

Side 1 af 2

Sundhedsstyregruppen – Beslutningsreferat – 3. februar 2025

Pkt.\tEmne\tBeslutning
\t\tog forelægges igen på mødet i april.
4\tForslag om fælles visitation til vagtlæge\tSundhedsstyregruppen kunne ikke tiltræde forslaget.
5a\tTillægspunkt: Udbud af befordring\tGodkendt.
6\tEventuelt\t-

Side 2 af 2
"""

# (7) UPPERCASE headings, another forum's treatment ("BEHANDLING I … PKT. 1") before the meeting's own
# decision, and PDF page furniture (running header, "Side N af M").
UPPERCASE_PDF = """REFERAT

SUNDHEDSSAMARBEJDSUDVALGET

Mødedato: 28. februar 2024 kl. 14.00-16.00
Mødested: Comwell Kolding

Sundhedssamarbejdsudvalget 28. februar 2024

PUNKT 1: GODKENDELSE AF IMPLEMENTERINGSPLAN FOR SUNDHEDSAFTALEN 2024-2027

SAGSNR.: 23/45678

RESUMÉ

Implementeringsplanen samler tyve indsatser.

INDSTILLING

Det indstilles, at Sundhedssamarbejdsudvalget godkender implementeringsplanen.

BEHANDLING I SUNDHEDSSTYREGRUPPEN PKT. 1

Anbefales over for Sundhedssamarbejdsudvalget.

BESLUTNING I SUNDHEDSSAMARBEJDSUDVALGET DEN 28. FEBRUAR 2024

Godkendt. Jens Hansen var ikke til stede under punktet.

Side 1 af 3

Sundhedssamarbejdsudvalget 28. februar 2024

PUNKT 2: ORIENTERING OM VENTETIDER PÅ GENOPTRÆNING

SAGSFREMSTILLING

Ventetiden er faldet i fire af fem klynger.

BESLUTNING

Orienteringen blev taget til efterretning.

Side 2 af 3

Sundhedssamarbejdsudvalget 28. februar 2024

PUNKT 3: FORSLAG OM FÆLLES SYGEPLEJEKLINIK

BEHANDLING I SUNDHEDSSTYREGRUPPEN PKT. 4

Sundhedsstyregruppen godkendte ikke forslaget.

BESLUTNING I SUNDHEDSSAMARBEJDSUDVALGET DEN 28. FEBRUAR 2024

Sagen blev drøftet og udsat.

Side 3 af 3
"""

# (8) A municipal portal with labels in capitals on their own line, the title repeated under the heading,
# a "Beskrivelse af sagen" section and "Beslutning i <udvalg> den <dd-mm-yyyy>".
LABELS_OWN_LINE = """UDVALG

Udvalget for Ældre og Sundhed

MØDE

Referat

STED

Kanalstræde 2, mødelokale 0.21

STARTTIDSPUNKT

04-06-2020 09:00:00

PUNKTER

49. Godkendelse af dagsorden til mødet den 4. juni 2020
50. Godkendelse af anbefalinger om afbureaukratisering
51. Orientering om udgiftsdrivere, juni 2020

49. Godkendelse af dagsorden til mødet den 4. juni 2020

Godkendelse af dagsorden til mødet den 4. juni 2020
Indstilling

Administrationen indstiller, at:

  1. dagsorden for mødet den 4. juni bliver godkendt
Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020

Godkendt

50. Godkendelse af anbefalinger om afbureaukratisering

Godkendelse af anbefalinger om afbureaukratisering
Beskrivelse af sagen

Projektudvalget har afleveret elleve anbefalinger til plejecentrene.
Indstilling

Administrationen indstiller, at anbefalingerne godkendes.
Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020

Godkendt, idet anbefaling 7 udsættes til efteråret.

51. Orientering om udgiftsdrivere, juni 2020

Orientering om udgiftsdrivere, juni 2020
Indstilling

Administrationen indstiller, at orienteringen tages til efterretning.
Beslutning i Udvalget for Ældre og Sundhed den 04-06-2020

Taget til efterretning.
"""

# (9) Item numbers glued to their titles (a web page's text), the forum in the genitive.
GLUED = """Social og sundheds møde den 17. april 2023

Ekstraordinært møde - Mødelokale F7 kl. 12.00

Referat
Fold alle punkter

38Godkendelse af dagsorden

Beslutning

Godkendt

39Flytning af tandklinikken til sundhedshuset

Resume

Tandplejen skal udvide kapaciteten fra 2024.

Indstilling

Administrationen indstiller, at udvalget anbefaler flytningen over for Økonomiudvalget og Byrådet.

Beslutning

Social og sundhed anbefaler over for Økonomiudvalget og Byrådet, at tandklinikken flyttes.
"""

# (10) A short decision record with no section headings at all ("Ad 1." / "Ad pkt. 3"): the text under
# each item is what was decided; the title line carries weekday, time and place.
AD_HEADINGLESS = """Beslutningsreferat af møde i Sundhedsstyregruppen onsdag den 12. marts 2025 kl. 12.30-15.00, Regionshuset Viborg

Ad 1. Godkendelse af dagsorden
Godkendt.

Ad 2. Samarbejdsaftale om sårbare gravide
Aftalen blev godkendt med bemærkning om, at kommunerne ikke har haft tid til høring.

Ad pkt. 3 Eventuelt
Intet.
"""

# (11) A Word template with a two-column table per item: label cell, text cell.
WORD_TWO_COLUMNS = """Referat
Forum:\tSundhedsdirektørkredsen
Dato:\t7. februar 2024
Sted:\tHotel Fuglsangcentret, Fredericia

Punkt 1\tGodkendelse af dagsorden
Beslutning\tGodkendt.
Punkt 2\tStatus for TeleKOL
Indstilling\tDet indstilles, at kredsen drøfter status.
Referat\tDrøftet. Kredsen afventer den nationale evaluering.
Punkt 3\teHealth-strategi for klyngerne
Sagsnr.\t24/1187
Beslutning\tStrategien kunne ikke godkendes i den foreliggende form.
"""

LAYOUTS = {
    "punkt_inline": (
        PUNKT_INLINE, ("Sundhedskoordinationsudvalget", "2024-03-14", "Regionshuset Vejle, lokale A2"),
        [(1, "Godkendelse af dagsorden", None, "Godkendt.", "approved"),
         (2, "Samarbejdsaftale om borgere med demens", "23/14512",
          "Ikke godkendt. Udvalget ønsker aftalen fremlagt igen med en plan for finansieringen.", "rejected"),
         (3, "Status på færdigbehandlingsdage", None, "Taget til orientering.", "noted")]),
    "pkt_kmd": (
        PKT_KMD, ("Social- og Sundhedsudvalget", "2013-02-05", "Rådhuset, mødelokale 3"),
        [(1, "Godkendelse af dagsorden", "13/0412", "Godkendt.", "approved"),
         (2, "Godkendelse af kvalitetsstandard for hjemmesygepleje", "12/3456",
          "Fraværende: Lone Madsen\n\nIndstillingen tiltrædes.", "approved"),
         (3, "Forslag om lukning af genoptræningscentret i Vestby", "12/8891",
          "Forslaget blev forkastet. Et mindretal (V) ønskede lukningen gennemført.", "rejected"),
         (4, "Orientering om den kommunale akutfunktion", "29.00.00-P20-4-12", "Orienteredes.", "noted")]),
    "portal": (
        PORTAL, ("Sundhedsudvalget", "2012-08-21", "Regionshuset, Damhaven 12, mødelokale 4"),
        [(1, "Godkendelse af dagsorden", "12/3301", "Godkendt uden bemærkninger.", "approved"),
         (2, "Samarbejde om hjemmebehandling med IV-antibiotika", "12/3402", "Anbefales over for Regionsrådet.",
          "approved"),
         (3, "Forslag om nedlæggelse af akutklinikken i Nørreby", "12/3555",
          "Udvalget kunne ikke tiltræde indstillingen.", "rejected"),
         (4, "Eventuelt", "12/3301", "Ingen bemærkninger.", "none")]),
    "sag": (
        SAG, ("Klyngestyregruppen for Horsensklyngen", "2024-06-12", "Regionshospitalet Horsens, mødelokale 1"),
        [(1, "Godkendelse af referat fra sidste møde", None, "Referatet blev godkendt.", "approved"),
         (2, "Opfølgning på forløbsprogrammet for KOL", "1-16-02-77-24",
          "Sagen blev drøftet og udsat til næste møde, hvor Horsens Kommune fremlægger nye tal.", "postponed"),
         (3, "Fælles akutfunktion", None, "Punktet udgik.", "none"),
         (5, "Eventuelt", None, "", "none")]),
    "block_header": (
        BLOCK_HEADER, ("Forretningsudvalget", "2013-05-21", "Konferencelokalet"),
        [(1, "Meddelelser", "1-13-76-22-13", "Meddelelserne blev taget til efterretning.", "noted"),
         (2, "Godkendelse af budget for det præhospitale område", "1-30-72-14-13",
          "Et flertal godkendte indstillingen. Et mindretal (Ø) kunne ikke tiltræde indstillingen.", "approved"),
         (3, "Forslag om ændret åbningstid i akutklinikken", "1-30-72-15-13",
          "Indstillingen blev ikke tiltrådt.\n\nForretningsudvalget ønsker en ny sag med konsekvenserne for "
          "patienterne.", "rejected")]),
    "table": (
        TABLE, ("Sundhedsstyregruppen", "2025-02-03", "Regionshuset Sorø, mødelokale 2"),
        [(1, "Godkendelse af dagsorden", None, "Godkendt.", "approved"),
         (2, "Opfølgning på implementeringsplanen", None, "Drøftet og godkendt med de faldne bemærkninger.",
          "approved"),
         (3, "Fælles retningslinje for medicinhåndtering", None,
          "Sendes til fornyet behandling i arbejdsgruppen og forelægges igen på mødet i april.", "postponed"),
         (4, "Forslag om fælles visitation til vagtlæge", None,
          "Sundhedsstyregruppen kunne ikke tiltræde forslaget.", "rejected"),
         (6, "Eventuelt", None, "-", "none")]),
    "uppercase_pdf": (
        UPPERCASE_PDF, ("Sundhedssamarbejdsudvalget", "2024-02-28", "Comwell Kolding"),
        [(1, "GODKENDELSE AF IMPLEMENTERINGSPLAN FOR SUNDHEDSAFTALEN 2024-2027", "23/45678",
          "BEHANDLING I SUNDHEDSSTYREGRUPPEN PKT. 1:\n\nAnbefales over for Sundhedssamarbejdsudvalget.\n\n"
          "BESLUTNING I SUNDHEDSSAMARBEJDSUDVALGET DEN 28. FEBRUAR 2024:\n\n"
          "Godkendt. Jens Hansen var ikke til stede under punktet.", "approved"),
         (2, "ORIENTERING OM VENTETIDER PÅ GENOPTRÆNING", None, "Orienteringen blev taget til efterretning.",
          "noted"),
         (3, "FORSLAG OM FÆLLES SYGEPLEJEKLINIK", None,
          "BEHANDLING I SUNDHEDSSTYREGRUPPEN PKT. 4:\n\nSundhedsstyregruppen godkendte ikke forslaget.\n\n"
          "BESLUTNING I SUNDHEDSSAMARBEJDSUDVALGET DEN 28. FEBRUAR 2024:\n\nSagen blev drøftet og udsat.",
          "postponed")]),
    "labels_own_line": (
        LABELS_OWN_LINE, ("Udvalget for Ældre og Sundhed", "2020-06-04", "Kanalstræde 2, mødelokale 0.21"),
        [(49, "Godkendelse af dagsorden til mødet den 4. juni 2020", None, "Godkendt", "approved"),
         (50, "Godkendelse af anbefalinger om afbureaukratisering", None,
          "Godkendt, idet anbefaling 7 udsættes til efteråret.", "approved"),
         (51, "Orientering om udgiftsdrivere, juni 2020", None, "Taget til efterretning.", "noted")]),
    "glued": (
        GLUED, ("Social og sundhed", "2023-04-17", "Mødelokale F7"),
        [(38, "Godkendelse af dagsorden", None, "Godkendt", "approved"),
         (39, "Flytning af tandklinikken til sundhedshuset", None,
          "Social og sundhed anbefaler over for Økonomiudvalget og Byrådet, at tandklinikken flyttes.",
          "approved")]),
    "ad_headingless": (
        AD_HEADINGLESS, ("Sundhedsstyregruppen", "2025-03-12", "Regionshuset Viborg"),
        [(1, "Godkendelse af dagsorden", None, "Godkendt.", "approved"),
         (2, "Samarbejdsaftale om sårbare gravide", None,
          "Aftalen blev godkendt med bemærkning om, at kommunerne ikke har haft tid til høring.", "approved"),
         (3, "Eventuelt", None, "Intet.", "none")]),
    "word_two_columns": (
        WORD_TWO_COLUMNS, ("Sundhedsdirektørkredsen", "2024-02-07", "Hotel Fuglsangcentret, Fredericia"),
        [(1, "Godkendelse af dagsorden", None, "Godkendt.", "approved"),
         (2, "Status for TeleKOL", None, "Drøftet. Kredsen afventer den nationale evaluering.", "discussed"),
         (3, "eHealth-strategi for klyngerne", "24/1187",
          "Strategien kunne ikke godkendes i den foreliggende form.", "rejected")]),
}


@pytest.fixture(scope="module")
def parsed():
    return {name: parse_minutes(doc) for name, (doc, _, _) in LAYOUTS.items()}


@pytest.mark.parametrize("name", LAYOUTS)
def test_meeting_header(parsed, name):
    assert (parsed[name]["forum"], parsed[name]["date"], parsed[name]["place"]) == LAYOUTS[name][1]


@pytest.mark.parametrize("name", LAYOUTS)
def test_items(parsed, name):
    got = [(i["number"], i["title"], i["case_no"], i["decision"], i["decision_kind"]) for i in parsed[name]["items"]]
    assert got == LAYOUTS[name][2]


@pytest.mark.parametrize("name", LAYOUTS)
def test_detected_as_minutes(name):
    assert looks_like_minutes(LAYOUTS[name][0])


def test_inline_sections_are_read_into_their_fields(parsed):
    two = parsed["punkt_inline"]["items"][1]
    assert two["recommendation"] == "Det indstilles, at udvalget godkender udkastet til samarbejdsaftalen."
    assert two["case_text"].startswith("Aftalen er udarbejdet af en tværsektoriel arbejdsgruppe.")
    assert two["attachments"] == ["Udkast til samarbejdsaftale om demens.pdf"]
    # "Punktet blev drøftet" in the case text says nothing about the decision
    assert parsed["punkt_inline"]["items"][0]["case_text"] == ""


def test_kmd_sections_and_recommendation(parsed):
    two = parsed["pkt_kmd"]["items"][1]
    assert two["summary"] == "Udvalget skal tage stilling til den reviderede kvalitetsstandard."
    assert two["recommendation"] == "Direktøren indstiller,\n\n1. at kvalitetsstandarden godkendes."
    assert "Dok.nr." not in two["case_text"] and "Åbent" not in two["case_text"]


def test_portal_noise_lists_and_attachments(parsed):
    two = parsed["portal"]["items"][1]
    assert two["summary"] == "Kommunerne og hospitalerne har afprøvet hjemmebehandling i to klynger."
    assert two["case_text"] == ("Samarbejdet bygger på tre trin:\n\n1. Hospitalet oplærer patienten i at give "
                                "medicinen\n\n2. Kommunens sygeplejersker følger op i hjemmet")
    assert two["attachments"] == ["Samarbejdsaftale om IV-antibiotika (PDF)"]
    assert two["recommendation"].startswith("Administrationen indstiller")
    assert parsed["portal"]["rejected"] == []
    assert all("fold dette punkt" not in str(i) and "Til toppen" not in str(i) for i in parsed["portal"]["items"])


def test_unparsable_headings_are_rejected_not_dropped(parsed):
    # "Sag 4a" ends item 3 (its "Godkendt." is not item 3's decision) and is reported with its line
    assert parsed["sag"]["rejected"] == [{"line": SAG.splitlines().index("Sag 4a: Tillægspunkt om vagtlægeordningen")
                                          + 1, "reason": "agenda item number '4a' is not a whole number"}]
    assert parsed["table"]["rejected"] == [{"line": TABLE.splitlines().index(
        "5a\tTillægspunkt: Udbud af befordring\tGodkendt.") + 1,
        "reason": "decision table row numbered '5a': not a whole item number"}]


def test_recommendation_before_sagsfremstilling_heading(parsed):
    two = parsed["block_header"]["items"][1]
    assert two["recommendation"].startswith("Direktionen indstiller,")
    assert two["recommendation"].endswith("at forretningsudvalget godkender budgettet.")
    assert two["case_text"] == "Budgettet er udarbejdet på baggrund af aktivitetstallene for 2012."


def test_page_furniture_is_not_text(parsed):
    for item in parsed["uppercase_pdf"]["items"]:
        assert "Side " not in item["decision"] and "28. februar 2024\n" not in item["case_text"]
    one = parsed["uppercase_pdf"]["items"][0]
    assert one["summary"] == "Implementeringsplanen samler tyve indsatser."
    assert one["recommendation"] == "Det indstilles, at Sundhedssamarbejdsudvalget godkender implementeringsplanen."


def test_repeated_title_under_heading_is_skipped(parsed):
    fifty = parsed["labels_own_line"]["items"][1]
    assert fifty["case_text"] == "Projektudvalget har afleveret elleve anbefalinger til plejecentrene."
    assert fifty["recommendation"] == "Administrationen indstiller, at anbefalingerne godkendes."


# --- a decision line is never lost -----------------------------------------------------------------

def test_decision_line_like_the_title_is_kept():
    doc = """Referat
Udvalg: Sundhedsudvalget
Mødedato: 2. maj 2024

Punkt 1: Godkendelse af budget 2025

Beslutning

Godkendelse af budget 2025 med de faldne bemærkninger

Bilag

Budget 2025.pdf

Punkt 2: Godkendelse af dagsorden

Beslutning

Godkendelse af dagsorden

Bilag

Dagsorden.pdf
"""
    one, two = parse_minutes(doc)["items"]
    assert one["decision"] == "Godkendelse af budget 2025 med de faldne bemærkninger"
    assert two["decision"] == "Godkendelse af dagsorden"  # the title's words, but under Beslutning
    assert (one["attachments"], two["attachments"]) == (["Budget 2025.pdf"], ["Dagsorden.pdf"])


def test_repeated_title_between_runs_of_sections_is_layout():
    doc = """Referat
Udvalg: Sundhedsudvalget
Mødedato: 2. maj 2024

Punkt 1: Drøftelse af vagtlægeordningen

Beslutning

Punktet blev drøftet.

Drøftelse af vagtlægeordningen

Resumé

Vagtlægeordningen evalueres i 2024.
"""
    item = parse_minutes(doc)["items"][0]
    assert (item["decision"], item["decision_kind"]) == ("Punktet blev drøftet.", "discussed")
    assert item["summary"] == "Vagtlægeordningen evalueres i 2024."


def test_item_without_decision_and_dash():
    doc = """Referat
Udvalg: Sundhedsudvalget
Mødedato: 2. maj 2024

Punkt 1: Orientering fra formanden

Sagsfremstilling

Formanden orienterede. Indstillingen blev godkendt på sidste møde.

Punkt 2: Eventuelt

Beslutning

-
"""
    one, two = parse_minutes(doc)["items"]
    assert (one["decision"], one["decision_kind"]) == ("", "none")
    assert (two["decision"], two["decision_kind"]) == ("-", "none")


def test_table_decisions_fill_items_from_headings():
    doc = """Referat
Udvalg: Sundhedsudvalget
Mødedato: 2. maj 2024

Punkt 1: Godkendelse af dagsorden

Sagsfremstilling

Dagsordenen er udsendt.

Punkt 2: Budget

Beslutning

Udsat.

Beslutningsoversigt

Pkt.\tEmne\tBeslutning
1\tGodkendelse af dagsorden\tGodkendt.
2\tBudget\tUdsat.
3\tEventuelt\tIngen bemærkninger.
"""
    items = parse_minutes(doc)["items"]
    assert [(i["number"], i["decision"], i["decision_kind"]) for i in items] == [
        (1, "Godkendt.", "approved"), (2, "Udsat.", "postponed"), (3, "Ingen bemærkninger.", "none")]
    assert "Pkt." not in items[1]["decision"] and "Beslutningsoversigt" not in items[1]["decision"]


def test_heading_without_title_is_rejected():
    doc = "Referat\nUdvalg: Sundhedsudvalget\n\nPunkt 1: Budget\nBeslutning\nGodkendt.\n\nPunkt 2:\n\nBeslutning\n" \
          "Afvist.\n"
    m = parse_minutes(doc)
    assert [(i["number"], i["decision"]) for i in m["items"]] == [(1, "Godkendt.")]
    assert m["rejected"] == [{"line": doc.splitlines().index("Punkt 2:") + 1,
                              "reason": "agenda item heading 'Punkt 2:' has no title"}]


def test_sub_items_stay_in_their_item():
    doc = ("Referat\nUdvalg: Sundhedsudvalget\n\nPunkt 5: Budget\nSagsfremstilling\nTo dele.\n"
           "Punkt 5.1 Drift\nDriften er i balance.\nBeslutning\nGodkendt.\n")
    items = parse_minutes(doc)["items"]
    assert len(items) == 1 and items[0]["decision"] == "Godkendt."
    assert "Punkt 5.1 Drift" in items[0]["case_text"]


# --- detection -------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["000", "002"])
def test_other_seed_kinds_are_not_minutes(prefix):
    assert not looks_like_minutes(seed(prefix).read_text())


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_seed_minutes_are_minutes(prefix):
    assert looks_like_minutes(seed(prefix).read_text())


@pytest.mark.parametrize("text", [
    "indikator;geografi;periode;værdi\nreadmissions_30d;Aarhus;2024M01;12,5\nreadmissions_30d;Odder;2024M01;9,1\n",
    "indikator\tgeografi\tperiode\tværdi\nreadmissions_30d\tAarhus\t2024M01\t12,5\n",
    "Pkt.\tEmne\tAnsvarlig\n1\tBudget\tJens\n",
    "Dette er bare et brev til direktørerne om beslutningen.\nMed venlig hilsen\nSekretariatet\n",
    "Dagsorden\nPunkt 1: Budget\nPunkt 2: Eventuelt\n",
])
def test_tables_prose_and_agendas_are_not_minutes(text):
    assert not looks_like_minutes(text)


# --- hostile input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    " " * 3000, "." * 3000, ". " * 1500, "Punkt 1: " + "a" * 3000, "Beslutning i " + "Sundhedsudvalget " * 200,
    "1. " + "Godkendelse " * 300, "Sagsnr.: " + "1-" * 1500, "\t" * 3000, "Side 1 af " + "1" * 3000,
    "Referat til mødet i " + "x " * 1500, "Mødedato " + "1. " * 1000,
])
def test_hostile_lines_parse_fast(line):
    text = f"Referat\nUdvalg: Sundhedsudvalget\n\nPunkt 1: Budget\n\nBeslutning\n\n{line}\n{line}\n"
    began = time.process_time()
    parse_minutes(text)
    looks_like_minutes(text)
    assert time.process_time() - began < 0.5


def test_many_items_parse_fast():
    text = "Udvalg: Sundhedsudvalget\n" + "".join(
        f"Sagsnr.: 12/{n}\n{n}. Punkt nummer {n}\nBeslutning\nGodkendt.\n" for n in range(1, 1000))
    began = time.process_time()
    items = parse_minutes(text)["items"]
    assert time.process_time() - began < 3
    assert [i["number"] for i in items] == list(range(1, 1000))
    assert all(i["decision"] == "Godkendt." and i["case_no"] == f"12/{i['number']}" for i in items)


def test_many_numbered_lines_in_text_parse_fast():
    text = "Referat\nUdvalg: Sundhedsudvalget\n\n1. Budget\nSagsnr.: 12/1\nSagsfremstilling\n" + "".join(
        f"{n % 999 + 1}. Linje {n}\nBeslutning\n" for n in range(3000))
    began = time.process_time()
    parse_minutes(text)
    assert time.process_time() - began < 3


def test_decision_heading_without_preposition_and_title_ending_in_a_period():
    doc = """Udvalg: Sundhedsudvalget
Mødedato: 1. marts 2024
Sagnr.: 1-01-72-1-24

1. Godkendelse af dagsorden.

Beslutning Sundhedsudvalget den 01-03-2024

Godkendt.

Sagnr.: 1-01-72-2-24

2. eHealth-strategi for regionen

Sagsfremstilling

Strategien dækker 2024-2027.

Beslutning Sundhedsudvalget den 01-03-2024

Udsættes til næste møde.
"""
    items = parse_minutes(doc)["items"]
    assert [(i["number"], i["title"], i["case_no"], i["decision"], i["decision_kind"]) for i in items] == [
        (1, "Godkendelse af dagsorden.", "1-01-72-1-24", "Godkendt.", "approved"),
        (2, "eHealth-strategi for regionen", "1-01-72-2-24", "Udsættes til næste møde.", "postponed")]
    assert items[1]["case_text"] == "Strategien dækker 2024-2027."


def test_table_of_contents_written_as_headings_and_item_numbers_in_decisions():
    doc = """REFERAT Sundhedsstyregruppen d. 14-11-2025
Punkt 1: Godkendelse af dagsorden
Punkt 2: Budget

Punkt 1: Godkendelse af dagsorden
Beslutning
Godkendt.
Punkt 2: Budget
Beslutning
Punkt 3 blev behandlet sammen med dette punkt. Pkt. 4 blev udsat.
Godkendt.
"""
    items = parse_minutes(doc)["items"]
    assert [(i["number"], i["decision"]) for i in items] == [
        (1, "Godkendt."), (2, "Punkt 3 blev behandlet sammen med dette punkt. Pkt. 4 blev udsat.\n\nGodkendt.")]
    assert items[1]["decision_kind"] == "approved"


def test_many_headings_without_bodies_parse_fast():
    text = "Referat\nUdvalg: Sundhedsudvalget\n" + "Punkt 1: Budget\n" * 5000 + "Beslutning\nGodkendt.\n"
    began = time.process_time()
    items = parse_minutes(text)["items"]
    assert time.process_time() - began < 3
    assert items[-1]["decision"] == "Godkendt."


@pytest.mark.parametrize("line, section, forum, day", [
    ("Beslutning i Sundhedsudvalget den 21-08-2012", "decision", "Sundhedsudvalget", "2012-08-21"),
    ("BESLUTNING I SUNDHEDSSAMARBEJDSUDVALGET DEN 28. FEBRUAR 2024", "decision", "Sundhedssamarbejdsudvalget",
     "2024-02-28"),
    ("Behandling i Sundhedsstyregruppen pkt. 1", "decision", "Sundhedsstyregruppen", None),
    ("Byrådets beslutning den 22-08-2012", "decision", "Byrådet", "2012-08-22"),
    ("fold dette punkt ind Beslutning i Social og sundhed den 17-04-2023:", "decision", "Social og sundhed",
     "2023-04-17"),
    ("**Beslutning**", "decision", None, None),
    ("INDSTILLING", "recommendation", None, None),
    ("Forslag til beslutning", "recommendation", None, None),
    ("Beskrivelse af sagen", "case_text", None, None),
    ("RESUMÉ", "summary", None, None),
    ("Bilag:", "attachments", None, None),
    ("Beslutning i sagen træffes af Regionsrådet.", None, None, None),
    ("Behandling i almen praksis", None, None, None),
    ("Regionsrådets behandling i maj 2024 forventes at ske hurtigt", None, None, None),
    ("Indstilling vedr. forlængelse af implementeringsgruppen blev godkendt som indstillet.", None, None, None),
    ("Beslutningstemaet er nyt", None, None, None),
])
def test_section_headings(line, section, forum, day):
    heading = section_heading(line)
    got = (heading.section, heading.forum, heading.day.isoformat() if heading.day else None) if heading else None
    assert got == ((section, forum, day) if section else None)


def test_headingless_decision_like_the_title_is_kept():
    doc = ("Beslutningsreferat\nUdvalg: Sundhedsudvalget\nMødedato: 2. maj 2024\n\n"
           "Ad 1. Godkendelse af dagsorden\nGodkendelse af dagsorden godkendt.\n\nAd 2. Eventuelt\nIntet.\n")
    one, two = parse_minutes(doc)["items"]
    assert (one["decision"], one["decision_kind"]) == ("Godkendelse af dagsorden godkendt.", "approved")
    assert (two["decision"], two["decision_kind"]) == ("Intet.", "none")


def test_numbered_items_without_any_section_heading():
    doc = ("Referat\n\nUdvalg: Sundhedsklynge Vest\nMødedato: 3. maj 2024\n\n1. Godkendelse af dagsorden\nGodkendt.\n\n"
           "2. Status på akutpladser\nPunktet blev drøftet.\nSekretariatet følger op:\n1. på belægningen\n"
           "2. på ventetiden\n\n3. Eventuelt\nIntet.\n")
    assert looks_like_minutes(doc)
    items = parse_minutes(doc)["items"]
    assert [(i["number"], i["title"], i["decision_kind"]) for i in items] == [
        (1, "Godkendelse af dagsorden", "approved"), (2, "Status på akutpladser", "discussed"),
        (3, "Eventuelt", "none")]
    assert items[1]["decision"].endswith("1. på belægningen\n\n2. på ventetiden")


def test_word_minutes_through_the_document_reader(tmp_path):
    import docx  # python-docx is a requirement: a missing one fails here, never skips

    from loaders.documents import document_text

    document = docx.Document()
    document.add_heading("Referat", level=1)
    for line in ("Udvalg: Sundhedsudvalget", "Mødedato: 2. maj 2024 kl. 15.00", "Mødested: Rådhuset, lokale 2"):
        document.add_paragraph(line)
    document.add_heading("Punkt 1: Godkendelse af dagsorden", level=2)
    document.add_paragraph("Beslutning: Godkendt.")
    document.add_heading("Punkt 2: Samarbejdsaftale om hjemmeilt", level=2)
    document.add_paragraph("Sagsnr.: 24/0912")
    document.add_heading("Indstilling", level=3)
    document.add_paragraph("Det indstilles, at udvalget godkender aftalen.")
    document.add_heading("Beslutning", level=3)
    document.add_paragraph("Ikke godkendt. Aftalen genfremsættes med en plan for finansiering.")
    document.add_paragraph("Beslutningsoversigt")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Pkt.", "Emne", "Beslutning"), ("1", "Godkendelse af dagsorden", "Godkendt."),
                                       ("3", "Eventuelt", "Punktet udgik.")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    path = tmp_path / "referat.docx"
    document.save(path)
    text = document_text(path, path.read_bytes())
    assert looks_like_minutes(text)
    m = parse_minutes(text)
    assert (m["forum"], m["date"], m["place"]) == ("Sundhedsudvalget", "2024-05-02", "Rådhuset, lokale 2")
    assert [(i["number"], i["title"], i["case_no"], i["decision"], i["decision_kind"]) for i in m["items"]] == [
        (1, "Godkendelse af dagsorden", None, "Godkendt.", "approved"),
        (2, "Samarbejdsaftale om hjemmeilt", "24/0912",
         "Ikke godkendt. Aftalen genfremsættes med en plan for finansiering.", "rejected"),
        (3, "Eventuelt", None, "Punktet udgik.", "none")]


# --- reported by the tester ----------------------------------------------------------------------

@pytest.mark.parametrize("heading", [
    "Beslutning/konklusion", "Beslutning / konklusion", "Konklusion og beslutning", "Referat og beslutning",
    "Drøftelse og beslutning", "Referat/beslutning", "Beslutning (referat)", "Beslutningsreferat",
    "Aftaler og beslutninger", "Beslutning og opfølgning",
])
def test_combined_decision_headings(heading):
    """B11: a combined heading is a decision heading; the decision does not end up in the recommendation."""
    doc = f"""Beslutningsreferat
Udvalg: Sundhedsstyregruppen
Mødedato: 3. februar 2025

Punkt 1: Fælles akutfunktion

Indstilling

Det indstilles, at styregruppen godkender kommissoriet.

{heading}

Kommissoriet blev godkendt.

Punkt 2: Eventuelt

{heading}: Intet.
"""
    assert section_heading(heading).section == "decision"
    one, two = parse_minutes(doc)["items"]
    assert one["recommendation"] == "Det indstilles, at styregruppen godkender kommissoriet."
    assert (one["decision"], one["decision_kind"]) == ("Kommissoriet blev godkendt.", "approved")
    assert two["decision"] == "Intet."


# (D15) KL/KKR: "Dagsorden og referat", the forum, the day and the place each on a line of the title block.
KKR = """Dagsorden og referat
KKR Midtjylland
Onsdag den 15. januar 2025 kl. 09.30
Scandic Aarhus City

1. Godkendelse af dagsorden
Sagsnr.: 00.01.00-P35-1-24

Beslutning
Godkendt.

2. Sundhedsklynger i Midtjylland
Sagsnr.: 29.09.00-A00-1-24

Indstilling
Det indstilles, at KKR drøfter klyngernes arbejde.

Beslutning
KKR anbefaler ikke, at indstillingen godkendes.
"""


def test_kkr_title_block():
    m = parse_minutes(KKR)
    assert (m["forum"], m["date"], m["place"]) == ("KKR Midtjylland", "2025-01-15", "Scandic Aarhus City")
    assert [(i["number"], i["title"], i["case_no"], i["decision_kind"]) for i in m["items"]] == [
        (1, "Godkendelse af dagsorden", "00.01.00-P35-1-24", "approved"),
        (2, "Sundhedsklynger i Midtjylland", "29.09.00-A00-1-24", "rejected")]


def test_one_megabyte_decision_line_parses_fast():
    """F19: one 1 MB line under Beslutning took 188 s."""
    text = "Referat\nUdvalg: Sundhedsudvalget\n\nPunkt 1: Budget\n\nBeslutning\n\n" + "Godkendt ikke " * 75_000 + "\n"
    began = time.process_time()
    item = parse_minutes(text)["items"][0]
    assert time.process_time() - began < 1
    assert item["decision"].startswith("Godkendt ikke") and item["decision_kind"] != "approved"


def test_many_long_decision_lines_parse_fast():
    """F19: 2,000 lines of 3 KB took 5.3 s."""
    line = ("Indstillingen blev ikke godkendt, og sagen drøftes igen. " * 60)[:3000]
    text = "Referat\nUdvalg: Sundhedsudvalget\n\nPunkt 1: Budget\n\nBeslutning\n\n" + "\n".join([line] * 2000) + "\n"
    began = time.process_time()
    item = parse_minutes(text)["items"][0]
    assert time.process_time() - began < 2.5
    assert item["decision_kind"] == "rejected"
