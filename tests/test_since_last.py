"""Siden sidste møde: the pure comparisons (table-driven), and two real data versions (an older and a newer
overview, minutes before and after, an extract that grows) compared for each forum."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from domain.changes import (
    Change,
    IndicatorState,
    Loaded,
    data_changes,
    decision_changes,
    due_changes,
    indicator_changes,
    moved_more_than,
    status_moves,
)
from domain.filters import Filters
from domain.forums import forum_code, forum_name
from store import queries
from store.history import known_at, loaded_files, version_at
from store.versions import Changes, NewFile, VersionStore
from tests.conftest import DATA, seed
from views.meeting import brief, compared_since, meetings, since_last

P, M = dt.date(2025, 9, 12), dt.date(2025, 11, 14)


def _initiative(key: str, derived: str, **more: object) -> dict[str, object]:
    labels = {"til_beslutning": "Til beslutning", "besluttet": "Besluttet", "overskredet": "Overskredet",
              "i_gang": "I gang / under implementering", "udgaar": "Udgår / afsluttet"}
    row: dict[str, object] = {"key": key, "title": key.title(), "derived": derived, "derived_label": labels[derived],
                              "decision_item": None, "status": "s", "action": "a", "overdue": False,
                              "end": None, "time": ""}
    row.update(more)
    return row


ITEMS = pd.DataFrame([{"id": 7, "date": "2025-10-03", "forum": "SSU", "number": 2, "title": "TeleHjerte",
                       "decision": "Godkendt", "decision_kind": "approved"},
                      {"id": 8, "date": "2025-06-01", "forum": "SSG", "number": 1, "title": "Gammel",
                       "decision": "Godkendt", "decision_kind": "approved"}])


@pytest.mark.parametrize(("before", "after", "expected"), [
    (_initiative("a", "til_beslutning"), _initiative("a", "besluttet", decision_item=7),
     "A: Til beslutning → Besluttet (Godkendt af SSU 3. okt. 2025, punkt 2)."),
    # a decision from before the previous meeting is not why it moved now
    (_initiative("a", "til_beslutning"), _initiative("a", "besluttet", decision_item=8, status="ny tekst"),
     "A: Til beslutning → Besluttet (nyt overblik over indsatser)."),
    (_initiative("a", "til_beslutning"), _initiative("a", "i_gang", action="nyt forslag"),
     "A: Til beslutning → I gang / under implementering (nyt overblik over indsatser)."),
    (_initiative("a", "til_beslutning"), _initiative("a", "overskredet", overdue=True, end="2025-09-30"),
     "A: Til beslutning → Overskredet (tidsvinduet sluttede 30. sep. 2025 uden en beslutning)."),
    (_initiative("a", "i_gang"), _initiative("a", "i_gang"), None),
])
def test_a_status_move_says_why(before: dict[str, object], after: dict[str, object], expected: str | None) -> None:
    lines = status_moves(pd.DataFrame([before]), pd.DataFrame([after]), ITEMS, P, M)
    assert [c.text for c in lines] == ([expected] if expected else [])
    assert all(c.page == "indsatser" and c.params == (("indsats", "a"),) for c in lines)


def test_new_and_dropped_initiatives_are_named() -> None:
    lines = status_moves(pd.DataFrame([_initiative("a", "i_gang")]), pd.DataFrame([_initiative("b", "i_gang")]),
                         ITEMS, P, M)
    assert [c.text for c in lines] == ["Ny i overblikket: B (I gang / under implementering).",
                                       "Ikke længere i overblikket: A."]


@pytest.mark.parametrize(("row", "was_overdue", "expected"), [
    (_initiative("a", "overskredet", overdue=True, end="2025-09-30", time="3. kvartal 2025"), False,
     "Overskredet: A – tidsvinduet (3. kvartal 2025) sluttede 30. sep. 2025 uden en beslutning."),
    (_initiative("a", "overskredet", overdue=True, end="2025-09-30"), True, None),  # already overdue last time
    (_initiative("a", "i_gang", end="2025-11-14", time="medio nov"), False,
     "Forfalden: A – tidsvinduet (medio nov) slutter 14. nov. 2025; status: I gang / under implementering."),
    (_initiative("a", "i_gang", end="2025-11-15"), False, None),  # after the meeting
    (_initiative("a", "i_gang", end="2025-09-12"), False, None),  # due before the previous meeting: not new
    (_initiative("a", "besluttet", end="2025-10-01"), False, None),  # settled: nothing due
])
def test_due_and_overdue(row: dict[str, object], was_overdue: bool, expected: str | None) -> None:
    before = pd.DataFrame([{**row, "overdue": was_overdue}])
    assert [c.text for c in due_changes(before, pd.DataFrame([row]), P, M)] == ([expected] if expected else [])


def test_decisions_new_changed_and_late_minutes() -> None:
    before = pd.DataFrame([{"forum": "SSG", "date": "2025-06-01", "number": 1, "title": "X", "decision": "Drøftet",
                            "decision_kind": "discussed"}])
    after = pd.DataFrame([
        {"forum": "SSG", "date": "2025-06-01", "number": 1, "title": "X", "decision": "Godkendt",
         "decision_kind": "approved"},
        {"forum": "SSU", "date": "2025-10-03", "number": 2, "title": "Y", "decision": "Udsat", "decision_kind": "postponed"},
        {"forum": "SSU", "date": "2025-10-03", "number": 3, "title": "Eventuelt", "decision": "-", "decision_kind": "none"},
        {"forum": "SSG", "date": "2025-05-01", "number": 4, "title": "Z", "decision": "Godkendt", "decision_kind": "approved"},
        {"forum": "SSG", "date": "2025-12-01", "number": 1, "title": "Efter", "decision": "Godkendt",
         "decision_kind": "approved"}])
    lines = decision_changes(before, after, P, M)
    assert [c.text for c in lines] == [
        "SSU 3. okt. 2025, punkt 2: Y – Udsat.",
        "Ændret i referatet: SSG 1. jun. 2025, punkt 1: X – nu Godkendt.",
        "Nyt referat af et tidligere møde: SSG 1. maj 2025, punkt 4: Z – Godkendt."]
    assert lines[0].page == "beslutninger" and lines[0].params == (("fra", "2025-Q4"), ("til", "2025-Q4"))


def _state(value: float | None, arrow: str = "→", signal: bool | None = None, direction: str = "",
           period: str = "K", previous: float | None = None, demo: bool = False) -> IndicatorState:
    return IndicatorState("x", "X", value, f"{value}", period, arrow, direction, signal, demo, previous,
                          f"{previous}" if previous is not None else "", "K-1")


@pytest.mark.parametrize(("was", "now", "expected"), [
    (_state(10.0), _state(10.4), None),  # 4 %: below the threshold
    # the same period with new numbers: a revision
    (_state(10.0), _state(10.6), "X: 10.0 → 10.6 (K, rettede tal), mere end 5 %."),
    (_state(10.0), _state(9.4), "X: 10.0 → 9.4 (K, rettede tal), mere end 5 %."),
    # a new period: against the same period a year earlier, never the period before (seasons)
    (_state(10.0, period="Q1"), _state(7.0, period="Q2", previous=7.2), None),
    (_state(10.0, period="Q1"), _state(7.0, period="Q2", previous=8.0),
     "X: 7.0 (Q2) mod 8.0 (K-1, samme periode året før), mere end 5 %."),
    (_state(10.0, period="Q1"), _state(10.0, period="Q2"), None),  # no year before: nothing to compare with
    # generated numbers say so on the line
    (_state(10.0, period="Q1", demo=True), _state(7.0, period="Q2", previous=8.0, demo=True),
     "X (Eksempeldata): 7.0 (Q2) mod 8.0 (K-1, samme periode året før), mere end 5 %."),
    (_state(None), _state(3.0, demo=True), "X (Eksempeldata): nyt kort, 3.0 (K)."),
    (_state(10.0, "→"), _state(10.0, "↓", direction="i ønsket retning"), "X: pilen er gået fra → til ↓ (i ønsket retning)."),
    (_state(10.0, signal=False), _state(10.0, signal=True), "X: Anhøjs regler viser nu ikke-tilfældig variation."),
    (_state(10.0, signal=None), _state(10.0, signal=True), None),  # could not be judged before
    (_state(None), _state(3.0), "X: nyt kort, 3.0 (K)."),
    (_state(3.0), _state(None), "X: intet kort længere (sidst 3.0, K)."),
])
def test_indicator_changes(was: IndicatorState, now: IndicatorState, expected: str | None) -> None:
    lines = indicator_changes([was], [now], 5.0)
    assert [c.text for c in lines] == ([expected] if expected else [])
    assert all(c.params == (("indikator", "x"),) for c in lines)
    assert all(c.demo == now.demo for c in lines)


@pytest.mark.parametrize(("before", "after", "moved"), [(10, 10.5, False), (10, 10.51, True), (0, 0, False),
                                                          (0, 1, True), (-10, -11, True)])
def test_moved_more_than(before: float, after: float, moved: bool) -> None:
    assert moved_more_than(before, after, 5.0) is moved


def test_data_loaded_between_the_meetings_only() -> None:
    files = [Loaded(1, dt.datetime(2025, 9, 12, 18), "a", "f1.txt", "referat", "møde 12. sep. 2025"),
             Loaded(2, dt.datetime(2025, 10, 5, 9), "Bo", "f2.csv", "indikatortal", "jan. 2023 – sep. 2025"),
             Loaded(3, dt.datetime(2025, 11, 15, 9), "Bo", "f3.csv", "indikatortal", "")]
    assert data_changes(files, P, M) == [Change(
        "5. okt. 2025: f2.csv (indikatortal, jan. 2023 – sep. 2025) – version 2, indlæst af Bo.", "datakilder")]


@pytest.mark.parametrize(("text", "code"), [("Sundhedsstyregruppen", "SSG"), ("ssu", "SSU"),
                                            ("Referat fra Sundhedsdirektørkredsen", "SDK"), ("Byrådet", None)])
def test_forums_by_name_or_code(text: str, code: str | None) -> None:
    assert forum_code(text) == code
    if code:
        assert forum_code(forum_name(code)) == code


# ---- two real versions --------------------------------------------------------------------------------------

NEW_ROW = "3. kvartal 2025\tNy tværsektoriel indsats om sårbare ældre\tUnder udarbejdelse.\tIndstilles til godkendelse."


def _overview(changed: bool) -> str:
    """The seed overview; the newer one has a status text moved to 'paused' and a new SSG row."""
    text = seed("000").read_text(encoding="utf-8")
    if not changed:
        return text
    lines = text.splitlines()
    section2 = next(i for i, line in enumerate(lines) if line.lstrip("#").strip().startswith("2."))
    row = next(i for i in range(section2, len(lines)) if "\tUdrulning af fasttilknyttede" in lines[i])
    cells = lines[row].split("\t")
    cells[2] = "Arbejdet er sat i bero indtil videre."
    lines[row] = "\t".join(cells)
    lines.insert(row + 1, NEW_ROW)
    return "\n".join(lines) + "\n"


def _extract(months: list[str], values: list[float]) -> str:
    return "indikator;geografi;periode;værdi;tæller;nævner\n" + "".join(
        f"readmissions_30d;Region Midtjylland;{m.replace('-', 'M')};{v:.1f};{int(v * 20)};2000\n".replace(".", ",")
        for m, v in zip(months, values))


def _months(first: str, last: str) -> list[str]:
    out, (y, m) = [], map(int, first.split("-"))
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> VersionStore:
    """Version 1 on the evening of SSG's meeting 12 Sep 2025: the older overview, SSG's minutes and readmissions
    to June 2025 (flat 10 %). Version 2 on 5 Oct 2025: the newer overview, SSU's minutes of 3 Oct and
    readmissions to September (12 % from July). No status report: no demonstration series."""
    root = tmp_path_factory.mktemp("two")
    data = root / "data"
    shutil.copytree(DATA / "reference", data / "reference")
    (data / "sources").mkdir()
    (data / "sources" / "overblik.txt").write_text(_overview(False), encoding="utf-8")
    shutil.copy(seed("003"), data / "sources" / "ssg.txt")
    old_months = _months("2023-01", "2025-06")
    (data / "sources" / "genindlaeggelser.csv").write_text(_extract(old_months, [10.0] * len(old_months)),
                                                           encoding="utf-8")
    store = VersionStore(root / "dashboard.db", root / "dashboard.versions", data / "reference")
    first = dt.datetime(2025, 9, 12, 18, 0)
    store.commit(store.stage(Changes(), by="Ane", action="start", today=first.date(), now=first, seed=data),
                 now=first)
    new = root / "new"
    new.mkdir()
    (new / "overblik.txt").write_text(_overview(True), encoding="utf-8")
    shutil.copy(seed("001"), new / "ssu.txt")
    months = _months("2023-01", "2025-09")
    (new / "genindlaeggelser.csv").write_text(_extract(months, [10.0] * (len(months) - 3) + [12.0] * 3),
                                              encoding="utf-8")
    second = dt.datetime(2025, 10, 5, 9, 0)
    added = tuple(NewFile(new / name, name) for name in ("overblik.txt", "ssu.txt", "genindlaeggelser.csv"))
    store.commit(store.stage(Changes(add=added), by="Bo", action="import", today=second.date(), now=second),
                 now=second)
    return store


def _answer(store: VersionStore, forum: str, meeting: dt.date, today: dt.date) -> dict[str, list[str]]:
    conn = queries.connect(store.db_path)
    filters = Filters("1082", None, "2024-Q1", "2025-Q3")
    then_db, label = known_at(store, compared_since(meetings(conn, filters, today), forum, meeting))
    answer = since_last(conn, filters, today, forum, meeting.isoformat(), then_db, label,
                        loaded_files(store, conn), 5.0)
    return {title: [c.text for c in lines] for title, lines in answer.sections}


def test_the_version_current_on_a_day(two_versions: VersionStore) -> None:
    assert version_at(two_versions, dt.date(2025, 9, 11)) is None
    assert version_at(two_versions, P) == 1
    assert version_at(two_versions, dt.date(2025, 10, 4)) == 1
    assert version_at(two_versions, dt.date(2025, 10, 5)) == 2
    assert known_at(two_versions, P)[1] == "version 1 fra 12. sep. 2025"


def test_ssg_next_meeting_sees_exactly_what_changed(two_versions: VersionStore) -> None:
    answer = _answer(two_versions, "SSG", M, dt.date(2025, 11, 20))
    assert answer["Indsatser der har skiftet status"] == [
        "Udrulning af fasttilknyttede læger på botilbud: Overskredet → Pauseret / afventer (nyt overblik over "
        "indsatser).",
        "Ny i overblikket: Ny tværsektoriel indsats om sårbare ældre (Overskredet)."]
    assert answer["Forfaldne og overskredne indsatser"] == [
        "Overskredet: Ny tværsektoriel indsats om sårbare ældre – tidsvinduet (3. kvartal 2025) sluttede 30. sep. "
        "2025 uden en beslutning."]
    decisions = answer["Nye og ændrede beslutninger"]
    assert decisions[0] == ("SSU 3. okt. 2025, punkt 1: Godkendelse ift. videreførelse af samarbejdsaftaler – "
                            "Godkendt.")
    assert len(decisions) == 4 and all(d.startswith("SSU 3. okt. 2025") for d in decisions)
    assert answer["Indikatorer"] == [
        "Genindlæggelser inden 30 dage: 12,0 % (3. kvt. 2025) mod 10,0 % (3. kvt. 2024, samme periode året før), "
        "mere end 5 %."]
    assert answer["Data indlæst siden"] == [
        f"5. okt. 2025: {name} – version 2, indlæst af Bo." for name in (
            "ssu.txt (referat, møde 3. okt. 2025)", "overblik.txt (overblik over indsatser)",
            "genindlaeggelser.csv (indikatortal, jan. 2023 – sep. 2025)")]


def test_what_was_known_at_ssgs_meeting_had_none_of_it(two_versions: VersionStore) -> None:
    """At SSG's own meeting (12 Sep), version 2 did not exist: no SSU decision, no new overview."""
    answer = _answer(two_versions, "SSG", P, dt.date(2025, 11, 20))
    flat = [line for lines in answer.values() for line in lines]
    assert not any("SSU 3. okt." in line or "Ny tværsektoriel" in line or "Bo" in line for line in flat)
    assert any(line.startswith("SSG 12. sep. 2025, punkt 2: Godkendelse af det sundhedsfaglige grundlag for "
                               "TeleHjerte") for line in answer["Nye og ændrede beslutninger"])


