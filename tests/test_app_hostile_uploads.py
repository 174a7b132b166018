"""AppTest: hostile files uploaded on Indlæs data end as a Danish message naming the file and its limit (or are
read, where the format allows them), nothing is imported of them, and the page goes on answering."""

from __future__ import annotations

import time
from pathlib import Path

import docx
import pytest

from store import imports
from store.versions import VersionStore
from tests.apptest import open_app, texts
from tests.conftest import BUILD_DAY, DATA, seed
from tests.test_hostile_files import BOMB_OP, _text, _without_sections, pdf
from tests.test_parse_limits import _extract
from tests.test_versions import NOW

PAGE = "pages/8_Indlaes_data.py"


@pytest.fixture
def versioned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VersionStore:
    monkeypatch.setenv("SUNDHED_DB", str(tmp_path / "dashboard.db"))
    store = VersionStore(tmp_path / "dashboard.db", tmp_path / "dashboard.versions", DATA / "reference")
    imports.ensure_started(store, by="Standard", today=BUILD_DAY, now=NOW, wait=0)
    return store


def _upload(files: list[tuple[str, bytes, str]]) -> str:
    at = open_app(page=PAGE)
    at.file_uploader[0].set_value(files).run(timeout=240)
    assert not at.exception, [e.message for e in at.exception]
    return texts(at)


def test_a_pdf_bomb_is_refused_in_danish_and_the_page_goes_on(versioned: VersionStore) -> None:
    bomb = pdf([_text(720, "Referat af mødet") + BOMB_OP * 160_000])
    started = time.process_time()
    shown = _upload([("bombe.pdf", bomb, "application/pdf")])
    assert time.process_time() - started < 30
    assert "Filen bombe.pdf er afvist: dens sideindhold pakker ud til mere end 1 MB" in shown, shown
    assert "Intet kan indlæses." in shown
    assert versioned.current_id() == 1  # nothing imported
    assert "Vælg en eller flere filer" in texts(open_app(page=PAGE))  # the page answers the next visitor


def test_a_word_file_without_section_properties_is_read(versioned: VersionStore) -> None:
    document = docx.Document()
    for line in ["REFERAT Sundhedsstyregruppen d. 06-11-2026", "Punkt 1: Godkendelse af dagsorden",
                 "Beslutning", "Dagsordenen blev godkendt.", "Punkt 2: Status på TeleKOL", "Sagsfremstilling",
                 "Udbredelsen fortsætter.", "Beslutning", "Taget til efterretning."]:
        document.add_paragraph(line)
    shown = _upload([("uden-sektion.docx", _without_sections(document),
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")])
    assert "Traceback" not in shown and "Genkendt type: Referat" in shown, shown
    assert "2 nye dagsordenspunkter" in shown


def test_an_extract_past_its_cpu_limit_is_refused_in_danish(versioned: VersionStore, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS", "1")
    monkeypatch.setenv("SUNDHED_PARSE_CPU_SECONDS_PER_MB", "0")
    data = _extract(tmp_path / "stort.csv", 360_000).read_bytes()
    shown = _upload([("stort.csv", data, "text/csv")])
    assert "Filen stort.csv" in shown and "1 sekunders CPU-tid" in shown and "ikke indlæst" in shown, shown
    assert versioned.current_id() == 1


def test_an_overview_with_a_300_kb_line_of_dates_is_read_in_bounded_time(versioned: VersionStore) -> None:
    overview = seed("000").read_text(encoding="utf-8")
    hostile = overview.replace("\nPrimo 2025\t", "\nPrimo 2025\t" + "1/1-25 " * 43_000, 1)
    started = time.process_time()
    shown = _upload([("overblik.txt", hostile.encode("utf-8"), "text/plain")])
    assert time.process_time() - started < 30
    assert "Genkendt type: Indsatsoversigt" in shown or "samme indhold" not in shown, shown
    assert "Traceback" not in shown
