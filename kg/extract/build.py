"""The typed model as an rdflib Graph, in the shape of ``examples/nykoping-2025-2026.ttl``.

Every extracted node gets ``prov:wasDerivedFrom <node>/passage``: a W3C Web Annotation
``oa:SpecificResource`` on the source document with a ``oa:TextQuoteSelector`` (the exact
words) and a ``oa:TextPositionSelector`` (start and end offsets into the normalised text).
"""

from __future__ import annotations

import re
from dataclasses import replace

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from kg.documents.provenance import passage_triples, source_iri, source_triples
from kg.extract import assumptions
from kg.extract.citations import Citations
from kg.extract.lexicon import Lexicon
from kg.extract.model import (
    EACH_MUNICIPALITY,
    UNIT_TYPES,
    ActorRef,
    Analysis,
    Assumption,
    Party,
    Passage,
    Place,
    Signature,
)
from kg.extract.post_nodes import post_node
from kg.extract.targets import add_targets
from kg.iris import Minter, promise_key, slugify
from kg.namespaces import ACT, AK, CV, DCAT, DCT, GEO, MBL, MBL_NS, OA, ORG, PROV, SCHEMA, SKOS


def _sv(text: str) -> Literal:
    return Literal(text, lang="sv")


class GraphBuilder:
    def __init__(self, analysis: Analysis, *, minter: Minter, lexicon: Lexicon, sha256: str) -> None:
        self.a = analysis
        self.minter = minter
        self.lexicon = lexicon
        self.sha256 = sha256
        self.g = Graph()
        namespaces = {"mbl": Namespace(MBL_NS), "dct": DCT, "dcat": DCAT, "prov": PROV, "org": ORG}
        namespaces |= {"skos": SKOS, "schema": SCHEMA, "geo": GEO, "oa": OA, "cv": CV, "ak": AK}
        for prefix, ns in namespaces.items():
            self.g.bind(prefix, ns, replace=True)  # rdflib binds "schema" to https://schema.org/
        code = analysis.municipality.code
        key = promise_key(code, analysis.period.start.year, analysis.period.end.year)
        self.key = key
        self.iri = minter.promise(key)
        self.source = source_iri(str(self.iri))
        self.municipality = minter.municipality_org(code)
        self.territory = minter.municipality_place(code)
        self.municipalities = [self.municipality] + [
            minter.municipality_org(m.code) for m in analysis.also_municipalities
        ]
        """Every municipality of the promise: one, or those of a joint promise (whose "kommunen",
        "kommunerna" in an activity are all of them)."""
        area = analysis.police_area
        self.police_unit: URIRef | None = None
        if area is not None:
            self.police_unit = URIRef(area.iri) if area.iri else minter.police_area(area.name)
        self.police = self.police_unit or minter.police_authority()
        """The police as an actor: the local police area, else the Police Authority ("Polisen"
        in the text is the authority); only mbl:policeUnit needs the area, and is left out when
        the text does not name it."""
        self._places: dict[str, URIRef] = {}
        self.assumptions: list[Assumption] = []
        self.citations = Citations(self.iri)
        """Where the text states the promise's own values (:mod:`.citations`)."""

    # -----------------------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def assume(
        self, node: URIRef, prop: URIRef, value: URIRef | Literal | None, rule: str, **fill: object
    ) -> None:
        """Record that (node, prop, value) is not stated by the text (:mod:`.assumptions`)."""
        self.assumptions.append(assumptions.record(node, prop, value, rule, **fill))

    def passage(self, node: URIRef, passage: Passage | None) -> None:
        if passage is None or passage.end <= passage.start:
            return
        exact = passage.exact(self.a.text)
        for triple in passage_triples(node, self.source, passage.start, passage.end, exact):
            self.g.add(triple)

    def actor(self, ref: ActorRef) -> URIRef:
        if ref.party is Party.police:
            return self.police
        if ref.party is Party.municipality:
            return self.minter.municipality_org(ref.owner) if ref.owner else self.municipality
        if ref.party is Party.post:
            return post_node(self, ref)
        slug = (ref.actor_type or "").rsplit("/", 1)[-1]
        unit = slug in UNIT_TYPES  # a department of a municipality, by its kind
        # "Köpings socialtjänst": the text says whose unit it is; "Köpings fastighetsägare" only
        # where they are (the owners are no part of the municipality)
        owner = ref.owner or (self._owner(ref.label) if unit else None)
        node = self.minter.local_actor(owner or self.a.municipality.code, ref.label)
        if (node, RDF.type, None) not in self.g:
            self.g.add((node, RDF.type, ORG.Organization))
            if unit:
                self.g.add((node, RDF.type, ORG.OrganizationalUnit))
                if owner is None:  # a joint promise's unit, its municipality not named: not guessed
                    self.assume(
                        node, ORG.unitOf, None, "extract:joint-unit-owner-not-stated", label=ref.label
                    )
                else:
                    org = self.minter.municipality_org(owner)
                    self.g.add((node, ORG.unitOf, org))
                    if ref.owner is None:
                        self.assume(node, ORG.unitOf, org, "extract:unit-of-municipality", label=ref.label)
            self.g.add((node, SKOS.prefLabel, _sv(ref.label)))
            if ref.actor_type:
                self.g.add((node, MBL.actorType, URIRef(ref.actor_type)))
            else:  # recorded as unknown, not guessed: a steward adds the type from what they know
                self.assume(node, MBL.actorType, None, "extract:actor-type-not-stated", label=ref.label)
        return node

    def actors(self, ref: ActorRef) -> list[URIRef]:
        """:meth:`actor`, except that the municipality of a joint promise is each of them, and a
        unit the text says each of them has ("socialtjänsten i båda kommunerna") is each one's."""
        if ref.owner == EACH_MUNICIPALITY:
            codes = [m.code for m in (self.a.municipality, *self.a.also_municipalities)]
            return [self.actor(replace(ref, owner=code)) for code in codes]
        each = ref.party is Party.municipality and not ref.owner
        return list(self.municipalities) if each else [self.actor(ref)]

    def _each_municipality(self, ref: ActorRef) -> bool:
        """A joint promise's activity says "kommunen": that each municipality is meant is an
        inference ("kommunerna" states it)."""
        return (
            ref.party is Party.municipality
            and not ref.owner
            and len(self.municipalities) > 1
            and ref.label != "kommunerna"
        )

    def _owner(self, name: str) -> str | None:
        """The code of the municipality a local unit or a place belongs to: the promise's; in a
        joint promise the one of its municipalities that ``name`` names ("Arboga socialtjänst",
        "Köpings torg"), else None: the text does not say which."""
        if len(self.municipalities) == 1:
            return self.a.municipality.code
        named = self._named_parties(name)
        return named[0] if len(named) == 1 else None

    def _named_parties(self, text: str) -> list[str]:
        """The codes of the promise's municipalities that ``text`` names ("Arboga", "Arbogas")."""
        return [
            m.code
            for m in (self.a.municipality, *self.a.also_municipalities)
            if _names(self.lexicon.municipalities[m.code].short, text)
        ]

    def _name(self, org: URIRef) -> str:
        code = str(org).rsplit("-", 1)[-1]
        info = self.lexicon.municipalities.get(code)
        return info.name if info is not None else code

    def place(self, place: Place) -> URIRef:
        slug = place.slug
        if slug in self._places:
            return self._places[slug]
        node = URIRef(f"{self.iri}/place/{slug}")
        self._places[slug] = node
        self.g.add((node, RDF.type, SCHEMA.Place))
        self.g.add((node, SCHEMA.name, _sv(place.name)))
        owner = self._owner(place.name)
        if owner is not None:
            territory = self.minter.municipality_place(owner)
            self.g.add((node, GEO.sfWithin, territory))
            self.assume(node, GEO.sfWithin, territory, "extract:place-in-municipality", name=place.name)
        else:  # a joint promise's place, its municipality not named: not guessed
            self.assume(node, GEO.sfWithin, None, "extract:joint-place-not-stated", name=place.name)
        self.passage(node, place.passage)
        return node

    # -----------------------------------------------------------------------------------------

    def build(self) -> Graph:
        a, g, p = self.a, self.g, self.iri
        g.add((p, RDF.type, MBL.CitizenPromise))
        g.add((p, DCT.identifier, Literal(self.key)))
        if a.title:
            g.add((p, DCT.title, _sv(a.title)))
        if a.description:
            g.add((p, DCT.description, _sv(a.description)))
        g.add((p, MBL.municipality, self.municipality))
        g.add((p, DCT.spatial, self.territory))
        self._municipality_assumptions()
        for other in a.also_municipalities:  # a joint promise: every municipality is a party
            g.add((p, MBL.municipality, self.minter.municipality_org(other.code)))
            g.add((p, DCT.spatial, self.minter.municipality_place(other.code)))
        for m in (a.municipality, *a.also_municipalities):  # each where the text names it
            self.citations.cite(p, MBL.municipality, self.minter.municipality_org(m.code), m.passage)
            self.citations.cite(p, DCT.spatial, self.minter.municipality_place(m.code), m.passage)
        if self.police_unit is not None and a.police_area is not None:
            g.add((p, MBL.policeUnit, self.police_unit))
            self.citations.cite(p, MBL.policeUnit, self.police_unit, a.police_area.passage)
        if a.description:
            self.citations.cite(p, DCT.description, _sv(a.description), a.description_passage)
        self._police_assumptions()
        self._police_node()
        for triple in source_triples(p, a.source_name, self.sha256, url=a.url, truncated=a.truncated):
            g.add(triple)

        period = URIRef(f"{p}/period")
        g.add((p, DCT.temporal, period))
        g.add((period, RDF.type, DCT.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(a.period.start.isoformat(), datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(a.period.end.isoformat(), datatype=XSD.date)))
        if not a.period.given:  # a period given with --period has no words in the text
            g.add((period, MBL.verbatim, Literal(a.period.verbatim)))
        self.passage(period, a.period.passage)
        self._period_assumptions(period)

        dates = [s.date for s in a.signatures if s.date is not None]
        if dates:
            issued = Literal(max(dates).isoformat(), datatype=XSD.date)
            g.add((p, DCT.issued, issued))
            # the last signature's date only where every signature has one; else the latest given
            undated = len(a.signatures) - len(dates)
            rule = "extract:issued-from-dated-signatures" if undated else "extract:issued-from-last-signature"
            self.assume(p, DCT.issued, issued, rule, undated=undated, total=len(a.signatures))

        self._situation()
        priorities = self._priorities()
        self._activities(priorities)
        self._outcomes()
        self._followup()
        self._signatures()
        add_targets(g, p, a, self.lexicon, self.place, self.citations.cite)
        assumptions.write(g, self.minter, self.iri, self.assumptions)
        a.cited = self.citations.write(g, a.text, self.assumptions)
        return g

    # -- what the text does not state -----------------------------------------------------------

    def _municipality_assumptions(self) -> None:
        for m in (self.a.municipality, *self.a.also_municipalities):
            if m.rule == "option:--municipality":
                rule = m.rule
            elif not m.stated:
                rule = (
                    "extract:municipality-from-police-area"
                    if m.rule == "police-area-name"
                    else ("extract:municipality-from-address")
                )
            else:
                continue
            org, place = self.minter.municipality_org(m.code), self.minter.municipality_place(m.code)
            self.assume(self.iri, MBL.municipality, org, rule, name=m.name, code=m.code)
            self.assume(self.iri, DCT.spatial, place, rule, name=m.name, code=m.code)

    def _police_assumptions(self) -> None:
        area, p = self.a.police_area, self.iri
        if area is not None and area.given and area.iri is None and area.near:
            near = ", ".join(area.near)
            self.assume(
                p, MBL.policeUnit, self.police_unit, "option:--police-area-unknown", name=area.name, near=near
            )
        elif area is not None and area.given:
            self.assume(p, MBL.policeUnit, self.police_unit, "option:--police-area", name=area.name)
        elif area is None and self.a.police_candidates:
            names = ", ".join(self.a.police_candidates)
            self.assume(p, MBL.policeUnit, None, "extract:police-area-ambiguous", names=names)
        elif area is None:
            self.assume(p, MBL.policeUnit, None, "extract:police-area-not-named")

    def _period_assumptions(self, period: URIRef) -> None:
        a = self.a.period
        if a.given:
            rule = "option:--period"
        elif a.rule:
            rule = f"extract:{a.rule}"
        else:
            return
        start = Literal(a.start.isoformat(), datatype=XSD.date)
        end = Literal(a.end.isoformat(), datatype=XSD.date)
        self.assume(period, DCAT.startDate, start, rule, verbatim=a.verbatim)
        if not a.stated_end:
            self.assume(period, DCAT.endDate, end, rule, verbatim=a.verbatim)

    def _police_node(self) -> None:
        if self.a.police_area is None or str(self.police) in self.lexicon.police_areas:
            return
        g = self.g
        g.add((self.police, RDF.type, ORG.Organization))
        g.add((self.police, RDF.type, ORG.OrganizationalUnit))
        g.add((self.police, SKOS.prefLabel, _sv(self.a.police_area.name)))
        g.add((self.police, MBL.actorType, ACT.lokalpolisomrade))
        g.add((self.police, ORG.unitOf, self.minter.police_authority()))

    def _situation(self) -> None:
        s = self.a.situation
        if s is None:
            return
        node = URIRef(f"{self.iri}/situation")
        g = self.g
        g.add((self.iri, MBL.situationPicture, node))
        g.add((node, RDF.type, MBL.SituationPicture))
        if s.description:
            g.add((node, DCT.description, _sv(s.description)))
        for k in s.knowledge_sources:
            g.add((node, MBL.knowledgeSource, URIRef(k)))
        self.passage(node, s.passage)
        for n, problem in enumerate(s.problems, start=1):
            pn = URIRef(f"{node}/problem/{n}")
            g.add((node, MBL.problem, pn))
            g.add((pn, RDF.type, MBL.IdentifiedProblem))
            g.add((pn, MBL.order, Literal(n)))
            g.add((pn, DCT.description, _sv(problem.description)))
            if problem.title and problem.title != problem.description:
                g.add((pn, DCT.title, _sv(problem.title)))
            for area in problem.areas:
                g.add((pn, MBL.priorityArea, URIRef(area)))
            for place in problem.places:
                g.add((pn, SCHEMA.location, self.place(place)))
            self.passage(pn, problem.passage)

    def _priorities(self) -> list[URIRef]:
        out = []
        for n, pr in enumerate(self.a.priorities, start=1):
            node = URIRef(f"{self.iri}/priority/{n}")
            out.append(node)
            self.g.add((self.iri, MBL.priority, node))
            self.g.add((node, RDF.type, MBL.Priority))
            self.g.add((node, MBL.order, Literal(n)))
            self.g.add((node, DCT.title, _sv(pr.title)))
            for area in pr.areas:
                self.g.add((node, MBL.priorityArea, URIRef(area)))
            self.passage(node, pr.passage)
            if pr.rule:
                self.assume(self.iri, MBL.priority, node, f"extract:{pr.rule}", title=pr.title)
        return out

    def _activities(self, priorities: list[URIRef]) -> None:
        g = self.g
        for n, act in enumerate(self.a.activities, start=1):
            node = URIRef(f"{self.iri}/activity/{n}")
            g.add((self.iri, MBL.activity, node))
            g.add((node, RDF.type, MBL.Activity))
            g.add((node, MBL.order, Literal(n)))
            g.add((node, DCT.description, _sv(act.description)))
            if act.title:
                g.add((node, DCT.title, _sv(act.title)))
            if act.priority is not None and act.priority < len(priorities):
                g.add((node, MBL.addresses, priorities[act.priority]))
                if act.priority_rule:
                    self.assume(node, MBL.addresses, priorities[act.priority], f"extract:{act.priority_rule}")
            for t in act.activity_types:
                g.add((node, MBL.activityType, URIRef(t)))
            rule = assumptions.ACTOR_SOURCE_RULES.get(act.actor_source)
            for prop, refs in ((MBL.responsibleActor, act.responsible), (MBL.partner, act.partners)):
                for ref in refs:
                    for actor in self.actors(ref):
                        g.add((node, prop, actor))
                        if ref.party is Party.post and (actor, PROV.wasDerivedFrom, None) not in g:
                            self.passage(actor, act.passage)  # a post: where it is first named
                        if rule and prop == MBL.responsibleActor:
                            self.assume(node, prop, actor, rule, label=ref.label)
                        elif self._each_municipality(ref):
                            self.assume(
                                node, prop, actor, "extract:joint-kommunen-each", name=self._name(actor)
                            )
            if act.frequency is not None:
                if act.frequency.concept:
                    g.add((node, MBL.frequency, URIRef(act.frequency.concept)))
                    if act.frequency.rule:
                        self.assume(node, MBL.frequency, URIRef(act.frequency.concept), act.frequency.rule,
                                    phrase=act.frequency.phrase)  # fmt: skip
                g.add((node, MBL.frequencyText, Literal(act.frequency.phrase)))
            if act.quantity is not None:
                g.add((node, MBL.quantity, Literal(act.quantity)))
            for place in act.places:
                g.add((node, SCHEMA.location, self.place(place)))
            for where in act.where:  # in the text's words, and the kinds of place it names
                g.add((node, MBL.placeText, Literal(where.text)))
                for kind in where.kinds:
                    g.add((node, MBL.placeKind, URIRef(kind)))
            self.passage(node, act.passage)

    def _outcomes(self) -> None:
        g = self.g
        for n, o in enumerate(self.a.outcomes, start=1):
            node = URIRef(f"{self.iri}/outcome/{n}")
            g.add((self.iri, MBL.expectedOutcome, node))
            g.add((node, RDF.type, MBL.ExpectedOutcome))
            g.add((node, MBL.order, Literal(n)))
            g.add((node, DCT.description, _sv(o.description)))
            for ind in o.indicators:
                g.add((node, MBL.indicator, URIRef(ind)))
            if o.indicator_text:
                g.add((node, MBL.indicatorText, Literal(o.indicator_text)))
            self.passage(node, o.passage)

    def _followup(self) -> None:
        f = self.a.followup
        if f is None:
            return
        g = self.g
        node = URIRef(f"{self.iri}/followup-plan")
        g.add((self.iri, MBL.followUpPlan, node))
        g.add((node, RDF.type, MBL.FollowUpPlan))
        if f.frequency is not None:
            if f.frequency.concept:
                g.add((node, MBL.frequency, URIRef(f.frequency.concept)))
            g.add((node, MBL.frequencyText, Literal(f.frequency.phrase)))
        if f.description:
            g.add((node, DCT.description, _sv(f.description)))
        for forum in f.forums:  # words of the plan's description, within its passage
            g.add((node, MBL.followUpForum, Literal(forum.label)))
        self.passage(node, f.passage)
        for n, c in enumerate(f.channels, start=1):
            cn = URIRef(f"{node}/channel/{n}")
            g.add((node, MBL.channel, cn))
            g.add((cn, RDF.type, MBL.CommunicationChannel))
            g.add((cn, SKOS.prefLabel, _sv(c.label)))
            if c.url:
                g.add((cn, SCHEMA.url, URIRef(c.url)))
            if c.channel_type:
                g.add((cn, MBL.channelType, URIRef(c.channel_type)))
            self.passage(cn, c.passage)

    def _signatures(self) -> None:
        g = self.g
        for n, s in enumerate(self.a.signatures, start=1):
            node = URIRef(f"{self.iri}/signature/{n}")
            person = URIRef(f"{node}/person")
            g.add((self.iri, MBL.signature, node))
            g.add((node, RDF.type, MBL.Signature))
            g.add((node, MBL.signatory, person))
            g.add((person, RDF.type, SCHEMA.Person))
            g.add((person, SCHEMA.name, Literal(s.name)))
            party = None
            if s.party is Party.police:
                party = self.police
            elif s.party is Party.municipality:
                party = self._signed_for(s)
            if party is not None:
                g.add((node, MBL.signedFor, party))
            if s.post:
                post = URIRef(f"{node}/post")
                g.add((node, MBL.post, post))
                g.add((post, RDF.type, ORG.Post))
                g.add((post, SKOS.prefLabel, _sv(s.post)))
                if s.post_concept:
                    g.add((post, ORG.role, URIRef(s.post_concept)))
                if party is not None:
                    g.add((post, ORG.postIn, party))
            if s.place:
                g.add((node, MBL.signingPlace, Literal(s.place)))
            dated = (DCT.date, Literal(s.date.isoformat(), datatype=XSD.date)) if s.date else None
            if s.date_text:
                g.add((node, MBL.dateText, Literal(s.date_text)))
                dated = dated or (MBL.dateText, Literal(s.date_text))
            if dated is not None:
                g.add((node, *dated))
                if s.dated_by_block_end:  # the block's last line, read as every signature's
                    self.assume(node, *dated, "extract:signature-dated-by-block-end", name=s.name)
            self.passage(node, s.passage)

    def _signed_for(self, s: Signature) -> URIRef | None:
        """The municipality a signatory signs for: the promise's; for a joint promise the one
        the signature's post names ("kommunstyrelsens ordförande Arboga"), else the one its
        organisation names ("Bertil Berg, kommunstyrelsens ordförande, Hedemora kommun"), else the
        one its lines name, else none (not guessed). The lines of a signature under a date line
        over the whole block span the signatures above it too, so its own organisation comes first."""
        if len(self.municipalities) == 1:
            return self.municipality
        for text in (s.post or "", s.organisation or "", s.passage.exact(self.a.text)):
            named = self._named_parties(text)
            if len(named) == 1:
                return self.minter.municipality_org(named[0])
        return None


def _names(short: str, text: str) -> bool:
    """Whether ``text`` names the place ``short`` ("Arboga", "Arbogas")."""
    return re.search(rf"(?<![\wåäö]){re.escape(short)}s?(?![\wåäö])", text) is not None


def build_graph(analysis: Analysis, *, minter: Minter, lexicon: Lexicon, sha256: str) -> tuple[Graph, URIRef]:
    """The document's graph; also sets ``analysis.assumptions`` to what it assumed."""
    builder = GraphBuilder(analysis, minter=minter, lexicon=lexicon, sha256=sha256)
    graph = builder.build()
    analysis.assumptions = builder.assumptions
    return graph, builder.iri


__all__ = ["GraphBuilder", "build_graph", "slugify"]
