"""Plain names where a YAML-LD document expects an IRI or a list's term, resolved or refused.

JSON-LD reads ``municipality: Nyköping`` as a relative IRI (``file:///…/Nyköping``) and
``activityType: trafikkontrol`` as a term nobody defined. A steward means the municipality and
the list's term, so the value is resolved with the one resolver of typed names
(:mod:`kg.names`, over the bundled reference data and vocabularies):

* a municipality (``municipality``), a local police area (``policeUnit``), a place
  (``territory``, ``within``: the municipality's or county's area) or an actor (``responsible``,
  ``partners``, ``issuedBy`` ...: a municipality or police area; ``Polisen`` and ``Kommunen`` are
  the document's own ``policeUnit`` and ``municipality``);
* a term of the key's list (``frequency: månadsvis`` → ``monthly``), by notation, label in any
  language or the ASCII form of a label.

A value read as another is kept with an info (what it was read as); a value that names nothing
is left out with an error that says what to write (the nearest names first); a value that names
several things is left out with an error listing them. A value of another IRI key (``addresses``,
``followsUp`` ...) must be an IRI.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib.namespace import DCTERMS, ORG

from kg.documents.context_terms import Context, Term
from kg.documents.notes import NAME_READ, NOT_AN_IRI, UNKNOWN_TERM
from kg.iris import Minter
from kg.names import COUNTY, MUNICIPALITY, POLICE_AREA, Entry, NameIndex, fold
from kg.namespaces import MBL, OX

_GEO_WITHIN = "http://www.opengis.net/ont/geosparql#sfWithin"
_MUNICIPALITY = {str(MBL.municipality)}
_AREA = {str(MBL.policeUnit)}
_PLACE = {str(DCTERMS.spatial), _GEO_WITHIN}
_ACTOR = {
    str(p)
    for p in (
        MBL.responsibleActor,
        MBL.partner,
        MBL.issuedBy,
        MBL.reportedBy,
        MBL.signedFor,
        ORG.postIn,
        ORG.unitOf,
    )
}
_WEB = {str(OX.schema.url.value), str(MBL.evidence)}
_POLICE_WORDS = {"polisen", "polis", "lokalpolisen", "lokalpolisområdet", "the police", "police"}
_MUNICIPALITY_WORDS = {"kommunen", "kommun", "the municipality"}
_AUTHORITY_WORDS = {"polismyndigheten", "swedish police authority"}


@dataclass(frozen=True)
class Resolved:
    """What a value becomes: the text to put in its place (None: left out) and, when there is
    something to say, the rule of the note and its hint."""

    value: str | None
    rule: str | None = None
    hint_sv: str = ""
    hint_en: str = ""


class ValueResolver:
    """Resolves the values of one document's IRI and list keys."""

    def __init__(
        self, ctx: Context, names: NameIndex, *, municipality: str | None, police_unit: str | None
    ) -> None:
        self._ctx = ctx
        self._names = names
        self._own = {"municipality": municipality, "police": police_unit}

    def iri(self, term: Term, text: str) -> Resolved:
        """A value of a key whose values are IRIs."""
        value = text.strip()
        if self._ctx.is_iri(value):
            return Resolved(text)
        prop = term.iri
        if prop in _MUNICIPALITY:
            return self._one(value, [MUNICIPALITY], "kg:org/kommun-0480", "Nyköping")
        if prop in _AREA:
            minted = self._ctx.compact_id(str(Minter().police_area(value)))
            return self._one(value, [POLICE_AREA], minted, "Lokalpolisområde Nyköping")
        if prop in _PLACE:
            return self._place(value)
        if prop in _ACTOR:
            return self._actor(value)
        if prop in _WEB:
            web = (
                f"https://{value}"
                if "." in value and " " not in value
                else "https://www.nykoping.se/trygghet"
            )
            return Resolved(
                None,
                NOT_AN_IRI,
                f"En webbadress skrivs hel, med https://, t.ex. {web}.",
                f"A web address is written in full, with https://, e.g. {web}.",
            )
        return Resolved(
            None,
            NOT_AN_IRI,
            "Här ska stå en nods id (en IRI), t.ex. kg:promise/0480-2025-2026/priority/1.",
            "Write a node's id (an IRI) here, e.g. kg:promise/0480-2025-2026/priority/1.",
        )

    def term(self, term: Term, text: str) -> Resolved:
        """A value of a key whose values are terms of a controlled list."""
        value = text.strip()
        scheme = term.scheme
        if self._ctx.is_iri(value) or not scheme or not self._names.entries(scheme):
            return Resolved(text)
        found = self._names.lookup(scheme, value)
        entry = found.entry
        if entry is not None:
            if entry.slug == value:
                return Resolved(text)
            return Resolved(entry.slug, NAME_READ, *_read_as(entry, entry.slug))
        listing = f"'kg vocab list {scheme}'"
        if found.matches:
            names = ", ".join(e.shown for e in found.matches)
            return Resolved(
                None,
                UNKNOWN_TERM,
                f"Namnet passar flera begrepp i listan {scheme}: {names}. Skriv ett av dem.",
                f"The name fits several terms of the list {scheme}: {names}. Write one of them.",
            )
        near = self._names.near(scheme, value)
        guess = ", ".join(e.shown for e in near)
        return Resolved(
            None,
            UNKNOWN_TERM,
            (f"Menade du: {guess}? " if guess else "")
            + f"Listan {scheme} har inget sådant begrepp; {listing} visar alla.",
            (f"Did you mean: {guess}? " if guess else "")
            + f"The list {scheme} has no such term; {listing} lists them all.",
        )

    # -- kinds ----------------------------------------------------------------------------------
    def _one(self, value: str, kinds: list[str], iri_example: str, name_example: str) -> Resolved:
        matches: list[Entry] = []
        for kind in kinds:
            for e in self._names.lookup(kind, value).matches:
                if e not in matches:
                    matches.append(e)
        if len(matches) == 1:
            return Resolved(
                matches[0].iri, NAME_READ, *_read_as(matches[0], self._ctx.compact_id(matches[0].iri))
            )
        if matches:
            return _ambiguous(matches, self._ctx)
        near = [e for kind in kinds for e in self._names.near(kind, value)][:3]
        return _unknown(near, self._ctx, iri_example, name_example)

    def _place(self, value: str) -> Resolved:
        found = self._one(value, [MUNICIPALITY, COUNTY], "kg:place/kommun-0480", "Nyköping")
        if found.rule != NAME_READ or found.value is None:
            return found
        entry = self._names.entries(MUNICIPALITY).get(found.value)
        if entry is None or entry.code is None:  # a county: its IRI is already the place
            return found
        place = str(Minter().municipality_place(entry.code))
        shown = self._ctx.compact_id(place)
        return Resolved(
            place, NAME_READ, f"{shown} ({entry.name}, området)", f"{shown} ({entry.name}, the area)"
        )

    def _actor(self, value: str) -> Resolved:
        word = fold(value)
        own: str | None = None
        if word in _POLICE_WORDS:
            own = self._own["police"]
        elif word in _MUNICIPALITY_WORDS:
            own = self._own["municipality"]
        elif word in _AUTHORITY_WORDS:
            own = str(Minter().police_authority())
        if own is not None:
            shown = self._ctx.compact_id(own)
            return Resolved(own, NAME_READ, f"{shown} (dokumentets egen)", f"{shown} (the document's own)")
        if word in _POLICE_WORDS | _MUNICIPALITY_WORDS:
            return Resolved(
                None,
                NOT_AN_IRI,
                f"Dokumentet anger ingen {'policeUnit' if word in _POLICE_WORDS else 'municipality'}"
                " att läsa namnet som. Skriv IRI:n, t.ex. kg:org/lpo-nykoping eller kg:org/kommun-0480.",
                f"The document names no {'policeUnit' if word in _POLICE_WORDS else 'municipality'}"
                " to read the name as. Write the IRI, e.g. kg:org/lpo-nykoping or kg:org/kommun-0480.",
            )
        found = self._one(value, [MUNICIPALITY, POLICE_AREA], "kg:org/kommun-0480", "Polisen")
        if found.rule == NOT_AN_IRI:
            return Resolved(
                None,
                NOT_AN_IRI,
                found.hint_sv + " En annan aktör (en förvaltning, en förening) beskrivs som en egen nod"
                " med id, type och name.",
                found.hint_en + " Another actor (an office, an association) is described as a node of"
                " its own, with id, type and name.",
            )
        return found


def _read_as(entry: Entry, shown: str) -> tuple[str, str]:
    return f"{shown} ({entry.name})", f"{shown} ({entry.name})"


def _ambiguous(matches: list[Entry], ctx: Context) -> Resolved:
    listed = " eller / or ".join(f"{ctx.compact_id(e.iri)} ({e.name})" for e in matches)
    return Resolved(
        None,
        NOT_AN_IRI,
        f"Namnet passar flera: {listed}. Skriv IRI:n för den du menar.",
        f"The name fits several: {listed}. Write the IRI of the one you mean.",
    )


def _unknown(near: list[Entry], ctx: Context, iri_example: str, name_example: str) -> Resolved:
    guess = ", ".join(f"{ctx.compact_id(e.iri)} ({e.name})" for e in near)
    return Resolved(
        None,
        NOT_AN_IRI,
        (f"Menade du: {guess}? " if guess else "")
        + f"Här ska stå en IRI, t.ex. {iri_example}, eller ett namn ur referensdata, t.ex. {name_example}.",
        (f"Did you mean: {guess}? " if guess else "")
        + f"Write an IRI here, e.g. {iri_example}, or a name from the reference data, e.g. {name_example}.",
    )
