"""What the extractor assumes, as data: the rules whose values the text does not state, and
their ``mbl:Assumption`` nodes (ontology/mbl.ttl, section "Assumptions").

Every rule has an id (``mbl:assumptionRule``: ``option:--municipality`` for a value the steward
gave, ``extract:<id>`` for the extractor's own), a kind from ``ontology/vocab/assumption-kind.ttl``
and a reason in Swedish and English. :class:`~kg.extract.build.GraphBuilder` calls
:func:`record` where it writes an assumed triple and :func:`write` once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from kg.documents.provenance import agent_of, agent_triples, assumption_triples
from kg.extract.model import Assumption, AssumptionKind
from kg.iris import Minter
from kg.namespaces import AK


@dataclass(frozen=True)
class Rule:
    kind: AssumptionKind
    sv: str
    en: str
    """Reasons; ``{placeholders}`` are filled from :func:`record`'s keywords."""


K = AssumptionKind
RULES: dict[str, Rule] = {
    # values the steward gave
    "option:--municipality": Rule(
        K.steward,
        "Texten namnger ingen kommun; förvaltaren angav {name} ({code}) med --municipality.",
        "The text names no municipality; the data steward gave {name} ({code}) with --municipality.",
    ),
    "option:--police-area": Rule(
        K.steward,
        "Förvaltaren angav lokalpolisområdet ({name}) med --police-area.",
        "The data steward gave the local police area ({name}) with --police-area.",
    ),
    "option:--police-area-unknown": Rule(
        K.steward,
        "Förvaltaren angav lokalpolisområdet ({name}) med --police-area; referensdata känner inte "
        "till det (menade du: {near}?), så det beskrivs i dokumentet.",
        "The data steward gave the local police area ({name}) with --police-area; the reference "
        "data does not know it (did you mean: {near}?), so the document describes it.",
    ),
    "option:--period": Rule(
        K.steward,
        "Förvaltaren angav perioden ({verbatim}) med --period.",
        "The data steward gave the period ({verbatim}) with --period.",
    ),
    # the extractor's inferences and defaults
    "extract:municipality-from-address": Rule(
        K.inference,
        "Texten namnger inte kommunen; {name} är härledd ur sidans webbadress.",
        "The text does not name the municipality; {name} is inferred from the page's address.",
    ),
    "extract:municipality-from-police-area": Rule(
        K.inference,
        "Texten namnger inte kommunen; {name} är härledd ur lokalpolisområdets namn.",
        "The text does not name the municipality; {name} is inferred from the police area's name.",
    ),
    "extract:actors-paired-in-order": Rule(
        K.inference,
        "Texten räknar upp tre eller fyra aktörer och lika många åtgärder utan att säga vem som gör "
        "vad; de paras ihop i den ordning de står.",
        "The text lists three or four actors and as many actions without saying who does which; "
        "they are paired in the order written.",
    ),
    "extract:police-area-not-named": Rule(
        K.unknown,
        "Texten namnger inget lokalpolisområde; polisens part är okänd (inte Polismyndigheten).",
        "The text names no local police area; the police party is unknown (not the Police Authority).",
    ),
    "extract:actor-type-not-stated": Rule(
        K.unknown,
        "Texten säger inte vad {label} är för slags organisation; aktörstypen är okänd.",
        "The text does not say what kind of organisation {label} is; the actor type is unknown.",
    ),
    "extract:police-area-ambiguous": Rule(
        K.unknown,
        "Texten namnger flera lokalpolisområden lika ofta ({names}); vilket som är part är okänt.",
        "The text names several local police areas equally often ({names}); which is the party is unknown.",
    ),
    "extract:period-from-other-date": Rule(
        K.inference,
        "Texten anger ingen period för löftet; perioden är härledd ur en tidsangivelse ({verbatim!r}).",
        "The text states no period for the promise; it is inferred from a date it gives ({verbatim!r}).",
    ),
    "extract:period-from-signing": Rule(
        K.inference,
        "Texten räknar giltigheten från undertecknandet eller anger inte när den börjar ({verbatim!r}); "
        "perioden räknas från underskrifternas datum.",
        "The text counts the validity from the signing or does not say when it starts ({verbatim!r}); "
        "the period is counted from the signatures' date.",
    ),
    "extract:issued-from-last-signature": Rule(
        K.inference,
        "Utfärdandedagen antas vara den sista underskriftens datum.",
        "The date of issue is taken to be the date of the last signature.",
    ),
    "extract:issued-from-dated-signatures": Rule(
        K.inference,
        "Utfärdandedagen antas vara det senaste datum som en underskrift anger; {undated} av {total} "
        "underskrifter har inget datum.",
        "The date of issue is taken to be the latest date a signature gives; {undated} of {total} "
        "signatures have no date.",
    ),
    "extract:signature-dated-by-block-end": Rule(
        K.inference,
        "Blockets enda rad med ort och datum står under underskrifterna; den antas datera även "
        "underskriften av {name}, som ingen egen rad daterar.",
        "The block's only place-and-date line stands below the signatures; it is taken to date the "
        "signature of {name} too, which no line of its own dates.",
    ),
    "extract:priority-from-problems": Rule(
        K.inference,
        "Texten anger inga prioriteringar; {title!r} är härledd ur problembeskrivningen.",
        "The text states no priorities; {title!r} is inferred from the problems it describes.",
    ),
    "extract:priority-from-activities": Rule(
        K.inference,
        "Texten anger inga prioriteringar; {title!r} är härledd ur aktiviteterna.",
        "The text states no priorities; {title!r} is inferred from the activities.",
    ),
    "extract:activity-priority-by-area": Rule(
        K.inference,
        "Aktiviteten står inte under prioriteringen; de kopplas för att de nämner samma område.",
        "The activity is not placed under the priority; they are linked because they name the same area.",
    ),
    "extract:joint-means-both-parties": Rule(
        K.inference,
        "Texten säger att parterna gör det tillsammans ('Tillsammans', 'Vi'); båda antas ansvara.",
        "The text says the parties do it together ('Tillsammans', 'Vi'); both are taken to be responsible.",
    ),
    "extract:joint-means-named-parties": Rule(
        K.inference,
        "Texten säger att parterna gör det tillsammans ('Aktörerna', 'Vi', 'Tillsammans'); {label}, "
        "en av de parter som texten namnger för löftet, antas ansvara.",
        "The text says the parties do it together ('Aktörerna', 'Vi', 'Tillsammans'); {label}, one "
        "of the parties the text names for the promise, is taken to be responsible.",
    ),
    "extract:joint-introduction": Rule(
        K.inference,
        "Punkten står under en inledning i vi-form ('Vi lovar … genom att:'); båda parterna antas ansvara.",
        "The item follows an introduction in the first person plural ('Vi lovar … genom att:'); both "
        "parties are taken to be responsible.",
    ),
    "extract:weekday-read-as-weekly": Rule(
        K.inference,
        "Texten namnger en veckodag i singular ({phrase!r}), inte en upprepning ('varje fredag', "
        "'fredagar'); aktiviteten antas återkomma varje vecka.",
        "The text names a weekday in the singular ({phrase!r}), not a recurrence ('every Friday', "
        "'Fridays'); the activity is taken to recur every week.",
    ),
    "extract:no-actor-both-parties": Rule(
        K.default,
        "Texten namnger ingen ansvarig för aktiviteten; båda parterna antas ansvara.",
        "The text names no one responsible for the activity; both parties are assumed to be.",
    ),
    "extract:joint-kommunen-each": Rule(
        K.inference,
        'Löftet ges av flera kommuner och aktiviteten säger "kommunen"; var och en av dem antas '
        "ansvara ({name}).",
        'The promise is made by several municipalities and the activity says "the municipality"; '
        "each of them is taken to be responsible ({name}).",
    ),
    "extract:unit-of-municipality": Rule(
        K.inference,
        "{label} antas vara en del av kommunens organisation (efter sitt slag av aktör).",
        "{label} is taken to be part of the municipality's organisation (by its kind of actor).",
    ),
    "extract:post-in-by-kind": Rule(
        K.inference,
        "Texten säger inte hos vilken organisation befattningen {label} finns; den antas finnas hos "
        "{org} (efter sitt slag).",
        "The text does not say in which organisation the post {label} is; it is taken to be in {org} "
        "(by its kind).",
    ),
    "extract:post-in-not-stated": Rule(
        K.unknown,
        "Texten säger inte hos vilken organisation befattningen {label} finns; det är okänt "
        "(org:postIn är inte satt).",
        "The text does not say in which organisation the post {label} is; that is unknown "
        "(org:postIn is not set).",
    ),
    "extract:joint-unit-owner-not-stated": Rule(
        K.unknown,
        "Löftet ges av flera kommuner och texten säger inte vilken av dem {label} hör till; "
        "det är okänt (org:unitOf är inte satt).",
        "The promise is made by several municipalities and the text does not say which of them "
        "{label} belongs to; that is unknown (org:unitOf is not set).",
    ),
    "extract:joint-place-not-stated": Rule(
        K.unknown,
        "Löftet ges av flera kommuner och texten säger inte i vilken av dem platsen {name!r} "
        "ligger; det är okänt (geo:sfWithin är inte satt).",
        "The promise is made by several municipalities and the text does not say in which of them "
        "the place {name!r} lies; that is unknown (geo:sfWithin is not set).",
    ),
    "extract:place-in-municipality": Rule(
        K.inference,
        "Platsen {name!r} antas ligga i löftets kommun.",
        "The place {name!r} is taken to lie in the promise's municipality.",
    ),
}
ACTOR_SOURCE_RULES = {
    "order": "extract:actors-paired-in-order",
    "joint": "extract:joint-means-both-parties",
    "joint-intro": "extract:joint-introduction",
    "parties": "extract:joint-means-named-parties",
    "default": "extract:no-actor-both-parties",
}
"""Activity.actor_source values whose responsible actors are assumed, and their rules."""


