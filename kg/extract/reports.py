"""A follow-up report is not a promise: telling them apart by grammar and structure.

A promise commits to what will be done: its activities stand with "ska", "kommer att", "lovar
att", "åtar sig", as an infinitive to do ("Genomföra trygghetsvandringar") or in the present
("Polisen genomför …"). A report on a promise says what was done: its verbs are in the perfect
("har genomfört", "Aktiviteten har genomförts") or the past ("Vi genomförde", "genomfördes", "blev
inte av"). So a text reads as a report when its title names a promise and reports on it (a
report's noun, "Uppföljning av medborgarlöftet 2023", or a past verb, "Så gick det med
medborgarlöftet 2024"), or when most of what was read as its activities, with the prose
sentences that tell of deeds done (a report in prose only), is in the past or the perfect without
a commitment verb. A report may go on with the next promise, under a heading
that names a promise and reports on nothing ("Medborgarlöfte 2025"), its items commitments: then
that part is the promise, and the report above it is not read.

What stays here is grammar, not a list of phrases: the auxiliary of the perfect with a supine,
the endings of the past and its passive, and the closed class of strong verbs' past forms.
"""

from __future__ import annotations

import re

from kg.errors import ExtractionError
from kg.extract.state import PRIORITY_LIST_CUE, PROMISE_VERB, Part, State
from kg.extract.text import Block, BlockKind, sentences

PROMISE_CUE = re.compile(r"medborgarlöfte|medborgarlöften|\blöfte|\blovar\b", re.IGNORECASE)
_REPORT_NOUN = re.compile(r"uppföljning|redovisning|återrapport|utvärdering", re.IGNORECASE)
"""A title that names a report on a promise ("Uppföljning av medborgarlöftet 2023")."""

_STRONG_PAST = (
    "gick|blev|var|gjorde|fick|tog|kom|höll|deltog|såg|gav|sa|sade|satt|låg|stod|drog|genomgick|"
    "bjöd|skrev|fanns|försvann|vann|hann"
)
"""Past forms of the strong and irregular verbs (a closed class of the grammar), read after a
subject only: "var" is also "each" ("var tredje månad"), "satt" also a supine."""
_NOT_SUPINE = {
    "ett", "inget", "intet", "något", "allt", "det", "mycket", "litet", "rätt", "lätt", "svårt",
    "stort", "gott", "nytt", "mest", "bäst", "fokus", "just", "blott", "numera",
}  # fmt: skip
_PERFECT = re.compile(
    r"\b(?:har|hade)\s+(?:(?:vi|de|man|polisen|kommunen|och|tillsammans|inte|också|även|redan|totalt|nu|under\s+året)\s+)*"
    r"(?P<v>[a-zåäö]{2,}(?:at|it|tt|dt|rt|gt|kt|pt|nt|ts))\b",
    re.IGNORECASE,
)
"""The perfect: "har genomfört", "har vi gjort", "har polisen och kommunen genomfört",
"Aktiviteten har genomförts", "hade deltagit"."""
_PAST_PASSIVE = re.compile(
    r"(?<![\w-])(?:[a-zåäö]{3,}(?:ades|ddes|des|tes)|hölls|gjordes|togs|gavs|sågs)(?![\w-])"
)
"""The past passive in lower case: "genomfördes", "anordnades", "ställdes in", "hölls"."""
_PAST_AFTER = re.compile(
    r"(?:\b(?:vi|man|så|då|sedan)|\b[a-zåäö]{3,}(?:en|na|et))\s+(?:(?:också|även|inte)\s+)?"
    rf"(?P<v>[a-zåäö]{{3,}}(?:ade|dde|de|te)|{_STRONG_PAST})\b",
    re.IGNORECASE,
)
"""The past after a subject or a fronted adverb: "Vi genomförde", "Polisen anordnade", "Så gick
det", "Föräldrakvällen blev inte av"."""


