"""A compact, hand-checkable summary of an extraction: the format of the golden files in
``tests/golden/extract/``, which tests/integration/test_extract.py compares field by field
(``benchmarks/eval_extraction.py`` scores against the gold annotation instead)."""

from __future__ import annotations

from typing import Any

from kg.extract.model import ActorRef, Analysis, Party
from kg.iris import Minter


def _slug(concept: str | None) -> str | None:
    return concept.rsplit("/", 1)[-1] if concept else None


def actor_key(ref: ActorRef) -> str:
    """``police``, ``municipality``, or the label of a local actor or a post."""
    return str(ref.party) if ref.party not in (Party.local, Party.post) else ref.label


def summarise(a: Analysis) -> dict[str, Any]:
    lpo = None
    if a.police_area is not None:
        lpo = Minter().police_area(a.police_area.name).rsplit("/", 1)[-1]
    also = {"also_municipalities": [m.code for m in a.also_municipalities]} if a.also_municipalities else {}
    return also | {
        "municipality": a.municipality.code,
        "police_area": lpo,
        "period": {
            "start": a.period.start.isoformat(),
            "end": a.period.end.isoformat(),
            "verbatim": a.period.verbatim,
        },
        "priority_areas": [[_slug(c) for c in p.areas] for p in a.priorities],
        "activities": [
            {
                "text": act.description[:80],
                "responsible": sorted(actor_key(r) for r in act.responsible),
                "frequency": _slug(act.frequency.concept) if act.frequency else None,
                "phrase": act.frequency.phrase if act.frequency else None,
            }
            for act in a.activities
        ],
        "followup": _slug(a.followup.frequency.concept) if a.followup and a.followup.frequency else None,
        "signatories": [
            {
                "name": s.name,
                "post": _slug(s.post_concept),
                "party": str(s.party) if s.party else None,
                "place": s.place,
                "date": s.date_text,
            }
            for s in a.signatures
        ],
    }
