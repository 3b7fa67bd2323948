"""Chinese line breaking for the TUI's wrapped texts (rule texts, gap details, table cells).

Terminals fold a Chinese paragraph at any cell, so a line may start with a lone 。 or ）, a date
splits as 2023-12 / -10, a rule code as HN-06 / -4 and （2020） as （202 / 0）. :func:`break_offsets`
breaks by the rules of Chinese typesetting instead: closing punctuation stays with the character
before it, opening punctuation with the one after it, a run of Latin letters and digits (a
number, a date, a percentage, a rule code) is never split unless it is wider than the line, and a
number keeps its measure word (3分, 21天), a word (不适用, 牵头单位) is not split, and a lone
negation keeps the word it negates (不扣分, 未规范). A file path breaks only after a ``/`` or ``\\``,
so a file name (乙县-自评报告.docx) stays whole. In a line of fields set apart by two spaces
(the UI's status lines) a field moves whole to the next line when it fits there.

Words: ``words.txt`` beside this module holds the ~2,300 words of two or more hanzi that occur in
the packs' rule texts, the profiles and the UI strings, cut from jieba's lexicon plus a few terms
of our own (``tests/tui/make_words.py`` regenerates it). At run time :func:`segment` cuts any run
of hanzi, the clerk's own text included, into the fewest words of that list. jieba is not used at
run time: measured here (load ~2.4), ``import jieba`` takes 100-130 ms and its first cut 0.75 s
and 95 MB (it builds a 349,000-word prefix dictionary), and it cuts 不适用于 as 不适 / 用于, the
very split a clerk reported. Our list is read on the first text with hanzi, never at import:
0.5 ms once. Cutting a 190-character rule text into words takes about 1 ms (wrapping it took
0.20 ms before); the cut is cached per text, so laying it out again at any width takes 0.08 ms.
A word wider than the line is still folded by cells.

:class:`Wrapped` is a Rich renderable that wraps any text (styles kept) this way at its width.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from ucm_check.files.textwidth import CLOSING, OPENING

#: Negations that stay with the word after them (不 / 扣分 reads as a different sentence).
NEGATIONS = set("不未无非没")
#: Measure words that stay with the number before them (3分, 21天, 2项, 第1名).
MEASURES = set("分天项起人月日年条次个名期号元")
#: One unbreakable token: a Latin/digit run (2023-12-10, HN-06-4, 93.8%, 0731-00000000, the English UI's
#: can't) or one other character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/:_%+']*|\s+|.", re.S)
#: A run of hanzi; also the test for "has a hanzi" (one pattern: compiling this class costs 1-2 ms a time).
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: A file path (/tmp/乙县-自评报告.docx, C:\\材料\\台账.xlsx, ./t.toml): up to a space or CJK punctuation.
_PATH = re.compile(r"(?:[A-Za-z]:[\\/]|[\\/~.])[^\s\u3000-\u303f\uff00-\uffef]*")
_SEPARATOR = re.compile(r"[\\/]")
#: One component of a path with the separator after it: the pieces a path may break between.
_PART = re.compile(r"[^\\/]*[\\/]+|[^\\/]+")
_FIELD = re.compile(r"(?<=  )\S+(?: \S+)*")


@cache
def words() -> tuple[frozenset[str], int]:
    """The words kept whole and the length of the longest (read from ``words.txt`` once)."""
    listed = frozenset((Path(__file__).with_name("words.txt")).read_text(encoding="utf-8").split())
    return listed, max(map(len, listed), default=1)


def segment(run: str, listed: frozenset[str], longest: int) -> list[int]:
    """Lengths of the words ``run`` (hanzi only) cuts into: the fewest pieces, then the fewest
    single characters (群众满意度 is 群众 / 满意度, where longest-first would leave 度 alone)."""
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(len(run) + 1, 0, 0)] * len(run)  # (pieces, singles, last)
    for end in range(1, len(run) + 1):
        for n in range(1, min(longest, end) + 1):
            if n == 1 or run[end - n:end] in listed:
                pieces, singles, _ = best[end - n]
                best[end] = min(best[end], (pieces + 1, singles + (n == 1), n))
    lengths: list[int] = []
    end = len(run)
    while end:
        lengths.append(best[end][2])
        end -= best[end][2]
    return lengths[::-1]


def _tokens(text: str):
    """Unbreakable pieces: a word of the list, a component of a path, a Latin/digit run, or one
    other character."""
    listed, longest = words() if _HAN_RUN.search(text) else (frozenset(), 1)
    pos = 0
    while pos < len(text):
        run = _HAN_RUN.match(text, pos) if listed else None
        if run:
            for n in segment(run.group(), listed, longest):
                yield pos, pos + n
                pos += n
            continue
        path = _PATH.match(text, pos)
        if path and _SEPARATOR.search(path.group()):  # a file path breaks only after a separator
            for part in _PART.finditer(path.group()):
                yield pos + part.start(), pos + part.end()
            pos = path.end()
            continue
        m = _TOKEN.match(text, pos)
        yield m.span()
        pos = m.end()


@lru_cache(maxsize=4096)
def _units(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the pieces a line may break between: tokens with their punctuation glued on.
    Cached: a text is laid out at several widths and on every refresh, its words do not change."""
    units: list[list[int]] = []
    glue_next = negation = after_number = False
    for start, end in _tokens(text):
        piece = text[start:end]
        measure = after_number and piece[0] in MEASURES
        after_number = piece[-1:].isdigit()
        joins = glue_next or piece in CLOSING or measure or (negation and _HAN_RUN.match(piece) is not None)
        if units and not piece.isspace() and joins:
            units[-1][1] = end  # closing punctuation joins the token before; anything joins an opening one
        else:
            units.append([start, end])
        glue_next, negation = piece in OPENING, piece in NEGATIONS
    return tuple((a, b) for a, b in units)


