"""Siden sidste møde: for a forum and a meeting, what changed since the forum's previous meeting, and the
meeting's brief (slides and Word) and the next overview of initiatives to download."""

from __future__ import annotations

import streamlit as st

from ui import meeting
from ui.page import header, setup
from ui.text import plain

ctx = setup("Siden sidste møde")
header(ctx, "Siden sidste møde", "hvad der er sket siden forummets forrige møde, og mødebriefen")

chosen = meeting.picker(ctx)
if chosen is None:
    st.stop()
answer = meeting.meeting_brief(ctx, chosen)
st.caption(f"{answer.changes.count} ændringer · nøgletal ved {answer.kpi_quarter}")
meeting.show_changes(ctx, answer.changes)

st.header("Mødebrief")
st.caption(plain(f"{answer.title}: indsatser for {answer.forum_name} med tidsvindue til og med mødet, nøgletallene "
                 f"og ændringerne ovenfor – som præsentation (.pptx) og som Word (.docx) til dagsordenen."))
if answer.due:
    st.markdown(f"**Indsatser til mødet ({len(answer.due)})**")
    for item in answer.due:
        with st.expander(plain(f"{item.title} · {item.status}")):
            st.text(f"Tid: {item.time or 'uden tid'} ({item.window})")
            if item.why:
                st.text(f"Hvorfor: {item.why}")
            st.text("\n".join(f"• {d}" for d in item.decisions) or "Ingen beslutninger i referaterne endnu.")
            st.text(f"Forslag til handling: {item.action or '–'}")
else:
    st.info(plain(answer.no_due), icon=":material/info:")
meeting.downloads(ctx, answer)
