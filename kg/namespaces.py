# generated, do not edit: run `python -m tools.namespaces_gen` after changing ontology/mbl.ttl
# ruff: noqa: N815, F401  (camelCase property names; the rdflib names are re-exported)
"""Namespaces of the medborgarlöfte knowledge graph.

``PREFIXES`` (the one prefix table) maps each prefix to its namespace for binding and for
SPARQL prologues (:func:`sparql_prefixes`). :class:`OX` holds the namespaces as pyoxigraph
terms (``OX.mbl.sha256``, closed: a misspelt term is an AttributeError; ``OX.dct.title``).
The rdflib namespaces (:class:`MBL`, closed like ``OX.mbl``; ``DCT``, ``PA`` ...) live in
:mod:`kg.namespaces_rdflib` and are imported from here on first use, so that importing this
module does not import rdflib.

Only this module, its rdflib sibling and the IRI minter (:mod:`kg.iris`) spell the
project's namespaces; ``tests/unit/test_one_way.py`` fails on any other module that does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from kg.namespaces_rdflib import (
        ACT,
        AK,
        AR,
        AT,
        CH,
        CV,
        DCAT,
        DCT,
        EUFREQ,
        FOAF,
        FREQ,
        GEO,
        IND,
        KS,
        MBL,
        OA,
        ORG,
        OWL,
        PA,
        POST,
        PROV,
        RDF,
        RDFS,
        ROLE,
        SCHEMA,
        SCHEMES,
        SKOS,
        STATUS,
        TG,
        TIME,
        VANN,
        VOCAB,
        XSD,
    )

_RDFLIB_NAMES = frozenset(
    {
        "MBL",
        "RDF",
        "RDFS",
        "OWL",
        "XSD",
        "SKOS",
        "DCT",
        "DCAT",
        "PROV",
        "ORG",
        "CV",
        "SCHEMA",
        "GEO",
        "TIME",
        "OA",
        "FOAF",
        "VANN",
        "EUFREQ",
        "VOCAB",
        "PA",
        "AT",
        "ACT",
        "ROLE",
        "POST",
        "FREQ",
        "STATUS",
        "IND",
        "KS",
        "CH",
        "AK",
        "TG",
        "AR",
        "SCHEMES",
    }
)


def __getattr__(name: str) -> object:
    if name in _RDFLIB_NAMES:
        from kg import namespaces_rdflib

        value = getattr(namespaces_rdflib, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

    activitiesWithActor = ox.NamedNode("https://w3id.org/medborgarlofte/def/activitiesWithActor")
    activitiesWithFrequency = ox.NamedNode("https://w3id.org/medborgarlofte/def/activitiesWithFrequency")
    activitiesWithType = ox.NamedNode("https://w3id.org/medborgarlofte/def/activitiesWithType")
    Activity = ox.NamedNode("https://w3id.org/medborgarlofte/def/Activity")
    activity = ox.NamedNode("https://w3id.org/medborgarlofte/def/activity")
    activityCount = ox.NamedNode("https://w3id.org/medborgarlofte/def/activityCount")
    activityType = ox.NamedNode("https://w3id.org/medborgarlofte/def/activityType")
    ActorGroup = ox.NamedNode("https://w3id.org/medborgarlofte/def/ActorGroup")
    actorType = ox.NamedNode("https://w3id.org/medborgarlofte/def/actorType")
    addresses = ox.NamedNode("https://w3id.org/medborgarlofte/def/addresses")
    aim = ox.NamedNode("https://w3id.org/medborgarlofte/def/aim")
    Area = ox.NamedNode("https://w3id.org/medborgarlofte/def/Area")
    area = ox.NamedNode("https://w3id.org/medborgarlofte/def/area")
    areaKind = ox.NamedNode("https://w3id.org/medborgarlofte/def/areaKind")
    AreaPair = ox.NamedNode("https://w3id.org/medborgarlofte/def/AreaPair")
    assessedActivity = ox.NamedNode("https://w3id.org/medborgarlofte/def/assessedActivity")
    assessment = ox.NamedNode("https://w3id.org/medborgarlofte/def/assessment")
    Assumption = ox.NamedNode("https://w3id.org/medborgarlofte/def/Assumption")
    assumptionCount = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionCount")
    assumptionKind = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionKind")
    assumptionReason = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionReason")
    assumptionRule = ox.NamedNode("https://w3id.org/medborgarlofte/def/assumptionRule")
    channel = ox.NamedNode("https://w3id.org/medborgarlofte/def/channel")
    channelType = ox.NamedNode("https://w3id.org/medborgarlofte/def/channelType")
    Citation = ox.NamedNode("https://w3id.org/medborgarlofte/def/Citation")
    CitizenPromise = ox.NamedNode("https://w3id.org/medborgarlofte/def/CitizenPromise")
    CommunicationChannel = ox.NamedNode("https://w3id.org/medborgarlofte/def/CommunicationChannel")
    countActivities = ox.NamedNode("https://w3id.org/medborgarlofte/def/countActivities")
    countDone = ox.NamedNode("https://w3id.org/medborgarlofte/def/countDone")
    countIsExample = ox.NamedNode("https://w3id.org/medborgarlofte/def/countIsExample")
    countOf = ox.NamedNode("https://w3id.org/medborgarlofte/def/countOf")
    countStated = ox.NamedNode("https://w3id.org/medborgarlofte/def/countStated")
    countStatedDone = ox.NamedNode("https://w3id.org/medborgarlofte/def/countStatedDone")
    dateText = ox.NamedNode("https://w3id.org/medborgarlofte/def/dateText")
    evidence = ox.NamedNode("https://w3id.org/medborgarlofte/def/evidence")
    ExpectedOutcome = ox.NamedNode("https://w3id.org/medborgarlofte/def/ExpectedOutcome")
    expectedOutcome = ox.NamedNode("https://w3id.org/medborgarlofte/def/expectedOutcome")
    factActorGroup = ox.NamedNode("https://w3id.org/medborgarlofte/def/factActorGroup")
    factAreaPair = ox.NamedNode("https://w3id.org/medborgarlofte/def/factAreaPair")
    factAssumedAreaPair = ox.NamedNode("https://w3id.org/medborgarlofte/def/factAssumedAreaPair")
    factAssumedMunicipality = ox.NamedNode("https://w3id.org/medborgarlofte/def/factAssumedMunicipality")
    factAssumedPriorityArea = ox.NamedNode("https://w3id.org/medborgarlofte/def/factAssumedPriorityArea")
    factIsExample = ox.NamedNode("https://w3id.org/medborgarlofte/def/factIsExample")
    factMunicipality = ox.NamedNode("https://w3id.org/medborgarlofte/def/factMunicipality")
    factPeriodAssumed = ox.NamedNode("https://w3id.org/medborgarlofte/def/factPeriodAssumed")
    factPriorityArea = ox.NamedNode("https://w3id.org/medborgarlofte/def/factPriorityArea")
    factsAbout = ox.NamedNode("https://w3id.org/medborgarlofte/def/factsAbout")
    factsOf = ox.NamedNode("https://w3id.org/medborgarlofte/def/factsOf")
    factStatedActorGroup = ox.NamedNode("https://w3id.org/medborgarlofte/def/factStatedActorGroup")
    factsVersion = ox.NamedNode("https://w3id.org/medborgarlofte/def/factsVersion")
    factTerritory = ox.NamedNode("https://w3id.org/medborgarlofte/def/factTerritory")
    factYear = ox.NamedNode("https://w3id.org/medborgarlofte/def/factYear")
    followsUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/followsUp")
    FollowUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/FollowUp")
    followUpForum = ox.NamedNode("https://w3id.org/medborgarlofte/def/followUpForum")
    FollowUpPlan = ox.NamedNode("https://w3id.org/medborgarlofte/def/FollowUpPlan")
    followUpPlan = ox.NamedNode("https://w3id.org/medborgarlofte/def/followUpPlan")
    FollowUpState = ox.NamedNode("https://w3id.org/medborgarlofte/def/FollowUpState")
    FollowUpSummary = ox.NamedNode("https://w3id.org/medborgarlofte/def/FollowUpSummary")
    frequency = ox.NamedNode("https://w3id.org/medborgarlofte/def/frequency")
    frequencyText = ox.NamedNode("https://w3id.org/medborgarlofte/def/frequencyText")
    FulfilmentCount = ox.NamedNode("https://w3id.org/medborgarlofte/def/FulfilmentCount")
    groupActivities = ox.NamedNode("https://w3id.org/medborgarlofte/def/groupActivities")
    groupActor = ox.NamedNode("https://w3id.org/medborgarlofte/def/groupActor")
    IdentifiedProblem = ox.NamedNode("https://w3id.org/medborgarlofte/def/IdentifiedProblem")
    idPrefix = ox.NamedNode("https://w3id.org/medborgarlofte/def/idPrefix")
    Indicator = ox.NamedNode("https://w3id.org/medborgarlofte/def/Indicator")
    indicator = ox.NamedNode("https://w3id.org/medborgarlofte/def/indicator")
    indicatorText = ox.NamedNode("https://w3id.org/medborgarlofte/def/indicatorText")
    infos = ox.NamedNode("https://w3id.org/medborgarlofte/def/infos")
    isExample = ox.NamedNode("https://w3id.org/medborgarlofte/def/isExample")
    issuedBy = ox.NamedNode("https://w3id.org/medborgarlofte/def/issuedBy")
    knowledgeSource = ox.NamedNode("https://w3id.org/medborgarlofte/def/knowledgeSource")
    latestActivities = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestActivities")
    latestAssessed = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestAssessed")
    latestCompleted = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestCompleted")
    latestDone = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestDone")
    LatestFollowUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/LatestFollowUp")
    latestFollowUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestFollowUp")
    latestFollowUps = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestFollowUps")
    latestOf = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestOf")
    latestOverdueFrom = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestOverdueFrom")
    latestPeriodEnd = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestPeriodEnd")
    latestPeriodStart = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestPeriodStart")
    latestShare = ox.NamedNode("https://w3id.org/medborgarlofte/def/latestShare")
    municipality = ox.NamedNode("https://w3id.org/medborgarlofte/def/municipality")
    namedGraph = ox.NamedNode("https://w3id.org/medborgarlofte/def/namedGraph")
    occasions = ox.NamedNode("https://w3id.org/medborgarlofte/def/occasions")
    occurrencesPerYear = ox.NamedNode("https://w3id.org/medborgarlofte/def/occurrencesPerYear")
    order = ox.NamedNode("https://w3id.org/medborgarlofte/def/order")
    pairFirst = ox.NamedNode("https://w3id.org/medborgarlofte/def/pairFirst")
    pairSecond = ox.NamedNode("https://w3id.org/medborgarlofte/def/pairSecond")
    partner = ox.NamedNode("https://w3id.org/medborgarlofte/def/partner")
    placeKind = ox.NamedNode("https://w3id.org/medborgarlofte/def/placeKind")
    placeText = ox.NamedNode("https://w3id.org/medborgarlofte/def/placeText")
    policeUnit = ox.NamedNode("https://w3id.org/medborgarlofte/def/policeUnit")
    post = ox.NamedNode("https://w3id.org/medborgarlofte/def/post")
    Priority = ox.NamedNode("https://w3id.org/medborgarlofte/def/Priority")
    priority = ox.NamedNode("https://w3id.org/medborgarlofte/def/priority")
    priorityArea = ox.NamedNode("https://w3id.org/medborgarlofte/def/priorityArea")
    problem = ox.NamedNode("https://w3id.org/medborgarlofte/def/problem")
    PromiseFacts = ox.NamedNode("https://w3id.org/medborgarlofte/def/PromiseFacts")
    quantity = ox.NamedNode("https://w3id.org/medborgarlofte/def/quantity")
    RecordRevision = ox.NamedNode("https://w3id.org/medborgarlofte/def/RecordRevision")
    reportedBy = ox.NamedNode("https://w3id.org/medborgarlofte/def/reportedBy")
    responsibleActor = ox.NamedNode("https://w3id.org/medborgarlofte/def/responsibleActor")
    revision = ox.NamedNode("https://w3id.org/medborgarlofte/def/revision")
    revisionClause = ox.NamedNode("https://w3id.org/medborgarlofte/def/revisionClause")
    revisionOf = ox.NamedNode("https://w3id.org/medborgarlofte/def/revisionOf")
    sha256 = ox.NamedNode("https://w3id.org/medborgarlofte/def/sha256")
    signatory = ox.NamedNode("https://w3id.org/medborgarlofte/def/signatory")
    Signature = ox.NamedNode("https://w3id.org/medborgarlofte/def/Signature")
    signature = ox.NamedNode("https://w3id.org/medborgarlofte/def/signature")
    signedFor = ox.NamedNode("https://w3id.org/medborgarlofte/def/signedFor")
    signingPlace = ox.NamedNode("https://w3id.org/medborgarlofte/def/signingPlace")
    SituationPicture = ox.NamedNode("https://w3id.org/medborgarlofte/def/SituationPicture")
    situationPicture = ox.NamedNode("https://w3id.org/medborgarlofte/def/situationPicture")
    SourceDocument = ox.NamedNode("https://w3id.org/medborgarlofte/def/SourceDocument")
    stateAreaCount = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateAreaCount")
    stateFollowUps = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateFollowUps")
    stateLatest = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateLatest")
    stateOf = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateOf")
    stateSummaries = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateSummaries")
    stateTypeCount = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateTypeCount")
    stateVersion = ox.NamedNode("https://w3id.org/medborgarlofte/def/stateVersion")
    status = ox.NamedNode("https://w3id.org/medborgarlofte/def/status")
    StatusAssessment = ox.NamedNode("https://w3id.org/medborgarlofte/def/StatusAssessment")
    summarisedFollowUp = ox.NamedNode("https://w3id.org/medborgarlofte/def/summarisedFollowUp")
    summarisedPromise = ox.NamedNode("https://w3id.org/medborgarlofte/def/summarisedPromise")
    summaryAssessed = ox.NamedNode("https://w3id.org/medborgarlofte/def/summaryAssessed")
    summaryCompleted = ox.NamedNode("https://w3id.org/medborgarlofte/def/summaryCompleted")
    summaryOf = ox.NamedNode("https://w3id.org/medborgarlofte/def/summaryOf")
    summaryPeriodEnd = ox.NamedNode("https://w3id.org/medborgarlofte/def/summaryPeriodEnd")
    summaryPeriodStart = ox.NamedNode("https://w3id.org/medborgarlofte/def/summaryPeriodStart")
    summaryVersion = ox.NamedNode("https://w3id.org/medborgarlofte/def/summaryVersion")
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
