"""Indsatser: every initiative of the overview as a card."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from domain.formatting import date_short
from domain.initiatives import matching
from ui import selection
from ui.page import header, setup

ctx = setup("Indsatser")
header(ctx, "Indsatser", "indsatser hvis tidsvindue overlapper de valgte kvartaler; de gælder hele regionen")

initiatives = selection.initiatives(ctx)
if initiatives.empty:
    st.info(f"Ingen indsatser fra {ctx.region_name} i {ctx.period}. Indlæs et overblik over indsatser "
            "(som 'Overblik over indsatser') i data/sources og byg databasen igen.", icon=":material/info:")
    st.stop()

c1, c2, c3 = st.columns([2, 2, 1])
text = c1.text_input("Søg i alle tekster", key="w_search")
forums = sorted(initiatives["forum"].dropna().unique())
chosen = c2.multiselect("Forum", forums, default=forums)
group = c3.radio("Gruppér efter", ["Sektion", "Forum"], horizontal=True)
shown = matching(initiatives[initiatives["forum"].isin(chosen)], text)
st.caption(f"{len(shown)} af {len(initiatives)} indsatser")

key = "section_title" if group == "Sektion" else "forum"
groups = list(dict.fromkeys(shown[key]))
columns = st.columns(max(1, len(groups)))
for col, name in zip(columns, groups):
    part = shown[shown[key] == name]
    col.markdown(f"**{name}** ({len(part)})")
    for _, row in part.iterrows():
        with col.container(border=True):
            st.markdown(f"**{row['title']}**")
            window = (f"{date_short(dt.date.fromisoformat(row['start']))} – {date_short(dt.date.fromisoformat(row['end']))}"
                      if row["start"] else "tidsangivelsen kunne ikke tolkes")
            st.caption(f"{row['time']} ({window}) · {row['forum']}")
            with st.expander("Status og forslag"):
                st.markdown("**Status**")
                st.text(row["status"] or "–")
                st.markdown("**Forslag til handling**")
                st.text(row["action"] or "–")
                if row["dates"]:
                    days = [date_short(dt.date.fromisoformat(d)) for d in row["dates"].split(",")]
                    st.caption("Datoer nævnt: " + ", ".join(days))
                st.caption(f"Kilde: {row['source_title']} ({row['file']}, linje {row['line']})")
