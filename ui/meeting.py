"""The chosen forum and meeting (in the URL: ``?forum=SSG&moede=2025-09-12``), what was known then (the version
store), and the answers of views.meeting through the page cache; the brief's files, made when asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

import settings
from domain.changes import Loaded
from domain.formatting import date_long, date_short
from slides.brief import brief_specs, brief_title
from slides.render import build_deck
from slides.word import brief_docx, overview_docx
from store.history import known_at, loaded_files
from store.versions import default_store
from ui import data
from ui.page import Context
from ui.text import plain
from views.initiatives import board
from views.meeting import Brief, SinceLast, brief, compared_since, fora, meetings, since_last

PLANNED = "planlagt"  # the meeting choice that lets the date be typed


@dataclass(frozen=True)
class Chosen:
    forum: str
    day: dt.date


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False, max_entries=64)
def _history(db: tuple[str, int], day: dt.date) -> tuple[str, str, tuple[Loaded, ...]]:
    """What was served at the end of ``day`` (its file and label) and every file each version brought."""
    store = default_store()
    then_db, label = known_at(store, day)
    conn = data.connection(db)
    return then_db, label, loaded_files(store, conn)


def _basis(ctx: Context, chosen: Chosen) -> tuple[str, str, tuple[Loaded, ...]]:
    return _history(data.db_key(), compared_since(ctx.view(meetings), chosen.forum, chosen.day))


def changes(ctx: Context, chosen: Chosen) -> SinceLast:
    then_db, label, loaded = _basis(ctx, chosen)
    return ctx.view(since_last, chosen.forum, chosen.day.isoformat(), then_db, label, loaded,
                    float(settings.get("change_threshold")))


def meeting_brief(ctx: Context, chosen: Chosen) -> Brief:
    then_db, label, loaded = _basis(ctx, chosen)
    return ctx.view(brief, chosen.forum, chosen.day.isoformat(), then_db, label, loaded,
                    float(settings.get("change_threshold")))


def from_url(ctx: Context) -> Chosen | None:
    """The meeting the URL names, when its forum is one of the region's and the date is a date."""
    forum, day = st.query_params.get("forum"), st.query_params.get("moede")
    if not forum or not day:
        return None
    if forum not in ctx.view(fora):
        st.warning(plain(f"Forummet '{forum}' i linket findes ikke i regionen."), icon=":material/link_off:")
        return None
    try:
        return Chosen(forum, dt.date.fromisoformat(day))
    except ValueError:
        st.warning(plain(f"Mødedatoen '{day}' i linket er ikke en dato (skriv ÅÅÅÅ-MM-DD)."), icon=":material/link_off:")
        return None


def _set(forum: str, day: dt.date) -> None:
    st.query_params["forum"] = forum
    st.query_params["moede"] = day.isoformat()


def picker(ctx: Context) -> Chosen | None:
    """Forum and meeting: a meeting from the loaded minutes, or a planned date. Kept in the URL."""
    names = ctx.view(fora)
    if not names:
        st.info("Der er ingen referater eller indsatser for regionen endnu, så der er ingen møder at vælge.",
                icon=":material/info:")
        return None
    chosen = from_url(ctx)
    codes = list(names)
    left, middle, right = st.columns([2, 2, 2])
    forum = left.selectbox("Forum", codes, index=codes.index(chosen.forum) if chosen else 0,
                           format_func=lambda c: f"{names[c]} ({c})", placeholder="Vælg forum")
    held = [m for m in ctx.view(meetings) if m.forum == forum]
    options = [m.day.isoformat() for m in held] + [PLANNED]
    default = chosen.day.isoformat() if chosen and chosen.forum == forum else options[0]
    picked = middle.selectbox("Møde", options, index=options.index(default) if default in options else len(options) - 1,
                              format_func=lambda o: "Planlagt møde (vælg dato)" if o == PLANNED
                              else f"{date_short(dt.date.fromisoformat(o))} (referat)", placeholder="Vælg møde")
    if picked == PLANNED:
        planned = chosen.day if chosen and chosen.forum == forum and default == PLANNED else ctx.today
        day = right.date_input("Mødedato", value=planned, format="DD.MM.YYYY")
    else:
        day = dt.date.fromisoformat(picked)
    result = Chosen(forum, day if isinstance(day, dt.date) else ctx.today)
    if chosen != result:
        _set(result.forum, result.day)
    return result


def show_changes(ctx: Context, answer: SinceLast, headings: str = "##") -> None:
    """Each section with its lines; a line links to the page that shows it, with the filters."""
    st.markdown(f"**{plain(answer.heading)}**")
    st.caption(plain(answer.basis))
    if any(c.demo for _, lines in answer.sections for c in lines):
        st.warning("Eksempeldata: linjer markeret (Eksempeldata) bygger på genererede tal, kalibreret til kilderne, "
                   "ikke rigtige målinger.", icon=":material/science:")
    pages = {"indsatser": "pages/3_Indsatser.py", "beslutninger": "pages/5_Beslutninger.py",
             "indikatorer": "pages/1_Indikatorer.py", "datakilder": "pages/7_Datakilder.py"}
    for title, lines in answer.sections:
        st.markdown(f"{headings} {plain(title)} ({len(lines)})")
        if not lines:
            st.caption("Ingen.")
        for change in lines:
            st.page_link(pages[change.page], label=plain(change.text), icon=":material/arrow_forward:",
                         query_params={**ctx.filters.params(), **dict(change.params)})


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False, max_entries=16)
def _files(db: tuple[str, int], _ctx: Context, _answer: Brief, key: tuple[str, ...]) -> tuple[bytes, bytes, bytes]:
    conn = data.connection(db)
    title, subtitle = brief_title(_answer)
    deck = build_deck(brief_specs(conn, _ctx.filters, _ctx.today, _answer), title, subtitle, settings.slides_template())
    everything = board(conn, _ctx.filters, _answer.changes.until)
    overview = overview_docx(everything.everything, everything.decisions,
                             f"Overblik over indsatser i regi af sundhedsaftalen, {date_long(_answer.meeting)}")
    return deck, brief_docx(_answer), overview


def downloads(ctx: Context, answer: Brief) -> None:
    """The brief as slides and as Word, and the next overview of initiatives; made once per meeting and data."""
    key = (answer.forum, answer.meeting.isoformat(), *ctx.filters.params().values(), ctx.today.isoformat())
    if not st.toggle("Lav mødebrief og overblik til download", key="w_brief_files"):
        return
    with st.spinner("Laver mødebrief …"):
        deck, word, overview = _files(data.db_key(), ctx, answer, key)
    stem = f"moedebrief_{answer.forum}_{answer.meeting.isoformat()}"
    a, b, c = st.columns(3)
    a.download_button("Hent mødebrief (.pptx)", deck, f"{stem}.pptx", on_click="ignore", icon=":material/slideshow:",
                      mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")
    b.download_button("Hent mødebrief (.docx)", word, f"{stem}.docx", on_click="ignore", icon=":material/description:",
                      mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    c.download_button("Hent næste overblik over indsatser (.docx)", overview,
                      f"overblik_over_indsatser_{answer.meeting.isoformat()}.docx", on_click="ignore",
                      icon=":material/table_view:",
                      mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
