"""Datakilder: what was loaded, from which file, and what was rejected."""

from __future__ import annotations

import streamlit as st

from domain.formatting import number
from ui import data, importer, tables
from ui.page import header, setup
from ui.text import plain
from views.sources import sources

ctx = setup("Datakilder")
header(ctx, "Datakilder", "alle indlæste filer med sporbarhed; filtrene påvirker ikke denne side")

answer = data.cached(sources)
c1, c2, c3 = st.columns(3)
c1.metric("Filer", number(len(answer.files)))
c2.metric("Rækker indlæst", number(answer.accepted))
c3.metric("Rækker afvist", number(answer.rejected))
st.caption(plain(answer.built))
st.caption(plain(answer.period_rule))
st.header("Indlæste filer")
tables.grid(ctx, answer.files, "Datakilder", "files", sources=answer.files["Dokument"],
            column_config={"Dokument": st.column_config.TextColumn("Dokument", width="large")})
st.header("Afviste rækker")
if answer.rejections.empty:
    st.success("Ingen rækker blev afvist ved seneste indlæsning.")
else:
    st.caption("Ens problemer i samme fil står på én linje med antallet af rækker og de første linjenumre.")
    tables.grid(ctx, answer.rejections, "Afviste rækker", "rejections", sources=answer.rejections["Fil"])

importer.versions_section(ctx)