def record(
    node: URIRef, prop: URIRef, value: URIRef | Literal | None, rule: str, **fill: object
) -> Assumption:
    """The assumption that (node, prop, value) holds by ``rule`` (a key of :data:`RULES`)."""
    r = RULES[rule]
    return Assumption(
        subject=str(node),
        predicate=str(prop),
        value=None if value is None else str(value),
        kind=r.kind,
        rule=rule,
        reason_sv=r.sv.format(**fill),
        reason_en=r.en.format(**fill),
        term=value,
    )


def write(g: Graph, minter: Minter, promise: URIRef, assumptions: list[Assumption]) -> None:
    """The ``mbl:Assumption`` nodes ``<promise>/assumption/N``, attributed to the steward (options)
    or to ``kg extract`` as a ``prov:SoftwareAgent`` (:mod:`kg.documents.provenance` builds them,
    as it does when a draft's provenance section is read)."""
    used: list[URIRef] = []
    for n, asm in enumerate(assumptions, start=1):
        agent = agent_of(asm.rule, minter.base)
        if agent not in used:
            used.append(agent)
        statement = (URIRef(asm.subject), URIRef(asm.predicate), asm.term)
        for triple in assumption_triples(
            minter.assumption(str(promise), n),
            statement,
            kind=AK[str(asm.kind)],
            rule=asm.rule,
            reason_sv=asm.reason_sv,
            reason_en=asm.reason_en,
            agent=agent,
        ):
            g.add(triple)
    for agent in used:
        for triple in agent_triples(agent):
            g.add(triple)


__all__ = ["ACTOR_SOURCE_RULES", "RULES", "Rule", "record", "write"]
