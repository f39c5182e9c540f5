"""A schedule: each line opens with the time its work is done ("Januari–mars: Polisen genomför
…", "April: …", "Hösten 2025: …", "Vecka 12: …"), the sentence after the label being what is
done. The label is no part of the sentence, so its subject stands first as in any promise
sentence; the promise was refused ("no promised activities were found"). A record of fields
("Ansvarig: …" / "Tidsplan: …") is still read as one. A text of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025 – Gagnefs kommun och lokalpolisområde Borlänge

Så här arbetar vi under året

Januari–mars: Polisen genomför riktade trafikkontroller på riksväg 71.
April: Kommunen och polisen bjuder in till en trygghetsvandring i Gagnef.
Vecka 34: Polisen besöker skolorna vid skolstarten.
Hösten 2025: Kommunen erbjuder föräldrautbildning.

Uppföljning
Löftet följs upp i december.
"""


def test_each_line_of_a_schedule_is_an_activity() -> None:
    result = extract_text(TEXT, source_name="t.txt")
    got = [(a.description, [r.label for r in a.responsible]) for a in result.activities]
    assert got == [
        ("Polisen genomför riktade trafikkontroller på riksväg 71.", ["polisen"]),
        ("Kommunen och polisen bjuder in till en trygghetsvandring i Gagnef.", ["kommunen", "polisen"]),
        ("Polisen besöker skolorna vid skolstarten.", ["polisen"]),
        ("Kommunen erbjuder föräldrautbildning.", ["kommunen"]),
    ]
