"""Terminal column widths for Chinese text: wide and full-width characters take two cells."""

from __future__ import annotations

from unicodedata import east_asian_width


#: May not start a line (行首禁则): closing punctuation stays with what comes before.
CLOSING = frozenset("。，、；：！？）」』》〉】〕”’％%…·.,;:!?)]}")
#: May not end a line (行尾禁则): opening punctuation goes with what follows.
OPENING = frozenset("（「『《〈【〔“‘([{")


def width(text: str) -> int:
    """Cells ``text`` occupies in a terminal (ambiguous-width characters count as one, as Rich does)."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def ljust(text: str, cells: int) -> str:
    return text + " " * max(cells - width(text), 0)


def rjust(text: str, cells: int) -> str:
    return " " * max(cells - width(text), 0) + text


def clip(text: str, cells: int, mark: str = "..") -> str:
    """``text`` cut to at most ``cells`` cells, ending in ``mark`` when cut (never half a wide character).
    Not …: it is ambiguous-width, one cell in a UTF-8 terminal and two in a Chinese (GBK) console, so a
    table using it lines up in only one of them."""
    if width(text) <= cells:
        return text
    out, used = [], width(mark)
    for ch in text:
        w = width(ch)
        if used + w > cells:
            break
        out.append(ch)
        used += w
    return "".join(out) + mark
