"""Where a decision's text ends: at the next section, and where the minutes append something that is no record
of the meeting (an attachment, a letter, a closing, signatures, a new document)."""

import pytest

from loaders.minutes import parse_minutes
from tests.conftest import seed

HEAD = """Referat
Udvalg: Sundhedsstyregruppen
Mødedato: 14. november 2025

Punkt 1: Godkendelse af dagsorden

Beslutning

Godkendt.

Punkt 2: Samarbejdsaftale om demens

Indstilling

Det indstilles, at aftalen godkendes.

Beslutning

"""


def _last(text: str) -> dict:
    return parse_minutes(HEAD + text)["items"][-1]


# (what follows the decision, the decision, a piece of the appended text that must not be in it)
APPENDED = [
    ("Godkendt.\n\nBilag 2: Brev fra Aarhus Kommune\n\nVi har med interesse læst aftalen.\n", "Godkendt.",
     "Vi har med interesse"),
    ("Godkendt.\n\nBilag 1\n\nOversigt over aftalens parter og deres opgaver.\n", "Godkendt.", "Oversigt over"),
    ("Godkendt.\n\nVedlagt:\n\nNotat fra arbejdsgruppen om opgavefordelingen\n", "Godkendt.", "Notat fra"),
    ("Godkendt som indstillet.\n\nKære Sundhedsstyregruppe,\n\nTak for et godt møde. Aftalen bliver nu sendt ud.\n",
     "Godkendt som indstillet.", "Tak for et godt møde"),
    ("Udsat til næste møde.\n\nMed venlig hilsen\n\nAnne Hansen\nSekretariatschef\n", "Udsat til næste møde.",
     "Anne Hansen"),
    ("Taget til efterretning.\nVenlig hilsen\nSekretariatet\n", "Taget til efterretning.", "Sekretariatet"),
    ("Ikke godkendt.\n\nUnderskrifter\n\nJens Jensen (formand)\nMette Madsen (næstformand)\n", "Ikke godkendt.",
     "Jens Jensen"),
    ("Godkendt.\n\nTil: Sundhedsstyregruppen\nFra: Aarhus Kommune\n\nHermed vores bemærkninger til aftalen.\n",
     "Godkendt.", "Hermed vores"),
    ("Godkendt.\n\nTil Sundhedsstyregruppen\n\nVedr. aftalen om demens\n\nHermed vores bemærkninger.\n",
     "Godkendt.", "Hermed vores"),
    ("Godkendt.\n\nDagsorden\n\nMødet i Sundhedsstyregruppen den 5. december 2025\n", "Godkendt.", "5. december"),
    ("Godkendt.\n\nREFERAT Sundhedssamarbejdsudvalget d. 05-12-2025\n\nMødet blev holdt i Aarhus.\n", "Godkendt.",
     "holdt i Aarhus"),
    ("Taget til efterretning. Kommunen har sendt nedenstående svar til referatet.\n\n"
     "Svar til Sundhedsstyregruppen vedr. demensaftalen\n\nKommunen har tiltrådt aftalen den 3. marts 2025.\n",
     "Taget til efterretning. Kommunen har sendt nedenstående svar til referatet.", "tiltrådt aftalen"),
    ("Drøftet.\n\nBrev fra Sundhedsstyrelsen\n\nVi skal hermed bede om en status på aftalen.\n", "Drøftet.",
     "Vi skal hermed"),
]


@pytest.mark.parametrize("after, decision, appended", APPENDED)
def test_the_decision_ends_where_an_appended_text_starts(after, decision, appended):
    item = _last(after)
    assert item["decision"] == decision
    assert appended in item["case_text"]  # the appended text is kept with the item, not lost


# Lines that only look like the start of something appended: they are the decision's own text.
OWN_TEXT = [
    "Godkendt.\n\nBilag 1 blev godkendt med de faldne bemærkninger.",
    "Godkendt.\n\nTil efterretning for udvalget.",
    "Godkendt.\n\nSagen sendes til Regionsrådet.",
    "Godkendt.\n\nSvar fra KL afventes",  # a title's words, but nothing announces or writes a letter
    "Godkendt.\n\nNotat om økonomien eftersendes til medlemmerne",
    "Godkendt.\n\nDagsorden godkendt",
    "Godkendt.\n\nReferat fra mødet den 3. marts 2025 blev godkendt.",
    "Godkendt.\n\nDagsordenen for næste møde sendes ud i januar.",
    "Godkendt, idet formanden takkede for et godt samarbejde og hilsen fra KL blev bragt videre.",
]


