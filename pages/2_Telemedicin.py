"""Telemedicin: TeleKOL, TeleHjerte and the 1-1-2 trial as the minutes and data tell them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from domain.decisions import kind_label
from domain.formatting import date_short, period_label, value_with_unit
from ui import data, selection
from ui.page import header, setup

ctx = setup("Telemedicin")
header(ctx, "Telemedicin")

TOPICS = [
    ("TeleKOL", "telekol", "telekol_included"),
    ("TeleHjerte", "telehjerte", "telehjerte_included"),
    ("Sårbare patienter, der ringer 1-1-2", "1-1-2", None),
]
catalogue = data.frame("indicators").set_index("id")
items = selection.of_region(data.frame("agenda_items"), ctx)
for title, word, indicator in TOPICS:
    st.subheader(title)
    if indicator:
        ind = catalogue.loc[indicator]
        obs = selection.observations(ctx, indicator, with_children=False)
        if obs.empty:
            target = f" Måltal i kataloget: {value_with_unit(ind['target'], ind['unit'])}." if pd.notna(ind["target"]) else ""
            st.info(f"Ingen inklusionstal for {title} er indlæst for {ctx.place}.{target} "
                    "Tallene kommer med et udtræk i data/sources.", icon=":material/info:")
        else:
            last = obs.iloc[-1]
            st.metric(f"{ind['short_name']} ({period_label(last['period'])})", value_with_unit(last["value"], ind["unit"]))
    related = items[items["title"].str.contains(word, case=False, regex=False)
                    | items["case_text"].fillna("").str.contains(word, case=False, regex=False)]
    if related.empty:
        st.caption(f"Ingen dagsordenspunkter om {title} i de indlæste referater.")
    for _, item in related.iterrows():
        day = dt.date.fromisoformat(item["date"]) if item["date"] else None
        with st.expander(f"{item['forum']} {date_short(day)} · punkt {item['number']}: {item['title']} "
                         f"· {kind_label(item['decision_kind'])}"):
            st.markdown("**Beslutning**")
            st.text(item["decision"] or "–")
            st.markdown("**Sagsfremstilling**")
            st.text(item["case_text"] or "–")
            st.caption(f"Kilde: {item['source_title']} ({item['file']})")
