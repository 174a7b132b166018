"""The derived status of an initiative: a small, ordered rule set over its
status text, its proposed action and its section, shown on the board as
"hvorfor står den her?". The first rule that matches decides."""

from __future__ import annotations

import re
from dataclasses import dataclass

STATUSES = {
    "til_beslutning": "Til beslutning",
    "i_gang": "I gang / under implementering",
    "under_udarbejdelse": "Under udarbejdelse",
    "pauseret": "Pauseret / afventer",
    "ikke_igangsat": "Ikke igangsat",
    "udgaar": "Udgår / afsluttet",
    "ikke_oplyst": "Status ikke oplyst",
}


@dataclass(frozen=True)
class Rule:
    status: str
    field: str  # "tekst" (status and action), "status", "forslag" (action) or "sektion"
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


RULES: list[Rule] = [
    Rule("udgaar", "tekst", _rx(r"\budgår\b|\bafsluttet\b|\bophører\b|\barkiveres\b")),
    Rule("ikke_igangsat", "tekst", _rx(r"ikke iværksat|ikke igangsat|igangsættes ikke|sættes ikke i gang|genoptages ikke")),
    Rule("pauseret", "tekst", _rx(r"pauser|afvent|\budskudt\b|i bero"), unless=_rx(r"genoptaget")),
    Rule("til_beslutning", "forslag", _rx(
        r"behandles på|til beslutning|træffe beslutning|forelagt|forelægges|godkendes|til godkendelse"
        r"|indstilles til behandling|\bdrøfte\b")),
    Rule("under_udarbejdelse", "status", _rx(r"under udarbejdelse|\budarbejdes\b|udviklingsfase|forventes klar")),
    Rule("i_gang", "status", _rx(r"under implementering|\bigangsat\b|\bi gang\b|\bkører\b|\bløber\b|\bimplementeret\b")),
    Rule("ikke_igangsat", "sektion", _rx(r"ikke er igangsat|ikke igangsat")),
]

FIELD_LABELS = {"tekst": "Status eller forslag", "status": "Status", "forslag": "Forslag til handling",
                "sektion": "Sektionen"}


def derive_status(status: str | None, action: str | None, section: str | None) -> tuple[str, str]:
    """The derived status key and, in Danish, why."""
    texts = {"status": status or "", "forslag": action or "", "sektion": section or ""}
    texts["tekst"] = f"{texts['status']} {texts['forslag']}"
    if not texts["tekst"].strip():
        return "ikke_oplyst", "Kilden angiver hverken status eller forslag til handling."
    for rule in RULES:
        text = texts[rule.field]
        m = rule.pattern.search(text)
        if m and not (rule.unless and rule.unless.search(text)):
            return rule.status, f"{FIELD_LABELS[rule.field]} nævner »{m[0]}«."
    return "ikke_oplyst", "Ingen af reglerne passer på status- og forslagsteksten."


def rules_in_words() -> list[str]:
    """The rule set as a director reads it, in the order it is applied."""
    lines = []
    for rule in RULES:
        words = rule.pattern.pattern.replace("\\b", "").replace("|", " · ")
        extra = f" (ikke hvis teksten nævner »{rule.unless.pattern}«)" if rule.unless else ""
        lines.append(f"{STATUSES[rule.status]}: {FIELD_LABELS[rule.field].lower()} nævner {words}{extra}")
    return lines
