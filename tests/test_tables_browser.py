"""In real Chromium: no Streamlit element toolbar (English tooltips, an unneutralised CSV download) over grids and
charts, grids that show their rows without scrolling inside them, an opened card in view wherever the reader
had scrolled to, and the Excel file a grid offers arriving whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.test_browser import browser, charts_drawn, page, server, shot, wait_ready  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

MIDT = "region=1082&fra=2017-Q4&til=2026-Q3"
ENGLISH = ["Fullscreen", "Close fullscreen", "Download as CSV", "Search", "Download", "Show/hide columns"]


def english_controls(pg: Page) -> list[str]:
    """Visible elements whose tooltip or accessible name is one of Streamlit's English toolbar words."""
    found: list[str] = pg.evaluate("""words => [...document.querySelectorAll('[aria-label], [title]')]
        .filter(e => words.includes(e.getAttribute('aria-label')) || words.includes(e.getAttribute('title')))
        .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                       return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; })
        .map(e => e.getAttribute('aria-label') || e.getAttribute('title'))""", ENGLISH)
    return found


@pytest.mark.parametrize(("path", "charts"), [("Beslutninger", 0), ("Indikatorer", 2), ("Datakilder", 0)])
def test_no_element_toolbar_over_grids_and_charts(server: str, page: Page, path: str, charts: int) -> None:  # noqa: F811
    page.goto(f"{server}/{path}?{MIDT}")
    wait_ready(page)
    charts_drawn(page, charts)
    targets = page.locator('[data-testid="stDataFrame"], [data-testid="stPlotlyChart"]')
    targets.first.wait_for(timeout=30000)
    for i in range(targets.count()):
        target = targets.nth(i)
        if not target.is_visible():
            continue  # inside a closed "Vis tallene"
        target.scroll_into_view_if_needed()
        target.hover()
        page.wait_for_timeout(300)  # the toolbar shows on hover
        toolbar = target.locator('xpath=..').locator('[data-testid="stElementToolbar"]')
        assert not any(toolbar.nth(j).is_visible() for j in range(toolbar.count())), f"toolbar on {path} #{i}"
        assert english_controls(page) == [], path


def test_grids_show_their_rows_without_inner_scrolling(server: str, page: Page) -> None:  # noqa: F811
    for path, rows in (("Beslutninger?" + MIDT, 15), ("Datakilder?" + MIDT, 6),
                       ("Tidslinje?region=1083&fra=2017-Q4&til=2026-Q3", 20)):  # Syddanmark: 20 without a window
        page.goto(f"{server}/{path}")
        wait_ready(page)
        grid = page.locator('[data-testid="stDataFrame"]').first
        expect(grid.locator("[aria-rowcount]")).to_have_attribute("aria-rowcount", str(rows + 1), timeout=30000)
        inner = grid.locator(".dvn-scroller").first.evaluate("s => [s.scrollHeight, s.clientHeight]")
        assert inner[0] <= inner[1] + 2, f"{path} scrolls inside its grid: {inner}"
    shot(page, "tidslinje-uden-tid")


def test_an_opened_card_shows_in_view_and_closes(server: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{server}/Indsatser?{MIDT}")
    wait_ready(page)
    opens = page.get_by_role("button", name="Åbn")
    expect(opens).to_have_count(19, timeout=20000)
    last = opens.last  # a card far down the board
    last.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 0 or page.evaluate(
        "document.querySelector('[data-testid=\"stMain\"]').scrollTop") > 0
    last.click()
    page.wait_for_url(re.compile(r"indsats="), timeout=20000)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible(timeout=20000)
    title = dialog.get_by_role("heading").last
    expect(title).to_be_visible()
    box, view = title.bounding_box(), page.viewport_size
    assert box and view and box["y"] >= 0 and box["y"] + box["height"] <= view["height"], box
    expect(dialog.get_by_text("Hvorfor står den her?", exact=False)).to_be_in_viewport()
    shot(page, "indsats-kort-i-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden(timeout=20000)
    page.wait_for_url(lambda url: "indsats=" not in url, timeout=20000)

    page.goto(f"{server}/Indsatser?{MIDT}&indsats=indsats-fra-oekonomaftalerne-opstart-af-den-bd51")  # a link
    wait_ready(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Indsats fra økonomaftalerne", exact=False).first).to_be_in_viewport(timeout=20000)
    dialog.get_by_role("button", name="Luk").click()
    expect(dialog).to_be_hidden(timeout=20000)
    page.wait_for_url(lambda url: "indsats=" not in url, timeout=20000)


def test_the_excel_file_of_a_grid_arrives(server: str, page: Page, tmp_path: Path) -> None:  # noqa: F811
    page.goto(f"{server}/Beslutninger?{MIDT}")
    wait_ready(page)
    button = page.get_by_role("button", name="Hent som Excel")
    button.wait_for(timeout=30000)
    with page.expect_download(timeout=30000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "beslutninger_1082_2017-Q4_2026-Q3.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    book = load_workbook(target)
    assert book.sheetnames == ["Beslutninger", "Om data"]
    assert book["Beslutninger"].max_row == 16 and book["Beslutninger"]["A1"].value == "Dato"
