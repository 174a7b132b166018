"""The derived status of an initiative: a small, ordered rule set over its
status text, its proposed action and its section, shown on the board as
"hvorfor står den her?". The first rule that matches decides.

Then the minutes move it (``after_decisions``): a later decision on the initiative
approves it (besluttet) or rejects it (udgår), a postponement leaves a note, and a
window that ended without a decision makes it overdue (overskredet)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from domain.decisions import kind_label
from domain.formatting import date_short

# In the order the board, the timeline's legend and the slides show them: what needs attention first.
STATUSES = {
    "overskredet": "Overskredet",
    "til_beslutning": "Til beslutning",
    "besluttet": "Besluttet",
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
    unless: re.Pattern[str] | None = None  # read in the row's status and action together
    drop: re.Pattern[str] | None = None  # phrases that look like the pattern but say something else


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


# A phase of the work that ended is not the initiative ending ("Evalueringen er afsluttet"), nor is a negated end.
_PHASE = (r"evaluering\w*|afprøvning\w*|pilot\w*|forsøgs\w*|prøveperiode\w*|analyse\w*|kortlægning\w*"
          r"|høring\w*|forprojekt\w*|(?:første |anden |\d\. )?fase\w*|fase \d|undersøgelse\w*|afdækning\w*"
          r"|dataindsamling\w*|workshop\w*|møderække\w*|rekruttering\w*|uddannelse\w*|opstart\w*")
_NOT_ENDED = _rx(
    rf"\b(?:{_PHASE})\s+(?:er\s+|blev\s+|var\s+)?(?:nu\s+|netop\s+|hermed\s+)?(?:blevet\s+)?afsluttet\b"
    rf"|\bafsluttet\s+(?:{_PHASE})|\befter\s+(?:endt|afsluttet)\b|\bnår\s+\w+\s+er\s+afsluttet\b"
    r"|\b(?:ikke|endnu ikke|aldrig)\s+(?:\w+\s+)?(?:afsluttet|udgår|ophører|arkiveres)\b"
    r"|\b(?:udgår|ophører)\s+ikke\b")
# The row goes on: the work carries on in operation, or the proposal is to make it permanent or extend it.
_GOES_ON = (r"permanentgør\w*|permanentgjort|videreføre\w*|videreført|forlænge\w*|udbrede\w*|udbredt|skaleres op"
            r"|forankres|overgår til drift|i drift")
_PROPOSES_GOING_ON = r"permanentgør\w*|videreføre\w*|forlænge\w*|udbrede\w*|skaleres op|forankres"

RULES: list[Rule] = [
    Rule("udgaar", "tekst", _rx(r"\budgår\b|\bafsluttet\b|\bophører\b|\barkiveres\b|\bnedlægges\b"),
         unless=_rx(rf"\b(?:{_GOES_ON})\b|\bimplementeret\b"), drop=_NOT_ENDED),
    Rule("ikke_igangsat", "tekst", _rx(r"ikke iværksat|ikke igangsat|igangsættes ikke|sættes ikke i gang|genoptages ikke")),
    Rule("pauseret", "tekst", _rx(r"pauser|afvent|\budskudt\b|i bero"), unless=_rx(r"genoptaget")),
    Rule("til_beslutning", "forslag", _rx(
        r"behandles på|til beslutning|træffe beslutning|forelagt|forelægges|godkendes|til godkendelse"
        r"|indstilles til behandling|\bdrøfte\b|" + _PROPOSES_GOING_ON)),
    Rule("under_udarbejdelse", "status", _rx(r"under udarbejdelse|\budarbejdes\b|udviklingsfase|forventes klar")),
    Rule("i_gang", "status", _rx(r"under implementering|\bigangsat\b|\bi gang\b|\bkører\b|\bløber\b|\bimplementeret\b"
                                 r"|\bforlænget\b|\bvidereført\b|\bpermanentgjort\b|\bi drift\b|\bover(?:går|gået) til drift\b")),
    Rule("ikke_igangsat", "sektion", _rx(r"ikke er igangsat|ikke igangsat")),
    Rule("udgaar", "sektion", _rx(r"\bafsluttede\b|\budgåede\b|\budgår\b")),
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
        text = rule.drop.sub(" ", texts[rule.field]) if rule.drop else texts[rule.field]
        m = rule.pattern.search(text)
        whole = rule.drop.sub(" ", texts["tekst"]) if rule.drop else texts["tekst"]
        if m and not (rule.unless and rule.unless.search(whole)):
            return rule.status, f"{FIELD_LABELS[rule.field]} nævner »{m[0]}«."
    return "ikke_oplyst", "Ingen af reglerne passer på status- og forslagsteksten."


def _words(pattern: str) -> str:
    """A pattern's alternatives as words: »permanentgør«, not »permanentgør\\w*«."""
    plain = re.sub(r"\\[bs]|\\w\*|\(\?:|[()?]", "", pattern).replace("\\d", "N")
    return " · ".join(dict.fromkeys(w.strip() for w in plain.split("|") if w.strip()))


