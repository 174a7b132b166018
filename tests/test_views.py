"""One truth on every page and slide: the page's answer and the slide for the same filters agree,
over a grid of filters, with and without a real extract; and the examples of issue 10."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.filters import Filters
from domain.formatting import period_label
from slides.standard import slide_for
from store import queries
from store.build import build
from tests.apptest import figures, open_app, shown, texts, values
from tests.conftest import BUILD_DAY, DATA
from views.indicators import indicator_view, kpi_cards
from views.initiatives import board, decision_log, timeline
from views.telemedicine import telekol

TODAY = dt.date(2026, 11, 23)
GRID = [
    Filters("1082", None, "2024-Q4", "2026-Q3"),
    Filters("1082", "vest", "2024-Q4", "2026-Q3"),
    Filters("1082", "aarhus", "2025-Q4", "2025-Q4"),
    Filters("1082", None, "2019-Q2", "2021-Q1"),
    Filters("1082", "vest", "2025-Q1", "2025-Q3"),
    Filters("1083", None, "2024-Q4", "2026-Q3"),
]


def municipalities(region: str) -> list[tuple[str, str, str]]:
    """(code, name, cluster) of a region's municipalities from the reference geography."""
    path = next((DATA / "reference" / "geography").glob(f"{region}-*.csv"))
    with path.open(encoding="utf-8") as f:
        return [(r["code"], r["name"], r["parent"]) for r in csv.DictReader(f) if r["level"] == "municipality"]