def test_ssu_meeting_compares_with_the_quarter_before(two_versions: VersionStore) -> None:
    answer = _answer(two_versions, "SSU", dt.date(2025, 10, 3), dt.date(2025, 11, 20))
    # SSU's own initiatives did not move; its meeting's decisions and SSG's earlier ones are new
    assert answer["Indsatser der har skiftet status"] == []
    assert [d[:16] for d in answer["Nye og ændrede beslutninger"]][:1] == ["SSU 3. okt. 2025"]
    assert any(d.startswith("SSG 12. sep. 2025") for d in answer["Nye og ændrede beslutninger"])


def test_the_brief_lists_what_is_due_with_decisions(two_versions: VersionStore) -> None:
    conn = queries.connect(two_versions.db_path)
    answer = brief(conn, Filters("1082", None, "2024-Q1", "2025-Q3"), dt.date(2025, 11, 20), "SSG", M.isoformat())
    assert answer.title == "Mødebrief: Sundhedsstyregruppen 14. november 2025"
    titles = [d.title for d in answer.due]
    new = answer.due[titles.index("Ny tværsektoriel indsats om sårbare ældre")]
    assert new.overdue and new.action == "Indstilles til godkendelse." and new.time == "3. kvartal 2025"
    overdue = [d.overdue for d in answer.due]
    assert overdue == sorted(overdue, reverse=True)  # the overdue first
    assert "Udrulning af fasttilknyttede læger på botilbud" in titles
    assert all(d.end <= M.isoformat() for d in answer.due)
    assert answer.kpi_quarter == "3. kvt. 2025"
    assert answer.changes.count >= 7
