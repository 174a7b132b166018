"""Tidslinje: the initiatives' windows, meetings and today."""

from __future__ import annotations

import streamlit as st

from charts.timeline import initiative_gantt
from ui import selection
from ui.page import header, setup

ctx = setup("Tidslinje")
header(ctx, "Tidslinje")

initiatives = selection.initiatives(ctx)
if initiatives.empty:
    st.info(f"Ingen indsatser fra {ctx.region_name} i {ctx.period} at vise på tidslinjen.", icon=":material/info:")
    st.stop()
group = st.radio("Farve efter", ["Forum", "Sektion"], horizontal=True)
first, last = ctx.filters.date_range()
fig = initiative_gantt(initiatives, selection.meetings(ctx), selection.today(), first, last,
                       group="forum" if group == "Forum" else "section_title")
st.plotly_chart(fig, width="stretch")
st.caption("Stiplede linjer: møder i de indlæste referater. Rød linje: i dag.")
unparsed = initiatives[initiatives["start"].isna()]
if not unparsed.empty:
    st.warning("Tidsangivelser der ikke kunne tolkes (vises ikke på tidslinjen):")
    st.dataframe(unparsed[["time", "title"]].rename(columns={"time": "Tid", "title": "Indsats"}), hide_index=True)