def past_tense(text: str) -> bool:
    """Whether ``text`` has a verb in the perfect or the past."""
    for m in _PERFECT.finditer(text):
        v = m.group("v").lower()
        if v not in _NOT_SUPINE and not v.endswith(("igt", "skt", "ilt")):
            return True
    if _PAST_PASSIVE.search(text):
        return True
    return any(not m.group("v").lower().endswith(("ande", "ende")) for m in _PAST_AFTER.finditer(text))


_STATUS = re.compile(
    r"(?:[–—-]|\bstatus\s*:)\s*(?:(?P<q>delvis|ej|inte|helt|ännu\s+inte)\s+)?"
    r"(?P<v>[a-zåäö]{3,}(?:at|it|tt|dt|rt|gt|kt|pt|nt|ts))\s*\.?\s*$",
    re.IGNORECASE,
)
"""An item's status, a participle after a dash or "Status:" at its end ("Trafikkontroller vid
skolorna varannan vecka – Genomfört", "– Delvis genomfört"): it says how far the action got, as a
report does. A status that denies it ("Ej genomfört", "Status: Ej påbörjat") tells of nothing
done: a new promise's action plan may say so of every item, so it is not counted."""


def _status(text: str) -> bool:
    m = _STATUS.search(text)
    if m is None:
        return False
    v = m.group("v").lower()  # "– kontinuerligt", "– årligt": an adverb of manner, no status
    denied = (m.group("q") or "").lower().split()[-1:] in (["ej"], ["inte"])
    return not denied and v not in _NOT_SUPINE and not v.endswith(("igt", "skt", "ilt"))


def reports(text: str) -> bool:
    """Whether a sentence or an item says what was done rather than commits to doing it: a verb
    in the perfect or the past, or a status at its end ("– Genomfört"), and no commitment verb."""
    return not PROMISE_VERB.search(text) and (past_tense(text) or _status(text))


_ON_PROMISE = re.compile(r"\b(?:med|av|inom|i|kring)\s+(?:medborgar)?löfte", re.IGNORECASE)
"""The promise as what a report tells of ("Så gick det med medborgarlöftet", "Detta har vi gjort
inom medborgarlöftet"), not as what was done ("har tagit fram detta medborgarlöfte", "har
undertecknat nya medborgarlöften": a promise's own words on how it came about)."""


def report_title(text: str) -> tuple[int, str] | None:
    """(line number, line) of the title of a follow-up report, or None: a short line among the
    first four that names a promise and reports on it, by its noun ("Uppföljning av
    medborgarlöftet 2023") or, a heading, by its verb in the past with the promise as what it
    tells of ("Så gick det med medborgarlöftet 2024"). A promise's own follow-up plan
    ("Uppföljning" as a heading further down) is not its title."""
    shown = 0
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.strip(" #*\t").split()
        if not words or line.startswith("# source:"):
            continue
        shown += 1
        if shown > 4:
            return None
        if len(words) > 12 or not PROMISE_CUE.search(line):
            continue
        if _REPORT_NOUN.search(line) or (
            _ON_PROMISE.search(line) and not line.rstrip().endswith(".") and reports(line)
        ):
            return number, " ".join(words)
    return None


def next_promise(blocks: list[Block]) -> int | None:
    """The index of the heading where a report goes on with a new promise: a heading after the
    report's first lines that names a promise and reports on nothing ("Medborgarlöfte 2025"),
    with the report above it (a sentence in the past or perfect) and commitments below it (a
    sentence with a commitment verb, or a list item that does not report)."""
    for k, b in enumerate(blocks):
        if k == 0 or b.kind is not BlockKind.heading or not PROMISE_CUE.search(b.text):
            continue
        if _REPORT_NOUN.search(b.text) or reports(b.text):
            continue
        before = any(reports(x.text[s:e]) for x in blocks[:k] for s, e in sentences(x.text))
        after = [x for x in blocks[k + 1 :] if x.kind is not BlockKind.heading]
        commits = any(
            PROMISE_VERB.search(x.text) or (x.kind is BlockKind.bullet and not reports(x.text)) for x in after
        )
        if before and commits:
            return k
    return None


_AUXILIARY = re.compile(r"\b(?:har|hade)\s+", re.IGNORECASE)


