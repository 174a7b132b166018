"""A director reads what the secretariat loaded as Word: a rejected proposal is shown as rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.build import build
from tests.apptest import open_app
from tests.conftest import BUILD_DAY
from tests.documents import Writer


@pytest.fixture
def word_minutes_db(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    writer = Writer().para("Udvalg: Sundhedsstyregruppen").para("Mødedato: 14. november 2025 kl. 13:00")
    writer.para("Mødested: Regionshuset Viborg")
    writer.table(["Pkt.", "Emne", "Beslutning"], [
        ["1", "Godkendelse af dagsorden", "Godkendt."],
        ["2", "Udvidelse af TeleKOL til flere kommuner", "Ikke godkendt. Sagen genoptages ikke."],
    ])
    writer.save(data_copy / "sources" / "referat SSG 14-11-2025.docx")
    db = tmp_path / "word.db"
    report = build(data_copy, db, today=BUILD_DAY)
    assert report.skipped == []
    monkeypatch.setenv("SUNDHED_DB", str(db))
    return db


def test_the_decision_log_shows_a_rejection_from_a_word_file_as_rejected(word_minutes_db: Path) -> None:
    at = open_app({"region": "1082", "fra": "2025-Q4", "til": "2025-Q4"}, page="pages/5_Beslutninger.py")
    table = at.dataframe[0].value.set_index("title")
    row = table.loc["Udvidelse af TeleKOL til flere kommuner"]
    assert (row["kind"], row["decision"], row["forum"]) == (
        "Ikke godkendt", "Ikke godkendt. Sagen genoptages ikke.", "Sundhedsstyregruppen")
    assert table.loc["Godkendelse af dagsorden", "kind"] == "Godkendt"
