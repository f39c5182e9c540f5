"""Form bodies of the validation page and API: ``multipart/form-data`` (a file upload) and
``application/x-www-form-urlencoded``, parsed with the standard library.

The body has already been read within the server's size limit (:mod:`kg.server.limits`); parsing
it is plain Python work, so the handlers run it in a thread, off the event loop.
"""

from __future__ import annotations

import email.parser
import email.policy
from dataclasses import dataclass
from urllib.parse import parse_qsl

from kg.errors import InputError

MAX_FIELDS = 32
"""Fields a form may have (the validation form has six)."""


@dataclass(frozen=True)
class Field:
    """One form field: its value as bytes, and the file name when it is a file."""

    data: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def media_type(content_type: str | None) -> str:
    """``text/turtle`` of ``text/turtle; charset=utf-8`` (lower case; empty when there is none)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_form(content_type: str | None) -> bool:
    return media_type(content_type) in ("multipart/form-data", "application/x-www-form-urlencoded")


def parse_form(content_type: str, body: bytes) -> dict[str, Field]:
    """The fields of a form body by name (the first of each name)."""
    if media_type(content_type) == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _bad_form(str(exc)) from None
        out: dict[str, Field] = {}
        for k, v in pairs:
            out.setdefault(k, Field(v.encode("utf-8")))
        return out
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        raise _bad_form("not a well-formed multipart/form-data body")
    fields: dict[str, Field] = {}
    for n, part in enumerate(message.iter_parts()):
        if n >= MAX_FIELDS:
            raise _bad_form(f"more than {MAX_FIELDS} fields")
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in fields:
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        fields[name] = Field(data, part.get_filename(), part.get_content_type())
    return fields


def _bad_form(detail: str) -> InputError:
    return InputError(
        f"formuläret kunde inte läsas / the form could not be read ({detail})",
        hint="Skicka filen som multipart/form-data (fältet file) eller texten i fältet text / send "
        "the file as multipart/form-data (field file) or the text in the field text.",
    )
