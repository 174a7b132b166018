"""The director's deck for this session: charts added from any page, kept across page
switches, reordered or cleared on Eksport; and PNG/SVG of any chart."""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import streamlit as st

import settings
from charts.export import ImageExportError, figure_image
from domain.filters import Filters
from slides.preview import preview_figure
from slides.render import build_deck
from slides.spec import SlideSpec
from slides.standard import STANDARD, slide_for
from ui import data
from ui.page import Context as PageContext
from ui.text import plain

_DECK = "_deck"


def entries() -> list[dict[str, Any]]:
    deck: list[dict[str, Any]] = st.session_state.setdefault(_DECK, [])
    return deck


def _add(key: str, label: str, params: dict[str, str]) -> None:
    deck = entries()
    entry = {"key": key, "label": label, "params": params}
    if entry not in deck:
        deck.append(entry)
        st.toast(f"Føjet til præsentationen: {plain(label)}", icon=":material/slideshow:")


def tools(ctx: PageContext, key: str, label: str, fig: go.Figure | None = None) -> None:
    """Under a chart: add it to the deck, and (for a figure) PNG and SVG downloads."""
    left, right = st.columns([1, 3])
    left.button("Føj til præsentation", icon=":material/add_to_queue:", key=f"add_{key}",
                on_click=_add, args=(key, label, ctx.filters.params()))
    if fig is not None:
        with right.popover("Billede (PNG/SVG)", icon=":material/image:"):
            if st.button("Lav billederne", key=f"img_{key}"):
                with st.spinner("Laver billeder …"):
                    try:
                        st.session_state[f"png_{key}"] = figure_image(fig, "png")
                        st.session_state[f"svg_{key}"] = figure_image(fig, "svg")
                    except ImageExportError as exc:
                        st.error(plain(exc))
            if f"png_{key}" in st.session_state:
                name = key.replace(":", "-")
                st.download_button("Hent PNG", st.session_state[f"png_{key}"], f"{name}.png", "image/png",
                                   key=f"dlpng_{key}")
                st.download_button("Hent SVG", st.session_state[f"svg_{key}"], f"{name}.svg", "image/svg+xml",
                                   key=f"dlsvg_{key}")


def fill_standard(ctx: PageContext) -> None:
    st.session_state[_DECK] = [{"key": key, "label": label, "params": ctx.filters.params()}
                               for key, label in STANDARD]


def move(index: int, step: int) -> None:
    deck = entries()
    target = index + step
    if 0 <= target < len(deck):
        deck[index], deck[target] = deck[target], deck[index]


def remove(index: int) -> None:
    entries().pop(index)


def clear() -> None:
    st.session_state[_DECK] = []


def _filters(params: dict[str, str]) -> Filters:
    return Filters(params["region"], params.get("klynge"), params["fra"], params["til"])


def specs(ctx: PageContext, deck: list[dict[str, Any]]) -> list[list[SlideSpec]]:
    """The slides each entry makes, each for the filters it was added with."""
    return [data.cached(slide_for, _filters(e["params"]), e["key"], ctx.today) for e in deck]


@st.cache_data(ttl=settings.cache_ttl(), show_spinner=False, max_entries=200)
def preview(spec: SlideSpec) -> bytes | str:
    """A small PNG of a slide, or why there is none."""
    try:
        return figure_image(preview_figure(spec), "png", width=480, height=270, timeout=30)
    except ImageExportError as exc:
        return str(exc)


def pptx(ctx: PageContext, deck: list[dict[str, Any]], title: str, subtitle: str) -> bytes:
    """The deck's file, made once per database, filters, chosen slides and titles (Eksport makes it when it
    draws the button, so that the click downloads a file that exists)."""
    key = (data.db_key(), ctx.filters, ctx.today, json.dumps(deck, sort_keys=True, default=str), title, subtitle,
           str(settings.slides_template()))
    return _deck_file(ctx, deck, key)


@st.cache_data(max_entries=20, show_spinner=False)
def _deck_file(_ctx: PageContext, _deck: list[dict[str, Any]], key: tuple[Any, ...]) -> bytes:
    title, subtitle = key[4], key[5]
    return build_deck([s for group in specs(_ctx, _deck) for s in group], title, subtitle, settings.slides_template())
