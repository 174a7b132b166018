"""Telemedicin: TeleKOL against its target, TeleHjerte from its pilot, and the 1-1-2 trial."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from domain.decisions import kind_label
from domain.formatting import date_short, month_year, number, percent
from ui import data, deck, selection
from ui.page import header, setup

ctx = setup("Telemedicin")
header(ctx, "Telemedicin")

facts = selection.of_region(data.frame("facts"), ctx).set_index("id")
items = selection.of_region(data.frame("agenda_items"), ctx)


def fact(key: str) -> pd.Series | None:
    return facts.loc[key] if key in facts.index else None


def related(word: str) -> None:
    found = items[items["title"].str.contains(word, case=False, regex=False)
                  | items["case_text"].fillna("").str.contains(word, case=False, regex=False)]
    if found.empty:
        st.caption(f"Ingen dagsordenspunkter om {word} i de indlæste referater.")
    for _, item in found.iterrows():
        day = dt.date.fromisoformat(item["date"]) if item["date"] else None
        with st.expander(f"{item['forum']} {date_short(day)} · punkt {item['number']}: {item['title']} "
                         f"· {kind_label(item['decision_kind'])}"):
            st.markdown("**Beslutning**")
            st.text(item["decision"] or "–")
            st.markdown("**Sagsfremstilling**")
            st.text(item["case_text"] or "–")
            st.caption(f"Kilde: {item['source_title']} ({item['file']})")


# --- TeleKOL -----------------------------------------------------------------
st.subheader("TeleKOL")
catalogue = data.frame("indicators").set_index("id")
target_fact = fact("telekol_target")
target = float(target_fact["value"]) if target_fact is not None else (
    float(catalogue.loc["telekol_included", "target"]) if pd.notna(catalogue.loc["telekol_included", "target"]) else None)
codes = selection.place_codes(ctx)
stock = selection.series(ctx, "telekol_included", "count", "month", codes)
point = fact("telekol_included_2025_07")
if stock.empty and point is None:
    st.info(f"Ingen inklusionstal for TeleKOL i {ctx.place}. Tallene kommer med et udtræk i data/sources.",
            icon=":material/info:")
else:
    place = ctx.filters.cluster or ctx.filters.region
    region = stock[stock["geo_code"] == place]
    clusters = stock[(stock["geo_code"] != place) & stock["geo_code"].isin(list(ctx.choices.clusters[ctx.filters.region]))]
    demo = bool(region["is_demo"].any()) if not region.empty else False
    sources = pd.DataFrame()
    if point is not None and not ctx.filters.cluster:
        sources = pd.DataFrame([{"period": str(point["date"])[:7], "value": point["value"],
                                 "source_title": point["source_title"]}])
    start = fact("telekol_start")
    if demo:
        st.warning("**Eksempeldata**: kurven er genereret fra start til kildens tal (ca. 190 pr. 1. juli 2025) og "
                   "fremskrevet i samme tempo; klyngerne er fordelt efter indbyggertal. Kun punktet fra kilden er "
                   "et rigtigt tal.", icon=":material/science:")
    telekol = selection.figure("telekol", region, clusters, target, sources,
                               f"Borgere inkluderet i TeleKOL · {ctx.place}", demo, ctx.cluster_name() or "Hele regionen")
    st.plotly_chart(telekol, width="stretch")
    deck.tools(ctx, "telekol", "TeleKOL mod måltal", telekol)
    if point is not None and target:
        share = 100 * point["value"] / target
        scope = f"I hele {ctx.region_name}: p" if ctx.filters.cluster else "P"
        st.markdown(f"{scope}r. {date_short(dt.date.fromisoformat(point['date']))} var ca. **{number(point['value'])}** "
                    f"af **{number(target)}** borgere inkluderet ({percent(share, 0)} af måltallet); der mangler ca. "
                    f"**{number(target - point['value'])}**."
                    + (f" Implementeringen startede i {month_year(dt.date.fromisoformat(start['date']))}."
                       if start is not None else ""))
        st.caption(f"Kilde: {point['source_title']}. Måltallet {number(target)} er det oprindelige; det er ved at "
                   "blive justeret, og et justeret måltal vises, når det indlæses.")
related("TeleKOL")

# --- TeleHjerte ----------------------------------------------------------------
st.subheader("TeleHjerte")
pilot, per_year = fact("telehjerte_pilot"), fact("telehjerte_per_year")
counts = selection.series(ctx, "telehjerte_included", "count", "month", [ctx.filters.cluster or ctx.filters.region])
if pilot is None and per_year is None and counts.empty:
    st.info(f"Ingen oplysninger om TeleHjerte for {ctx.region_name}.", icon=":material/info:")
else:
    pilot_start = dt.date.fromisoformat(pilot["date"]) if pilot is not None else None
    telehjerte = selection.figure("telehjerte", pilot_start, float(per_year["value"]) if per_year is not None
                                  else None, counts, ctx.filters.date_range()[1],
                                  "TeleHjerte: forventet forløb fra piloten")
    st.plotly_chart(telehjerte, width="stretch")
    deck.tools(ctx, "telehjerte", "TeleHjerte: forventet forløb", telehjerte)
    st.caption(("Ingen inklusionstal endnu; de vises her, når de indlæses. " if counts.empty else "")
               + "Kilde: " + "; ".join(sorted({str(f["source_title"]) for f in (pilot, per_year) if f is not None})))
related("TeleHjerte")

# --- 1-1-2 ---------------------------------------------------------------------
st.subheader("Sårbare patienter, der ringer 1-1-2")
trial = [fact(k) for k in ("trial_112_calls", "trial_112_own_gp", "trial_112_admitted", "trial_112_on_site",
                           "trial_112_failed", "trial_112_budget")]
if all(f is None for f in trial):
    st.info(f"Ingen tal fra prøvehandlingen for {ctx.region_name}.", icon=":material/info:")
else:
    cols = st.columns(3)
    for i, f in enumerate(f for f in trial if f is not None):
        shown = (percent(f["value"], 0) if f["unit"] == "percent" else
                 f"{number(f['value'])} kr." if f["unit"] == "kr" else number(f["value"]))
        cols[i % 3].metric(f["label"], shown)
    end = fact("trial_112_end")
    st.caption((f"Prøvehandlingen er forlænget til {date_short(dt.date.fromisoformat(end['date']))}. " if end is not None
                else "") + f"Kilde: {trial[0]['source_title'] if trial[0] is not None else ''}")
related("1-1-2")
