"""Every page under several filters, through Streamlit's AppTest."""

from __future__ import annotations

import re

import pytest

import clock
from domain.filters import last_whole_quarter
from domain.formatting import period_label
from tests.apptest import PAGES, figures, filter_values, open_app, texts, values
from tests.apptest import shown as as_shown

pytestmark = pytest.mark.usefixtures("app_db")

MIDT = {"region": "1082", "fra": "2017-Q4", "til": "2026-Q3"}
VEST = {"region": "1082", "klynge": "vest", "fra": "2021-Q1", "til": "2025-Q4"}
SYD = {"region": "1083", "fra": "2017-Q4", "til": "2026-Q3"}


def test_overview_in_q1_2021_shows_the_source_table_with_its_arrows():
    at = open_app({"region": "1082", "fra": "2021-Q1", "til": "2021-Q1"})
    shown = texts(at)
    assert at.title[0].value == "Overblik"
    for value in ("17.350 :gray[→]", "2.614 :green[↓]", "16,9 % :red[↑]", "356 :gray[→]", "13,7 % :gray[→]",
                  "1.089 :gray[→]", "75,7 %"):
        assert f"### {value}" in shown
    # Good and bad are said in words next to the arrow and in its tooltip, not by colour alone.
    for value in ("2.614 :green[↓] :green[:small[i ønsket retning]]", "16,9 % :red[↑] :red[:small[i uønsket retning]]",
                  "17.350 :gray[→] :gray[:small[uændret]]"):
        assert f"### {value}" in shown
    helps = [as_shown(str(m.help)) for m in at.markdown if m.value.startswith("### ")]
    assert any(h.startswith("↓ i ønsket retning. ") for h in helps)
    assert any(h.startswith("↑ i uønsket retning. ") for h in helps)
    assert "Region Midtjylland · 1. kvt. 2021" in shown
    assert "Mål 75,0 % · afstand +0,7 pct.-point" in shown
    assert "7 af de seneste 8 måneder" in shown
    assert "Kilde: Midtvejsstatus – Sundhedsaftalen 2019-2023" in shown
    assert "Eksempeldata" not in shown  # every card in Q1 2021 is the source's own number
    assert "+21,8 pct.-point mod sæson 2019-2020" in shown


def test_overview_by_default_ends_with_the_data_not_the_clock():
    # Today is 22 Nov 2026; the newest source is the SSU minutes of 3 Oct 2025: the range ends with its quarter,
    # and the cards with the last month the demonstration data may have (Sep 2025), never a generated 2026.
    at = open_app({"region": "1082"})
    shown = texts(at)
    assert "Region Midtjylland · 1. kvt. 2024 – 4. kvt. 2025 ·" in shown
    assert "Region Midtjylland · 3. kvt. 2025" in shown and "2026" not in shown.replace("22. nov. 2026", "")
    assert shown.count(":orange[Eksempeldata]") == 6 and any("Eksempeldata" in as_shown(w.value) for w in at.warning)
    assert re.search(r"[+−±][\d.,]+ mod 3. kvt. 2024", shown)
    assert "Nyeste data: 3. okt. 2025" in shown
    assert "Sundhedssamarbejdsudvalget · 3. okt. 2025" in shown
    # The vaccination rate's newest value is from the 2020-2021 season: said in words, not shown as this period's
    assert "Seneste tal: 75,7 % i sæson 2020-2021 (Midtvejsstatus) – uden for den valgte periode." in shown
    assert "### 75,7 %" not in shown
    (until,) = [s for s in at.sidebar.selectbox if s.label == "Til kvartal"]
    # whole quarters only: the last one ended before today (3. kvt. 2026 on the suite's day)
    assert until.value == "2025-Q4" and until.options[-1] == period_label(last_whole_quarter(clock.today()))


def test_overview_cluster_shows_its_own_numbers():
    shown = texts(open_app(VEST))
    # The last quarter of the chosen range holds no month yet (the sources end on 3 Oct 2025): the cards show the last one that does.
    assert "Vestklyngen, Region Midtjylland · 1. kvt. 2021 – 4. kvt. 2025" in shown
    assert "Vestklyngen, Region Midtjylland · 3. kvt. 2025" in shown
    assert ":orange[Eksempeldata]" in shown and "### 17.350" not in shown


