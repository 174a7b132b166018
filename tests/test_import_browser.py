"""Real Chromium: an analyst uploads an extract and minutes on Indlæs data, reads the preview and the
differences, imports, sees the new numbers on Overblik and Indikatorer with the file named as their source,
rolls back on Datakilder and sees the old numbers again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from domain.formatting import number
from tests.conftest import ROOT
from tests.test_browser import browser, charts_drawn, page, shot, start_app, wait_ready  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

MINUTES = """REFERAT Sundhedsstyregruppen d. 06-11-2026

Mødedato Fredag d. 06. november 2026 kl. 10:00

Mødested Regionshuset Viborg

Punkt 1: Godkendelse af dagsorden

Beslutning
Dagsordenen blev godkendt.

Punkt 2: Status på TeleKOL

Sagsfremstilling
Udbredelsen af TeleKOL fortsætter i alle klynger.

Beslutning
Sundhedsstyregruppen tog orienteringen til efterretning.
"""


def midt_municipalities() -> list[str]:
    lines = (ROOT / "data/reference/geography/1082-midtjylland.csv").read_text(encoding="utf-8").splitlines()
    return [line.split(",")[1] for line in lines if line.startswith("municipality,")]


def extract() -> str:
    """Every Midtjylland municipality at 100 acute admissions a month, 2024 to October 2026, and one row
    naming a place that does not exist (line 2)."""
    rows = ["indikator;kode;periode;værdi", "acute_admissions_65plus;9999;2025M01;5"]
    for year in (2024, 2025, 2026):
        for month in range(1, 13 if year < 2026 else 11):
            rows += [f"acute_admissions_65plus;{code};{year}M{month:02d};100" for code in midt_municipalities()]
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def versioned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("versioned")
    env = {**os.environ, "SUNDHED_DB": str(folder / "dashboard.db")}
    subprocess.run([sys.executable, "-m", "loaders", "build"], cwd=ROOT, env=env, check=True, capture_output=True)
    with start_app(env) as url:
        yield url, folder


def run_chart_values(pg: Page) -> list[float]:
    """Every y value of the first chart's traces, as Plotly holds them in the page."""
    charts_drawn(pg, 1)
    return [float(v) for v in pg.evaluate(
        "document.querySelector('[data-testid=\"stPlotlyChart\"] .js-plotly-plot').data"
        ".flatMap(t => Array.from(t.y || []))") if isinstance(v, (int, float))]


def card(pg: Page, name: str) -> str:
    box = pg.locator('[data-testid="stColumn"] [data-testid="stVerticalBlock"]').filter(has_text=name).last
    return box.inner_text()


def test_upload_preview_import_and_roll_back(versioned: tuple[str, Path], page: Page) -> None:  # noqa: F811
    url, folder = versioned
    files = folder / "upload"
    files.mkdir()
    (files / "akut65_midt.csv").write_text(extract(), encoding="utf-8")
    (files / "referat_ssg_2026-11-06.txt").write_text(MINUTES, encoding="utf-8")

    page.goto(f"{url}/?region=1082")
    wait_ready(page)
    before = card(page, "Akutte indlæggelser 65+")
    assert "Eksempeldata" in before and "akut65_midt.csv" not in before

    page.goto(f"{url}/Indlaes_data?region=1082")
    wait_ready(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [str(files / "akut65_midt.csv"), str(files / "referat_ssg_2026-11-06.txt")])
    expect(page.get_by_text("Det ændrer indlæsningen")).to_be_visible(timeout=60000)
    expect(page.get_by_role("button", name="Indlæs", exact=True)).to_be_visible(timeout=30000)  # the last thing drawn
    wait_ready(page)
    body = page.locator("section.main, [data-testid='stMain']").first.inner_text()
    n = len(midt_municipalities()) * 34
    # What was read, per file, and what it changes against the data shown now
    assert "Genkendt type: Indikatortabel (udtræk)" in body and "Genkendt type: Referat" in body
    assert f"{number(n)} nye observationer" in body, body[:2000]
    assert "1 ny mødedato" in body and "2 nye dagsordenspunkter" in body
    assert "Sundhedsstyregruppen, 6. nov. 2026" in body
    assert "Eksempeldata for Akutte indlæggelser 65+ i Region Midtjylland erstattes af de indlæste tal." in body
    assert "ukendt sted '9999'" in body  # the rejection, in Danish, with its line
    assert "Taget til efterretning" in body and "Godkendt" in body  # the agenda items' decision kinds
    shot(page, "import-preview")

    page.get_by_role("button", name="Indlæs", exact=True).click()
    expect(page.get_by_text(re.compile(r"Version 2 vises nu"))).to_be_visible(timeout=60000)

    page.goto(f"{url}/?region=1082")
    wait_ready(page)
    after = card(page, "Akutte indlæggelser 65+")
    assert "5.700" in after and "akut65_midt.csv" in after and "Eksempeldata" not in after, after
    shot(page, "import-overblik")

    page.goto(f"{url}/Indikatorer?region=1082&indikator=acute_admissions_65plus")
    wait_ready(page)
    expect(page.get_by_text("Kilde: akut65_midt.csv")).to_be_visible(timeout=30000)
    # The run chart draws the region's sums of the file: 19 municipalities × 100 a month (5.700 a quarter).
    assert {1900, 5700} & set(run_chart_values(page)), run_chart_values(page)

    page.goto(f"{url}/Datakilder?region=1082")
    wait_ready(page)
    expect(page.get_by_text("Versioner", exact=True)).to_be_visible()
    body = page.locator("[data-testid='stMain']").first.inner_text()
    assert "Indlæsning; nye: akut65_midt.csv" in body, body  # the newest version: who, when, which files
    page.get_by_role("button", name="Rul tilbage").click()
    expect(page.get_by_text(re.compile(r"Version 1 vises nu igen"))).to_be_visible(timeout=30000)

    page.goto(f"{url}/?region=1082")
    wait_ready(page)
    assert card(page, "Akutte indlæggelser 65+") == before
    page.goto(f"{url}/Indikatorer?region=1082&indikator=acute_admissions_65plus")
    wait_ready(page)
    expect(page.get_by_text(re.compile("^Kilde: Eksempeldata"))).to_be_visible(timeout=30000)
    values = run_chart_values(page)
    assert values and not {1900, 5700} & set(values)  # the demonstration series again
    assert os.readlink(folder / "dashboard.db").startswith("dashboard.versions/000001/")
