"""How tall a row of the XLSX 整改台账 must be to hold its wrapped text, in Excel and in LibreOffice.

Neither fits row heights to wrapped text when it opens a file, so the writer sets them. The two
print a column of ``w`` units differently: Excel (and WPS, which follows it) ``7 w + 5`` pixels
of the workbook's 宋体 10 pt (:func:`excel_mm`), LibreOffice ``1.975 (w + 0.71)`` mm
(:func:`libre_mm`, measured with ``tests/render.py``), about 6 % more; Excel's 宋体 sets Latin
half-width, LibreOffice's stand-in Noto fonts proportionally. A row gets the more lines of the two
(:func:`lines`) at LibreOffice's taller line pitch: nothing is cut in either, and where Excel needs
a line more LibreOffice prints it blank (``tests/plan/test_xlsx_rows.py`` measures it).
"""

from __future__ import annotations

from typing import Any

from ucm_check.files.textwidth import CLOSING, OPENING, width

FONT_PT = 10
"""Body text size: readable on paper (≥ 9 pt) because the sheet is printed at 100 %."""
LINE_EM = 1.44
"""Line pitch of wrapped text in ems: LibreOffice's, with the Noto CJK fonts standing in for 宋体
(Excel's 宋体 is 1.35 em, so its rows keep a point or so per line spare)."""
LINE_PT = FONT_PT * LINE_EM
"""Row height per wrapped line of 10 pt text."""
PAD_PT = 4
"""Row height beyond its lines: the cell's inner margins and borders."""
PAD_MM = 1.2
"""Column width a cell's text cannot use in LibreOffice: its inner margins (0.4 mm a side measured,
rounded up). Excel's are the 5 px :func:`excel_mm` adds to every column."""


def latin_em(ch: str) -> float:
    """Advance in ems of a half-width character in the Noto CJK fonts LibreOffice stands in for 宋体,
    rounded up from what it prints (proportional: ``%`` 0.92, ``H`` 0.85, a digit 0.56, ``-`` 0.35);
    Excel's 宋体 gives every one 0.5."""
    if ch in " .,:;'!|-()[]/":
        return 0.35
    if ch.isdigit():
        return 0.57
    if ch in "%@MW":
        return 0.95
    return 0.87 if ch.isupper() else 0.66


def excel_mm(units: float, columns: int = 1) -> float:
    """Paper ``units`` of column width take in Excel: 7 px a unit and 5 px a column, at 96 dpi."""
    return (7 * units + 5 * columns) * 25.4 / 96


def libre_mm(units: float, columns: int = 1) -> float:
    """Paper ``units`` of column width take in LibreOffice (measured: 1.975 mm a unit, 0.71 unit a column)."""
    return 1.975 * (units + 0.71 * columns)




def _words(line: str) -> list[str]:
    """Units a line may break between: each wide character, each run of narrow ones (a Latin word,
    a number, a code), with closing punctuation kept on the unit before and opening on the next."""
    units: list[str] = []
    for ch in line:
        narrow = width(ch) == 1 and not ch.isspace()
        if narrow and units and units[-1] and width(units[-1][-1]) == 1 and not units[-1][-1].isspace():
            units[-1] += ch
        else:
            units.append(ch)
    out: list[str] = []
    for unit in units:
        if out and (unit[0] in CLOSING or out[-1][-1] in OPENING):
            out[-1] += unit
        else:
            out.append(unit)
    return out


def wrapped(text: str, room_mm: float, font_pt: float = FONT_PT, proportional: bool = False) -> int:
    """Lines ``text`` takes in ``room_mm`` of width at ``font_pt``: filled word by word (:func:`_words`),
    a word longer than a line broken by character; wide characters take 1 em, others half an em, or
    :func:`latin_em` when ``proportional``."""
    em = font_pt * 25.4 / 72

    def advance(s: str) -> float:
        return sum(em if width(ch) == 2 else em * (latin_em(ch) if proportional else 0.5) for ch in s)

    total = 0
    for line in text.splitlines() or [""]:
        count, used = 1, 0.0
        for word in _words(line):
            size = advance(word)
            if word.isspace():
                used += size if used else 0
            elif used + size <= room_mm:
                used += size
            elif size <= room_mm:
                count, used = count + 1, size
            else:
                for ch in word:
                    if used + advance(ch) > room_mm and used:
                        count, used = count + 1, 0.0
                    used += advance(ch)
        total += count
    return total


def lines(value: Any, column_width: float, font_pt: float = FONT_PT, columns: int = 1) -> int:
    """Lines ``value`` wraps to in ``columns`` merged columns ``column_width`` units wide in all: the
    more of Excel's (narrower columns, 宋体's half-width Latin) and LibreOffice's (wider columns,
    proportional Latin), so the row holds it in both."""
    text = str(value)
    return max(wrapped(text, excel_mm(column_width, columns) - excel_mm(0), font_pt),
               wrapped(text, libre_mm(column_width, columns) - PAD_MM, font_pt, proportional=True))


def height(line_count: int, font_pt: float = FONT_PT) -> float:
    """Row height in points for ``line_count`` lines of ``font_pt`` text."""
    return round(line_count * font_pt * LINE_EM + PAD_PT, 2)
