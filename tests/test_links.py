import pytest

from domain.links import MIN_CONTAINED_WORDS, decision_links, link_reason, named_things

TERMS = ["TeleHjerte", "TeleKOL", "den midtjyske samarbejdsmodel", "1-1-2", "Samblik"]


@pytest.mark.parametrize("item_title, initiative, reason", [
    ("Godkendelse af det sundhedsfaglige grundlag for TeleHjerte",
     {"title": "Opstart af telemedicinsk hjemmemonitorering (TeleHjerte)"}, "Begge nævner telehjerte"),
    ("Status på implementeringen af den midtjyske samarbejdsmodel",
     {"title": "Forankring af den midtjyske samarbejdsmodel i klyngerne"},
     "Begge nævner den midtjyske samarbejdsmodel"),
    ("Orientering om Webløsning 'De Nære Behandlingstilbud'",
     {"title": "Webløsning 'De Nære Behandlingstilbud' (hurtigt overblik for vagtlæger)"},
     "Begge nævner de nære behandlingstilbud"),
    ("Skriftlig orientering: status på ”Samarbejdsaftale om den gode indlæggelse og udskrivelse”",
     {"title": "Samarbejdsaftale om den gode indlæggelse og udskrivelse"}, "Titlen indgår i punktets titel"),
    ("Status på prøvehandling om sårbare patienter, der ringer 1-1-2",
     {"title": "Styrket samarbejde om sårbare patienter, der ringer 1-1-2"}, "Begge nævner 1-1-2"),
    ("Et punkt", {"title": "Noget andet", "status": "Se sag 1-30-72-103-19"}, "Samme sagsnummer 1-30-72-103-19"),
])
def test_strong_links(item_title, initiative, reason):
    item = {"title": item_title, "case_no": "1-30-72-103-19"}
    assert link_reason(item, initiative, TERMS) == reason


@pytest.mark.parametrize("item_title, initiative", [
    ("Godkendelse ift. videreførelse af samarbejdsaftaler", {"title": "Samarbejdsaftale om børn og unge med overvægt"}),
    ("Status for TeleKOL", {"title": "Opstart af TeleHjerte", "status": "benytter samme app som Telma"}),
    ("Eventuelt", {"title": "Prioriteringer 2025 ift. udmøntning af sundhedsaftalen"}),
    ("Orientering om midtvejsstatus for Sundhedsaftalen 2024 – 2027", {"title": "Sundhedsaftalen"}),
    ("Hjælp til hjemmeiltpatienter i tilfælde af strømnedbrud", {"title": "Hjælp til borgere"}),
    # A named thing only in the initiative's status or action does not name the initiative.
    ("Status for TeleKOL", {"title": "Opstart af TeleHjerte", "status": "benytter samme app som TeleKOL"}),
    ("Status på implementeringen af den midtjyske samarbejdsmodel",
     {"title": "Samarbejdsaftale om tidlig opsporing", "status": "pauseret pga. den midtjyske samarbejdsmodel"}),
    ("Status på implementeringen af den midtjyske samarbejdsmodel",
     {"title": "Samarbejdsaftale om tidlig opsporing", "action": "Afventer den midtjyske samarbejdsmodel"}),
    # A title inside a longer word is not the title.
    ("Status på samarbejdsaftalerne om den gode indlæggelse", {"title": "Samarbejdsaftale om den gode indlæggelse"}),
])
def test_weak_matches_never_link(item_title, initiative):
    assert link_reason({"title": item_title, "case_no": None}, initiative, TERMS) is None


# The shorter title must have at least MIN_CONTAINED_WORDS (4) words to name the other: with 3 a link
# appears in the first row, with 5 the second row's link goes.
@pytest.mark.parametrize("item_title, initiative_title, linked", [
    ("Orientering om opfølgning på tidlig opsporing i klyngerne", "tidlig opsporing i", False),  # 3 words
    ("Orientering om opfølgning på tidlig opsporing i klyngerne", "tidlig opsporing i klyngerne", True),  # 4 words
    ("Kom Trygt Hjem", "Evaluering af Kom Trygt Hjem 2025", False),  # 3 words the other way round
    ("Kom Trygt Hjem igen", "Evaluering af Kom Trygt Hjem igen i 2025", True),  # 4 words the other way round
])
def test_the_contained_title_needs_four_words(item_title, initiative_title, linked):
    assert MIN_CONTAINED_WORDS == 4
    reason = link_reason({"title": item_title, "case_no": None}, {"title": initiative_title}, [])
    assert reason == ("Titlen indgår i punktets titel" if linked else None)


def test_plan_initiatives_link_to_the_item_they_came_from():
    item = {"id": 7, "title": "Orientering om implementeringsplan", "number": 4, "source_id": 5, "case_no": None}
    plan = {"key": "k", "kind": "plan", "source_id": 5, "item": 4, "title": "Kom Trygt Hjem"}
    assert link_reason(item, plan, TERMS) == "Indsatsen er hentet fra dette punkt"
    assert link_reason({**item, "number": 3}, plan, TERMS) is None


def test_named_things():
    assert named_things("Opstart af TeleHjerte i 'De Nære Behandlingstilbud'", TERMS) == {
        "telehjerte", "de nære behandlingstilbud"}


def test_decision_links_on_the_seed_database(seed_db):
    import sqlite3

    from domain.initiatives import with_status
    from store import queries

    conn = sqlite3.connect(seed_db)
    items = queries.agenda_items(conn)
    inis = with_status(queries.initiatives(conn))
    links = decision_links(items, inis, queries.named_terms(conn))
    titles = dict(zip(inis["key"], inis["title"]))
    by_id = items.set_index("id")
    pairs = sorted((by_id.loc[r.item_id, "forum"], int(by_id.loc[r.item_id, "number"]), titles[r.initiative][:30],
                    r.reason) for r in links.itertuples() if r.reason != "Indsatsen er hentet fra dette punkt")
    # The agreement on early detection ("Samarbejdsaftale om tidlig opsporing …") is no longer linked to the two
    # items on den midtjyske samarbejdsmodel: its status only says the work was paused while that model was made.
    assert pairs == [
        ("Sundhedsstyregruppen", 2, "Indsats fra økonomaftalerne: O", "Begge nævner telehjerte"),
        ("Sundhedsstyregruppen", 8, "Styrket tværsektorielt samarbe", "Begge nævner 1-1-2"),
        ("Sundhedsstyregruppen", 10, "Samarbejdsaftale om den gode i", "Titlen indgår i punktets titel"),
    ]
    plan_links = links[links["reason"] == "Indsatsen er hentet fra dette punkt"]
    assert len(plan_links) == 20 and set(by_id.loc[plan_links["item_id"], "number"]) == {4}
