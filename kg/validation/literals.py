"""Is a literal well formed for its datatype? (issue 16 point 6)

``"2025-02-30"^^xsd:date`` parses as RDF but is no date. Shapes with ``sh:datatype`` report such
values for the properties they check; :mod:`.document_rules` reports them for every other
property, with this module's :func:`ill_formed`. The check is written out for the XSD types a
document uses (dates, years, whole and decimal numbers, booleans), so it logs nothing and needs
no conversion to Python values.

Importing this module also silences rdflib's "Failed to convert Literal lexical form" log
records (printed with a Python traceback when a parser meets such a literal): the literal is
reported as a validation finding instead.
"""

from __future__ import annotations

import logging
import re
from calendar import monthrange
from collections.abc import Callable

XSD = "http://www.w3.org/2001/XMLSchema#"

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
_DATE = re.compile(r"-?(\d{4,})-(\d\d)-(\d\d)" + _TZ)
_DATETIME = re.compile(r"-?(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?" + _TZ)
_GYEAR = re.compile(r"-?\d{4,}" + _TZ)
_GYEARMONTH = re.compile(r"-?\d{4,}-(\d\d)" + _TZ)
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)")


def _day_exists(year: str, month: str, day: str) -> bool:
    m, d = int(month), int(day)
    if not 1 <= m <= 12 or d < 1:
        return False
    # the proleptic Gregorian calendar; years beyond 9999 follow the same leap-year rule
    y = int(year) % 400 or 400
    return d <= monthrange(y, m)[1]


def _date(text: str) -> bool:
    m = _DATE.fullmatch(text)
    return m is not None and _day_exists(*m.groups())


def _datetime(text: str) -> bool:
    m = _DATETIME.fullmatch(text)
    if m is None:
        return False
    year, month, day, hour, minute, second = m.groups()
    if not _day_exists(year, month, day):
        return False
    h, mi, s = int(hour), int(minute), int(second)
    return (h < 24 and mi < 60 and s < 60) or (h == 24 and mi == 0 and s == 0)


def _gyearmonth(text: str) -> bool:
    m = _GYEARMONTH.fullmatch(text)
    return m is not None and 1 <= int(m.group(1)) <= 12


def _integer(minimum: int | None) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        return _INTEGER.fullmatch(text) is not None and (minimum is None or int(text) >= minimum)

    return check


_CHECKS: dict[str, Callable[[str], bool]] = {
    XSD + "date": _date,
    XSD + "dateTime": _datetime,
    XSD + "gYear": lambda t: _GYEAR.fullmatch(t) is not None,
    XSD + "gYearMonth": _gyearmonth,
    XSD + "integer": _integer(None),
    XSD + "nonNegativeInteger": _integer(0),
    XSD + "positiveInteger": _integer(1),
    XSD + "decimal": lambda t: _DECIMAL.fullmatch(t) is not None,
    XSD + "double": lambda t: _DOUBLE.fullmatch(t) is not None,
    XSD + "float": lambda t: _DOUBLE.fullmatch(t) is not None,
    XSD + "boolean": lambda t: t in ("true", "false", "1", "0"),
}


def checked_datatypes() -> frozenset[str]:
    """The datatype IRIs :func:`ill_formed` knows (others are never reported)."""
    return frozenset(_CHECKS)


def ill_formed(lexical: str, datatype: str) -> bool:
    """True when ``lexical`` is not a valid value of ``datatype`` (an XSD type this module knows).

    Whitespace around the value is allowed, as XSD's whitespace facet collapses it.
    """
    check = _CHECKS.get(datatype)
    return check is not None and not check(lexical.strip())


class _IllTypedLiteralLog(logging.Filter):
    """Drops rdflib's log record (with traceback) for a literal it cannot convert."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form")


def quiet_rdflib() -> None:
    """Install the filter once on rdflib's term logger (idempotent)."""
    logger = logging.getLogger("rdflib.term")
    if not any(isinstance(f, _IllTypedLiteralLog) for f in logger.filters):
        logger.addFilter(_IllTypedLiteralLog())


quiet_rdflib()
