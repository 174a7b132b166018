"""Sign-in end to end: a real OpenID Connect provider (oidc-provider-mock) on loopback, the served app with
an [auth] secrets file of the test's own, and Debian's Chromium clicking through st.login's redirects.
Nothing leaves 127.0.0.1: every other request the browser makes is refused."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from tests.test_browser import browser, start_app  # noqa: F401 (the browser fixture)

pytestmark = [pytest.mark.browser,
              # oidc-provider-mock 0.3.4 still uses Authlib's older JWT configuration hook: the provider's concern
              pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")]

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
EDITORS = "editor@region.dk"
EDITOR_GROUPS = "sundhed-redaktoer"
IMPORT_LINK = "Indlæs data"
REFUSAL = "Kun redaktører kan indlæse data og rulle tilbage."
UPLOADER = '[data-testid="stFileUploader"]'


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The identity provider: any client id and secret, users (sub → claims) set by PUT /users/<sub>."""
    import authlib.deprecate  # noqa: F401 - it puts its own "always" filter first when imported

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # it imports Authlib's deprecated authlib.jose
        from oidc_provider_mock import run_server_in_thread
    with run_server_in_thread() as server:
        yield f"http://127.0.0.1:{server.server_port}"


def set_claims(provider: str, sub: str, claims: dict[str, Any]) -> None:
    request = urllib.request.Request(f"{provider}/users/{sub}", data=json.dumps(claims).encode(), method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204


@pytest.fixture(scope="module")
def server(seed_db: Path, provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    folder = tmp_path_factory.mktemp("auth")
    secrets_toml = folder / "secrets.toml"
    secrets_toml.write_text(
        "[auth]\n"
        f'redirect_uri = "{url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "sundhed-dashboard"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    db = folder / "dashboard.db"  # the editor imports into it: a copy, not the session's shared database
    shutil.copyfile(seed_db, db)
    env = {**os.environ, "SUNDHED_DB": str(db), "SUNDHED_EDITORS": EDITORS,
           "SUNDHED_EDITOR_GROUPS": EDITOR_GROUPS, "SUNDHED_GROUP_CLAIM": "groups"}
    with start_app(env, ("--secrets.files", str(secrets_toml)), port=port) as started:
        yield started


def _loopback_only(route: Route) -> None:
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:  # the provider's page asks a CDN for its stylesheet: not from here
        route.abort()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:  # noqa: F811 (uses the imported fixture)
    """A browser of its own (own cookies) for each test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    context.route("**/*", _loopback_only)
    pg = context.new_page()
    yield pg
    context.close()


def settled(page: Page) -> None:
    """The script has finished its run (Streamlit shows a status widget while it runs)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)


def sign_in(page: Page, server: str, provider: str, sub: str, claims: dict[str, Any]) -> None:
    """Set the user's claims at the provider, then sign in as a user does: Log ind, the provider's form, back."""
    set_claims(provider, sub, claims)
    page.goto(server)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(re.compile(re.escape(provider) + "/oauth2/authorize"), timeout=20000)
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(re.compile(re.escape(server) + r"/?(\?.*)?$"), timeout=30000)
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=30000)
    settled(page)


def sidebar(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]')


@pytest.mark.parametrize("path", ["/", "/Indlaes_data"])
def test_nobody_reads_before_signing_in(server: str, page: Page, path: str) -> None:
    page.goto(server + path)
    expect(page.get_by_role("button", name="Log ind")).to_be_visible(timeout=30000)
    settled(page)
    expect(page.get_by_role("heading", name="Sundhedsaftalen")).to_be_visible()
    assert page.locator('[data-testid="stMetric"], [data-testid="stPlotlyChart"], [data-testid="stSelectbox"], '
                        + UPLOADER).count() == 0
    assert page.get_by_role("link", name="Overblik").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_reader_reads_sees_who_they_are_and_signs_out(server: str, provider: str, page: Page) -> None:
    sign_in(page, server, provider, "reader@region.dk",
            {"email": "reader@region.dk", "email_verified": True, "name": "Rikke **Læser**"})
    expect(page.get_by_role("heading", name="Overblik")).to_be_visible(timeout=30000)
    expect(sidebar(page).get_by_text("Logget ind som Rikke **Læser** (læser)")).to_be_visible()  # as written
    expect(sidebar(page).get_by_role("link", name="Overblik")).to_be_visible()
    assert sidebar(page).get_by_role("link", name=IMPORT_LINK).count() == 0
    assert sidebar(page).get_by_text("Ingen log-ind er sat op").count() == 0

    page.goto(f"{server}/Indikatorer")  # a new session: the sign-in is kept in the cookie
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=30000)
    settled(page)
    expect(page.get_by_role("heading", name="Indikatorer").first).to_be_visible(timeout=20000)

    sidebar(page).get_by_role("button", name="Log ud").click()
    page.wait_for_url(re.compile(re.escape(provider) + "/oauth2/end_session"), timeout=20000)
    page.goto(server)
    expect(page.get_by_role("button", name="Log ind")).to_be_visible(timeout=30000)


