"""Decision kinds: what a decision in the minutes says was done, and how it is shown in Danish.

The kind is derived from the decision's full text, which is always kept and shown with it.
The rule, in words:

1. The text is cut into sentences (at . ! ? ; and at line breaks, unless the next line goes on in lower
   case; abbreviation dots such as "jf.", "bl.a.", "pkt." end nothing), and each sentence into clauses (at
   commas, colons, dashes and the conjunctions og, men, samt, idet, da, fordi, mens, hvorefter; "og"/"samt"
   before a preposition joins phrases, not clauses). A clause that begins with "at" belongs to the clause
   before it: it is what was recommended, found or decided ("anbefaler ikke, at …"). An aside right after a
   negation is cut out: "blev ikke, som foreslået, godkendt" reads "blev ikke godkendt".
2. A clause about a minority (it starts with "Et mindretal"/"Mindretallet" (so do the clauses after it in
   its sentence, until one speaks of the majority: "…, men flertallet afviste"), names a party list such as
   "(V)" or "(A, F og Ø)", or says "stemte imod", "undlod at stemme", "tog forbehold", "til protokol") does
   not decide the kind, unless it speaks of a majority. Nor does a "hvor" clause about a later meeting
   ("Udsat til næste møde, hvor punktet godkendes").
3. In each clause, phrases that only look negative are set aside first: "ikke til stede",
   "deltog ikke", "ikke blot", "ikke/ingen bemærkninger", "uden bemærkninger" is never a negation.
4. A negation (ikke, ej, aldrig; ingen, intet as subjects: "Intet blev godkendt") binds to a verb in the same
   clause when it stands at most five words before it ("blev ikke godkendt"), anywhere before it right after
   a modal ("kunne ikke på nuværende tidspunkt og på det foreliggende grundlag godkende"), before the verb's
   at-clause ("finder ikke, at indstillingen kan godkendes"), or after it ("godkendte ikke", "tiltrædes dog
   ikke", "godkendte ingen af forslagene"); an own verb (var, er, blev, har) in between takes the negation,
   except right after it: "som ikke blev godkendt" is subordinate word order. A negated approval is a
   rejection; a negated postponement, note or discussion says nothing. "Hverken godkendt eller afvist" is
   neither.
5. Approval counts only as an outcome: finite or participle forms (godkendt, godkendes,
   tiltrådt, tiltrædes, vedtaget, anbefales, "som indstillet", "bakkede op om", "fik flertal", ...), never
   a noun ("godkendelse"), never after skal/vil/bør/forventes ("skal godkendes i Regionsrådet") and never at a
   later meeting ("godkendes på næste møde" is a postponement). An infinitive counts after kan/kunne/
   besluttede at ("kan tiltræde indstillingen"). A verb with an at-clause (anbefaler, godkendte, besluttede)
   takes its kind from the clause: "anbefaler, at forslaget ikke godkendes" is a rejection, "godkendte at
   udsætte punktet" a postponement, "besluttede at stoppe projektet" or "besluttet, at projektet ikke
   igangsættes" a rejection; with nothing else in it, the approval stands.
6. The kinds found in the deciding clauses give the kind by precedence:
   approved > rejected > postponed > noted > discussed; a bare "besluttede/besluttet" with
   nothing else is approved. Approval wins over discussion ("Drøftet og godkendt") and over a
   rejected part ("Godkendt, dog således at punkt 3 ikke godkendes"). A rejection that sends the case back
   for renewed treatment ("fornyet behandling") or with a decided postponement ("men besluttede at sende sagen
   tilbage") is postponed: the case comes back. A plain "sendes tilbage" after a rejection only says where
   the rejected case goes ("Ikke godkendt. Sagen sendes tilbage til administrationen." stays rejected).
7. Nothing recognised: none. "Ingen bemærkninger" and "Sagen udgår"/"Punktet udgik" are none
   on purpose: they record that nothing was decided (an item taken off the agenda is neither
   approved nor promised a later meeting); when the text says it comes back ("udgår og
   behandles på næste møde") the postponement words make it postponed.
8. English minutes: Approved, Rejected/Not approved, Noted, Postponed/Deferred, Discussed.
9. Each clause is tokenised once, so the time is linear in the text; a text longer than 50,000 characters
   (no decision is; it is a document in a decision field) is read from its beginning, cut at a sentence end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

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


# Approval as an outcome: participles, finite and passive forms, and fixed phrases. A negation inside a
# phrase ("bakkede ikke op om", "fik ikke flertal", "fulgte ikke indstillingen") makes it a rejection.
_APPROVAL = _words(
    r"godkend(?:t|te|tes|es|er)", r"tiltr(?:ådt|ådte|ådtes|ædes|æder)", r"vedt(?:aget|og|ages)",
    r"anbefal(?:es|ede|er|et)", r"imødekom(?:met|mes)", r"bevilg(?:et|es|ede)",
    r"bakke(?:r|de)(?:\s+ikke)?\s+op\s+om", r"tilslut(?:ter|tede) sig", r"enige? i indstilling\w*",
    r"som indstillet", r"indstilling\w* følges", r"f(?:ølger|ulgte)(?:\s+ikke)?\s+indstilling\w*",
    r"indstilling\w*\s+(?:blev\s+|er\s+|var\s+)?(?:ikke\s+)?fulgt(?!\s+op)",
    r"med (?:en )?(?:positiv )?anbefaling", r"opbakning til", r"tilslutning til", r"enighed om indstilling\w*",
    r"flertal for", r"(?:fik|opnåede|får|opnår)(?:\s+ikke)?\s+(?:et\s+)?flertal", r"approved",
)
# Infinitives: an approval after kan/kunne/besluttede at, a rejection when negated.
_APPROVAL_INFINITIVE = _words(
    r"godkende", r"tiltræde", r"anbefale", r"vedtage", r"imødekomme", r"bakke op om", r"tilslutte sig", r"bevilge")
_ABLE_BEFORE = re.compile(r"(?:\bkan|\bkunne|\bbesluttede\s+at|\bbesluttedes\s+at|\bbeslutter\s+at|\bvalgte\s+at"
                          r"|\benige\s+om\s+at|\benighed\s+om\s+at)\s+(?:[\wæøå]+\s+){0,2}$", re.I)
_NOT_YET_BEFORE = re.compile(r"(?:\bskal|\bskulle|\bvil|\bville|\bbør|\bburde|\bforventes|\bforventer|\bmangler"
                             r"|\bafventer)\s+(?:[\wæøå]+\s+){0,1}$", re.I)
_REFUSE = r"(?:undl(?:od|ader)|nægt(?:ede|er)|afst(?:od|år)\s+fra)\s+at\s+(?:[\wæøå]+\s+){0,2}"
# Rejections that carry their own negation or need none.
_REJECTION = _words(
    r"ikke godkendt", r"afvis(?:t|te|tes|es|er)", r"afvise", r"forkast(?:et|ede|es|er)", r"afsl(?:ået|og|ås|år)",
    r"nedstemt", r"stemt\s+ned", r"stemte\s+(?:[\wæøå]+\s+){0,3}ned",
    r"(?:forslag|indstilling|ændringsforslag)\w*\s+(?:blev\s+|er\s+(?:dermed\s+|derfor\s+)?|var\s+)?falde?t",
    r"(?:et\s+)?flertal\w*\s+(?:§PARTI§\s+)?stem(?:te|mer)\s+imod",  # the majority voted against
    r"uenige?\s+i\s+(?:indstilling|forslag)\w*",
    _REFUSE + r"(?:godkende|tiltræde|anbefale|vedtage|bevilge|imødekomme|følge)",
    r"t(?:og|ager|age)\s+afstand\s+fra",
    r"beslut(?:tede|tedes|ter|tet)\s+(?:ikke\s+at|at\s+ikke)",
    r"ikke\s+(?:at\s+)?gå\s+videre", r"g(?:år|ik)\s+ikke\s+videre", r"rejected", r"not\s+approved",
)
_POSTPONEMENT = _words(
    r"udsat", r"udsatte", r"udsættes", r"udsætte", r"udskudt", r"udskydes", r"udskyde", r"genoptages",
    r"tage(?:s)?\s+(?:[\wæøå]+\s+){0,3}op\s+(?:igen|på)", r"tages op (?:igen|på)",
    r"behandles (?:igen )?på (?:et )?(?:senere|næste|kommende) møde",
    r"sende(?:s)?\s+(?:[\wæøå]+\s+){0,3}tilbage", r"sendt\s+(?:[\wæøå]+\s+){0,3}tilbage", r"tilbagesend\w*",
    r"hjemvis(?:t|es)", r"postponed", r"deferred",
)
# The case comes back: renewed treatment outranks a rejection (C13).
_RENEWED = _words(r"fornyet behandling", r"genbehandl\w*")
# An approval or decision at a later meeting is a postponement, and is no approval now.
_LATER = _words(r"(?:godkendes|besluttes|behandles|tiltrædes|afgøres|vedtages)\s+(?:endeligt\s+|igen\s+)?"
                r"på\s+(?:et\s+)?(?:senere|næste|kommende)\s+møde")
_NOTE = _words(
    r"til efterretning", r"til orientering", r"orienteredes", r"(?:blev|er|var) orienteret", r"noterede",
    r"noteres", r"til notits", r"noted",
)
_DISCUSSION = _words(
    r"drøft\w*", r"diskuter\w*", r"debatter\w*", r"gav (?:\w+ )?input", r"kom med input", r"gav sparring",
    r"udvekslede", r"discussed",
)
_DECIDED = _words(r"besluttede", r"besluttet", r"besluttes", r"beslutter", r"besluttedes")
# Deciding to stop something is a rejection of it.
_STOPPING = _words(r"stoppe", r"lukke", r"standse", r"nedlægge", r"afvikle", r"opgive", r"droppe", r"ophøre med")
_GOVERNS = re.compile(r"\s*+,?\s*+at(?![\wæøå])", re.I)  # a verb followed by its at-clause

_NEGATION = {"ikke", "ej", "aldrig", "ingen", "intet", "ingenting"}
_ADVERB_NEGATION = {"ikke", "ej", "aldrig"}  # "ingen"/"intet" are subjects: "Ingen af forslagene blev godkendt"
_NEGATION_IN = re.compile(r"(?<![\wæøå])(?:ikke|ej)(?![\wæøå])", re.I)
_OWN_VERBS = {"var", "er", "blev", "bliver", "har", "havde"}  # a negation before these negates them
_MODALS = {"kan", "kunne", "vil", "ville", "skal", "skulle", "må", "måtte", "ønskede", "ønsker"}
# Phrases with a negation word that negate nothing a decision is about.
_NOT_A_NEGATION = re.compile(
    r"\bikke\s+(?:var\s+|har\s+været\s+|havde\s+været\s+)?til\s*stede\b|\b(?:deltog|mødte)\s+ikke\b"
    r"|\bikke\s+(?:deltog|mødte|mødt|blot|kun|alene|bare|mindst)\b"
    r"|\b(?:ikke|ingen)\s+(?:nogen\s+|flere\s+|yderligere\s+)?(?:indvendinger|bemærkninger|kommentarer|spørgsmål)\b",
    re.I)
_PARTY_LIST = re.compile(r"\(\s*[A-ZÆØÅ]{1,2}(?:\s*(?:,|og|\+|&)\s*[A-ZÆØÅ]{1,2}){0,12}\s*\)")
_DISSENT = re.compile(r"^\s*(?:et\s+)?mindretal|\bstemte\s+imod\b|\bstemmer\s+imod\b|\bundlod\s+at\s+stemme\b"
                      r"|\bt(?:og|ager)\s+(?:et\s+)?forbehold\b|\btil\s+protokol|\bprotokoltilførsel", re.I)
_PARTY = "§PARTI§"  # stands in for a party list such as "(V)" or "(A, F og Ø)"
_MAJORITY = re.compile(r"\bflertal", re.I)
_MINORITY_START = re.compile(r"\s*+(?:et\s++mindretal|mindretallet)\b", re.I)
# Abbreviation dots are no sentence ends: "jf. drøftelsen", "bl.a.", "pkt. 3".
_ABBREVIATION = re.compile(r"(?<![\wæøå])(jf|jvf|bl\.a|pkt|ca|evt|mht|iht|nr|f\.eks|dvs|vedr|inkl|ekskl|kl|mv|m\.v"
                           r"|m\.m|pga|ift|ang|vedr|sml|hhv|ifm)\.", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
# An aside right after a negation hides nothing: "blev ikke, som foreslået, godkendt", "ikke – jf. X – godkendt",
# "ikke (jf. drøftelsen) godkendt" read as "blev ikke godkendt".
_NEGATION_ASIDE = re.compile(
    r"(?<![\wæøå])(ikke|ej|aldrig)\s*(?:,\s*[^,;:()]{1,60}?\s*,|\s[–—-]\s+[^–—;:()]{1,60}?\s+[–—-]|\([^()]{0,80}\))\s*"
    r"(?=godkend|tiltr|vedt|anbefal|imødekom|bevilg|følg|fulgt|bakke|tilslut)", re.I)
# "og"/"samt" before a preposition joins phrases, not clauses: "kunne ikke på nuværende tidspunkt og på det
# foreliggende grundlag godkende".
# Possessive runs that start where whitespace starts: linear on a long run of blanks (a backtracking "\s+" tried
# at every blank of a 3 KB run took seconds); none of the words after a run begins with a blank.
_CLAUSE_BREAK = re.compile(r",\s*+|:\s++|(?<!\s)\s++(?:[–—-]\s++|(?:og|samt)\s++(?!(?:på|i|med|af|til|under|efter|for"
                           r"|fra|uden)\s)|(?:men|idet|da|fordi|mens|hvorefter)\s++)", re.I)
_AT_CLAUSE = re.compile(r"at\s", re.I)
_LATER_MEETING = re.compile(r"\b(?:næste|senere|kommende|et andet)\s+møde", re.I)
_WORD = re.compile(r"[\wæøåÆØÅ]+")
_MAX_CHARS = 50_000  # about 20 pages; the rules are linear in the text, this bounds the time a field can take


def decision_kind(decision: str | None) -> str:
    """approved, rejected, postponed, noted, discussed or none, from a decision's text (see the module doc)."""
    text = _readable(decision or "")
    if not text or re.fullmatch(r"[-–—.\s]*", text):
        return "none"
    found = {kind for clause in _deciding_clauses(text) for kind in _clause_kinds(clause)}
    if "rejected" in found and "renewed" in found and "approved" not in found:
        return "postponed"  # the case comes back for renewed treatment: not a final rejection (C13)
    for kind in _PRECEDENCE:
        if kind in found:
            return "approved" if kind == "decided" else kind
    return "postponed" if "renewed" in found else "none"


