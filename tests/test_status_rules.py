import pytest

from domain.status import STATUSES, derive_status, rules_in_words
from loaders.initiatives import parse_initiatives
from tests.conftest import seed

SEED_EXPECTED = {
    "Prøvehandling for udlevering af ortoser": "til_beslutning",
    "Samarbejdsaftale om varetagelse af service- og justeringsopgaver": "til_beslutning",
    "Inddragelse af patientinddragelsesudvalget": "udgaar",
    "Samarbejdsaftale om tidlig opsporing": "til_beslutning",  # paused earlier, but resumed ("genoptaget")
    "Dobbeltdiagnosetilbud": "til_beslutning",
    "Samarbejdsaftale om børn og unge, der lever med overvægt": "i_gang",
    "Styrkelse af samarbejdet mellem Præhospitalet": "pauseret",
    "Webløsning 'De Nære Behandlingstilbud'": "til_beslutning",
    "Udrulning af fasttilknyttede læger": "til_beslutning",
    "72 timers behandlingsansvar": "pauseret",
    "Samarbejdsaftale om den gode indlæggelse": "i_gang",
    "Styrket tværsektorielt samarbejde om sårbare patienter": "i_gang",
    "Indsats fra økonomaftalerne: Opstart af den telemedicinske": "under_udarbejdelse",
    "Prioriteringer 2025": "ikke_igangsat",
    "Fortsat drøftelse ift. indsatser målrettet borgere med kronisk": "ikke_igangsat",
    "Igangsætning af prøvehandlinger": "til_beslutning",
    "Tværasektoriel handleplan på akutområdet": "ikke_igangsat",
    "Revision af Samarbejdsaftalen for mennesker med demens": "pauseret",
    "Tværasektorielt samarbejde med tidstro journaldata": "til_beslutning",
}


def test_every_seed_initiative_lands_in_its_column_and_none_in_a_catch_all():
    rows = parse_initiatives(seed("000").read_text())["initiatives"]
    got = {}
    for row in rows:
        prefix = next(p for p in SEED_EXPECTED if row["title"].startswith(p))
        got[prefix] = derive_status(row["status"], row["action"], row["section_title"])[0]
    assert got == SEED_EXPECTED
    assert "ikke_oplyst" not in got.values()


@pytest.mark.parametrize("status, action, section, expected, why", [
    ("Aftalen er under implementering.", "", "", "i_gang", "Status nævner »under implementering«."),
    ("Arbejdet er pauseret.", "Behandles på SSG 3/2-25", "", "pauseret", "Status eller forslag nævner »pauser«."),
    ("Har været pauseret, men er genoptaget.", "Behandles på SSG", "", "til_beslutning",
     "Forslag til handling nævner »Behandles på«."),
    ("", "Forslag: Udgår", "", "udgaar", "Status eller forslag nævner »Udgår«."),
    ("Projektet er afsluttet.", "", "", "udgaar", "Status eller forslag nævner »afsluttet«."),
    ("", "Igangsættes ikke", "", "ikke_igangsat", "Status eller forslag nævner »Igangsættes ikke«."),
    ("Aftalen er under udarbejdelse.", "SSG orienteres", "", "under_udarbejdelse",
     "Status nævner »under udarbejdelse«."),
    ("Intet nyt.", "Ingen handling.", "3. Besluttede indsatser, der endnu ikke er igangsat", "ikke_igangsat",
     "Sektionen nævner »ikke er igangsat«."),
    ("Intet nyt.", "Ingen handling.", "1. Andet", "ikke_oplyst",
     "Ingen af reglerne passer på status- og forslagsteksten."),
    ("", "", "Fælles indsatser", "ikke_oplyst", "Kilden angiver hverken status eller forslag til handling."),
])
def test_rules(status, action, section, expected, why):
    assert derive_status(status, action, section) == (expected, why)


def test_rules_are_stated_in_danish_for_the_page():
    lines = rules_in_words()
    assert len(lines) == 8 and lines[0].startswith("Udgår / afsluttet: status eller forslag nævner udgår")
    assert all(line.split(":")[0] in STATUSES.values() for line in lines)
