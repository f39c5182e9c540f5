"""An actor named by its kind and then its own name, in apposition ("Fastighetsbolaget
Tunabyggen", "föreningen Nattvandrarna"): the actor is the one the name names, its label the
whole phrase. A text of our own writing in the layout of a municipal page."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte Borlänge 2025–2026

Borlänge kommun och lokalpolisområde Borlänge lovar invånarna i Tjärna ängar följande.

Våra åtaganden
- Polisen: genomföra fotpatrullering i Tjärna ängar varje vecka
- Fastighetsbolaget Tunabyggen: förbättra belysningen i trapphusen
- Kommunen ska genomföra trygghetsvandringar med bostadsbolaget. Polisen deltar vid varje vandring.
"""


def test_a_proper_name_after_the_actor_kind_is_its_name() -> None:
    # the label was "Fastighetsbolaget": every housing company of the promise one actor
    result = extract_text(TEXT, source_name="t.txt")
    labels = [[r.label for r in a.responsible] for a in result.activities]
    assert labels[1] == ["Fastighetsbolaget Tunabyggen"]
    # the next sentence's subject is no name of the company before its full stop
    assert labels[2:] == [["kommunen"], ["polisen"]]
