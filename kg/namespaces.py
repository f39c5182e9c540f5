# generated, do not edit: run `python -m tools.namespaces_gen` after changing ontology/mbl.ttl
# ruff: noqa: N815  (the ontology's property names are camelCase)
"""Namespaces of the medborgarlöfte knowledge graph.

:class:`MBL` is a closed namespace: a misspelt term is an AttributeError, not a silent
empty query. The other constants are plain namespaces; ``PREFIXES`` (the one prefix table)
maps each prefix to its namespace for binding and for SPARQL prologues
(:func:`sparql_prefixes`). :class:`OX` holds the same namespaces as pyoxigraph terms
(``OX.mbl.sha256``, closed like :class:`MBL`; ``OX.dct.title``).

Only this module and the IRI minter (:mod:`kg.iris`) spell the project's namespaces;
``tests/unit/test_namespaces.py`` fails on any other module that does.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class MBL(DefinedNamespace):
    """The medborgarlöfte ontology (ontology/mbl.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/medborgarlofte/def/")

    Activity: URIRef  # aktivitet / activity
    activity: URIRef  # aktivitet / activity
    activityType: URIRef  # aktivitetstyp / activity type
    actorType: URIRef  # aktörstyp / actor type
    addresses: URIRef  # avser prioritering / addresses priority
    aim: URIRef  # syfte / aim
    Area: URIRef  # område inom kommunen / area within the municipality
    area: URIRef  # område / area
    areaKind: URIRef  # slag av område / kind of area
    assessedActivity: URIRef  # bedömd aktivitet / assessed activity
    assessment: URIRef  # bedömning / assessment
    Assumption: URIRef  # antagande / assumption
    assumptionKind: URIRef  # slag av antagande / assumption kind
    assumptionReason: URIRef  # skäl / reason
    assumptionRule: URIRef  # regel / rule
    channel: URIRef  # kanal / channel
    channelType: URIRef  # kanaltyp / channel type
    CitizenPromise: URIRef  # medborgarlöfte / citizen promise
    CommunicationChannel: URIRef  # kommunikationskanal / communication channel
    dateText: URIRef  # datum i text / date as written
    evidence: URIRef  # underlag / evidence
    ExpectedOutcome: URIRef  # förväntat resultat / expected outcome
    expectedOutcome: URIRef  # förväntat resultat / expected outcome
    followsUp: URIRef  # följer upp / follows up
    FollowUp: URIRef  # uppföljning / follow-up
    FollowUpPlan: URIRef  # uppföljningsplan / follow-up plan
    followUpPlan: URIRef  # uppföljningsplan / follow-up plan
    frequency: URIRef  # frekvens / frequency
    frequencyText: URIRef  # frekvens i text / frequency as written
    IdentifiedProblem: URIRef  # identifierat problem / identified problem
    Indicator: URIRef  # indikator / indicator
    indicator: URIRef  # indikator / indicator
    indicatorText: URIRef  # uppföljning i text / measurement as written
    infos: URIRef  # antal upplysningar / infos
    isExample: URIRef  # är ett exempel / is an example
    issuedBy: URIRef  # utfärdat av / issued by
    knowledgeSource: URIRef  # kunskapskälla / knowledge source
    municipality: URIRef  # kommun / municipality
    namedGraph: URIRef  # namngiven graf / named graph
    occasions: URIRef  # antal tillfällen / occasions
    occurrencesPerYear: URIRef  # tillfällen per år / occurrences per year
    order: URIRef  # ordningsnummer / order
    partner: URIRef  # samverkanspart / partner
    policeUnit: URIRef  # polisenhet / police unit
    post: URIRef  # befattning / post
    Priority: URIRef  # prioritering / priority
    priority: URIRef  # prioritering / priority
    priorityArea: URIRef  # prioriterat område / priority area
    problem: URIRef  # problem / problem
    quantity: URIRef  # antal / quantity
    reportedBy: URIRef  # rapporterad av / reported by
    responsibleActor: URIRef  # ansvarig aktör / responsible actor
    revision: URIRef  # revision / revision
    revisionClause: URIRef  # revideringsklausul / revision clause
    sha256: URIRef  # SHA-256 / SHA-256
    signatory: URIRef  # undertecknare / signatory
    Signature: URIRef  # underskrift / signature
    signature: URIRef  # underskrift / signature
    signedFor: URIRef  # undertecknat för / signed for
    signingPlace: URIRef  # ort / place of signing
    SituationPicture: URIRef  # lägesbild / situation picture
    situationPicture: URIRef  # lägesbild / situation picture
    SourceDocument: URIRef  # källdokument / source document
    status: URIRef  # status / status
    StatusAssessment: URIRef  # statusbedömning / status assessment
    toolVersion: URIRef  # verktygsversion / tool version
    truncated: URIRef  # avkortad / truncated
    UmbrellaConcept: URIRef  # samlingsbegrepp / umbrella concept
    validationContext: URIRef  # valideringssammanhang / validation context
    verbatim: URIRef  # ordalydelse / verbatim wording
    violations: URIRef  # antal fel / violations
    warnings: URIRef  # antal varningar / warnings


# External vocabularies
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
VANN = Namespace("http://purl.org/vocab/vann/")
EUFREQ = Namespace("http://publications.europa.eu/resource/authority/frequency/")

# The project's SKOS concept schemes: scheme IRIs and concept namespaces
VOCAB = Namespace("https://w3id.org/medborgarlofte/vocab/")
PA = Namespace("https://w3id.org/medborgarlofte/vocab/priority-area/")
AT = Namespace("https://w3id.org/medborgarlofte/vocab/activity-type/")
ACT = Namespace("https://w3id.org/medborgarlofte/vocab/actor-type/")
ROLE = Namespace("https://w3id.org/medborgarlofte/vocab/role/")
POST = Namespace("https://w3id.org/medborgarlofte/vocab/post/")
FREQ = Namespace("https://w3id.org/medborgarlofte/vocab/frequency/")
STATUS = Namespace("https://w3id.org/medborgarlofte/vocab/followup-status/")
IND = Namespace("https://w3id.org/medborgarlofte/vocab/indicator/")
KS = Namespace("https://w3id.org/medborgarlofte/vocab/knowledge-source/")
CH = Namespace("https://w3id.org/medborgarlofte/vocab/channel-type/")
AK = Namespace("https://w3id.org/medborgarlofte/vocab/assumption-kind/")
TG = Namespace("https://w3id.org/medborgarlofte/vocab/target-group/")
AR = Namespace("https://w3id.org/medborgarlofte/vocab/area-kind/")

SCHEMES: dict[str, URIRef] = {
    "priority-area": URIRef("https://w3id.org/medborgarlofte/vocab/priority-area"),
    "activity-type": URIRef("https://w3id.org/medborgarlofte/vocab/activity-type"),
    "actor-type": URIRef("https://w3id.org/medborgarlofte/vocab/actor-type"),
    "role": URIRef("https://w3id.org/medborgarlofte/vocab/role"),
    "post": URIRef("https://w3id.org/medborgarlofte/vocab/post"),
    "frequency": URIRef("https://w3id.org/medborgarlofte/vocab/frequency"),
    "followup-status": URIRef("https://w3id.org/medborgarlofte/vocab/followup-status"),
    "indicator": URIRef("https://w3id.org/medborgarlofte/vocab/indicator"),
    "knowledge-source": URIRef("https://w3id.org/medborgarlofte/vocab/knowledge-source"),
    "channel-type": URIRef("https://w3id.org/medborgarlofte/vocab/channel-type"),
    "assumption-kind": URIRef("https://w3id.org/medborgarlofte/vocab/assumption-kind"),
    "target-group": URIRef("https://w3id.org/medborgarlofte/vocab/target-group"),
    "area-kind": URIRef("https://w3id.org/medborgarlofte/vocab/area-kind"),
}

PREFIXES: dict[str, str] = {
    "mbl": "https://w3id.org/medborgarlofte/def/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "schema": "http://schema.org/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "time": "http://www.w3.org/2006/time#",
    "oa": "http://www.w3.org/ns/oa#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vann": "http://purl.org/vocab/vann/",
    "eufreq": "http://publications.europa.eu/resource/authority/frequency/",
    "pa": "https://w3id.org/medborgarlofte/vocab/priority-area/",
    "at": "https://w3id.org/medborgarlofte/vocab/activity-type/",
    "act": "https://w3id.org/medborgarlofte/vocab/actor-type/",
    "role": "https://w3id.org/medborgarlofte/vocab/role/",
    "post": "https://w3id.org/medborgarlofte/vocab/post/",
    "freq": "https://w3id.org/medborgarlofte/vocab/frequency/",
    "status": "https://w3id.org/medborgarlofte/vocab/followup-status/",
    "ind": "https://w3id.org/medborgarlofte/vocab/indicator/",
    "ks": "https://w3id.org/medborgarlofte/vocab/knowledge-source/",
    "ch": "https://w3id.org/medborgarlofte/vocab/channel-type/",
    "ak": "https://w3id.org/medborgarlofte/vocab/assumption-kind/",
    "tg": "https://w3id.org/medborgarlofte/vocab/target-group/",
    "ar": "https://w3id.org/medborgarlofte/vocab/area-kind/",
}

# The project's namespaces as text (only this module and kg/iris.py spell them)
MBL_NS = "https://w3id.org/medborgarlofte/def/"
VOCAB_NS = "https://w3id.org/medborgarlofte/vocab/"
SHAPES_NS = "https://w3id.org/medborgarlofte/shapes/"
CONTEXT_IRI = "https://w3id.org/medborgarlofte/context.jsonld"
"""The JSON-LD context documents name (bundled with kg, never fetched)."""


def sparql_prefixes(*names: str) -> str:
    """PREFIX lines for a SPARQL prologue from the one table: ``sparql_prefixes("mbl", "dct")``.

    An unknown prefix is a KeyError, so a misspelt prefix fails where the query is written.
    """
    return "".join(f"PREFIX {name}: {ox.NamedNode(PREFIXES[name])}\n" for name in names)


class OxNamespace:
    """An open namespace of pyoxigraph NamedNodes: ``OX.dct.title``, ``OX.pa["narkotika"]``."""

    def __init__(self, iri: str) -> None:
        self.iri = iri

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return ox.NamedNode(self.iri + name)

    def __getitem__(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self.iri + name)


class OxMBL:
    """The ontology's terms as pyoxigraph NamedNodes; closed: a misspelt term is an
    AttributeError (and a mypy error)."""

    Activity = ox.NamedNode("https://w3id.org/medborgarlofte/def/Activity")
    activity = ox.NamedNode("https://w3id.org/medborgarlofte/def/activity")
    activityType = ox.NamedNode("https://w3id.org/medborgarlofte/def/activityType")
    actorType = ox.NamedNode("https://w3id.org/medborgarlofte/def/actorType")
    addresses = ox.NamedNode("https://w3id.org/medborgarlofte/def/addresses")
    aim = ox.NamedNode("https://w3id.org/medborgarlofte/def/aim")
    Area = ox.NamedNode("https://w3id.org/medborgarlofte/def/Area")
    area = ox.NamedNode("https://w3id.org/medborgarlofte/def/area")
    areaKind = ox.NamedNode("https://w3id.org/medborgarlofte/def/areaKind")
    assessedActivity = ox.NamedNode("https://w3id.org/medborgarlofte/def/assessedActivity")
    assessment = ox.NamedNode("https://w3id.org/medborgarlofte/def/assessment")
    Assumption = ox.NamedNode("https://w3id.org/medborgarlofte/def/Assumption")
    assumptionKind = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionKind")
    assumptionReason = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionReason")
    assumptionRule = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionRule")
    channel = ox.NamedNode("https://w3id.org/medborgarlofte/def/channel")
    channelType = ox.NamedNode("https://w3id.org/medborgarlofte/def/channelType")
    CitizenPromise = ox.NamedNode("https://w3id.org/medborgarlofte/def/CitizenPromise")
    CommunicationChannel = ox.NamedNode("https://w3id.org/medborgarlofte/def/CommunicationChannel")
    dateText = ox.NamedNode("https://w3id.org/medborgarlofte/def/dateText")
    evidence = ox.NamedNode("https://w3id.org/medborgarlofte/def/evidence")
    ExpectedOutcome = ox.NamedNode("https://w3id.org/medborgarlofte/def/ExpectedOutcome")
    expectedOutcome = ox.NamedNode("https://w3id.org/medborgarlofte/def/expectedOutcome")
    followsUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/followsUp")
    FollowUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/FollowUp")
    FollowUpPlan = ox.NamedNode("https://w3id.org/medborgarlofte/def/FollowUpPlan")
    followUpPlan = ox.NamedNode("https://w3id.org/medborgarlofte/def/followUpPlan")
    frequency = ox.NamedNode("https://w3id.org/medborgarlofte/def/frequency")
    frequencyText = ox.NamedNode("https://w3id.org/medborgarlofte/def/frequencyText")
    IdentifiedProblem = ox.NamedNode("https://w3id.org/medborgarlofte/def/IdentifiedProblem")
    Indicator = ox.NamedNode("https://w3id.org/medborgarlofte/def/Indicator")
    indicator = ox.NamedNode("https://w3id.org/medborgarlofte/def/indicator")
    indicatorText = ox.NamedNode("https://w3id.org/medborgarlofte/def/indicatorText")
    infos = ox.NamedNode("https://w3id.org/medborgarlofte/def/infos")
    isExample = ox.NamedNode("https://w3id.org/medborgarlofte/def/isExample")
    issuedBy = ox.NamedNode("https://w3id.org/medborgarlofte/def/issuedBy")
    knowledgeSource = ox.NamedNode("https://w3id.org/medborgarlofte/def/knowledgeSource")
    municipality = ox.NamedNode("https://w3id.org/medborgarlofte/def/municipality")
    namedGraph = ox.NamedNode("https://w3id.org/medborgarlofte/def/namedGraph")
    occasions = ox.NamedNode("https://w3id.org/medborgarlofte/def/occasions")
    occurrencesPerYear = ox.NamedNode("https://w3id.org/medborgarlofte/def/occurrencesPerYear")
    order = ox.NamedNode("https://w3id.org/medborgarlofte/def/order")
    partner = ox.NamedNode("https://w3id.org/medborgarlofte/def/partner")
    policeUnit = ox.NamedNode("https://w3id.org/medborgarlofte/def/policeUnit")
    post = ox.NamedNode("https://w3id.org/medborgarlofte/def/post")
    Priority = ox.NamedNode("https://w3id.org/medborgarlofte/def/Priority")
    priority = ox.NamedNode("https://w3id.org/medborgarlofte/def/priority")
    priorityArea = ox.NamedNode("https://w3id.org/medborgarlofte/def/priorityArea")
    problem = ox.NamedNode("https://w3id.org/medborgarlofte/def/problem")
    quantity = ox.NamedNode("https://w3id.org/medborgarlofte/def/quantity")
    reportedBy = ox.NamedNode("https://w3id.org/medborgarlofte/def/reportedBy")
    responsibleActor = ox.NamedNode("https://w3id.org/medborgarlofte/def/responsibleActor")
    revision = ox.NamedNode("https://w3id.org/medborgarlofte/def/revision")
    revisionClause = ox.NamedNode("https://w3id.org/medborgarlofte/def/revisionClause")
    sha256 = ox.NamedNode("https://w3id.org/medborgarlofte/def/sha256")
    signatory = ox.NamedNode("https://w3id.org/medborgarlofte/def/signatory")
    Signature = ox.NamedNode("https://w3id.org/medborgarlofte/def/Signature")
    signature = ox.NamedNode("https://w3id.org/medborgarlofte/def/signature")
    signedFor = ox.NamedNode("https://w3id.org/medborgarlofte/def/signedFor")
    signingPlace = ox.NamedNode("https://w3id.org/medborgarlofte/def/signingPlace")
    SituationPicture = ox.NamedNode("https://w3id.org/medborgarlofte/def/SituationPicture")
    situationPicture = ox.NamedNode("https://w3id.org/medborgarlofte/def/situationPicture")
    SourceDocument = ox.NamedNode("https://w3id.org/medborgarlofte/def/SourceDocument")
    status = ox.NamedNode("https://w3id.org/medborgarlofte/def/status")
    StatusAssessment = ox.NamedNode("https://w3id.org/medborgarlofte/def/StatusAssessment")
    toolVersion = ox.NamedNode("https://w3id.org/medborgarlofte/def/toolVersion")
    truncated = ox.NamedNode("https://w3id.org/medborgarlofte/def/truncated")
    UmbrellaConcept = ox.NamedNode("https://w3id.org/medborgarlofte/def/UmbrellaConcept")
    validationContext = ox.NamedNode("https://w3id.org/medborgarlofte/def/validationContext")
    verbatim = ox.NamedNode("https://w3id.org/medborgarlofte/def/verbatim")
    violations = ox.NamedNode("https://w3id.org/medborgarlofte/def/violations")
    warnings = ox.NamedNode("https://w3id.org/medborgarlofte/def/warnings")


class OX:
    """Every namespace of ``PREFIXES`` as pyoxigraph NamedNodes (``OX.mbl.sha256``)."""

    mbl = OxMBL
    rdf = OxNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    rdfs = OxNamespace("http://www.w3.org/2000/01/rdf-schema#")
    owl = OxNamespace("http://www.w3.org/2002/07/owl#")
    xsd = OxNamespace("http://www.w3.org/2001/XMLSchema#")
    skos = OxNamespace("http://www.w3.org/2004/02/skos/core#")
    dct = OxNamespace("http://purl.org/dc/terms/")
    dcat = OxNamespace("http://www.w3.org/ns/dcat#")
    prov = OxNamespace("http://www.w3.org/ns/prov#")
    org = OxNamespace("http://www.w3.org/ns/org#")
    cv = OxNamespace("http://data.europa.eu/m8g/")
    schema = OxNamespace("http://schema.org/")
    geo = OxNamespace("http://www.opengis.net/ont/geosparql#")
    time = OxNamespace("http://www.w3.org/2006/time#")
    oa = OxNamespace("http://www.w3.org/ns/oa#")
    foaf = OxNamespace("http://xmlns.com/foaf/0.1/")
    vann = OxNamespace("http://purl.org/vocab/vann/")
    eufreq = OxNamespace("http://publications.europa.eu/resource/authority/frequency/")
    pa = OxNamespace("https://w3id.org/medborgarlofte/vocab/priority-area/")
    at = OxNamespace("https://w3id.org/medborgarlofte/vocab/activity-type/")
    act = OxNamespace("https://w3id.org/medborgarlofte/vocab/actor-type/")
    role = OxNamespace("https://w3id.org/medborgarlofte/vocab/role/")
    post = OxNamespace("https://w3id.org/medborgarlofte/vocab/post/")
    freq = OxNamespace("https://w3id.org/medborgarlofte/vocab/frequency/")
    status = OxNamespace("https://w3id.org/medborgarlofte/vocab/followup-status/")
    ind = OxNamespace("https://w3id.org/medborgarlofte/vocab/indicator/")
    ks = OxNamespace("https://w3id.org/medborgarlofte/vocab/knowledge-source/")
    ch = OxNamespace("https://w3id.org/medborgarlofte/vocab/channel-type/")
    ak = OxNamespace("https://w3id.org/medborgarlofte/vocab/assumption-kind/")
    tg = OxNamespace("https://w3id.org/medborgarlofte/vocab/target-group/")
    ar = OxNamespace("https://w3id.org/medborgarlofte/vocab/area-kind/")
