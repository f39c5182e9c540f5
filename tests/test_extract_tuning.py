"""Rules that carry the extractor to documents it has not seen (issue 15, done-when): actor
labels that are true synonyms of an actor type, rates written as "N gånger per ...", seasons,
"var tredje månad", and parties named in the text that the lexicon does not know. Every fixture
sentence is written for these tests."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.model import Activity, Party

HEAD = """Medborgarlöfte för Tidaholms kommun 2025

Polisen och Tidaholms kommun lovar att:

"""


def activities(*items: str) -> list[Activity]:
    text = HEAD + "".join(f"- {item}\n" for item in items)
    return extract_text(text, source_name="fixture.txt").analysis.activities


def only(*items: str) -> Activity:
    acts = activities(*items)
    assert len(acts) == len(items)
    return acts[0]


def types(act: Activity) -> set[str]:
    return {(a.actor_type or str(a.party)).rsplit("/", 1)[-1] for a in act.responsible}


def test_a_security_company_named_as_vaktbolag_is_the_guards_actor_type() -> None:
    act = only("Ett vaktbolag ska patrullera vid busstationen under helgerna.")
    assert types(act) == {"ordningsvakter"}, act.responsible
    act = only("Bevakningsbolaget ska finnas på plats vid torget på fredagskvällar.")
    assert types(act) == {"ordningsvakter"}, act.responsible


def test_the_area_police_officers_are_the_local_police() -> None:
    act = only("Områdespoliserna ska hålla öppet hus på biblioteket.")
    assert [a.party for a in act.responsible] == [Party.police], act.responsible
    assert act.actor_source == "subject"
