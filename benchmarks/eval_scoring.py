"""The scoring behind ``benchmarks/eval_extraction.py``: what the extractor produced, read from
the document's RDF graph; the gold of ``benchmarks/gold/``; matching by source offsets; the
counts of one document. The rules are explained in benchmarks/gold/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval_gold import GoldActivity, GoldDocument, actor_key, slug
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

REPO = Path(__file__).resolve().parent.parent
MIN_OVERLAP = 0.5
PLACEHOLDER_PERIOD = "2000"
"""Given with ``--period`` when a text states no period and the extractor asks for one, only so
that the other fields can be scored (the period field is scored on the first run)."""

MBL = Namespace("https://w3id.org/medborgarlofte/def/")
DCT = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
_MUNICIPALITY_ORG = re.compile(r"/org/kommun-(\d{4})$")
_LPO = re.compile(r"/org/lpo-([a-z0-9-]+)$")
_POLICE = re.compile(r"/org/(polismyndigheten|polisregion-[a-z0-9-]+|lpo-[a-z0-9-]+)$")


# ---------------------------------------------------------------------------------------------
# Small helpers


def police_area_key(name: str | None) -> str | None:
    """``Lokalpolisområde norra Lappland``, ``LPO Klippan``, ``Södertälje lokalpolisområde`` ->
    the slug of the bare name, as the project mints police-area IRIs."""
    if not name:
        return None
    from kg.iris import Minter

    return slug(Minter().police_area(name)).removeprefix("lpo-")


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


# ---------------------------------------------------------------------------------------------
# What the extractor produced, read from the graph


@dataclass
class XActivity:
    start: int
    end: int
    description: str
    actors: set[str]
    """Actor keys of every responsible actor."""
    stated_actors: set[str]
    """Those not recorded as assumptions."""
    frequency: set[str]
    types: set[str]
    groups: set[str] = field(default_factory=set)
    """Target groups (dct:audience)."""
    places: set[str] = field(default_factory=set)
    """Where it is done: its place phrases (mbl:placeText) and the names of its places
    (schema:location) that no phrase holds."""


@dataclass
class XDocument:
    municipality: str | None
    municipality_assumed: bool
    police_area: str | None
    police_assumed: bool
    period: tuple[str, str] | None
    period_assumed: bool
    priority_areas: set[str]
    activities: list[XActivity]


class GraphReader:
    def __init__(self, g: Graph, promise: URIRef) -> None:
        self.g = g
        self.p = promise
        self.assumed: set[tuple[object, object, object]] = set()
        for a in g.subjects(RDF.type, MBL.Assumption):
            s, pred, o = g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object)
            self.assumed.add((s, pred, o))

    def is_assumed(self, s: object, p: object, o: object) -> bool:
        return (s, p, o) in self.assumed or (s, p, None) in self.assumed or (s, None, None) in self.assumed

    def actor_key(self, actor: Node) -> str:
        """A post ("Områdespoliserna", an ``org:Post``) counts as the organisation it is in: the
        gold types the actor the text names by its organisation."""
        org = self.g.value(actor, ORG.postIn) if (actor, RDF.type, ORG.Post) in self.g else None
        if org is not None:
            actor = org
        iri = str(actor)
        if _POLICE.search(iri):
            return "polis"
        if _MUNICIPALITY_ORG.search(iri):
            return "kommun"
        t = self.g.value(actor, MBL.actorType)
        return actor_key(slug(t) if t is not None else None)

    def span(self, node: Node) -> tuple[int, int] | None:
        for res in self.g.objects(node, PROV.wasDerivedFrom):
            for sel in self.g.objects(res, OA.hasSelector):
                if (sel, RDF.type, OA.TextPositionSelector) in self.g:
                    start, end = self.g.value(sel, OA.start), self.g.value(sel, OA.end)
                    if isinstance(start, Literal) and isinstance(end, Literal):
                        return int(start), int(end)
        return None

    def places(self, node: Node) -> set[str]:
        texts = {str(t) for t in self.g.objects(node, MBL.placeText)}
        names = {
            str(self.g.value(pl, SCHEMA.name) or slug(pl)) for pl in self.g.objects(node, SCHEMA.location)
        }
        return texts | {n for n in names if not any(n in t for t in texts)}

    def read(self) -> XDocument:
        g, p = self.g, self.p
        mun = g.value(p, MBL.municipality)
        m = _MUNICIPALITY_ORG.search(str(mun)) if mun is not None else None
        police = g.value(p, MBL.policeUnit)
        lpo = _LPO.search(str(police)) if police is not None else None
        temporal = g.value(p, DCT.temporal)
        period = None
        if temporal is not None:
            start, end = g.value(temporal, DCAT.startDate), g.value(temporal, DCAT.endDate)
            if start is not None and end is not None:
                period = (str(start), str(end))
        period_assumed = temporal is not None and (
            self.is_assumed(p, DCT.temporal, temporal) or any(s == temporal for s, _, _ in self.assumed)
        )
        areas: set[str] = set()
        for pr in g.objects(p, MBL.priority):
            if self.is_assumed(p, MBL.priority, pr):
                continue
            areas |= {
                slug(a)
                for a in g.objects(pr, MBL.priorityArea)
                if not self.is_assumed(pr, MBL.priorityArea, a)
            }
        activities = []
        for node in g.objects(p, MBL.activity):
            span = self.span(node)
            if span is None:
                continue
            actors = {(self.actor_key(a), self.is_assumed(node, MBL.responsibleActor, a))
                      for a in g.objects(node, MBL.responsibleActor)}  # fmt: skip
            activities.append(
                XActivity(
                    start=span[0],
                    end=span[1],
                    description=str(g.value(node, DCT.description) or ""),
                    actors={k for k, _ in actors},
                    stated_actors={k for k, assumed in actors if not assumed},
                    frequency={
                        slug(f)
                        for f in g.objects(node, MBL.frequency)
                        if not self.is_assumed(node, MBL.frequency, f)
                    },
                    types={slug(t) for t in g.objects(node, MBL.activityType)},
                    groups={slug(t) for t in g.objects(node, DCT.audience)},
                    places=self.places(node),
                )
            )
        activities.sort(key=lambda a: (a.start, a.end))
        return XDocument(
            municipality=m.group(1) if m else None,
            municipality_assumed=mun is not None and self.is_assumed(p, MBL.municipality, mun),
            police_area=lpo.group(1) if lpo else None,
            police_assumed=police is not None and self.is_assumed(p, MBL.policeUnit, police),
            period=period,
            period_assumed=period_assumed,
            priority_areas=areas,
            activities=activities,
        )


# ---------------------------------------------------------------------------------------------
# Matching and scoring


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two spans as a share of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def match(extracted: list[XActivity], gold: list[GoldActivity]) -> list[tuple[XActivity, GoldActivity]]:
    """One-to-one pairs whose spans overlap by at least :data:`MIN_OVERLAP` of the shorter span,
    best first; ties (an unsplit passage over several gold quotes) go to the pair whose words
    agree most."""
    candidates = []
    for i, x in enumerate(extracted):
        for j, gd in enumerate(gold):
            ov = overlap((x.start, x.end), (gd.start, gd.end))
            if ov >= MIN_OVERLAP:
                tx, tg = _tokens(x.description), _tokens(gd.quote)
                words = len(tx & tg) / len(tx | tg) if tx | tg else 0.0
                candidates.append((ov + 0.5 * words, i, j))
    used_x: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_x and j not in used_g:
            used_x.add(i)
            used_g.add(j)
            pairs.append((extracted[i], gold[j]))
    return sorted(pairs, key=lambda p: p[1].start)


def compare_actors(x: XActivity, gd: GoldActivity) -> tuple[bool, int, int, int]:
    """(exact, tp, fp, fn) on actor keys. Where the text names no actor (gold empty), only the
    actors the extraction *states* count: a default recorded as an assumption is right."""
    got = x.actors if gd.actors else x.stated_actors
    return got == gd.actors, len(got & gd.actors), len(got - gd.actors), len(gd.actors - got)


def compare_frequency(x: XActivity, gd: GoldActivity) -> bool:
    return x.frequency == ({gd.frequency} if gd.frequency else set())


def compare_places(x: XActivity, gd: GoldActivity) -> tuple[int, int, int]:
    """(tp, fp, fn): the gold's place is found when a place the extraction gives shares at least
    half of the words of the shorter of the two; every other place given is a false one."""
    gold = _tokens(gd.place or "")
    hits = {p for p in x.places if gold and len(_tokens(p) & gold) >= 0.5 * min(len(_tokens(p)), len(gold))}
    found = int(bool(hits))
    return found, len(x.places - hits), int(bool(gold)) - found


@dataclass
class Score:
    """Counts for one document; totals are sums of these."""

    name: str
    subset: str
    status: str
    refused: bool = False
    asked: list[str] = field(default_factory=list)
    """Options the extractor asked for (``--municipality``, ``--period``) on a text that does not
    state them; the document was then scored on a second run with them given."""
    error: str = ""
    fields: dict[str, bool | None] = field(default_factory=dict)
    """municipality, police_area, period: right/wrong; None when not scored (a non-promise)."""
    priority: list[int] = field(default_factory=lambda: [0, 0, 0])
    activity: list[int] = field(default_factory=lambda: [0, 0, 0])
    actors_exact: int = 0
    actor_pairs: list[int] = field(default_factory=lambda: [0, 0, 0])
    frequency: int = 0
    types: list[int] = field(default_factory=lambda: [0, 0, 0])
    groups: list[int] = field(default_factory=lambda: [0, 0, 0])
    places: list[int] = field(default_factory=lambda: [0, 0, 0])
    matched: int = 0
    details: list[str] = field(default_factory=list)


def _extract(path: Path, **options: str) -> Any:
    from kg.extract import extract_file

    return extract_file(path, **options)  # type: ignore[arg-type]


def score_document(doc: GoldDocument) -> Score:
    from kg.errors import KgError

    sc = Score(doc.name, doc.subset, doc.status)
    try:
        first = _extract(doc.path)
        error = None
    except KgError as exc:
        first, error = None, str(exc)
    if not doc.is_promise:
        sc.refused = first is None
        sc.error = error or ""
        if first is not None:  # everything it extracted from a non-promise is a false positive
            sc.activity[1] = len(GraphReader(first.graph, first.iri).read().activities)
        return sc

    # A text that does not state its municipality or period may be refused with a request for
    # the option; that is right. Give what was asked for (the steward's value, or a placeholder
    # period) and score the rest on that run.
    givable = {}
    if doc.data.get("municipality") is None:
        givable["municipality"] = str((doc.data.get("steward_options") or {}).get("municipality"))
    if doc.data.get("period") is None:
        givable["period"] = PLACEHOLDER_PERIOD
    asked: set[str] = set()
    final = first
    while final is None:
        wanted = {k for k in givable if f"--{k}" in (error or "")} - asked
        if not wanted:
            break
        asked |= wanted
        try:
            final = _extract(doc.path, **{k: givable[k] for k in asked})
        except KgError as exc:
            error = str(exc)
    if final is None:
        sc.refused = True
        sc.error = (error or "").splitlines()[0]
        sc.fields = {"municipality": False, "police_area": False, "period": False}
        sc.activity[2] = sum(not a.get("optional") for a in doc.data.get("activities") or [])
        sc.priority[2] = len(doc.priority_areas())
        return sc

    sc.asked = sorted(asked)
    x = GraphReader(final.graph, final.iri).read()
    gold_mun = doc.data.get("municipality")
    if gold_mun is None:
        sc.fields["municipality"] = "municipality" in asked
    else:
        sc.fields["municipality"] = x.municipality == str(gold_mun)
    gold_lpo = police_area_key(doc.data.get("police_area"))
    if gold_lpo is None:
        sc.fields["police_area"] = x.police_area is None or x.police_assumed
    else:
        sc.fields["police_area"] = x.police_area == gold_lpo
    gold_period = doc.period()
    if gold_period is None:
        sc.fields["period"] = "period" in asked or x.period is None or x.period_assumed
    else:
        sc.fields["period"] = x.period == gold_period
    gp = doc.priority_areas()
    sc.priority = [len(x.priority_areas & gp), len(x.priority_areas - gp), len(gp - x.priority_areas)]
    if x.priority_areas != gp:
        sc.details.append(
            f"  priority areas: missed {sorted(gp - x.priority_areas)}, extra {sorted(x.priority_areas - gp)}"
        )

    gold_acts = doc.activities(final.text)
    pairs = match(x.activities, gold_acts)
    optional = [(xa, ga) for xa, ga in pairs if ga.optional]
    pairs = [(xa, ga) for xa, ga in pairs if not ga.optional]
    n_gold = sum(not a.optional for a in gold_acts)
    sc.activity = [len(pairs), len(x.activities) - len(pairs) - len(optional), n_gold - len(pairs)]
    sc.matched = len(pairs)
    matched_x = {id(xa) for xa, _ in pairs} | {id(xa) for xa, _ in optional}
    matched_g = {id(ga) for _, ga in pairs}
    for xa, ga in pairs:
        exact, tp, fp, fn = compare_actors(xa, ga)
        sc.actors_exact += exact
        sc.actor_pairs = [sc.actor_pairs[0] + tp, sc.actor_pairs[1] + fp, sc.actor_pairs[2] + fn]
        freq_ok = compare_frequency(xa, ga)
        sc.frequency += freq_ok
        t = sc.types
        sc.types = [
            t[0] + len(xa.types & ga.types),
            t[1] + len(xa.types - ga.types),
            t[2] + len(ga.types - xa.types),
        ]
        g = sc.groups
        sc.groups = [
            g[0] + len(xa.groups & ga.groups),
            g[1] + len(xa.groups - ga.groups),
            g[2] + len(ga.groups - xa.groups),
        ]
        tp, fp, fn = compare_places(xa, ga)
        sc.places = [sc.places[0] + tp, sc.places[1] + fp, sc.places[2] + fn]
        if fp or fn:
            sc.details.append(f"  places of {ga.quote[:60]!r}: {sorted(xa.places)} vs {ga.place!r}")
        if xa.groups != ga.groups:
            sc.details.append(
                f"  groups of {ga.quote[:60]!r}: missed {sorted(ga.groups - xa.groups)}, "
                f"extra {sorted(xa.groups - ga.groups)}"
            )
        if xa.types != ga.types:
            sc.details.append(
                f"  types of {ga.quote[:60]!r}: missed {sorted(ga.types - xa.types)}, "
                f"extra {sorted(xa.types - ga.types)}"
            )
        if not exact or not freq_ok:
            sc.details.append(
                f"  matched {ga.quote[:60]!r}: actors {sorted(xa.actors)} "
                f"(stated {sorted(xa.stated_actors)}) vs {sorted(ga.actors)}; "
                f"frequency {sorted(xa.frequency)} vs {ga.frequency}"
            )
    for ga in gold_acts:
        if id(ga) not in matched_g and not ga.optional:
            sc.details.append(f"  missed   {ga.quote[:70]!r}")
    for xa in x.activities:
        if id(xa) not in matched_x:
            sc.details.append(f"  extra    {final.text[xa.start : xa.end][:70]!r}")
    sc.details.extend(f"  gold problem: {p}" for p in doc.problems)
    return sc
