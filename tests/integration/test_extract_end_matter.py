"""The end matter of a medborgarlöfte: the follow-up plan's channels and the signatures, read as
the text states them. Texts of our own writing in the layouts municipal pages use."""

from __future__ import annotations

from kg.extract import Extraction, extract_text

BODY = (
    "Medborgarlöfte 2025–2026 Umeå kommun och lokalpolisområde Umeå\n\n"
    "Polisen åtar sig att:\n"
    "• genomföra riktade insatser i stadskärnan minst två helger i månaden.\n\n"
)


def _extract(end: str) -> Extraction:
    return extract_text(BODY + end, source_name="t.txt")


def test_a_bare_web_address_is_a_channel() -> None:
    # "umea.se" was lost: only "polisen.se", a label of the channel vocabulary, was read
    x = _extract("Uppföljning\nLöftet följs upp två gånger per år och redovisas på umea.se och polisen.se.\n")
    plan = x.analysis.followup
    assert plan is not None
    assert [(c.label, c.url) for c in plan.channels] == [
        ("umea.se", "https://umea.se"),
        ("polisen.se", "https://polisen.se"),
    ]
    for c in plan.channels:
        assert x.text[c.passage.start : c.passage.end] == c.label


def test_a_bare_web_address_with_a_path_is_read_whole_and_an_abbreviation_is_none() -> None:
    x = _extract(
        "Uppföljning\nLöftet följs upp t.ex. i kommunstyrelsen två gånger per år och redovisas "
        "bl.a. på umea.se/medborgarloften, frågor besvaras via info@polisen.se.\n"
    )
    plan = x.analysis.followup
    assert plan is not None
    assert [c.label for c in plan.channels] == ["umea.se/medborgarloften"]


def test_a_date_line_above_the_block_dates_every_signature_under_it() -> None:
    # only the first signature had the date; the issue date then rested on it alone
    x = _extract(
        "Umeå den 4 februari 2025\n\n"
        "Anna Lindgren, kommunstyrelsens ordförande, Umeå kommun\n"
        "Jonas Berg, lokalpolisområdeschef, Lokalpolisområde Umeå\n"
    )
    assert [(s.name, s.place, s.date_text, str(s.date)) for s in x.signatures] == [
        ("Anna Lindgren", "Umeå", "4 februari 2025", "2025-02-04"),
        ("Jonas Berg", "Umeå", "4 februari 2025", "2025-02-04"),
    ]
    ends = ["Umeå kommun", "Lokalpolisområde Umeå"]
    for s, end in zip(x.signatures, ends, strict=True):  # the date line down to the signatory's
        quote = x.text[s.passage.start : s.passage.end]
        assert quote.startswith("Umeå den 4 februari 2025") and quote.endswith(
            s.name + ", " + s.post + ", " + end
        )
    [issued] = [a for a in x.assumptions if a.rule == "extract:issued-from-last-signature"]
    assert str(issued.value) == "2025-02-04"


def test_a_date_line_for_each_signatory_stays_that_signatory_s() -> None:
    x = _extract(
        "Umeå den 4 februari 2025\nAnna Lindgren\nKommunstyrelsens ordförande\n\n"
        "Umeå den 10 februari 2025\nJonas Berg\nLokalpolisområdeschef\n"
    )
    assert [(s.name, s.date_text) for s in x.signatures] == [
        ("Anna Lindgren", "4 februari 2025"),
        ("Jonas Berg", "10 februari 2025"),
    ]


def test_an_issue_date_from_some_dated_signatures_says_that_one_has_no_date() -> None:
    # "the date of the last signature" was said of a block whose last signature has no date
    x = _extract(
        "Anna Lindgren, kommunstyrelsens ordförande, Umeå kommun\nUmeå 2025-02-04\n\n"
        "Jonas Berg, lokalpolisområdeschef, Lokalpolisområde Umeå\n"
    )
    assert [(s.name, s.date_text) for s in x.signatures] == [
        ("Anna Lindgren", "2025-02-04"),
        ("Jonas Berg", None),
    ]
    [issued] = [a for a in x.assumptions if a.predicate.endswith("issued")]
    assert (issued.rule, str(issued.value)) == ("extract:issued-from-dated-signatures", "2025-02-04")
    assert "1 of 2 signatures have no date" in issued.reason_en