def test_a_reader_who_types_the_import_address_is_refused(server: str, provider: str, page: Page) -> None:
    sign_in(page, server, provider, "reader2@region.dk", {"email": "reader2@region.dk", "name": "Rasmus Læser"})
    page.goto(f"{server}/Indlaes_data")
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=30000)
    settled(page)
    expect(page.get_by_text(REFUSAL)).to_be_visible(timeout=20000)
    expect(page.get_by_text("Du er logget ind som Rasmus Læser (læser).")).to_be_visible()
    assert page.locator(UPLOADER).count() == 0


@pytest.mark.parametrize("sub, claims", [
    ("editor@region.dk", {"email": "EDITOR@region.dk", "email_verified": True, "name": "Eva Redaktør"}),
    ("gruppe@region.dk", {"email": "gruppe@region.dk", "name": "Eva Redaktør", "groups": [EDITOR_GROUPS]}),
], ids=["by-email", "by-group"])
def test_an_editor_finds_the_import_page(server: str, provider: str, page: Page, sub: str,
                                         claims: dict[str, Any]) -> None:
    sign_in(page, server, provider, sub, claims)
    expect(sidebar(page).get_by_text("Logget ind som Eva Redaktør (redaktør)")).to_be_visible(timeout=20000)
    sidebar(page).get_by_role("link", name=IMPORT_LINK).click()
    page.wait_for_url(re.compile(r"/Indlaes_data"), timeout=20000)
    expect(page.locator(UPLOADER)).to_be_visible(timeout=30000)
    assert page.get_by_text(REFUSAL).count() == 0


def test_an_unverified_editor_address_only_reads(server: str, provider: str, page: Page) -> None:
    sign_in(page, server, provider, "falsk@region.dk",
            {"email": "editor@region.dk", "email_verified": False, "name": "Falsk Redaktør"})
    expect(sidebar(page).get_by_text("Logget ind som Falsk Redaktør (læser)")).to_be_visible(timeout=20000)
    assert sidebar(page).get_by_role("link", name=IMPORT_LINK).count() == 0


def test_an_editor_imports_and_the_version_names_them(server: str, provider: str, page: Page,
                                                      tmp_path: Path) -> None:
    extract = tmp_path / "akut.csv"
    extract.write_text("indikator;kode;periode;værdi\n" + "".join(
        f"acute_admissions_65plus;{code};2025M{month:02d};100\n" for code in ("751", "741") for month in range(1, 7)),
        encoding="utf-8")
    sign_in(page, server, provider, "editor@region.dk",
            {"email": "editor@region.dk", "email_verified": True, "name": "Eva Redaktør"})
    expect(sidebar(page).get_by_text("Logget ind som Eva Redaktør (redaktør)")).to_be_visible(timeout=20000)
    sidebar(page).get_by_role("link", name=IMPORT_LINK).click()
    page.wait_for_url(re.compile(r"/Indlaes_data"), timeout=20000)
    page.locator(f"{UPLOADER} input[type='file']").set_input_files(str(extract))
    expect(page.get_by_text("12 nye observationer").first).to_be_visible(timeout=60000)
    page.get_by_role("button", name="Indlæs", exact=True).click()
    expect(page.get_by_text(re.compile(r"Version 2 vises nu"))).to_be_visible(timeout=60000)
    sidebar(page).get_by_role("link", name="Datakilder").click()
    # (ui.text.plain keeps an address from becoming a link with an invisible word joiner before the @)
    expect(page.get_by_text(re.compile("Version 2 · .* · Eva Redaktør \\(editor\u2060?@region.dk\\) · Indlæsning; nye: "
                                       "akut.csv"))).to_be_visible(timeout=30000)
