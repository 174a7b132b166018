"""Sign-in through Streamlit's OpenID Connect support (st.login) and the two roles.

Without an ``[auth]`` section in .streamlit/secrets.toml the app is a local
single-user app: everyone is an editor and the sidebar says that no sign-in is
set up. With it, nobody sees a page before signing in with the region's
identity provider; editors (``domain.roles``) may import data and roll back,
everyone else signed in reads.

Claims (name, e-mail) are data from the provider: they are shown through
``ui.text.plain``, never as Markdown.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

import settings
from domain import roles
from ui.text import plain

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class User:
    name: str  # shown on versions as who imported ("lokal bruger" without sign-in)
    email: str
    is_editor: bool
    signed_in: bool  # False: no sign-in set up (local single-user app)


LOCAL = User("lokal bruger", "", True, False)

LOCAL_NOTE = "Ingen log-ind er sat op: appen kører lokalt for én bruger, og alle kan indlæse data."


def _configured() -> bool:
    """Whether sign-in is set up: an ``[auth]`` section in the secrets.

    No secrets file at all means a local app. A secrets file that exists but cannot be read must not open
    the app to everyone as editors: the page stops with an error instead.
    """
    try:
        return "auth" in st.secrets
    except FileNotFoundError as exc:  # StreamlitSecretNotFoundError: no file, or one that does not parse
        present = [p for p in st.get_option("secrets.files") if Path(p).exists()]
        if not present:
            return False
        _log.error("secrets file %s cannot be read: %s", ", ".join(present), exc)
        st.error("Log-ind kan ikke sættes op: filen med hemmeligheder (.streamlit/secrets.toml) kan ikke læses. "
                 "Ret den, og genstart appen.")
        st.stop()


def user_from_claims(claims: Mapping[str, Any]) -> User:
    """The signed-in user for these ID token claims, with the role from the settings."""
    email = claims.get("email")
    return User(
        name=roles.display_name(claims),
        email=email.strip() if isinstance(email, str) else "",
        is_editor=roles.is_editor(claims, settings.listed("editors"), settings.listed("editor_groups"),
                                  settings.get("group_claim")),
        signed_in=True,
    )


def _sign_in_page() -> None:
    st.title("Sundhedsaftalen")
    st.write("Log ind med din konto i regionen for at se dashboardet.")
    st.button("Log ind", type="primary", icon=":material/login:", key="auth_login", on_click=st.login)


def gate() -> User:
    """The user of this session; with sign-in set up, a sign-in page and st.stop() for anyone not signed in."""
    if not _configured():
        return LOCAL
    claims = st.user.to_dict()
    if claims.get("is_logged_in") is not True:
        _sign_in_page()
        st.stop()
    return user_from_claims(claims)


def role_label(user: User) -> str:
    return "redaktør" if user.is_editor else "læser"


def sidebar(user: User) -> None:
    """Who is signed in and a Log ud button, or the note that no sign-in is set up."""
    if not user.signed_in:
        st.caption(LOCAL_NOTE)
        return
    st.caption(plain(f"Logget ind som {user.name} ({role_label(user)})"))
    st.button("Log ud", icon=":material/logout:", key="auth_logout", on_click=st.logout)


def require_editor(user: User) -> None:
    """Stop the page with a Danish refusal unless ``user`` is an editor."""
    if user.is_editor:
        return
    st.error(plain(f"Kun redaktører kan indlæse data og rulle tilbage. Du er logget ind som {user.name} "
                   f"({role_label(user)})."))
    st.stop()
