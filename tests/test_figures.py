"""Key figures read from the minutes (loaders.figures): the rules on sentences as secretariats write them,
the seeds' figures found as the hand-kept quote list once had them, and a new meeting's figures shown on
Telemedicin and in the deck as soon as its minutes are imported."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.filters import Filters
from loaders.minutes import parse_minutes
from loaders.reference import Reference
from slides.standard import slide_for
from store import imports
from store.versions import VersionStore
from tests.apptest import figures, open_app, texts, values
from tests.conftest import BUILD_DAY, DATA, ROOT, seed
from tests.test_versions import NOW

HERE = ROOT / "tests" / "data"


def read(ref: Reference, sentence: str, title: str = "", day: str = "2025-12-05") -> list[tuple[object, ...]]:
    from loaders.figures import read_figures

    return [(f["measure"], f["value"], f["date"], f["deadline"], f["place"])
            for f in read_figures(f"{title}\n{sentence}\n", [{"title": title}] if title else [], ref.measures,
                                  ref.place_names(), "1082", day)]


@pytest.mark.parametrize(("sentence", "title", "expected"), [
    # a target and its deadline; the earlier target in the same words
    ("Sundhedsstyregruppen godkender et justeret måltal på 450 inkluderede borgere i TeleKOL ved udgangen af 2026.",
     "", [("telekol_target", 450.0, None, "2026-12-31", "1082")]),
    ("Dette skal holdes op imod et måltal, der oprindeligt lå på 1.250 inkluderede borgere.", "Status for TeleKOL",
     [("telekol_target", 1250.0, None, None, "1082")]),
    # a count on a day, and a cluster's share of it
    ("Pr. 1. november 2025 var 236 borgere inkluderet i TeleKOL, heraf 52 i Vestklyngen.", "",
     [("telekol_included", 236.0, "2025-11-01", None, "1082"), ("telekol_included", 52.0, "2025-11-01", None, "vest")]),
    ("Pr. 1/3 2026 er 310 borgere i Aarhusklyngen inkluderet i TeleKOL.", "",
     [("telekol_included", 310.0, "2026-03-01", None, "aarhus")]),
    # without a day of its own, a count holds on the meeting's day
    ("I TeleKOL er nu 240 borgere inkluderet.", "", [("telekol_included", 240.0, "2025-12-05", None, "1082")]),
    # percentages, amounts and counts of the 1-1-2 trial; the item's title names the measure
    ("For 81 % af patienterne blev opfølgningen foretaget af egen læge.", "Status på prøvehandling 1-1-2",
     [("trial_112_own_gp", 81.0, "2025-12-05", None, "1082")]),
    ("Aftalens økonomiske ramme er max 150.000 kr.", "Prøvehandling om borgere, der ringer 1-1-2",
     [("trial_112_budget", 150000.0, "2025-12-05", None, "1082")]),
    ("Frem til og med oktober 2025 er der registreret 112 konferencekald, og 9 gange er der ringet forgæves.",
     "1-1-2", [("trial_112_calls", 112.0, "2025-10-31", None, "1082"), ("trial_112_failed", 9.0, "2025-10-31", None,
                                                                         "1082")]),
    # dates: the later extension, a season
    ("Prøvehandlingen forlænges frem til 31. december 2027.", "1-1-2",
     [("trial_112_end", None, "2027-12-31", None, "1082")]),
    ("TeleHjerte starter med en pilotfase i efteråret 2026.", "", [("telehjerte_pilot", None, "2026-09-01", None,
                                                                    "1082")]),
    # never a figure: a year, a duration, a date's parts, the number in "1-1-2", a measure nobody named
    ("Prøvehandlingen har kørt i 10 måneder siden 1. september 2024.", "1-1-2", []),
    ("Borgere, der ringer 1-1-2, får hjælp.", "1-1-2", []),
    ("Der er 400 borgere inkluderet i projektet.", "Status for demensindsatsen", []),
])
def test_figures_in_sentences(ref: Reference, sentence: str, title: str, expected: list[tuple[object, ...]]) -> None:
    assert read(ref, sentence, title) == expected


def test_the_seeds_give_every_figure_the_hand_kept_list_had(ref: Reference) -> None:
    """The quote list the dashboard once kept by hand, now a test of the reader: each value or date is read
    from the very sentence it quoted."""
    from loaders.figures import read_figures

    found, texts = [], ""
    for prefix in ("001", "003"):
        text = seed(prefix).read_text(encoding="utf-8")
        minutes = parse_minutes(text)
        found += read_figures(text, minutes["items"], ref.measures, ref.place_names(), "1082", minutes["date"])
        texts += " ".join(text.split())
    rows = list(csv.DictReader((HERE / "quoted_figures.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 12
    for row in rows:
        assert row["quote"] in texts, row["id"]
        measure = "telekol_included" if row["id"].startswith("telekol_included") else row["id"]
        mine = [f for f in found if f["measure"] == measure]
        if row["value"]:
            assert float(row["value"]) in [f["value"] for f in mine], row["id"]
        if row["date"] and not row["value"]:  # a date measure: the latest statement is the list's date
            assert mine[-1]["date"] == row["date"], row["id"]
        assert any(row["quote"][:30] in f["sentence"] for f in mine) or not row["value"], row["id"]


NEW_MINUTES = """REFERAT Sundhedsstyregruppen d. 05-12-2025

Mødedato Fredag d. 5. december 2025 kl. 10:00

Mødested Regionshuset Viborg

Punkt 1: Godkendelse af dagsorden

