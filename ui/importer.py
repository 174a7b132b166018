"""Indlæs data and the versions on Datakilder: uploads, preview, Indlæs/Fortryd, Rul tilbage.

The session keeps the preview (a candidate version built under .staging/) until the analyst imports it or
cancels; nothing served changes before "Indlæs"."""

from __future__ import annotations

import contextlib
import logging
import shutil
import uuid
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

import settings
from errors import DashboardError
from store import imports, queries
from store.versions import STAGING, StalePreview, VersionStore, default_store
from ui import data
from ui.auth import User
from ui.page import Context
from ui.text import plain
from views.imports import KINDS, ImportAnswer, import_answer, versions_answer

_log = logging.getLogger(__name__)
_PREVIEW = "_import_preview"
_TOKEN = "_import_token"
_FLASH = "_import_flash"
AUTO = ""


@dataclass
class _Held:
    signature: tuple[Any, ...]
    preview: imports.Preview
    answer: ImportAnswer


def who(user: User) -> str:
    """How a version names the person who made it."""
    return f"{user.name} ({user.email})" if user.email and user.email != user.name else user.name


def flash() -> None:
    """The outcome of the last action (kept over the rerun that follows it)."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(plain(message), icon=":material/check_circle:")


def _drop_preview(store: VersionStore) -> None:
    held: _Held | None = st.session_state.pop(_PREVIEW, None)
    if held is not None and held.preview.candidate is not None:
        store.discard(held.preview.candidate)


def _reset(store: VersionStore) -> None:
    _drop_preview(store)
    st.session_state[_TOKEN] = st.session_state.get(_TOKEN, 0) + 1  # a new, empty uploader


def _prepare(ctx: Context, store: VersionStore, files: list[Any], choices: list[tuple[str, str]],
             remove: tuple[str, ...]) -> imports.Preview:
    imports.ensure_started(store, by=who(ctx.user), today=ctx.today, now=ctx.now, wait=0)
    folder = store.root / STAGING / f"upload-{uuid.uuid4().hex}"
    try:
        offered = [imports.Offered(f.name, imports.saved_upload(folder, f.name, f.getvalue()), kind or None,
                                   indicator or None) for f, (kind, indicator) in zip(files, choices)]
        return imports.prepare(store, offered, remove, by=who(ctx.user), today=ctx.today, now=ctx.now,
                               preview=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the candidate holds its own link to each file


def import_page(ctx: Context) -> None:
    store = default_store()
    flash()
    token = st.session_state.setdefault(_TOKEN, 0)
    files = st.file_uploader(
        "Dokumenter og udtræk (PDF, Word .docx, tekst/CSV, Excel .xlsx)", accept_multiple_files=True,
        key=f"uploads_{token}",
        help=f"Højst {settings.get('max_upload_mb')} MB pr. fil. Typen afgøres af indholdet, ikke af filnavnet.") or []
    current = store.current_id()
    present = [f.file for f in store.version(current).files] if current is not None else []
    remove = tuple(st.multiselect("Fjern indlæste filer", present, key=f"remove_{token}", placeholder="Vælg filer",
                                  help="At fjerne en fil er også en indlæsning: den giver en ny version."))
    indicators = data.cached(queries.indicators)
    names = dict(zip(indicators["id"], indicators["short_name"]))
    choices: list[tuple[str, str]] = []
    for i, f in enumerate(files):
        left, right = st.columns(2)
        kind = left.selectbox(f"Type: {plain(f.name)}", [AUTO, *KINDS], key=f"kind_{token}_{i}",
                              format_func=lambda k: KINDS.get(k, "Afgøres ud fra indholdet"))
        indicator = right.selectbox(f"Indikator: {plain(f.name)}", [AUTO, *names], key=f"ind_{token}_{i}",
                                    format_func=lambda k: names.get(k, "Som filen angiver"))
        choices.append((kind, indicator))
    if not files and not remove:
        _drop_preview(store)
        st.info("Vælg en eller flere filer. Du ser, hvad der blev læst, og hvad det ændrer, før noget indlæses.",
                icon=":material/upload_file:")
        return
    signature = (tuple((f.file_id, f.name, f.size) for f in files), tuple(choices), remove)
    held: _Held | None = st.session_state.get(_PREVIEW)
    clicked = bool(st.session_state.get("import_go"))
    # Another import since the preview: a new preview, except in the run of an "Indlæs" click, which must
    # commit what was shown or be refused as stale, never import a preview nobody saw.
    if held is None or held.signature != signature or (held.preview.current != current and not clicked):
        _drop_preview(store)
        try:
            with st.spinner("Læser filerne og bygger forhåndsvisningen …"):
                preview = _prepare(ctx, store, files, choices, remove)
        except DashboardError as exc:
            _log.warning("preview failed: %s", exc.detail)
            st.error(plain(exc.message))
            return
        held = _Held(signature, preview, import_answer(preview))
        st.session_state[_PREVIEW] = held
    _show(held.answer)
    left, right, _ = st.columns([1, 1, 4])
    if left.button("Indlæs", type="primary", disabled=not held.answer.importable, icon=":material/publish:",
                   key="import_go"):
        try:
            version = imports.commit(store, held.preview, by=who(ctx.user), now=ctx.now)
        except StalePreview as exc:
            _drop_preview(store)
            st.warning(plain(exc.message) + " Den nye forhåndsvisning vises, når du klikker igen.")
            return
        except DashboardError as exc:
            _log.warning("import failed: %s", exc.detail)
            st.error(plain(exc.message))
            return
        st.session_state.pop(_PREVIEW, None)  # its folder is the new version now
        st.session_state[_FLASH] = (f"Version {version.id} vises nu: {held.answer.summary.rstrip('.')}. Alle sider "
                                    "viser de nye tal ved næste klik; forrige version kan rulles tilbage under "
                                    "Datakilder.")
        _reset(store)
        st.rerun()
    if right.button("Fortryd", icon=":material/undo:"):
        _reset(store)
        st.session_state[_FLASH] = "Intet blev indlæst."
        st.rerun()


def _table(frame: pd.DataFrame) -> None:
    if not frame.empty:
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="–")


def _show(answer: ImportAnswer) -> None:
    for message in answer.refused:
        st.error(plain(message), icon=":material/block:")
    if not answer.importable:
        st.warning("Intet kan indlæses.", icon=":material/warning:")
        _files(answer)
        return
    st.subheader("Det ændrer indlæsningen")
    st.markdown(f"**{plain(answer.summary)}**")
    lines = [*answer.changes, *answer.files_changed]
    if lines:
        st.text("\n".join(lines))
    if answer.based_on:
        st.caption(plain(answer.based_on))
    for line in answer.demo:
        st.warning(plain(line), icon=":material/science:")
    _table(answer.by_indicator)
    _files(answer)


def _files(answer: ImportAnswer) -> None:
    if answer.files:
        st.subheader("Det blev læst")
    for card in answer.files:
        with st.container(border=True):
            renamed = f" (gemmes som {card.name})" if card.name != card.offered else ""
            st.markdown(f"**{plain(card.offered)}**{plain(renamed)}")
            st.text(f"Genkendt type: {card.kind_label} · {card.status} · {card.counts}")
            _table(card.ranges)
            _table(card.initiatives)
            if card.meetings:
                st.text("Møde: " + "; ".join(card.meetings))
            if not card.agenda.empty:
                st.text("\n".join(f"Punkt {n}: {title} – {kind}" for n, title, kind in card.agenda.itertuples(index=False)))
            if card.rejections.empty:
                st.caption("Ingen afviste rækker.")
            else:
                st.markdown("**Afviste rækker**")
                st.text("\n".join(f"Linje {line}: {problem}" if line == line and line is not None else problem
                                   for line, problem in card.rejections.itertuples(index=False)))
            for line in card.more:
                st.caption(plain(line))


def versions_section(ctx: Context) -> None:
    """Datakilder's versions: who imported what and when, and Rul tilbage for editors."""
    store = default_store()
    flash()
    st.subheader("Versioner")
    versions = store.versions()
    if not versions:
        st.info("Databasen har endnu ingen versioner: den første indlæsning gør de nuværende data til version 1.",
                icon=":material/history:")
        return
    answer = versions_answer(versions, store.history(), store.current_id())
    if answer.current is not None:
        st.markdown(f"**Vises nu:** {plain(answer.labels[answer.current])}")
    st.dataframe(answer.table, hide_index=True, width="stretch", placeholder="–")
    for line in answer.history[:10]:
        st.caption(plain(line))
    shown = st.selectbox("Filer i version", [v.id for v in versions], format_func=lambda i: answer.labels[i],
                         key="version_files")
    st.dataframe(answer.files[shown], hide_index=True, width="stretch", placeholder="–")
    if not ctx.user.is_editor or not answer.ids:
        return
    target = st.selectbox("Rul tilbage til", answer.ids, format_func=lambda i: answer.labels[i], key="rollback_to")
    if st.button("Rul tilbage", icon=":material/history:"):
        try:
            version = imports.rollback(store, target, by=who(ctx.user), now=ctx.now, wait=0)
        except DashboardError as exc:
            _log.warning("rollback failed: %s", exc.detail)
            st.error(plain(exc.message))
            return
        st.session_state[_FLASH] = (f"Version {version.id} vises nu igen: dens data og dens {len(version.files)} "
                                    "kildefiler.")
        with contextlib.suppress(KeyError):
            del st.session_state["rollback_to"]
        st.rerun()
