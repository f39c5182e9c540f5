"""Where the promise's municipality is a region ("Region Gotland"), "Regionen ska …" names that
party, as "Kommunen ska …" names a municipality; it was a county council of its own, a local
actor beside the parties. Elsewhere "regionen" stays a region. A text of our own writing (the
fifth round)."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.model import Party

TEXT = """Medborgarlöfte 2025 – {municipality}

{municipality} och lokalpolisområde {police} lovar följande under 2025.

Trygghet på landsbygden

- Polisen ska hålla öppet hus i Slite en gång per månad.
- Regionen ska se över belysningen vid busshållplatserna varje höst.
"""


def _parties(municipality: str, police: str) -> list[list[Party]]:
    text = TEXT.format(municipality=municipality, police=police)
    acts = extract_text(text, source_name="t.txt").analysis.activities
    return [[r.party for r in a.responsible] for a in acts]


def test_regionen_is_a_regional_municipality() -> None:
    assert _parties("Region Gotland", "Gotland") == [[Party.police], [Party.municipality]]


def test_regionen_elsewhere_is_a_region() -> None:
    assert _parties("Leksands kommun", "Mora") == [[Party.police], [Party.local]]
