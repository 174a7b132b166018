"""Accessibility: good and bad never told by colour alone, axe-core in the real browser on every page under two
filter sets, and a visible focus ring. axe-core comes bundled with axe-playwright-python (no download)."""

from __future__ import annotations

import contextlib
import itertools
import json
import math

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from charts.timeline import STATUS_COLOURS, STATUS_PATTERNS
from domain.status import STATUSES
from tests.test_browser import ARTIFACTS, browser, page, server, wait_ready  # noqa: F401

pytestmark = pytest.mark.browser

PAGES = {"Overblik": "", "Indikatorer": "Indikatorer", "Telemedicin": "Telemedicin", "Indsatser": "Indsatser",
         "Tidslinje": "Tidslinje", "Beslutninger": "Beslutninger", "Eksport": "Eksport", "Datakilder": "Datakilder",
         "Siden sidste møde": "Siden_sidste_moede"}
FILTER_SETS = {"standard": "", "syddanmark-lillebaelt": "?region=1083&klynge=lillebaelt"}

# Violations that come from Streamlit's own markup, which the app cannot change from Python. Each is scoped to
# one rule and the selector of the element it comes from, never a whole rule; a finding elsewhere still fails.
# (rule id, CSS selector the node's target must contain, why)
EXCLUDED: list[tuple[str, str, str]] = []

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
CVD = {
    "protanopi": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopi": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
}
MIN_DELTA_E = 20.0  # CIE76; about 2.3 is "just noticeable", 20 is plainly a different colour


def _linear(hex_colour: str) -> tuple[float, float, float]:
    def one(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (one(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    return r, g, b


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(hex_colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, float, float]:
    rgb = _linear(hex_colour)
    r, g, b = (min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)
    return _lab((r, g, b))


@pytest.mark.parametrize("vision", ["normalt syn", *CVD])
def test_timeline_statuses_stay_apart_for_colour_blind_eyes(vision: str) -> None:
    matrix = CVD.get(vision, ((1, 0, 0), (0, 1, 0), (0, 0, 1)))
    seen = {status: _seen(colour, matrix) for status, colour in STATUS_COLOURS.items()}
    closest = min((math.dist(seen[a], seen[b]), a, b) for a, b in itertools.combinations(seen, 2))
    assert closest[0] >= MIN_DELTA_E, closest


def test_every_timeline_status_has_its_own_pattern_and_colour() -> None:
    assert set(STATUS_PATTERNS) == set(STATUS_COLOURS) == set(STATUSES)
    assert len(set(STATUS_PATTERNS.values())) == len(STATUS_PATTERNS)
    assert len(set(STATUS_COLOURS.values())) == len(STATUS_COLOURS)


def test_timeline_bars_carry_pattern_and_name_in_the_legend() -> None:
    import datetime as dt

    import pandas as pd

    from charts.timeline import initiative_gantt

    rows = pd.DataFrame([{"title": f"Indsats {s}", "forum": "Styregruppe", "start": "2025-01-01", "end": "2025-06-30",
                          "derived": s, "derived_label": label, "time": "", "status": "", "action": "", "dates": ""}
                         for s, label in STATUSES.items()])
    meetings = pd.DataFrame({"date": pd.Series([], dtype=str), "forum": pd.Series([], dtype=str)})
    fig = initiative_gantt(rows, meetings, dt.date(2025, 3, 1), dt.date(2024, 1, 1), dt.date(2026, 1, 1))
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert set(bars) == set(STATUSES.values())  # every status is named in the legend
    for status, label in STATUSES.items():
        shape, fillmode = STATUS_PATTERNS[status]
        assert bars[label].marker.color == STATUS_COLOURS[status]
        assert (bars[label].marker.pattern.shape or "", bars[label].marker.pattern.fillmode) == (shape, fillmode)


def _excluded(rule: str, target: list[str]) -> bool:
    return any(rule == r and any(sel in t for t in target) for r, sel, _ in EXCLUDED)


def settled(pg: Page) -> None:
    """No rerun under way, the sidebar's links drawn and the page no longer growing: axe must judge the page a
    director reads, not one half drawn (a sidebar caught empty mid-rerun is a scroll region without focusable
    content; an Overblik caught before its cards has nothing to judge)."""
    pg.wait_for_function(f"document.querySelectorAll('[data-testid=\"stSidebarContent\"] a').length >= {len(PAGES)}",
                         timeout=20000)
    count = "document.querySelectorAll('[data-testid=\"stMain\"] *').length"
    before = -1
    for _ in range(40):
        wait_ready(pg)
        now = pg.evaluate(count)
        if now and now == before and not pg.locator("[data-stale='true']").count():
            return
        before = now
        pg.wait_for_timeout(400)
    pytest.fail("the page kept changing")


def test_axe_finds_no_serious_or_critical_violation_on_any_page(server: str, page: Page) -> None:  # noqa: F811
    axe = Axe()
    found: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    for (set_name, query), (name, path) in itertools.product(FILTER_SETS.items(), PAGES.items()):
        page.goto(f"{server}/{path}{query}")
        wait_ready(page)
        page.get_by_role("heading", name=name).first.wait_for(timeout=20000)
        # Whatever charts these filters give have drawn (a region may show fewer than the seed's default).
        page.wait_for_function("[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
                               ".every(c => c.querySelector('.main-svg'))", timeout=45000)
        settled(page)
        if name == "Overblik":
            page.get_by_role("heading", name="Seneste møder").wait_for(timeout=20000)
        result = axe.run(page, options={"resultTypes": ["violations"]})
        violations = result.response["violations"]
        (ARTIFACTS / f"axe-{name.lower()}-{set_name}.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8")
        for v in violations:
            if v["impact"] not in ("serious", "critical"):
                continue
            for node in v["nodes"]:
                if not _excluded(v["id"], [str(t) for t in node["target"]]):
                    found.append(f"{name} ({set_name}): {v['id']} [{v['impact']}] {node['target']} "
                                 f"{node['html'][:160]} – {node.get('failureSummary', '')[:200]}")
    assert not found, "\n".join(found)


def test_a_tab_focused_sidebar_link_shows_its_focus(server: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{server}/?region=1082")
    wait_ready(page)
    link = page.locator('[data-testid="stSidebar"] a').first
    link.wait_for(timeout=20000)
    for _ in range(30):  # Tab from the top of the page until a sidebar link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement?.closest('[data-testid=\"stSidebar\"] a, "
                         "[data-testid=\"stSidebar\"] [data-testid=\"stPageLink-NavLink\"]')"):
            break
    else:
        pytest.fail("no sidebar link took the focus by Tab")
    probe = ("(() => { const a = document.activeElement.closest('a') || document.activeElement;"
             " const s = getComputedStyle(a);"
             " return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; })()")
    with contextlib.suppress(PlaywrightTimeout):  # the page's style block may arrive a moment after the link
        page.wait_for_function(f"(s => s.outline !== 'none' || s.shadow !== 'none')({probe})", timeout=5000)
    style = page.evaluate(probe)
    visible_outline = style["outline"] != "none" and style["width"] not in ("0px", "")
    assert visible_outline or style["shadow"] not in ("none", ""), style
