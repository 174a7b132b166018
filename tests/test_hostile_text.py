"""Text from documents and from the link is data on every page: a title with a Markdown link, an image, a
colour directive, HTML or LaTeX shows as written – in Streamlit's Markdown and in Plotly's figures – and a
hostile value in the link gets the Danish note with the value as written."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from charts.escape import literal
from store.build import build
from tests.apptest import PAGES, open_app, shown, texts
from tests.conftest import BUILD_DAY
from ui.text import plain

HOSTILE = ('[Log ind her](https://evil.example) ![x](https://evil.example/x.png) :red[rød] '
           '<a href="https://evil.example">klik</a> <img src=x onerror=alert(1)> $x^2$')
TIME = "3. eller 4. kvartal 2025"
PLACE = "<a href=https://evil.example>Randers</a>klyngen<img src=x><span style=color:red>!</span>"
SOURCE = "<img src=x> [Log ind](javascript:x)"
WIDE = {"region": "1082", "fra": "2023-Q1", "til": "2026-Q3"}

# What Markdown would act on, unescaped: a link or image target, a colour directive, HTML, LaTeX.
MARKDOWN_ACTS = re.compile(r"(?<!\\)\]\((?:https?|javascript)|(?<!\\)!\[|:red\[rød|(?<!\\)<(?:a|img|span)\b|"
                           r"(?<!\\)\$x")
# What Plotly would act on: its HTML subset, from the data (the figures' own <br>, <b>, <i>, <extra> stay).
PLOTLY_ACTS = re.compile(r"<(?:a|img|span)\b", re.IGNORECASE)
NUMBERED = re.compile(r"^\s*\d+\.\s", re.MULTILINE)  # Markdown's ordered list: "3. eller …" would become "1."


@pytest.fixture
def hostile_db(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed documents with hostile text in an initiative (title, time), an agenda item (title, decision),
    a source title and a cluster's name."""
    sources = data_copy / "sources"
    overview = next(sources.glob("000_*"))
    text = overview.read_text(encoding="utf-8")
    text = text.replace("## Overblik over indsatser i regi af sundhedsaftalen", f"## Overblik over indsatser {SOURCE}", 1)
    text = text.replace("Primo 2025\tPrøvehandling for udlevering af ortoser til børn og unge med cerebral parese",
                        f"{TIME}\tOrtoser {HOSTILE}", 1)
    overview.write_text(text, encoding="utf-8")
    minutes = next(sources.glob("001_*"))
    text = minutes.read_text(encoding="utf-8").replace("Godkendelse ift. videreførelse af samarbejdsaftaler",
                                                       "Samarbejdsaftaler " + HOSTILE)
    minutes.write_text(text.replace("Godkendt som indstillet.", "Godkendt som indstillet. " + HOSTILE, 1),
                       encoding="utf-8")
    places = data_copy / "reference" / "geography" / "1082-midtjylland.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",Randersklyngen,", f",{PLACE},"), encoding="utf-8")
    db = tmp_path / "hostile.db"
    report = build(data_copy, db, today=BUILD_DAY)
    assert report.skipped == []
    with sqlite3.connect(db) as con:  # the hostile text did arrive, as written
        assert con.execute("SELECT count(*) FROM initiatives WHERE title = ? AND time = ?",
                           (f"Ortoser {HOSTILE}", TIME)).fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM agenda_items WHERE title = ?",
                           (f"Samarbejdsaftaler {HOSTILE}",)).fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM sources WHERE title = ?", (f"Overblik over indsatser {SOURCE}",)).fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM clusters WHERE name = ?", (PLACE,)).fetchone() == (1,)
    monkeypatch.setenv("SUNDHED_DB", str(db))
    return db


def markdown(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown, raw (before Markdown reads it)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success",
                 "exception"):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    parts += [str(e.label) for e in at.expander]
    parts += [str(m.label) for m in at.metric]
    for kind in ("button", "selectbox", "multiselect", "radio", "text_input", "checkbox", "page_link"):
        parts += [str(getattr(w, "label", "")) for w in at.get(kind)]
    return parts


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def figure_strings(at: AppTest) -> list[str]:
    return [s for chart in at.get("plotly_chart") for s in strings(json.loads(chart.proto.spec))]


def assert_literal(at: AppTest, where: str) -> None:
    for raw in markdown(at):
        assert not MARKDOWN_ACTS.search(raw), (where, raw)
        assert not NUMBERED.search(raw), (where, raw)
    for text in figure_strings(at):
        assert not PLOTLY_ACTS.search(text), (where, text)


def initiative_key(db: Path) -> str:
    with sqlite3.connect(db) as con:
        (key,) = con.execute("SELECT key FROM initiatives WHERE title LIKE 'Ortoser %'").fetchone()
    return str(key)


