"""YAML-LD templates that data stewards fill in by hand (``kg new promise``).

A template is a complete, commented document in the keys of the bundled JSON-LD context
(``ontology/context.jsonld``). Every place the steward must write something holds the marker
:data:`FILL_IN`; once each marker is replaced, the file imports as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.documents.load import FILL_IN
from kg.errors import InputError
from kg.extract.periods import parse_period
from kg.iris import DEFAULT_BASE, Minter, promise_key
from kg.names import MUNICIPALITY, POLICE_AREA, MunicipalityInfo, bundled_names
from kg.namespaces import CONTEXT_IRI


@dataclass(frozen=True)
class PromiseSkeleton:
    code: str
    municipality_name: str
    start: str
    end: str
    verbatim: str
    key: str
    police_area: str | None
    police_area_name: str | None
    police_area_near: tuple[str, ...] | None = None
    """A police area the reference data does not describe: the nearest it does (None: known)."""
    others: tuple[tuple[str, str], ...] = ()
    """A joint promise's other municipalities: (SCB code, name)."""

    @property
    def codes(self) -> list[str]:
        return [self.code, *(code for code, _ in self.others)]

    @property
    def names(self) -> str:
        """ "Köpings kommun", or "Arboga kommun och Köpings kommun" for a joint promise."""
        names = [self.municipality_name, *(name for _, name in self.others)]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"


def promise_skeleton(
    municipality: str, period: str, *, police_area: str | None = None, minter: Minter | None = None
) -> PromiseSkeleton:
    """Resolve the municipality (name or SCB code; several, comma-separated, for a joint
    promise: the first makes the ID), the period and the police area, as every typed value is
    resolved (:mod:`kg.names`)."""
    minter = minter or Minter()
    names = bundled_names()
    infos: list[MunicipalityInfo] = []
    for given in (m.strip() for m in municipality.split(",")):
        info = names.municipality(given)
        if info is None:
            found = names.lookup(MUNICIPALITY, given)
            raise InputError(
                f"okänd kommun / unknown municipality: {given!r}",
                hint=(f"{found.hint()} " if found.matches or found.suggestions else "")
                + "Ange namnet (Linköping, Linköpings kommun) eller SCB-koden (0580)"
                " / give the name or the 4-digit SCB code.",
            )
        if all(i.code != info.code for i in infos):
            infos.append(info)
    info, others = infos[0], tuple((i.code, i.name) for i in infos[1:])
    match = parse_period(period)
    if match is None:
        raise InputError(
            f"okänd period / unreadable period: {period!r}",
            hint="T.ex. / e.g. 2025-2026, 2025, 2025-01-01—2026-06-30, januari-juni 2025.",
        )
    lpo_iri = lpo_name = None
    near: tuple[str, ...] | None = None
    if police_area:
        area = names.police_area(police_area)
        slug = area.iri.rsplit("/", 1)[-1] if area is not None else police_area
        lpo_iri = str(minter.police_area(slug))
        lpo_name = area.name if area is not None else police_area
        near = None if area is not None else tuple(e.name for e in names.near(POLICE_AREA, police_area))
    key = promise_key(info.code, match.start.year, match.end.year)
    return PromiseSkeleton(
        code=info.code,
        municipality_name=info.name,
        start=match.start.isoformat(),
        end=match.end.isoformat(),
        verbatim=match.verbatim,
        key=key,
        police_area=lpo_iri,
        police_area_name=lpo_name,
        police_area_near=near if police_area else None,
        others=others,
    )


def _each(prefix: str, sk: PromiseSkeleton) -> str:
    """One municipality's IRI, or a joint promise's as a list."""
    iris = [prefix + code for code in sk.codes]
    return iris[0] if len(iris) == 1 else f"[{', '.join(iris)}]"


def _police_unit(lpo: str, note: str, sk: PromiseSkeleton) -> str:
    """The ``policeUnit`` value: the IRI of a police area of the reference data; one it does not
    describe is described here (name and actor type), so that the promise names a known actor."""
    if sk.police_area_near is None:
        return f" {lpo}   {note}"
    near = ", ".join(sk.police_area_near)
    guess = f"\n  # Menade du / did you mean: {near}?" if near else ""
    name = sk.police_area_name or ""
    label = name if name.casefold().startswith("lokalpolisområde") else f"Lokalpolisområde {name}"
    return f"""
  # “{name}” finns inte i referensdata, så lokalpolisområdet beskrivs här / is not in the
  # reference data, so the local police area is described here.{guess}
  id: {lpo}
  type: Organization
  label: {json.dumps(label, ensure_ascii=False)}
  actorType: lokalpolisomrade"""


def _kg(iri: str, minter: Minter) -> str:
    prefix = f"{minter.base}id/"
    return "kg:" + iri[len(prefix) :] if iri.startswith(prefix) else iri


