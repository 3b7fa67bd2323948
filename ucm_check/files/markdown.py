"""Text from profiles inside Markdown: unit names, observed values and messages are data, never
markup. HTML is entity-escaped, emphasis, links and table pipes are backslash-escaped, line breaks
become spaces (a table row is one line)."""

from __future__ import annotations

import re

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def text(value: object) -> str:
    """``value`` as literal Markdown text, safe in a paragraph, a list item or a table cell."""
    s = str(value).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    s = "".join(_HTML.get(ch, ch) for ch in s)
    # escape what starts emphasis, code, links, headings, lists and cells; "&" entities stay as written above
    return re.sub(r"([\\`*_\[\]|~#])", r"\\\1", s)


def code(value: object) -> str:
    """``value`` as an inline code span (file paths): backticks cannot end it, pipes cannot split a cell."""
    s = str(value).replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "``" if "`" in s else "`"
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"
