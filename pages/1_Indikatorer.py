"""Indikatorer: one indicator's run chart with the trend rules, the places side by side, and a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.indicators import compare_chart, indicator_series, run_chart
from charts.theme import CONFIG
from domain.formatting import period_label, unit_label, value_with_unit
from ui import data, deck, tables
from ui.links import follow_label, from_link, keep
from ui.page import header, setup
from ui.text import plain
from views.indicators import indicator_places, indicator_view
from views.scope import catalogue as indicator_catalogue

ctx = setup("Indikatorer")
header(ctx, "Indikatorer")

catalogue = data.cached(indicator_catalogue)
names = {key: ind.short_name for key, ind in catalogue.items()}
FREQUENCIES = {"maaned": "Måned", "kvartal": "Kvartal"}  # the URL's ?frekvens= and the radio's labels
_LAST = "_indikatorer"  # the last choices, for links that arrive without them (ui.links)

chosen = from_link("indikator", names, "Indikatoren", _LAST)
frequency = from_link("frekvens", FREQUENCIES, "Visningen", _LAST)
st.session_state["w_freq"] = FREQUENCIES[frequency]  # the radio follows the URL, set before it is drawn
c1, c2, c3 = st.columns([3, 1, 2])
indicator = str(c1.selectbox("Indikator", list(names), index=list(names).index(chosen),
                             format_func=lambda key: names[key], placeholder="Vælg indikator"))
freq = c2.radio("Vis", list(FREQUENCIES.values()), horizontal=True, key="w_freq", on_change=follow_label,
                args=("frekvens", FREQUENCIES, "w_freq"))
fill = c3.radio("Huller i klynge og region", ["Vis som mangler", "Summen af kommunerne med tal"], key="w_fill",
                help="En klynge eller region, hvor en kommune mangler, kan ikke lægges sammen. Vælg om måneden "
                     "skal stå tom med grunden, eller vise summen af de kommuner, der er med (mærket).")
keep(_LAST, indikator=indicator, frekvens=next(k for k, v in FREQUENCIES.items() if v == freq))
view = ctx.view(indicator_view, indicator, "quarter" if freq == "Kvartal" else "month", fill != "Vis som mangler")
ind = view.indicator
st.caption(plain(f"{ind.name} · enhed: {unit_label(ind.unit)} · "
                 f"ønsket retning: {'op' if ind.direction == 'up' else 'ned'}"
                 + (f" · {view.target_words}" if view.target_words else "")))

if view.empty:
    st.info(plain(view.empty) + " Et udtræk (CSV eller Excel) indlæses af en redaktør på siden Indlæs data.", icon=":material/info:")
    st.stop()
if view.series.empty:  # only snapshots (seasons, years, quarters) from the sources
    snaps = view.snapshots.assign(geo_name=view.place)
    snapshot = data.figure(indicator_series, snaps, view.title, ind.unit, view.target, False)
    st.plotly_chart(snapshot, width="stretch", config=CONFIG)
    deck.tools(ctx, f"indicator:{indicator}", ind.short_name, snapshot)
    periods = [period_label(p) for p in view.snapshots["period"]]
    tables.grid(ctx, pd.DataFrame({"Periode": periods, "Værdi": [value_with_unit(v, ind.unit) for v in view.snapshots["value"]],
                                   "Kilde": view.snapshots["source_title"]}), ind.short_name, "snapshots",
                files=pd.DataFrame({"Periode": periods, "Værdi": view.snapshots["value"].astype(object),
                                    "Kilde": view.snapshots["source_title"]}))
    st.stop()

if view.demo:
    st.warning("Eksempeldata: genererede tal, kalibreret til kildernes øjebliksbilleder – ikke rigtige målinger. "
               "Et rigtigt udtræk erstatter dem.", icon=":material/science:")
shown_snapshots = view.snapshots[view.snapshots["period"].isin(view.series["period"])]
run = data.figure(run_chart, view.series, view.title, ind.unit, view.median, view.target, view.signals,
                  shown_snapshots, view.demo, view.median_name)
st.plotly_chart(run, width="stretch", config=CONFIG)
deck.tools(ctx, f"indicator:{indicator}", ind.short_name, run)
tables.numbers(ctx, run, ind.short_name, "run", view.demo, view.sources)
st.caption(plain("Kilde: " + "; ".join(view.sources)) if view.sources else "")
for gap in view.gaps:
    st.warning(plain(f"{gap.reason}: måneden kan ikke lægges sammen for {view.place} og står tom."),
               icon=":material/format_list_bulleted:")
partial = view.series[view.series["note"] != ""]
if not partial.empty:
    st.caption("Måneder vist som summen af kommunerne med tal: " + plain("; ".join(
        f"{period_label(p)} ({n})" for p, n in zip(partial["period"], partial["note"]))))

left, right = st.columns(2)
with left.container(border=True):
    st.markdown("**Reglen fra Midtvejsstatus 2021**" if not ind.stock else "**Fremdrift mod målet**")
    st.text(f"{view.card.arrow or '–'} {view.arrow_words}" if not ind.stock else view.progress)
with right.container(border=True):
    st.markdown("**Anhøjs regler (serier og kryds)**")
    st.text(view.runs_words)
    if view.window_words:
        st.caption(plain(view.window_words + " Punkter på medianen tæller ikke."))

places = ctx.view(indicator_places, indicator, view.freq)
if not places.compare.empty:
    compare = data.figure(compare_chart, places.compare, places.title, ind.unit, places.demo)
    st.plotly_chart(compare, width="stretch", config=CONFIG)
    deck.tools(ctx, f"compare:{indicator}", places.title, compare)
    tables.numbers(ctx, compare, f"{ind.short_name} efter sted", "compare", places.demo, places.sources)
if not places.table.empty:
    st.markdown(f"**Kommunerne i {plain(view.place)}**" + (" · Eksempeldata" if places.demo else ""))
    tables.grid(ctx, places.table, f"{ind.short_name} i kommunerne", "places", files=places.numbers, demo=places.demo,
                sources=places.sources)
