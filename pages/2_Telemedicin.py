"""Telemedicin: TeleKOL against its target, TeleHjerte from its pilot, and the 1-1-2 trial."""

from __future__ import annotations

import streamlit as st

from charts.telemedicine import telehjerte_chart, telekol_chart
from charts.theme import CONFIG
from ui import data, deck, tables
from ui.page import header, setup
from ui.text import plain
from views.telemedicine import Item, telehjerte, telekol, trial_112

ctx = setup("Telemedicin")
header(ctx, "Telemedicin")


def related(items: tuple[Item, ...], none: str) -> None:
    if not items:
        st.caption(plain(none))
    for item in items:
        with st.expander(plain(item.heading)):
            st.markdown("**Beslutning**")
            st.text(item.decision)
            st.markdown("**Sagsfremstilling**")
            st.text(item.case_text)
            st.caption(plain(item.source))


st.header("TeleKOL")
kol = ctx.view(telekol)
if kol.empty:
    st.info(plain(kol.empty) + " Tallene indlæses som et udtræk af en redaktør på siden Indlæs data.", icon=":material/info:")
else:
    if kol.demo:
        st.warning("Eksempeldata: kurven er genereret fra start til kildens tal (ca. 190 pr. 1. juli 2025) og "
                   "fremskrevet i samme tempo; klyngerne er fordelt efter indbyggertal. Kun punktet fra kilden er "
                   "et rigtigt tal.", icon=":material/science:")
    chart = data.figure(telekol_chart, kol.series, kol.clusters, kol.target, kol.points, kol.title, kol.demo,
                        ctx.cluster_name or "Hele regionen")
    st.plotly_chart(chart, width="stretch", config=CONFIG)
    deck.tools(ctx, "telekol", "TeleKOL mod måltal", chart)
    tables.numbers(ctx, chart, "TeleKOL", "telekol", kol.demo,
                   kol.points["source_title"] if not kol.points.empty else ())
    for line in (kol.progress, kol.target_words):
        if line:
            st.text(line)
    if kol.caption:
        st.caption(plain(kol.caption))
related(kol.items, kol.no_items)

st.header("TeleHjerte")
heart = ctx.view(telehjerte)
if heart.empty:
    st.info(plain(heart.empty), icon=":material/info:")
else:
    months, expected = heart.expected()
    chart = data.figure(telehjerte_chart, heart.pilot_start, heart.per_year, months, expected, heart.counts,
                        heart.title)
    st.plotly_chart(chart, width="stretch", config=CONFIG)
    deck.tools(ctx, "telehjerte", "TeleHjerte: forventet forløb", chart)
    tables.numbers(ctx, chart, "TeleHjerte", "telehjerte")
    st.caption(plain(heart.caption))
related(heart.items, heart.no_items)

st.header("Sårbare patienter, der ringer 1-1-2")
trial = ctx.view(trial_112)
if trial.empty:
    st.info(plain(trial.empty), icon=":material/info:")
else:
    cols = st.columns(3)
    for i, (label, shown) in enumerate(trial.figures):
        cols[i % 3].metric(plain(label), shown)
    st.caption(plain(trial.caption))
related(trial.items, trial.no_items)
