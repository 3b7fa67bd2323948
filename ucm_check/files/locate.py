"""Find the line and column of a key in TOML text.

The TOML parser (``tomli``) reports positions only for syntax errors; schema errors (unknown key, wrong type, value
out of range) need a position too. This scanner follows table headers and ``key = value`` lines,
which is all a profile uses; it runs only when there is something to report.
"""

from __future__ import annotations

import re

_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^(\s*)\[\[?\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=\s*")
_PART = re.compile(_KEY)


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def locate(text: str, path: tuple[str, ...], *, value: bool = False) -> tuple[int, int]:
    """1-based (line, column) of ``path``'s key, or of its value when ``value`` is true.

    A table defined only through its sub-tables (``[foo.bar]``) or dotted keys (``foo.bar = 1``)
    is found at the first of them. When the key itself is absent, the position of the nearest
    enclosing table header is returned; failing that, (1, 1).
    """
    best = (1, 1)
    table: tuple[str, ...] = ()
    for lineno, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split(header.group(2))
            if table == path or (table and path[: len(table)] == table and best == (1, 1)):
                best = (lineno, len(header.group(1)) + 1)
            if table == path or (path and table[: len(path)] == path):
                return (lineno, len(header.group(1)) + 1)  # the table itself, or the first sub-table of it
            continue
        assign = _ASSIGN.match(line)
        if not assign:
            continue
        full = table + _split(assign.group(2))
        if full == path or (not value and path and full[: len(path)] == path):
            return (lineno, assign.end() + 1) if value else (lineno, len(assign.group(1)) + 1)
        if path[: len(full)] == full:
            best = (lineno, len(assign.group(1)) + 1)
    return best
