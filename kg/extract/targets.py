"""Target groups and areas within the municipality, where the text states them (issue 16.3).

Runs on the graph of one document as it is built (one call from
:meth:`kg.extract.build.GraphBuilder.build`, before the assumptions are written):

* **Target groups** (``dct:audience``, the target-group scheme): a group named after a word that
  aims an action at someone ("riktade *till* ungdomar", "*bland* de boende", "*mot* ungdomar i
  synnerhet", "information *till* medborgarna"), in an activity's description (the activity's
  group) or in a sentence with "lovar" outside the activities (the promise's). A group merely
  mentioned ("samtal med boende" in the situation picture, "infrastruktur och boende") is not a
  target group. A group coordinated with an aimed one is aimed too ("relationer med barn,
  ungdomar och föräldrar"). An event named by the group it is for ("ungdomsdialog", "föräldramöten": the
  lexicon's compounds) is aimed at that group, unless a group named after it is the event's
  ("medborgardialoger med ungdomar") or it stands in a relative clause ("platser som i
  medborgardialogerna pekats ut": an event referred to). Umbrella groups ("barn och unga") give
  their parts, as the lexicon does.
* **Areas** (``mbl:area`` → ``mbl:Area``): an activity's named place whose head word is a kind of
  area ("Pilängskolan", "Karlslundsområdet", "Ungdomshuset Karlslund") becomes an area of that
  activity, with ``mbl:areaKind``; a district, housing area or centre that the text names more
  than once, or in a sentence with "lovar", is the promise's area too.

The place nodes are the builder's (``<promise>/place/<slug>``, made by
:meth:`kg.extract.build.GraphBuilder.place`), with their name and passage and where they lie, as an
assumption (``extract:place-in-municipality``); an area named only in a promise sentence gets such
a node here from the same method, so that it is recorded in the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import RDF, Graph, Literal, URIRef

from kg.extract.lexicon import Lexicon
from kg.extract.model import Analysis, Passage, Place
from kg.extract.places import find_places
from kg.extract.text import segment, sentences
from kg.namespaces import DCT, MBL

_AIMED = re.compile(
    r"\b(?:till|för|bland|mot|åt|hos|mellan|riktade?|riktat"
    # "med" the people an action works with ("arbete med ungdomar", "dialoger med unga"), not a
    # partner ("i samverkan med", "tillsammans med", "i samarbete med" name who acts with it)
    r"|(?<!samverkan\s)(?<!tillsammans\s)(?<!samarbete\s)med"
    # verbs whose object is the people an action reaches, in the infinitive, the present and the
    # past ("informera", "informerar", "informerade"; "nå", "når"; "stödja", "stöder")
    r"|informer(?:a|ar|ade)|nå|når|nådde|möt(?:a|er|te)|träff(?:a|ar|ade)|stöd(?:ja|jer|er|de)"
    r"|stött(?:a|ar|ade)|erbjud(?:a|er)|erbjöd|besök(?:a|er|te)|utbild(?:a|ar|ade)|utbildning\s+för"
    r"|hjälp(?:a|er|te)|kontakt(?:a|ar|ade)|uppsök(?:a|er|te)|ge|ger|gav|bjud(?:a|er)\s+in"
    # verbs of finding people early ("tidigt upptäcka unga", "fånga upp barn i riskzon")
    r"|upptäck(?:a|er|te)|fånga(?:r|de)?\s+upp"
    # a noun of action and "av" before its object ("nyrekrytering av unga personer")
    r"|\w{3,}ing\s+av)"
    r"(?:\s+[\w-]+){0,2}\s+$",
    re.IGNORECASE,
)
"""A word that aims an action at a group, and at most two words (an article, an adjective)
between it and the group."""
_OF_GROUP = re.compile(r"\b(?:till|med|av)\s+$", re.IGNORECASE)
"""A group after another and "till"/"med" qualifies it ("föräldrar till tonåringar",
"familjer med barn"): the action reaches the first."""
_COORDINATED = re.compile(r"\s*(?:,|,?\s*(?:och|samt|eller))\s*", re.IGNORECASE)
"""What joins a group to the one before it in a coordination ("barn, ungdomar och föräldrar"): a
group coordinated with an aimed one is aimed too."""
_EVENT_FOR = re.compile(r"\s+(?:med|för|till)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
"""A group named after an event compound with "med", "för" or "till" ("medborgardialoger med
ungdomar"): the event's group, more particular than its first member."""
_RELATIVE = re.compile(r"\bsom\b[^,.;:]*$", re.IGNORECASE)
"""A relative clause the event compound stands in ("platser som i medborgardialogerna pekats
ut"): an event it refers to, not the one the action holds."""
_PROMISE = re.compile(r"\blovar\b", re.IGNORECASE)
_PROMISE_AREA_KINDS = frozenset({"stadsdel", "bostadsomrade", "centrum"})


def target_groups(text: str, lexicon: Lexicon) -> list[str]:
    """The target-group concepts ``text`` aims something at, in order of first mention."""
    out: list[str] = []
    found = lexicon.find("target-group", text)
    aimed = False
    for k, m in enumerate(found):
        before = text[max(0, m.start - 60) : m.start]
        between = text[found[k - 1].end : m.start] if k else ""
        if k and found[k - 1].compound and _EVENT_FOR.fullmatch(between):
            aimed = True  # "medborgardialoger med ungdomar": the young people, the event's group
        elif m.compound:
            # an event for the group, "ungdomsdialog", unless a group named after it is the event's
            following = found[k + 1] if k + 1 < len(found) else None
            aimed = not _RELATIVE.search(before) and (
                following is None or not _EVENT_FOR.fullmatch(text[m.end : following.start])
            )
        elif k and _OF_GROUP.search(before) and not between.strip(" ").split()[1:]:
            aimed = False
            continue  # "föräldrar till tonåringar": the parents
        else:
            # aimed itself, or coordinated with the group before it that is ("med barn, ungdomar
            # och föräldrar": all three)
            aimed = bool(_AIMED.search(before)) or (aimed and bool(_COORDINATED.fullmatch(between)))
        if aimed:
            out += [c for c in lexicon.expand(m.concept) if c not in out]
    return out


def area_kind(name: str, lexicon: Lexicon) -> str | None:
    """The kind of area a place name's head word says ("…området", "… förskola"), if any."""
    found = lexicon.find("area-kind", name)
    return found[-1].concept if found else None


def _promise_sentences(a: Analysis) -> list[tuple[int, int]]:
    """(start, end) of each sentence with "lovar" outside the activities, read block by block: a
    title or heading above the sentence, which ends in no full stop, is no part of it."""
    spans = [(act.passage.start, act.passage.end) for act in a.activities]
    out = []
    for b in segment(a.text):
        for x, y in sentences(b.text):
            p = b.span(x, y)
            inside = any(p.start < end and start < p.end for start, end in spans)
            if not inside and _PROMISE.search(b.text[x:y]):
                out.append((p.start, p.end))
    return out


Cite = Callable[[URIRef, URIRef, URIRef | Literal, Passage | None], None]
"""Records the passage that states a promise's value (:meth:`kg.extract.citations.Citations.cite`)."""


def add_targets(
    graph: Graph,
    promise: URIRef,
    a: Analysis,
    lexicon: Lexicon,
    make_place: Callable[[Place], URIRef],
    cite: Cite,
) -> None:
    """Add the target groups and areas the text of ``a`` states to the promise's ``graph``;
    ``make_place`` gives a place's node (:meth:`kg.extract.build.GraphBuilder.place`: made once,
    with its passage and what it assumes about where the place lies); ``cite`` records the
    sentence that states a promise's target group and the mention that names its area."""
    statements = _promise_sentences(a)
    for s, e in statements:
        for group in target_groups(a.text[s:e], lexicon):
            graph.add((promise, DCT.audience, URIRef(group)))
            cite(promise, DCT.audience, URIRef(group), Passage(s, e))
    for n, act in enumerate(a.activities, start=1):
        node = URIRef(f"{promise}/activity/{n}")
        groups = target_groups(act.description, lexicon)
        for m in lexicon.find("target-group", act.audience):  # a "Målgrupp" cell: each it names
            groups += [c for c in lexicon.expand(m.concept) if c not in groups]
        for group in groups:
            graph.add((node, DCT.audience, URIRef(group)))
        for place in act.places:
            _area(graph, node, place, lexicon, make_place)

    named = [(name, start, end, area_kind(name, lexicon)) for name, start, end in find_places(a.text)]
    for name, start, end, kind in named + said_to_be_areas(a.text, lexicon):
        if kind is None or kind.rsplit("/", 1)[-1] not in _PROMISE_AREA_KINDS:
            continue
        in_statement = any(s <= start and end <= e for s, e in statements)
        if a.text.count(name) > 1 or in_statement:
            area = _area(graph, promise, Place(name, Passage(start, end)), lexicon, make_place, kind)
            if area is not None:
                cite(promise, MBL.area, area, Passage(start, end))


_SAID_TO_BE = re.compile(
    r"(?<![\w-])(?P<name>[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?)\s+är\s+(?:en|ett)\s+"
    r"(?P<words>(?:[a-zåäö-]+\s+){0,2}[a-zåäö-]+)"
)
"""A name said to be a kind of area ("Vivalla är en stadsdel där …", "Kronogården är ett
bostadsområde"): the kind is the first of the next words that names one."""


_PRONOUNS = frozenset({"Det", "Detta", "Den", "Denna", "Här", "Där", "Vilket", "Vårt", "Vår", "Hela"})
"""Pronouns and determiners that open a sentence "… är ett område" (a closed class)."""


def said_to_be_areas(text: str, lexicon: Lexicon) -> list[tuple[str, int, int, str | None]]:
    """(name, start, end, kind) of each statement that a name is a kind of area, its span from
    the name to the word of the kind (which states both), where the name is no pronoun and the
    text never writes it in lower case (no common noun: "Det är ett område …")."""
    out: list[tuple[str, int, int, str | None]] = []
    for m in _SAID_TO_BE.finditer(text):
        name = m.group("name")
        if name in _PRONOUNS or re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text):
            continue
        at = m.start("words")
        for word in re.finditer(r"\S+", m.group("words")):
            found = lexicon.find("area-kind", word.group())
            if found and found[0].start == 0 and found[0].end == len(word.group()):
                out.append((name, m.start(), at + word.end(), found[0].concept))
                break
    return out


def _area(
    graph: Graph,
    node: URIRef,
    place: Place,
    lexicon: Lexicon,
    make_place: Callable[[Place], URIRef],
    kind: str | None = None,
) -> URIRef | None:
    """Make ``place`` an area of ``node``, when its head word (or ``kind``, what the text says it
    is) says what kind of area it is; the area, or None."""
    kind = kind or area_kind(place.name, lexicon)
    if kind is None:
        return None
    area = make_place(place)
    graph.add((area, RDF.type, MBL.Area))
    graph.add((area, MBL.areaKind, URIRef(kind)))
    graph.add((node, MBL.area, area))
    return area
