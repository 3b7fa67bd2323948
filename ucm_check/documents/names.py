"""Breaking a long unit name into lines the way offices do: only after a whole organ's name
(…自治州 / …县 / …执法局 / …大队), never inside a word (GB/T 9704-2012 §7.3.1: 词意完整).

Pure text functions, no python-docx: the 版头, the title and the 署名 use them.
"""

from __future__ import annotations

import re

from ucm_check.files.textwidth import width

_END = re.compile(
    r"(自治州|自治县|自治旗|地区|人民政府|委员会|办公室|(?<!城)市|省|州|县|区|旗|盟|局|委|办|厅|院|大队|中队|支队|总队|所|站|中心)"
)
"""Ends of an organ's name, after which a line may break (``城市`` is not the end of a 市)."""


def segments(name: str) -> list[str]:
    """``name`` cut after each organ ending: ``湘西土家族苗族自治州 / 凤凰县 / 城市管理和综合执法局 / …``."""
    pieces, start = [], 0
    for m in _END.finditer(name):
        if m.end() > start:
            pieces.append(name[start:m.end()])
            start = m.end()
    if start < len(name):
        pieces.append(name[start:])
    return [p for p in pieces if p]


def chars(text: str) -> float:
    """Width of ``text`` in full-width characters (half-width digits and letters count half)."""
    return width(text) / 2


def lines(name: str, limit: float) -> list[str]:
    """``name`` in as few lines of at most ``limit`` characters as whole segments allow, balanced
    so the lines are of similar length; a segment longer than ``limit`` stands on its own line."""
    parts = segments(name)
    if chars(name) <= limit or len(parts) < 2:
        return [name]
    if len(parts) > BALANCE_MAX:
        return _greedy(parts, limit)
    for count in range(2, len(parts) + 1):
        best = _balanced(parts, count, limit)
        if best:
            return best
    return parts


BALANCE_MAX = 8
"""Segments up to which every split is tried (2**7 splits at most); longer names fill lines greedily."""


def _greedy(parts: list[str], limit: float) -> list[str]:
    """Whole segments, as many to a line as fit ``limit``."""
    rows: list[str] = []
    for part in parts:
        if rows and chars(rows[-1] + part) <= limit:
            rows[-1] += part
        else:
            rows.append(part)
    return rows


def _balanced(parts: list[str], count: int, limit: float) -> list[str] | None:
    """The split of ``parts`` into ``count`` lines, each within ``limit``, with the shortest longest line."""
    import itertools

    best, best_width = None, None
    for cuts in itertools.combinations(range(1, len(parts)), count - 1):
        bounds = (0, *cuts, len(parts))
        candidate = ["".join(parts[a:b]) for a, b in zip(bounds, bounds[1:])]
        widest = max(chars(c) for c in candidate)
        if widest <= limit and (best_width is None or widest < best_width):
            best, best_width = candidate, widest
    return best
