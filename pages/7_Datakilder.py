"""Datakilder: what was loaded, from which file, and what was rejected."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from domain.formatting import date_short, number
from ui import data
from ui.page import header, setup

ctx = setup("Datakilder")
header(ctx, "Datakilder", "alle indlæste filer med sporbarhed; filtrene påvirker ikke denne side")

sources = data.frame("sources")
info = data.query("build_info")
built = dt.datetime.fromisoformat(info["built_at"]) if "built_at" in info else None
c1, c2, c3 = st.columns(3)
c1.metric("Filer", number(len(sources)))
c2.metric("Rækker indlæst", number(int(sources["rows_accepted"].sum())))
c3.metric("Rækker afvist", number(int(sources["rows_rejected"].sum())))
st.caption(f"Database bygget {date_short(built.date()) if built else '–'} kl. {built:%H:%M}" if built else "")

kinds = {"initiatives": "Overblik over indsatser", "minutes": "Referat", "status_report": "Statusrapport",
         "indicators": "Indikatortabel", None: "–"}
st.dataframe(
    sources.assign(kind=sources["kind"].map(lambda k: kinds.get(k, k)),
                   status=sources["status"].map({"loaded": "Indlæst", "unreadable": "Kunne ikke læses"}),
                   region=sources["region"].map(lambda r: ctx.choices.regions.get(r, "–") if r else "–"))[
        ["title", "file", "kind", "region", "status", "rows_accepted", "rows_rejected", "message", "sha256"]],
    hide_index=True, width="stretch",
    column_config={"title": "Dokument", "file": "Fil", "kind": "Type", "region": "Region", "status": "Status",
                   "rows_accepted": "Indlæst", "rows_rejected": "Afvist", "message": "Problem",
                   "sha256": "SHA-256"},
)
st.subheader("Afviste rækker")
rejections = data.frame("rejections")
if rejections.empty:
    st.success("Ingen rækker blev afvist ved seneste indlæsning.")
else:
    st.dataframe(rejections.rename(columns={"file": "Fil", "line": "Linje", "reason": "Problem"}),
                 hide_index=True, width="stretch")
