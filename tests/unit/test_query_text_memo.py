"""What kg.sparql_text remembers of a text (issue 19: a repeated page analysed the same saved
query texts again and again): the same answers remembered or not, a long text analysed afresh,
and a refusal never remembered as a pass."""

from __future__ import annotations

import pytest

from kg.errors import QueryTooComplex
from kg.sparql_text import (
    MEMO_CHARS,
    check_complexity,
    has_dataset_clause,
    query_form,
    token_list,
    tokens,
    with_window,
)

SHORT = "SELECT ?s WHERE { ?s ?p '}' } # { not a brace\n"
LONG = SHORT + "#" + "x" * MEMO_CHARS + "\n"


def test_a_short_text_is_remembered_and_a_long_one_analysed_afresh() -> None:
    assert token_list(SHORT) is token_list(SHORT)
    assert token_list(LONG) is not token_list(LONG)
    assert list(tokens(SHORT)) == list(token_list(SHORT))
    # the long text's tokens are the short one's and its comment
    assert [t.text for t in tokens(LONG)][:-2] == [t.text for t in tokens(SHORT)]
    for text in (SHORT, LONG):
        assert query_form(text) == "SELECT" and not has_dataset_clause(text)
        assert with_window(text, 5, 10).count("LIMIT 5") == 1


def test_the_same_answers_whether_remembered_or_not() -> None:
    for text in (SHORT, "SELECT ?s FROM <http://example.org/g> WHERE { ?s ?p ?o } LIMIT 3"):
        first = (query_form(text), has_dataset_clause(text), with_window(text, 2, 1), [*tokens(text)])
        again = (query_form(text), has_dataset_clause(text), with_window(text, 2, 1), [*tokens(text)])
        assert first == again
    assert with_window(SHORT, 2) != with_window(SHORT, 3)


def test_a_refusal_is_never_remembered_as_a_pass() -> None:
    deep = "SELECT * WHERE " + "{" * 70 + "}" * 70
    for _ in range(2):
        with pytest.raises(QueryTooComplex):
            check_complexity(deep)
    check_complexity(deep, nesting=100)  # another limit is another question
    with pytest.raises(QueryTooComplex):
        check_complexity(deep)