def _readable(text: str) -> str:
    """The text the kind is read from: all of it up to _MAX_CHARS (no decision is longer; a longer text is a
    document that went into a decision field), else its beginning up to the last sentence end or line break
    before that (never a cut word: "Godkendt ikke" must not be read as "Godkendt")."""
    text = text.strip()
    if len(text) <= _MAX_CHARS:
        return text
    head = text[:_MAX_CHARS]
    cut = max(head.rfind(". "), head.rfind("\n"), head.rfind("; "))
    return head[:cut + 1].strip() if cut > 0 else ""


def _sentences(text: str) -> list[str]:
    """Sentences: a line break ends one unless the next line goes on in lower case ("blev ikke\\n\\ngodkendt")."""
    lines: list[list[str]] = []
    for line in re.split(r"\n\s*", _ABBREVIATION.sub(r"\1", text)):
        if lines and line[:1].islower():
            lines[-1].append(line)
        elif line.strip():
            lines.append([line])
    return [s for parts in lines for s in _SENTENCE_END.split(" ".join(parts))]


def _deciding_clauses(text: str) -> list[str]:
    """The clauses that speak for the forum: a minority's clauses are left out, and so is a "hvor" clause about
    a later meeting ("Udsat til næste møde, hvor punktet godkendes"). A clause that begins with "at" belongs to
    the clause before it: it is what was recommended, found or decided."""
    text = _PARTY_LIST.sub(f" {_PARTY} ", text.replace("\u00a0", " "))
    clauses = []
    for sentence in _sentences(text):
        minority = bool(_MINORITY_START.match(sentence))  # until a clause speaks of the majority
        joined: list[str] = []
        for part in _CLAUSE_BREAK.split(_NEGATION_ASIDE.sub(r"\1 ", sentence)):
            part = part.strip()
            if joined and _AT_CLAUSE.match(part):
                joined[-1] += " " + part
            elif part:
                joined.append(part)
        for k, clause in enumerate(joined):
            majority = bool(_MAJORITY.search(clause))
            minority = minority and not majority
            dissent = _DISSENT.search(clause) or _PARTY in clause
            later = k > 0 and clause[:4].lower() == "hvor" and clause[4:5].isspace() and bool(
                _LATER_MEETING.search(joined[k - 1]))
            if not minority and not later and not (dissent and not majority):
                clauses.append(clause)
    return clauses