@lru_cache(maxsize=4096)
def _fields(text: str) -> dict[int, int]:
    """Start and cells of each field set apart by two or more spaces (``逾期 0 项  截至 2026-11-24``):
    a field that does not fit the rest of a line but fits a line of its own starts a new line."""
    return {m.start(): cell_len(m.group()) for m in _FIELD.finditer(text)}


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break ``text`` (one paragraph, no newline) into lines of at most ``width`` cells."""
    if width <= 0:
        return []
    offsets: list[int] = []
    used = 0
    fields = _fields(text)
    for start, end in _units(text):
        piece = text[start:end]
        cells = cell_len(piece)
        field = fields.get(start, 0)
        if used and (used + cells > width or used + field > width >= field) and not piece.isspace():
            offsets.append(start)
            used = 0
        if cells > width:  # a token wider than the line: fold it by cells, nothing better exists
            for i, ch in enumerate(piece):
                w = cell_len(ch)
                if used + w > width and used:
                    cut = i - 1 if ch in CLOSING and i > 1 else i  # the punctuation takes a character along
                    offsets.append(start + cut)
                    used = cell_len(piece[cut:i])
                used += w
            continue
        used += cells
    return offsets


def wrap_text(text: Text, width: int) -> list[Text]:
    """``text`` as lines of at most ``width`` cells, styles kept, broken the Chinese way."""
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        offsets = break_offsets(plain, width)
        pieces = paragraph.divide(offsets) if offsets else [paragraph]
        for piece in pieces:
            piece.rstrip()
            if piece.plain[:1].isspace() and lines and piece is not pieces[0]:
                piece = piece[len(piece.plain) - len(piece.plain.lstrip()):]
            lines.append(piece)
    return lines


class Wrapped:
    """A text wrapped by :func:`break_offsets` at the width it is given (a Rich renderable)."""

    def __init__(self, text: str | Text, style: str = "") -> None:
        self.text = Text(text, style=style) if isinstance(text, str) else text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap_text(self.text, options.max_width):
            line.end = "\n"
            line.no_wrap = True
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.splitlines()), default=0)
        return Measurement(min(4, widest), widest)
