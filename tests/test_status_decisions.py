"""The status once the minutes are read: a later decision moves it, a window that ended without one is overdue."""

import datetime as dt
import sqlite3

import pandas as pd
import pytest

from charts.timeline import STATUS_COLOURS
from domain.initiatives import with_decisions, with_status
from domain.links import decision_links
from domain.status import AWAITING, STATUSES, Decision, after_decisions, decision_rules_in_words
from store import queries

TODAY = dt.date(2026, 11, 23)
WHY = "Forslag til handling nævner »Behandles på«."
END = dt.date(2025, 4, 30)  # Primo 2025


def _d(item_id: int, day: str, kind: str, number: int | None = 4, forum: str = "Sundhedsstyregruppen") -> Decision:
    return Decision(item_id, dt.date.fromisoformat(day), forum, number, kind)


APPROVED = _d(1, "2025-09-12", "approved")
REJECTED = _d(2, "2025-10-03", "rejected", 2, "Sundhedssamarbejdsudvalget")
POSTPONED = _d(3, "2025-11-14", "postponed", 5)
NOTED = _d(4, "2025-11-14", "noted")
DISCUSSED = _d(5, "2025-12-01", "discussed")
NONE = _d(6, "2025-12-01", "none")
LATER = _d(7, "2026-12-01", "approved")  # after today: not read

GODKENDT = ("Godkendt af Sundhedsstyregruppen 12. sep. 2025, punkt 4 (kilden sagde: Til beslutning – Forslag til "
            "handling nævner »Behandles på«).")
AFVIST = ("Ikke godkendt af Sundhedssamarbejdsudvalget 3. okt. 2025, punkt 2 (kilden sagde: Til beslutning – "
          "Forslag til handling nævner »Behandles på«).")
UDSAT = "Udsat på mødet i Sundhedsstyregruppen 14. nov. 2025, punkt 5."
OVERSKREDET = ("Tidsvinduet (Primo 2025) sluttede 30. apr. 2025 uden en beslutning; kilden sagde: Til beslutning "
               "(Forslag til handling nævner »Behandles på«).")


@pytest.mark.parametrize("decisions, status, why, overdue, item, note", [
    ([APPROVED], "besluttet", GODKENDT, False, 1, ""),
    ([REJECTED], "udgaar", AFVIST, False, 2, ""),
    ([APPROVED, REJECTED], "udgaar", AFVIST, False, 2, ""),  # the later decision wins
    ([REJECTED, APPROVED], "udgaar", AFVIST, False, 2, ""),  # in date order, not list order
    ([_d(9, "2025-12-01", "approved"), REJECTED], "besluttet",
     GODKENDT.replace("12. sep.", "1. dec."), False, 9, ""),
    ([APPROVED, POSTPONED], "besluttet", f"{GODKENDT} {UDSAT}", False, 1, UDSAT),  # postponed: stays, with a note
    ([_d(8, "2025-05-02", "postponed"), APPROVED], "besluttet", GODKENDT, False, 1, ""),  # an earlier one is over
    ([APPROVED, NOTED, DISCUSSED, NONE], "besluttet", GODKENDT, False, 1, ""),  # noting and discussing move nothing
    ([POSTPONED], "overskredet", f"{OVERSKREDET} {UDSAT}", True, 3, UDSAT),  # a postponement is no decision
    ([NOTED, DISCUSSED, NONE], "overskredet", OVERSKREDET, True, None, ""),
    ([LATER], "overskredet", OVERSKREDET, True, None, ""),  # a decision after today is not read
    ([], "overskredet", OVERSKREDET, True, None, ""),
])
def test_decisions_move_the_status(decisions, status, why, overdue, item, note):
    got = after_decisions("til_beslutning", WHY, decisions, "Primo 2025", END, TODAY)
    assert (got.status, got.why, got.overdue, got.decision_item, got.note) == (status, why, overdue, item, note)


def test_a_postponement_keeps_a_window_that_has_not_ended():
    got = after_decisions("til_beslutning", WHY, [POSTPONED], "2026", dt.date(2026, 12, 31), TODAY)
    assert (got.status, got.why, got.overdue, got.decision_item) == ("til_beslutning", f"{WHY} {UDSAT}", False, 3)


