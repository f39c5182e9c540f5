"""An "Ansvariga:" line that names, beside the parties, an organisation the lexicon does not know
("Kommunen, polisen och Svenska kyrkan", "Röda korset"): every actor it names is responsible,
the unknown one by its own name (typed where the name says a kind). A text of our own writing in
the layout of a municipal page."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte Timrå 2026

Insatser
- Trygghetsvandringar i Sörberge två gånger per år.
  Ansvariga: Kommunen, polisen och Svenska kyrkan
- Nattvandringar i Vivsta varje fredag.
  Ansvarig: Röda korset
"""

CIVIL = "https://w3id.org/medborgarlofte/vocab/actor-type/civilsamhalle"


def test_every_actor_a_responsible_line_names_is_responsible() -> None:
    # "Svenska kyrkan" was dropped without a word, and "Röda korset" gave no one (both parties)
    result = extract_text(TEXT, source_name="t.txt")
    got = [[(r.label, r.actor_type) for r in a.responsible] for a in result.activities]
    assert got == [
        [("kommunen", None), ("polisen", None), ("Svenska kyrkan", CIVIL)],
        [("Röda korset", None)],
    ]
    assert [a.actor_source for a in result.activities] == ["ansvarig", "ansvarig"]