def test_overview_syddanmark_shows_its_own_meeting_and_plan_and_no_midtjylland_data():
    at = open_app(SYD)
    shown = texts(at)
    assert "Sundhedsdirektørkredsen · 7. feb. 2024 · 4 punkter" in shown
    assert {as_shown(m.label): m.value for m in at.metric} == {"Status ikke oplyst": "20"}
    assert "17.350" not in shown


def test_overview_quarter_filter_limits_the_period():
    at = open_app({"region": "1082", "fra": "2026-Q1", "til": "2026-Q3"})
    assert sum(int(m.value) for m in at.metric) == 2  # the 2026 and 2025-2026 windows
    # No indicator numbers for Syddanmark: every card says so instead of vanishing.
    assert texts(open_app(SYD)).count("Ingen tal for") == 7


@pytest.mark.parametrize("params, lines", [
    ({**MIDT, "indikator": "acute_somatic_readmissions_65plus"},
     ["Eksempeldata", "Median, seneste 24 måneder", "Aarhusklyngen", "Horsensklyngen", "Midtklyngen", "Randersklyngen",
      "Vestklyngen"]),
    ({**VEST, "indikator": "readmissions_30d"},
     ["Eksempeldata", "Median, seneste 24 måneder", "Herning", "Holstebro", "Ikast-Brande", "Lemvig",
      "Ringkøbing-Skjern", "Struer"]),
])
def test_indicator_page_run_chart_and_places(params, lines):
    at = open_app(params, page="pages/1_Indikatorer.py")
    run, places = figures(at)
    assert [t["name"] for t in run["data"] if t["name"] != "Signal (lang serie)"] + [
        t["name"] for t in places["data"]] == lines
    assert run["layout"]["separators"] == ",."
    assert "Eksempeldata" in run["layout"]["title"]["text"]
    assert len(at.dataframe[-1].value) == (19 if "klynge" not in params else 6)


def test_indicator_page_quarters_reproduce_the_source_and_its_arrow():
    at = open_app({"region": "1082", "fra": "2019-Q2", "til": "2021-Q1", "indikator": "acute_somatic_readmissions_65plus"},
                  page="pages/1_Indikatorer.py")
    shown = texts(at)
    # The card's quarter is the source's own: its value and its printed arrow, on the card and here alike.
    assert "↑ Pilen er gengivet fra kilden (Udvikling april 2019-marts 2021)" in shown
    at.radio(key="w_freq").set_value("Kvartal").run()
    run = figures(at)[0]
    (main,) = [t for t in run["data"] if t["name"] == "Eksempeldata"]
    assert values(main)[-1] == pytest.approx(16.9)
    (source,) = [t for t in run["data"] if t["name"] == "Fra kilden"]
    assert values(source) == [16.9]


def test_quarterly_run_chart_judges_twelve_quarters_and_says_so():
    # The default window holds 8 quarters; Anhøj's rules need 10 useful points: the rules read the 12 quarters
    # up to the card's quarter, also before the chosen ones, and give a verdict with the points counted.
    at = open_app({"region": "1082", "indikator": "acute_admissions_65plus"}, page="pages/1_Indikatorer.py")
    at.radio(key="w_freq").set_value("Kvartal").run()
    shown = texts(at)
    assert "For få punkter" not in shown
    assert re.search(r"(Kun tilfældig variation|Ikke-tilfældig variation: [a-zæøå ]+)\. .*\(12 brugbare punkter\)\.",
                     shown)
    assert "Vurderet over de 12 kvartaler til og med 3. kvt. 2025, også kvartaler før de valgte kvartaler" in shown
    names = [t["name"] for t in figures(at)[0]["data"]]
    assert "Median, seneste 12 kvartaler" in names and not [n for n in names if "mdr." in n or "24" in n]


def test_indicator_page_target_line_and_empty_state():
    at = open_app({**MIDT, "indikator": "influenza_vaccination_65plus"}, page="pages/1_Indikatorer.py")
    assert figures(at)[0]["layout"]["shapes"][0]["y0"] == 75
    at = open_app({**SYD, "indikator": "influenza_vaccination_65plus"}, page="pages/1_Indikatorer.py")
    assert not figures(at)
    assert "Ingen tal for influenzavaccination 65+ i Region Syddanmark" in texts(at)