def _deed(st: State, sentence: str) -> bool:
    """A sentence that tells what someone did: in the perfect or the past, without a commitment
    verb, in the passive, which says that someone did it ("Tolv kontroller gjordes", "Ny belysning
    har satts upp"), naming an activity type ("Fyra trygghetsvandringar …") or with an actor as
    its subject, first or right after the auxiliary ("Polisen genomförde tolv kontroller", "Under
    året har polisen och kommunen genomfört …"). Not how the promise came about, which names the
    promise, its priorities or a knowledge source ("har tagit fram detta medborgarlöfte", "har
    identifierat tre fokusområden", "har genomfört medborgardialoger"), nor what happened with no
    one doing it ("Skadegörelsen har ökat")."""
    if not reports(sentence) or PROMISE_CUE.search(sentence) or PRIORITY_LIST_CUE.search(sentence):
        return False
    if st.lexicon.find("knowledge-source", sentence):
        return False
    perfect = (m.group("v") for m in _PERFECT.finditer(sentence))
    passive = _PAST_PASSIVE.search(sentence) or any(v.endswith("ts") for v in perfect)
    if passive or st.lexicon.find("activity-type", sentence) or st.finder.leading(sentence)[0]:
        return True
    return any(st.finder.leading(sentence, m.end())[0] for m in _AUXILIARY.finditer(sentence))


_BACKGROUND = re.compile(r"^[\W\d]*bakgrund(?:en)?\b", re.IGNORECASE)
"""A heading that names the promise's background ("Bakgrund", "2. Bakgrund")."""


def deeds(st: State, cut: int) -> list[tuple[int, str]]:
    """(start, sentence) of each sentence before ``cut`` that tells what was done (:func:`_deed`)
    in prose that was not read as an activity, outside the situation picture and the part under
    a "Bakgrund" heading (which tell of the past as a promise's background: "Polisen genomförde
    120 trafikkontroller under 2024", "Under 2024 anmäldes 412 brott"): a follow-up report
    written as prose ("Under året har polisen och kommunen genomfört fyra trygghetsvandringar …")
    gives few activities, its outlook's "ska" sentences, and many such sentences."""
    taken = [a.passage for a in st.activities]
    out: list[tuple[int, str]] = []
    background = False
    for index, b in enumerate(st.blocks):
        if b.kind is BlockKind.heading:
            background = bool(_BACKGROUND.match(b.text))
            continue
        if background or st.parts.get(index) not in (Part.intro, Part.activities):
            continue
        for s, e in sentences(b.text):
            p = b.span(s, e)
            if p.start >= cut or any(t.start < p.end and p.start < t.end for t in taken):
                continue
            if _deed(st, b.text[s:e]):
                out.append((p.start, b.text[s:e]))
    return out


def mostly_reported(items: list[str]) -> bool:
    """Whether what was read as a text's activities is mostly in the past or perfect: a report."""
    told = sum(reports(t) for t in items)
    return told >= 2 and told * 2 > len(items)


def report_error(source_name: str, where: tuple[int, str] | None) -> ExtractionError:
    """The steward-facing refusal of a follow-up report, naming the line that shows it."""
    sv = en = ""
    if where is not None:
        sv = f" (rad {where[0]}: “{where[1]}”)"
        en = f" (line {where[0]}: “{where[1]}”)"
    return ExtractionError(
        f"Texten ser ut som en uppföljning av ett medborgarlöfte, inte ett löfte{sv}: den berättar "
        "vad som gjordes (har genomfört, genomfördes), inte vad som ska göras. Skriv uppföljningen "
        "med 'kg followup new <löftets ID> --period PERIOD' och fyll i hur varje aktivitet "
        "genomfördes. / The text looks like a follow-up report of a citizen promise, not a "
        f"promise{en}: it tells what was done, not what will be done. Write the follow-up with "
        "'kg followup new <promise ID> --period PERIOD' and fill in how each activity was carried out.",
        where=source_name,
    )


__all__ = [
    "PROMISE_CUE",
    "deeds",
    "mostly_reported",
    "next_promise",
    "report_error",
    "report_title",
    "reports",
]
