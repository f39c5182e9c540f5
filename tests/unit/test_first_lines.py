"""A document's lines are worked out on first use (kg.documents.parse.FirstLines): the same as
first_lines of its text, and a plain dict once pickled (as a worker sends a document)."""

from __future__ import annotations

import pickle

from kg.documents.parse import FirstLines, first_lines

TEXT = """@prefix kg: <https://example.org/id/> .
@prefix dct: <http://purl.org/dc/terms/> .

kg:promise/1 a kg:Promise ;
    dct:title "x" .

<https://example.org/id/promise/1/activity/1> dct:title "y" .
kg:promise/1 dct:description "again" .
"""


def test_lines_are_first_lines_of_the_text_read_on_first_use() -> None:
    lazy = FirstLines(TEXT)
    assert lazy._text is not None  # nothing read yet
    expected = first_lines(TEXT)
    assert expected == {
        "https://example.org/id/promise/1": 4,
        "https://example.org/id/promise/1/activity/1": 7,
    }
    assert dict(lazy) == expected
    assert lazy.get("https://example.org/id/promise/1") == 4
    assert lazy._text is None  # read once, the text let go
    assert "nowhere" not in lazy and len(lazy) == 2 and bool(lazy)
    assert not FirstLines("")


def test_a_pickled_document_carries_its_lines_as_a_dict() -> None:
    again = pickle.loads(pickle.dumps(FirstLines(TEXT)))
    assert type(again) is dict
    assert again == first_lines(TEXT)