def test_a_signature_table_with_one_signatory_a_row_gives_each_their_post_and_date() -> None:
    # read as three columns, the names lost their posts and dates (each cell another column)
    for sep in (" | ", "    "):  # a web page's table, a PDF's row of cells
        rows = [["Namn", "Befattning", "Datum"],
                ["Anna Lindgren", "Kommunstyrelsens ordförande", "2025-02-04"],
                ["Jonas Berg", "Lokalpolisområdeschef", "2025-02-06"]]  # fmt: skip
        x = _extract("\n".join(sep.join(r) for r in rows) + "\n")
        got = [(s.name, s.post, s.party.value if s.party else None, s.date_text) for s in x.signatures]
        assert got == [
            ("Anna Lindgren", "Kommunstyrelsens ordförande", "municipality", "2025-02-04"),
            ("Jonas Berg", "Lokalpolisområdeschef", "police", "2025-02-06"),
        ]
        for s in x.signatures:  # the row is the passage
            assert x.text[s.passage.start : s.passage.end].startswith(s.name)


def test_a_line_saying_whom_the_signatory_signs_for_gives_the_party() -> None:
    # "För kommunen:" gave no party to a signatory without a post; "För Umeå kommun:" ended the
    # block (the first signatory was lost) and "För Lokalpolisområde Umeå" named an area "För"
    x = _extract(
        "Umeå 2025-02-04\n\nFör Umeå kommun:\nAnna Lindgren\n\nFör Lokalpolisområde Umeå:\nJonas Berg\n"
    )
    assert [(s.name, s.party.value if s.party else None, s.date_text) for s in x.signatures] == [
        ("Anna Lindgren", "municipality", "2025-02-04"),
        ("Jonas Berg", "police", "2025-02-04"),
    ]
    assert x.analysis.police_area is not None and x.analysis.police_area.name == "Lokalpolisområde Umeå"
    y = _extract("För kommunen:\nAnna Lindgren\n\nFör Polisen:\nJonas Berg\n")
    assert [(s.name, s.party.value if s.party else None) for s in y.signatures] == [
        ("Anna Lindgren", "municipality"),
        ("Jonas Berg", "police"),
    ]


def test_words_before_a_signing_date_are_its_place_only_when_they_name_one() -> None:
    # "Undertecknat digitalt" was the signing place; "Ort och datum: Umeå 2025-02-04" ended the
    # block, its place and date lost
    sigs = (
        "\n\nAnna Lindgren, kommunstyrelsens ordförande, Umeå kommun\n"
        "Jonas Berg, lokalpolisområdeschef, Lokalpolisområde Umeå\n"
    )
    for line, place in [
        ("Undertecknat digitalt 2025-02-04", None),
        ("Ort och datum: Umeå 2025-02-04", "Umeå"),
        ("Upplands Väsby 2025-02-04", "Upplands Väsby"),
    ]:
        x = _extract(line + sigs)
        assert [(s.place, s.date_text) for s in x.signatures] == [(place, "2025-02-04")] * 2, line


def test_a_signing_month_without_a_day_is_kept_as_text_and_gives_no_issue_date() -> None:
    # "Umeå i februari 2025" ended the block: its place and month were lost
    x = _extract(
        "Löftet följs upp två gånger per år och det redovisas i kommunstyrelsen.\n\n"
        "Umeå i februari 2025\n\n"
        "Anna Lindgren, kommunstyrelsens ordförande, Umeå kommun\n"
        "Jonas Berg, lokalpolisområdeschef, Lokalpolisområde Umeå\n"
    )
    assert [(s.place, s.date_text, s.date) for s in x.signatures] == [("Umeå", "februari 2025", None)] * 2
    assert not [a for a in x.assumptions if a.predicate.endswith("issued")]  # the day is not stated
