"""A table's header row that names a follow-up column ("Vad | Vem | När | Uppföljning") is the
header of a table of activities, not a heading that opens the follow-up: its rows are the
activities (the promise was refused, "no promised activities were found"). Texts of our own
writing, as a web page's table and as a table typed with tabs."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.html import html_to_text

HTML = """<html><body>
<h1>Medborgarlöfte 2025–2026 Hedemora kommun</h1>
<p>Hedemora kommun och lokalpolisområde Hedemora har kommit överens om följande.</p>
<h2>Narkotika</h2>
<table>
<tr><th>Vad</th><th>Vem</th><th>När</th><th>Uppföljning</th></tr>
<tr><td>Narkotikasök med hund på Vasaskolan</td><td>Polisen</td>
<td>En gång per termin</td><td>Antal sök</td></tr>
<tr><td>Föräldraträffar om droger</td><td>Kommunen</td><td>Två gånger per år</td><td>Antal deltagare</td></tr>
</table>
</body></html>
"""

TABS = """Medborgarlöfte 2025–2026 Hedemora kommun

Hedemora kommun och lokalpolisområde Hedemora har kommit överens om följande.

Vad\tVem\tNär\tUppföljning
Narkotikasök med hund på Vasaskolan\tPolisen\tEn gång per termin\tAntal sök
Föräldraträffar om droger\tKommunen\tTvå gånger per år\tAntal deltagare
"""


@pytest.mark.parametrize(("text", "name"), [(HTML, "t.html"), (TABS, "t.txt")])
def test_a_follow_up_column_opens_no_follow_up(text: str, name: str) -> None:
    result = extract_text(_plain(text, name), source_name=name)
    assert [
        ([r.label for r in a.responsible], a.frequency and a.frequency.phrase) for a in result.activities
    ] == [
        (["polisen"], "En gång per termin"),
        (["kommunen"], "Två gånger per år"),
    ]


def _plain(text: str, name: str) -> str:
    """The page's text as kg extract reads an .html file."""
    return html_to_text(text) if name.endswith(".html") else text
