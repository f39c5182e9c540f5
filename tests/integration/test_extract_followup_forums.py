"""The follow-up forum, where a promise is followed up ("Löftet följs upp kvartalsvis i
kommunstyrelsen och redovisas i BRÅ-rådet", "Uppföljning sker på samverkansmöten"), is the
follow-up plan's ``mbl:followUpForum`` in the document's words, listed by ``--explain`` and kept
by the draft; it had no field of its own (only the plan's description named it). Read by the head
noun of a body or a meeting after a preposition, not from a list of bodies. Texts of our own
writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.load import load_document
from kg.extract import extract_text
from kg.iris import Minter
from kg.namespaces import MBL

BODY = (
    "Medborgarlöfte Kumla 2025\n\nLokalpolisområde Kumla och Kumla kommun lovar:\n\n"
    "- Polisen ska genomföra trafikkontroller vid skolorna varje månad.\n"
    "- Kommunen ska ordna två föräldrakvällar under året.\n\nUppföljning\n\n"
)


def _forums(followup: str) -> set[str]:
    g = extract_text(BODY + followup + "\n", source_name="t.txt").graph
    return {str(o) for o in g.objects(None, MBL.followUpForum)}


@pytest.mark.parametrize(
    ("followup", "forums"),
    [
        (
            "Löftet följs upp kvartalsvis i kommunstyrelsen och redovisas i BRÅ-rådet.",
            {"kommunstyrelsen", "BRÅ-rådet"},
        ),
        (
            "Löftet följs upp i kommunstyrelsen och BRÅ-rådet två gånger per år.",
            {"kommunstyrelsen", "BRÅ-rådet"},
        ),
        (
            "Uppföljning sker på samverkansmöten mellan polis och kommun fyra gånger per år.",
            {"samverkansmöten"},
        ),
        ("Arbetet redovisas årligen på ledningsgruppens möten.", {"ledningsgruppens möten"}),
        # an abbreviation's genitive, "BRÅ:s" (no forum, and its meetings a channel)
        ("Uppföljning sker vid BRÅ:s möten varje kvartal.", {"BRÅ:s möten"}),
        # an area, a target group, a cooperation and a survey are no forum
        (
            "Löftet följs upp i området och i samverkan med kommunen, genom trygghetsmätningen, "
            "och redovisas för målgruppen.",
            set(),
        ),
    ],
)
def test_the_forum_of_the_follow_up_is_read_in_the_documents_words(followup: str, forums: set[str]) -> None:
    assert _forums(followup) == forums


def test_explain_and_the_draft_keep_the_forum(tmp_path: Path) -> None:
    page = tmp_path / "kumla.txt"
    page.write_text(BODY + "Löftet följs upp kvartalsvis i kommunstyrelsen.\n", encoding="utf-8")
    explained = CliRunner().invoke(app, ["extract", str(page), "--explain"])
    assert explained.exit_code == 0, explained.output
    lines = explained.output.splitlines()
    at = lines.index("  Forum: kommunstyrelsen")
    assert lines[at + 1].endswith("| Löftet följs upp kvartalsvis i kommunstyrelsen.")
    draft = tmp_path / "kumla.yaml"
    made = CliRunner().invoke(app, ["extract", str(page), "--out", str(draft)])
    assert made.exit_code == 0, made.output
    assert "forums: [kommunstyrelsen]" in draft.read_text(encoding="utf-8")
    g = load_document(draft, minter=Minter()).graph
    assert list(g.objects(None, MBL.followUpForum)) == [Literal("kommunstyrelsen")]
    checked = CliRunner().invoke(app, ["validate", str(draft)])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(
    ("followup", "channels"),
    [
        # a body's own meetings are the forum, not a channel to the residents (it was both)
        ("Arbetet följs upp varje halvår på ledningsgruppens möten.", []),
        ("Uppföljning sker vid BRÅ:s möten varje kvartal.", []),
        # meetings with the residents are a channel, and where the results are told
        ("Resultaten redovisas en gång per år vid ett medborgarmöte.", ["mote"]),
    ],
)
def test_a_bodys_meetings_are_its_forum_not_a_channel(followup: str, channels: list[str]) -> None:
    plan = extract_text(BODY + followup + "\n", source_name="t.txt").analysis.followup
    assert plan is not None
    assert [(c.channel_type or "").rsplit("/", 1)[-1] for c in plan.channels] == channels


def test_the_plural_of_a_channel_word_is_that_channel() -> None:
    # "Facebooksidor" (the vocabulary had "facebooksidan" only) gave no channel
    plan = extract_text(
        BODY + "Löftet följs upp tertialvis. Vi berättar om arbetet på kommunens och polisens "
        "Facebooksidor.\n",
        source_name="t.txt",
    ).analysis.followup
    assert plan is not None
    assert [(c.label, (c.channel_type or "").rsplit("/", 1)[-1]) for c in plan.channels] == [
        ("Facebooksidor", "sociala-medier")
    ]


def test_a_forum_in_a_later_sentence_of_the_follow_up_is_read() -> None:
    # only the sentences that say "följs upp" gave forums: the body named in the next sentence
    # of the section was lost
    followup = (
        "Uppföljning sker varje kvartal. En gång om året redovisar polisen och kommunen resultatet "
        "för kommunstyrelsen."
    )
    result = extract_text(BODY + followup + "\n", source_name="t.txt")
    plan = result.analysis.followup
    assert plan is not None
    assert [f.label for f in plan.forums] == ["kommunstyrelsen"]
    assert "kommunstyrelsen" in result.text[plan.passage.start : plan.passage.end]
