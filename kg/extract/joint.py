"""Joint promises: one local police area and several municipalities promise together, as where
a police area covers several small municipalities ("Medborgarlöfte för Arboga, Köping och
Kungsör", "Lokalpolisområdet och kommunerna Hjo, Tibro och Karlsborg lovar …").

How such a document is built: it names its parties together, as one coordination of
municipality names (commas, "och", "samt", "&"), where it names its subject: a title line about
the promise, or its first lines. There the names stand as municipalities: after "kommunerna" or
a preposition of place ("för", "i"), before "kommuner", or in the title. The same coordination
elsewhere is not a statement of the parties: inside a police area's name ("lokalpolisområde
Köping och Arboga"), or in a priority further down ("Trygghet i centrala Köping och Arboga").

:func:`joint_municipalities` finds that coordination; :func:`parties_of` then keeps every
municipality of it as a party (``mbl:municipality``, ``dct:spatial``), each
cited by its place in the text, and names the promise after the one the document names most
strongly (its ID needs one code; the others are no less its parties).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import ExtractionError
from kg.extract.model import Municipality, Passage
from kg.extract.naming import (
    Names,
    after_preposition,
    default_names,
    municipality_of,
    police_area_context,
    subject_spans,
)

_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:och|samt)\s+|\s*&\s*")
"""What stands between two names of one coordination."""
_BEFORE_PARTIES = re.compile(r"(?i:kommunerna)\s+$")
_AFTER_PARTIES = re.compile(r"\s+(?i:kommuner|kommunerna)(?![\wåäö])")


@dataclass(frozen=True)
class JointMember:
    """One municipality of a joint promise, where the coordination names it."""

    code: str
    surface: str
    passage: Passage


def joint_municipalities(names: Names, text: str) -> list[JointMember]:
    """The municipalities a document names together as its parties (at least two, in the order
    named), or [] when it names no such coordination."""
    lead_end, titles = subject_spans(text)
    run: list[tuple[str, re.Match[str]]] = []
    for code, m in names.place_names(text):
        if run and _SEPARATOR.fullmatch(text, run[-1][1].end(), m.start()):
            run.append((code, m))
            continue
        found = _parties(text, run, lead_end, titles)
        if found:
            return found
        run = [(code, m)]
    return _parties(text, run, lead_end, titles)


def _parties(
    text: str, run: list[tuple[str, re.Match[str]]], lead_end: int, titles: list[tuple[int, int]]
) -> list[JointMember]:
    codes = list(dict.fromkeys(code for code, _ in run))
    if len(codes) < 2:
        return []
    start, end = run[0][1].start(), run[-1][1].end()
    in_title = any(a <= start < z for a, z in titles)
    if not in_title and start >= lead_end:
        return []  # not where the document names its subject
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if police_area_context(before, after):
        return []  # a police area's name
    as_municipalities = (
        in_title or _BEFORE_PARTIES.search(before) or after_preposition(before) or _AFTER_PARTIES.match(after)
    )
    if not as_municipalities:
        return []
    out: dict[str, JointMember] = {}
    for code, m in run:
        out.setdefault(code, JointMember(code, m.group(0), Passage(m.start(), m.end())))
    return list(out.values())


JOINT_PARTY = "joint-party"
"""The rule of a municipality named in a joint promise's coordination (:class:`Municipality`)."""


def parties_of(
    text: str, *, given: str | None, url: str | None, where: str, names: Names | None = None
) -> tuple[Municipality, list[Municipality]]:
    """The promise's municipality (the one its ID is made from) and, for a joint promise, its
    other municipalities. Municipalities given with ``--municipality`` are the only ones (several,
    comma-separated, for a joint promise: "Arboga,Köping,Kungsör"; the first makes the ID); a
    coordination that does not include the municipality the document otherwise names most
    strongly is not taken as its parties."""
    names = names or default_names()
    if given and "," in given:  # the steward names a joint promise's municipalities
        parts = [g.strip() for g in given.split(",")]
        if not all(parts):
            raise ExtractionError(
                f"--municipality {given!r} har en tom del: skriv kommunerna åtskilda av komma, t.ex. "
                f"Arboga,Köping / has an empty part: give the municipalities separated by commas, "
                "e.g. Arboga,Köping.",
                where=where,
            )
        chosen = [municipality_of(text, given=g, url=url, where=where, names=names) for g in parts]
        unique = list({m.code: m for m in chosen}.values())
        return unique[0], unique[1:]
    members = [] if given else joint_municipalities(names, text)
    if not members:
        return municipality_of(text, given=given, url=url, where=where, names=names), []
    codes = [m.code for m in members]
    try:
        single: Municipality | None = municipality_of(text, given=None, url=url, where=where, names=names)
    except ExtractionError:  # the names are about equally strong: the coordination settles it
        single = None
    if single is not None and single.code not in codes:
        return single, []
    scores = {c.info.code: c.score for c in names.rank(text, url)}
    lead = (
        single.code if single is not None else max(codes, key=lambda c: (scores.get(c, 0.0), -codes.index(c)))
    )
    evidence = "; ".join(c.describe() for c in names.rank(text, url)[:3])
    parties = [
        Municipality(
            m.code, names.municipalities[m.code].name, m.surface, m.passage, JOINT_PARTY, True, evidence
        )
        for m in members
    ]
    main = next(p for p in parties if p.code == lead)  # cited where the coordination names it
    return main, [p for p in parties if p.code != lead]


__all__ = ["JOINT_PARTY", "JointMember", "joint_municipalities", "parties_of"]
