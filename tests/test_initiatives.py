import pytest

from loaders.initiatives import forum_of, parse_initiatives
from tests.conftest import seed


@pytest.fixture(scope="module")
def seed_rows():
    return parse_initiatives(seed("000").read_text())["initiatives"]


def test_seed_has_19_initiatives_in_three_sections(seed_rows):
    assert len(seed_rows) == 19
    assert [sum(1 for r in seed_rows if r["section"] == s) for s in (1, 2, 3)] == [6, 7, 6]
    assert {r["forum"] for r in seed_rows if r["section"] == 2} == {"SSG"}
    assert {r["forum"] for r in seed_rows if r["section"] in (1, 3)} == {"SSU"}


def test_contract_example(seed_rows):
    first = seed_rows[0]
    assert first == first | {
        "section": 1, "forum": "SSU", "time": "Primo 2025", "start": "2025-01-01", "end": "2025-04-30",
        "title": "Prøvehandling for udlevering af ortoser til børn og unge med cerebral parese",
        "dates": ["2023-09-15", "2025-05-02"],
    }
    assert "  " not in first["status"]


@pytest.mark.parametrize("title_start, time, start, end, text_part", [
    ("Samarbejdsaftale om tidlig opsporing og indsats", "2. kvartal 2025", "2025-04-01", "2025-06-30",
     "udvalgte risikogrupper"),
    ("Webløsning 'De Nære Behandlingstilbud' (hurtigt overblik for vagtlæger over kommunale akutte tilbud)",
     "Primo 2025", "2025-01-01", "2025-04-30", "præhospitalet. Der udarbejdes ultimo 2024 en status."),
    ("Revision af Samarbejdsaftalen for mennesker med demens", "2025", "2025-01-01", "2025-12-31",
     "arbejdsgruppe mhp. revision af den nuværende samarbejdsaftale."),
    ("Udrulning af fasttilknyttede læger", "1.halvår 2025", "2025-01-01", "2025-06-30", "Som følge af OK 2025"),
    ("Dobbeltdiagnosetilbud", "3. eller 4. kvartal 2025", "2025-07-01", "2025-12-31", "SSG 20/9/24"),
])
def test_split_rows_are_joined(seed_rows, title_start, time, start, end, text_part):
    row = next(r for r in seed_rows if r["title"].startswith(title_start))
    assert (row["time"], row["start"], row["end"]) == (time, start, end)
    assert text_part in " ".join([row["title"], row["status"], row["action"]])


def test_empty_cells_stay_empty(seed_rows):
    axon = next(r for r in seed_rows if "Axon" in r["title"])
    assert axon["status"] == ""
    assert axon["action"].startswith("Til beslutning i SSG 3. februar")


def test_dates_mentioned(seed_rows):
    hear = next(r for r in seed_rows if "høreområdet" in r["title"])
    assert hear["dates"] == ["2023-07-01", "2024-12-31", "2025-02-03"]


@pytest.mark.parametrize("heading, forum", [
    ("1. Allerede iværksatte indsatser til politisk beslutning i Sundhedssamarbejdsudvalget", "SSU"),
    ("2. Allerede iværksatte indsatser til administrativ beslutning i Sundhedsstyregruppen (SSG)", "SSG"),
    ("3. Politisk besluttede indsatser SSU, men som endnu ikke er igangsat", "SSU"),
    ("4. Andet", None),
])
def test_forum_of(heading, forum):
    assert forum_of(heading) == forum


NASTY = """# Overblik

#### 1. Til beslutning i Sundhedsstyregruppen

Tid\tIndsats\tStatus\tForslag til handling
Ultimo\tNy aftale om\tUnder udarbejdelse siden 3. marts 2024\tBehandles 4/6-25
\tsårbare ældre\tog pauseret\t

Tid\tIndsats\tStatus\tForslag til handling
2026\tfortsat ældre-del\tfortsat\tfortsat
Løbende\tTværgående data\t\t
Foråret 2026\tPilot\tIkke igangsat\tAfventer

##### 2. Besluttet i SSU
Tid\tIndsats\tStatus\tForslag til handling
2. halvår 2025\tEn SSU-sag\tI gang\t-
"""


def test_nasty_document():
    result = parse_initiatives(NASTY)
    rows = result["initiatives"]
    assert [r["title"] for r in rows] == [
        "Ny aftale om sårbare ældre fortsat ældre-del", "Tværgående data", "Pilot", "En SSU-sag"]
    first = rows[0]
    assert first["time"] == "Ultimo 2026" and first["start"] == "2026-09-01"
    assert first["status"] == "Under udarbejdelse siden 3. marts 2024 og pauseret fortsat"
    assert first["dates"] == ["2024-03-03", "2025-06-04"]
    assert rows[1]["start"] is None and rows[1]["time"] == "Løbende"  # kept, not guessed
    assert [r["forum"] for r in rows] == ["SSG", "SSG", "SSG", "SSU"]
    assert result["rejected"] == []


def test_rows_outside_sections_and_too_wide_rows_are_rejected_with_line():
    text = "Tid\tIndsats\tStatus\tForslag\n2025\tForældreløs\t\t\n\n## 1. SSG\nTid\tIndsats\tStatus\tForslag\n2025\tA\tB\tC\tD\tE\n"
    result = parse_initiatives(text)
    assert result["initiatives"] == []
    assert result["rejected"] == [
        {"line": 2, "reason": "table row before any numbered section heading"},
        {"line": 6, "reason": "expected 4 columns, found 6"},
    ]


def test_a_row_whose_tabs_became_spaces_is_kept_or_rejected_never_dropped():
    text = ("## 1. Til beslutning i SSG\n"
            "Tid\tIndsats\tStatus\tForslag til handling\n"
            "Primo 2025    Prøvehandling for ortoser    Igangsat 15/9-23    Til beslutning\n"
            "    for børn    og unge\n"
            "2025 Samarbejdsaftale om demens afventer national analyse\n"
            "2026\tPilot\tIkke igangsat\tAfventer\n")
    result = parse_initiatives(text)
    rows = result["initiatives"]
    assert [(r["time"], r["title"], r["status"], r["action"]) for r in rows] == [
        ("Primo 2025", "Prøvehandling for ortoser for børn", "Igangsat 15/9-23 og unge", "Til beslutning"),
        ("2026", "Pilot", "Ikke igangsat", "Afventer")]
    assert [r["line"] for r in result["rejected"]] == [5]
    assert "no tabs" in result["rejected"][0]["reason"]
