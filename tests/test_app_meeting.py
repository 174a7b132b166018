"""Siden sidste møde and Overblik's first section for a chosen meeting, through AppTest."""

from __future__ import annotations

from pathlib import Path

from tests.apptest import open_app, shown, texts

PAGE = "pages/9_Siden_sidste_moede.py"
SSG = {"region": "1082", "forum": "SSG", "moede": "2025-09-12"}


def _links(at) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(shown(link.proto.label), link.proto.page) for link in at.get("page_link")]


def test_a_meeting_from_the_url_shows_the_changes_with_links(app_db: Path) -> None:
    at = open_app(SSG, PAGE)
    said = texts(at)
    assert "Sundhedsstyregruppen: siden 13. jun. 2025 til 12. sep. 2025" in said
    assert "Ingen tidligere møder i Sundhedsstyregruppen i de indlæste referater" in said
    for heading in ("Indsatser der har skiftet status", "Forfaldne og overskredne indsatser",
                    "Nye og ændrede beslutninger", "Indikatorer", "Data indlæst siden"):
        assert heading in said, heading
    links = dict(_links(at))
    approved = next(label for label in links if label.startswith("Indsats fra økonomaftalerne: Opstart af den "
                                                                 "telemedicinske"))
    assert "Under udarbejdelse → Besluttet (Godkendt af SSG 12. sep. 2025, punkt 2)" in approved
    assert links[approved] == "Indsatser"
    decision = next(label for label in links if label.startswith("SSG 12. sep. 2025, punkt 2"))
    assert links[decision] == "Beslutninger"
    assert [w.value for w in at.selectbox if w.label in ("Forum", "Møde")] == ["SSG", "2025-09-12"]
    # the brief's initiatives, due at or before the meeting
    assert any(e.label.startswith("Udrulning af fasttilknyttede læger på botilbud") for e in at.expander)


def test_choices_go_into_the_url_and_a_planned_date_can_be_typed(app_db: Path) -> None:
    at = open_app({"region": "1082"}, PAGE)
    assert (at.query_params["forum"], at.query_params["moede"]) == ("SSU", "2025-10-03")
    next(w for w in at.selectbox if w.label == "Forum").set_value("SSG").run()
    assert (at.query_params["forum"], at.query_params["moede"]) == ("SSG", "2025-09-12")
    next(w for w in at.selectbox if w.label == "Møde").set_value("planlagt").run()
    at.date_input[0].set_value("2026-12-04").run()
    assert at.query_params["moede"] == "2026-12-04"
    assert "Sundhedsstyregruppen: siden mødet 12. sep. 2025 til" in texts(at)
    assert not at.exception


def test_a_link_to_an_unknown_forum_is_named(app_db: Path) -> None:
    at = open_app({**SSG, "forum": "XYZ"}, PAGE)
    assert "Forummet 'XYZ' i linket findes ikke i regionen." in texts(at)


def test_the_brief_files_are_offered(app_db: Path) -> None:
    at = open_app(SSG, PAGE)
    at.toggle[0].set_value(True).run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"Hent mødebrief (.pptx)", "Hent mødebrief (.docx)", "Hent næste overblik over indsatser (.docx)"} <= set(labels)


def test_overblik_starts_with_the_changes_when_a_meeting_is_chosen(app_db: Path) -> None:
    at = open_app(SSG)
    assert [h.value for h in at.header][:2] == ["Siden sidste møde", "Nøgletal"]
    assert "Sundhedsstyregruppen: siden 13. jun. 2025 til 12. sep. 2025" in texts(at)
    plain = open_app({"region": "1082"})
    assert "Siden sidste møde" not in [h.value for h in plain.header]


def test_indicator_lines_on_generated_numbers_are_marked(app_db: Path) -> None:
    at = open_app(SSG, PAGE)
    indicators = [label for label, page in _links(at) if page == "Indikatorer" and label != "Indikatorer"]  # not the menu
    assert indicators and all(" (Eksempeldata): " in label for label in indicators), indicators
    assert any(shown(w.value).startswith("Eksempeldata: linjer markeret (Eksempeldata)") for w in at.warning)
    moved = [label for label in indicators if "mere end 5 %" in label]
    assert moved and all("samme periode året før" in label for label in moved)