Beslutning
Dagsordenen blev godkendt.

Punkt 2: Justeret måltal for TeleKOL

Sagsfremstilling
Pr. 1. november 2025 var 236 borgere inkluderet i TeleKOL, heraf 52 i Vestklyngen. Tallet pr. 1. juli 2025
er rettet til 191 inkluderede borgere i TeleKOL.

Indstilling
Det indstilles, at Sundhedsstyregruppen godkender et justeret måltal på 450 inkluderede borgere i TeleKOL ved
udgangen af 2026.

Beslutning
Sundhedsstyregruppen godkendte et justeret måltal på 450 inkluderede borgere ved udgangen af 2026.
"""


@pytest.fixture
def with_new_minutes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VersionStore:
    monkeypatch.setenv("SUNDHED_DB", str(tmp_path / "dashboard.db"))
    monkeypatch.setenv("SUNDHED_TODAY", "2026-01-10")
    store = VersionStore(tmp_path / "dashboard.db", tmp_path / "dashboard.versions", DATA / "reference")
    imports.ensure_started(store, by="Standard", today=BUILD_DAY, now=NOW, wait=0)
    path = tmp_path / "referat_ssg_2025-12-05.txt"
    path.write_text(NEW_MINUTES, encoding="utf-8")
    preview, version = imports.import_files(store, [imports.Offered(path.name, path)], by="Ane Hansen",
                                            today=BUILD_DAY, now=NOW, wait=0)
    assert version is not None, preview.refused
    return store


def test_a_new_meetings_target_and_count_are_shown_on_the_page_and_in_the_deck(with_new_minutes: VersionStore) -> None:
    params = {"region": "1082", "fra": "2025-Q1", "til": "2025-Q4"}
    at = open_app(params, page="pages/2_Telemedicin.py")
    shown = texts(at)
    assert "Mål: 450 ved udgangen af 2026 (SSG 5. dec. 2025); tidligere 1.250" in shown
    assert "Pr. 1. nov. 2025 var ca. 236 af 450 borgere inkluderet (52 % af måltallet); der mangler ca. 214." in shown
    telekol = figures(at)[0]
    assert telekol["layout"]["shapes"][0]["y0"] == 450  # the target line is the new one
    (point,) = [t for t in telekol["data"] if t["name"] == "Fra kilden"]
    # both meetings' figures; July as corrected by the newer minutes (190 → 191)
    assert point["x"] == ["jul. 2025", "nov. 2025"] and values(point) == [191, 236]
    assert "et justeret måltal vises, når det indlæses" not in shown
    front = texts(open_app(params))  # Overblik says it too
    assert "Pr. 1. nov. 2025 var ca. 236 af 450 borgere inkluderet" in front
    assert "Mål: 450 ved udgangen af 2026 (SSG 5. dec. 2025); tidligere 1.250" in front
    vest = open_app(params | {"klynge": "vest"}, page="pages/2_Telemedicin.py")
    (own,) = [t for t in figures(vest)[0]["data"] if t["name"] == "Fra kilden"]
    assert own["x"] == ["nov. 2025"] and values(own) == [52]  # the cluster's own figure, not the region's
    with sqlite3.connect(with_new_minutes.db_path) as conn:
        (slide,) = slide_for(conn, Filters("1082", None, "2025-Q1", "2025-Q4"), "telekol", BUILD_DAY)
    assert "Mål: 450 ved udgangen af 2026 (SSG 5. dec. 2025); tidligere 1.250" in slide.notes
    assert "236 af 450" in slide.notes
    assert {s.role: s.values[0] for s in slide.series if s.role == "target"} == {"target": 450.0}
    assert dict(zip(slide.categories, slide.series[0].values))["nov. 2025"] == 236
    assert dict(zip(slide.categories, slide.series[0].values))["jul. 2025"] == 191  # the newest statement wins


_FRAGMENTS = ["TeleKOL", "TeleHjerte", "1-1-2", "måltal", "inkluderet", "borgere", "i Vestklyngen", "i Aarhus",
              "pr. 1. juli 2025", "frem til og med juni 2025", "ved udgangen af 2026", "%", "kr.", "10 måneder",
              "konferencekald", "forgæves", "årligt", "pilotfase i foråret 2026", "forlænges frem til 31. oktober 2026",
              "Punkt 3:", "2025", "heraf", "og", ",", ".", "Status", "1.250", "77", "450", "0", "999.999", "3,5"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=25), st.booleans())
def test_every_figure_is_a_number_of_its_own_sentence(ref: Reference, words: list[str], titled: bool) -> None:
    """Whatever the words, the reader never fails, and every figure it gives stands in its sentence: a value
    is one of the sentence's numbers, a date parses, a place is a known one."""
    from loaders.figures import read_figures

    text = " ".join(words)
    title = "Status for TeleKOL og 1-1-2" if titled else ""
    known = {m.id for m in ref.measures}
    for f in read_figures(f"{title}\n{text}\n", [{"title": title}] if title else [], ref.measures,
                          ref.place_names(), "1082", "2025-12-05"):
        assert f["measure"] in known and f["sentence"] in f"{title} {text}"  # a line in lower case goes on the one before
        if f["value"] is not None:
            shown = [float(n.replace(".", "").replace(",", ".")) for n in re.findall(r"\d[\d.]*(?:,\d+)?", f["sentence"])
                     if re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?", n)]
            assert f["value"] in shown, (f, text)
        for key in ("date", "deadline"):
            if f[key]:
                dt.date.fromisoformat(f[key])
        assert f["place"] in ref.places
