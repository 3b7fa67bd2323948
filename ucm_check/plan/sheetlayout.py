"""Page geometry for the XLSX 整改台账: which columns fit across a landscape page at 100 % (never
scaled down, so 10 pt text prints at 10 pt), how wide each is, and how tall a wrapped row is.

Widths are in spreadsheet column units, which renderers turn into paper differently (Excel about
1.85 mm a unit, LibreOffice about 1.98 mm and a margin per column, :mod:`ucm_check.plan.rowheight`).
The page budget counts LibreOffice's, the wider, so a table fills its page and fits it in both; row
heights come from :mod:`ucm_check.plan.rowheight`, which wraps each cell as both renderers do.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

from ucm_check.files.textwidth import width
from ucm_check.plan.rowheight import FONT_PT, LINE_PT, height, libre_mm, lines  # noqa: F401  (the writers use them)

#: Paper name -> (XlsxWriter paper code, long side mm, short side mm).
PAPERS = {"A4": (9, 297, 210), "A3": (8, 420, 297)}
MARGIN_IN = 0.4
"""Left and right margins in inches."""
WRAP_AT = 40
"""Longest text a column is made wide for before it wraps."""
MIN_WRAP = 12
"""Narrowest a wrapping text column is squeezed to when a page is tight."""
COMFORT = 24
"""Narrowest a wrapping column of the first part may become to make room for one more column."""
SPARE = 0.98
"""Share of the printable width a table may take (the rest absorbs rounding)."""


def cell_width(value: Any) -> int:
    """Display cells of ``value``'s text: two for wide and full-width characters, one otherwise."""
    return max((width(line) for line in str(value).splitlines()), default=0)


def budget(paper: str = "A4") -> float:
    """Room across a landscape page of ``paper``, in the units of :func:`used`: LibreOffice's (the
    wider renderer, :func:`ucm_check.plan.rowheight.libre_mm`), so a table fits in both at 100 %."""
    _, long_side, _ = PAPERS[paper]
    return (long_side - 2 * MARGIN_IN * 25.4) * SPARE / libre_mm(1, 0)


def used(widths: Sequence[float]) -> float:
    """Room ``widths`` take across the page: their units plus the margin LibreOffice adds to each."""
    return libre_mm(sum(widths), len(widths)) / libre_mm(1, 0)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Widths fitting header and cells on one line (+2 padding), long text capped at :data:`WRAP_AT`
    (the plain sizing other workbooks, e.g. the intake's, use)."""
    return [min(max([cell_width(h)] + [cell_width(r[c]) for r in rows]), WRAP_AT) + 2 for c, h in enumerate(headers)]


HEADER_LINES = 2
"""Lines a header may wrap to (the header row is this many lines tall)."""


def natural(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[int]:
    """Widths fitting the cells (+2 padding) and the header on at most :data:`HEADER_LINES` lines,
    long text capped at :data:`WRAP_AT`."""
    return [min(max([math.ceil(cell_width(h) / HEADER_LINES / 2) * 2] + [cell_width(r[c]) for r in rows]), WRAP_AT) + 2
            for c, h in enumerate(headers)]


def fit(widths: Sequence[int], room: float, *, fixed: float = 0, floor: int = MIN_WRAP) -> list[int] | None:
    """``widths`` narrowed, widest first and never below ``floor``, until they and ``fixed`` units
    of other columns fit ``room``; None when they cannot."""
    out = list(widths)
    while used(out) + fixed > room:
        widest = max(range(len(out)), key=lambda i: out[i], default=None)
        if widest is None or out[widest] <= floor:
            return None
        out[widest] -= 1
    return out


def split(headers: Sequence[str], widths: Sequence[int], room: float, *, keep: int, first: Sequence[str]) -> list[list[int]]:
    """Column indexes per printed part: the first ``keep`` columns start every part; part one holds
    the ``first`` headers, the others follow in order, as many per part as fit (without squeezing a
    text column of part one below :data:`COMFORT`)."""
    lead = list(range(keep))
    order = [headers.index(h) for h in first if h in headers and headers.index(h) >= keep]
    rest = [i for i in range(keep, len(headers)) if i not in order]
    parts, current = [], lead + order
    for i in rest:
        floor = min(COMFORT, max(widths)) if not parts else MIN_WRAP  # part one keeps its main columns readable
        if fit([widths[c] for c in current + [i]], room, floor=floor) is None:
            parts.append(current)
            current = lead + [i]
        else:
            current.append(i)
    parts.append(current)
    return parts
