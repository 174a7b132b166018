"""Overblik: the front page. Run with ``make run`` (or ``streamlit run dashboard.py``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from domain.formatting import date_short, period_label, quarter_label, signed, value_with_unit
from domain.indicators import arrow_is_good, trend_arrow
from domain.kpi import year_before
from domain.status import STATUSES
from ui import data, deck, selection
from ui.page import header, setup

ctx = setup("Overblik")
header(ctx, "Overblik", "Sundhedsaftalens nøgletal, indsatser og seneste beslutninger")

catalogue = data.frame("indicators")
headline = catalogue[catalogue["headline"] == 1]
cards = selection.kpis(ctx)
shown = [ind for ind in headline.to_dict("records") if cards.get(ind["id"])]

st.subheader("Nøgletal")
if not shown:
    st.info(f"Ingen indikatortal for {ctx.place} til og med {quarter_label(ctx.filters.last)}. Indlæs et udtræk "
            "(CSV eller Excel) i data/sources og byg databasen igen.", icon=":material/info:")
else:
    if any(cards[ind["id"]].is_demo for ind in shown):  # type: ignore[union-attr]
        st.warning("**Eksempeldata**: kort markeret sådan viser genererede tal, kalibreret til kildernes "
                   "øjebliksbilleder (Midtvejsstatus 2021), ikke rigtige målinger. Et rigtigt udtræk erstatter dem.",
                   icon=":material/science:")
    cols = st.columns(3)
    for i, ind in enumerate(shown):
        card = cards[ind["id"]]
        assert card is not None
        good = arrow_is_good(card.arrow, ind["direction"])
        colour = {True: "green", False: "red", None: "gray"}[good]
        arrow = f" :{colour}[{trend_arrow(card.arrow)}]" if card.arrow else ""
        with cols[i % 3].container(border=True):
            st.markdown(f"**{ind['short_name']}**" + (" · :orange[Eksempeldata]" if card.is_demo else ""))
            st.markdown(f"### {value_with_unit(card.value, ind['unit'])}{arrow}", help=card.arrow_words)
            lines = [f"{ctx.place} · {period_label(card.period)}"]  # a leading "1." would become a list
            if card.change is not None:
                lines.append(f"{signed(card.change, ind['unit'])} mod {period_label(year_before(card.period))}")
            if pd.notna(ind["target"]):
                lines.append(f"Mål {value_with_unit(ind['target'], ind['unit'])} · afstand "
                             f"{signed(card.value - ind['target'], ind['unit'])}")
            lines.append("Kilde: " + "; ".join(card.sources))
            st.caption("  \n".join(lines))
    deck.tools(ctx, "kpis", "Nøgletal")
    st.caption("Pilen følger reglen fra Midtvejsstatus 2021: ↑ eller ↓ når 7 af de seneste 8 måneder ligger "
               "over eller under medianen for de seneste 24 måneder, ellers →. Grøn peger i den ønskede "
               "retning, rød i den modsatte. Kortene viser det seneste hele kvartal i de valgte kvartaler.")

st.subheader("Indsatser i perioden")
initiatives = selection.initiatives(ctx)
if initiatives.empty:
    st.info(f"Ingen indsatser fra {ctx.region_name} i {ctx.period}. Indlæs et overblik over indsatser "
            "i data/sources.", icon=":material/info:")
else:
    counts = initiatives["derived"].value_counts()
    present = [k for k in STATUSES if k in counts]
    for col, key in zip(st.columns(len(present)), present):
        col.metric(STATUSES[key], f"{counts[key]}")
    st.page_link("pages/3_Indsatser.py", label=f"Se alle {len(initiatives)} indsatser på tavlen",
                 icon=":material/arrow_forward:", query_params=ctx.filters.params())

st.subheader("Seneste møder")
meetings = selection.meetings(ctx)
if meetings.empty:
    st.info(f"Ingen referater fra {ctx.region_name} i {ctx.period}.", icon=":material/info:")
else:
    for _, m in meetings.head(3).iterrows():
        day = dt.date.fromisoformat(m["date"]) if m["date"] else None
        st.markdown(f"**{m['forum']}** · {date_short(day)} · {m['items']} punkter · {m['place'] or ''}")
    st.page_link("pages/5_Beslutninger.py", label="Se beslutningerne", icon=":material/arrow_forward:",
                 query_params=ctx.filters.params())

info = data.query("build_info")
built = dt.datetime.fromisoformat(info["built_at"]) if "built_at" in info else None
newest = [d for d in [meetings["date"].max() if not meetings.empty else None,
                      data.query("newest_real_data", tuple(selection.place_codes(ctx)))] if isinstance(d, str)]
st.caption(f"Nyeste data: {date_short(dt.date.fromisoformat(max(newest))) if newest else '–'} · "
           f"Database bygget {date_short(built.date()) if built else '–'}")
