"""Tidslinje: the initiatives' windows, meetings and today."""

from __future__ import annotations

import streamlit as st

from charts.numbers import timeline_table
from charts.theme import CONFIG
from charts.timeline import initiative_gantt
from ui import data, deck, tables
from ui.page import header, setup
from ui.text import plain
from views.initiatives import timeline

ctx = setup("Tidslinje")
header(ctx, "Tidslinje")

answer = ctx.view(timeline)
if answer.empty and answer.unplaced.empty:
    st.info(plain(answer.empty), icon=":material/info:")
    st.stop()
if answer.empty:
    st.info(plain(answer.empty), icon=":material/info:")
else:
    group = st.radio("Gruppér efter", ["Forum", "Sektion"], horizontal=True)
    chart = data.figure(initiative_gantt, answer.initiatives, answer.meetings, answer.today, answer.first,
                        answer.last, "forum" if group == "Forum" else "section_title")
    st.plotly_chart(chart, width="stretch", config=CONFIG)
    deck.tools(ctx, "timeline", "Tidslinje", chart)
    key = "forum" if group == "Forum" else "section_title"
    tables.numbers(ctx, timeline_table(answer.initiatives, key, group), "Tidslinje", "timeline",
                   sources=answer.initiatives["source_title"])
st.caption("Farve: udledt status (se Indsatser). Stiplede linjer: møder i de indlæste referater. "
           "Sorte ruder: datoer nævnt i teksterne. Rød linje: i dag.")
if not answer.unplaced.empty:
    st.warning(f"{len(answer.unplaced)} indsatser har ingen tidsangivelse, der kan tolkes, og vises ikke på "
               "tidslinjen:")
    tables.grid(ctx, answer.unplaced, "Indsatser uden tid", "unplaced",
                column_config={"Indsats": st.column_config.TextColumn("Indsats", width="large")})
