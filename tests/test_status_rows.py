"""The derived status read from the whole row (status, proposed action, section), on ordinary texts of the
kind the secretariats write: a phase that ended is not the initiative ending, a proposal to make a scheme
permanent is a proposal, a negated end is no end."""

import pytest

from domain.status import STATUSES, derive_status

ROWS = [
    # (status text, proposed action, section, expected status)
    # -- a phase ended, the initiative goes on ---------------------------------------------------------------
    ("Evalueringen er afsluttet", "Ordningen permanentgøres", "", "til_beslutning"),
    ("Evalueringen er afsluttet.", "Det indstilles, at ordningen videreføres i 2026.", "", "til_beslutning"),
    ("Afprøvningen er afsluttet med gode resultater.", "Forslag: Ordningen udbredes til hele regionen", "",
     "til_beslutning"),
    ("Pilotprojektet er afsluttet.", "Prøvehandlingen forlænges et år", "", "til_beslutning"),
    ("Forsøgsperioden blev afsluttet 30. juni.", "Forelægges SSG med henblik på permanentgørelse", "",
     "til_beslutning"),
    ("Høringen er afsluttet.", "Aftalen godkendes på næste møde", "", "til_beslutning"),
    ("Kortlægningen er nu afsluttet.", "Behandles på SSG i marts", "", "til_beslutning"),
    ("Første fase er afsluttet, og anden fase er under udarbejdelse.", "", "", "under_udarbejdelse"),
    ("Analysen er afsluttet; aftalen udarbejdes nu.", "", "", "under_udarbejdelse"),
    ("Efter afsluttet evaluering er ordningen i drift.", "", "", "i_gang"),
    ("Dataindsamlingen er afsluttet, og indsatsen kører videre.", "", "", "i_gang"),
    ("Rekrutteringen er afsluttet; implementeringen er igangsat.", "", "", "i_gang"),
    ("Undersøgelsen er afsluttet.", "Resultaterne drøftes og forelægges SSU", "", "til_beslutning"),
    ("Workshoprækken er afsluttet.", "Udkast til aftale forelægges SSG til sommer", "", "til_beslutning"),
    ("Opstartsfasen er afsluttet, og aftalen er under implementering.", "", "", "i_gang"),
    ("Afdækningen er afsluttet.", "Afventer national afklaring", "", "pauseret"),
    ("Når evalueringen er afsluttet, tages der stilling til videre drift.", "", "", "ikke_oplyst"),
    ("Evalueringen er afsluttet.", "", "", "ikke_oplyst"),
    # -- negated ends ------------------------------------------------------------------------------------------
    ("Projektet er endnu ikke afsluttet.", "Status forelægges SSG", "", "til_beslutning"),
    ("Arbejdet er ikke afsluttet og løber til udgangen af 2026.", "", "", "i_gang"),
    ("Indsatsen udgår ikke, men justeres.", "Behandles på næste møde", "", "til_beslutning"),
    ("Ordningen ophører ikke før 2027; den kører som planlagt.", "", "", "i_gang"),
    # -- the initiative really ends ----------------------------------------------------------------------------
    ("Projektet er afsluttet.", "", "", "udgaar"),
    ("Indsatsen er afsluttet og evalueret.", "Ingen yderligere handling", "", "udgaar"),
    ("", "Forslag: Udgår", "", "udgaar"),
    ("Udgår, da opgaven løses i den nationale model.", "", "", "udgaar"),
    ("Samarbejdet ophører med udgangen af året.", "", "", "udgaar"),
    ("Arbejdsgruppen nedlægges.", "Punktet arkiveres", "", "udgaar"),
    ("Aftalen er afsluttet.", "Sagen arkiveres", "", "udgaar"),
    ("Prøvehandlingen er afsluttet uden at blive videreført i drift? Nej: ordningen ophører.", "", "",
     "i_gang"),  # "videreført … i drift" is named: the row is read as going on, not by guessing the irony
    ("Intet nyt.", "Ingen handling.", "4. Afsluttede indsatser", "udgaar"),
    ("Intet nyt.", "", "Udgåede indsatser", "udgaar"),
    # -- it goes on in operation --------------------------------------------------------------------------------
    ("Arbejdet er afsluttet, og aftalen er implementeret.", "", "", "i_gang"),
    ("Projektet er afsluttet og overgår til drift.", "", "", "i_gang"),
    ("Ordningen er permanentgjort.", "", "", "i_gang"),
    ("Prøvehandlingen er forlænget til 31. oktober 2026.", "", "", "i_gang"),
    ("Indsatsen er videreført i 2025.", "", "", "i_gang"),
    ("Løsningen er i drift i alle kommuner.", "", "", "i_gang"),
    ("Aftalen er under implementering.", "", "", "i_gang"),
    ("Indsatsen er igangsat i Vestklyngen.", "", "", "i_gang"),
    ("Samarbejdet kører i alle klynger.", "", "", "i_gang"),
    ("Projektperioden løber til 2026.", "", "", "i_gang"),
    # -- waiting ------------------------------------------------------------------------------------------------
    ("Arbejdet er pauseret.", "Behandles på SSG 3/2-25", "", "pauseret"),
    ("Afventer sundhedsreformen.", "", "", "pauseret"),
    ("Sagen er udskudt til efteråret.", "", "", "pauseret"),
    ("Arbejdet er sat i bero.", "", "", "pauseret"),
    ("Har været pauseret, men er genoptaget.", "Behandles på SSG", "", "til_beslutning"),
    # -- not started ----------------------------------------------------------------------------------------------
    ("", "Igangsættes ikke", "", "ikke_igangsat"),
    ("Indsatsen er ikke igangsat.", "", "", "ikke_igangsat"),
    ("Prøvehandlingen er ikke iværksat.", "", "", "ikke_igangsat"),
    ("Intet nyt.", "Ingen handling.", "3. Besluttede indsatser, der endnu ikke er igangsat", "ikke_igangsat"),
    ("Arbejdet genoptages ikke.", "", "", "ikke_igangsat"),
    # -- to be decided ----------------------------------------------------------------------------------------------
    ("Udkast foreligger.", "Til beslutning i SSU", "", "til_beslutning"),
    ("", "Forelægges Sundhedsstyregruppen til godkendelse", "", "til_beslutning"),
    ("", "Indstilles til behandling i SSU", "", "til_beslutning"),
    ("Drøftet i arbejdsgruppen.", "SSG bedes drøfte retningen", "", "til_beslutning"),
    ("", "Ordningen forlænges til udgangen af 2026", "", "til_beslutning"),
    ("", "Modellen skaleres op til alle klynger", "", "til_beslutning"),
    ("", "Indsatsen forankres i klyngerne", "", "til_beslutning"),
    # -- being drafted ------------------------------------------------------------------------------------------------
    ("Aftalen er under udarbejdelse.", "SSG orienteres", "", "under_udarbejdelse"),
    ("Retningslinjen udarbejdes i en tværsektoriel gruppe.", "", "", "under_udarbejdelse"),
    ("Løsningen er i udviklingsfase.", "", "", "under_udarbejdelse"),
    ("Materialet forventes klar i 2. kvartal.", "", "", "under_udarbejdelse"),
    # -- nothing said -------------------------------------------------------------------------------------------------
    ("Intet nyt.", "Ingen handling.", "1. Andet", "ikke_oplyst"),
    ("", "", "Fælles indsatser", "ikke_oplyst"),
]


def test_the_table_is_large_and_reaches_every_rule() -> None:
    assert len(ROWS) >= 60
    assert {expected for *_, expected in ROWS} == set(STATUSES) - {"overskredet", "besluttet"}


@pytest.mark.parametrize("status, action, section, expected", ROWS)
def test_status_from_the_whole_row(status: str, action: str, section: str, expected: str) -> None:
    got, why = derive_status(status, action, section)
    assert got == expected, why
    assert why.endswith(".") and why[0].isupper()  # the reason is shown on the board as it is