def rules_in_words() -> list[str]:
    """The rule set as a director reads it, in the order it is applied."""
    lines = []
    for rule in RULES:
        words = _words(rule.pattern.pattern)
        extra = f" (ikke hvis status eller forslag nævner {_words(rule.unless.pattern)})" if rule.unless else ""
        extra += " – en afsluttet fase (fx »Evalueringen er afsluttet«) eller »ikke afsluttet« tæller ikke" \
            if rule.drop else ""
        lines.append(f"{STATUSES[rule.status]}: {FIELD_LABELS[rule.field].lower()} nævner {words}{extra}")
    return lines


# --- decisions in the minutes and windows that ended ------------------------------------------------

# What a decision does to the status; a postponement ("postponed") keeps it and leaves a note, and a decision
# that only notes or discusses ("noted", "discussed") does nothing.
DECISION_STATUS = {"approved": "besluttet", "rejected": "udgaar"}
# Statuses that wait for something due within the window (a decision, a finished agreement) or say nothing:
# when the window ends without an approval or a rejection the initiative is overdue. Not "pauseret" (it waits
# for something outside, such as national work or the reform, which the window does not bind), not
# "ikke_igangsat" (nothing is to be delivered), not "i_gang" (it was decided and runs; its window is when it
# ends or is followed up, no deadline for a decision), and not "udgaar".
AWAITING = ("til_beslutning", "under_udarbejdelse", "ikke_oplyst")


@dataclass(frozen=True)
class Decision:
    """A decision in the minutes on an agenda item linked to an initiative."""

    item_id: int
    day: dt.date
    forum: str
    number: int | None
    kind: str  # domain.decisions: approved, rejected, postponed, noted, discussed, none

    def where(self) -> str:
        item = f", punkt {self.number}" if self.number is not None else ""
        return f"{self.forum or 'mødet'} {date_short(self.day)}{item}"


@dataclass(frozen=True)
class Outcome:
    status: str
    why: str
    overdue: bool
    decision_item: int | None  # the item behind the status (an approval or rejection), else a postponement
    note: str  # the postponements after the last approval or rejection, "" when none


def _said(status: str, why: str) -> str:
    return f"{STATUSES[status]} – {why.rstrip('.')}" if why else STATUSES[status]


def after_decisions(status: str, why: str, decisions: Iterable[Decision], time: str | None, end: dt.date | None,
                    today: dt.date) -> Outcome:
    """The status once the minutes are read, for an initiative whose texts gave ``status`` because ``why``.

    The decisions dated up to ``today`` are read in date order: the last approval or rejection sets the status
    (besluttet, udgaar); a postponement after it keeps the status and adds a note. Without an approval or a
    rejection, an initiative whose status is one of AWAITING and whose window ended before ``today`` is
    overdue (overskredet)."""
    seen = sorted((d for d in decisions if d.day <= today), key=lambda d: (d.day, d.number or 0, d.item_id))
    decisive: Decision | None = None
    postponed: list[Decision] = []
    for d in seen:
        if d.kind in DECISION_STATUS:
            decisive, postponed = d, []
        elif d.kind == "postponed":
            postponed.append(d)
    note = " ".join(f"Udsat på mødet i {d.where()}." for d in postponed)
    behind = decisive or (postponed[-1] if postponed else None)
    item = behind.item_id if behind else None
    if decisive is not None:
        moved = f"{kind_label(decisive.kind)} af {decisive.where()} (kilden sagde: {_said(status, why)})."
        return Outcome(DECISION_STATUS[decisive.kind], " ".join(filter(None, [moved, note])), False, item, note)
    if end is not None and end < today and status in AWAITING:
        window = f"Tidsvinduet ({time})" if time else "Tidsvinduet"
        late = (f"{window} sluttede {date_short(end)} uden en beslutning; kilden sagde: {STATUSES[status]}"
                f" ({why.rstrip('.')}).")
        return Outcome("overskredet", " ".join(filter(None, [late, note])), True, item, note)
    return Outcome(status, " ".join(filter(None, [why, note])), False, item, note)


def decision_rules_in_words() -> list[str]:
    """How the minutes move a status, as a director reads it."""
    return [
        "Besluttet: det seneste møde, der har godkendt et punkt om indsatsen (frem til i dag), flytter den hertil.",
        "Udgår / afsluttet: det seneste møde har ikke godkendt (afvist) et punkt om indsatsen.",
        "Udsat: status bliver stående, og udsættelsen noteres; taget til efterretning og drøftet flytter intet.",
        "Overskredet: tidsvinduet er slut, og der er hverken godkendt eller afvist noget, mens kilden sagde "
        + ", ".join(STATUSES[s].lower() for s in AWAITING) + ".",
    ]
