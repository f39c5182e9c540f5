"""Municipalities and police areas as documents name them (:mod:`kg.extract.naming`), on texts
written for these tests in the ways real pages are built, and on the development corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ExtractionError
from kg.extract.naming import Names, default_names, municipality_of, source_url
from kg.extract.police_areas import police_area_of

CORPUS = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def names() -> Names:
    return default_names()


def code_of(text: str, url: str | None = None) -> str:
    return municipality_of(text, given=None, url=url, where="test.txt").code


# -- values people type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0484", "0484"),
        ("Eskilstuna", "0484"),
        ("Eskilstuna kommun", "0484"),
        ("eskilstuna kommuns", "0484"),
        ("Kungsör", "1960"),
        ("Kungsörs kommun", "1960"),
        ("kungsor", "1960"),
        ("Malmö stad", "1280"),
        ("Region Gotland", "0980"),
        ("Upplands Väsby", "0114"),
    ],
)
def test_a_typed_municipality_resolves_by_code_name_genitive_or_slug(
    names: Names, value: str, code: str
) -> None:
    info = names.municipality(value)
    assert info is not None and info.code == code


def test_an_unknown_name_resolves_to_nothing(names: Names) -> None:
    assert names.municipality("Atlantis") is None
    assert names.municipality("9999") is None


def test_police_areas_resolve_by_any_of_their_names(names: Names) -> None:
    for value in ("Lokalpolisområde norra Lappland", "LPO norra Lappland", "norra Lappland"):
        area = names.police_area(value)
        assert area is not None and area.iri.endswith("/lpo-norra-lappland"), value
    assert names.police_area("Lokalpolisområde Ingenstans") is None


# -- how documents name their municipality ---------------------------------------------------------


def test_a_bare_name_in_a_title_line() -> None:
    text = "Hudiksvall – medborgarlöften\n\nPolisen ska patrullera i centrum varje fredag.\n"
    assert code_of(text) == "2184"


def test_a_bare_name_in_a_news_headline() -> None:
    text = (
        "Ljusdal satsar på tryggare kvällar\n\nPolisen och kommunen har skrivit under ett medborgarlöfte.\n"
    )
    assert code_of(text) == "2161"


def test_a_newspapers_name_is_not_its_town() -> None:
    text = "Nytt medborgarlöfte för Timrå | Sundsvalls Tidning\n\nEskilstuna-Kuriren och polisen …\n"
    assert code_of(text) == "2262"


def test_names_in_capitals_count_with_kommun_or_a_preposition() -> None:
    assert code_of("MEDBORGARLÖFTE FÖR KUNGSÖRS KOMMUN\n\nPolisen ska patrullera.\n") == "1960"
    assert code_of("MEDBORGARLÖFTE 2024 I ARBOGA\n\nPolisen ska patrullera.\n") == "1984"
    with pytest.raises(ExtractionError):  # a postal address and a heading in capitals
        code_of("Medborgarlöfte\n\nBox 12, 811 80 SANDVIKEN\n\nVI SKA VARA TRYGGA\n")


def test_i_name_in_a_heading() -> None:
    text = "Medborgarlöften 2017 för tryggare kvällar i Gällivare centrum\n\nPolisen ska …\n"
    assert code_of(text) == "2523"


def test_a_genitive_before_a_noun() -> None:
    text = "Vi vill öka tryggheten.\n\nPolisen lovar att gå fotpatrull i Arbogas centrum och vid stationen.\n"
    assert code_of(text) == "1984"


def test_region_gotland_a_stad_and_an_irregular_genitive() -> None:
    assert code_of("Region Gotland och polisen lovar att genomföra trygghetsvandringar.") == "0980"
    assert code_of("Polisen och Västerås stad ska genomföra trygghetsvandringar.") == "1980"
    assert code_of("Polisen och Falu kommun ska genomföra trygghetsvandringar.") == "2080"


def test_the_page_address_names_the_municipality() -> None:
    text = "Medborgarlöfte\n\nPolisen och kommunen ska genomföra trygghetsvandringar.\n"
    assert code_of(text, "https://www.sigtuna.se/nyheter/medborgarlofte.html") == "0191"
    assert code_of(text, "https://polisen.se/om-polisen/medborgarloften/tierp/") == "0360"
    assert code_of(text, "https://www.upplandsvasby.se/trygghet") == "0114"
    assert code_of(text, "https://tidning.se/nyheter/nytt-medborgarlofte-i-kungsor") == "1960"


def test_an_address_alone_is_recorded_as_an_inference() -> None:
    text = "Medborgarlöfte\n\nPolisen och kommunen ska genomföra trygghetsvandringar.\n"
    m = municipality_of(text, given=None, url="https://www.sigtuna.se/x", where="t")
    assert not m.stated and m.passage is None and m.rule == "url-host"


def test_common_words_among_the_names_count_only_in_a_naming_context() -> None:
    # "Vara", "Mark", "Ale", "Lund" and "Habo" stand at the start of sentences and lines here,
    # where a capital letter says nothing; only "i Tranås" names a municipality.
    text = (
        "Medborgarlöfte 2024\n\n"
        "Vara trygg i sitt bostadsområde är viktigt.\n"
        "Mark och fastigheter ska skötas. Ale serveras inte. Lund och park ska röjas.\n"
        "Habo? Polisen ska genomföra trygghetsvandringar i Tranås.\n"
    )
    assert code_of(text) == "0687"


def test_a_common_word_name_counts_in_a_naming_context() -> None:
    assert code_of("Medborgarlöfte för Vara 2024\n\nPolisen ska patrullera.\n") == "1470"
    assert code_of("Polisen och Marks kommun lovar att patrullera.\n") == "1463"


def test_a_menu_listing_the_countys_municipalities_names_none_of_them() -> None:
    menu = "Arboga\nFagersta\nHallstahammar\nKöping\nNorberg\n\n"
    text = menu + "Kungsör – medborgarlöften\n\nPolisen ska patrullera i centrum.\n"
    assert code_of(text) == "1960"


def test_a_county_or_a_police_region_is_not_the_municipality() -> None:
    text = "Region Uppsala och Örebro län stöder arbetet. Polisen och Enköpings kommun lovar att …"
    assert code_of(text) == "0381"


def test_the_police_area_name_is_weak_evidence() -> None:
    text = "Lokalpolisområde Motala och Vadstena kommun lovar att genomföra trygghetsvandringar."
    assert code_of(text) == "0584"
    # the abbreviation in mixed case names the area as "LPO" does: the weakest evidence, and
    # evidence all the same where nothing else names the municipality
    assert code_of(text.replace("Lokalpolisområde", "Lpo")) == "0584"
    assert code_of("Medborgarlöfte 2025\n\nLpo Köping lovar att genomföra trygghetsvandringar.\n") == "1983"


def test_two_equally_named_municipalities_ask_for_the_option_and_name_both() -> None:
    text = "Medborgarlöfte för Köping och Arboga\n\nKöpings kommun och Arboga kommun lovar att …\n"
    with pytest.raises(ExtractionError) as info:
        code_of(text)
    message = str(info.value)
    assert "--municipality" in message and "Köping" in message and "Arboga" in message


def test_no_municipality_asks_for_the_option() -> None:
    with pytest.raises(ExtractionError) as info:
        code_of("Medborgarlöfte 2023\n\nPolisen och kommunen ska samverka.\n")
    assert "--municipality" in str(info.value) and "namnger ingen kommun" in str(info.value)


def test_the_option_wins_and_is_marked_as_the_stewards() -> None:
    m = municipality_of("Polisen och Köpings kommun lovar …", given="Kungsör", url=None, where="t")
    assert (m.code, m.rule, m.stated) == ("1960", "option:--municipality", False)
    with pytest.raises(ExtractionError):
        municipality_of("x", given="Atlantis", url=None, where="t")


# -- police areas ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Lokalpolisområde Trelleborg och Svedala kommun lovar:", "Lokalpolisområde Trelleborg"),
        ("Anna Berg, lokalpolisområdeschef i Västra Mälardalen, sa", "Lokalpolisområde Västra Mälardalen"),
        ("Per Ek, lokalpolischef i LPO Klippan, skrev under.", "Lokalpolisområde Klippan"),
        ("Max Åkerwall\nSödertälje lokalpolisområde\n", "Lokalpolisområde Södertälje"),
        ("Det gäller närpolisområde Köping sedan 2014.", "Lokalpolisområde Köping"),
        ("Eva Berg, lokalpolisområdeschef för Västra Mälardalen, sa", "Lokalpolisområde Västra Mälardalen"),
        # two places joined by a slash are one name (it was cut at the slash: "Ale")
        ("Ale kommun och lokalpolisområde Ale/Kungälv", "Lokalpolisområde Ale/Kungälv"),
        # the abbreviation as a word, in mixed or lower case (it was read in capitals only)
        ("Tierps kommun och Lpo Norra Uppland har tagit fram löftet.", "Lokalpolisområde Norra Uppland"),
        ("Kontakta lpo Norra Uppland om du har frågor.", "Lokalpolisområde Norra Uppland"),
        ("Per Ek, lokalpolischef i Lpo Klippan, skrev under.", "Lokalpolisområde Klippan"),
    ],
)
def test_a_police_area_is_read_from_how_it_is_named(text: str, name: str) -> None:
    area, _ = police_area_of(text, given=None)
    assert area is not None and area.name == name


def test_no_police_area_or_two_equally_named_ones_are_unknown() -> None:
    assert police_area_of("Polisen och kommunen lovar.", given=None) == (None, [])
    area, candidates = police_area_of("lokalpolisområde Motala och lokalpolisområde Mjölby lovar", given=None)
    assert area is None and candidates == ["Lokalpolisområde Motala", "Lokalpolisområde Mjölby"]


def test_the_source_line_of_an_archived_page_gives_its_address() -> None:
    url, text = source_url("# source: https://polisen.se/x/kungsor/\nKungsör – medborgarlöften\n")
    assert url == "https://polisen.se/x/kungsor/"
    assert text == "\nKungsör – medborgarlöften\n"
    assert source_url("Ingen adress\n") == (None, "Ingen adress\n")
    assert source_url("# Source: Polisen\n") == (None, "# Source: Polisen\n")  # a heading, kept


# -- the development corpus --------------------------------------------------------------------------

DEV = {
    "000_degerfors.txt": "1862",
    "001_hallstahammar_2022.txt": "1961",
    "002_hallstahammar_2023.txt": "1961",
    "003_kavlinge_2019.txt": "1261",
    "004_koping_2016.txt": "1983",
    "005_koping_2024.txt": "1983",
    "006_kungsor.txt": "1960",
    "007_orebro_vivalla.txt": "1880",
    "008_sandviken_2015.txt": "2181",
    "009_sandviken_2022.txt": "2181",
    "010_storuman_2021.txt": "2421",
    "011_svalov_2019.txt": "1214",
    "012_svedala_2020.txt": "1263",
    "013_vadstena_2022.txt": "0584",
}


@pytest.mark.parametrize(("name", "code"), sorted(DEV.items()))
def test_every_development_page_names_its_municipality(name: str, code: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the corpus lives in ../shared/corpus, outside the repository")
    url, text = source_url(path.read_text(encoding="utf-8"))
    m = municipality_of(text, given=None, url=url, where=name)
    assert m.code == code and m.stated


def test_kg_extract_exits_2_naming_the_candidates(tmp_path: Path) -> None:
    """Two municipalities named as strongly, but not together as the promise's parties (that
    would be a joint promise: tests/integration/test_extract_joint.py)."""
    from typer.testing import CliRunner

    from kg.cli import app

    page = tmp_path / "tva.txt"
    page.write_text(
        "Medborgarlöften 2025\n\nPolisen lovar invånarna i Köping och invånarna i Arboga att:\n\n"
        "- Polisen ska patrullera i centrum varje fredag.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(page)])
    assert result.exit_code == 2, result.output
    assert "tva.txt" in result.output and "--municipality" in result.output
    assert "Köping (1983" in result.output and "Arboga (1984" in result.output
    again = CliRunner().invoke(app, ["extract", str(page), "--municipality", "Arboga"])
    assert again.exit_code == 0, again.output
