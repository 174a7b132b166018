"""Beslutninger: every agenda item of the loaded minutes, newest first."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from domain.decisions import KIND_LABELS, kind_label
from domain.formatting import date_short
from ui import deck, tables
from ui.page import header, setup
from ui.text import plain
from views.export import DECISIONS
from views.initiatives import decision_log

ctx = setup("Beslutninger")
header(ctx, "Beslutninger", "dagsordenspunkter fra de indlæste referater, nyeste først")

answer = ctx.view(decision_log)
items = answer.items
if answer.empty:
    st.info(plain(answer.empty) + " Referater indlæses af en redaktør på siden Indlæs data.", icon=":material/info:")
    st.stop()
c1, c2, c3 = st.columns([1, 1, 2])
forums = sorted(items["forum"].dropna().unique())
forum = c1.multiselect("Forum", forums, default=forums, placeholder="Vælg forum")
kinds = [k for k in KIND_LABELS if k in set(items["decision_kind"])]
kind = c2.multiselect("Beslutning", kinds, default=kinds, format_func=kind_label, placeholder="Vælg beslutningstype")
text = c3.text_input("Søg")
shown = items[items["forum"].isin(forum) & items["decision_kind"].isin(kind)]
if text:
    hay = (shown["title"] + " " + shown["decision"].fillna("") + " " + shown["recommendation"].fillna("")).str.lower()
    shown = shown[hay.str.contains(text.lower(), regex=False)]
st.caption(f"{len(shown)} af {len(items)} punkter")
deck.tools(ctx, "decisions", "Seneste beslutninger")

base = ctx.filters.params()  # each link carries the filters and the initiative's key, each value encoded
files = shown.assign(decision_kind=shown["decision_kind"].map(kind_label),  # as Eksport writes it: dates, numbers
                     date=[dt.date.fromisoformat(d) if d else None for d in shown["date"]],
                     number=[None if pd.isna(n) else int(n) for n in shown["number"]])
tables.grid(
    ctx, shown.assign(kind=shown["decision_kind"].map(kind_label),
                      date=[date_short(dt.date.fromisoformat(d)) if d else "–" for d in shown["date"]],
                      initiative=[f"/Indsatser?{urlencode({**base, 'indsats': k})}" if isinstance(k, str) else None
                                  for k in shown["initiative"]],
                      case_no=shown["case_no"].fillna(""))[
        ["date", "number", "title", "decision", "kind", "forum", "case_no", "initiative", "initiative_title",
         "recommendation"]],  # the decision next to its title, readable without scrolling sideways
    "Beslutninger", "decisions", files=files[[c for c in DECISIONS if c in files]].rename(columns=DECISIONS),
    row_height=70, column_config={
        "date": st.column_config.TextColumn("Dato", width="small"),
        "forum": "Forum", "number": st.column_config.NumberColumn("Pkt.", format="%d", width="small"),
        "title": st.column_config.TextColumn("Titel", width="medium"), "case_no": "Sagsnr.", "kind": "Beslutningstype",
        "decision": st.column_config.TextColumn("Beslutning", width="large"),
        "initiative": st.column_config.LinkColumn("Indsats", display_text="Åbn indsats"),
        "initiative_title": st.column_config.TextColumn("Vedrører indsats", width="medium"),
        "recommendation": st.column_config.TextColumn("Indstilling", width="large"),
    },
)
