"""AppTest: Indlæs data without sign-in set up (open, with the note), and Datakilder's versions with one-click
Rul tilbage. The upload itself runs in a real browser (tests/test_import_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import imports
from store.versions import VersionStore
from tests.apptest import open_app, texts
from tests.conftest import BUILD_DAY, DATA
from tests.test_versions import NOW, extract


@pytest.fixture
def versioned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> VersionStore:
    monkeypatch.setenv("SUNDHED_DB", str(tmp_path / "dashboard.db"))
    store = VersionStore(tmp_path / "dashboard.db", tmp_path / "dashboard.versions", DATA / "reference")
    imports.ensure_started(store, by="Standard", today=BUILD_DAY, now=NOW, wait=0)
    imports.import_files(store, [imports.Offered("akut.csv", extract(tmp_path / "akut.csv"))], by="Ane Hansen",
                         today=BUILD_DAY, now=NOW, wait=0)
    return store


def test_the_import_page_is_open_without_sign_in_and_says_so(versioned: VersionStore) -> None:
    at = open_app(page="pages/8_Indlaes_data.py")
    assert len(at.get("file_uploader")) == 1
    assert "Ingen log-ind er sat op" in texts(at)
    removable = at.multiselect(key="remove_0")
    assert set(removable.options) == {f.file for f in versioned.version(2).files}
    assert "Vælg en eller flere filer" in texts(at)


def test_removing_a_file_is_previewed_before_anything_changes(versioned: VersionStore) -> None:
    at = open_app(page="pages/8_Indlaes_data.py")
    at.multiselect(key="remove_0").select("akut.csv").run()
    shown = texts(at)
    assert "36 fjernede observationer" in shown and "Fjernes: akut.csv" in shown, shown
    assert versioned.current_id() == 2  # nothing changed yet
    at.button[[b.label for b in at.button].index("Indlæs")].click().run()
    assert versioned.current_id() == 3 and versioned.version(3).removed == ("akut.csv",)
    assert "Version 3 vises nu" in texts(at)


def test_datakilder_lists_versions_and_rolls_back_in_one_click(versioned: VersionStore) -> None:
    at = open_app(page="pages/7_Datakilder.py")
    shown = texts(at)
    assert "**Vises nu:** Version 2 · 22. nov. 2026 kl. 10:30 · Ane Hansen · Indlæsning; nye: akut.csv" in shown, shown
    at.button[[b.label for b in at.button].index("Rul tilbage")].click().run()
    assert versioned.current_id() == 1
    assert "Version 1 vises nu igen: dens data og dens 5 kildefiler." in texts(at)
    assert "lokal bruger rullede tilbage til version 1" in texts(at)


def test_an_open_session_sees_a_new_version_at_its_next_interaction(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUNDHED_DB", str(tmp_path / "dashboard.db"))
    store = VersionStore(tmp_path / "dashboard.db", tmp_path / "dashboard.versions", DATA / "reference")
    imports.ensure_started(store, by="Standard", today=BUILD_DAY, now=NOW, wait=0)
    at = open_app(page="pages/7_Datakilder.py")
    assert "Filer=6" in texts(at) and "akut.csv" not in set(at.dataframe[0].value["Fil"])
    imports.import_files(store, [imports.Offered("akut.csv", extract(tmp_path / "akut.csv"))],
                         by="Ane", today=BUILD_DAY, now=NOW, wait=0)
    at.run()  # the next click
    assert "Filer=7" in texts(at) and "sources/akut.csv" in set(at.dataframe[0].value["Fil"])
    imports.rollback(store, 1, by="Ane", now=NOW, wait=0)
    at.run()
    assert "Filer=6" in texts(at)


def test_indlaes_after_another_import_is_refused_not_a_preview_nobody_saw(versioned: VersionStore,
                                                                          tmp_path: Path) -> None:
    at = open_app(page="pages/8_Indlaes_data.py")
    at.multiselect(key="remove_0").select("akut.csv").run()
    assert "36 fjernede observationer" in texts(at)
    imports.import_files(versioned, [imports.Offered("b.csv", extract(tmp_path / "b.csv", value=7))], by="Bo",
                         today=BUILD_DAY, now=NOW, wait=0)  # a scheduled job, meanwhile
    at.button(key="import_go").click().run()
    assert versioned.current_id() == 3  # Bo's version; nothing imported from the stale preview
    assert "Data er blevet ændret, siden forhåndsvisningen blev lavet" in texts(at)
    at.run()  # the next click shows the preview against version 3
    assert "Sammenlignet med version 3, som vises nu." in texts(at)
