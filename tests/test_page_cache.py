"""ui.data's figure cache: a warm rerun neither rebuilds a chart nor hashes its data; whatever the chart depends
on (an answer's filters, a frame the page derived, the database's version) builds it anew when it changes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import data


def _script() -> None:
    import datetime as dt

    import plotly.graph_objects as go
    import streamlit as st

    from domain.filters import Filters
    from ui import data
    from views.indicators import indicator_view

    def counting_chart(series, title, shown):  # type: ignore[no-untyped-def]
        st.session_state["built"] = st.session_state.get("built", 0) + 1
        return go.Figure(go.Scatter(x=list(series["period"])[:shown], y=list(series["value"])[:shown], name=title))

    def rows_of(fig):  # type: ignore[no-untyped-def]
        st.session_state["tabled"] = st.session_state.get("tabled", 0) + 1
        return len(fig.data[0].x)

    data.pin()
    filters = Filters("1082", st.session_state.get("cluster"), "2024-Q4", "2026-Q3")
    view = data.cached(indicator_view, filters, dt.date(2026, 11, 22), "acute_admissions_65plus")
    head = view.series.head(st.session_state.get("rows", 5))  # a frame the page derives: keyed by its content
    fig = data.figure(counting_chart, view.series, "run chart", 3)  # only the answer differs between filters
    st.session_state["figure"] = fig
    st.session_state["rows_of"] = data.memo(rows_of, fig)  # what a page derives from a figure: named by it
    st.session_state["fig_key"] = data._small_key(fig)
    st.plotly_chart(fig)
    st.plotly_chart(data.figure(counting_chart, head, "head", 99))


@pytest.fixture
def app(seed_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    db = tmp_path / "dashboard.db"  # its own copy, whose version (mtime) the test may change
    shutil.copy(seed_db, db)
    monkeypatch.setenv("SUNDHED_DB", str(db))
    data._figure.clear()  # the process's caches outlive an AppTest
    data._answer.clear()
    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def built(at: AppTest) -> int:
    return int(at.session_state["built"])


def test_a_warm_rerun_builds_no_chart_and_reuses_the_figure(app: AppTest) -> None:
    first = app.session_state["figure"]
    assert built(app) == 2
    for _ in range(3):
        app.run()
    assert built(app) == 2  # neither chart was built again
    assert app.session_state["figure"] is first  # the same object: not unpickled and validated again
    assert app.session_state["tabled"] == 1 and app.session_state["rows_of"] == 3
    assert app.session_state["fig_key"][0] == "memo"  # the figure is named by its own key, not hashed


def test_a_changed_filter_builds_the_chart_again(app: AppTest) -> None:
    app.session_state["cluster"] = "vest"
    app.run()
    assert not app.exception
    assert built(app) == 4  # another answer: both charts anew
    app.session_state["cluster"] = None
    app.run()
    assert built(app) == 4  # the first filters' charts are still cached


def test_a_changed_derived_frame_builds_its_chart_again(app: AppTest) -> None:
    app.session_state["rows"] = 4
    app.run()
    assert built(app) == 3  # only the chart of the derived frame: its content changed
    app.session_state["rows"] = 5
    app.run()
    assert built(app) == 3


def test_a_new_database_version_builds_the_charts_again(app: AppTest) -> None:
    db = Path(os.environ["SUNDHED_DB"])
    stat = db.stat()
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    app.run()
    assert built(app) == 4


def test_drawing_the_shared_figure_does_not_change_it(app: AppTest) -> None:
    fig = app.session_state["figure"]
    before = fig.to_json()
    app.run()
    assert fig.to_json() == before  # st.plotly_chart only reads it: every session may draw the same object


def test_small_keys_name_answers_not_their_data() -> None:
    import pandas as pd

    frame = pd.DataFrame({"period": ["2025-01", "2025-02"], "value": [1.0, 2.0]})
    same = frame.copy()
    assert data._digest(frame) == data._digest(same)
    same.loc[1, "value"] = 3.0
    assert data._digest(frame) != data._digest(same)
    assert data._small_key(("a", 1, None)) == ("a", 1, None)
