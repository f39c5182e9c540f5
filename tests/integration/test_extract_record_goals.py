"""A goal written as a field of an activity's record ("Mål: Fler ska känna sig trygga …" above
"Aktivitet:", "Ansvarig:", "Tidsplan:", repeated per area), or as a table's "Förväntat resultat"
column: the result the activity is for, an expected outcome of its own, not a part of the
activity's passage (it was neither an outcome nor kept apart: the activity's passage started
with the goal's words). Texts of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

RECORDS = """Medborgarlöfte Mjölby kommun 2025–2026

Mjölby kommun och lokalpolisområde Mjölby har tagit fram detta medborgarlöfte.

Område 1: Trygghet i centrum
Mål: Fler ska känna sig trygga i Mjölby centrum på kvällstid.
Aktivitet: Trygghetsvandringar i centrum.
Ansvarig: Kommunen
Tidsplan: Två gånger per år

Område 2: Trafik
Aktivitet: Hastighetsmätningar vid Egebyskolan.
Ansvarig: Polisen
Målgrupp: Föräldrar
Tidsplan: Fyra gånger per år
Mål: Färre ska köra för fort vid skolorna.
"""

TABLE = """Medborgarlöfte Mjölby kommun 2025–2026

Mjölby kommun och lokalpolisområde Mjölby har tagit fram detta medborgarlöfte.

Aktivitet\tAnsvarig\tFörväntat resultat
Trygghetsvandringar i centrum\tKommunen\tFler känner sig trygga i centrum
Hastighetsmätningar vid Egebyskolan\tPolisen\tFärre kör för fort vid skolan
"""


def test_a_goal_field_is_an_expected_outcome_apart_from_the_activity() -> None:
    result = extract_text(RECORDS, source_name="t.txt")
    assert [o.description for o in result.analysis.outcomes] == [
        "Fler ska känna sig trygga i Mjölby centrum på kvällstid.",
        "Färre ska köra för fort vid skolorna.",
    ]
    first, second = (result.text[a.passage.start : a.passage.end] for a in result.activities)
    assert first.startswith("Trygghetsvandringar i centrum.") and "Mål" not in first
    assert second.startswith("Hastighetsmätningar") and "Färre" not in second
    assert [a.description for a in result.activities] == [
        "Trygghetsvandringar i centrum.",
        "Hastighetsmätningar vid Egebyskolan.",
    ]


def test_an_expected_result_column_is_an_outcome() -> None:
    result = extract_text(TABLE, source_name="t.txt")
    assert [o.description for o in result.analysis.outcomes] == [
        "Fler känner sig trygga i centrum",
        "Färre kör för fort vid skolan",
    ]
    assert [[r.label for r in a.responsible] for a in result.activities] == [["kommunen"], ["polisen"]]
