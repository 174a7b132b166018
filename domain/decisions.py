"""Decision kinds: what a decision in the minutes says was done, and how it is shown in Danish.

The kind is derived from the decision's full text, which is always kept and shown with it.
The rule, in words:

1. The text is cut into sentences, and each sentence into clauses (at commas, colons, dashes and
   the conjunctions og, men, samt, idet, da, fordi, mens, hvorefter).
2. A clause about a minority (it starts with "Et mindretal"/"Mindretallet", names a party
   list such as "(V)" or "(A, F og Ø)", or says "stemte imod", "undlod at stemme",
   "tog forbehold", "til protokol") does not decide the kind, unless it speaks of a majority.
3. In each clause, phrases that only look negative are set aside first: "ikke til stede",
   "deltog ikke", "ikke blot", "ikke nogen bemærkninger", "uden bemærkninger" is never a negation.
4. A negation (ikke, ej, aldrig) binds to an approval verb in the same clause when it stands
   at most five words before it with no finite verb of its own in between ("blev ikke
   godkendt", "kunne ikke på det foreliggende grundlag tiltræde") or at most two words after it
   ("godkendte ikke", "tiltrædes dog ikke"). A negated approval is a rejection; a negated
   postponement, note or discussion says nothing.
5. Approval counts only as an outcome: finite or participle forms (godkendt, godkendes,
   tiltrådt, tiltrædes, vedtaget, anbefales, "som indstillet", "bakkede op om", ...), never a noun
   ("godkendelse") and never after skal/vil/bør/forventes ("skal godkendes i Regionsrådet").
   An infinitive counts after kan/kunne/besluttede at ("kan tiltræde indstillingen").
6. The kinds found in the deciding clauses give the kind by precedence:
   approved > rejected > postponed > noted > discussed; a bare "besluttede/besluttet" with
   nothing else is approved. Approval wins over discussion ("Drøftet og godkendt") and over a
   rejected part ("Godkendt, dog således at punkt 3 ikke godkendes").
7. Nothing recognised: none. "Ingen bemærkninger" and "Sagen udgår"/"Punktet udgik" are none
   on purpose: they record that nothing was decided (an item taken off the agenda is neither
   approved nor promised a later meeting); when the text says it comes back ("udgår og
   behandles på næste møde") the postponement words make it postponed.
"""

from __future__ import annotations

import re

KIND_LABELS = {
    "approved": "Godkendt",
    "rejected": "Ikke godkendt",
    "noted": "Taget til efterretning",
    "discussed": "Drøftet",
    "postponed": "Udsat",
    "none": "Ingen beslutning",
}

# Strongest first; "decided" (a bare "besluttede") is reported as approved.
_PRECEDENCE = ("approved", "rejected", "postponed", "noted", "discussed", "decided")


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "none", "Ingen beslutning")


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\wæøå])(?:" + "|".join(alternatives) + r")(?![\wæøå])", re.I)


# Approval as an outcome: participles, finite and passive forms, and fixed phrases.
_APPROVAL = _words(
    r"godkend(?:t|te|tes|es|er)", r"tiltr(?:ådt|ådte|ådtes|ædes|æder)", r"vedt(?:aget|og|ages)",
    r"anbefal(?:es|ede|er|et)", r"imødekom(?:met|mes)", r"bevilg(?:et|es|ede)",
    r"bakke(?:r|de) op om", r"tilslut(?:ter|tede) sig", r"enige? i indstilling\w*", r"som indstillet",
    r"indstilling\w* følges", r"følger indstillingen", r"fulgte indstillingen",
    r"med (?:en )?(?:positiv )?anbefaling", r"opbakning til", r"enighed om indstilling\w*",
)
# Infinitives: an approval after kan/kunne/besluttede at, a rejection when negated.
_APPROVAL_INFINITIVE = _words(
    r"godkende", r"tiltræde", r"anbefale", r"vedtage", r"imødekomme", r"bakke op om", r"tilslutte sig", r"bevilge")
_ABLE_BEFORE = re.compile(r"(?:\bkan|\bkunne|\bbesluttede\s+at|\bbesluttedes\s+at|\bbeslutter\s+at|\bvalgte\s+at"
                          r"|\benige\s+om\s+at|\benighed\s+om\s+at)\s+(?:[\wæøå]+\s+){0,2}$", re.I)
_NOT_YET_BEFORE = re.compile(r"(?:\bskal|\bskulle|\bvil|\bville|\bbør|\bburde|\bforventes|\bforventer|\bmangler"
                             r"|\bafventer)\s+(?:[\wæøå]+\s+){0,1}$", re.I)
# Rejections that carry their own negation or need none.
_REJECTION = _words(
    r"ikke godkendt", r"afvis(?:t|te|tes|es|er)", r"afvise", r"forkast(?:et|ede|es|er)", r"afsl(?:ået|og|ås|år)",
    r"nedstemt", r"(?:forslag|indstilling|ændringsforslag)\w*\s+(?:blev\s+)?faldt",
    r"t(?:og|ager|age)\s+afstand\s+fra",
    r"beslut(?:tede|tedes|ter|tet)\s+(?:ikke\s+at|at\s+ikke)",
    r"ikke\s+(?:at\s+)?gå\s+videre", r"g(?:år|ik)\s+ikke\s+videre",
)
_POSTPONEMENT = _words(
    r"udsat", r"udsatte", r"udsættes", r"udskudt", r"udskydes", r"fornyet behandling", r"genoptages",
    r"tages op (?:igen|på)", r"behandles (?:igen )?på (?:et )?(?:senere|næste|kommende) møde",
    r"sendes tilbage", r"sendt tilbage", r"tilbagesend\w*", r"hjemvis(?:t|es)",
)
_NOTE = _words(
    r"til efterretning", r"til orientering", r"orienteredes", r"(?:blev|er|var) orienteret", r"noterede",
    r"noteres", r"til notits",
)
_DISCUSSION = _words(
    r"drøft\w*", r"diskuter\w*", r"debatter\w*", r"gav (?:\w+ )?input", r"kom med input", r"gav sparring",
    r"udvekslede",
)
_DECIDED = _words(r"besluttede", r"besluttet", r"besluttes", r"beslutter")

