"""Overblik: the front page. Run with ``make run`` (or ``streamlit run dashboard.py``)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from domain.formatting import date_short, period_label, value_with_unit
from domain.indicators import arrow_is_good, latest_per_indicator, trend_arrow
from domain.status import STATUSES
from ui import data, selection
from ui.page import header, setup

ctx = setup("Overblik")
header(ctx, "Overblik", "Sundhedsaftalens nøgletal, indsatser og seneste beslutninger")

catalogue = data.frame("indicators")
headline = catalogue[catalogue["headline"] == 1]
level_code = ctx.filters.cluster or ctx.filters.region
obs = selection.observations(ctx, with_children=False)
latest = latest_per_indicator(obs[obs["geo_code"] == level_code])

st.subheader("Nøgletal")
if latest.empty:
    everywhere = data.frame("observations", tuple(selection.place_codes(ctx)), "1900-01-01", "2999-12-31", None)
    hint = (f" De indlæste kilder har tal for {period_label(everywhere['period'].iloc[-1])}"
            " – udvid kvartalerne i filteret." if not everywhere.empty else
            " Indlæs et udtræk (CSV eller Excel) i data/sources og byg databasen igen.")
    st.info(f"Ingen indikatortal for {ctx.place} i {ctx.period}.{hint}", icon=":material/info:")
else:
    cols = st.columns(3)
    shown = [row for _, row in headline.iterrows() if row["id"] in set(latest["indicator"])]
    for i, ind in enumerate(shown):
        row = latest[latest["indicator"] == ind["id"]].iloc[0]
        good = arrow_is_good(row["arrow"], ind["direction"])
        colour = {True: "green", False: "red", None: "gray"}[good]
        arrow = f" :{colour}[{trend_arrow(row['arrow'])}]" if row["arrow"] else ""
        with cols[i % 3].container(border=True):
            st.markdown(f"**{ind['short_name']}**")
            st.markdown(f"### {value_with_unit(row['value'], ind['unit'])}{arrow}")
            lines = [f"{ctx.place} · {period_label(row['period'])}"]  # a leading "1." would become a list
            if pd.notna(ind["target"]):
                gap = row["value"] - ind["target"]
                lines.append(f"Mål {value_with_unit(ind['target'], ind['unit'])} · afstand "
                             f"{value_with_unit(gap, ind['unit'])}")
            if pd.notna(row["arrow_period"]):
                lines.append(f"Udvikling: {row['arrow_period'].removeprefix('Udvikling ')}")
            lines.append(f"Kilde: {row['source_title']}" + (" · Eksempeldata" if row["is_demo"] else ""))
            st.caption("  \n".join(lines))
    st.caption("Pilen følger reglen fra Midtvejsstatus 2021: ↑ eller ↓ når 7 af de seneste 8 måneder ligger "
               "over eller under medianen for de seneste 24 måneder, ellers →. Grøn peger i den ønskede "
               "retning, rød i den modsatte.")

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
                      obs["period_start"].max() if not obs.empty else None] if isinstance(d, str)]
st.caption(f"Nyeste data: {date_short(dt.date.fromisoformat(max(newest))) if newest else '–'} · "
           f"Database bygget {date_short(built.date()) if built else '–'}")