def test_telemedicine_page_telekol_against_target_with_the_source_point():
    at = open_app(MIDT, page="pages/2_Telemedicin.py")
    shown = texts(at)
    telekol, telehjerte = figures(at)
    names = [t["name"] for t in telekol["data"]]
    assert names[0] == "Hele regionen (Eksempeldata)" and "Vestklyngen" in names
    (point,) = [t for t in telekol["data"] if t["name"] == "Fra kilden"]
    assert values(point) == [190] and point["x"] == ["jul. 2025"]  # the stock on 1 July, Danish label
    assert telekol["layout"]["shapes"][0]["y0"] == 1250
    assert ("Pr. 1. jul. 2025 var ca. 190 af 1.250 borgere inkluderet (15 % af måltallet); der mangler ca. "
            "1.060. Implementeringen startede i september 2023.") in shown
    assert [t["name"] for t in telehjerte["data"]] == ["Forventet: ca. 500 om året"]
    assert "Ingen inklusionstal endnu" in shown
    assert {as_shown(m.label): m.value for m in at.metric} == {
        "Konferencekald med egen læge (til og med juni 2025)": "77",
        "Opfølgning hos egen læge uden indbringelse": "77 %", "Indbragt til hospitalet": "13",
        "Færdigbehandlet på stedet": "5", "Forgæves opkald til egen læge (til og med juni 2025)": "6",
        "Økonomisk ramme (max)": "100.000 kr."}
    assert "Sundhedsstyregruppen 12. sep. 2025 · punkt 7: Status for TeleKOL · Taget til efterretning" in shown
    # The minutes say "forlænget frem til 31. oktober 2025" and, later, "forlænges et år frem til 31. oktober
    # 2026": the later statement wins.
    assert "Prøvehandlingen er forlænget til 31. okt. 2026" in shown
    # Every figure carries its document and sentence
    assert "Mål: 1.250 (SSG 12. sep. 2025)" in shown
    assert ("linje 393: »Pr. 1. juli 2025 er der ca. 190 borgere i Midtjylland inkluderet i TeleKOL.«") in shown


def test_telemedicine_page_cluster_and_other_region():
    at = open_app(VEST, page="pages/2_Telemedicin.py")
    telekol = figures(at)[0]
    assert [t["name"] for t in telekol["data"]] == ["Vestklyngen (Eksempeldata)"]
    assert "I hele Region Midtjylland: pr. 1. jul. 2025" in texts(at)
    shown = texts(open_app(SYD, page="pages/2_Telemedicin.py"))
    assert "Ingen inklusionstal for TeleKOL i Region Syddanmark" in shown
    assert "Ingen dagsordenspunkter om TeleKOL" in shown


@pytest.mark.parametrize("params, count", [
    (MIDT, "19 af 19 indsatser"),
    ({"region": "1082", "fra": "2026-Q1", "til": "2026-Q3"}, "2 af 2 indsatser"),
    ({"region": "1082", "fra": "2025-Q3", "til": "2025-Q3"}, "8 af 8 indsatser"),
])
def test_initiative_board_counts(params, count):
    at = open_app(params, page="pages/3_Indsatser.py")
    assert count in texts(at)


def test_initiative_board_search_status_and_forum():
    at = open_app(MIDT, page="pages/3_Indsatser.py")
    at.text_input(key="w_search").set_value("telehjerte").run()
    assert "1 af 19 indsatser" in texts(at)
    assert "Indsats fra økonomaftalerne: Opstart af den telemedicinske hjemmemonitorering" in texts(at)
    at.text_input(key="w_search").set_value("").run()
    at.multiselect[1].set_value(["SSG"]).run()
    assert "7 af 19 indsatser" in texts(at)
    at.multiselect[0].set_value(["pauseret"]).run()
    assert "2 af 19 indsatser" in texts(at)  # paused SSG items: Præhospitalet and 72 timer
    assert column_heads(at) == ["Pauseret / afventer (2)"]


def column_heads(at):
    return [as_shown(m.value).removeprefix("### ") for m in at.main.markdown if m.value.startswith("### ")]