_NEGATION = {"ikke", "ej", "aldrig"}
_OWN_VERBS = {"var", "er", "blev", "bliver", "har", "havde"}  # a negation before these negates them
# Phrases with a negation word that negate nothing a decision is about.
_NOT_A_NEGATION = re.compile(
    r"\bikke\s+(?:var\s+|har\s+været\s+|havde\s+været\s+)?til\s*stede\b|\b(?:deltog|mødte)\s+ikke\b"
    r"|\bikke\s+(?:deltog|mødte|mødt|blot|kun|alene|bare|mindst)\b"
    r"|\bikke\s+(?:nogen\s+|flere\s+|yderligere\s+)?(?:indvendinger|bemærkninger|kommentarer|spørgsmål)\b",
    re.I)
_PARTY_LIST = re.compile(r"\(\s*[A-ZÆØÅ]{1,2}(?:\s*(?:,|og|\+|&)\s*[A-ZÆØÅ]{1,2}){0,12}\s*\)")
_DISSENT = re.compile(r"^\s*(?:et\s+)?mindretal|\bstemte\s+imod\b|\bstemmer\s+imod\b|\bundlod\s+at\s+stemme\b"
                      r"|\bt(?:og|ager)\s+(?:et\s+)?forbehold\b|\btil\s+protokol|\bprotokoltilførsel", re.I)
_PARTY = "§PARTI§"  # stands in for a party list such as "(V)" or "(A, F og Ø)"
_MAJORITY = re.compile(r"\bflertal", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE_BREAK = re.compile(r",\s*|\s+[–—-]\s+|:\s+|\s+(?:og|men|samt|idet|da|fordi|mens|hvorefter)\s+", re.I)
_WORD = re.compile(r"[\wæøåÆØÅ]+")


def decision_kind(decision: str | None) -> str:
    """approved, rejected, postponed, noted, discussed or none, from a decision's text (see the module doc)."""
    text = (decision or "").strip()
    if not text or re.fullmatch(r"[-–—.\s]*", text):
        return "none"
    found = {kind for clause in _deciding_clauses(text) for kind in _clause_kinds(clause)}
    for kind in _PRECEDENCE:
        if kind in found:
            return "approved" if kind == "decided" else kind
    return "none"


def _deciding_clauses(text: str) -> list[str]:
    """The clauses that speak for the forum: a minority's clauses are left out."""
    text = _PARTY_LIST.sub(f" {_PARTY} ", text.replace("\u00a0", " "))
    clauses = []
    for sentence in _SENTENCE_END.split(text):
        if re.match(r"\s*(?:et\s+mindretal|mindretallet)\b", sentence, re.I):
            continue
        for clause in _CLAUSE_BREAK.split(sentence):
            dissent = _DISSENT.search(clause) or _PARTY in clause
            if clause.strip() and not (dissent and not _MAJORITY.search(clause)):
                clauses.append(clause.strip())
    return clauses


def _clause_kinds(clause: str) -> set[str]:
    clause = _NOT_A_NEGATION.sub(" ", clause)
    kinds: set[str] = set()
    rejected_spans = [m.span() for m in _REJECTION.finditer(clause)]
    if any(not _negated_before(clause, start, 5) or "ikke" in clause[start:end].lower()
           for start, end in rejected_spans):
        kinds.add("rejected")

    def outside_rejections(m: re.Match[str]) -> bool:
        return not any(s <= m.start() < e for s, e in rejected_spans)

    for m in filter(outside_rejections, _APPROVAL.finditer(clause)):
        if _negated(clause, m):
            kinds.add("rejected")
        elif not _NOT_YET_BEFORE.search(clause[:m.start()]):
            kinds.add("approved")
    for m in filter(outside_rejections, _APPROVAL_INFINITIVE.finditer(clause)):
        if _negated(clause, m):
            kinds.add("rejected")
        elif _ABLE_BEFORE.search(clause[:m.start()]):
            kinds.add("approved")
    for kind, rx in (("postponed", _POSTPONEMENT), ("noted", _NOTE), ("discussed", _DISCUSSION),
                     ("decided", _DECIDED)):
        if any(not _negated(clause, m) for m in filter(outside_rejections, rx.finditer(clause))):
            kinds.add(kind)
    return kinds


def _negated(clause: str, m: re.Match[str]) -> bool:
    """A negation word binds to the match: up to five words before it (no finite verb of its own in
    between) or up to two words after it."""
    if _negated_before(clause, m.start(), 5):
        return True
    after = [w.lower() for w in _WORD.findall(clause[m.end():])[:2]]
    return any(w in _NEGATION for w in after)


def _negated_before(clause: str, start: int, window: int) -> bool:
    before = [w.lower() for w in _WORD.findall(clause[:start])][-window:]
    for i in range(len(before) - 1, -1, -1):
        if before[i] in _NEGATION:
            return not any(w in _OWN_VERBS for w in before[i + 1:])
    return False
