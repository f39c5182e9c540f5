"""Whom and where a promise is for, as the pages show it: the areas within the municipality
(``mbl:area``, each with its kind), the target groups (``dct:audience``), a priority's aim
(``mbl:aim``) and the revision clause (``mbl:revisionClause``).

Values only: the templates escape them and link concepts to their pages like activity types.
"""

from __future__ import annotations

from typing import Any

from kg.server.view import N, Term, TermView, View

SCOPE_SCHEMES = ("/target-group>", "/area-kind>")
"""Endings of the scheme IRIs whose concepts get a concept page (besides priority areas and
activity types)."""


def areas_of(view: View, node: Term) -> list[dict[str, Any]]:
    """The areas within the municipality that ``node`` (a promise or an activity) concerns,
    each with its kinds (``mbl:areaKind``), in label order."""
    out = [
        {"term": view.term(a), "kinds": view.terms(view.objs(a, N("mbl:areaKind")))}
        for a in view.objs(node, N("mbl:area"))
    ]
    return sorted(out, key=lambda a: a["term"].label.lower())


def audience_of(view: View, node: Term) -> list[TermView]:
    """The target groups of ``node`` (a promise or an activity), in label order."""
    return sorted(view.terms(view.objs(node, N("dct:audience"))), key=lambda t: t.label.lower())


def promise_scope(view: View, promise: Term) -> dict[str, Any]:
    """The promise's own areas, target groups and revision clause."""
    return {
        "areas": areas_of(view, promise),
        "audience": audience_of(view, promise),
        "revision": view.text(promise, N("mbl:revisionClause")),
    }


def activity_scope(view: View, activity: Term) -> dict[str, Any]:
    """An activity's areas and target groups; ``area_iris`` lets its plain places leave out
    what already shows as an area (``mbl:area`` is a sub-property of ``schema:location``)."""
    return {
        "areas": areas_of(view, activity),
        "audience": audience_of(view, activity),
        "area_iris": {str(a) for a in view.objs(activity, N("mbl:area"))},
    }


def municipality_areas(view: View, promises: list[Term]) -> list[dict[str, Any]]:
    """The areas within the municipality that its promises cover (the promise's own or one of
    its activities'), each with its kinds and the promises that name it."""
    found: dict[str, dict[str, Any]] = {}
    for p in promises:
        nodes = [p, *view.objs(p, N("mbl:activity"))]
        for node in nodes:
            for a in view.objs(node, N("mbl:area")):
                entry = found.setdefault(
                    str(a),
                    {
                        "term": view.term(a),
                        "kinds": view.terms(view.objs(a, N("mbl:areaKind"))),
                        "promises": {},
                    },
                )
                entry["promises"].setdefault(str(p), view.term(p))
    rows = sorted(found.values(), key=lambda e: e["term"].label.lower())
    for row in rows:
        row["promises"] = list(row["promises"].values())
    return rows


def scope_uses(view: View, concept: Term) -> list[tuple[Term, Term]]:
    """(promise, item) pairs through which a target group or an area kind occurs: the promise
    itself or its activity for a target group, the area for an area kind."""
    pairs: list[tuple[Term, Term]] = []
    for item in view.subjects(N("dct:audience"), concept):
        if view.has_type(item, N("mbl:CitizenPromise")):
            pairs.append((item, item))
        pairs.extend((p, item) for p in view.subjects(N("mbl:activity"), item))
    for area in view.subjects(N("mbl:areaKind"), concept):
        for node in view.subjects(N("mbl:area"), area):
            if view.has_type(node, N("mbl:CitizenPromise")):
                pairs.append((node, area))
            pairs.extend((p, area) for p in view.subjects(N("mbl:activity"), node))
    return pairs
