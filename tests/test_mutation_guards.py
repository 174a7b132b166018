"""Guards found by mutation testing (bench/mutation.py, bench/mandatory_mutations.py): each table pins a rule
a director sees (a number, an arrow, a status, a sentence, a link or a date filter) that a mutant changed
without any other test failing. Every row can fail on its own."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from domain import gaps, status
from domain.filters import Filters
from domain.kpi import STOCK_WORDS, kpi, rule_window
from domain.links import decision_links, link_reason
from domain.observations import monthly, real_over_demo, snapshots
from domain.periods import months_between, period_bounds
from domain.trends import anhoj, arrow_002, runs_in_words
from store import queries
from store.build import build
from tests.conftest import BUILD_DAY
from tests.test_views import MONTHS, TODAY, write_extract
from views.indicators import SERIES_COLUMNS, _progress, indicator_view
from views.initiatives import board, timeline
from views.scope import Indicator

# --- domain/observations.py: real over demonstration, months and the sources' own periods ------------------


def obs(rows: list[tuple[str, str, int, float]], indicator: bool = True) -> pd.DataFrame:
    """Rows (geo_code, period, is_demo, value) of one indicator."""
    frame = pd.DataFrame(rows, columns=["geo_code", "period", "is_demo", "value"])
    return frame.assign(indicator="acute") if indicator else frame


@pytest.mark.parametrize("rows, kept", [
    # no demonstration rows: all shown
    ([("1082", "2025-07", 0, 190.0), ("1082", "2025-08", 0, 191.0)], [190.0, 191.0]),
    # a real row wins over the demonstration row of its place and period, in the stored order
    ([("1082", "2025-07", 1, 380.0), ("1082", "2025-07", 0, 190.0), ("1082", "2025-08", 1, 200.0)], [190.0, 200.0]),
    # another place or period keeps its demonstration row
    ([("1082", "2025-07", 0, 190.0), ("1083", "2025-07", 1, 50.0), ("1082", "2025-06", 1, 70.0)],
     [190.0, 50.0, 70.0]),
    # two real rows for one key (a source's month and an extract's) keep the first, and no demonstration row
    ([("1082", "2025-07", 0, 190.0), ("1082", "2025-07", 0, 191.0), ("1082", "2025-07", 1, 380.0)], [190.0]),
    # only demonstration rows: all shown
    ([("1082", "2025-07", 1, 380.0), ("1082", "2025-08", 1, 381.0)], [380.0, 381.0]),
])
@pytest.mark.parametrize("indicator", [True, False])
def test_real_rows_win_over_demonstration_rows(rows, kept, indicator):
    assert list(real_over_demo(obs(rows, indicator))["value"]) == kept


@pytest.mark.parametrize("rows, months, quoted", [
    ([("1082", "2025-03", 0, 1.0), ("1082", "2025-Q1", 0, 2.0), ("1082", "2020-S", 0, 3.0), ("1082", "2024", 0, 4.0)],
     [1.0], [2.0, 3.0, 4.0]),
    # demonstration months yield to real ones; a demonstration quarter is never quoted as the source's
    ([("1082", "2025-03", 1, 9.0), ("1082", "2025-03", 0, 1.0), ("1082", "2025-Q1", 1, 5.0),
      ("1082", "2025-04", 1, 6.0)], [1.0, 6.0], []),
    # a period that only looks like a month is not one
    ([("1082", "2025-031", 0, 7.0), ("1082", "x2025-03", 0, 8.0)], [], [7.0, 8.0]),
])
def test_months_and_the_sources_own_periods(rows, months, quoted):
    frame = obs(rows)
    assert list(monthly(frame)["value"]) == months
    assert list(snapshots(frame)["value"]) == quoted


# --- domain/kpi.py: the card's numbers and words ------------------------------------------------------------


def rows(periods_values: list[tuple[str, float]], demo: int = 0, title: str = "Udtræk", arrow: str | None = None,
         arrow_period: str | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        "period": [p for p, _ in periods_values], "value": [v for _, v in periods_values], "numerator": None,
        "denominator": None, "geo_code": "1082", "period_start": [period_bounds(p)[0].isoformat() for p, _ in periods_values],
        "is_demo": demo, "arrow": arrow, "arrow_period": arrow_period, "source_title": title})


MONTHS_23_25 = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)]
SERIES = rows(list(zip(MONTHS_23_25, [10.0] * 28 + [20.0] * 8))).assign(
    source_title=["Udtræk 2025" if p.startswith("2025") else "Udtræk" for p in MONTHS_23_25])
RULE_UP = "8 af de seneste 8 måneder ligger over og 0 under medianen (10,0) for de seneste 24 måneder: en tydelig udvikling."
RULE_FLAT = ("5 af de seneste 8 måneder ligger over og 0 under medianen (10,0) for de seneste 24 måneder: ingen tydelig "
             "udvikling (kræver 7 af 8 på samme side).")
REAL_Q4 = rows([("2025-Q4", 61.0)], title="Status", arrow="up", arrow_period="Udvikling 2024-2025")
REAL_Q4_NO_ARROW = rows([("2025-Q4", 61.0)], title="Status")
REAL_Q4_2024 = rows([("2024-Q4", 40.0)], title="Status")
SEASONS = rows([("2019-S", 53.9), ("2020-S", 75.7)], title="SSI")


@pytest.mark.parametrize("obs, last, stock, card", [
    # months: the quarter's sum, the same quarter a year before, the 002 arrow in words, the latest year's files
    (SERIES, dt.date(2025, 12, 31), False,
     (60.0, "2025-Q4", 30.0, "up", RULE_UP, False, False, ("Udtræk 2025",), "2025-12")),
    (SERIES, dt.date(2025, 11, 30), False,
     (60.0, "2025-Q3", 30.0, "flat", RULE_FLAT, False, False, ("Udtræk 2025",), "2025-09")),
    # a running total: the quarter's last month, no arrow
    (SERIES, dt.date(2025, 12, 31), True,
     (20.0, "2025-Q4", 10.0, None, STOCK_WORDS, False, False, ("Udtræk 2025",), "2025-12")),
    # a source's own quarter wins, with its arrow, and is compared with a real quarter only
    (pd.concat([SERIES, REAL_Q4, REAL_Q4_2024]), dt.date(2025, 12, 31), False,
     (61.0, "2025-Q4", 40.0, "up", "Pilen er gengivet fra kilden (Udvikling 2024-2025).", True, False, ("Status",),
      "2025-12")),
    (pd.concat([SERIES, REAL_Q4_NO_ARROW]), dt.date(2025, 12, 31), False,
     (61.0, "2025-Q4", None, None, "", False, False, ("Status",), "2025-12")),
    # seasons: the latest, against the season before, no arrow of its own
    (SEASONS, dt.date(2026, 1, 1), False,
     (75.7, "2020-S", 53.9, None, "Ingen pil: for få målinger.", False, False, ("SSI",), None)),
])
def test_the_card_of_an_indicator(obs, last, stock, card):
    got = kpi(obs, "count", last, stock)
    assert got is not None
    assert (got.value, got.period, got.previous, got.arrow, got.arrow_words, got.arrow_from_source, got.is_demo,
            got.sources, got.judged_at) == card
    assert got.change == (None if card[2] is None else card[0] - card[2])


def test_the_rule_window_has_a_hole_for_a_missing_month():
    holed = SERIES[SERIES["period"] != "2025-02"]
    assert rule_window(holed, "count", "2025-04", 4) == [10.0, None, 10.0, 10.0]
    assert rule_window(SERIES, "count", "2025-06", 3) == [10.0, 20.0, 20.0]


# --- domain/links.py: the evidence a link needs (beside MIN_CONTAINED_WORDS in tests/test_links.py) ---------


@pytest.mark.parametrize("item, initiative, reason", [
    # a case number has at least four parts; a date (three parts) or a short reference is no case number
    ({"title": "Et punkt", "case_no": "1-30-72-103"}, {"title": "Noget andet", "status": "Se sag 1-30-72-103"},
     "Samme sagsnummer 1-30-72-103"),
    ({"title": "Et punkt", "case_no": "1-30-72"}, {"title": "Noget andet", "status": "Se sag 1-30-72"}, None),
    ({"title": "Et punkt", "case_no": "2025-03-14"}, {"title": "Noget andet", "status": "Møde 2025-03-14"}, None),
    # the same number elsewhere in a longer one is not the same case
    ({"title": "Et punkt", "case_no": "1-30-72-103"}, {"title": "Noget andet", "status": "Se sag 1-30-72-1039"}, None),
    # a quoted name has at least four characters
    ({"title": "Orientering om 'abcd'", "case_no": None}, {"title": "Indsats 'abcd' i klyngerne"}, "Begge nævner abcd"),
    ({"title": "Orientering om 'abc'", "case_no": None}, {"title": "Indsats 'abc' i klyngerne"}, None),
])
def test_case_numbers_and_quoted_names(item, initiative, reason):
    assert link_reason(item, initiative, []) == reason


def test_no_links_is_an_empty_table_with_its_columns():
    items = pd.DataFrame([{"id": 1, "title": "Eventuelt", "case_no": None, "number": 9, "source_id": 1}])
    initiatives = pd.DataFrame([{"key": "k", "title": "Noget helt andet", "kind": "status"}])
    out = decision_links(items, initiatives, [])
    assert out.empty and list(out.columns) == ["item_id", "initiative", "reason"]


# --- domain/trends.py: the verdicts in words ----------------------------------------------------------------

RULES_TEXT = "Længste serie på samme side af medianen: {run} punkter (grænse 8); kryds af medianen: {cross} (mindst 8) " \
             "(24 brugbare punkter)."


@pytest.mark.parametrize("values, words", [
    ([1, 9] * 12, "Kun tilfældig variation. " + RULES_TEXT.format(run=1, cross=23)),
    ([1] * 12 + [9] * 12, "Ikke-tilfældig variation: for lang serie og for få kryds. " + RULES_TEXT.format(run=12, cross=1)),
    ([1, 9, 1, 9, 1, 9, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1, 9, 1, 9, 1, 9, 1, 1],
     "Ikke-tilfældig variation: for lang serie. " + RULES_TEXT.format(run=9, cross=14)),
    ([1] * 6 + [9] * 6 + [1] * 6 + [9] * 6, "Ikke-tilfældig variation: for få kryds. " + RULES_TEXT.format(run=6, cross=3)),
    ([1] * 8 + [9], "For få punkter til en vurdering: 9 brugbare punkter, reglerne kræver mindst 10."),
])
def test_anhoj_verdicts_in_words(values, words):
    result = anhoj([float(v) for v in values], 5.0)
    assert result is not None and result.in_words() == words


@pytest.mark.parametrize("values, words", [
    ([1.0], "For få punkter til en vurdering."),  # one point: no result at all
    ([1.0, 9.0], "For få punkter til en vurdering: 2 brugbare punkter, reglerne kræver mindst 10."),
    ([None, float("nan")], "Ingen data i perioden: der er ingen punkter at vurdere."),
])
def test_runs_in_words_without_a_result(values, words):
    assert runs_in_words(anhoj(values), values) == words


@pytest.mark.parametrize("values, points", [
    ([1.0] * 10 + [9.0] * 4 + [1.0] * 10, tuple(range(10))),  # two runs of 10 (limit 8): the first is marked
    ([1.0, 9.0] * 4 + [1.0] * 8 + [9.0, 1.0] * 4, ()),  # a run of exactly the limit (8) marks nothing
    ([1.0] * 9, ()),  # below ten useful points nothing is marked
])
def test_the_points_marked_on_the_run_chart(values, points):
    result = anhoj(values, 5.0)
    assert result is not None and (result.run_points, result.median) == (points, 5.0)


def test_a_missing_median_is_the_series_median():
    values = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 1.0, 2.0, 3.0, 10.0, 11.0]
    assert anhoj(values, float("nan")) == anhoj(values, None) == anhoj(values, 3.0)
    result = anhoj(values, None)
    assert result is not None and result.median == 3.0


TAIL = "for de seneste 24 måneder: "


@pytest.mark.parametrize("values, words", [
    ([5.0] * 16 + [1.0] * 8, f"0 af de seneste 8 måneder ligger over og 8 under medianen (5,0) {TAIL}en tydelig udvikling."),
    ([5.0] * 16 + [9.0] * 6 + [1.0] * 2, f"6 af de seneste 8 måneder ligger over og 2 under medianen (5,0) {TAIL}"
     "ingen tydelig udvikling (kræver 7 af 8 på samme side)."),
    # the median with one decimal below 100, whole from 100 (also below zero)
    ([50.0] * 16 + [90.0] * 8, f"8 af de seneste 8 måneder ligger over og 0 under medianen (50,0) {TAIL}en tydelig udvikling."),
    ([100.0] * 16 + [200.0] * 8, f"8 af de seneste 8 måneder ligger over og 0 under medianen (100) {TAIL}en tydelig udvikling."),
    ([-150.0] * 16 + [-100.0] * 8,
     f"8 af de seneste 8 måneder ligger over og 0 under medianen (-150) {TAIL}en tydelig udvikling."),
])
def test_the_002_rule_in_words(values, words):
    assert arrow_002(values).in_words() == words


# --- domain/gaps.py: the sum of the municipalities present ------------------------------------------------


def parts(rows: list[tuple[str, str, float, float | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["period", "geo_code", "value", "numerator", "denominator"])


PARTS = parts([
    ("2025-03", "a", 10.0, 1.0, 10.0), ("2025-03", "b", 30.0, 9.0, 30.0),
    ("2025-04", "a", 20.0, 2.0, 20.0), ("2025-04", "b", 40.0, None, 40.0),  # b's numerator is missing in April
    ("2025-05", "a", 50.0, 5.0, 50.0),
    ("2025-06", "a", 0.0, 0.0, 0.0),  # no one to count: no percent
    ("2025-07", "a", 1.0, 1.0, 1.0),  # one of one: 100 %
])


NAN = float("nan")


@pytest.mark.parametrize("unit, months, expected", [
    # counts: the values added up, no numerator or denominator, how many municipalities
    ("count", ["2025-03", "2025-04"], [("2025-03", 40.0, NAN, NAN, 2), ("2025-04", 60.0, NAN, NAN, 2)]),
    ("count", ["2025-05"], [("2025-05", 50.0, NAN, NAN, 1)]),
    # percents: numerators over denominators (10 of 40 = 25 %), a month with a missing numerator left out
    ("percent", ["2025-03", "2025-04"], [("2025-03", 25.0, 10.0, 40.0, 2)]),
    ("percent", ["2025-05"], [("2025-05", 10.0, 5.0, 50.0, 1)]),
    ("percent", ["2025-06", "2025-07"], [("2025-07", 100.0, 1.0, 1.0, 1)]),
    # other units cannot be added up; months not asked for give nothing
    ("score", ["2025-03"], []),
    ("rate", ["2025-03"], []),
    ("count", ["2025-08"], []),
])
def test_partial_sums_add_up_what_can_be_added(unit, months, expected):
    out = gaps.partial_sums(PARTS, unit, months)
    assert list(out.columns) == ["period", "value", "numerator", "denominator", "present"]
    rows = [tuple(r) for r in out.astype({"numerator": float, "denominator": float}).itertuples(index=False)]
    assert rows == [pytest.approx(r, nan_ok=True) for r in expected]


@pytest.mark.parametrize("frame", [pd.DataFrame(), parts([])])
def test_partial_sums_of_no_municipalities_is_an_empty_table_with_its_columns(frame):
    out = gaps.partial_sums(frame, "count", ["2025-03"])
    assert out.empty and list(out.columns) == ["period", "value", "numerator", "denominator", "present"]


@pytest.mark.parametrize("period, missing, expected, words", [
    ("2025-10", ["Lemvig"], 19, "Lemvig mangler for oktober 2025"),
    ("2025-12", ["A", "B"], 4, "A og B mangler for december 2025"),
    ("2025-12", ["A", "B", "C"], 4, "A, B og C mangler for december 2025"),
    ("2025-12", ["A", "B", "C", "D"], 5, "4 af 5 kommuner mangler for december 2025 (A, B, C m.fl.)"),
    ("2025-12", ["A", "B", "C", "D", "E"], 5, "Ingen tal for december 2025"),
    ("2025-01", ["A"], 1, "Ingen tal for januar 2025"),
    ("2025-01", [], 0, "Ingen tal for januar 2025"),
    ("2025-04", [], 1, "Tallet mangler for april 2025, selv om alle 1 kommuner har tal"),
])
def test_why_a_month_is_missing(period, missing, expected, words):
    assert gaps.reason(period, missing, expected) == words


OWN = pd.DataFrame({"period": ["2025-01", "2025-03", "2025-04"], "value": [1.0, 3.0, float("nan")]})
MEMBERS = {"b": "Billund", "a": "Aarhus"}


@pytest.mark.parametrize("own, members, parts_, found", [
    (OWN, MEMBERS, pd.DataFrame({"period": ["2025-02", "2025-04"], "geo_code": ["a", "b"]}),
     [("2025-02", "Billund mangler for februar 2025", 1, 2), ("2025-04", "Aarhus mangler for april 2025", 1, 2)]),
    (OWN, MEMBERS, pd.DataFrame(),
     [("2025-02", "Ingen tal for februar 2025", 0, 2), ("2025-04", "Ingen tal for april 2025", 0, 2)]),
    (OWN.iloc[:0], MEMBERS, pd.DataFrame(), []),
])
def test_the_gaps_of_a_place(own, members, parts_, found):
    got = [(g.period, g.reason, g.present, g.expected) for g in gaps.gaps(own, members, parts_)]
    assert got == found


def test_a_place_without_a_value_whose_municipalities_all_have_one():
    parts_ = pd.DataFrame({"period": ["2025-04", "2025-04"], "geo_code": ["a", "b"]})
    found = gaps.gaps(OWN, MEMBERS, parts_)
    assert [g.present for g in found] == [0, 2]
    assert found[-1].reason == "Tallet mangler for april 2025, selv om alle 2 kommuner har tal"


@pytest.mark.parametrize("first, last, months", [
    ("2024-11", "2025-02", ["2024-11", "2024-12", "2025-01", "2025-02"]),
    ("2025-03", "2025-03", ["2025-03"]),
    ("2025-04", "2025-03", []),
])
def test_month_range(first, last, months):
    assert months_between(first, last) == months


# --- domain/status.py: the rule set as a director reads it -------------------------------------------------


def test_the_status_rules_read_as_written():
    lines = status.rules_in_words()
    assert len(lines) == len(status.RULES)
    assert lines[0].startswith("Udgår / afsluttet: status eller forslag nævner udgår · afsluttet · ophører · "
                               "arkiveres · nedlægges (ikke hvis status eller forslag nævner permanentgør")
    assert lines[0].endswith("– en afsluttet fase (fx »Evalueringen er afsluttet«) eller »ikke afsluttet« tæller ikke")
    assert lines[2] == ("Pauseret / afventer: status eller forslag nævner pauser · afvent · udskudt · i bero "
                        "(ikke hvis status eller forslag nævner genoptaget)")
    assert lines[-2] == "Ikke igangsat: sektionen nævner ikke er igangsat · ikke igangsat"
    assert lines[-1] == "Udgår / afsluttet: sektionen nævner afsluttede · udgåede · udgår"


def test_the_decision_rules_read_as_written():
    assert status.decision_rules_in_words() == [
        "Besluttet: det seneste møde, der har godkendt et punkt om indsatsen (frem til i dag), flytter den hertil.",
        "Udgår / afsluttet: det seneste møde har ikke godkendt (afvist) et punkt om indsatsen.",
        "Udsat: status bliver stående, og udsættelsen noteres; taget til efterretning og drøftet flytter intet.",
        "Overskredet: tidsvinduet er slut, og der er hverken godkendt eller afvist noget, mens kilden sagde "
        "til beslutning, under udarbejdelse, status ikke oplyst.",
    ]


@pytest.mark.parametrize("pattern, text", [("udgår", "UDGÅR"), ("i bero", "I Bero"), (r"\bkører\b", "Kører")])
def test_status_patterns_ignore_case(pattern, text):
    assert status._rx(pattern).search(text)


# --- views/indicators.py: a gap filled with the sum of the municipalities present ---------------------------


def test_a_filled_gap_is_a_real_partial_sum_in_place(data_copy, tmp_path):
    write_extract(data_copy, MONTHS, holes={("Lemvig", "2025-03")})
    build(data_copy, tmp_path / "holed.db", today=BUILD_DAY)
    conn = queries.connect(tmp_path / "holed.db")
    view = indicator_view(conn, Filters("1082", None, "2024-Q1", "2025-Q4"), TODAY, "acute_admissions_65plus",
                          "month", True)
    series = view.series
    assert list(series.columns) == SERIES_COLUMNS and list(series.index) == list(range(24))
    assert list(series["period"]) == MONTHS and not view.demo and set(series["is_demo"]) == {0}
    march = series[series["period"] == "2025-03"].iloc[0]
    assert (march["period_start"], march["note"]) == ("2025-03-01", "summen af 18 af 19 kommuner")


# --- views/indicators.py: a running total's progress towards its target -----------------------------------


def stock(unit: str = "count") -> Indicator:
    return Indicator("telekol", "Borgere med TeleKOL", "TeleKOL", unit, "up", "month", 1250.0, "", True, True)


@pytest.mark.parametrize("values, target, words, expected", [
    ([100.0, 1000.0], 1250.0, "Mål: 1.250",
     "feb. 2025: 1.000 i alt, 80,0 % af måltallet 1.250; der mangler 250."),
    ([100.0, 1500.0], 1250.0, "Mål: 1.250",  # past the target: nothing is missing, never a negative number
     "feb. 2025: 1.500 i alt, 120,0 % af måltallet 1.250; der mangler 0."),
    ([100.0, None], 1250.0, "", "jan. 2025: 100 i alt, 8,0 % af måltallet 1.250; der mangler 1.150."),
    ([100.0, 1000.0], None, "Måltallet gælder hele regionen.", "feb. 2025: 1.000 i alt. Måltallet gælder hele regionen."),
    ([100.0, 1000.0], None, "", "feb. 2025: 1.000 i alt."),
])
def test_the_progress_of_a_running_total(values, target, words, expected):
    # a count's numerator and denominator are empty: only an empty value leaves a month out
    series = pd.DataFrame({"period": ["2025-01", "2025-02"], "value": values, "numerator": None, "denominator": None})
    assert _progress(series, stock(), target, words) == expected


# --- views/initiatives.py and views/indicators.py: the date filter of the pages and slides -------------------

RANGES = [("2019-Q2", "2021-Q1"), ("2025-Q1", "2025-Q1"), ("2025-Q3", "2026-Q2"), ("2026-Q3", "2026-Q3")]


@pytest.fixture(scope="module")
def seed_conn(seed_db):
    conn = queries.connect(seed_db)
    yield conn
    conn.close()


@pytest.mark.parametrize("first, last", RANGES)
def test_initiatives_keep_to_the_chosen_quarters(seed_conn, first, last):
    filters = Filters("1082", None, first, last)
    start, end = (d.isoformat() for d in filters.date_range())
    answer, line = board(seed_conn, filters, TODAY), timeline(seed_conn, filters, TODAY)
    everything = answer.everything
    outside = everything[everything["start"].notna() & ((everything["start"] > end) | (everything["end"] < start))]
    assert not outside.empty  # the range leaves some out, so a board without the filter would show them
    for shown in (answer.initiatives, line.initiatives):
        assert not set(shown["key"]) & set(outside["key"])
        windowed = shown[shown["start"].notna()]
        assert (windowed["start"] <= end).all() and (windowed["end"] >= start).all()
    assert len(answer.initiatives) == len(everything) - len(outside)


@pytest.mark.parametrize("first, last", RANGES)
@pytest.mark.parametrize("indicator", ["acute_admissions_65plus", "readmissions_30d", "influenza_vaccination_65plus"])
def test_an_indicator_keeps_to_the_chosen_quarters(seed_conn, first, last, indicator):
    filters = Filters("1082", None, first, last)
    start, end = (d.isoformat() for d in filters.date_range())
    view = indicator_view(seed_conn, filters, TODAY, indicator)
    for frame in (view.series, view.snapshots):
        assert (frame["period_start"] >= start).all() and (frame["period_start"] <= end).all()


def test_duplicate_real_rows_count_once_with_or_without_demonstration_rows():
    from domain.observations import real_over_demo

    real = pd.DataFrame({"indicator": ["x", "x"], "geo_code": ["a", "a"], "period": ["2025-01", "2025-01"],
                         "value": [5.0, 5.0], "is_demo": [0, 0]})
    demo = pd.DataFrame({"indicator": ["x"], "geo_code": ["a"], "period": ["2025-02"], "value": [7.0], "is_demo": [1]})
    assert list(real_over_demo(real)["value"]) == [5.0]
    assert list(real_over_demo(pd.concat([real, demo], ignore_index=True))["value"]) == [5.0, 7.0]