@pytest.mark.parametrize("status, end, overdue", [
    *[(s, dt.date(2025, 12, 31), True) for s in AWAITING],
    ("til_beslutning", TODAY - dt.timedelta(days=1), True),
    ("til_beslutning", TODAY, False),  # the window ends today: not yet over
    ("til_beslutning", None, False),  # no window (an unparsed phrase): never guessed overdue
    ("pauseret", dt.date(2025, 12, 31), False),  # waits for something outside the window
    ("ikke_igangsat", dt.date(2025, 12, 31), False),  # nothing to deliver
    ("i_gang", dt.date(2025, 12, 31), False),  # decided and running
    ("udgaar", dt.date(2025, 12, 31), False),
])
def test_which_statuses_become_overdue(status, end, overdue):
    got = after_decisions(status, "Status nævner »x«.", [], "2025", end, TODAY)
    assert got.overdue is overdue
    assert got.status == ("overskredet" if overdue else status)


def test_an_approval_after_the_window_ended_is_no_overdue():
    got = after_decisions("til_beslutning", WHY, [APPROVED], "Primo 2025", END, TODAY)
    assert (got.status, got.overdue) == ("besluttet", False)


def test_overdue_without_a_time_phrase():
    got = after_decisions("ikke_oplyst", "Ingen af reglerne passer.", [], None, END, TODAY)
    assert got.why == ("Tidsvinduet sluttede 30. apr. 2025 uden en beslutning; kilden sagde: Status ikke oplyst "
                       "(Ingen af reglerne passer).")


def test_every_status_has_a_label_a_colour_and_the_rules_are_in_words():
    assert STATUSES["overskredet"] == "Overskredet" and STATUSES["besluttet"] == "Besluttet"
    assert list(STATUSES)[0] == "overskredet"  # what needs attention comes first on the board
    assert set(STATUSES) <= set(STATUS_COLOURS)
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)
    assert decision_rules_in_words()[-1].startswith("Overskredet: tidsvinduet er slut")


def _frames():
    initiatives = with_status(pd.DataFrame([
        {"key": "a", "title": "A", "time": "Primo 2025", "start": "2025-01-01", "end": "2025-04-30",
         "status": "", "action": "Behandles på SSG 2/5-25", "section_title": "1"},
        {"key": "b", "title": "B", "time": "2026", "start": "2026-01-01", "end": "2026-12-31",
         "status": "", "action": "Behandles på SSG", "section_title": "1"},
        {"key": "c", "title": "C", "time": "Løbende", "start": None, "end": None,
         "status": "", "action": "Behandles på SSG", "section_title": "1"},
    ]))
    items = pd.DataFrame([
        {"id": 10, "date": "2025-09-12", "forum": "Sundhedsstyregruppen", "number": 4, "title": "x",
         "decision_kind": "approved", "decision": "Godkendt."},
        {"id": 11, "date": "2025-11-14", "forum": "Sundhedsstyregruppen", "number": None, "title": "y",
         "decision_kind": "rejected", "decision": "Ikke godkendt."},
    ])
    links = pd.DataFrame([{"item_id": 10, "initiative": "b", "reason": "r"},
                          {"item_id": 11, "initiative": "c", "reason": "r"},
                          {"item_id": 99, "initiative": "a", "reason": "an item outside the chosen region"}])
    return initiatives, links, items


def test_with_decisions_updates_the_status_columns_and_adds_three():
    initiatives, links, items = _frames()
    out = with_decisions(initiatives, links, items, TODAY)
    assert list(out.columns) == [*initiatives.columns, "overdue", "decision_item", "decision_note"]
    assert list(out.index) == list(initiatives.index)
    assert list(out["derived"]) == ["overskredet", "besluttet", "udgaar"]
    assert list(out["derived_label"]) == ["Overskredet", "Besluttet", "Udgår / afsluttet"]
    assert list(out["overdue"]) == [True, False, False] and out["overdue"].dtype == bool
    assert list(out["decision_item"]) == [None, 10, 11]
    assert list(out["decision_note"]) == ["", "", ""]
    assert out["why"].iloc[1].startswith("Godkendt af Sundhedsstyregruppen 12. sep. 2025, punkt 4 (kilden sagde:")
    assert out["why"].iloc[2].startswith("Ikke godkendt af Sundhedsstyregruppen 14. nov. 2025 (kilden sagde:")
    assert list(initiatives["derived"]) == ["til_beslutning"] * 3  # the input is not changed


