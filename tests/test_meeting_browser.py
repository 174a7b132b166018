"""Siden sidste møde in a real Chromium: pick a meeting, read the changes, follow one to the page that shows it,
and download the Mødebrief."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect
from pptx import Presentation

from tests.test_browser import browser, page, server, shot, wait_ready  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def _choose(pg: Page, label: str, option: str) -> None:
    pg.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').filter(has_text=label).first.click()
    pg.get_by_role("option", name=option, exact=True).click()


def test_pick_a_meeting_read_follow_and_download_the_brief(server: str, page: Page, tmp_path: Path) -> None:  # noqa: F811
    page.goto(f"{server}/Siden_sidste_moede?region=1082")
    wait_ready(page)
    _choose(page, "Forum", "Sundhedsstyregruppen (SSG)")
    page.wait_for_url(re.compile(r"forum=SSG.*moede=2025-09-12|moede=2025-09-12.*forum=SSG"), timeout=20000)
    wait_ready(page)
    expect(page.get_by_text("Sundhedsstyregruppen: siden 13. jun. 2025 til 12. sep. 2025")).to_be_visible()
    expect(page.get_by_text("Nye og ændrede beslutninger", exact=False).first).to_be_visible()
    shot(page, "siden-sidste-moede")

    # the Word and slide brief, made on request and downloaded
    page.get_by_text("Lav mødebrief og overblik til download").click()
    button = page.get_by_role("button", name=re.compile("Hent mødebrief \\(.pptx\\)"))
    expect(button).to_be_visible(timeout=60000)
    with page.expect_download(timeout=60000) as pptx:
        button.click()
    deck = tmp_path / "brief.pptx"
    pptx.value.save_as(deck)
    assert pptx.value.suggested_filename == "moedebrief_SSG_2025-09-12.pptx"
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides if s.shapes.title is not None]
    assert titles[0] == "Mødebrief: Sundhedsstyregruppen" and titles[1].startswith("Siden sidste møde")
    with page.expect_download(timeout=60000) as word:
        page.get_by_role("button", name=re.compile("Hent mødebrief \\(.docx\\)")).click()
    word.value.save_as(tmp_path / "brief.docx")
    assert Document(str(tmp_path / "brief.docx")).paragraphs[0].text == "Mødebrief: Sundhedsstyregruppen 12. september 2025"

    # a decision line leads to Beslutninger, in that meeting's quarter, with the region kept
    page.get_by_role("link", name=re.compile("SSG 12. sep. 2025, punkt 2: Godkendelse af det sundhedsfaglige")).click()
    page.wait_for_url(re.compile(r"/Beslutninger\?"), timeout=20000)
    assert "fra=2025-Q3" in page.url and "til=2025-Q3" in page.url and "region=1082" in page.url
    wait_ready(page)
    # the grid draws on a canvas; its accessible cells carry the text
    expect(page.locator('[role="gridcell"]', has_text="Godkendelse af det sundhedsfaglige grundlag").first
           ).to_be_attached(timeout=20000)


def test_long_change_lines_wrap_inside_the_page(server: str, page: Page) -> None:  # noqa: F811
    """A line is a link to the page that shows it; a long one wraps (all of it on screen), never ends cut off."""
    page.goto(f"{server}/Siden_sidste_moede?region=1082&forum=SSG&moede=2025-09-12")
    wait_ready(page)
    link = page.locator('[data-testid="stMain"] [data-testid="stPageLink-NavLink"]', has_text="TeleHjerte): Under "
                        "udarbejdelse → Besluttet").first
    expect(link).to_be_visible(timeout=20000)
    fits = """a => [...a.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)
                   && a.getBoundingClientRect().right <= document.documentElement.clientWidth"""
    for _ in range(20):  # the page's style block may arrive a moment after the line: look again for 10 s
        if link.evaluate(fits):
            break
        page.wait_for_timeout(500)
    assert link.evaluate(fits), "the line is cut off at the right"
    assert link.bounding_box()["height"] > 30  # on two lines or more
