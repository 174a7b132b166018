"""Overblik: the front page. Run with ``make run`` (or ``streamlit run dashboard.py``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.numbers import as_number
from domain.formatting import unit_label
from ui import deck, meeting, tables
from ui.page import header, setup
from ui.text import plain
from views.overview import overview

ctx = setup("Overblik")
header(ctx, "Overblik", "Sundhedsaftalens nøgletal, indsatser og seneste beslutninger")
answer = ctx.view(overview)
chosen = meeting.from_url(ctx)
if chosen is not None:  # a meeting chosen (a link from Siden sidste møde): what changed since comes first
    st.header("Siden sidste møde")
    meeting.show_changes(ctx, meeting.changes(ctx, chosen), "###")

st.header("Nøgletal")
cards = answer.cards
if cards.demo:
    st.warning("Eksempeldata: kort markeret sådan viser genererede tal, kalibreret til kildernes øjebliksbilleder "
               "(Midtvejsstatus 2021), ikke rigtige målinger. Et rigtigt udtræk erstatter dem.",
               icon=":material/science:")
cols = st.columns(3)
for i, card in enumerate(cards.cards):
    with cols[i % 3].container(border=True):
        st.markdown(f"**{plain(card.indicator.short_name)}**" + (" · :orange[Eksempeldata]" if card.demo else ""))
        if card.kpi is None:
            st.caption(plain(card.reason))
            continue
        colour = {True: "green", False: "red", None: "gray"}[card.good]
        # The colour is said in words too (never by colour alone): "↓ i ønsket retning".
        arrow = f" :{colour}[{plain(card.arrow)}] :{colour}[:small[{plain(card.direction)}]]" if card.arrow else ""
        st.markdown(f"### {plain(card.value)}{arrow}", help=plain(card.tooltip))
        lines = [f"{card.place} · {card.period}", card.change, card.target, card.reason,
                 "Kilde: " + "; ".join(card.sources)]
        st.text("\n".join(line for line in lines if line))
deck.tools(ctx, "kpis", "Nøgletal")
tables.numbers(ctx, pd.DataFrame([{  # the cards' numbers as a table: values as numbers, for Excel too
    "Nøgletal": c.indicator.short_name, "Værdi": None if c.kpi is None else as_number(c.kpi.value),
    "Enhed": unit_label(c.indicator.unit), "Periode": c.period, "Ændring": c.change, "Mål": c.target,
    "Kilde": "; ".join(c.sources), "Eksempeldata": "Ja" if c.demo else "Nej"} for c in cards.cards]),
    "Nøgletal", "kpis", cards.demo, [s for c in cards.cards for s in c.sources])
st.caption(plain(cards.rule + " " + cards.basis))

st.header("Indsatser i perioden")
if answer.no_initiatives:
    st.info(plain(answer.no_initiatives), icon=":material/info:")
else:
    for col, (label, count) in zip(st.columns(len(answer.statuses)), answer.statuses):
        col.metric(plain(label), f"{count}")
    st.page_link("pages/3_Indsatser.py", label=f"Se alle {answer.initiatives} indsatser på tavlen",
                 icon=":material/arrow_forward:", query_params=ctx.filters.params())

if answer.telemedicine:  # the minutes' newest figures: what a director asks first about telemedicine
    st.header("Telemedicin")
    for line in answer.telemedicine:
        st.text(line)
    st.page_link("pages/2_Telemedicin.py", label="Se Telemedicin", icon=":material/arrow_forward:",
                 query_params=ctx.filters.params())

st.header("Seneste møder")
if answer.no_meetings:
    st.info(plain(answer.no_meetings), icon=":material/info:")
else:
    for line in answer.meetings:
        st.text(line)
    st.page_link("pages/5_Beslutninger.py", label="Se beslutningerne", icon=":material/arrow_forward:",
                 query_params=ctx.filters.params())
st.caption(plain(answer.freshness))
