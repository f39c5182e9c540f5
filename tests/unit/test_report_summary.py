"""The summary of a report names each rule by its message's first sentence: a whole one."""

from __future__ import annotations

from kg.validation.report import _first_sentence


def test_the_first_sentence_is_not_cut_inside_brackets_or_after_an_abbreviation() -> None:
    sv = (
        'Värdet "2025-02-30" är inte giltigt för sin datatyp (t.ex. ett datum som inte finns, som 30'
        " februari). Skriv ett fullständigt datum."
    )
    assert _first_sentence(sv) == sv.split(" Skriv", 1)[0]
    assert _first_sentence("Use e.g. this one. Then that.") == "Use e.g. this one."
    assert _first_sentence("The key “a. b” is odd. Fix it.") == "The key “a. b” is odd."
    assert _first_sentence("One. Two.") == "One."
    assert _first_sentence("No stop here") == "No stop here"
