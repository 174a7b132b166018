"""Real Chromium (Debian's /usr/bin/chromium) against the served app: what
only a browser shows — navigation links, the URL, a widget change."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

import settings
from tests.conftest import ROOT, private_copy

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def start_app(env: dict[str, str], args: tuple[str, ...] = (), port: int | None = None) -> Iterator[str]:
    """``streamlit run dashboard.py`` on a (free) loopback port with ``env``; its URL once healthy. Its output
    goes to a file, not a pipe nobody reads, so a chatty server never blocks on it."""
    port = port or _free_port()
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *args],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            proc.kill()
            log.seek(0)
            pytest.fail(f"streamlit did not start: {log.read()}")
        try:
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = private_copy(seed_db, tmp_path_factory.mktemp("served"))
    with start_app({**os.environ, "SUNDHED_DB": str(db)}) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = settings.get("chromium")
    assert Path(chromium).exists(), f"{chromium} is missing: `make test` installs Debian's chromium as root"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    pg = context.new_page()
    yield pg
    context.close()


def wait_ready(page: Page) -> None:
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=30000)
    # Streamlit shows a status widget while the script runs.
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)


CHARTS = {"Indikatorer": 2, "Telemedicin": 2, "Tidslinje": 1}  # Plotly charts each page shows on seed data


def charts_drawn(page: Page, expected: int) -> None:
    """At least ``expected`` Plotly charts have drawn their plot (Plotly loads after the page is ready)."""
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot')]"
        f".filter(p => p.querySelector('.main-svg')).length >= {expected}",
        timeout=45000)


def pick(page: Page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_filters_live_in_the_url_and_survive_navigation(server: str, page: Page) -> None:
    page.goto(f"{server}/?region=1082&klynge=vest&fra=2021-Q1&til=2025-Q4")
    wait_ready(page)
    expect(page.get_by_text("Vestklyngen, Region Midtjylland · 1. kvt. 2021 – 4. kvt. 2025")).to_be_visible()

    # The first filter change counts (no lost first change).
    pick(page, "Region", "Region Syddanmark")
    page.wait_for_url(re.compile(r"region=1083"), timeout=20000)
    expect(page.get_by_text("Region Syddanmark · 1. kvt. 2021 – 4. kvt. 2025")).to_be_visible(timeout=20000)
    assert "klynge=" not in page.url

    pick(page, "Klynge", "Sundhedsklynge Fyn")
    page.wait_for_url(re.compile(r"klynge=fyn"), timeout=20000)

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Beslutninger").click()
    page.wait_for_url(re.compile(r"/Beslutninger\?.*klynge=fyn"), timeout=20000)
    wait_ready(page)
    expect(page.get_by_role("heading", name="Beslutninger")).to_be_visible()
    expect(page.get_by_text("Sundhedsklynge Fyn, Region Syddanmark · 1. kvt. 2021 – 4. kvt. 2025")).to_be_visible()
    shot(page, "beslutninger-fyn")

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Overblik").click()
    page.wait_for_url(re.compile(r"region=1083.*klynge=fyn|klynge=fyn.*region=1083"), timeout=20000)
    wait_ready(page)
    expect(page.get_by_text("Sundhedsklynge Fyn, Region Syddanmark · 1. kvt. 2021")).to_be_visible()


def test_a_copied_link_opens_the_same_view(server: str, browser: Browser) -> None:
    first = browser.new_page()
    first.goto(f"{server}/Indsatser?region=1082&fra=2026-Q1&til=2026-Q3")
    wait_ready(first)
    expect(first.get_by_text("2 af 2 indsatser")).to_be_visible(timeout=20000)
    copied = first.url
    first.close()
    other = browser.new_context().new_page()
    other.goto(copied)
    wait_ready(other)
    expect(other.get_by_text("2 af 2 indsatser")).to_be_visible(timeout=20000)
    expect(other.get_by_text("Region Midtjylland · 1. kvt. 2026 – 3. kvt. 2026")).to_be_visible()
    other.context.close()


def test_every_page_renders_in_the_browser(server: str, page: Page) -> None:
    names = ["Overblik", "Indikatorer", "Telemedicin", "Indsatser", "Tidslinje", "Beslutninger", "Eksport",
             "Datakilder"]
    page.goto(f"{server}/?region=1082&fra=2017-Q4&til=2026-Q3")
    wait_ready(page)
    for name in names:
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=name).click()
        wait_ready(page)
        expect(page.get_by_role("heading", name=name).first).to_be_visible(timeout=20000)
        charts_drawn(page, CHARTS.get(name, 0))
        assert page.locator('[data-testid="stException"]').count() == 0, name
        assert "region=1082" in page.url
        shot(page, f"page-{name.lower()}")
        if name in ("Overblik", "Indikatorer", "Telemedicin"):
            expect(page.get_by_text("Eksempeldata").first).to_be_visible()


def test_bad_link_shows_a_note_not_a_traceback(server: str, page: Page) -> None:
    page.goto(f"{server}/Tidslinje?region=42&fra=banan")
    wait_ready(page)
    expect(page.get_by_text("Ukendt region '42' i linket – viser Region Midtjylland.")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0


def test_text_from_a_link_shows_as_written_never_as_markup(server: str, page: Page) -> None:
    from urllib.parse import quote

    hostile = "**fed** _x_ :orange[rød] [klik](https://example.org)"
    page.goto(f"{server}/Indsatser?region=1082&indsats={quote(hostile)}")
    wait_ready(page)
    note = page.locator('[data-testid="stAlert"]').filter(has_text="i linket findes ikke")
    expect(note).to_contain_text("i linket findes ikke", timeout=20000)
    assert f"Indsatsen '{hostile}' i linket findes ikke" in note.inner_text().replace("\u2060", "")
    assert note.locator("strong, em, a").count() == 0  # no bold, no italics, no link made from the URL


def test_board_timeline_and_log_across_regions_and_a_card_link(server: str, page: Page) -> None:
    page.goto(f"{server}/Indsatser?region=1082&fra=2017-Q4&til=2026-Q3")
    wait_ready(page)
    expect(page.get_by_text("Overskredet (8)")).to_be_visible(timeout=20000)
    shot(page, "indsatser-midtjylland")

    pick(page, "Region", "Region Syddanmark")
    page.wait_for_url(re.compile(r"region=1083"), timeout=20000)
    expect(page.get_by_text("Status ikke oplyst (20)")).to_be_visible(timeout=20000)
    shot(page, "indsatser-syddanmark")
    for name in ("Tidslinje", "Beslutninger"):
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=name).click()
        wait_ready(page)
        expect(page.get_by_role("heading", name=name).first).to_be_visible(timeout=20000)
        assert "region=1083" in page.url
        shot(page, f"{name.lower()}-syddanmark")

    pick(page, "Region", "Region Midtjylland")
    page.wait_for_url(re.compile(r"region=1082"), timeout=20000)
    expect(page.get_by_text("15 af 15 punkter")).to_be_visible(timeout=20000)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Indsatser").click()
    wait_ready(page)
    button = page.locator(".st-key-open_indsats-fra-oekonomaftalerne-opstart-af-den-bd51 button")
    expect(button).to_have_text(re.compile("Åbn"), timeout=20000)
    button.click()
    page.wait_for_url(re.compile(r"indsats=indsats-fra-oekonomaftalerne"), timeout=20000)
    wait_ready(page)
    expect(page.get_by_text("Hvorfor står den her? Godkendt af Sundhedsstyregruppen 12. sep. 2025, punkt 2",
                            exact=False)).to_be_visible(timeout=20000)
    expect(page.get_by_text("Godkendelse af det sundhedsfaglige grundlag for TeleHjerte").first).to_be_visible()
    shot(page, "indsats-kort-telehjerte")
    copied = page.url
    browser = page.context.browser
    assert browser is not None
    other = browser.new_page()  # the card's link opens the card by itself
    other.goto(copied)
    wait_ready(other)
    expect(other.get_by_text("Hvorfor står den her? Godkendt af Sundhedsstyregruppen 12. sep. 2025, punkt 2",
                             exact=False)).to_be_visible(timeout=20000)
    other.close()


def test_add_two_charts_build_the_deck_and_download_it(server: str, page: Page, tmp_path: Path) -> None:
    from pptx import Presentation

    page.goto(f"{server}/Indikatorer?region=1082&klynge=vest&fra=2024-Q1&til=2025-Q4")
    wait_ready(page)
    charts_drawn(page, 2)
    page.locator(".st-key-add_indicator-acute_admissions_65plus button, "
                 "[class*='st-key-add_indicator'] button").first.click()
    expect(page.get_by_text("Føjet til præsentationen").first).to_be_visible(timeout=20000)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Tidslinje").click()
    wait_ready(page)
    charts_drawn(page, 1)
    page.locator(".st-key-add_timeline button").click()
    expect(page.get_by_text("Føjet til præsentationen").first).to_be_visible(timeout=20000)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Eksport").click()
    wait_ready(page)
    expect(page.get_by_text("3 sider i alt")).to_be_visible(timeout=60000)
    previews = page.locator("img[src*='/media/']")
    expect(previews).to_have_count(2, timeout=90000)  # one small picture a slide, made by kaleido
    page.wait_for_function("[...document.querySelectorAll(\"img[src*='/media/']\")].every(i => i.naturalWidth > 0)",
                           timeout=30000)
    shot(page, "eksport-praesentation")
    wait_ready(page)  # a rerun still under way would cancel the download it replaces
    with page.expect_download(timeout=60000) as download:
        page.get_by_role("button", name=re.compile("Hent præsentation")).click()
    target = tmp_path / "deck.pptx"
    download.value.save_as(target)
    prs = Presentation(str(target))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == ["Sundhedsaftalen: status", "Akutte indlæggelser 65+ i Vestklyngen, 2024–2025",
                      "Indsatsernes tidsvinduer i Region Midtjylland"]
    assert any(sh.has_chart for sh in prs.slides[1].shapes)
