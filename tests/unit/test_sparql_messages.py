"""What ``kg sparql`` makes of the engine's syntax error: the keywords it expected, whole."""

from __future__ import annotations

from kg.query.adhoc import _expected, _said


def test_expected_keywords_keep_their_digits_and_drop_character_classes() -> None:
    detail = "expected one of CEIL, LANG, RAND, SHA1, SHA256, UUID, YEAR, ['0' ..= '9' | 'a'], [_]"
    assert _expected(detail) == "CEIL, LANG, RAND, SHA1, SHA256, UUID, YEAR"


def test_expected_punctuation_is_kept_quoted() -> None:
    assert _expected('expected one of "}", ".", GROUP') == '"}", ".", GROUP'


def test_quoted_tokens_with_escapes_and_lowercase_keywords_stay_whole() -> None:
    detail = r'expected one of "\"", "\\", "\\U", ",", isLITERAL, [_]'
    assert _expected(detail) == r'"\"", "\\", "\\U", ",", isLITERAL'


def test_the_engines_sentences_are_not_read_as_keywords() -> None:
    detail = 'expected one of "$", IF, The SELECT contains a variable that is unbound, [_]'
    assert _said(detail) == ["The SELECT contains a variable that is unbound"]
    assert _expected(detail) == '"$", IF'
