"""Eksport: the director's deck (PowerPoint with editable charts) and the data as .xlsx and CSV."""

from __future__ import annotations

import logging

import streamlit as st

from domain.filters import Chosen, resolve
from domain.formatting import date_long, number
from ui import deck
from ui.page import header, setup
from ui.text import plain
from views.export import table_downloads

LOG = logging.getLogger(__name__)
ctx = setup("Eksport")
header(ctx, "Eksport", "præsentation til møder og data til Excel")

st.header("Præsentation")
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
    try:  # made now, not on click: a lazy file is lost when a rerun replaces it between clicks
        pptx = deck.pptx(ctx, chosen, title, subtitle)
    except Exception:  # noqa: BLE001 – the director sees that it failed, the log says why
        LOG.exception("deck failed")
        st.error("Præsentationen kunne ikke laves. Prøv igen, eller fjern den sidst tilføjede graf.")
    else:
        st.download_button("Hent præsentation (.pptx)", pptx, file_name=f"sundhedsaftalen_{day:%Y-%m-%d}.pptx",
                           type="primary", icon=":material/download:", on_click="ignore", key="dl_deck",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")

st.header("Data til Excel")
st.caption(f"{plain(ctx.place)}, {plain(ctx.period)} · Excel-projektmappe (.xlsx) eller CSV med semikolon og "
           "decimalkomma, til dansk Excel")
for table, made in ctx.view(table_downloads):
    name, frame = table.name, table.frame
    with st.container(border=True):
        st.markdown(f"**{name}** · {number(len(frame))} rækker · {plain(ctx.place)}, {plain(ctx.period)}"
                    + (" · Eksempeldata" if table.demo else ""))
        if frame.empty:
            st.caption("Ingen rækker for de valgte filtre.")
            continue
        # Made with the table (and cached): every click downloads a file that is already there.
        for col, file in zip(st.columns(len(made)), made):
            col.download_button(file.label, file.data, file_name=file.file_name, mime=file.mime, on_click="ignore",
                                icon=":material/download:", key=f"dl_{file.file_name}")
