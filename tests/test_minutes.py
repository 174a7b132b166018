import pytest

from loaders.minutes import decision_kind, parse_minutes
from tests.conftest import seed


@pytest.fixture(scope="module")
def minutes():
    return {k: parse_minutes(seed(k).read_text()) for k in ("001", "003", "004")}


@pytest.mark.parametrize("key, forum, date, place, count", [
    ("001", "Sundhedssamarbejdsudvalget", "2025-10-03", "Skriftlig godkendelse", 4),
    ("003", "Sundhedsstyregruppen", "2025-09-12", "Virtuelt jf. mødeindkaldelse", 11),
    ("004", "Sundhedsdirektørkredsen", "2024-02-07", "Hotel Fuglesangcentret i Fredericia", 4),
])
def test_meetings(minutes, key, forum, date, place, count):
    m = minutes[key]
    assert (m["forum"], m["date"], m["place"], len(m["items"])) == (forum, date, place, count)
    assert [i["number"] for i in m["items"]] == list(range(1, count + 1))


@pytest.mark.parametrize("key, number, title, case_no, kind", [
    ("001", 1, "Godkendelse ift. videreførelse af samarbejdsaftaler", "1-30-72-103-19", "approved"),
    ("001", 2, "Godkendelse af forslag til fremtidig håndtering af Samblik, Folkesundhed i Midten og "
               "Programsekretariatet for Tværsektoriel Telemedicin", "1-30-72-103-19", "approved"),
    ("001", 4, "Orientering om midtvejsstatus for Sundhedsaftalen 2024 – 2027", "1-01-72-107-21", "noted"),
    ("003", 1, "Mødedeltagere", "1-01-72-108-21", "none"),
    ("003", 2, "Godkendelse af det sundhedsfaglige grundlag for TeleHjerte", "1-32-72-2-23", "approved"),
    ("003", 5, "Status på implementeringen af den midtjyske samarbejdsmodel", "1-01-72-108-21", "approved"),
    ("003", 6, "Hjælp til hjemmeiltpatienter i tilfælde af strømnedbrud", "1-31-72-225-25", "discussed"),
    ("003", 7, "Status for TeleKOL", "1-31-82-5-16", "noted"),
    ("003", 10, "Skriftlig orientering: Almen praksis’ involvering i status på ”Samarbejdsaftale om den gode "
                "indlæggelse og udskrivelse”", "1-30-72-59-19", "none"),
    ("004", 1, "Drøftelse af de lettilgængelige tilbud for børn og unge i mistrivsel", None, "discussed"),
    ("004", 2, "Forbeholdt virksomhedsområde for sygeplejersker", None, "discussed"),
    ("004", 3, "Drøftelse af forslag om udvidelse af målgruppen i opfølgingsprogrammet for cerebral parese (CPOP)",
     None, "approved"),
    ("004", 4, "Orientering om implementeringsplan for Sundhedsaftalen 2024-2027", None, "noted"),
])
def test_items(minutes, key, number, title, case_no, kind):
    item = minutes[key]["items"][number - 1]
    assert (item["title"], item["case_no"], item["decision_kind"]) == (title, case_no, kind)


def test_sections_and_attachments(minutes):
    one = minutes["001"]["items"][0]
    assert one["recommendation"].startswith("Sundhedsstyregruppen indstiller,")
    assert one["decision"] == "Godkendt som indstillet."
    assert one["attachments"] == ["Overblik over samarbejdsaftaler_ver 22.08.25"]
    assert "Mulighed for videreførelse af aftaler" in one["case_text"]
    assert minutes["003"]["items"][9]["decision"] == "-"
    telekol = minutes["003"]["items"][6]
    assert "ca. 190 borgere" in telekol["case_text"] and "1.250" in telekol["case_text"]
    assert telekol["recommendation"].startswith("Formandskabet indstiller")


def test_decision_before_case_text_and_repeated_title(minutes):
    item = minutes["004"]["items"][0]
    assert item["decision"].startswith("Charlotte Josefsen fra Regions Syddanmarks")
    assert "Drøftelse af de lettilgængelige" not in item["decision"]  # the repeated title is not decision text
    assert item["summary"].startswith("Charlotte Josefsen, administrerende")
    assert item["recommendation"].startswith("Formandskabet for Sundhedsdirektørkredsen indstiller")
    assert "Børne- og Ungedirektørerne fra de syddanske" in item["case_text"]  # "Bør-" + "ne-" mended
    assert minutes["004"]["items"][1]["attachments"][:2] == [
        "Ibrugtagning af et forbeholdt virksomhedsområde til sygeplejersker.pdf", "Slides region Syd 7. februar.pptx"]