@pytest.mark.parametrize("page", ["dashboard.py", *PAGES])
def test_document_text_shows_as_written_on_every_page(hostile_db: Path, page: str) -> None:
    params = dict(WIDE, klynge="randers")  # the hostile cluster: its name heads every page
    if page.endswith("Indsatser.py"):
        params["indsats"] = initiative_key(hostile_db)
    at = open_app(params, page=None if page == "dashboard.py" else page)
    assert_literal(at, page)
    assert PLACE in texts(at)
    if page.endswith("Indsatser.py"):  # the open card and the board: the title and time as written
        said = texts(at)
        assert f"Ortoser {HOSTILE}" in said and TIME in said and SOURCE in said
    if page.endswith("Telemedicin.py"):  # the cluster's line in the TeleKOL figure, as written
        assert literal(PLACE) in "\n".join(figure_strings(at))


def test_the_timeline_draws_initiative_titles_as_written(hostile_db: Path) -> None:
    at = open_app(WIDE, page="pages/4_Tidslinje.py")
    drawn = "\n".join(figure_strings(at))
    assert "Ortoser" in drawn
    assert_literal(at, "Tidslinje")


def test_the_places_figure_names_a_cluster_as_written(hostile_db: Path) -> None:
    at = open_app(WIDE, page="pages/1_Indikatorer.py")
    assert literal(PLACE) in figure_strings(at)
    assert_literal(at, "Indikatorer")


@pytest.mark.parametrize("params, value", [
    ({"region": "[Log ind her](https://evil.example)"}, "Ukendt region '[Log ind her](https://evil.example)'"),
    ({"region": "1082", "klynge": "<img src=x>"}, "Klyngen '<img src=x>' findes ikke"),
])
@pytest.mark.parametrize("page", ["dashboard.py", *PAGES])
def test_a_hostile_filter_in_the_link_is_named_as_written(app_db: Path, page: str, params: dict[str, str],
                                                          value: str) -> None:
    at = open_app({"region": "1082"})
    at.query_params = dict(params)  # a link straight to the page
    (at.run() if page == "dashboard.py" else at.switch_page(page).run())
    assert not at.exception, [e.message for e in at.exception]
    notes = [w.value for w in at.warning if value in shown(w.value)]
    assert notes, (page, [w.value for w in at.warning])
    assert_literal(at, page)


def test_an_unknown_indicator_in_the_link_is_named_as_written(app_db: Path) -> None:
    at = open_app({"region": "1082", "indikator": "[x](http://e)"}, page="pages/1_Indikatorer.py")
    assert any("Indikatoren '[x](http://e)' i linket findes ikke" in shown(w.value) for w in at.warning), \
        [w.value for w in at.warning]
    assert_literal(at, "Indikatorer")


def test_indikatorer_keeps_its_indicator_and_frequency_across_page_switches(app_db: Path) -> None:
    """Both choices stand in the URL; a sidebar link, which carries only the filters, comes back to them."""
    at = open_app({"region": "1082"}, page="pages/1_Indikatorer.py")
    (picker,) = [s for s in at.selectbox if s.label == "Indikator"]
    picker.select_index(1).run()
    (freq,) = [r for r in at.radio if r.label == "Vis"]
    freq.set_value("Kvartal").run()
    assert not at.exception
    chosen = at.query_params["indikator"]
    assert (at.query_params["frekvens"], [s.value for s in at.selectbox if s.label == "Indikator"]) == (
        "kvartal", [chosen])
    assert chosen != open_app({"region": "1082"}, page="pages/1_Indikatorer.py").query_params["indikator"]
    at.switch_page("pages/3_Indsatser.py").run()
    at.query_params = {k: v for k, v in at.query_params.items() if k not in ("indikator", "frekvens")}  # the link
    at.switch_page("pages/1_Indikatorer.py").run()
    assert not at.exception
    assert (at.query_params["indikator"], at.query_params["frekvens"]) == (chosen, "kvartal")
    assert [s.value for s in at.selectbox if s.label == "Indikator"] == [chosen]
    assert [r.value for r in at.radio if r.label == "Vis"] == ["Kvartal"]
    assert not [w.value for w in at.warning if "i linket findes ikke" in w.value]
    # A shared link opens the same view in a new session.
    fresh = open_app({"region": "1082", "indikator": chosen, "frekvens": "kvartal"}, page="pages/1_Indikatorer.py")
    assert [r.value for r in fresh.radio if r.label == "Vis"] == ["Kvartal"]
    assert [s.value for s in fresh.selectbox if s.label == "Indikator"] == [chosen]


def test_a_decision_links_to_its_initiative_card_with_the_filters(hostile_db: Path) -> None:
    """'Åbn indsats' in Beslutninger: the filters and the card's key in the link, each encoded; the link opens
    the card with its title as written."""
    from urllib.parse import parse_qsl, urlsplit

    at = open_app(WIDE, page="pages/5_Beslutninger.py")
    table = at.dataframe[0].value
    linked = table.dropna(subset=["initiative"])
    assert not linked.empty
    for row in (linked.iloc[0], *linked[linked["initiative_title"] == f"Ortoser {HOSTILE}"].iloc[:1].itertuples()):
        link = urlsplit(str(row.initiative))
        params = dict(parse_qsl(link.query))
        assert (link.path, {k: v for k, v in params.items() if k != "indsats"}) == ("/Indsatser", WIDE)
        card = open_app(params, page="pages/3_Indsatser.py")
        assert [s.value for s in card.subheader] == [plain(row.initiative_title)]
