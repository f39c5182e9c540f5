"""Follow-up reports (uppföljningar): period keys, the stored promise a follow-up needs, templates.

A follow-up (``mbl:FollowUp``) reports, for one period, the status of every activity of the promise
it follows up (one ``mbl:StatusAssessment`` per activity). Its IRI is
``id/followup/{promisekey}/{periodkey}`` (docs/decisions/0001-iris-and-graphs.md).

* :func:`parse_period_key` reads the period keys stewards write (``2025-T1`` for the first tertial,
  ``2025-H2``, ``2025-Q3``, ``2025``) into start and end dates;
* :func:`promise_context` and :func:`context_for` give the triples of the followed-up promise that
  the follow-up shapes check against (its activities, its validity period, its follow-up plan):
  the validator adds them to the follow-up's data graph (``Validator.validate(...,
  contexts=...)``), since a follow-up cannot be checked on its own;
* :func:`followup_template` writes the YAML-LD template of ``kg followup new``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.documents.load import FILL_IN, Document
from kg.documents.notes import FILL_IN_TERM
from kg.errors import InputError, PromiseNotFound
from kg.iris import Minter
from kg.namespaces import CONTEXT_IRI, DCAT, MBL
from kg.store.core import GraphStore
from kg.terms import graph_of

__all__ = [
    "FollowUpPeriod",
    "PromiseNotFound",
    "context_for",
    "followup_context",
    "followup_template",
    "parse_period_key",
    "promise_context",
    "promise_iri",
]

# -- period keys ---------------------------------------------------------------------------------

_PARTS: dict[str, tuple[int, int]] = {
    # key suffix -> (first month, last month)
    "T1": (1, 4),
    "T2": (5, 8),
    "T3": (9, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
}
_NAMES_SV = {"T": "tertial", "H": "halvår", "Q": "kvartal"}
_KEY = re.compile(r"^(\d{4})(?:-([THQ])(\d))?$")


@dataclass(frozen=True)
class FollowUpPeriod:
    """The period a follow-up covers: its key (``2025-T1``), first and last day, and wording."""

    key: str
    start: date
    end: date

    @property
    def label_sv(self) -> str:
        """``tertial 1 2025``, ``halvår 2 2025``, ``2025``."""
        m = _KEY.match(self.key)
        assert m is not None
        year, kind, n = m.groups()
        return f"{_NAMES_SV[kind]} {n} {year}" if kind else year


def parse_period_key(text: str) -> FollowUpPeriod:
    """``2025-T1`` (tertial 1 = Jan–Apr, T2 May–Aug, T3 Sep–Dec), ``2025-H1``, ``2025-Q3`` or
    ``2025``. Raises :class:`InputError` for anything else."""
    key = text.strip().upper()
    m = _KEY.match(key)
    if m is None or (m.group(2) and f"{m.group(2)}{m.group(3)}" not in _PARTS):
        raise InputError(
            f"okänd uppföljningsperiod / unknown follow-up period: {text!r}",
            hint="Skriv t.ex. / write e.g. 2025-T1 (tertial 1: jan–apr; T2 maj–aug, T3 sep–dec),"
            " 2025-H1 (halvår), 2025-Q3 (kvartal) eller / or 2025 (helår / the whole year).",
        )
    year = int(m.group(1))
    first, last = _PARTS[f"{m.group(2)}{m.group(3)}"] if m.group(2) else (1, 12)
    end = date(year, last, calendar.monthrange(year, last)[1])
    return FollowUpPeriod(key=key, start=date(year, first, 1), end=end)


# -- the followed-up promise ---------------------------------------------------------------------


def promise_iri(text: str, minter: Minter) -> URIRef:
    """A promise given as IRI, document ID (``promise/0480-2025-2026``) or key (``0480-2025-2026``)."""
    value = text.strip()
    if value.startswith(("http://", "https://")):
        return URIRef(value)
    value = value.removeprefix("id/").removeprefix("promise/")
    if not value or "/" in value:
        raise InputError(
            f"okänt löfte / not a promise: {text!r}",
            hint="Ange löftets ID, t.ex. / give the promise's ID, e.g. promise/0480-2025-2026.",
        )
    return minter.promise(value)


_CONTEXT_PROPS = {
    RDF.type,
    DCTERMS.title,
    DCTERMS.temporal,
    MBL.activity,
    MBL.municipality,
    MBL.policeUnit,
    MBL.followUpPlan,
    MBL.isExample,
}
_CHILD_PROPS = {
    RDF.type,
    MBL.order,
    DCTERMS.description,
    DCAT.startDate,
    DCAT.endDate,
    MBL.verbatim,
    MBL.frequency,
}


_CONTEXT_OX = frozenset(ox.NamedNode(str(p)) for p in _CONTEXT_PROPS)
_CHILD_OX = frozenset(ox.NamedNode(str(p)) for p in _CHILD_PROPS)
_PARENT_OX = frozenset(ox.NamedNode(str(p)) for p in (DCTERMS.temporal, MBL.activity, MBL.followUpPlan))
_TYPE_OX = ox.NamedNode(str(RDF.type))
_PROMISE_OX = ox.NamedNode(str(MBL.CitizenPromise))


def context_of_quads(quads: Sequence[ox.Quad], promise: URIRef) -> list[ox.Quad]:
    """The triples of a promise's graph (as pyoxigraph quads) that follow-ups are checked against:
    the promise's type, title, parties, validity period, activities (type, order, description)
    and follow-up plan; read without an rdflib graph of the whole promise."""
    node = ox.NamedNode(str(promise))
    out: list[ox.Quad] = []
    children: set[ox.NamedNode] = set()
    described: list[ox.Quad] = []  # what may describe a child (one pass, each predicate read once)
    for q in quads:
        p = q.predicate
        if p in _CONTEXT_OX and q.subject == node:
            out.append(q)
            if p in _PARENT_OX and isinstance(q.object, ox.NamedNode):
                children.add(q.object)
        if p in _CHILD_OX:
            described.append(q)
    out.extend(q for q in described if q.subject in children)
    return out


def _stored_context(store: GraphStore, minter: Minter, promise: URIRef) -> list[ox.Quad] | None:
    try:
        doc_id = minter.doc_id_of(str(promise))
    except ValueError:
        return None
    graph_iri = str(minter.document_graph(doc_id))
    if not doc_id.startswith("promise/") or not store.has_graph(graph_iri):
        return None
    quads = list(store.quads(graph_iri))
    node = ox.NamedNode(str(promise))
    if not any(q.subject == node and q.predicate == _TYPE_OX and q.object == _PROMISE_OX for q in quads):
        return None
    return context_of_quads(quads, promise)


def promise_context(store: GraphStore, minter: Minter, promise: URIRef) -> Graph | None:
    """:func:`context_of_quads` of a stored promise; None when the store does not hold it."""
    found = _stored_context(store, minter, promise)
    return graph_of(found) if found is not None else None


def followup_context(
    doc: Document,
    *,
    store: GraphStore | None,
    minter: Minter,
    local: Mapping[str, Document] | None = None,
) -> list[ox.Quad] | None:
    """The context a document is validated with, as pyoxigraph quads (what
    :meth:`kg.validation.validator.Validator.validate` reads): for a follow-up, its promise's
    triples, taken from ``local`` (documents of the same import, by IRI) first, then from
    ``store``.

    A promise document has no context (None), nor has a follow-up that names no promise (the
    shapes report that). Raises :class:`PromiseNotFound` (exit 2) naming the missing promise.
    """
    if doc.kind != "followup":
        return None
    if doc.follows is None:
        return None
    promise = URIRef(doc.follows)
    if local and str(promise) in local:
        return context_of_quads(local[str(promise)].quads, promise)
    found = _stored_context(store, minter, promise) if store is not None else None
    if found is None:
        raise PromiseNotFound(
            f"uppföljningen följer upp löftet {promise}, som inte finns i lagret"
            f" / the follow-up follows up the promise {promise}, which is not in the store",
            where=str(doc.source) if doc.source else doc.doc_id,
            hint="Importera löftet först (eller i samma kommando), eller rätta mbl:followsUp"
            " / import the promise first (or in the same command), or correct mbl:followsUp.",
        )
    return found


def context_for(
    doc: Document,
    *,
    store: GraphStore | None,
    minter: Minter,
    local: Mapping[str, Document] | None = None,
) -> Graph | None:
    """:func:`followup_context` as an rdflib Graph."""
    found = followup_context(doc, store=store, minter=minter, local=local)
    return graph_of(found) if found is not None else None


# -- the template --------------------------------------------------------------------------------

_STATUSES = "genomford, delvis-genomford, pagaende, ej-genomford, installd, ej-paborjad"
_STATUS_MARK = FILL_IN_TERM
"""The status placeholder: a status is a list's term (an IRI, with no space); one left unchanged
is reported at its line like every other marker (:mod:`kg.documents.yaml_read`)."""


def _kg(iri: str, minter: Minter) -> str:
    prefix = f"{minter.base}id/"
    return "kg:" + iri[len(prefix) :] if iri.startswith(prefix) else iri


def _comment(text: str, width: int = 92) -> list[str]:
    """``text`` as YAML comment lines of at most ``width`` characters."""
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return lines


def check_period(context: Graph, promise: URIRef, period: FollowUpPeriod) -> None:
    """Refuse a follow-up period entirely outside the promise's validity period (as the shape
    mblsh:FollowUp-periodOverlapsPromise would refuse the filled-in template)."""
    ppd = context.value(promise, DCTERMS.temporal)
    start = context.value(ppd, DCAT.startDate) if ppd is not None else None
    end = context.value(ppd, DCAT.endDate) if ppd is not None else None
    if not isinstance(start, Literal) or not isinstance(end, Literal):
        return
    first, last = date.fromisoformat(str(start)[:10]), date.fromisoformat(str(end)[:10])
    if period.end >= first and period.start <= last:
        return
    raise InputError(
        f"perioden {period.key} ({period.start} – {period.end}) ligger utanför löftets giltighetsperiod"
        f" ({first} – {last}) / the period {period.key} lies outside the promise's validity period",
        hint=f"Välj en period mellan {first.year}-T1 och {last.year}-T3 (eller H1/H2, Q1–Q4, helår),"
        f" eller rätt löfte / choose a period from {first.year}-T1 to {last.year}-T3 (or H1/H2,"
        " Q1–Q4, the whole year), or the right promise.",
    )


def followup_template(context: Graph, promise: URIRef, period: FollowUpPeriod, minter: Minter) -> str:
    """The commented YAML-LD template of a follow-up of ``promise`` (its :func:`promise_context`)
    for ``period``: one status assessment per activity, with the activity's text as a comment.
    A period outside the promise's validity period is refused (:func:`check_period`)."""
    check_period(context, promise, period)
    key = minter.doc_id_of(str(promise)).removeprefix("promise/")
    f = f"kg:followup/{key}/{period.key}"
    title = str(context.value(promise, DCTERMS.title) or f"medborgarlöftet {key}")
    parties = [
        _kg(o, minter)
        for p in (MBL.policeUnit, MBL.municipality)
        for o in sorted(str(x) for x in context.objects(promise, p) if isinstance(x, URIRef))
    ]
    ppd = context.value(promise, DCTERMS.temporal)
    valid = ""
    if ppd is not None:
        valid = f"{context.value(ppd, DCAT.startDate) or '?'} – {context.value(ppd, DCAT.endDate) or '?'}"

    def order(a: URIRef) -> tuple[int, str]:
        o = context.value(a, MBL.order)
        return (int(o) if isinstance(o, Literal) and str(o).isdigit() else 10**6, str(a))

    activities = sorted(
        (a for a in context.objects(promise, MBL.activity) if isinstance(a, URIRef)), key=order
    )
    lines = [
        f"# Uppföljning av {title}, {period.label_sv} ({period.start} – {period.end}) — mall / template.",
        f"# Löftet gäller / the promise is valid {valid}." if valid else "#",
        "#",
        f'# Fyll i varje "{FILL_IN}" och datumet (issued), importera sedan med / fill in every "{FILL_IN}"',
        "# and the date (issued), then import:",
        "#   kg import <den här filen / this file>",
        "#",
        "# - Varje aktivitet i löftet har en bedömning nedan; texten ovanför den är aktivitetens",
        "#   beskrivning i löftet. Ta inte bort någon bedömning: en aktivitet utan bedömning ger en varning.",
        f"# - status: ersätt {_STATUS_MARK} med ett av / replace {_STATUS_MARK} by one of:",
        f"#   {_STATUSES}",
        "#   (genomförd, delvis genomförd, pågående, ej genomförd, inställd, ej påbörjad).",
        "# - occasions: hur många gånger aktiviteten genomfördes under perioden (ta bort raden om okänt).",
        "# - description: en kommentar i fritext (valfri);",
        "#   evidence: länkar till underlag (protokoll, rapport).",
        '# - Datum skrivs "ÅÅÅÅ-MM-DD"; skriv fritext inom citattecken.',
        "",
        f'"@context": {CONTEXT_IRI}',
        "",
        f"id: {f}",
        "type: FollowUp",
        *(
            ["isExample: true   # löftet är ett påhittat exempel / the promise is a made-up example"]
            if str(context.value(promise, MBL.isExample) or "") in ("true", "1")
            else []
        ),
        f'title: "Uppföljning av {title}, {period.label_sv}"',
        f"followsUp: {_kg(str(promise), minter)}",
        f"reportedBy: [{', '.join(parties) or f'kg:org/{FILL_IN}'}]"
        "   # vem som rapporterar; ta bort den som inte gör det",
        "# Rapportens datum (krävs): ta bort '# ' och skriv datumet / the report's date (required).",
        f'# issued: "{period.end}"',
        "",
        "period:",
        f"  id: {f}/period",
        "  type: PeriodOfTime",
        f'  startDate: "{period.start}"',
        f'  endDate: "{period.end}"',
        f'  verbatim: "{period.key}"',
        "",
        "# --- En bedömning per aktivitet / one assessment per activity -----------------------------",
        "assessments:" if activities else "assessments: []   # löftet har inga aktiviteter",
    ]
    for n, activity in enumerate(activities, start=1):
        text = str(context.value(activity, DCTERMS.description) or _kg(str(activity), minter))
        number = context.value(activity, MBL.order) or n
        lines.append("")
        lines.extend(f"  # {c}" for c in _comment(f"Aktivitet {number}: {text}"))
        lines += [
            f"  - id: {f}/assessment/{n}",
            "    type: StatusAssessment",
            f"    order: {n}",
            f"    assessedActivity: {_kg(str(activity), minter)}",
            f"    status: {_STATUS_MARK}                 # {_STATUSES}",
            "    # occasions: 3",
            f'    description: "{FILL_IN}: vad som gjordes, eller varför inte (eller ta bort raden)."',
            "    # evidence: [https://www.example.org/protokoll.pdf]",
        ]
    return "\n".join(lines) + "\n"
