"""What ``kg sparql`` makes of the engine's syntax error: the keywords it expected, whole."""

from __future__ import annotations

from kg.query.adhoc import _expected


def test_expected_keywords_keep_their_digits_and_drop_character_classes() -> None:
    detail = "expected one of CEIL, LANG, RAND, SHA1, SHA256, UUID, YEAR, ['0' ..= '9' | 'a'], [_]"
    assert _expected(detail) == "CEIL, LANG, RAND, SHA1, SHA256, UUID, YEAR"


def test_expected_punctuation_is_kept_quoted() -> None:
    assert _expected('expected one of "}", ".", GROUP') == '"}", ".", GROUP'