def write_extract(folder: Path, months: list[str], holes: set[tuple[str, str]] = frozenset(),
                  duplicate: tuple[str, str] | None = None) -> None:
    """A BI unit's extract: acute admissions 65+ per municipality of Region Midtjylland and month."""
    rows = ["indikator;kommune;måned;antal"]
    for month in months:
        for i, (_code, name, _) in enumerate(municipalities("1082")):
            cell = ".." if (name, month) in holes else str(100 + 7 * i + int(month[-2:]))
            rows.append(f"acute_admissions_65plus;{name};{month};{cell}")
            if duplicate == (name, month):
                rows.append(rows[-1])
    (folder / "sources" / "bi_akutte_indlaeggelser.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]


@pytest.fixture(scope="module", params=["demo", "extract"])
def conn(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    import shutil

    folder = tmp_path_factory.mktemp(request.param)
    shutil.copytree(DATA / "reference", folder / "data" / "reference")
    shutil.copytree(DATA / "sources", folder / "data" / "sources")
    if request.param == "extract":
        write_extract(folder / "data", MONTHS)
    build(folder / "data", folder / "db", today=BUILD_DAY)
    connection = queries.connect(folder / "db")
    yield connection
    connection.close()


@pytest.mark.parametrize("filters", GRID, ids=lambda f: f"{f.region}-{f.cluster}-{f.first}-{f.last}")
def test_slides_say_what_the_pages_say(conn: sqlite3.Connection, filters: Filters) -> None:
    cards = kpi_cards(conn, filters, TODAY)
    (kpis,) = slide_for(conn, filters, "kpis", TODAY)
    assert [r[0] for r in kpis.rows] == [c.indicator.short_name for c in cards.cards]
    for row, card in zip(kpis.rows, cards.cards):
        if card.kpi:
            assert row[1:5] == (card.period, card.value, card.change or "–", card.arrow or "–")
        else:
            assert row[-1] == card.reason and card.reason  # a missing card says why, on the slide too
    assert kpis.demo == cards.demo

    for ind in ("acute_admissions_65plus", "readmissions_30d", "influenza_vaccination_65plus"):
        view = indicator_view(conn, filters, TODAY, ind)
        slides = slide_for(conn, filters, f"indicator:{ind}", TODAY)
        if view.series.empty and view.snapshots.empty:
            assert slides == []
            continue
        (slide,) = slides
        shown = view.series if not view.series.empty else view.snapshots.sort_values("period_start")
        assert slide.categories == tuple(period_label(p) for p in shown["period"])
        assert slide.series[0].values == pytest.approx([round(float(v), 2) for v in shown["value"]])
        assert slide.demo == view.demo
        assert (view.target is None) == (not any(s.role == "target" for s in slide.series))
        assert view.arrow_words in slide.notes and view.runs_words in slide.notes

    kol = telekol(conn, filters, TODAY)
    kol_slides = slide_for(conn, filters, "telekol", TODAY)
    if kol.series.empty:
        assert kol_slides == []
    else:
        (slide,) = kol_slides
        assert slide.series[0].values == tuple(float(v) for v in kol.series["value"])
        assert slide.categories == tuple(period_label(p) for p in kol.series["period"])
        assert (kol.target is None) == (len(slide.series) == 1)

    answer = board(conn, filters, TODAY)
    board_slides = slide_for(conn, filters, "board", TODAY)
    if answer.initiatives.empty:
        assert board_slides == []
    else:
        assert board_slides[0].categories == tuple(label for label, _ in answer.counts())
        assert board_slides[0].series[0].values == tuple(float(n) for _, n in answer.counts())

    line = timeline(conn, filters, TODAY)
    gantt = slide_for(conn, filters, "timeline", TODAY)
    assert [b.label for b in (gantt[0].bars if gantt else ())] == list(
        line.initiatives.sort_values(["forum", "start"])["title"])
    if gantt:
        assert {b.status for b in gantt[0].bars} == set(line.initiatives["derived"])

    log = decision_log(conn, filters, TODAY)
    decisions = slide_for(conn, filters, "decisions", TODAY)
    rows = decisions[0].rows if decisions else ()
    assert len(rows) == min(6, len(log.items))
    for row, title in zip(rows, log.items["title"]):
        assert str(title).startswith(row[3].removesuffix(" …"))
    first, last = filters.date_range()
    for row in log.items.to_dict("records"):  # the date filter holds on the page and so on the slide
        assert first.isoformat() <= row["date"] <= last.isoformat()


def test_slides_keep_to_the_chosen_quarters(conn: sqlite3.Connection) -> None:
    # No minutes before 2025: a range ending in 2021 has no decisions and no meetings on any slide.
    early = Filters("1082", None, "2019-Q2", "2021-Q1")
    assert slide_for(conn, early, "decisions", TODAY) == []
    (gantt,) = slide_for(conn, Filters("1082", None, "2025-Q1", "2025-Q1"), "timeline", TODAY) or (None,)
    if gantt is not None:
        assert all(d <= "2025-03-31" for d, label in gantt.milestones if label != "I dag")
    for spec in slide_for(conn, early, "indicators", TODAY):
        assert all(c.split()[-1] <= "2021" for c in spec.categories)


def test_the_arrow_of_a_quarter_is_the_same_on_overblik_and_indikatorer(app_db: Path) -> None:
    # Example 1: Region Midtjylland, 3. kvt. 2025: the 002 rule runs over the 24 months ending there,
    # from all history, on both pages (it used to say "for få måneder (3)" on Indikatorer).
    params = {"region": "1082", "fra": "2025-Q3", "til": "2025-Q3"}
    front = open_app(params)
    card = shown([m for m in front.markdown if m.value.startswith("### ")][0].value)
    ind = open_app(params | {"indikator": "acute_admissions_65plus"}, page="pages/1_Indikatorer.py")
    words = texts(ind)
    assert "For få måneder" not in words and "24 måneder til og med september 2025" in words
    found = re.search(r":\w+\[([↑↓→])\]", card)  # the arrow, before its words ("i ønsket retning")
    assert found
    arrow = found.group(1)
    assert arrow in "↑↓→"
    rule_box = [t.value for t in ind.text if "af de seneste 8 måneder" in t.value][0]
    assert rule_box.startswith(arrow)
    conn = queries.connect(app_db)
    cards = kpi_cards(conn, Filters("1082", None, "2025-Q3", "2025-Q3"), BUILD_DAY)
    assert card.startswith(f"### {cards.cards[0].value}")


def test_real_telekol_figure_wins_over_demonstration_on_page_and_slide(app_db: Path) -> None:
    # Example 2: July 2025 is the source's 190, not 190 + the demonstration stock's 190.
    params = {"region": "1082", "fra": "2025-Q1", "til": "2025-Q4"}
    at = open_app(params, page="pages/2_Telemedicin.py")
    region = figures(at)[0]["data"][0]
    july = dict(zip(region["x"], values(region)))["jul. 2025"]
    assert july == 190
    assert figures(at)[0]["layout"]["yaxis"]["tickformat"] == ",d"  # citizens are whole: so is the axis
    conn = queries.connect(app_db)
    (slide,) = slide_for(conn, Filters(**{"region": "1082", "cluster": None, "first": "2025-Q1", "last": "2025-Q4"}),
                         "telekol", BUILD_DAY)
    assert dict(zip(slide.categories, slide.series[0].values))["jul. 2025"] == 190


def test_a_cluster_is_not_drawn_against_the_regions_target(app_db: Path) -> None:
    at = open_app({"region": "1082", "klynge": "vest", "fra": "2025-Q1", "til": "2025-Q4"}, page="pages/2_Telemedicin.py")
    fig = figures(at)[0]
    assert not any("1.250" in str(s.get("annotation", {}).get("text", "")) for s in fig["layout"].get("shapes", []))
    assert not [a for a in fig["layout"].get("annotations", []) if "Måltal" in a.get("text", "")]
    assert "gælder hele Region Midtjylland" in texts(at)


@pytest.fixture
def holed_db(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Example 3: a normal extract with two '..' cells and one duplicated row.
    write_extract(data_copy, MONTHS, holes={("Lemvig", "2025-03"), ("Skive", "2025-08")},
                  duplicate=("Aarhus", "2025-05"))
    db = tmp_path / "holed.db"
    build(data_copy, db, today=BUILD_DAY)
    monkeypatch.setenv("SUNDHED_DB", str(db))
    return db


def test_gaps_are_shown_with_their_reason_never_lost(holed_db: Path) -> None:
    conn = queries.connect(holed_db)
    region = Filters("1082", None, "2024-Q1", "2025-Q4")
    view = indicator_view(conn, region, TODAY, "acute_admissions_65plus")
    assert list(view.series["period"]) == [m for m in MONTHS if m not in ("2025-03", "2025-08")]
    assert [g.reason for g in view.gaps] == ["Lemvig mangler for marts 2025", "Skive mangler for august 2025"]
    west = indicator_view(conn, Filters("1082", "vest", "2024-Q1", "2025-Q4"), TODAY, "acute_admissions_65plus")
    assert len(west.series) == 23 and [g.reason for g in west.gaps] == ["Lemvig mangler for marts 2025"]
    filled = indicator_view(conn, region, TODAY, "acute_admissions_65plus", "month", True)
    assert len(filled.series) == 24
    march = filled.series[filled.series["period"] == "2025-03"].iloc[0]
    assert march["note"] == "summen af 18 af 19 kommuner"
    card = kpi_cards(conn, region, TODAY).cards[0]
    assert card.kpi is not None and card.period == "4. kvt. 2025" and card.basis == "Kilde"
    at = open_app({"region": "1082", "fra": "2024-Q1", "til": "2025-Q4", "indikator": "acute_admissions_65plus"},
                  page="pages/1_Indikatorer.py")
    assert "Lemvig mangler for marts 2025" in texts(at)
    assert figures(at)[0]["layout"]["yaxis"]["tickformat"] == ",d"


def test_a_card_never_vanishes_without_a_sentence(holed_db: Path) -> None:
    conn = queries.connect(holed_db)
    cards = kpi_cards(conn, Filters("1082", None, "2025-Q1", "2025-Q1"), TODAY).cards
    card = cards[0]
    # March is missing: the last whole quarter is 4. kvt. 2024, before the chosen one: said in words, no number
    assert card.kpi is None and card.reason.startswith("Seneste tal: ")
    assert card.reason.endswith(" i 4. kvt. 2024 (bi_akutte_indlaeggelser.csv) – uden for den valgte periode. "
                                "1. kvt. 2025 vises ikke: Lemvig mangler for marts 2025."), card.reason
    wider = kpi_cards(conn, Filters("1082", None, "2024-Q4", "2025-Q1"), TODAY).cards[0]
    assert wider.kpi is not None and wider.period == "4. kvt. 2024"  # inside the quarters: the card as before
    assert wider.reason == "1. kvt. 2025 vises ikke: Lemvig mangler for marts 2025."
    at = open_app({"region": "1082", "fra": "2025-Q1", "til": "2025-Q1"})
    assert "Lemvig mangler for marts 2025" in texts(at)


def test_a_rebuilt_database_is_seen_at_once(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The cache key holds the database's modification time: a rebuild at the same path shows new numbers.
    db = tmp_path / "live.db"
    monkeypatch.setenv("SUNDHED_DB", str(db))
    build(data_copy, db, today=BUILD_DAY)
    params = {"region": "1082", "fra": "2025-Q4", "til": "2025-Q4"}
    before = [m.value for m in open_app(params).markdown if m.value.startswith("### ")][0]
    write_extract(data_copy, MONTHS)
    build(data_copy, db, today=BUILD_DAY)
    after = [m.value for m in open_app(params).markdown if m.value.startswith("### ")][0]
    assert before != after and after.startswith("### ") and "Eksempeldata" not in after


def test_every_view_keeps_to_the_chosen_quarters(seed_db: Path) -> None:
    # 2026 only: two initiatives' windows reach into it, no minutes are from it, no month before it is drawn.
    conn = queries.connect(seed_db)
    year = Filters("1082", None, "2026-Q1", "2026-Q2")
    shown = board(conn, year, TODAY).initiatives
    assert sorted(shown["time"]) == ["2025-2026", "2026"]
    assert len(board(conn, year, TODAY).everything) == 19  # a card opened by its link may lie outside
    assert sorted(timeline(conn, year, TODAY).initiatives["time"]) == ["2025-2026", "2026"]
    assert decision_log(conn, year, TODAY).items.empty and timeline(conn, year, TODAY).meetings.empty
    # The newest source is from October 2025: nothing is generated for 2026.
    assert indicator_view(conn, year, TODAY, "acute_admissions_65plus").series.empty
    assert telekol(conn, year, TODAY).series.empty
    spring = Filters("1082", None, "2025-Q2", "2025-Q3")
    view = indicator_view(conn, spring, TODAY, "acute_admissions_65plus")
    assert list(view.series["period"]) == [f"2025-{m:02d}" for m in range(4, 10)]
    quarters = indicator_view(conn, spring, TODAY, "acute_admissions_65plus", "quarter")
    assert list(quarters.series["period"]) == ["2025-Q2", "2025-Q3"]
    kol = telekol(conn, spring, TODAY)
    assert kol.series["period"].min() == "2025-04" and list(kol.points["period"]) == ["2025-07"]
