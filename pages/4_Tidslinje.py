"""Tidslinje: the initiatives' windows, meetings and today."""

from __future__ import annotations

import streamlit as st

from ui import deck, selection
from ui.page import header, setup

ctx = setup("Tidslinje")
header(ctx, "Tidslinje")

initiatives = selection.initiatives(ctx)
if initiatives.empty:
    st.info(f"Ingen indsatser fra {ctx.region_name} i {ctx.period} at vise på tidslinjen.", icon=":material/info:")
    st.stop()
if initiatives["start"].notna().any():
    group = st.radio("Gruppér efter", ["Forum", "Sektion"], horizontal=True)
    timeline = selection.timeline(ctx, "forum" if group == "Forum" else "section_title")
    st.plotly_chart(timeline, width="stretch")
    deck.tools(ctx, "timeline", "Tidslinje", timeline)
else:
    st.info(f"Ingen af de {len(initiatives)} indsatser fra {ctx.region_name} har en tidsangivelse, der kan "
            "vises på tidslinjen.", icon=":material/info:")
st.caption("Farve: udledt status (se Indsatser). Stiplede linjer: møder i de indlæste referater. "
           "Sorte ruder: datoer nævnt i teksterne. Rød linje: i dag.")
unparsed = initiatives[initiatives["start"].isna()]
if not unparsed.empty:
    st.warning(f"{len(unparsed)} indsatser har ingen tidsangivelse, der kan tolkes, og vises ikke på tidslinjen:")
    st.dataframe(unparsed.assign(time=unparsed["time"].replace("", "(ingen)"))[["time", "title", "derived_label"]]
                 .rename(columns={"time": "Tid", "title": "Indsats", "derived_label": "Status"}),
                 hide_index=True, width="stretch")
