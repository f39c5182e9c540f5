"""YAML text with comments, written the way a person writes it: nested blocks, short lists on one
line, long text folded at the page width, quotes only where YAML needs them.

PyYAML writes no comments, so drafts (:mod:`kg.extract.draft`) are written with this small
emitter. :func:`dump` checks its own output: the text read back with PyYAML's safe loader must
be the data it was given, else it raises (a bug, never a wrong draft).
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

WIDTH = 100
"""The page width lines are wrapped at (a longer word or quoted string may exceed it)."""


@dataclass
class Entry:
    """One key of a mapping, with the comment lines written above it."""

    key: str
    value: Any
    """A scalar, a :class:`Block`, a list, or a :class:`Flow`."""
    comments: list[str] = field(default_factory=list)
    blank_before: bool = False


@dataclass
class Block:
    """A mapping written as a block; ``trailing`` comment lines close it."""

    entries: list[Entry] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)

    def add(self, key: str, value: Any, comments: list[str] | None = None, *, blank: bool = False) -> None:
        self.entries.append(Entry(key, value, comments or [], blank))

    def data(self) -> dict[str, Any]:
        """The plain data the block stands for (what the written text must read back as)."""
        return {e.key: plain(e.value) for e in self.entries}


class Quoted(str):
    """A string always written in double quotes (a source quote, whatever its words)."""

    __slots__ = ()


@dataclass
class Flow:
    """A list written on one line, ``[a, b, c]`` (or as a block when it does not fit)."""

    items: list[Any]


def plain(value: Any) -> Any:
    if isinstance(value, Block):
        return value.data()
    if isinstance(value, Flow):
        return [plain(v) for v in value.items]
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def dump(block: Block, *, header: list[str] | None = None) -> str:
    """The block as YAML text, ``header`` lines as comments on top."""
    out: list[str] = []
    for line in header or []:
        out.extend(comment_lines(line, ""))
    if header:
        out.append("")
    _mapping(block, 0, out)
    text = "\n".join(out) + "\n"
    if yaml.safe_load(text) != _strings(block.data()):  # pragma: no cover - the emitter's own guard
        raise AssertionError("the YAML emitter wrote text that does not read back as its data")
    return text


def _strings(value: Any) -> Any:
    if isinstance(value, Quoted):
        return str(value)
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v) for v in value]
    return value


def comment_lines(text: str, indent: str) -> list[str]:
    """``text`` as comment lines at ``indent``, wrapped at the page width."""
    if not text:
        return [f"{indent}#"]
    width = max(40, WIDTH - len(indent) - 2)
    lead = len(text) - len(text.lstrip(" "))
    wrapped = textwrap.wrap(
        text.strip(" "),
        width - lead,
        break_long_words=False,
        break_on_hyphens=False,
        subsequent_indent="  ",
    )
    return [f"{indent}# {' ' * lead}{w}" for w in wrapped or [""]]


# -- mappings and lists ---------------------------------------------------------------------------


def _mapping(block: Block, level: int, out: list[str], first_prefix: str | None = None) -> None:
    """Write ``block`` at ``level`` spaces; ``first_prefix`` replaces the indentation of its first
    line (a list item's ``"- "``)."""
    indent = " " * level
    for n, e in enumerate(block.entries):
        if e.blank_before and out and out[-1] != "":
            out.append("")
        prefix = first_prefix if (n == 0 and first_prefix is not None) else indent
        for c in e.comments:
            lines = comment_lines(c, indent)
            if prefix is not indent:  # comments above a list item's first key go above the dash
                lines = comment_lines(c, " " * (len(prefix) - 2))
            out.extend(lines)
        head = f"{prefix}{_key(e.key)}:"
        _value(head, e.value, level, out)
    for c in block.trailing:
        out.extend(comment_lines(c, indent))


def _value(head: str, value: Any, level: int, out: list[str]) -> None:
    child = level + 2
    if isinstance(value, Block):
        if not value.entries:
            out.append(f"{head} {{}}")
            return
        out.append(head)
        _mapping(value, child, out)
    elif isinstance(value, (Flow, list)):
        items = value.items if isinstance(value, Flow) else value
        if not items:
            out.append(f"{head} []")
            return
        flow = _flow(items) if isinstance(value, Flow) else None
        if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
            out.append(f"{head} {flow}")
            return
        if flow is not None and isinstance(items[-1], Quoted):
            # [812, 901, "a long quote ..."]: the quote goes on over lines, the list stays one
            lead = head + " [" + "".join(scalar(v, flow=True) + ", " for v in items[:-1])
            quoted = json.dumps(items[-1], ensure_ascii=False) + "]"
            body = " " * (level + 4)
            lines = _wrap_quoted(quoted, WIDTH - len(lead), WIDTH - len(body))
            out.append(lead + lines[0])
            out.extend(body + line for line in lines[1:])
            return
        if flow is not None and len(items) > 1:
            _flow_over_lines(head, items, level, out)
            return
        out.append(head)
        for item in items:
            _item(item, child, out)
    else:
        _scalar_after(head, value, level, out)


def _item(item: Any, level: int, out: list[str]) -> None:
    indent = " " * level
    if isinstance(item, Block):
        if not item.entries:
            out.append(f"{indent}- {{}}")
            return
        _mapping(item, level + 2, out, first_prefix=f"{indent}- ")
    elif isinstance(item, (list, Flow)):
        flow = _flow(item.items if isinstance(item, Flow) else item)
        if flow is None:
            raise ValueError("a list inside a list is written on one line only")
        out.append(f"{indent}- {flow}")
    else:
        _scalar_after(f"{indent}-", item, level, out)


def _flow_over_lines(head: str, items: list[Any], level: int, out: list[str]) -> None:
    """``[a, b, c]`` over as many lines as it needs (a flow list may go on over lines)."""
    body = " " * (level + 4)
    parts = [scalar(v, flow=True) for v in items]
    line = f"{head} [{parts[0]}"
    for part in parts[1:]:
        if len(line) + 2 + len(part) + 1 > WIDTH:
            out.append(line + ",")
            line = body + part
        else:
            line += ", " + part
    out.append(line + "]")


def _flow(items: list[Any]) -> str | None:
    parts = []
    for item in items:
        if isinstance(item, (Block, list, Flow, dict)):
            return None
        parts.append(scalar(item, flow=True))
    return "[" + ", ".join(parts) + "]"


# -- scalars -----------------------------------------------------------------------------------------


def _key(key: str) -> str:
    return (
        key if _plain_ok(key, flow=False) and not key.startswith("@") else json.dumps(key, ensure_ascii=False)
    )


def _scalar_after(head: str, value: Any, level: int, out: list[str]) -> None:
    """``head`` and a scalar: on one line, folded (``>-``) or as a quoted string over lines."""
    text = scalar(value, flow=False)
    if len(head) + 1 + len(text) <= WIDTH or not isinstance(value, str):
        out.append(f"{head} {text}")
        return
    body = " " * (level + 2)
    width = WIDTH - len(body)
    if _foldable(value):
        out.append(f"{head} >-")
        out.extend(body + line for line in _wrap(value, width))
        return
    quoted = json.dumps(value, ensure_ascii=False)
    lines = _wrap_quoted(quoted, WIDTH - len(head) - 1, width)
    out.append(f"{head} {lines[0]}")
    out.extend(body + line for line in lines[1:])


def scalar(value: Any, *, flow: bool) -> str:
    """One scalar as YAML: plain where that reads back as the same value, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        plain_ok = not isinstance(value, Quoted) and _plain_ok(value, flow=flow)
        return value if plain_ok else json.dumps(value, ensure_ascii=False)
    raise TypeError(f"no YAML scalar for {value!r}")


@lru_cache(maxsize=4096)
def _plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or " #" in text or ": " in text or text.endswith(":"):
        return False
    if text[0] in "!&*?|>'\"%@`#-[]{},":
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    try:
        probe = yaml.safe_load(f"[{text}]" if flow else f"k: {text}")
    except yaml.YAMLError:
        return False
    return probe == ([text] if flow else {"k": text})


def _foldable(text: str) -> bool:
    """Text a folded block (``>-``) gives back unchanged: one line, single spaces, printable."""
    return (
        text == text.strip()
        and "  " not in text
        and all(c.isprintable() for c in text)
        and " " in text
        and "\t" not in text
    )


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def _wrap_quoted(quoted: str, first: int, width: int) -> list[str]:
    """A double-quoted string over lines: broken at single spaces between words (YAML folds each
    line break back into that space), never inside an escape."""
    lines: list[str] = []
    rest = quoted
    limit = first
    while len(rest) > limit:
        cut = _break_at(rest, limit)
        if cut is None:
            break
        lines.append(rest[:cut])
        rest = rest[cut + 1 :]
        limit = width
    lines.append(rest)
    return lines


def _break_at(text: str, limit: int) -> int | None:
    """The last space before ``limit`` that stands alone between two other characters (not part
    of an escape such as ``\\n``)."""
    for i in range(min(limit, len(text) - 1), 1, -1):
        if text[i] == " " and text[i - 1] not in " \\" and text[i + 1] != " " and not _escaped(text, i):
            return i
    return None


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    j = i - 1
    while j >= 0 and text[j] == "\\":
        backslashes += 1
        j -= 1
    return backslashes % 2 == 1


__all__ = ["WIDTH", "Block", "Entry", "Flow", "Quoted", "comment_lines", "dump", "plain", "scalar"]
