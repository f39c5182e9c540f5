"""A page whose lines follow one another, with a blank line between its parts, is not one with a
blank line after every line (as some PDF-to-text converters write, where one blank line is a line
break): a table's rows and list items are written without final punctuation, and that is no sign
of a line wrapped across a blank line. Texts of our own writing in the layouts of municipal
PDFs."""

from __future__ import annotations

from kg.extract import extract_text
from kg.extract.layout import is_double_spaced
from kg.extract.text import lines_of

TABLE = (
    "Medborgarlöfte för Ljusdals kommun 2025\n"
    "Ljusdals kommun och lokalpolisområde Hudiksvall\n"
    "\n"
    "Prioriterat område: Trygghet i centrala Ljusdal\n"
    "\n"
    "Aktivitet\tAnsvarig\tTidsplan\tUppföljning\n"
    "Genomföra trygghetsvandringar i centrum\tKommunen och polisen\tVår och höst\tAntal vandringar\n"
    "Se över belysningen i Stadsparken\tKommunen\tUnder 2025\tRapport till kommunstyrelsen\n"
    "\n"
    "Prioriterat område: Narkotika bland unga\n"
    "\n"
    "Aktivitet\tAnsvarig\tTidsplan\tUppföljning\n"
    "Genomföra narkotikasök med hund på skolorna\tPolisen\tTvå gånger per termin\tAntal insatser\n"
)

LISTS = (
    "Medborgarlöfte för Skövde kommun 2024–2025\n"
    "\n"
    "Polisen lovar att:\n"
    "- patrullera till fots i centrum under helgerna\n"
    "- genomföra krogkontroller minst en gång i månaden\n"
    "\n"
    "Kommunen lovar att:\n"
    "- utöka kameraövervakningen vid resecentrum\n"
    "- anställa trygghetsvärdar som är ute på helgerna\n"
    "\n"
    "Tillsammans lovar vi att:\n"
    "- genomföra trygghetsvandringar i Ryd två gånger per år\n"
)


def test_a_table_under_headings_is_read_row_by_row() -> None:
    # the rows and headings, ending without a full stop before a blank line, made the page look
    # double-spaced: everything was one paragraph and the promise was refused
    assert not is_double_spaced(lines_of(TABLE))
    result = extract_text(TABLE, source_name="t.txt")
    assert [a.actor_source for a in result.activities] == ["table"] * 3
    assert [a.priority for a in result.activities] == [0, 0, 1]


def test_lists_without_final_punctuation_keep_their_headings() -> None:
    # each list's last item, unpunctuated before a blank line, was read as a wrapped line: the
    # next actor heading joined the item and the police's items were lost
    assert not is_double_spaced(lines_of(LISTS))
    result = extract_text(LISTS, source_name="t.txt")
    assert [[r.label for r in a.responsible] for a in result.activities] == [
        ["polisen"],
        ["polisen"],
        ["kommunen"],
        ["kommunen"],
        ["polisen", "kommunen"],
    ]


def test_a_page_with_a_blank_line_after_every_line_is_still_double_spaced() -> None:
    text = (
        "Medborgarlöfte för Skövde kommun 2024\n\n"
        "Polisen ska genomföra trafikkontroller vid skolorna och\n\n"
        "vid resecentrum minst en gång i månaden under hela året.\n\n"
        "Kommunen ska se över belysningen i stadsparken och längs\n\n"
        "gång- och cykelvägarna i centrum under hösten 2024.\n\n"
        "Polisen och kommunen ska genomföra trygghetsvandringar i\n\n"
        "bostadsområdet Ryd två gånger per år.\n"
    )
    assert is_double_spaced(lines_of(text))
