"""Eksport: the director's deck (PowerPoint with editable charts) and the data as CSV."""

from __future__ import annotations

from functools import partial

import streamlit as st

from domain.export import danish_csv
from domain.filters import Chosen, resolve
from domain.formatting import date_long, number
from ui import deck
from ui.page import header, setup
from ui.text import plain
from views.export import tables

ctx = setup("Eksport")
header(ctx, "Eksport", "præsentation til møder og data til Excel")

st.subheader("Præsentation")
c1, c2, c3 = st.columns([3, 2, 1])
title = c1.text_input("Titel", "Sundhedsaftalen: status", key="deck_title")
meeting = c2.text_input("Møde", "", placeholder="fx Sundhedsstyregruppen", key="deck_meeting")
day = c3.date_input("Dato", ctx.today, format="DD.MM.YYYY", key="deck_date")
b1, b2, _ = st.columns([2, 1, 3])
b1.button("Standardpræsentation", icon=":material/auto_awesome:", on_click=deck.fill_standard, args=(ctx,),
          help="Nøgletal, én side pr. nøgletal, TeleKOL, indsatser efter status, tidslinje og seneste beslutninger "
               "for de valgte filtre")
b2.button("Tøm", icon=":material/delete_sweep:", on_click=deck.clear)

chosen = deck.entries()
if not chosen:
    st.info("Præsentationen er tom. Brug »Føj til præsentation« under graferne på siderne, eller vælg "
            "Standardpræsentation.", icon=":material/slideshow:")
else:
    groups = deck.specs(ctx, chosen)
    total = sum(len(g) for g in groups) + 1
    st.caption(f"{total} sider i alt, 16:9, med forside. Graferne er rigtige PowerPoint-grafer, der kan redigeres.")
    for i, (entry, slides) in enumerate(zip(chosen, groups)):
        with st.container(border=True):
            top = st.columns([6, 1, 1, 1])
            chosen_for = Chosen(resolve(entry["params"], ctx.choices)[0], ctx.choices)
            context = f"{chosen_for.place} · {chosen_for.period}"
            top[0].markdown(f"**{i + 1}\\. {plain(entry['label'])}** · {plain(context)}")
            top[1].button("↑", key=f"up_{i}", on_click=deck.move, args=(i, -1), disabled=i == 0, help="Flyt op")
            top[2].button("↓", key=f"down_{i}", on_click=deck.move, args=(i, 1), disabled=i == len(chosen) - 1,
                          help="Flyt ned")
            top[3].button("✕", key=f"remove_{i}", on_click=deck.remove, args=(i,), help="Fjern")
            if not slides:
                st.caption("Ingen data for disse filtre: giver ingen side.")
            cols = st.columns(4)
            for j, spec in enumerate(slides):
                with cols[j % 4]:
                    image = deck.preview(spec)
                    if isinstance(image, bytes):
                        st.image(image, caption=spec.title + (" · Eksempeldata" if spec.demo else ""))
                    else:
                        st.caption(plain(f"{spec.title} ({image})"))
    subtitle = " · ".join(filter(None, [meeting, date_long(day)]))
    st.download_button("Hent præsentation (.pptx)", lambda: deck.pptx(ctx, chosen, title, subtitle),
                       file_name=f"sundhedsaftalen_{day:%Y-%m-%d}.pptx", type="primary", icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation", key="dl_deck")

st.subheader("Data som CSV")
st.caption(f"{plain(ctx.place)}, {plain(ctx.period)} · semikolon og decimalkomma, til dansk Excel")
for table in ctx.view(tables):
    name, frame, file_name, demo = table.name, table.frame, table.file_name, table.demo
    with st.container(border=True):
        st.markdown(f"**{name}** · {number(len(frame))} rækker · {plain(ctx.place)}, {plain(ctx.period)}"
                    + (" · Eksempeldata" if demo else ""))
        if frame.empty:
            st.caption("Ingen rækker for de valgte filtre.")
        else:
            # The file is made when the button is clicked, not on every rerun.
            st.download_button(f"Hent {name.lower()} (CSV)", partial(danish_csv, frame, demo),
                               file_name=file_name, mime="text/csv", key=f"dl_{file_name}")
