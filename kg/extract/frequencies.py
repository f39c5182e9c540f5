"""How often an action is done: the frequency vocabulary's labels plus rules for the ways of
writing a rate that no list of labels covers.

- a count per unit: "tre gånger per termin", "två gånger under året", "4 ggr/år", "vid fem
  tillfällen per år", and the occasions themselves counted, an activity or a part of the day or
  week ("två trygghetsvandringar per år", "fyra trafikkontroller i månaden", "tre kvällar per
  vecka", not "20 timmar i veckan"); the count times the unit's occurrences per year gives the
  concept with that many occurrences a year ("två gånger under året" is twice a year, not once:
  "under året" is the period, not a count). Per term: once is ``per-termin``, twice
  ``tva-ganger-per-termin``. A rate with no concept of its own ("fem gånger per år") keeps its
  words and no concept, and so does a count that is no number ("ett par gånger per termin",
  "några gånger om året"), whose unit's label ("per termin") is not its rate;
- an interval: "var tredje månad", "var 14:e dag", "vartannat år", and one counted in weeks by
  a day of the week or the weekend ("varannan lördag", "var tredje fredagskväll", "varannan
  helg": every two or three weeks, not weekly);
- a season or a yearly occasion: "varje höst", "varje sommarlov", "varje vår och höst";
- named times of the year coordinated: "vår och höst", "på våren och hösten", "i april och
  oktober" (as many times a year as the times it names, twice here). One named season or month
  ("i maj", "under hösten") is one time, not a rate, and a year after the names ("i april och
  oktober 2025") dates them; yearly occasions coordinated ("vid påsk, valborg och
  skolavslutning") are as many times a year;
- a day of the week or of the day: "varje torsdag", "alla söndagskvällar", "varje fredag och
  lördag", "varje fredags- och lördagskväll" (twice a week), "varje kväll" (daily), and the
  habitual plural, "på fredagskvällarna", "fredagar och lördagar" (not "vissa fredagar"), the
  weekend's evenings, "på helgkvällar" (weekly);
- a reading, not a statement: a weekday in the singular with no determiner ("fredag och lördag
  kväll", "lördagskväll" in an item or a table's "När" cell) names a day, not a series (a habit
  is the plural or "varje"/"alla"); in an activity it is read as weekly (twice a week for two
  days), and the rate is marked :attr:`Rate.read` so that it is recorded as an assumption
  (``extract:weekday-read-as-weekly``). "på fredag" (the coming one), "i fredags" (the last),
  "nästa fredag", a date ("fredag den 5 maj", "fredag 5/5") and the definite "fredagskvällen"
  (one evening) are no rate;
- an event: "varje gång", "vid varje ...", "vid sådana/eventuella ...", "vid oro för/misstanke
  om ...", "i de fall ...", and a sentence that opens with a generic event, an indefinite
  subject in a when- or if-clause ("När ett brott anmäls, ...", "Om ett larm kommer in, ..."):
  as needed. A definite one is a date ("När skolan börjar, ..."), not an event.

Where a phrase of the vocabulary and a rule cover the same words, the rule wins (the label "en
gång" is *once*, but "en gång under året" is yearly), unless the rule finds no concept for its
rate and the vocabulary has a label for those words. An attributive frequency ahead of the verb
("Med stöd av regelbundna mätningar ska ... vid behov") describes the noun it stands with, not the
action, when the verb phrase states a frequency of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import VOCAB, Lexicon

FREQ = f"{VOCAB}frequency/"
_NUMBERS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12,
}  # fmt: skip
_UNITS = {
    "dag": 365.0, "dagen": 365.0, "vecka": 52.0, "veckan": 52.0, "månad": 12.0, "månaden": 12.0,
    "kvartal": 4.0, "kvartalet": 4.0, "tertial": 3.0, "tertialet": 3.0, "termin": 2.0,
    "terminen": 2.0, "halvår": 2.0, "halvåret": 2.0, "år": 1.0, "året": 1.0, "läsår": 1.0,
    "läsåret": 1.0,
}  # fmt: skip
_ORDINALS = {
    "annan": 2, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7,
    "åttonde": 8, "nionde": 9, "tionde": 10, "fjortonde": 14,
}  # fmt: skip
_SEASONS = (
    "höst|vår|sommar|vinter|hösttermin|vårtermin|sommarlov|jullov|sportlov|påsklov|höstlov|"
    "jul|påsk|midsommar|nyår|nyårsafton|valborg|valborgsmässoafton|skolavslutning|skolstart"
)
_NUM = r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")"
_UNIT = r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
_RATE = re.compile(
    r"(?<!\w)(?:vid\s+)?" + _NUM + r"\s+(?:gång(?:er)?|ggr|tillfällen|tillfälle)"
    r"\s*(?:(?:per|om|i|under|varje)\s+|/\s*)" + _UNIT + r"(?!\w)",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"(?<!\w)(?:vid\s+)?(?:ett\s+par|några|flera|ett\s+antal|ett\s+fåtal|ett\s+flertal)\s+"
    r"(?:gång(?:er)?|ggr|tillfällen)\s*(?:(?:per|om|i|under|varje)\s+|/\s*)" + _UNIT + r"(?!\w)",
    re.IGNORECASE,
)
"""A count per unit whose count is no number, an indefinite quantifier ("ett par gånger per
termin", "några gånger om året", "flera gånger i månaden"): a rate in its words with no
concept, not the unit's label ("per termin" is once a term)."""
_COUNTED = re.compile(
    r"(?<!\w)"
    + _NUM
    + r"\s+(?P<noun>[a-zåäö][a-zåäö-]*)\s+(?:(?:per|om|i|under)\s+|/\s*)"
    + _UNIT
    + r"(?!\w)",
    re.IGNORECASE,
)
"""The occasions themselves counted per unit: "två trygghetsvandringar per år", "fyra
trafikkontroller i månaden", "tre kvällar per vecka" (the noun an activity or a part of the day or
week; "20 timmar i veckan" is a duration, "två poliser per skola" no rate)."""
_OCCASION = re.compile(
    r"[a-zåäö-]*(?:kväll(?:ar)?|natt|nätter|dag(?:ar)?|morgn?(?:ar|on)|eftermiddag(?:ar)?|helg(?:er)?)",
    re.IGNORECASE,
)
_INTERVAL = re.compile(
    r"(?<!\w)(?:var(?:je)?\s+(?P<k>" + "|".join(_ORDINALS) + r"|\d{1,2}:e)\s+|var(?:annan|tannat)\s+)"
    r"(?P<unit>dag|vecka|månad|år)(?!\w)",
    re.IGNORECASE,
)
_SEASON = re.compile(
    r"(?<!\w)(?:varje|varenda)\s+(?P<a>" + _SEASONS + r")(?:en|et)?"
    r"(?:\s+(?:och|samt)\s+(?:varje\s+)?(?P<b>" + _SEASONS + r")(?:en|et)?)?(?!\w)",
    re.IGNORECASE,
)
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")  # fmt: skip
_YEAR_SEASONS = ("vår", "sommar", "höst", "vinter")
_MONTH = "|".join(_MONTHS)
_TERM = r"(?:vår|sommar|höst|vinter)(?:en|n|termin(?:en)?)?"
_NAMED = re.compile(
    rf"(?<!\w)(?:(?:i|under|på)\s+)?(?P<names>(?:{_MONTH})(?:\s*(?:,|och|samt)\s+(?:{_MONTH}))+"
    rf"|{_TERM}(?:\s*(?:,|och|samt)\s+{_TERM})+)(?!\w)(?!\s+(?:\d|år\b|året\b))",
    re.IGNORECASE,
)
"""Named times of the year coordinated, with no "varje" (that is :data:`_SEASON`'s): "vår och
höst", "på våren och hösten", "i april och oktober"; not followed by a year, which dates them."""


_HOLIDAYS = (
    r"(?:jul|påsk|midsommar|nyår|nyårsafton|valborg|valborgsmässoafton|lucia|halloween|skolavslutning"
    r"|skolstart|sommarlov|jullov|sportlov|påsklov|höstlov)(?:en|et|a)?"
)
_OCCASIONS = re.compile(
    rf"(?<!\w)(?:vid|under|på|inför|kring)\s+(?P<names>{_HOLIDAYS}(?:\s*(?:,|och|samt)\s+{_HOLIDAYS})+)(?!\w)"
    rf"(?!\s+(?:\d|år\b|året\b))",
    re.IGNORECASE,
)
"""Yearly occasions coordinated ("vid påsk, valborg och skolavslutning", "inför jul och nyår"): as
many times a year as the occasions it names, each once a year, as "vår och höst" is twice; not
followed by a year, which dates them."""


def _named_times(names: str) -> int:
    """How many times a year a coordination of months or seasons names, or 0 where it names a
    stretch of time rather than separate times: two neighbours ("juni och juli", "sommar och
    höst") are one stretch, "april och oktober" and "vår och höst" are two times."""
    words = [w.lower() for w in re.split(r"\s*,\s*|\s+(?:och|samt)\s+", names.strip())]
    cycle = _MONTHS if words[0] in _MONTHS else _YEAR_SEASONS
    index = {next(i for i, name in enumerate(cycle) if w.startswith(name)) for w in words}
    n = len(cycle)
    if len(index) < 2 or any((i + 1) % n in index for i in index):
        return 0
    return len(index)


_DAYS = "måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
_TIME = r"(?:s?(?:kväll|natt|morgon|eftermiddag))?"
_PLURAL = r"(?:ar(?:na)?|s(?:kvällar|nätter|morgnar|eftermiddagar)(?:na)?)"
"""A weekday in the plural, indefinite or definite: a habit, "every Friday"."""
_WEEKDAY = re.compile(
    r"(?<!\w)(?:varje|varenda)\s+(?P<a>"
    + _DAYS
    + r")"
    + _TIME
    # "varje fredags- och lördagskväll": two days sharing the rest of the word
    + r"(?:(?:s-)?\s*(?:,|och|samt)\s+(?:varje\s+)?(?P<b>"
    + _DAYS
    + r")"
    + _TIME
    + r")?(?!\w)"
    r"|(?<!\w)alla\s+(?P<c>" + _DAYS + r")(?:ar|s?(?:kvällar|nätter|morgnar|eftermiddagar))(?!\w)"
    # the habitual plural: "fredagar", "på fredagskvällarna", "fredagar och lördagar"
    r"|(?<!\w)(?<!vissa\s)(?<!några\s)(?<!enstaka\s)(?:på\s+|under\s+)?(?P<d>"
    + _DAYS
    + r")"
    + _PLURAL
    + r"(?:\s*(?:,|och|samt)\s+(?P<e>"
    + _DAYS
    + r")"
    + _PLURAL
    + r")?(?!\w)"
    # two days sharing the rest of the word: "på fredags- och lördagskvällar"
    r"|(?<!\w)(?:på\s+|under\s+)?(?P<f>"
    + _DAYS
    + r")s-\s*(?:och|samt)\s+(?P<g>"
    + _DAYS
    + r")"
    + _PLURAL
    + r"(?!\w)",
    re.IGNORECASE,
)
_DAY_INTERVAL = re.compile(
    r"(?<!\w)(?:var\s+(?P<k>" + "|".join(_ORDINALS) + r"|\d{1,2}:e)\s+|varannan\s+)"
    r"(?:(?:" + _DAYS + r")" + _TIME + r"|helg)(?!\w)",
    re.IGNORECASE,
)
"""An interval counted in weeks by a day of the week or the weekend: "varannan lördag", "var
tredje fredagskväll", "varannan helg" (one week in two or three, not every week)."""
_SINGULAR = re.compile(
    r"(?<!\w)(?<!\bpå\s)(?<!\bi\s)(?<!\bnästa\s)(?<!\bdenna\s)(?<!\bkommande\s)(?<!\bvarje\s)"
    r"(?<!\bvarenda\s)(?<!\balla\s)(?<!\bvissa\s)(?<!\bnågon\s)(?<!\ben\s)(?P<a>" + _DAYS + r")" + _TIME
    + r"(?:(?:s-)?\s*(?:,|och|samt)\s+(?P<b>" + _DAYS + r")" + _TIME + r")?"
    r"(?:\s+(?:kväll|natt|morgon|eftermiddag))?(?!\w)(?!\s*(?:den\s+)?\d)",
    re.IGNORECASE,
)  # fmt: skip
"""A weekday in the singular with no determiner, "fredag och lördag kväll", "lördagskväll": a
day, which an activity's context reads as a weekly habit (a reading: :attr:`Rate.read`)."""
_WEEKEND = re.compile(
    r"(?<!\w)(?<!vissa\s)(?<!några\s)(?<!enstaka\s)(?:på\s+|under\s+)?helg(?:kvällar|nätter|morgnar)(?:na)?(?!\w)",
    re.IGNORECASE,
)
"""The weekend's evenings or nights in the plural, a habit as a weekday's are ("på helgkvällar",
"under helgnätterna"): once a week. Not "helger" alone, which also means public holidays."""
_NIGHTLY = re.compile(
    r"(?<!\w)(?:(?:varje|varenda)\s+(?:kväll|natt|morgon)|alla\s+(?:kvällar|nätter))(?!\w)", re.I
)
_EVENT = re.compile(
    r"(?<!\w)(?:varje\s+gång|vid\s+varje\s+(?!(?:" + _SEASONS + r")(?:en|et)?\b)\w+"
    r"|i\s+de\s+fall|i\s+varje\s+enskilt\s+fall"
    r"|vid\s+(?:sådana|sådan|sådant|eventuella|eventuell|eventuellt)\s+\w+"
    r"|vid\s+(?:oro|misstanke|misstankar|larm|signaler|indikationer)\s+(?:för|om|på))(?!\w)"
    r"|^\s*(?:när|då|om|efter\s+att|så\s+snart)\s+(?:en|ett|någon|något)\s+\w+[^,.;]{0,80},",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\b(ska|skall|kommer\s+att|lovar\s+att|ämnar)\b", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\s+(?!ska\b|skall\b|kommer\b|och\b|samt\b)[a-zåäö]")


@dataclass(frozen=True)
class Rate:
    """A frequency found in a text: its concept (None when no concept has that rate), where it
    stands, and its occurrences per year where it has a number."""

    concept: str | None
    start: int
    end: int
    per_year: float | None
    read: bool = False
    """A reading of words that name no series (a weekday in the singular), not a stated rate."""


def _concept_for(per_year: float, lexicon: Lexicon, *, term: bool = False) -> str | None:
    """The concept with ``per_year`` occurrences a year (within a tenth); the school-term
    concepts only when the text counts per term."""
    best: tuple[float, str] | None = None
    for concept, value in lexicon.occurrences_per_year.items():
        if not concept.startswith(FREQ) or ("termin" in concept) != term:
            continue
        off = abs(value - per_year) / per_year
        if off <= 0.1 and (best is None or off < best[0]):
            best = (off, concept)
    return best[1] if best else None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _rules(text: str, lexicon: Lexicon) -> list[Rate]:
    out: list[Rate] = []
    for m in _RATE.finditer(text):
        n, unit = _number(m.group("n")), m.group("unit").lower()
        per_year = n * _UNITS[unit]
        concept = None
        if unit.startswith("termin"):
            concept = _concept_for(n * 2.0, lexicon, term=True)
        concept = concept or _concept_for(per_year, lexicon)
        out.append(Rate(concept, m.start(), m.end(), per_year))
    for m in _VAGUE.finditer(text):
        out.append(Rate(None, m.start(), m.end(), None))
    for m in _COUNTED.finditer(text):
        noun = m.group("noun")
        activity = any(a.start == 0 and a.end == len(noun) for a in lexicon.find("activity-type", noun))
        if activity or _OCCASION.fullmatch(noun):
            n, unit = _number(m.group("n")), m.group("unit").lower()
            concept = _concept_for(n * 2.0, lexicon, term=True) if unit.startswith("termin") else None
            per_year = n * _UNITS[unit]
            out.append(Rate(concept or _concept_for(per_year, lexicon), m.start(), m.end(), per_year))
    for m in _INTERVAL.finditer(text):
        k = m.group("k")
        every = 2 if k is None else (int(k[:-2]) if k[0].isdigit() else _ORDINALS[k.lower()])
        if every == 0:
            continue
        per_year = _UNITS[m.group("unit").lower()] / every
        out.append(Rate(_concept_for(per_year, lexicon), m.start(), m.end(), per_year))
    for m in _SEASON.finditer(text):
        a, b = m.group("a").lower(), (m.group("b") or "").lower()
        per_year = 2.0 if b and b != a else 1.0
        out.append(Rate(_concept_for(per_year, lexicon), m.start(), m.end(), per_year))
    for m in _NAMED.finditer(text):
        times = _named_times(m.group("names"))
        if not times or any(r.start <= m.start("names") < r.end for r in out):
            continue
        per_year = float(times)
        out.append(Rate(_concept_for(per_year, lexicon), m.start(), m.end(), per_year))
    for m in _OCCASIONS.finditer(text):
        times = len({w.lower() for w in re.split(r"\s*,\s*|\s+(?:och|samt)\s+", m.group("names").strip())})
        out.append(Rate(_concept_for(float(times), lexicon), m.start(), m.end(), float(times)))
    for m in _WEEKDAY.finditer(text):
        a = (m.group("a") or m.group("c") or m.group("d") or m.group("f") or "").lower()
        b = (m.group("b") or m.group("e") or m.group("g") or "").lower()
        per_year = 104.0 if b and b != a else 52.0
        out.append(Rate(_concept_for(per_year, lexicon), m.start(), m.end(), per_year))
    for m in _DAY_INTERVAL.finditer(text):
        k = m.group("k")
        every = 2 if k is None else (int(k[:-2]) if k[0].isdigit() else _ORDINALS[k.lower()])
        if every == 0:
            continue
        out.append(Rate(_concept_for(52.0 / every, lexicon), m.start(), m.end(), 52.0 / every))
    for m in _SINGULAR.finditer(text):
        if any(r.start <= m.start() < r.end for r in out):
            continue
        a, b = m.group("a").lower(), (m.group("b") or "").lower()
        per_year = 104.0 if b and b != a else 52.0
        out.append(Rate(_concept_for(per_year, lexicon), m.start(), m.end(), per_year, read=True))
    for m in _WEEKEND.finditer(text):
        out.append(Rate(_concept_for(52.0, lexicon), m.start(), m.end(), 52.0))
    for m in _NIGHTLY.finditer(text):
        out.append(Rate(_concept_for(365.0, lexicon), m.start(), m.end(), 365.0))
    for m in _EVENT.finditer(text):
        end = m.end() - 1 if m.group(0).endswith(",") else m.end()
        out.append(Rate(f"{FREQ}as-needed", m.start(), end, None))
    return out


def find_frequencies(text: str, lexicon: Lexicon) -> list[Rate]:
    """Every frequency ``text`` states, in order: the rules' and the vocabulary's, a label inside
    a rule's words left out."""
    ruled = _rules(text, lexicon)
    found = list(ruled)
    for m in lexicon.find("frequency", text):
        over = [r for r in ruled if r.start < m.end and m.start < r.end]
        if any(r.concept is not None for r in over):
            continue
        if any(r.start <= m.start and m.end <= r.end and r.end - r.start > m.end - m.start for r in over):
            continue  # "per termin" inside "ett par gånger per termin": the unit, not the rate
        # a label that names a rate the rules give no concept is the vocabulary's word for it
        found = [r for r in found if r not in over]
        found.append(Rate(m.concept, m.start, m.end, lexicon.occurrences_per_year.get(m.concept)))
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[Rate] = []
    for rate in found:
        if out and rate.start < out[-1].end:
            continue
        out.append(rate)
    return out


def action_frequency(text: str, lexicon: Lexicon) -> Rate | None:
    """The frequency of the action ``text`` describes: the most frequent one it states ("under
    året ... varannan vecka"), attributive ones ahead of the verb left out when the verb phrase
    states its own ("Utifrån regelbundna mätningar ska vi vid behov ...")."""
    found = find_frequencies(text, lexicon)
    modal = _MODAL.search(text)
    if modal is not None and any(r.start >= modal.end() for r in found):
        found = [r for r in found if r.start >= modal.end() or not _ATTRIBUTIVE.match(text, r.end)]
    if not found:
        return None
    # a stated rate wins over a reading of a weekday's name
    return max(found, key=lambda r: (not r.read, r.per_year or 0.0, -r.start))


__all__ = ["Rate", "action_frequency", "find_frequencies"]