@pytest.mark.parametrize("params, group, heads", [
    (MIDT, "Status", ["Overskredet (8)", "Besluttet (1)", "I gang / under implementering (3)",
                      "Pauseret / afventer (3)", "Ikke igangsat (3)", "Udgår / afsluttet (1)"]),
    (MIDT, "Forum", ["SSU (12)", "SSG (7)"]),
    ({"region": "1082", "fra": "2026-Q1", "til": "2026-Q3"}, "Status",
     ["Besluttet (1)", "I gang / under implementering (1)"]),
    (SYD, "Sektion", ["Fælles indsatser (implementeringsplan) (13)",
                      "LEAD-indsatser i én klynge (implementeringsplan) (4)",
                      "Frie indsatser i alle klynger (implementeringsplan) (3)"]),
])
def test_board_columns_and_counts(params, group, heads):
    at = open_app(params, page="pages/3_Indsatser.py")
    at.radio[0].set_value(group).run()
    assert column_heads(at) == heads


def test_card_opens_in_full_by_its_link_with_its_decisions():
    at = open_app(MIDT, page="pages/3_Indsatser.py")
    assert len([b for b in at.button if b.label == "Åbn"]) == 19
    at.button(key="open_indsats-fra-oekonomaftalerne-opstart-af-den-bd51").click().run()
    assert at.query_params["indsats"] == "indsats-fra-oekonomaftalerne-opstart-af-den-bd51"
    assert at.query_params["region"] == "1082"
    shown = texts(at)
    assert "Indsats fra økonomaftalerne: Opstart af den telemedicinske hjemmemonitorering" in shown
    assert ("Hvorfor står den her? Godkendt af Sundhedsstyregruppen 12. sep. 2025, punkt 2 (kilden sagde: Under "
            "udarbejdelse – Status nævner »udviklingsfase«).") in shown
    assert ("• Sundhedsstyregruppen 12. sep. 2025, punkt 2: Godkendelse af det sundhedsfaglige grundlag for "
            "TeleHjerte · Godkendt") in shown
    assert "Begge nævner telehjerte. Beslutning:" in shown
    assert "(sources/000_aa081206893bc7b8.txt, linje 35)" in shown
    at.button(key="close_card").click().run()
    assert "indsats" not in at.query_params and "Hvorfor står den her?" not in texts(at)
    direct = open_app({**MIDT, "indsats": "styrket-tvaersektorielt-samarbejde-om-saarbare-patienter-3fac"},
                      page="pages/3_Indsatser.py")
    assert "Styrket tværsektorielt samarbejde om sårbare patienter, der ringer 1-1-2" in texts(direct)


def test_unknown_card_in_link_gives_a_note():
    at = open_app({**MIDT, "indsats": "findes-ikke"}, page="pages/3_Indsatser.py")
    assert any("Indsatsen 'findes-ikke' i linket findes ikke" in as_shown(w.value) for w in at.warning)


def test_board_states_its_rules():
    at = open_app(MIDT, page="pages/3_Indsatser.py")
    assert "Hvordan status udledes" in texts(at)
    assert any(t.value.startswith("Pauseret / afventer: status eller forslag nævner pauser") for t in at.text)


@pytest.mark.parametrize("params, bars", [
    (MIDT, 19), ({"region": "1082", "fra": "2026-Q1", "til": "2026-Q3"}, 2),
])
def test_timeline_has_a_bar_per_initiative(params, bars):
    at = open_app(params, page="pages/4_Tidslinje.py")
    (fig,) = figures(at)
    assert sum(len(values(t, "x")) for t in fig["data"] if t["type"] == "bar") == bars
    annotations = [a["text"] for a in fig["layout"]["annotations"]]
    assert "I dag" in annotations


def test_timeline_colours_by_status_and_marks_dates():
    (fig,) = figures(open_app(MIDT, page="pages/4_Tidslinje.py"))
    bars = {t["name"]: len(values(t, "x")) for t in fig["data"] if t["type"] == "bar"}
    assert bars == {"Overskredet": 8, "Besluttet": 1, "I gang / under implementering": 3,
                    "Pauseret / afventer": 3, "Ikke igangsat": 3, "Udgår / afsluttet": 1}
    (marks,) = [t for t in fig["data"] if t["type"] == "scatter"]
    assert "2023-09-15" in values(marks, "x") and marks["name"] == "Dato nævnt"


def test_timeline_for_syddanmark_lists_what_has_no_window():
    at = open_app(SYD, page="pages/4_Tidslinje.py")
    assert not figures(at)
    assert "Ingen af de 20 indsatser fra Region Syddanmark har en tidsangivelse" in texts(at)
    assert any("20 indsatser har ingen tidsangivelse" in as_shown(w.value) for w in at.warning)
    assert len(at.dataframe[0].value) == 20


