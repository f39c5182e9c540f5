# generated, do not edit: run `python -m tools.namespaces_gen` after changing ontology/mbl.ttl
# ruff: noqa: N815  (the ontology's property names are camelCase)
"""The namespaces of :mod:`kg.namespaces` as rdflib objects; import them from there.

:class:`MBL` is a closed namespace: a misspelt term is an AttributeError, not a silent
empty query.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class MBL(DefinedNamespace):
    """The medborgarlöfte ontology (ontology/mbl.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/medborgarlofte/def/")

    activitiesWithActor: URIRef  # aktiviteter med ansvarig / activities with a responsible actor
    activitiesWithFrequency: URIRef  # aktiviteter med frekvens / activities with a frequency
    activitiesWithType: URIRef  # aktiviteter med typ / activities with a type
    Activity: URIRef  # aktivitet / activity
    activity: URIRef  # har aktivitet / has activity
    activityCount: URIRef  # antal aktiviteter / activities
    activityType: URIRef  # aktivitetstyp / activity type
    ActorGroup: URIRef  # grupp av ansvariga aktörer / group of responsible actors
    actorType: URIRef  # aktörstyp / actor type
    addresses: URIRef  # avser prioritering / addresses priority
    aim: URIRef  # syfte / aim
    Area: URIRef  # område inom kommunen / area within the municipality
    area: URIRef  # område / area
    areaKind: URIRef  # slag av område / kind of area
    AreaPair: URIRef  # par av prioriterade områden / pair of priority areas
    assessedActivity: URIRef  # bedömd aktivitet / assessed activity
    assessment: URIRef  # bedömning / assessment
    Assumption: URIRef  # antagande / assumption
    assumptionCount: URIRef  # antal antaganden / assumptions
    assumptionKind: URIRef  # slag av antagande / assumption kind
    assumptionReason: URIRef  # skäl / reason
    assumptionRule: URIRef  # regel / rule
    channel: URIRef  # kanal / channel
    channelType: URIRef  # kanaltyp / channel type
    Citation: URIRef  # källhänvisning / citation
    CitizenPromise: URIRef  # medborgarlöfte / citizen promise
    CommunicationChannel: URIRef  # kommunikationskanal / communication channel
    countActivities: URIRef  # antal aktiviteter (per begrepp) / number of activities (per concept)
    countDone: URIRef  # antal genomförda (per begrepp) / number done (per concept)
    countIsExample: URIRef  # löftets exempelflagga / promise's example flag
    countOf: URIRef  # räknat för / counted for
    countStated: URIRef  # antal angivna / number stated
    countStatedDone: URIRef  # antal angivna genomförda / number stated done
    dateText: URIRef  # datum i text / date as written
    evidence: URIRef  # underlag / evidence
    ExpectedOutcome: URIRef  # förväntat resultat / expected outcome
    expectedOutcome: URIRef  # har förväntat resultat / has expected outcome
    factActorGroup: URIRef  # grupp av ansvariga aktörer (härlett) / group of responsible actors (derived)
    factAreaPair: URIRef  # par av områden (härlett) / pair of areas (derived)
    factAssumedAreaPair: URIRef  # par med antaget område (härlett) / pair with an assumed area (derived)
    factAssumedMunicipality: URIRef  # antagen kommun (härledd) / assumed municipality (derived)
    factAssumedPriorityArea: URIRef  # antaget prioriterat område (härlett) / assumed priority area (derived)
    factIsExample: URIRef  # exempel (härlett) / example (derived)
    factMunicipality: URIRef  # kommun (härledd) / municipality (derived)
    factPeriodAssumed: URIRef  # antagen period (härledd) / assumed period (derived)
    factPriorityArea: URIRef  # prioriterat område (härlett) / priority area (derived)
    factsAbout: URIRef  # fakta om löftet / facts about promise
    factsOf: URIRef  # fakta om posten / facts of record
    factStatedActorGroup: URIRef  # grupp av angivna aktörer (härlett) / group of stated actors (derived)
    factsVersion: URIRef  # faktaversion / facts version
    factTerritory: URIRef  # område (härlett) / area (derived)
    factYear: URIRef  # år som perioden täcker (härlett) / year covered (derived)
    followsUp: URIRef  # följer upp / follows up
    FollowUp: URIRef  # uppföljning / follow-up
    followUpForum: URIRef  # uppföljningsforum / follow-up forum
    FollowUpPlan: URIRef  # uppföljningsplan / follow-up plan
    followUpPlan: URIRef  # har uppföljningsplan / has follow-up plan
    FollowUpState: URIRef  # löftets uppföljningsläge / follow-up state of a promise
    FollowUpSummary: URIRef  # uppföljningens sammanfattning / follow-up summary
    frequency: URIRef  # frekvens / frequency
    frequencyText: URIRef  # frekvens i text / frequency as written
    FulfilmentCount: URIRef  # uppfyllelse per begrepp / fulfilment count
    groupActivities: URIRef  # aktiviteter i gruppen / activities of the group
    groupActor: URIRef  # aktör i gruppen / actor of the group
    IdentifiedProblem: URIRef  # identifierat problem / identified problem
    idPrefix: URIRef  # id-prefix / identifier prefix
    Indicator: URIRef  # indikator / indicator
    indicator: URIRef  # har indikator / has indicator
    indicatorText: URIRef  # uppföljning i text / measurement as written
    infos: URIRef  # antal upplysningar / infos
    isExample: URIRef  # är ett exempel / is an example
    issuedBy: URIRef  # utfärdat av / issued by
    knowledgeSource: URIRef  # kunskapskälla / knowledge source
    latestActivities: URIRef  # antal aktiviteter (senaste uppföljning)
    latestAssessed: URIRef  # antal bedömda / number assessed
    latestCompleted: URIRef  # antal genomförda / number done
    latestDone: URIRef  # genomförd aktivitet (senaste uppföljning) / activity done (latest follow-up)
    LatestFollowUp: URIRef  # senaste uppföljning / latest follow-up
    latestFollowUp: URIRef  # uppföljningen / the follow-up
    latestFollowUps: URIRef  # antal uppföljningar (senaste uppföljning)
    latestOf: URIRef  # senaste för löfte / latest of
    latestOverdueFrom: URIRef  # försenad tidigast från / overdue at the earliest from
    latestPeriodEnd: URIRef  # periodens slut (senaste uppföljning) / period end (latest follow-up)
    latestPeriodStart: URIRef  # periodens början (senaste uppföljning) / period start (latest follow-up)
    latestShare: URIRef  # andel genomförda / share done
    municipality: URIRef  # kommun / municipality
    namedGraph: URIRef  # namngiven graf / named graph
    occasions: URIRef  # antal tillfällen / occasions
    occurrencesPerYear: URIRef  # tillfällen per år / occurrences per year
    order: URIRef  # ordningsnummer / order
    pairFirst: URIRef  # första området / first area
    pairSecond: URIRef  # andra området / second area
    partner: URIRef  # samverkanspart / partner
    placeKind: URIRef  # slag av plats / kind of place
    placeText: URIRef  # plats i text / place as written
    policeUnit: URIRef  # polisenhet / police unit
    post: URIRef  # befattning / post
    Priority: URIRef  # prioritering / priority
    priority: URIRef  # har prioritering / has priority
    priorityArea: URIRef  # prioriterat område / priority area
    problem: URIRef  # problem / problem
    PromiseFacts: URIRef  # härledda fakta om ett löfte / derived promise facts
    quantity: URIRef  # antal / quantity
    RecordRevision: URIRef  # katalogpostens revision / record revision
    reportedBy: URIRef  # rapporterad av / reported by
    responsibleActor: URIRef  # ansvarig aktör / responsible actor
    revision: URIRef  # revision / revision
    revisionClause: URIRef  # revideringsklausul / revision clause
    revisionOf: URIRef  # revision av / revision of
    sha256: URIRef  # SHA-256 / SHA-256
    signatory: URIRef  # undertecknare / signatory
    Signature: URIRef  # underskrift / signature
    signature: URIRef  # har underskrift / has signature
    signedFor: URIRef  # undertecknat för / signed for
    signingPlace: URIRef  # ort / place of signing
    SituationPicture: URIRef  # lägesbild / situation picture
    situationPicture: URIRef  # har lägesbild / has situation picture
    SourceDocument: URIRef  # källdokument / source document
    stateAreaCount: URIRef  # per prioriterat område / per priority area
    stateFollowUps: URIRef  # antal uppföljningar / number of follow-ups
    stateLatest: URIRef  # har senaste uppföljning / has latest follow-up
    stateOf: URIRef  # läge för löfte / state of
    stateSummaries: URIRef  # antal sammanfattningar / number of summaries
    stateTypeCount: URIRef  # per aktivitetstyp / per activity type
    stateVersion: URIRef  # lägesversion / state version
    status: URIRef  # status / status
    StatusAssessment: URIRef  # statusbedömning / status assessment
    summarisedFollowUp: URIRef  # sammanfattad uppföljning / summarised follow-up
    summarisedPromise: URIRef  # uppföljt löfte / promise followed up
    summaryAssessed: URIRef  # bedömd aktivitet (sammanfattning) / assessed activity (summary)
    summaryCompleted: URIRef  # genomförd aktivitet (sammanfattning) / completed activity (summary)
    summaryOf: URIRef  # sammanfattning av / summary of
    summaryPeriodEnd: URIRef  # periodens slut (sammanfattning) / period end (summary)
    summaryPeriodStart: URIRef  # periodens början (sammanfattning) / period start (summary)
    summaryVersion: URIRef  # sammanfattningsversion / summary version
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
