"""No English or developer text reaches a director (issue 12, "Every director").

Every page, under the default filters and under a cluster of Syddanmark, is read as a director sees it: the
text elements, the tables (headers as shown, text cells, and what a missing cell shows), the widgets (labels,
placeholders, options), and the charts (titles, axis titles, legend names, hover templates, annotations and
category labels). None of it may hold a token from ``FORBIDDEN``; every chart carries Plotly's Danish locale.
Datakilder shows rejected rows grouped: one line per file and reason, with the count and the first lines.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from store.build import build
from tests.apptest import PAGES, open_app, shown, texts
from tests.conftest import BUILD_DAY
from views.sources import group_rejections, sources

# English or developer words, as whole words (case matters: "None" and "True" are Python's, "nan" pandas').
FORBIDDEN = {
    "count": r"\bcount\b", "percent": r"\bpercent\b", "None": r"\bNone\b", "nan": r"\bnan\b", "NaN": r"\bNaN\b",
    "demo": r"\bdemo\b", "True": r"\bTrue\b", "False": r"\bFalse\b", "Choose": r"\bChoose\b",
    "data/sources": r"data/sources", "make": r"\bmake ", "build": r"\bbuild\b",
    "minus zero": r"[−-]0,0(?!\d)|[−+-]0(?![,.\d])",  # a change that rounds to zero reads ±0
}
ALLOWED: list[str] = []  # a proper name or Danish word that matches a token would go here, with a comment why

CHARTS_VISIBLE = {"text", "name", "hovertemplate", "ticktext", "customdata", "x", "y", "hovertext", "texttemplate"}
FILTERS = {"standard": None, "Sundhedsklynge Lillebælt": {"region": "1083", "klynge": "lillebaelt"}}
ALL_PAGES = ["dashboard.py", *PAGES]


def offending(strings: list[str]) -> list[tuple[str, str]]:
    """(token, string) for every forbidden token in the strings, after the allow-list."""
    found = []
    for text in strings:
        for name, pattern in FORBIDDEN.items():
            for m in re.finditer(pattern, text):
                context = text[max(0, m.start() - 30):m.end() + 30]
                if not any(allowed in context for allowed in ALLOWED):
                    found.append((name, text[:200]))
    return found


def _strings(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, path)
    elif isinstance(value, str):
        yield path, value


def chart_strings(at: AppTest) -> list[str]:
    """What the charts show: every string under a visible key (titles' text, trace names, hover templates,
    annotations, category labels), not the template, colours or modes."""
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out += [text for path, text in _strings(spec) if set(path) & CHARTS_VISIBLE and "template" not in path
            and "bdata" not in path]  # a numeric array, base64-encoded: not text
    return out


def table_strings(at: AppTest) -> list[str]:
    """The tables as shown: each column's header (its configured label), its text cells (a link column's
    display text), and what a missing cell shows (Streamlit draws "None" unless a placeholder is given)."""
    out = []
    for table in at.dataframe:
        frame: pd.DataFrame = table.value
        config = json.loads(table.proto.columns or "{}")
        placeholder = table.proto.placeholder if table.proto.HasField("placeholder") else "None"
        for column in frame.columns:
            spec = config.get(str(column), {})
            if spec.get("hidden"):
                continue
            out.append(str(spec.get("label", column)))
            cells = frame[column]
            if cells.isna().any():
                out.append(placeholder)
            display = spec.get("type_config", {}).get("display_text")
            if display:
                out.append(display)
            elif cells.dtype == object or pd.api.types.is_string_dtype(cells):
                out += [str(c) for c in cells.dropna().unique()]
            elif pd.api.types.is_bool_dtype(cells):
                continue  # drawn as a checkbox
    return out


def widget_strings(at: AppTest) -> list[str]:
    """Labels, placeholders (Streamlit's own is English when none is given) and option labels."""
    out = []
    for widget in [*at.selectbox, *at.multiselect]:
        default = "Choose an option" if widget.type == "selectbox" else "Choose options"
        out += [widget.label, widget.placeholder or default, *map(str, widget.options)]
        out += [widget.help or ""]
    for widget in [*at.radio, *at.text_input, *at.button, *at.checkbox, *at.toggle]:
        out += [widget.label, getattr(widget, "help", "") or ""]
        out += [str(o) for o in getattr(widget, "options", [])]
    return out


def visible(at: AppTest) -> list[str]:
    return [texts(at), *table_strings(at), *widget_strings(at), *chart_strings(at)]


@pytest.fixture(scope="module")
def pages_shown(seed_db: Path) -> dict[tuple[str, str], AppTest]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUNDHED_DB", str(seed_db))
        return {(name, page): open_app(params, None if page == "dashboard.py" else page)
                for name, params in FILTERS.items() for page in ALL_PAGES}


@pytest.mark.parametrize("filters", list(FILTERS))
@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_english_or_developer_text(pages_shown, page, filters):
    at = pages_shown[(filters, page)]
    assert offending(visible(at)) == []


@pytest.mark.parametrize("filters", list(FILTERS))
@pytest.mark.parametrize("page", ALL_PAGES)
def test_charts_use_plotlys_danish_locale(pages_shown, page, filters):
    for chart in pages_shown[(filters, page)].get("plotly_chart"):
        config = json.loads(chart.proto.config or "{}")
        assert config.get("locale") == "da"
        toolbar = config["locales"]["da"]["dictionary"]
        assert toolbar["Zoom in"] == "Zoom ind" and toolbar["Download plot as a PNG"] == "Hent grafen som PNG"
        assert config["locales"]["da"]["format"]["decimal"] == ","


def test_every_page_shows_a_chart_table_or_widget_to_check(pages_shown):
    """The checks above read something: the pages do show charts, tables and choices."""
    seen = [pages_shown[("standard", p)] for p in ALL_PAGES]
    assert sum(len(at.get("plotly_chart")) for at in seen) >= 4
    assert sum(len(at.dataframe) for at in seen) >= 3
    assert sum(len(at.multiselect) for at in seen) >= 4


@pytest.mark.parametrize("strings, tokens", [
    (["enhed: count"], ["count"]), (["enhed: antal"], []), (["None"], ["None"]), (["Nonesuch"], []),
    (["Choose an option"], ["Choose"]), (["−0,0 pct.-point mod 3. kvt. 2025"], ["minus zero"]),
    (["+0 mod 3. kvt. 2025"], ["minus zero"]), (["±0 pct.-point", "−0,4 pct.-point", "+21,8"], []),
    (["Indlæs referater i data/sources og byg databasen igen"], ["data/sources"]),
    (["start med make run"], ["make"]), (["python -m loaders build"], ["build"]), (["nan", "NaN"], ["nan", "NaN"]),
    (["True", "False", "demo"], ["True", "False", "demo"]), (["Database bygget 22. nov. 2026"], []),
    (["2024-03", "1-30-72-103-19"], []),
])
def test_offending_finds_each_token(strings, tokens):
    assert [name for name, _ in offending(strings)] == tokens


def test_a_table_without_placeholder_shows_none():
    at = AppTest.from_string("import streamlit as st\nst.dataframe({'Navn': ['a', None]})").run()
    assert "None" in table_strings(at)
    at = AppTest.from_string("import streamlit as st\nst.dataframe({'Navn': ['a', None]}, placeholder='–')").run()
    assert "None" not in table_strings(at)


def test_a_widget_without_placeholder_shows_choose():
    at = AppTest.from_string("import streamlit as st\nst.multiselect('Forum', ['SSU'])").run()
    assert ("Choose", "Choose options") in offending(widget_strings(at))


# --- Datakilder: rejected rows, grouped per file and reason ---

UNKNOWN = "ukendt sted 'Vestervig' (ikke en kendt kommune, klynge eller region)"


@pytest.mark.parametrize("rows, expected", [
    ([], []),
    ([("a.csv", 4, UNKNOWN)], [("a.csv", UNKNOWN, 1, "4")]),
    ([("a.csv", n, UNKNOWN) for n in (4, 9, 17, 23, 30, 41, 52)], [("a.csv", UNKNOWN, 7, "4, 9, 17, 23, 30 …")]),
    ([("a.csv", n, UNKNOWN) for n in (4, 9, 17, 23, 30)], [("a.csv", UNKNOWN, 5, "4, 9, 17, 23, 30")]),
    ([("a.csv", 2, "værdien er tom"), ("a.csv", 3, UNKNOWN), ("a.csv", 5, "værdien er tom"), ("b.csv", 3, UNKNOWN)],
     [("a.csv", "værdien er tom", 2, "2, 5"), ("a.csv", UNKNOWN, 1, "3"), ("b.csv", UNKNOWN, 1, "3")]),
    ([("a.xlsx", None, "arket 'Noter' er ikke læst: tabellen har ingen rækker")],
     [("a.xlsx", "arket 'Noter' er ikke læst: tabellen har ingen rækker", 1, "–")]),
    ([("a.csv", 1017, UNKNOWN), ("a.csv", 12, UNKNOWN)], [("a.csv", UNKNOWN, 2, "12, 1.017")]),
])
def test_group_rejections(rows, expected):
    frame = pd.DataFrame(rows, columns=["Fil", "Linje", "Problem"])
    grouped = group_rejections(frame)
    assert list(grouped.columns) == ["Fil", "Problem", "Rækker", "Linjer"]
    assert [tuple(r) for r in grouped.itertuples(index=False)] == expected


@pytest.fixture
def rejected_db(data_copy: Path, tmp_path: Path) -> Path:
    rows = ["indikator;geografi;periode;værdi", "readmissions_30d;Aarhus;2024M01;12,5"]
    rows += [f"readmissions_30d;Vestervig;{2024 + m // 12}M{m % 12 + 1:02d};1" for m in range(21)]  # lines 3-23
    rows += ["readmissions_30d;Mars;2024M01;1"]  # line 24
    (data_copy / "sources" / "extract.csv").write_text("\n".join(rows) + "\n")
    db = tmp_path / "dashboard.db"
    build(data_copy, db, today=BUILD_DAY)
    return db


def test_sources_group_rejections_in_danish(rejected_db):
    with sqlite3.connect(rejected_db) as conn:
        answer = sources(conn)
    assert answer.rejected == 22
    records = answer.rejections.to_dict("records")
    assert records == [
        {"Fil": "sources/extract.csv", "Problem": UNKNOWN, "Rækker": 21, "Linjer": "3, 4, 5, 6, 7 …"},
        {"Fil": "sources/extract.csv", "Problem": UNKNOWN.replace("Vestervig", "Mars"), "Rækker": 1, "Linjer": "24"},
    ]


def test_datakilder_shows_one_line_per_reason(rejected_db, monkeypatch):
    monkeypatch.setenv("SUNDHED_DB", str(rejected_db))
    at = open_app(page="pages/7_Datakilder.py")
    table = at.dataframe[1].value
    assert len(table) == 2 and list(table["Rækker"]) == [21, 1]
    assert "Ens problemer i samme fil står på én linje" in shown(texts(at))
    assert offending(visible(at)) == []


def test_a_chart_in_english_is_found():
    at = AppTest.from_string(
        "import plotly.graph_objects as go\nimport streamlit as st\n"
        "fig = go.Figure(go.Scatter(x=['jan. 2025'], y=[1], name='percent', hovertemplate='%{y} count'))\n"
        "fig.update_layout(title='Antal', xaxis_title='Demo', yaxis_title='None')\n"
        "st.plotly_chart(fig)").run()
    assert sorted(name for name, _ in offending(chart_strings(at))) == ["None", "count", "percent"]