def test_decision_log_links_items_to_initiatives():
    at = open_app(MIDT, page="pages/5_Beslutninger.py")
    table = at.dataframe[0].value.set_index("title")
    row = table.loc["Godkendelse af det sundhedsfaglige grundlag for TeleHjerte"]
    assert row["initiative_title"].startswith("Indsats fra økonomaftalerne")
    assert row["initiative"].endswith("&indsats=indsats-fra-oekonomaftalerne-opstart-af-den-bd51")
    assert table["initiative"].notna().sum() == 3  # a shared background term alone no longer links
    syd = open_app(SYD, page="pages/5_Beslutninger.py").dataframe[0].value.set_index("number")
    assert syd.loc[4, "initiative_title"] == "20 indsatser"


def test_timeline_marks_meetings():
    (fig,) = figures(open_app(MIDT, page="pages/4_Tidslinje.py"))
    annotations = [a["text"] for a in fig["layout"]["annotations"]]
    assert "Sundhedssamarbejdsudvalget<br>3. okt. 2025" in annotations
    assert "Sundhedsstyregruppen<br>12. sep. 2025" in annotations


@pytest.mark.parametrize("params, rows, first", [
    (MIDT, 15, "3. okt. 2025"),
    (SYD, 4, "7. feb. 2024"),
    ({"region": "1082", "fra": "2025-Q3", "til": "2025-Q3"}, 11, "12. sep. 2025"),
])
def test_decision_log(params, rows, first):
    at = open_app(params, page="pages/5_Beslutninger.py")
    table = at.dataframe[0].value
    assert len(table) == rows
    assert table.iloc[0]["date"] == first


def test_decision_log_filters_by_kind():
    at = open_app(MIDT, page="pages/5_Beslutninger.py")
    at.multiselect[1].set_value(["noted"]).run()
    table = at.dataframe[0].value
    assert set(table["kind"]) == {"Taget til efterretning"} and len(table) == 4


def test_export_page_offers_the_filtered_data():
    at = open_app(VEST, page="pages/6_Eksport.py")
    buttons = [b for b in at.get("download_button") if "CSV" in b.proto.label]
    assert len(buttons) == 3
    shown = texts(at)
    assert "**Indsatser** · 18 rækker · Vestklyngen, Region Midtjylland" in shown  # not the 2026 one
    assert re.search(r"\*\*Indikatortal\*\* · \d{1,3}(\.\d{3})* rækker · Vestklyngen.* · Eksempeldata", shown)


def test_sources_page_lists_every_file():
    at = open_app(MIDT, page="pages/7_Datakilder.py")
    table = at.dataframe[0].value
    assert len(table) == 6 and set(table["Status"]) == {"Indlæst"}
    assert any(t.startswith("Eksempeldata – genereret og kalibreret til kilderne") for t in table["Dokument"])
    assert {as_shown(m.label): m.value for m in at.metric}["Filer"] == "6"
    # The range rule, with the newest source (the SSU minutes of 3 Oct 2025)
    assert ("Perioden følger data, ikke kalenderen: den nyeste kilde er fra 3. okt. 2025, så standardvalget slutter "
            "med 4. kvt. 2025") in texts(at)


def test_filters_survive_every_page_switch():
    at = open_app(VEST)
    at.sidebar.selectbox[2].set_value("2022-Q1").run()
    expected = {"region": "1082", "klynge": "vest", "fra": "2022-Q1", "til": "2025-Q4"}
    for page in [*PAGES, "dashboard.py", "pages/3_Indsatser.py"]:
        at.switch_page(page).run()
        assert not at.exception
        assert {k: at.query_params[k] for k in expected} == expected, page
        assert filter_values(at)[:4] == ["1082", "vest", "2022-Q1", "2025-Q4"], page
        assert "Vestklyngen, Region Midtjylland · 1. kvt. 2022 – 4. kvt. 2025" in texts(at), page


def test_filters_come_back_from_the_session_when_a_link_has_none():
    at = open_app(VEST)
    at.query_params = {}
    at.switch_page("pages/5_Beslutninger.py").run()
    assert filter_values(at)[:4] == ["1082", "vest", "2021-Q1", "2025-Q4"]
    assert at.query_params["klynge"] == "vest"


