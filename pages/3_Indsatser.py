"""Indsatser: every initiative as a card on a status board; a card opens in full by its link."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from domain.formatting import date_short, number
from domain.initiatives import matching
from domain.status import STATUSES, rules_in_words
from ui import deck
from ui.page import header, setup
from ui.text import plain
from views.initiatives import Board, board

ctx = setup("Indsatser")
header(ctx, "Indsatser", "indsatser hvis tidsvindue overlapper de valgte kvartaler; de gælder hele regionen")


def open_card(key: str) -> None:
    # Streamlit does not navigate to the page one is on: the URL is set, and the address bar holds the card's link.
    st.query_params["indsats"] = key


def close_card() -> None:
    st.query_params.pop("indsats", None)


def full_card(row: dict[str, object], answer: Board) -> None:
    # In a dialog: the opened card shows in view wherever the reader had scrolled to on the board.
    st.subheader(plain(row["title"]))
    st.text(f"{row['derived_label']} · {row['time'] or 'uden tid'} ({row['window']}) · {row['forum'] or '–'} · "
            f"{row['section_title']}")
    st.caption(plain(f"Hvorfor står den her? {row['why']}"))
    left, right = st.columns(2)
    left.markdown("**Status**")
    left.text(str(row["status"] or "–"))
    right.markdown("**Forslag til handling**")
    right.text(str(row["action"] or "–"))
    if isinstance(row["dates"], str) and row["dates"]:
        st.caption("Datoer nævnt: " + ", ".join(date_short(dt.date.fromisoformat(d)) for d in row["dates"].split(",")))
    st.markdown("**Beslutninger om indsatsen**")
    decisions = answer.decisions.get(str(row["key"]), ())
    if not decisions:
        st.caption("Ingen dagsordenspunkter i de indlæste referater kan knyttes sikkert til indsatsen.")
    for d in decisions:
        st.text(f"• {d.heading} · {d.kind}")
        st.caption(plain(f"{d.reason}. Beslutning: {d.decision}"))
    st.caption(plain(row["source"]))
    if st.button("Luk", icon=":material/close:", key="close_card"):
        close_card()
        st.rerun()  # the whole page: a button in a dialog would rerun the dialog alone
    st.caption("Linket til kortet står i adresselinjen.")


answer = ctx.view(board)
if answer.empty:
    st.info(plain(answer.empty) + " Et overblik over indsatser indlæses af en redaktør på siden Indlæs data.", icon=":material/info:")
    st.stop()
everything = answer.initiatives
opened = st.query_params.get("indsats")
if opened:
    match = answer.everything[answer.everything["key"] == opened]
    if match.empty:
        st.warning(plain(f"Indsatsen '{opened}' i linket findes ikke i {answer.region}."), icon=":material/link_off:")
    else:
        st.dialog("Indsats", width="large", on_dismiss=close_card)(full_card)(match.iloc[0].to_dict(), answer)

c1, c2, c3, c4 = st.columns([2, 2, 2, 1])
text = c1.text_input("Søg i alle tekster", key="w_search")
statuses = c2.multiselect("Status", list(answer.statuses), default=list(answer.statuses), format_func=lambda k: STATUSES[k],
                          placeholder="Vælg status")
forums = sorted(everything["forum"].dropna().unique())
chosen = c3.multiselect("Forum", forums, default=forums, placeholder="Vælg forum")
group = c4.radio("Gruppér efter", ["Status", "Forum", "Sektion"])
shown = matching(everything[everything["forum"].isin(chosen) & everything["derived"].isin(statuses)], text)
st.caption(f"{number(len(shown))} af {number(len(everything))} indsatser")
deck.tools(ctx, "board", "Indsatser efter status")
st.header(f"Efter {group.lower()}")

key = {"Status": "derived_label", "Forum": "forum", "Sektion": "section_title"}[group]
order = [STATUSES[k] for k in answer.statuses] if group == "Status" else list(dict.fromkeys(shown[key]))
groups = [g for g in order if g in set(shown[key])]
for start in range(0, len(groups), 3):
    for col, name in zip(st.columns(3), groups[start:start + 3]):
        part = shown[shown[key] == name]
        col.markdown(f"### {plain(name)} ({len(part)})")
        for row in part.to_dict("records"):
            with col.container(border=True):
                st.markdown(f"**{plain(row['title'])}**")
                st.caption(plain(f"{row['time'] or 'uden tid'} ({row['window']}) · {row['forum'] or '–'}"
                                 + ("" if group == "Status" else f" · {row['derived_label']}")))
                n = row["n_decisions"]
                if n:
                    st.caption(f"{n} beslutning{'er' if n > 1 else ''} i referaterne")
                st.button("Åbn", icon=":material/open_in_full:", key=f"open_{row['key']}",
                          on_click=open_card, args=(row["key"],))

with st.expander("Hvordan status udledes"):
    st.text("Reglerne prøves i denne rækkefølge på status- og forslagsteksten; den første der passer, afgør "
            "kolonnen. En senere beslutning i referaterne flytter indsatsen, og et udløbet tidsvindue uden "
            "beslutning markeres som overskredet. Kortet viser hvilken regel og hvilket ord.")
    for line in rules_in_words():
        st.text(line)
