"""A web page's share bar under the promise ("Dela: Facebook LinkedIn E-post") is page chrome:
it named Facebook as a channel the promise is followed up on. A channel the follow-up sentence
names stays one. A text of our own writing (the fifth round)."""

from __future__ import annotations

from kg.extract import extract_text

TEXT = """Medborgarlöfte 2025–2026

Ludvika kommun och lokalpolisområde Ludvika har tecknat ett medborgarlöfte för 2025–2026.

Trafiksäkerhet

- Polisen gör hastighetskontroller vid skolorna minst två gånger per termin.

Uppföljning

Löftet följs upp i kommunens brottsförebyggande råd två gånger per år.
{line}
Dela: Facebook LinkedIn E-post
Dela sidan på Facebook
"""


def _channels(line: str) -> list[str]:
    plan = extract_text(TEXT.format(line=line), source_name="ludvika.txt").analysis.followup
    return [c.label for c in plan.channels] if plan is not None else []


def test_a_share_bar_names_no_channel() -> None:
    assert _channels("") == []


def test_a_channel_the_followup_names_stays() -> None:
    assert _channels("Resultatet redovisas på kommunens Facebooksida.\n") != []
