"""Apply answers to a profile's text line by line, so nothing but the answered values changes.

One mechanism serves every kind of value (yes/no, count, percent, choice, date, one-line and
multi-line arrays): a key/value is found as a *span* of whole lines, live (``key = ...``) or
commented out (``# key = ...``, the way ``ucm-check init`` writes every fact). The span's text is
parsed on its own with tomlkit, the value is set there (comment, spacing and an array's layout and
item comments kept), and the rendered span replaces the old lines. Clearing comments every line of
the span out. Each line keeps its own line end, so CRLF, a missing final newline and the lines
around the edit are untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any, Mapping

import attrs
import tomli

from ucm_check.numbers import fmt

#: An edit that un-answers a fact (its lines are commented out on save).
from ucm_check.facts.kinds import CLEARED  # noqa: E402  (the one sentinel: a field the clerk emptied)

_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_COMMENTED_KEY = re.compile(r"^\s*#\s*([A-Za-z0-9_-]+)\s*=")
#: A multi-line value longer than this is not looked for (a profile's longest array has a dozen items).
_MAX_SPAN = 400


class EditError(Exception):
    """An edit cannot be written into this text; the message is Chinese."""


def literal(value: Any) -> str:
    """A fact value as one line of TOML: ``true``, ``7``, ``82.6``, ``"方案未落实"``, ``["a", "b"]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if hasattr(value, "toml"):  # a ReportLog (which period each report covers): one inline table
        return value.toml()
    text = str(value)
    if "\n" in text:  # paragraphs the clerk wrote (主要做法和成效): one per line, readable in the file
        body = text.replace("\\", "\\\\").replace('"""', '""\\"')
        return '"""\n' + body + ('\\\n' if body.endswith('"') else '') + '"""'
    return json.dumps(text, ensure_ascii=False)


def split_lines(text: str) -> list[str]:
    """``text`` cut after each ``\\n``, every line keeping its own end (``\\n`` or ``\\r\\n``)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def uncomment(line: str) -> str:
    """``# text`` as ``text`` (indentation kept); the inverse of :func:`comment_out`."""
    return re.sub(r"^(\s*)#\s?", r"\1", line, count=1)


def comment_out(line: str) -> str:
    return re.sub(r"^(\s*)", r"\1# ", line, count=1)


def _span_end(lines: list[str], start: int, *, commented: bool) -> int | None:
    """The last line of the key/value starting at ``lines[start]``: the first line at which the
    text so far is a complete TOML key/value. None when it never completes (a note, not a value)."""
    chunk: list[str] = []
    for end in range(start, min(len(lines), start + _MAX_SPAN)):
        body = _body(lines[end])
        if commented:
            if not body.lstrip().startswith("#"):
                return None
            body = uncomment(body)
        chunk.append(body)
        try:
            tomli.loads("\n".join(chunk))
        except tomli.TOMLDecodeError:
            continue
        return end
    return None


@attrs.define
class Table:
    """Where one top-level ``[table]`` sits: its header line, the spans of its keys (live and
    commented out), and the line after which a new key goes."""

    header: int
    last: int
    keys: dict[str, tuple[int, int]] = attrs.Factory(dict)
    commented: dict[str, tuple[int, int] | None] = attrs.Factory(dict)


def scan(lines: list[str]) -> dict[str, Table]:
    """Every top-level table of the text; lines inside a multi-line value are never read as keys."""
    tables: dict[str, Table] = {}
    current: Table | None = None
    i = 0
    while i < len(lines):
        body = _body(lines[i])
        header = _HEADER.match(body)
        if header:
            current = tables.setdefault(header.group(1), Table(i, i))
        elif body.lstrip().startswith("["):
            current = None  # an array of tables or a dotted header: not a profile area
        elif (assign := _KEY.match(body)) is not None:
            end = _span_end(lines, i, commented=False)
            end = i if end is None else end
            if current is not None:
                current.keys[assign.group(1)] = (i, end)
                current.last = end
            i = end
        elif current is not None and (commented := _COMMENTED_KEY.match(body)) is not None:
            key = commented.group(1)
            if key not in current.commented:
                end = _span_end(lines, i, commented=True)
                current.commented[key] = None if end is None else (i, end)
        i += 1
    return tables


