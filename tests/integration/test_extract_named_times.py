"""Two or more named times of the year, coordinated, are a rate: "vår och höst", "i april och
oktober" (twice a year), "i mars, juni och september" (three times); one named time ("i maj",
"under hösten") is a single time, neighbours ("i juni och juli") a stretch of time, and a year
after the names ("i april och oktober 2025") dates them. A text of our own writing in the layout
of a municipal page."""

from __future__ import annotations

import pytest

from kg.extract import extract_text

FREQ = "https://w3id.org/medborgarlofte/vocab/frequency/"
TEXT = "Medborgarlöfte Kumla 2026\n\nPolisen lovar att:\n- {item}\n"


@pytest.mark.parametrize(
    ("item", "phrase", "slug"),
    [
        ("genomföra trygghetsvandringar vår och höst i centrum", "vår och höst", "semiannual"),
        ("bjuda in till medborgardialog i april och oktober", "i april och oktober", "semiannual"),
        ("besöka skolorna under våren och hösten", "under våren och hösten", "semiannual"),
        ("hålla möten i mars, juni och september", "i mars, juni och september", "tertialvis"),
        ("genomföra trafikkontroller två gånger per år", "två gånger per år", "semiannual"),
    ],
)
def test_named_times_of_the_year_are_a_rate(item: str, phrase: str, slug: str) -> None:
    # "vår och höst" and "i april och oktober" gave no rate
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.frequency is not None
    assert (act.frequency.concept, act.frequency.phrase) == (FREQ + slug, phrase)


@pytest.mark.parametrize(
    "item",
    [
        "ordna en föräldrakväll i maj",
        "röja buskage under hösten",
        "finnas på badplatserna i juni och juli",
        "bjuda in till medborgardialog i april och oktober 2026",
    ],
)
def test_one_named_time_a_stretch_or_a_dated_pair_is_no_rate(item: str) -> None:
    [act] = extract_text(TEXT.format(item=item), source_name="t.txt").activities
    assert act.frequency is None
