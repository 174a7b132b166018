"""Indikatorer: one indicator's values for the chosen place and quarters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.indicators import indicator_series
from domain.formatting import period_label, value_with_unit
from domain.indicators import trend_arrow
from ui import data, selection
from ui.page import header, setup

ctx = setup("Indikatorer")
header(ctx, "Indikatorer")

catalogue = data.frame("indicators")
names = dict(zip(catalogue["id"], catalogue["short_name"]))
chosen = st.query_params.get("indikator")
if chosen not in names:
    chosen = str(catalogue["id"].iloc[0])
indicator = st.selectbox("Indikator", list(names), index=list(names).index(chosen), format_func=names.get)
st.query_params["indikator"] = indicator
ind = catalogue.set_index("id").loc[indicator]
target = float(ind["target"]) if pd.notna(ind["target"]) else None
st.caption(f"{ind['name']} · enhed: {ind['unit']} · ønsket retning: {'op' if ind['direction'] == 'up' else 'ned'}"
           + (f" · mål: {value_with_unit(target, ind['unit'])}" if target is not None else ""))

obs = selection.observations(ctx, indicator)
if obs.empty:
    st.info(f"Ingen tal for {ind['short_name'].lower()} i {ctx.place}, {ctx.period}. Kilderne indeholder "
            "et øjebliksbillede; indlæs et udtræk (CSV eller Excel fra BI-enheden, esundhed.dk eller "
            "Danmarks Statistik) i data/sources og byg databasen igen.", icon=":material/info:")
else:
    demo = bool(obs["is_demo"].any())
    st.plotly_chart(indicator_series(obs, f"{ind['short_name']} · {ctx.place}", ind["unit"], target, demo),
                    width="stretch")
    table = pd.DataFrame({
        "Område": obs["geo_name"],
        "Periode": [period_label(p) for p in obs["period"]],
        "Værdi": [value_with_unit(v, ind["unit"]) for v in obs["value"]],
        "Udvikling": [trend_arrow(a) for a in obs["arrow"]],
        "Kilde": obs["source_title"] + obs["is_demo"].map({1: " · Eksempeldata", 0: ""}),
    })
    st.dataframe(table, hide_index=True, width="stretch")