def test_implementation_plan(minutes):
    plan = minutes["004"]["plan_initiatives"]
    assert len(plan) == 20
    assert [sum(1 for p in plan if p["group"] == g) for g in ("joint", "lead", "free")] == [13, 4, 3]
    assert {"group": "lead", "title": "Træning for livet (Lillebælt)", "item": 4} in plan
    assert minutes["001"]["plan_initiatives"] == []


@pytest.mark.parametrize("text, kind", [
    ("Godkendt som indstillet.", "approved"),
    ("Indstillingen blev godkendt med ændringer.", "approved"),
    ("Punktet blev drøftet, og indstillingen blev godkendt.", "approved"),
    ("Orienteringen blev taget til efterretning.", "noted"),
    ("Sundhedsdirektørkredsen tog orienteringen til efterretning.", "noted"),
    ("Punktet blev drøftet.", "discussed"),
    ("SSG drøftede muligheder for lokale løsninger.", "discussed"),
    ("Punktet blev udsat til næste møde.", "postponed"),
    ("-", "none"), ("", "none"), ("–", "none"), ("Afbud: Anders", "none"),
])
def test_decision_kind(text, kind):
    assert decision_kind(text) == kind


PUNKT_DOC = """REFERAT Sundhedsstyregruppen d. 14-11-2025

Mødedato Fredag d. 14. november 2025 kl. 09:00

Mødested Regionshuset Viborg

Indholdsfortegnelse

Punkt om noget der er afkort.....\t3

Punkt 1: Godkendelse af dagsorden

Beslutning

-

Punkt 2: Samblik fremadrettet

1-01-72-999-25

BESLUTNING

Punktet blev drøftet. Punktet blev udsat.

Samblik fremadrettet

RESUMÉ

Kort resumé.

INDSTILLING

Det indstilles, at SSG drøfter driften.

Punkt 3: Uden sektioner

Der er ingen overskrifter i dette punkt.
"""


def test_punkt_layout_written_by_hand():
    m = parse_minutes(PUNKT_DOC)
    assert (m["forum"], m["date"], m["place"]) == ("Sundhedsstyregruppen", "2025-11-14", "Regionshuset Viborg")
    assert [i["title"] for i in m["items"]] == ["Godkendelse af dagsorden", "Samblik fremadrettet", "Uden sektioner"]
    one, two, three = m["items"]
    assert (one["decision"], one["decision_kind"], one["case_no"]) == ("-", "none", None)
    assert two["case_no"] == "1-01-72-999-25"
    assert two["decision"] == "Punktet blev drøftet. Punktet blev udsat."
    assert two["decision_kind"] == "postponed"
    assert two["summary"] == "Kort resumé." and two["recommendation"].startswith("Det indstilles")
    assert three["decision"] == "" and three["decision_kind"] == "none"
    assert three["case_text"] == "Der er ingen overskrifter i dette punkt."


PORTAL_DOC = """  • Udvalg: Sundhedssamarbejdsudvalget
  • Mødedato: 5. december, 2025 kl. 14:00
  • Mødested: Regionshuset Aarhus
Sagnr.: 1-01-72-1-25

1. Godkendelse af referat

Beslutning

Godkendt.

2. Et punkt uden sagsnummer

Formandskabet indstiller,

at udvalget tager orienteringen til efterretning

Sagsfremstilling

1. Dette er en nummereret linje i brødteksten

Beslutning

Taget til efterretning.
"""


def test_portal_layout_written_by_hand():
    m = parse_minutes(PORTAL_DOC)
    assert (m["forum"], m["date"], m["place"]) == ("Sundhedssamarbejdsudvalget", "2025-12-05", "Regionshuset Aarhus")
    assert [(i["number"], i["case_no"], i["decision_kind"]) for i in m["items"]] == [
        (1, "1-01-72-1-25", "approved"), (2, None, "noted")]
    assert m["items"][1]["case_text"] == "1. Dette er en nummereret linje i brødteksten"
