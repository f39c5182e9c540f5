"""What the parties promise to change, a verb of change right after "lovar att" ("… lovar att öka
tryggheten i Säters centrum och minska buskörningen med A-traktorer"), is the promise's aim, as
"lovar att arbeta för …" is: each area it names is a priority titled from the verb (who promises
is no part of it). With the means ("… genom att …") the sentence is an action. Texts of our own
writing."""

from __future__ import annotations

from kg.extract import extract_text

AREA = "https://w3id.org/medborgarlofte/vocab/priority-area/"
TEXT = """Medborgarlöfte 2025–2026 – Säters kommun

Säters kommun och lokalpolisområde Borlänge lovar att öka tryggheten i Säters centrum och minska \
buskörningen med A-traktorer.

Det här gör vi

| Aktivitet | Ansvarig | När |
|---|---|---|
| Trafikkontroller av A-traktorer i centrum | Polisen | Varannan vecka |
| Trygghetsvandring med boende | Kommunen och polisen | Vår och höst |
"""


def test_a_promised_change_names_the_priorities() -> None:
    # the sentence was "the introduction" and the priority was inferred from the activities
    result = extract_text(TEXT, source_name="t.md")
    got = [(p.title, [a.removeprefix(AREA) for a in p.areas], p.rule) for p in result.analysis.priorities]
    assert got == [
        ("Öka tryggheten i Säters centrum", ["trygghet-offentlig-miljo"], ""),
        ("Minska buskörningen med A-traktorer", ["trafiksakerhet"], ""),
    ]


def test_a_change_with_its_means_is_an_action() -> None:
    text = (
        "Medborgarlöfte Säter 2025\n\n"
        "Kommunen lovar att minska otryggheten i parken genom att sätta upp belysning.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [a.description for a in result.activities] == [
        "Kommunen lovar att minska otryggheten i parken genom att sätta upp belysning."
    ]


def test_lovar_att_right_before_arbeta_for_leaves_both_out_of_the_title() -> None:
    # with "lovar att" a break of its own, the break "arbeta för" right after it was not seen
    # (the space between them was taken): the title was "Arbeta för ökad trygghet i Skutskär"
    text = (
        "Medborgarlöfte 2025 – Älvkarleby kommun\n\n"
        "Lokalpolisområde Tierp och Älvkarleby kommun lovar att arbeta för ökad trygghet i Skutskär.\n\n"
        "Polisen lovar att:\n- genomföra trafikkontroller vid skolorna varje vecka\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert [p.title for p in result.analysis.priorities] == ["Ökad trygghet i Skutskär"]
