"""Indsatser: every initiative as a card on a status board; a card opens in full by its link."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from domain.decisions import kind_label
from domain.formatting import date_short
from domain.initiatives import matching
from domain.status import STATUSES, rules_in_words
from ui import data, deck, selection
from ui.page import header, setup

ctx = setup("Indsatser")
header(ctx, "Indsatser", "indsatser hvis tidsvindue overlapper de valgte kvartaler; de gælder hele regionen")


def window(row: pd.Series) -> str:
    if not isinstance(row["start"], str):
        return "tidsangivelse mangler" if not row["time"] else "tidsangivelsen kunne ikke tolkes"
    return f"{date_short(dt.date.fromisoformat(row['start']))} – {date_short(dt.date.fromisoformat(row['end']))}"


def open_card(key: str | None) -> None:
    # A link to the page one is on does not navigate in Streamlit; the URL is set instead,
    # so the address bar then holds the card's own link.
    if key:
        st.query_params["indsats"] = key
    else:
        st.query_params.pop("indsats", None)


def full_card(row: pd.Series, links: pd.DataFrame) -> None:
    with st.container(border=True):
        st.markdown(f"### {row['title']}")
        st.markdown(f"**{row['derived_label']}** · {row['time'] or 'uden tid'} ({window(row)}) · "
                    f"{row['forum'] or '–'} · {row['section_title']}")
        st.caption(f"Hvorfor står den her? {row['why']}")
        left, right = st.columns(2)
        left.markdown("**Status**")
        left.text(row["status"] or "–")
        right.markdown("**Forslag til handling**")
        right.text(row["action"] or "–")
        if isinstance(row["dates"], str) and row["dates"]:
            st.caption("Datoer nævnt: " + ", ".join(date_short(dt.date.fromisoformat(d)) for d in row["dates"].split(",")))
        st.markdown("**Beslutninger om indsatsen**")
        mine = links[links["initiative"] == row["key"]]
        items = data.frame("agenda_items").set_index("id")
        if mine.empty:
            st.caption("Ingen dagsordenspunkter i de indlæste referater kan knyttes sikkert til indsatsen.")
        for _, link in mine.iterrows():
            item = items.loc[link["item_id"]]
            day = dt.date.fromisoformat(item["date"]) if item["date"] else None
            st.markdown(f"- {item['forum']} {date_short(day)}, punkt {item['number']}: {item['title']} "
                        f"· **{kind_label(item['decision_kind'])}**")
            st.caption(f"{link['reason']}. Beslutning: {item['decision'] or '–'}")
        line = f", linje {int(row['line'])}" if pd.notna(row["line"]) else ""
        st.caption(f"Kilde: {row['source_title']} ({row['file']}{line})")
        st.button("Luk", icon=":material/close:", key="close_card", on_click=open_card, args=(None,))
        st.caption("Linket til kortet står i adresselinjen.")


everything = selection.initiatives(ctx)
if everything.empty:
    st.info(f"Ingen indsatser fra {ctx.region_name} i {ctx.period}. Indlæs et overblik over indsatser "
            "(som 'Overblik over indsatser') i data/sources og byg databasen igen.", icon=":material/info:")
    st.stop()

links = selection.links(ctx)
opened = st.query_params.get("indsats")
if opened:
    match = selection.initiatives(ctx, all_periods=True)
    match = match[match["key"] == opened]
    if match.empty:
        st.warning(f"Indsatsen '{opened}' i linket findes ikke i {ctx.region_name}.", icon=":material/link_off:")
    else:
        full_card(match.iloc[0], links)

c1, c2, c3, c4 = st.columns([2, 2, 2, 1])
text = c1.text_input("Søg i alle tekster", key="w_search")
present = [k for k in STATUSES if k in set(everything["derived"])]
statuses = c2.multiselect("Status", present, default=present, format_func=STATUSES.get)
forums = sorted(everything["forum"].dropna().unique())
chosen = c3.multiselect("Forum", forums, default=forums)
group = c4.radio("Gruppér efter", ["Status", "Forum", "Sektion"])
shown = matching(everything[everything["forum"].isin(chosen) & everything["derived"].isin(statuses)], text)
st.caption(f"{len(shown)} af {len(everything)} indsatser")
deck.tools(ctx, "board", "Indsatser efter status")

key = {"Status": "derived_label", "Forum": "forum", "Sektion": "section_title"}[group]
order = [STATUSES[k] for k in present] if group == "Status" else list(dict.fromkeys(shown[key]))
groups = [g for g in order if g in set(shown[key])]
for start in range(0, len(groups), 3):
    columns = st.columns(3)
    for col, name in zip(columns, groups[start:start + 3]):
        part = shown[shown[key] == name]
        col.markdown(f"#### {name} ({len(part)})")
        for _, row in part.iterrows():
            with col.container(border=True):
                st.markdown(f"**{row['title']}**")
                st.caption(f"{row['time'] or 'uden tid'} ({window(row)}) · {row['forum'] or '–'}"
                           + ("" if group == "Status" else f" · {row['derived_label']}"))
                n = int((links["initiative"] == row["key"]).sum())
                if n:
                    st.caption(f"{n} beslutning{'er' if n > 1 else ''} i referaterne")
                st.button("Åbn", icon=":material/open_in_full:", key=f"open_{row['key']}",
                          on_click=open_card, args=(row["key"],))

with st.expander("Hvordan status udledes"):
    st.markdown("Reglerne prøves i denne rækkefølge på status- og forslagsteksten; den første der passer, "
                "afgør kolonnen. Kortet viser hvilken regel og hvilket ord.")
    for line in rules_in_words():
        st.text(line)
