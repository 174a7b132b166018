import pytest

from loaders.status_report import parse_status_report
from tests.conftest import seed


@pytest.fixture(scope="module")
def report(ref):
    return parse_status_report(seed("002").read_text(), ref)


def test_themes_and_agreements(report):
    assert report["region"] == "1082"
    assert report["themes"] == ["Forebyggelse", "Sammen om ældre borgere", "Den nære psykiatri",
                                "Øvrige aftaler", "Igangværende arbejde"]
    assert len(report["agreements"]) == 16
    flu = next(a for a in report["agreements"] if a["title"] == "Influenza-vaccinationskampagne")
    assert flu["theme"] == "Sammen om ældre borgere"
    assert flu["status_label"] == "Status pr. 2. kvartal 2021"
    assert (flu["status_start"], flu["status_end"]) == ("2021-04-01", "2021-06-30")
    assert flu["status_text"] == "Sundhedsstyregruppen har besluttet, at kampagnen skal gentages årligt. Der følges op årligt."
    ongoing = [a for a in report["agreements"] if a["theme"] == "Igangværende arbejde"]
    assert [a["status_label"] for a in ongoing] == [None, None]


@pytest.mark.parametrize("indicator, period, value, arrow", [
    ("acute_admissions_65plus", "2021-Q1", 17350, "flat"),
    ("preventable_admissions_65plus", "2021-Q1", 2614, "down"),
    ("acute_somatic_readmissions_65plus", "2021-Q1", 16.9, "up"),
    ("forced_admissions_16plus", "2021-Q1", 356, "flat"),
    ("readmissions_30d", "2021-Q1", 13.7, "flat"),
    ("discharge_ready_days", "2021-Q1", 1089, "flat"),
    ("lup_collaboration", "2020", 3.8, None),
    ("influenza_vaccination_65plus", "2017-S", 46.8, None),
    ("influenza_vaccination_65plus", "2019-S", 53.9, None),
    ("influenza_vaccination_65plus", "2020-S", 75.7, None),
])
def test_observations(report, indicator, period, value, arrow):
    hits = [o for o in report["observations"] if o["indicator"] == indicator and o["period"] == period]
    assert len(hits) == 1
    assert hits[0]["value"] == pytest.approx(value) and hits[0]["arrow"] == arrow
    assert hits[0]["geo_code"] == "1082"


def test_no_rejections_and_exact_count(report):
    assert report["rejected"] == []
    assert len(report["observations"]) == 10


HAND_WRITTEN = """STATUSRAPPORT

Sundhedsaftalen 2024-2027

Indhold

Forebyggelse\t3
Samarbejdsaftale om alkohol\t3
Psykiatri\t4
Fælles indsats for unge\t4

FOREBYGGELSE

Samarbejdsaftale om alkohol

Aftalen skal styrke den tidlige opsporing i Syddanmark og de syddanske kommuner, og den
gælder for alle klynger.

Status pr. 4. kvartal 2024

Aftalen er implementeret i tre af fire klynger.

PSYKIATRI

Fælles indsats for unge

Beskrivelse uden status.

Indikator\t2. kvrt. 2024\tUdvikling
Andel akutte genindlæggelser indenfor 30 dage\t12,1 %\t↓
En indikator vi ikke kender\t5\t→
Antal færdigbehandlingsdage på sygehusene\tabc\t→
"""


def test_hand_written_report(ref):
    r = parse_status_report(HAND_WRITTEN, ref)
    assert r["region"] == "1083"
    assert r["themes"] == ["Forebyggelse", "Psykiatri"]
    alcohol, youth = r["agreements"]
    assert alcohol["description"].endswith("og den gælder for alle klynger.")  # mended line break
    assert (alcohol["status_label"], alcohol["status_start"]) == ("Status pr. 4. kvartal 2024", "2024-10-01")
    assert alcohol["status_text"] == "Aftalen er implementeret i tre af fire klynger."
    assert youth["status_label"] is None
    assert [(o["indicator"], o["period"], o["value"], o["arrow"]) for o in r["observations"]] == [
        ("readmissions_30d", "2024-Q2", 12.1, "down")]
    assert [x["reason"] for x in r["rejected"]] == ["unknown indicator 'En indikator vi ikke kender'",
                                                    "not a number: 'abc'"]
