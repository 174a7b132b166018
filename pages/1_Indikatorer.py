"""Indikatorer: one indicator's run chart with the trend rules, the places side by side, and a table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.indicators import indicator_series
from domain.formatting import period_label, signed, value_with_unit
from domain.indicators import trend_arrow
from domain.trends import anhoj, arrow_002, runs_in_words
from ui import data, deck, selection
from ui.page import header, setup

ctx = setup("Indikatorer")
header(ctx, "Indikatorer")

catalogue = data.frame("indicators")
names = dict(zip(catalogue["id"], catalogue["short_name"]))
chosen = st.query_params.get("indikator")
if chosen not in names:
    chosen = str(catalogue["id"].iloc[0])
c1, c2 = st.columns([3, 1])
indicator = c1.selectbox("Indikator", list(names), index=list(names).index(chosen), format_func=names.get)
freq = c2.radio("Vis", ["Måned", "Kvartal"], horizontal=True, key="w_freq")
st.query_params["indikator"] = indicator
ind = catalogue.set_index("id").loc[indicator]
unit = str(ind["unit"])
target = float(ind["target"]) if pd.notna(ind["target"]) else None
st.caption(f"{ind['name']} · enhed: {unit} · ønsket retning: {'op' if ind['direction'] == 'up' else 'ned'}"
           + (f" · mål: {value_with_unit(target, unit)}" if target is not None else ""))

place = ctx.filters.cluster or ctx.filters.region
munis = data.frame("municipalities")
children = (list(munis.loc[munis["cluster_id"] == ctx.filters.cluster, "code"]) if ctx.filters.cluster
            else list(ctx.choices.clusters.get(ctx.filters.region, {})))
frame = selection.series(ctx, indicator, unit, "quarter" if freq == "Kvartal" else "month", [place, *children])
own = frame[frame["geo_code"] == place].sort_values("period")
snapshots = selection.observations(ctx, indicator, with_children=False)
snapshots = snapshots[(snapshots["geo_code"] == place) & (snapshots["is_demo"] == 0)]

if own.empty and snapshots.empty:
    st.info(f"Ingen tal for {ind['short_name'].lower()} i {ctx.place}, {ctx.period}. Indlæs et udtræk (CSV eller "
            "Excel fra BI-enheden, esundhed.dk eller Danmarks Statistik) i data/sources og byg databasen igen.",
            icon=":material/info:")
    st.stop()

if own.empty:  # only snapshots (seasons, years, quarters) from the sources
    snapshot = indicator_series(snapshots, f"{ind['short_name']} · {ctx.place}", unit, target, False)
    st.plotly_chart(snapshot, width="stretch")
    deck.tools(ctx, f"indicator:{indicator}", str(ind["short_name"]), snapshot)
    st.dataframe(pd.DataFrame({"Periode": [period_label(p) for p in snapshots["period"]],
                               "Værdi": [value_with_unit(v, unit) for v in snapshots["value"]],
                               "Kilde": snapshots["source_title"]}), hide_index=True, width="stretch")
    st.stop()

demo = bool(own["is_demo"].any())
if demo:
    st.warning("**Eksempeldata**: genererede tal, kalibreret til kildernes øjebliksbilleder – ikke rigtige "
               "målinger. Et rigtigt udtræk erstatter dem.", icon=":material/science:")
values = own["value"].tolist()
last24 = values[-24:] if freq == "Måned" else values[-8:]
median_value = pd.Series(last24, dtype=float).median()
median = None if pd.isna(median_value) else float(median_value)
runs = anhoj(last24, median)
signals = []
if runs is not None and runs.run_points:
    offset = len(values) - len(last24)
    signals = [own["period"].iloc[offset + i] for i in runs.run_points]
shown_snapshots = snapshots[snapshots["period"].isin(own["period"])] if freq == "Kvartal" else snapshots.iloc[0:0]
run = selection.figure("run", own, f"{ind['short_name']} · {ctx.place}", unit, median, target, signals,
                       shown_snapshots, demo)
st.plotly_chart(run, width="stretch")
deck.tools(ctx, f"indicator:{indicator}", str(ind["short_name"]), run)

left, right = st.columns(2)
with left.container(border=True):
    st.markdown("**Reglen fra Midtvejsstatus 2021**")
    if freq == "Måned":
        result = arrow_002(values)
        st.markdown(f"{trend_arrow(result.arrow) or '–'} {result.in_words()}")
    else:
        st.markdown("Reglen bruger måneder: vælg Måned for at se den.")
with right.container(border=True):
    st.markdown("**Anhøjs regler (serier og kryds)**")
    st.markdown(runs_in_words(runs, last24))
    st.caption(f"Beregnet på de seneste {len(last24)} {'måneder' if freq == 'Måned' else 'kvartaler'} "
               "omkring deres median; punkter på medianen tæller ikke.")

others = frame[frame["geo_code"] != place]
if not others.empty:
    level = "kommuner" if ctx.filters.cluster else "klynger"
    compare = selection.figure("compare", others, f"{ind['short_name']} i {ctx.place} fordelt på {level}", unit, demo)
    st.plotly_chart(compare, width="stretch")
    deck.tools(ctx, f"compare:{indicator}", f"{ind['short_name']} fordelt på {level}", compare)

table_codes = (list(munis.loc[munis["cluster_id"] == ctx.filters.cluster, "code"]) if ctx.filters.cluster
               else list(munis.loc[munis["region_code"] == ctx.filters.region, "code"]))
cards = selection.place_cards(ctx, indicator, unit, table_codes)
names_by_code = dict(zip(munis["code"], munis["name"]))
clusters = {code: name for c in ctx.choices.clusters.values() for code, name in c.items()}
cluster_of = dict(zip(munis["code"], munis["cluster_id"].map(clusters)))
rows = [{"Kommune": names_by_code[code], "Klynge": cluster_of[code], "Periode": period_label(card.period),
         "Værdi": value_with_unit(card.value, unit),
         "Ændring mod året før": signed(card.change, unit) if card.change is not None else "–",
         "Udvikling": trend_arrow(card.arrow)} for code, card in cards.items() if card]
if rows:
    st.markdown(f"**Kommunerne i {ctx.place}**" + (" · Eksempeldata" if demo else ""))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