class _Tokens:
    """A clause's words, read once: where the negations are and what stands between them and a verb."""

    def __init__(self, clause: str) -> None:
        found = list(_WORD.finditer(clause))
        self.starts = [m.start() for m in found]
        self.words = [m.group().lower() for m in found]
        self.last_negation: list[int] = []  # index of the last negation before each word, else -1
        self.own_verbs = [0]  # own verbs before each word
        self.negated_at = len(self.words)  # first word of the scope of a negated at-clause ("ikke, at …")
        last = -1
        for i, word in enumerate(self.words):
            self.last_negation.append(last)
            self.own_verbs.append(self.own_verbs[-1] + (word in _OWN_VERBS))
            if word in _NEGATION:
                last = i
                if self.negated_at == len(self.words) and "at" in self.words[i + 1:i + 3]:
                    self.negated_at = i + 1
        self.final_negation = last
        self.last_negation_at = self.starts[last] if last >= 0 else -1

    def index(self, pos: int) -> int:
        return bisect_left(self.starts, pos)

    def before(self, pos: int, n: int = 4) -> str:
        t = self.index(pos)
        return " ".join(self.words[max(0, t - n):t]) + " "

    def negated_before(self, pos: int, window: int = 5) -> bool:
        """A negation binds to the word at ``pos`` when it stands at most ``window`` words before it, or anywhere
        before it in the clause right after a modal ("kunne ikke på nuværende tidspunkt … godkende"), or when
        the word is in a negated at-clause ("finder ikke, at indstillingen kan godkendes"). An own verb (var,
        blev, …) in between negates that verb instead, unless it follows the negation directly: "som ikke blev
        godkendt" is subordinate word order."""
        t = self.index(pos)
        if t > self.negated_at:
            return True
        n = self.last_negation[t] if t < len(self.words) else self.final_negation
        if n < 0:
            return False
        if t - n > window and not (n > 0 and self.words[n - 1] in _MODALS):
            return False
        if self.words[n] in _ADVERB_NEGATION:
            return self.own_verbs[t] - self.own_verbs[min(n + 2, t)] == 0
        return True

    def negated(self, m: re.Match[str]) -> bool:
        """Negated before (see negated_before), inside the phrase, by ikke/ej/aldrig in the two words after it
        ("tiltrædes dog ikke"), or by ingen/intet right after it ("godkendte ingen af forslagene", but
        "godkendt med ingen ændringer" is an approval)."""
        if self.negated_before(m.start()) or _NEGATION_IN.search(m.group()):
            return True
        a = self.index(m.end())
        return any(w in _ADVERB_NEGATION for w in self.words[a:a + 2]) or self.words[a:a + 1] in (["ingen"],
                                                                                                 ["intet"])


