"""Decision kinds from real Danish phrasings: a decision is never inverted."""

import pytest

from domain.decisions import KIND_LABELS, kind_label
from loaders.minutes import decision_kind, parse_minutes

PHRASINGS = [
    # approved
    ("Godkendt.", "approved"),
    ("Godkendt som indstillet.", "approved"),
    ("Godkendt med de faldne bemærkninger.", "approved"),
    ("Godkendt uden bemærkninger.", "approved"),
    ("Indstillingen blev godkendt med ændringer.", "approved"),
    ("Tiltrådt.", "approved"),
    ("Indstillingen tiltrædes.", "approved"),
    ("Anbefales over for Regionsrådet.", "approved"),
    ("Udvalget anbefaler over for Økonomiudvalget og Byrådet, at forslaget godkendes.", "approved"),
    ("Et flertal godkendte indstillingen.", "approved"),
    ("Et flertal (A, F og Ø) godkendte indstillingen. Et mindretal (V og O) kunne ikke tiltræde indstillingen.",
     "approved"),
    ("Godkendt. Venstre (V) stemte imod.", "approved"),
    ("Drøftet og godkendt.", "approved"),
    ("Punktet blev drøftet, og indstillingen blev godkendt.", "approved"),
    ("Godkendt. Jens Hansen var ikke til stede.", "approved"),
    ("Godkendt, idet Jens Hansen ikke deltog i behandlingen af punktet.", "approved"),
    ("Jens Hansen var ikke til stede, og punktet blev godkendt.", "approved"),
    ("Der var ikke bemærkninger til referatet, som blev godkendt.", "approved"),
    ("Godkendt, dog således at punkt 3 ikke godkendes før finansieringen er på plads.", "approved"),
    ("Udvalget godkendte ikke indstillingen, men godkendte i stedet model B.", "approved"),
    ("Sundhedsstyregruppen kan tiltræde indstillingen.", "approved"),
    ("Sundhedsdirektørkredsen besluttede at bakke op om udvidelsen af målgruppen.", "approved"),
    ("Udvalget besluttede at igangsætte en analyse af ventetiderne.", "approved"),
    ("Vedtaget.", "approved"),
    ("Indstillingen, som ikke var ændret siden sidste møde, blev godkendt.", "approved"),
    ("Sagen oversendes til Byrådet med anbefaling.", "approved"),
    ("Der var bred opbakning til forslaget.", "approved"),
    ("Der var enighed om at godkende indstillingen.", "approved"),
    ("Godkendt, idet Brian Høier (A) og Maria Gudme (A) deltog ikke i sagens behandling.", "approved"),
    ("Godkendt med den ændring, at sag nr. 7 udsættes til mødet i februar.", "approved"),
    # rejected
    ("Anbefales ikke.", "rejected"),
    ("Kan ikke anbefales.", "rejected"),
    ("Indstillingen var ikke godkendt af KKR.", "rejected"),
    ("Der var ikke opbakning til forslaget.", "rejected"),
    ("Udvalget ønskede ikke at godkende indstillingen.", "rejected"),
    ("Ikke godkendt.", "rejected"),
    ("Ej godkendt.", "rejected"),
    ("Afvist.", "rejected"),
    ("Udvalget godkendte ikke indstillingen.", "rejected"),
    ("Indstillingen blev ikke tiltrådt.", "rejected"),
    ("Sundhedsstyregruppen kunne ikke tiltræde.", "rejected"),
    ("Udvalget kan ikke tiltræde indstillingen.", "rejected"),
    ("Forslaget blev forkastet.", "rejected"),
    ("Forslaget faldt med 4 stemmer mod 5.", "rejected"),
    ("Udvalget besluttede ikke at gå videre med forslaget.", "rejected"),
    ("Indstillingen kunne ikke anbefales over for Regionsrådet.", "rejected"),
    ("Udvalget kunne på det foreliggende grundlag ikke godkende indstillingen.", "rejected"),
    ("Udvalget besluttede, at indstillingen ikke godkendes.", "rejected"),
    ("Punktet blev drøftet. Indstillingen blev ikke godkendt.", "rejected"),
    ("Ansøgningen blev afslået.", "rejected"),
    ("Ikke godkendt. Sagen sendes tilbage til administrationen.", "rejected"),
    # noted
    ("Orienteredes.", "noted"),
    ("Til orientering.", "noted"),
    ("Taget til orientering.", "noted"),
    ("Taget til efterretning.", "noted"),
    ("Orienteringen blev taget til efterretning.", "noted"),
    ("Sundhedsdirektørkredsen tog orienteringen til efterretning.", "noted"),
    ("Udvalget blev orienteret og drøftede sagen.", "noted"),
    # postponed
    ("Udsat.", "postponed"),
    ("Punktet udsættes til næste møde.", "postponed"),
    ("Sagen blev drøftet og udsat.", "postponed"),
    ("Sagen sendes til fornyet behandling i administrationen.", "postponed"),
    ("Punktet udgik og behandles på næste møde.", "postponed"),
    ("Punktet blev ikke drøftet, da tiden var knap. Udsættes.", "postponed"),
    ("Drøftet. Venstre (V) ønskede punktet udsat.", "discussed"),
    # discussed
    ("Punktet blev drøftet.", "discussed"),
    ("SSG drøftede muligheder for lokale løsninger.", "discussed"),
    ("Sundhedsstyregruppen gav input til det videre arbejde.", "discussed"),
    ("Punktet blev drøftet. Det blev besluttet, at der skal et nyt punkt på mødet i oktober.", "discussed"),
    # none
    ("-", "none"), ("", "none"), ("–", "none"), (None, "none"),
    ("Ingen bemærkninger.", "none"),
    ("Sagen udgår.", "none"),
    ("Punktet udgik.", "none"),
    ("Afbud: Anders Kjærulff.", "none"),
    ("Budgettet skal godkendes i Regionsrådet i juni.", "none"),
    ("Sagen forelægges Regionsrådet til godkendelse.", "none"),
    ("Punktet blev ikke drøftet.", "none"),
    ("Sagen blev ikke udsat.", "none"),
    ("Punktet blev taget af dagsordenen.", "none"),
    ("Orienteringen blev ikke taget til efterretning.", "none"),
    ("Indstillingen sendes til godkendelse i Regionsrådet.", "none"),
]


@pytest.mark.parametrize("text, kind", PHRASINGS)
def test_decision_kind(text, kind):
    assert decision_kind(text) == kind


def test_enough_phrasings_and_every_kind():
    assert len(PHRASINGS) >= 30
    assert {kind for _, kind in PHRASINGS} == set(KIND_LABELS)


def test_labels_in_order_and_rejected_is_ikke_godkendt():
    assert list(KIND_LABELS) == ["approved", "rejected", "noted", "discussed", "postponed", "none"]
    assert kind_label("rejected") == "Ikke godkendt"
    assert kind_label(None) == kind_label("unknown") == "Ingen beslutning"


def test_the_full_text_is_kept_with_the_kind():
    doc = ("Referat\nUdvalg: Sundhedsudvalget\nMødedato: 2. maj 2024\n\nPunkt 1: Budget\n\nBeslutning\n\n"
           "Ikke godkendt. Udvalget ønsker et nyt oplæg med en plan for finansieringen.\n")
    item = parse_minutes(doc)["items"][0]
    assert item["decision_kind"] == "rejected"
    assert item["decision"] == "Ikke godkendt. Udvalget ønsker et nyt oplæg med en plan for finansieringen."
