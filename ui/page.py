"""What every page does first: page config, navigation, the shared filter bar.

Pages are found by Streamlit in ``pages/`` (classic multipage). Its own
sidebar list is hidden (.streamlit/config.toml) so that the navigation can
use Danish names and carry the filters in every link's URL.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

import streamlit as st

import clock
from domain.filters import KEYS, WHOLE_REGION, Chosen, Filters, resolve
from domain.formatting import quarter_label
from store import queries
from ui import auth, data
from ui.text import plain

_log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

PAGES = [
    ("dashboard.py", "Overblik", ":material/dashboard:"),
    ("pages/9_Siden_sidste_moede.py", "Siden sidste møde", ":material/event_upcoming:"),
    ("pages/1_Indikatorer.py", "Indikatorer", ":material/monitoring:"),
    ("pages/2_Telemedicin.py", "Telemedicin", ":material/stethoscope:"),
    ("pages/3_Indsatser.py", "Indsatser", ":material/view_kanban:"),
    ("pages/4_Tidslinje.py", "Tidslinje", ":material/timeline:"),
    ("pages/5_Beslutninger.py", "Beslutninger", ":material/gavel:"),
    ("pages/6_Eksport.py", "Eksport", ":material/download:"),
    ("pages/7_Datakilder.py", "Datakilder", ":material/database:"),
]
EDITOR_PAGES = [("pages/8_Indlaes_data.py", "Indlæs data", ":material/upload_file:")]  # shown to editors only

# A visible focus ring for keyboard users on every link and control: Streamlit's page links draw none. And no
# element toolbar over grids and charts, nor the fullscreen button Streamlit adds to Plotly's (Danish) modebar:
# their tooltips are English and the grid's download writes an unneutralised CSV (ui.tables offers the safe
# files). Links in the page (Siden sidste møde's lines) wrap rather than end cut off. A constant, no data in
# it; st.html sends style-only HTML to the page's event container (no space, no unsafe_allow_html).
FOCUS_CSS = """<style>
a:focus-visible, button:focus-visible, summary:focus-visible, [role="button"]:focus-visible,
[role="tab"]:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible {
  outline: 3px solid #0b6e69 !important; outline-offset: 2px !important;
}
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stElementToolbar"], .modebar-btn[data-title="Fullscreen"], .modebar-btn[data-title="Close fullscreen"] {
  display: none !important;
}
</style>"""

_STATE = "_filters"  # the last filters, kept for links that arrive without a query string


@dataclass(frozen=True)
class Context(Chosen):
    today: dt.date  # read once per run and passed down
    user: auth.User
    now: dt.datetime  # the same reading, to the second (when an import or rollback happened)

    def view(self, view: Callable[Concatenate[sqlite3.Connection, Filters, dt.date, P], R], *args: P.args,
             **kwargs: P.kwargs) -> R:
        """The application layer's answer for these filters and today, through the cache."""
        return data.cached(view, self.filters, self.today, *args, **kwargs)


def _set_param(key: str, widget: str) -> None:
    value = st.session_state[widget]
    if key == "region":
        st.query_params.pop("klynge", None)  # the cluster choices follow the region
    if value is None or value == "":
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value


@st.fragment(run_every="1h")
def _rerun_on_reconnect() -> None:
    """Draws nothing. Streamlit's client runs a page again when its connection comes back only if the page has
    a timed fragment: so a session moved to another process (make serve) has its widgets drawn there before
    the user's next click, and that click counts."""


def setup(title: str) -> Context:
    """Configure the page and render navigation and filters; the chosen filters."""
    st.set_page_config(page_title=f"{title} · Sundhedsaftalen", page_icon="🩺",
                       layout="wide")
    st.html(FOCUS_CSS)
    _rerun_on_reconnect()
    now = clock.now()  # the app reads the clock here, once a run
    today = now.date()
    user = auth.gate()  # with sign-in set up, nobody reads a page before signing in
    try:
        data.pin()
        choices = data.cached(queries.choices, today)
    except queries.MissingDatabase as exc:
        _log.warning("%s", exc.detail)  # the page gets the Danish sentence, the log the detail
        st.error(f"{plain(exc.message)} Eller start med »make run«, der bygger og starter; genindlæs så siden.")
        st.stop()
    except queries.UnusableDatabase as exc:  # damaged or from an older release: the next step, not a traceback
        _log.error("%s", exc.detail)
        st.error(plain(exc.message))
        st.stop()
    params = {k: st.query_params[k] for k in KEYS if k in st.query_params}
    if not params and _STATE in st.session_state:
        params = dict(st.session_state[_STATE])
    filters, notes = resolve(params, choices)
    wanted = filters.params()
    for key in KEYS:  # only the filter keys: a page's own parameters (indikator, indsats) stay
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]
    st.session_state[_STATE] = filters.params()

    # Widgets follow the URL: their values are set from the filters before they are drawn.
    st.session_state["w_region"] = filters.region
    st.session_state["w_cluster"] = filters.cluster or ""
    st.session_state["w_first"] = filters.first
    st.session_state["w_last"] = filters.last
    with st.sidebar:
        st.markdown("### Sundhedsaftalen")
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon, query_params=filters.params())
        if user.is_editor:
            for path, label, icon in EDITOR_PAGES:
                st.page_link(path, label=label, icon=icon, query_params=filters.params())
        auth.sidebar(user)
        st.divider()
        st.markdown("**Filtre**")
        st.selectbox("Region", list(choices.regions), format_func=lambda c: choices.regions[c],
                     key="w_region", placeholder="Vælg region", on_change=_set_param, args=("region", "w_region"))
        clusters = choices.clusters.get(filters.region, {})
        st.selectbox("Klynge", ["", *clusters], format_func=lambda c: clusters.get(c, WHOLE_REGION),
                     key="w_cluster", placeholder="Vælg klynge", on_change=_set_param, args=("klynge", "w_cluster"))
        st.selectbox("Fra kvartal", list(choices.quarters), format_func=quarter_label,
                     key="w_first", placeholder="Vælg kvartal", on_change=_set_param, args=("fra", "w_first"))
        st.selectbox("Til kvartal", list(choices.quarters), format_func=quarter_label,
                     key="w_last", placeholder="Vælg kvartal", on_change=_set_param, args=("til", "w_last"))
        st.caption("Filtrene gælder alle sider og står i adresselinjen, så et kopieret link åbner samme visning.")
    for note in notes:
        st.warning(plain(note), icon=":material/link_off:")
    return Context(filters, choices, today, user, now)


def header(ctx: Context, title: str, subtitle: str | None = None) -> None:
    st.title(title)
    st.caption(plain(f"{ctx.place} · {ctx.period}" + (f" · {subtitle}" if subtitle else "")))