@pytest.mark.parametrize("text", OWN_TEXT)
def test_what_only_looks_appended_stays_in_the_decision(text):
    assert _last(text)["decision"] == text


@pytest.mark.parametrize("gap", ["\n\n", "\n"])  # text from Word and PDF has a paragraph a line, no blank lines
def test_the_minutes_take_the_decision_up_again_after_a_letter(gap):
    item = _last(gap.join(["Taget til efterretning. Kommunen har sendt nedenstående svar til referatet.",
                           "Svar til Sundhedsstyregruppen vedr. demensaftalen",
                           "Vi har tiltrådt aftalen, og vi håber på et godt samarbejde.",
                           "Indstillingen om forlængelse af arbejdsgruppen blev godkendt som indstillet.", ""]))
    assert item["decision"] == ("Taget til efterretning. Kommunen har sendt nedenstående svar til referatet.\n\n"
                                "Indstillingen om forlængelse af arbejdsgruppen blev godkendt som indstillet.")
    assert item["decision_kind"] == "approved"
    assert "Vi har tiltrådt aftalen" in item["case_text"]
    assert item["attachments"] == ["Svar til Sundhedsstyregruppen vedr. demensaftalen"]


def test_a_line_that_goes_on_from_the_sentence_before_does_not_take_the_decision_up_again():
    item = _last("Taget til efterretning.\n\nKære udvalg,\n\n"
                 "Som aftalt sender kommunen hermed sin status på arbejdet med aftalen i klyngerne, og den\n"
                 "Indstillingen blev godkendt i kommunalbestyrelsen.\n")
    assert item["decision"] == "Taget til efterretning."


def test_a_letter_in_the_first_person_never_takes_the_decision_up_again():
    item = _last("Taget til efterretning.\n\nKære udvalg,\n\nIndstillingen kan vi ikke godkende.\n")
    assert (item["decision"], item["decision_kind"]) == ("Taget til efterretning.", "noted")


def test_a_named_attachment_is_listed():
    item = _last("Godkendt.\n\nBilag 2: Brev fra Aarhus Kommune\n\nVi har med interesse læst aftalen.\n")
    assert item["attachments"] == ["Brev fra Aarhus Kommune"]


def test_headingless_minutes_end_at_a_closing():
    text = ("Referat af mødet i Sundhedsudvalget den 3. marts 2025\n\nAd 1. Godkendelse af dagsorden\n\nGodkendt.\n\n"
            "Ad 2. Budget\n\nBudgettet blev godkendt.\n\nMed venlig hilsen\n\nSekretariatet\n")
    items = parse_minutes(text)["items"]
    assert [(i["decision"], i["decision_kind"]) for i in items] == [
        ("Godkendt.", "approved"), ("Budgettet blev godkendt.", "approved")]


def test_the_seed_letter_from_aarhus_kommune_is_not_part_of_the_decision():
    item = parse_minutes(seed("003").read_text())["items"][4]
    assert item["title"] == "Status på implementeringen af den midtjyske samarbejdsmodel"
    assert item["decision"] == (
        "Orienteringen blev taget til efterretning med bemærkning om, at Aarhus kommune er med i Den Midtjyske "
        "Samarbejdsmodel og har tilbud til målgruppen, selvom Aarhus Kommune ikke er med i STIME partnerskabet. "
        "Aarhus Kommunes har efterfølgende sendt nedenstående uddybning til referatet.\n\n"
        "Indstilling vedr. forlængelse af den fælles implementeringsgruppe for den midtjyske samarbejdsmodel blev "
        "godkendt som indstillet.")
    assert item["decision_kind"] == "approved"
    assert "Vi ønsker derfor med dette svar" in item["case_text"]
    assert item["attachments"] == [
        "Svar til sundhedsstyregruppen vedr. Aarhus Kommunes position ift. STIME og den midtjyske samarbejdsmodel"]


def test_the_other_seed_decisions_are_unchanged():
    decisions = {k: [i["decision"] for i in parse_minutes(seed(k).read_text())["items"]] for k in ("001", "004")}
    assert decisions["001"] == ["Godkendt som indstillet."] * 3 + ["Orienteringen er taget til efterretning."]
    assert decisions["004"][3] == "Sundhedsdirektørkredsen tog orienteringen til efterretning."
