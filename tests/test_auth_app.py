"""Sign-in through AppTest: no [auth] (the local note), an unreadable secrets file (stops), the sign-in page,
a signed-in reader and editor (``at.user``), and the editors-only refusal. The whole flow with a real
OpenID Connect provider is in tests/test_auth_oidc.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import config
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from tests.apptest import shown
from tests.conftest import ROOT
from ui import auth
from ui.text import plain

pytestmark = pytest.mark.usefixtures("app_db")

AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                 "client_id": "dashboard", "client_secret": "secret",
                 "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}
EDITOR_LINK = "Indlæs data"


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The only secrets file the app looks for (not yet written), whatever the developer has in .streamlit/."""
    path = tmp_path / "secrets.toml"
    old = config.get_option("secrets.files")
    config._set_option("secrets.files", [str(path)], "test")
    monkeypatch.setattr(st, "secrets", Secrets())
    yield path
    config._set_option("secrets.files", old, "test")


def run(user: dict[str, Any] | None = None, secrets: dict[str, Any] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if secrets is not None:
        at.secrets = secrets
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sidebar_text(at: AppTest) -> str:
    return "\n".join(shown(str(c.value)) for c in at.sidebar.caption)


def links(at: AppTest) -> list[str]:
    return [str(link.proto.label) for link in at.sidebar.get("page_link")]


def test_without_auth_everyone_edits_and_the_sidebar_says_so(secrets_file: Path) -> None:
    at = run()
    assert at.title[0].value == "Overblik"
    assert auth.LOCAL_NOTE in sidebar_text(at)
    assert EDITOR_LINK in links(at)
    assert not [b for b in at.sidebar.button if b.label == "Log ud"]


def test_a_secrets_file_without_auth_is_still_local(secrets_file: Path) -> None:
    secrets_file.write_text('[database]\npassword = "x"\n', encoding="utf-8")
    assert auth.LOCAL_NOTE in sidebar_text(run())


def test_a_secrets_file_that_cannot_be_read_stops_instead_of_opening_the_app(secrets_file: Path) -> None:
    secrets_file.write_text("[auth\nredirect_uri = \n", encoding="utf-8")
    at = run()
    assert [e.value for e in at.error] == [
        "Log-ind kan ikke sættes op: filen med hemmeligheder (.streamlit/secrets.toml) kan ikke læses. "
        "Ret den, og genstart appen."]
    assert not at.title and not at.sidebar.caption and not at.metric


@pytest.mark.parametrize("user", [{"email": "test@example.com"}, {"is_logged_in": False}])
def test_with_auth_nobody_reads_before_signing_in(user: dict[str, Any]) -> None:
    at = run(user, AUTH)
    assert [t.value for t in at.title] == ["Sundhedsaftalen"]
    assert [b.label for b in at.button] == ["Log ind"]
    assert not at.metric and not at.sidebar.selectbox and not links(at)


def test_a_reader_reads_sees_who_they_are_and_no_import_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_EDITORS", "editor@region.dk")
    hostile = "**Fed** [klik](https://example.org) :red[x]"
    at = run({"is_logged_in": True, "email": "reader@region.dk", "name": hostile}, AUTH)
    assert at.title[0].value == "Overblik" and at.metric
    assert f"Logget ind som {hostile} (læser)" in sidebar_text(at)
    assert plain(f"Logget ind som {hostile} (læser)") in [c.value for c in at.sidebar.caption]  # never markup
    assert EDITOR_LINK not in links(at) and "Overblik" in links(at)
    assert [b.label for b in at.sidebar.button] == ["Log ud"]
    assert auth.LOCAL_NOTE not in sidebar_text(at)


@pytest.mark.parametrize("env, claims", [
    ({"SUNDHED_EDITORS": "Editor@Region.dk"}, {"email": "editor@region.dk", "name": "Eva Redaktør"}),
    ({"SUNDHED_EDITOR_GROUPS": "sundhed-redaktoer"}, {"email": "x@region.dk", "name": "Eva Redaktør",
                                                      "groups": ["sundhed-redaktoer"]}),
    ({"SUNDHED_EDITOR_GROUPS": "app-editor", "SUNDHED_GROUP_CLAIM": "roles"},
     {"email": "x@region.dk", "name": "Eva Redaktør", "roles": ["app-editor"]}),
])
def test_an_editor_sees_the_import_link(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                        claims: dict[str, Any]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    at = run({"is_logged_in": True, **claims}, AUTH)
    assert "Logget ind som Eva Redaktør (redaktør)" in sidebar_text(at)
    assert EDITOR_LINK in links(at)


def test_an_unverified_address_is_no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_EDITORS", "editor@region.dk")
    at = run({"is_logged_in": True, "email": "editor@region.dk", "email_verified": False}, AUTH)
    assert "(læser)" in sidebar_text(at) and EDITOR_LINK not in links(at)


def _guarded_page(is_editor: bool) -> None:
    import streamlit as st

    from ui import auth

    auth.require_editor(auth.User("Læs *Ser*", "l@region.dk", is_editor, True))
    st.file_uploader("Fil")


@pytest.mark.parametrize("is_editor", [False, True])
def test_require_editor_refuses_a_reader(is_editor: bool) -> None:
    at = AppTest.from_function(_guarded_page, kwargs={"is_editor": is_editor}).run()
    assert not at.exception
    if is_editor:
        assert not at.error and at.get("file_uploader")
    else:
        refusal = "Kun redaktører kan indlæse data og rulle tilbage. Du er logget ind som Læs *Ser* (læser)."
        assert [e.value for e in at.error] == [plain(refusal)]  # the name as written, never as markup
        assert not at.get("file_uploader")
