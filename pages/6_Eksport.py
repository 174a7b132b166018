"""Eksport: the data behind the current view, as files a director can take along."""

from __future__ import annotations

import streamlit as st

from domain.decisions import kind_label
from domain.export import danish_csv
from ui import selection
from ui.page import header, setup

ctx = setup("Eksport")
header(ctx, "Eksport", "data for de valgte filtre som CSV til Excel (semikolon, decimalkomma)")

slug = (ctx.filters.cluster or ctx.filters.region) + f"_{ctx.filters.first}_{ctx.filters.last}"
obs = selection.observations(ctx)
initiatives = selection.initiatives(ctx)
items = selection.agenda_items(ctx)
tables = [
    ("Indikatortal", obs.drop(columns=["geo_level"]) if not obs.empty else obs, f"indikatorer_{slug}.csv",
     bool(not obs.empty and obs["is_demo"].any())),
    ("Indsatser", initiatives.drop(columns=["source_id", "id"], errors="ignore"), f"indsatser_{slug}.csv", False),
    ("Beslutninger", items.assign(decision_kind=items["decision_kind"].map(kind_label)).drop(
        columns=["id", "meeting_id", "case_text"], errors="ignore"), f"beslutninger_{slug}.csv", False),
]
for title, frame, name, demo in tables:
    with st.container(border=True):
        st.markdown(f"**{title}** · {len(frame)} rækker · {ctx.place}, {ctx.period}" + (" · Eksempeldata" if demo else ""))
        if frame.empty:
            st.caption("Ingen rækker for de valgte filtre.")
        else:
            # The file is made when the button is clicked, not on every rerun.
            st.download_button(f"Hent {title.lower()} (CSV)", lambda f=frame, d=demo: danish_csv(f, d),
                               file_name=name, mime="text/csv", key=f"dl_{name}")
