"""No page fetches anything from the internet (issue 13): a hospital network may have no way out, so fonts,
icons, Plotly's MathJax and maps and Streamlit's own assets all come from the app itself. Every request
the browser makes is routed: one to any host but the app's loopback address is recorded and refused."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route

from tests.test_browser import CHARTS, browser, charts_drawn, page, server, shot, wait_ready  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PAGES = ["Overblik", "Indikatorer", "Telemedicin", "Indsatser", "Tidslinje", "Beslutninger", "Eksport", "Datakilder"]
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture
def outside(page: Page) -> Iterator[list[str]]:  # noqa: F811 (the fixture above)
    """The addresses of requests that left the machine (each refused, as a closed network would)."""
    seen: list[str] = []

    def check(route: Route) -> None:
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL:
            route.continue_()
        else:
            seen.append(url)
            route.abort("internetdisconnected")

    page.context.route("**/*", check)
    yield seen


def test_no_page_fetches_anything_from_the_internet(server: str, page: Page, outside: list[str]) -> None:  # noqa: F811
    page.goto(f"{server}/?region=1082&fra=2021-Q1&til=2025-Q4")
    wait_ready(page)
    for name in PAGES[1:]:
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name=name, exact=True).click()
        page.wait_for_function(f"document.title.startsWith({name!r})", timeout=30000)
        wait_ready(page)
        expected = CHARTS.get(name, 0)
        if expected:
            charts_drawn(page, expected)  # Plotly has loaded and drawn: MathJax or a map would have been asked for
        page.wait_for_load_state("networkidle", timeout=30000)
    shot(page, "offline-datakilder")
    assert not outside, sorted(set(outside))