def assign(container: Any, key: str, value: Any) -> None:
    """Set ``key`` in a tomlkit table or document, keeping its comment and spacing; an array is
    changed in place (items that stay keep their line and comment, new ones follow its layout)."""
    import tomlkit
    from tomlkit.items import Array

    item = container.item(key)
    if isinstance(item, Array) and isinstance(value, (list, tuple)):
        wanted = [literal(v) for v in value]
        for index in range(len(item) - 1, -1, -1):
            if literal(item[index]) not in wanted:
                del item[index]
        present = {literal(v) for v in item}
        for text in wanted:
            if text not in present:
                item.append(tomlkit.value(text))
        return
    container[key] = tomlkit.value(literal(value))


def _rewrite(span: list[str], key: str, value: Any) -> list[str]:
    """The lines of one key/value span with ``value`` set."""
    import tomlkit

    doc = tomlkit.parse("".join(span))
    assign(doc, key, value)
    return split_lines(doc.as_string())


def apply_edits(text: str, edits: Mapping[tuple[str, str], Any]) -> str:
    """``text`` with every ``(area, key) -> value`` edit (or :data:`CLEARED`) applied, all else byte for byte the same."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = split_lines(text)
    if lines and not lines[-1].endswith("\n"):
        ending = ""
        lines[-1] += newline  # removed again below, so a file without a final newline stays so
    else:
        ending = newline
    tables = scan(lines)
    replace: dict[int, tuple[int, list[str]]] = {}  # first line -> (last line, new lines)
    after: dict[int, list[str]] = {}
    appended: dict[str, list[str]] = {}
    fallback: dict[tuple[str, str], Any] = {}
    loaded: list[dict] = []

    def elsewhere(area: str, key: str) -> bool:
        """Whether ``area.key`` is in the file but not on lines of its own (an inline table, a quoted key)."""
        if not loaded:
            try:
                loaded.append(tomli.loads(text))
            except tomli.TOMLDecodeError:
                loaded.append({})
        table = loaded[0].get(area)
        return isinstance(table, dict) and key in table

    for (area, key), value in edits.items():
        table = tables.get(area)
        live = table.keys.get(key) if table else None
        if value is CLEARED:
            if live is not None:
                first, last = live
                replace[first] = (last, [comment_out(line) for line in lines[first:last + 1]])
            elif elsewhere(area, key):
                raise EditError(f"无法清除 {area}.{key}：它不是单独一行的“键 = 值”，请在文件中手工删除")
            continue
        if live is not None:
            first, last = live
            replace[first] = (last, _rewrite(lines[first:last + 1], key, value))
        elif elsewhere(area, key):
            fallback[(area, key)] = value
        elif table is None:
            appended.setdefault(area, []).append(f"{key} = {literal(value)}{newline}")
        elif table.commented.get(key) is not None:
            first, last = table.commented[key]
            replace[first] = (last, _rewrite([uncomment(line) for line in lines[first:last + 1]], key, value))
        else:  # after the note that stands in for it, or after the table's last key
            spot = table.commented[key][0] if key in table.commented else table.last
            after.setdefault(spot, []).append(f"{key} = {literal(value)}{newline}")
    out: list[str] = []
    i = 0
    while i < len(lines):
        last, new = replace.get(i, (i, lines[i:i + 1]))
        out += new
        out += after.get(last, [])
        i = last + 1
    if appended:
        while out and not out[-1].strip():
            out.pop()
        for area, body in appended.items():
            out += [newline, f"[{area}]{newline}", *body]
    result = "".join(out)
    if not ending and result.endswith(newline):
        result = result[: -len(newline)]
    if fallback:
        result = _edit_whole(result, fallback)
    return result


def _edit_whole(text: str, edits: Mapping[tuple[str, str], Any]) -> str:
    """Set values the line scan cannot place (an inline ``area = {...}`` table) through the whole document."""
    import tomlkit

    doc = tomlkit.parse(text)
    for (area, key), value in edits.items():
        assign(doc[area], key, value)
    return doc.as_string()
