"""The knowledge sources a situation picture names: "Lägesbilden bygger på Nationella
trygghetsundersökningen (NTU) och polisens trygghetsmätning" names the national survey and the
police's survey; "Lägesbilden", the subject of "bygger på", is this document's own situation
picture, what is built on them, not the organisations' situation reports it used to be read as;
the survey named twice (its name and its abbreviation) stays one source. Texts of our own
writing."""

from __future__ import annotations

from kg.extract import extract_text

VOCAB = "https://w3id.org/medborgarlofte/vocab/knowledge-source/"


def _sources(situation: str) -> list[str]:
    text = (
        "Medborgarlöfte 2025 för Kumla kommun och lokalpolisområde Kumla\n\nLägesbild\n\n"
        f"{situation} Många upplever otrygghet i centrum på kvällar.\n\nDet här ska vi göra\n\n"
        "- Polisen ska genomföra trafikkontroller vid skolorna varje månad.\n"
    )
    s = extract_text(text, source_name="t.txt").analysis.situation
    assert s is not None
    return [k.removeprefix(VOCAB) for k in s.knowledge_sources]


def test_what_a_situation_picture_is_built_on_are_its_sources_not_itself() -> None:
    assert _sources(
        "Lägesbilden bygger på Nationella trygghetsundersökningen (NTU) och polisens trygghetsmätning."
    ) == ["ntu", "trygghetsmatning"]


def test_the_organisations_situation_reports_named_as_a_source_stay_one() -> None:
    assert _sources("Polisens lägesbild visar att brotten i centrum har ökat.") == ["lagesbild"]


def test_a_survey_the_promise_will_make_is_no_source_of_it() -> None:
    # a page of promises only, each sentence an activity: "genomföra en trygghetsenkät" gave the
    # promise a situation picture built on a safety survey
    text = (
        "Medborgarlöfte läsåret 2025/2026 – Alvesta kommun\n\n"
        "Polisen ska besöka alla högstadieskolor i Alvesta minst en gång per termin.\n"
        "Kommunen ska genomföra en trygghetsenkät bland elever i årskurs 8 under våren.\n"
    )
    result = extract_text(text, source_name="t.txt")
    assert len(result.activities) == 2
    assert result.analysis.situation is None or not result.analysis.situation.knowledge_sources