@pytest.mark.parametrize("today, derived", [
    (dt.date(2025, 9, 11), ["overskredet", "til_beslutning", "til_beslutning"]),
    (dt.date(2025, 9, 12), ["overskredet", "besluttet", "til_beslutning"]),  # a decision taken today counts
    (dt.date(2025, 4, 30), ["til_beslutning", "til_beslutning", "til_beslutning"]),  # the window's last day
])
def test_with_decisions_reads_only_decisions_up_to_today(today, derived):
    initiatives, links, items = _frames()
    assert list(with_decisions(initiatives, links, items, today)["derived"]) == derived


def test_with_decisions_reads_dates_as_timestamps_too():
    initiatives, links, items = _frames()
    out = with_decisions(initiatives, links, items.assign(date=pd.to_datetime(items["date"])), TODAY)
    assert list(out["derived"]) == ["overskredet", "besluttet", "udgaar"]


def test_with_decisions_without_links_or_items():
    initiatives, _, _ = _frames()
    empty = pd.DataFrame(columns=["item_id", "initiative", "reason"])
    out = with_decisions(initiatives, empty, pd.DataFrame(columns=["id", "date"]), TODAY)
    assert list(out["derived"]) == ["overskredet", "til_beslutning", "til_beslutning"]
    assert list(out["decision_item"]) == [None, None, None]
    assert with_decisions(initiatives.iloc[:0], empty, pd.DataFrame(), TODAY).empty


def test_the_seed_database_on_23_november_2026(seed_db):
    conn = sqlite3.connect(seed_db)
    items = queries.agenda_items(conn)
    initiatives = with_status(queries.initiatives(conn))
    out = with_decisions(initiatives, decision_links(items, initiatives, queries.named_terms(conn)), items, TODAY)
    overdue = sorted(t[:45] for t in out.loc[out["overdue"], "title"])
    assert overdue == [
        "Dobbeltdiagnosetilbud til patienter med psyki",
        "Igangsætning af prøvehandlinger – vedr. initi",
        "Prøvehandling for udlevering af ortoser til b",
        "Samarbejdsaftale om tidlig opsporing og indsa",  # no longer "approved" via den midtjyske samarbejdsmodel
        "Samarbejdsaftale om varetagelse af service- o",
        "Tværasektorielt samarbejde med tidstro journa",
        "Udrulning af fasttilknyttede læger på botilbu",
        "Webløsning 'De Nære Behandlingstilbud' (hurti",
    ]
    assert set(out.loc[out["overdue"], "derived"]) == {"overskredet"}
    decided = out[out["derived"] == "besluttet"]
    assert [t[:60] for t in decided["title"]] == ["Indsats fra økonomaftalerne: Opstart af den telemedicinske h"]
    assert decided["why"].iloc[0] == ("Godkendt af Sundhedsstyregruppen 12. sep. 2025, punkt 2 (kilden sagde: Under "
                                      "udarbejdelse – Status nævner »udviklingsfase«).")
    telehjerte_item = items.set_index("id").loc[decided["decision_item"].iloc[0]]
    assert telehjerte_item["title"] == "Godkendelse af det sundhedsfaglige grundlag for TeleHjerte"
    ortoser = out[out["title"].str.startswith("Prøvehandling for udlevering")].iloc[0]
    assert ortoser["why"] == ("Tidsvinduet (Primo 2025) sluttede 30. apr. 2025 uden en beslutning; kilden sagde: "
                              "Til beslutning (Forslag til handling nævner »Behandles på«).")