def test_changing_region_resets_cluster_and_updates_url():
    at = open_app(VEST)
    at.sidebar.selectbox[0].set_value("1083").run()
    assert at.query_params.get("klynge") is None and at.query_params["region"] == "1083"
    assert filter_values(at)[1] == ""
    options = at.sidebar.selectbox[1].options
    assert "Sundhedsklynge Fyn" in options and "Vestklyngen" not in options


@pytest.mark.parametrize("params, note", [
    ({"region": "9999"}, "Ukendt region '9999' i linket – viser Region Midtjylland."),
    ({"region": "1083", "klynge": "vest"}, "Klyngen 'vest' findes ikke i Region Syddanmark"),
    ({"fra": "2099-Q1"}, "Kvartalet '2099-Q1' (fra) er ugyldigt"),
])
def test_invalid_url_values_fall_back_with_a_visible_note(params, note):
    at = open_app(params)
    assert any(note in as_shown(w.value) for w in at.warning)
    at = open_app(MIDT)
    at.query_params = dict(params)  # a hand-edited link straight to another page
    at.switch_page("pages/3_Indsatser.py").run()
    assert not at.exception
    assert any(note in as_shown(w.value) for w in at.warning)


def test_missing_database_gives_danish_next_step(monkeypatch, tmp_path):
    monkeypatch.setenv("SUNDHED_DB", str(tmp_path / "none.db"))
    at = open_app()
    assert "Databasen er ikke bygget endnu" in at.error[0].value
    assert "make run" in at.error[0].value


def test_timeline_zooms_to_what_there_is_to_see():
    (fig,) = figures(open_app(MIDT, page="pages/4_Tidslinje.py"))
    first, last = fig["layout"]["xaxis"]["range"]
    assert first >= "2024-11" and last <= "2027-02"  # not the filter's 2017-2026
    (fig,) = figures(open_app({"region": "1082", "fra": "2025-Q3", "til": "2025-Q3"}, page="pages/4_Tidslinje.py"))
    assert fig["layout"]["xaxis"]["range"] == ["2025-07-01", "2025-09-30"]


def deck_entries(at):
    return [as_shown(m.value) for m in at.markdown if re.match(r"\*\*\d+\. ", as_shown(m.value))]


def test_charts_added_from_pages_survive_switches_and_can_be_reordered_and_cleared():
    at = open_app(VEST, page="pages/1_Indikatorer.py")
    at.button(key="add_indicator:acute_admissions_65plus").click().run()
    at.switch_page("pages/4_Tidslinje.py").run()
    at.button(key="add_timeline").click().run()
    at.button(key="add_timeline").click().run()  # twice is once
    at.switch_page("pages/6_Eksport.py").run()
    assert deck_entries(at) == [
        "**1. Akutte indlæggelser 65+** · Vestklyngen, Region Midtjylland · 1. kvt. 2021 – 4. kvt. 2025",
        "**2. Tidslinje** · Vestklyngen, Region Midtjylland · 1. kvt. 2021 – 4. kvt. 2025"]
    assert "3 sider i alt, 16:9, med forside." in texts(at)
    assert any(b.proto.label == "Hent præsentation (.pptx)" for b in at.get("download_button"))
    at.button(key="down_0").click().run()
    assert [e.split("**")[1] for e in deck_entries(at)] == ["1. Tidslinje", "2. Akutte indlæggelser 65+"]
    at.button(key="remove_0").click().run()
    assert [e.split("**")[1] for e in deck_entries(at)] == ["1. Akutte indlæggelser 65+"]
    at.button[[b.label for b in at.button].index("Tøm")].click().run()
    assert deck_entries(at) == [] and "Præsentationen er tom" in texts(at)


def test_standard_deck_button_fills_the_usual_set_for_the_filters():
    at = open_app(MIDT, page="pages/6_Eksport.py")
    at.button[[b.label for b in at.button].index("Standardpræsentation")].click().run()
    assert [e.split("**")[1] for e in deck_entries(at)] == [
        "1. Nøgletal", "2. Én side pr. nøgletal", "3. TeleKOL mod måltal", "4. Indsatser efter status",
        "5. Tidslinje", "6. Seneste beslutninger"]
    assert "12 sider i alt" in texts(at)
