"""A page's own choices in the URL (Indikatorer's ``indikator`` and ``frekvens``), beside the shared filters.

The sidebar's links carry the filters only, so a page remembers its last choices in the session for links
that arrive without them; a shared link with them opens the same view."""

from __future__ import annotations

import streamlit as st

from ui.text import plain


def from_link(key: str, allowed: dict[str, str], what: str, memory: str) -> str:
    """The page's own choice from the URL, else the last one in this session (``memory``), else the first;
    a value in the URL that does not exist is named, as written."""
    last = st.session_state.get(memory, {}).get(key)
    fallback = last if last in allowed else next(iter(allowed))
    value = st.query_params.get(key)
    if value is None:
        return fallback
    if value not in allowed:
        st.warning(plain(f"{what} '{value}' i linket findes ikke – viser {allowed[fallback]}."),
                   icon=":material/link_off:")
        return fallback
    return value


def keep(memory: str, **choices: str) -> None:
    """Write the page's choices into the URL and remember them for links without them."""
    for key, value in choices.items():
        st.query_params[key] = value
    st.session_state[memory] = dict(choices)


def follow_label(key: str, labels: dict[str, str], widget: str) -> None:
    """A widget's on_change: the URL parameter ``key`` follows the label chosen in ``widget``."""
    st.query_params[key] = next(k for k, v in labels.items() if v == st.session_state[widget])