class _Spans:
    """Sorted, non-overlapping spans (from one finditer); which covers a position, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _clause_kinds(clause: str) -> set[str]:
    clause = _NOT_A_NEGATION.sub(" ", clause)
    tokens = _Tokens(clause)
    hits: list[tuple[int, str]] = []
    rejections = [m for m in _REJECTION.finditer(clause)]
    for m in rejections:
        if not tokens.negated_before(m.start()) or _NEGATION_IN.search(m.group()):
            hits.append((m.start(), "rejected"))
    later = [m for m in _LATER.finditer(clause)]
    hits += [(m.start(), "postponed") for m in later]
    masked = (_Spans([m.span() for m in rejections]), _Spans([m.span() for m in later]))

    def free(m: re.Match[str]) -> bool:
        return not any(spans.covers(m.start()) for spans in masked)

    governing: list[tuple[int, str]] = []  # a verb with an at-clause takes its kind from the clause
    for rx, counts in ((_APPROVAL, lambda m: not _NOT_YET_BEFORE.search(tokens.before(m.start()))),
                       (_APPROVAL_INFINITIVE, lambda m: bool(_ABLE_BEFORE.search(tokens.before(m.start()))))):
        for m in filter(free, rx.finditer(clause)):
            if tokens.negated(m):
                hits.append((m.start(), "rejected"))
            elif counts(m):
                (governing if _GOVERNS.match(clause, m.end()) else hits).append((m.start(), "approved"))
    stops = [m.start() for m in _STOPPING.finditer(clause)]
    for m in filter(free, _DECIDED.finditer(clause)):
        if tokens.negated(m):
            continue
        if _GOVERNS.match(clause, m.end()) and (tokens.last_negation_at > m.end() or (stops and stops[-1] > m.end())):
            hits.append((m.start(), "rejected"))  # "besluttet, at projektet ikke igangsættes", "… at stoppe …"
        else:
            governing.append((m.start(), "decided"))
    for kind, rx in (("postponed", _POSTPONEMENT), ("renewed", _RENEWED), ("noted", _NOTE),
                     ("discussed", _DISCUSSION)):
        hits += [(m.start(), kind) for m in filter(free, rx.finditer(clause)) if not tokens.negated(m)]
    last_other = max((p for p, k in hits if k != "approved"), default=-1)
    last_postponed = max((p for p, k in hits if k == "postponed"), default=-1)
    for pos, kind in governing:
        if last_postponed > pos:
            hits.append((pos, "renewed"))  # a postponement the forum decided outranks a rejection
        if last_other <= pos:
            hits.append((pos, kind))  # nothing else in its at-clause: "Udvalget besluttede at igangsætte …"
    kinds = {k for _, k in hits}
    if "hverken" in tokens.words:
        kinds -= {"approved", "rejected"}  # "hverken godkendt eller afvist": neither was decided
    return kinds
