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


def test_the_human_report_keeps_a_documents_control_characters_off_the_terminal() -> None:
    from kg.validation.report import Finding, ValidationReport
    from kg.validation.severity import Severity

    esc = "\x1b[2J\x1b[31m"  # clear the screen, then red: what a hostile label would do
    finding = Finding(
        severity=Severity.violation,
        focus_node="https://w3id.org/medborgarlofte/id/promise/0480-2025-2026/activity/1",
        focus_label=f"Aktivitet 1: {esc}Polisen",
        path="http://purl.org/dc/terms/description",
        value=f'"Polisen{esc}"@sv',
        message_sv=f"Värdet {esc} är fel.\rÖverskrivet",
        message_en=f"The value {esc} is wrong.",
        source_shape="https://w3id.org/medborgarlofte/shapes/Literal-characters",
        constraint_component="https://w3id.org/medborgarlofte/shapes/TextCharactersConstraintComponent",
        source_passage=f"Polisen{esc}\nska",
    )
    report = ValidationReport(findings=[finding])
    for lang in ("sv", "en"):
        text = report.render_human(lang)
        assert "\x1b" not in text and "\r" not in text, text
        assert "Polisen" in text