def promise_template(sk: PromiseSkeleton, minter: Minter | None = None) -> str:
    """The commented YAML-LD template of a promise."""
    minter = minter or Minter()
    p = f"kg:promise/{sk.key}"
    lpo = _kg(sk.police_area, minter) if sk.police_area else f"kg:org/lpo-{FILL_IN}"
    lpo_note = (
        f"# {sk.police_area_name}"
        if sk.police_area_name
        else "# lokalpolisområdet, t.ex. kg:org/lpo-linkoping (se docs/ontology.md)"
    )
    return f"""\
# Medborgarlöfte {sk.names} {sk.verbatim} — mall / template.
#
# Fyll i varje "{FILL_IN}" och ta bort de rader du inte behöver; importera sedan med
#   kg import <den här filen>
# Replace every "{FILL_IN}" (and drop the lines you do not need), then import the file.
#
# - Ord ur de kontrollerade listorna (priorityArea, activityType, frequency, indicator ...) skrivs
#   med sina korta namn, t.ex. `frequency: per-termin`; `kg vocab list frequency` listar en listas ord.
# - `kg:` betyder {DEFAULT_BASE}id/ ; kommuner är kg:org/kommun-<kod>.
# - Skriv fritext inom citattecken ("..."), så går kolon och andra tecken bra.
# - Datum skrivs "ÅÅÅÅ-MM-DD". Den ursprungliga formuleringen går i fälten *Text / verbatim.
# - examples/nykoping-2025-2026.yaml är ett komplett, ifyllt exempel.

"@context": {CONTEXT_IRI}

id: {p}
type: CitizenPromise
identifier: "{sk.key}"
title: Medborgarlöfte {sk.names} {sk.verbatim}
description: "{FILL_IN}: en mening om vad polisen och kommunen lovar tillsammans."

municipality: {_each("kg:org/kommun-", sk)}      # {sk.names}
policeUnit:{_police_unit(lpo, lpo_note, sk)}
territory: {_each("kg:place/kommun-", sk)}

# --- Målgrupp, område inom kommunen, revidering: bara om texten anger dem (annars ta bort) -----
targetGroup: [boende]                    # värden ur listan target-group, t.ex. ungdomar, naringsidkare
area:                                    # ett område inom kommunen som löftet gäller
  - id: {p}/area/1
    type: Area
    name: "{FILL_IN}: t.ex. Karlslundsområdet"
    areaKind: bostadsomrade              # ett värde ur listan area-kind: stadsdel, centrum, skola ...
    within: kg:place/kommun-{sk.code}
revisionClause: "{FILL_IN}: t.ex. Löftet kan kompletteras eller ändras under perioden."

period:
  id: {p}/period
  type: PeriodOfTime
  startDate: "{sk.start}"
  endDate: "{sk.end}"
  verbatim: "{sk.verbatim}"

# --- Prioriteringar (minst en) ---------------------------------------------------------------
priorities:
  - id: {p}/priority/1
    type: Priority
    order: 1
    title: "{FILL_IN}: rubriken som den står i dokumentet"
    priorityArea: narkotika              # ett värde ur listan priority-area
    aim: "{FILL_IN}: vad prioriteringen ska uppnå, med dokumentets ord"

# --- Aktiviteter (minst en; kopiera blocket för fler, med nästa nummer) -----------------------
activities:
  - id: {p}/activity/1
    type: Activity
    order: 1
    description: "{FILL_IN}: vad som ska göras, med dokumentets ord."
    addresses: {p}/priority/1
    activityType: trygghetsvandring      # ett värde ur listan activity-type
    responsible: [kg:org/kommun-{sk.code}]   # ansvariga aktörer
    targetGroup: [ungdomar]              # målgrupp ur listan target-group (eller ta bort raden)
    frequency: annual                    # ett värde ur listan frequency (eller ta bort raden)
    frequencyText: "{FILL_IN}: t.ex. en gång per år"
    # Var aktiviteten görs, bara om texten säger det: ta bort "# " framför raderna / where it is
    # done, only if the text says so: remove the "# " before the lines.
    # placeText: "kommunala skolor"      # dokumentets ord, t.ex. "kommunala skolor", "krogmiljön"
    # placeKind: skola                   # ett värde ur listan area-kind: skola, krog, parkering ...

# --- Förväntade resultat ----------------------------------------------------------------------
outcomes:
  - id: {p}/outcome/1
    type: ExpectedOutcome
    order: 1
    description: "{FILL_IN}: t.ex. Den upplevda tryggheten ska öka."
    indicator: trygghetsmatning          # ett värde ur listan indicator

# --- Uppföljning ------------------------------------------------------------------------------
followUpPlan:
  id: {p}/followup-plan
  type: FollowUpPlan
  frequency: tertialvis
  description: "{FILL_IN}: hur och hur ofta löftet följs upp och redovisas."
"""
