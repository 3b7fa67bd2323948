"""GB/T 9704-2012 (党政机关公文格式) on top of python-docx: page, text grid, fonts, styles, page numbers.

The numbers of the standard, and how they become Word settings:

- A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a 156 x 225 mm text block (版心);
- 22 lines of 28 characters: a line grid (``w:docGrid`` type ``lines``) with a pitch of
  225 mm / 22 = 28.95 pt (579 twips), body lines at exactly that spacing, and body characters
  condensed by 0.25 pt so 28 of them (15.75 pt each) fill the 156 mm line. Word's own character
  grid (``linesAndChars`` with ``charSpace`` -849) would give 15.79 pt, but LibreOffice lays a
  16 pt character across two 15.79 pt cells and prints 14 characters a line; the spacing works
  the same in Word, WPS and LibreOffice;
- title 2号 (22 pt) 方正小标宋简体; body 3号 (16 pt) 仿宋_GB2312; 一、 headings 黑体, （一） headings
  楷体_GB2312; page numbers 4号 (14 pt) 半角宋体 "— 1 —", odd pages right and even pages left, one
  character in from the edge of the text block, the dashes 7 mm below it (so the footer needs
  ``evenAndOddHeaders`` and an even-page footer).

Fonts: East Asian text uses the font in ``w:rFonts/@w:eastAsia`` (python-docx's ``font.name`` sets
only the Latin slots), so every style sets both. A government PC has the GB fonts; elsewhere Word
and WPS fall back to the ``w:altName`` this module writes into the font table (see :data:`FONTS`):
仿宋_GB2312 -> 仿宋, 楷体_GB2312 -> 楷体, 方正小标宋简体 -> 华文中宋, all present on Windows;
LibreOffice on Linux substitutes whatever CJK font fontconfig offers (WenQuanYi, Noto CJK).
"""

from __future__ import annotations

import io
import re
from typing import Iterable, Sequence

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ucm_check.documents.house import FONTS, LATIN  # noqa: F401  (the faces every style uses)

PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH_MM = 156
LINES, CHARS = 22, 28
LINE_PITCH_TWIPS = 579
"""225 mm / 22 lines = 28.99 pt, rounded down to whole twips so 22 lines always fit."""
CONDENSE_TWENTIETHS = -5
"""Body characters advance 16 - 0.25 = 15.75 pt, so 28 of them fill the 442.2 pt line."""
LINE = Pt(LINE_PITCH_TWIPS / 20)

SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4, SIZE_5 = Pt(22), Pt(16), Pt(14), Pt(12), Pt(10.5)
"""2号, 3号, 4号, 小四, 五号."""

STYLE_TITLE, STYLE_H1, STYLE_H2, STYLE_TABLE, STYLE_PAGE = "公文标题", "一级标题", "二级标题", "表格文字", "页码"
RED = RGBColor(0xFF, 0x00, 0x00)
STYLE_COLOPHON = "版记"
MARK_TOP_MM, MARK_MIN_PT, MARK_MAX_PT = 35, 22, 42
"""发文机关标志: top edge below the block's top (§7.2.4); smallest and largest size we print it in."""
RED_LINE_SPACE_PT = 3
"""Gap between the 发文字号 line's box and the red line: its text then ends 4 mm above the line (§7.2.7)."""
COLOPHON_THICK, COLOPHON_THIN = 8, 6
"""版记 lines in eighths of a point: 0.35 mm for the first and last, 0.25 mm between (§7.4.1)."""
COLOPHON_SLACK = 1
"""Grid lines left free above the 版记 so its borders never push it onto another page."""
OUTLINE = {STYLE_H1: 0, STYLE_H2: 1}
"""Outline level (0 = level 1) of each heading style, so Word's 导航窗格 lists the headings."""


def set_fonts(rpr_owner, family: str, latin: str | None = None) -> None:
    """Set the East Asian font (``w:eastAsia``) and the Latin ones of a style or run."""
    rpr = rpr_owner.element.get_or_add_rPr() if hasattr(rpr_owner, "element") else rpr_owner._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin or family)
    fonts.set(qn("w:eastAsia"), family)
    fonts.set(qn("w:hint"), "eastAsia")


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
              "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
              "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
              "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def child(parent, name: str):
    """The ``w:name`` child of a ``w:pPr`` or ``w:rPr``, created at the place the schema orders it
    (Word refuses a file whose property elements are out of order)."""
    node = parent.find(qn(f"w:{name}"))
    if node is not None:
        return node
    order = _PPR_ORDER if parent.tag == qn("w:pPr") else _RPR_ORDER
    node = OxmlElement(f"w:{name}")
    later = {qn(f"w:{n}") for n in order[order.index(name) + 1:]}
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, node)
            return node
    parent.append(node)
    return node


def _condense(rpr, twentieths: int) -> None:
    child(rpr, "spacing").set(qn("w:val"), str(twentieths))


def _grid(paragraph_format, *, snap: bool) -> None:
    ppr = paragraph_format.element.get_or_add_pPr() if hasattr(paragraph_format, "element") else paragraph_format._element.get_or_add_pPr()
    if not snap:
        child(ppr, "snapToGrid").set(qn("w:val"), "0")


def _indent_chars(pf, first: int = 0, right: int = 0, left: int = 0) -> None:
    """Indents in characters (hundredths, as Word stores them), which follow the character grid."""
    ppr = pf._element.get_or_add_pPr()
    ind = child(ppr, "ind")
    if first:
        ind.set(qn("w:firstLineChars"), str(first * 100))
        ind.set(qn("w:firstLine"), str(first * 320))  # twips of 3号 characters, for readers without *Chars
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))
        ind.set(qn("w:right"), str(right * 320))
    if left:
        ind.set(qn("w:leftChars"), str(left * 100))
        ind.set(qn("w:left"), str(left * 320))


def _style(doc, name: str, base: str = "Normal"):
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)  # the dashes' middle ~7 mm below the 35 mm bottom margin
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _setup_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = SIZE_3
    set_fonts(normal, FONTS["body"][0])
    _condense(normal.element.get_or_add_rPr(), CONDENSE_TWENTIETHS)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = True
    for name, role, size, indent in ((STYLE_H1, "heading1", SIZE_3, 2), (STYLE_H2, "heading2", SIZE_3, 2),
                                     (STYLE_TITLE, "title", SIZE_2, 0)):
        style = _style(doc, name)
        if name in OUTLINE:
            child(style.element.get_or_add_pPr(), "outlineLvl").set(qn("w:val"), str(OUTLINE[name]))
        style.font.size = size
        set_fonts(style, FONTS[role][0])
        style.paragraph_format.keep_with_next = True
        if indent:
            _indent_chars(style.paragraph_format, first=indent)
    doc.styles[STYLE_TITLE].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _grid(doc.styles[STYLE_TITLE].paragraph_format, snap=False)  # a 2号 line in a tall font would take two grid lines
    table = _style(doc, STYLE_TABLE)
    table.font.size = SIZE_SMALL_4
    set_fonts(table, FONTS["body"][0], LATIN)
    tf = table.paragraph_format
    tf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    tf.line_spacing = Pt(17)
    tf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _grid(table.paragraph_format, snap=False)
    colophon = _style(doc, STYLE_COLOPHON)
    colophon.font.size = SIZE_4
    set_fonts(colophon, FONTS["body"][0])
    colophon.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    page = _style(doc, STYLE_PAGE)
    page.font.size = SIZE_4
    set_fonts(page, FONTS["number"][0])
    page.paragraph_format.line_spacing = Pt(18)
    _grid(page.paragraph_format, snap=False)


def _page_field(paragraph) -> None:
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run._r.append(node)
        elif text == "1":
            run.text = text
        else:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = text
            run._r.append(node)
    paragraph.add_run(" —")


def _setup_page_numbers(doc) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[STYLE_PAGE]
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = SIZE_4
        else:
            paragraph.paragraph_format.left_indent = SIZE_4
        _page_field(paragraph)


def _border(side: str, eighths: int):
    """A black single paragraph border ``side`` of ``eighths`` eighths of a point, touching the text."""
    node = OxmlElement(f"w:{side}")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", "1"), ("w:color", "000000")):
        node.set(qn(key), value)
    return node


def _break_in_last_paragraph(doc) -> None:
    """Move the section break python-docx puts in an empty paragraph of its own into the paragraph
    before it (the 成文日期). The empty paragraph is a line of text: when the date ends a page it
    would open a page of its own, numbered and blank, before the 版记's."""
    sect = doc.element.body.findall(qn("w:p") + "/" + qn("w:pPr") + "/" + qn("w:sectPr"))[-1]
    holder = sect.getparent().getparent()
    before = holder.getprevious()
    if before is None or before.tag != qn("w:p") or "".join(holder.itertext()):
        return
    ppr = before.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        before.insert(0, ppr)
    follower = ppr.find(qn("w:pPrChange"))
    if follower is not None:
        follower.addprevious(sect)  # the schema's order: sectPr, then pPrChange
    else:
        ppr.append(sect)
    holder.getparent().remove(holder)


def mark(paragraph, what: str) -> None:
    """Append a highlighted 【待填写：what】 to ``paragraph``."""
    run = paragraph.add_run(f"【待填写：{what}】")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


_GAP = re.compile(r"(【待填写[^】]*】)")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”])")
"""An ASCII space between Chinese characters (“强基础 转作风”): printed as a full-width space, which a
justified line does not stretch."""


def add_text(paragraph, text: str) -> list:
    """Append ``text`` as runs, each 【待填写…】 in it highlighted (a unit name still to be filled
    in can then stand in titles, marks and signatures and still catch the eye); the runs."""
    from ucm_check.documents.clean import strip

    runs = []
    text = _CJK_SPACE.sub("\u3000", strip(text))
    for piece in _GAP.split(text):
        if piece:
            run = paragraph.add_run(piece)
            if _GAP.fullmatch(piece):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            runs.append(run)
    return runs


class Official:
    """A Word document laid out as a 公文: build it paragraph by paragraph, then :meth:`to_bytes`."""

    def __init__(self, title: str = "", author: str = "", created=None):
        self.doc = docx.Document()
        self.meta = {"title": title, "author": author, "created": created}
        """Core properties written at :meth:`to_bytes` (see :mod:`~ucm_check.documents.house`)."""
        _setup_page(self.doc)
        _setup_styles(self.doc)
        _setup_page_numbers(self.doc)
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
            body.remove(p)

    def paragraph(self, text: str = "", *, style: str | None = None, indent: bool = True, align=None):
        """A paragraph in ``style`` (body text by default: two-character first-line indent)."""
        p = self.doc.add_paragraph(style=style)
        add_text(p, text)
        if style is None and indent:
            _indent_chars(p.paragraph_format, first=2)
        if align is not None:
            p.alignment = align
        return p

    def blank(self, count: int = 1) -> None:
        """Empty body lines."""
        for _ in range(count):
            self.doc.add_paragraph()

    def title(self, text: str) -> None:
        """The title (标题), centred, one paragraph per line of ``text``."""
        for line in text.splitlines():
            self.paragraph(line, style=STYLE_TITLE)

    def heading1(self, text: str) -> None:
        """A first-level heading such as ``一、基本情况`` (黑体)."""
        self.paragraph(text, style=STYLE_H1)

    def heading2(self, text: str) -> None:
        """A second-level heading such as ``（一）问题清单`` (楷体)."""
        self.paragraph(text, style=STYLE_H2)

    def placeholder(self, what: str, *, indent: bool = True) -> None:
        """A clearly marked gap the bureau must fill in: highlighted, in 【】, never invented text."""
        mark(self.paragraph(indent=indent), what)

    def issuer_mark(self, name: str) -> None:
        """The 发文机关标志 ``name文件`` in red, centred, its top edge 35 mm below the top of the text
        block (GB/T 9704-2012 §7.2.4, for every kind of document: the 80 mm for 上行文 was the 1999
        edition's). As large as fits the block (at most 42 pt); a name that would fall under 22 pt on
        one line breaks after an organ's name into lines of at least 22 pt (offices do the same, or
        use the 规范化简称)."""
        from ucm_check.documents.names import chars, lines

        text = f"{name}文件"
        full = TEXT_WIDTH_MM / 25.4 * 72
        rows = [text] if chars(text) * MARK_MIN_PT <= full else lines(text, full / MARK_MIN_PT)
        size = int(min(MARK_MAX_PT, full / max(chars(r) for r in rows)))
        for n, row in enumerate(rows):
            p = self.paragraph(style=STYLE_TITLE)
            p.paragraph_format.space_before = Mm(MARK_TOP_MM) if n == 0 else Pt(0)
            p.paragraph_format.line_spacing = Pt(size + (8 if len(rows) == 1 else 4))
            p.paragraph_format.keep_with_next = True
            _grid(p.paragraph_format, snap=False)
            for run in add_text(p, row):
                run.font.size = Pt(size)
                run.font.color.rgb = RED

    def number_line(self, number: str | None, signer: str | None) -> None:
        """The 发文字号 line of a report upward (上行文): number one character in from the left,
        签发人 (name in 楷体) one character in from the right (§7.2.5, §7.2.6), the red separator
        4 mm below it (§7.2.7). A value that is None becomes a marked placeholder."""
        from docx.enum.text import WD_TAB_ALIGNMENT

        self.blank(2)  # 发文字号 two lines below the 发文机关标志
        p = self.paragraph(indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)  # no indent: the red line spans the block
        p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - SIZE_3, alignment=WD_TAB_ALIGNMENT.RIGHT)
        p.add_run("\u3000")  # 空一字
        add_text(p, number) if number else mark(p, "发文字号")
        p.add_run("\t签发人：")
        if signer:
            for run in add_text(p, signer):
                set_fonts(run, FONTS["heading2"][0])
        else:
            mark(p, "签发人")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", str(RED_LINE_SPACE_PT)), ("w:color", "FF0000")):
            bottom.set(qn(key), value)
        child(p._p.get_or_add_pPr(), "pBdr").append(bottom)
        self.blank(2)  # the title two lines below the red line

    def signature(self, unit: str, date: str, *, closing: str = "", seal_lines: int = 3) -> None:
        """The closing block: ``closing`` (特此报告。) as the last body line, room for the seal, the
        unit centred over the date, the date four characters in from the right (§7.3.5.1). A long
        name breaks after an organ's name rather than wrapping from the left margin. Every line
        keeps with the next, so the 署名 never stands on a page without body text (§7.3.5.5)."""
        from ucm_check.documents.names import chars, lines

        if closing:
            self.paragraph(closing).paragraph_format.keep_with_next = True
        for _ in range(seal_lines):
            self.doc.add_paragraph().paragraph_format.keep_with_next = True
        date_chars = chars(date)
        rows = lines(unit, CHARS - 8)
        for n, text in enumerate([*rows, date]):
            right = 4 if n == len(rows) else max(0.0, 4 + (date_chars - chars(text)) / 2)
            p = self.paragraph(text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            p.paragraph_format.keep_with_next = n < len(rows)
            ind = child(p._p.get_or_add_pPr(), "ind")
            ind.set(qn("w:rightChars"), str(round(right * 100)))
            ind.set(qn("w:right"), str(round(right * 320)))

    def colophon(self, cc: str | None, printer: str, printed_on: str) -> None:
        """The 版记 (§7.4) on the last page, which is always even: a section that starts on the next
        even page, without page numbers (§7.5: a 版记 page and a blank page before it carry none),
        its lines at the bottom of the block: a thick line, 抄送 (when there is one), a thin line,
        印发机关 one character in and 印发日期 one character from the right, a thick line."""
        from docx.enum.section import WD_SECTION
        from docx.enum.text import WD_TAB_ALIGNMENT
        from ucm_check.documents.names import chars

        section = self.doc.add_section(WD_SECTION.EVEN_PAGE)
        _break_in_last_paragraph(self.doc)
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            for p in footer.paragraphs:
                for r in list(p.runs):
                    r._r.getparent().remove(r._r)
        valign = OxmlElement("w:vAlign")
        valign.set(qn("w:val"), "bottom")  # Word puts the 版记 at the foot by itself; the blank lines do it elsewhere
        later = {qn(f"w:{n}") for n in ("noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
                                         "printerSettings", "sectPrChange")}
        follower = next((node for node in section._sectPr if node.tag in later), None)
        if follower is not None:
            follower.addprevious(valign)  # the schema's order: Word refuses a file with it after docGrid
        else:
            section._sectPr.append(valign)
        per_line = TEXT_WIDTH_MM / 25.4 * 72 / SIZE_4.pt - 2
        cc_lines = 0 if not cc else int(chars(f"抄送：{cc}。") // per_line) + 1
        printed_lines = int((chars(printer) + chars(printed_on) + 5) // per_line) + 1
        for _ in range(LINES - cc_lines - printed_lines - COLOPHON_SLACK):
            self.doc.add_paragraph()
        rows = []
        if cc:
            rows.append(self.paragraph(f"\u3000抄送：{cc.rstrip('。')}。", style=STYLE_COLOPHON))
        p = self.paragraph(style=STYLE_COLOPHON)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - SIZE_4, alignment=WD_TAB_ALIGNMENT.RIGHT)
        add_text(p, f"\u3000{printer}\t{printed_on}印发")
        rows.append(p)
        for n, row in enumerate(rows):
            borders = child(row._p.get_or_add_pPr(), "pBdr")
            if n == 0:
                borders.append(_border("top", COLOPHON_THICK))
            borders.append(_border("bottom", COLOPHON_THICK if n == len(rows) - 1 else COLOPHON_THIN))

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]], widths_mm: Sequence[float],
              *, align: str = "", mono: int | None = None) -> object:
        """A bordered table in the 表格文字 style; the header row repeats on every page and no row
        breaks across pages. ``align`` has one letter per column: l(eft), c(entre), r(ight);
        column ``mono`` (hashes) is set in a small fixed-width Latin font."""
        from ucm_check.documents.clean import strip

        rows = [list(r) for r in rows]
        table = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        aligns = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}
        for r, values in enumerate([list(headers), *rows]):
            row = table.rows[r]
            trpr = row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            if r == 0:
                trpr.append(OxmlElement("w:tblHeader"))
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Mm(widths_mm[c])
                p = cell.paragraphs[0]
                p.style = self.doc.styles[STYLE_TABLE]
                run = p.add_run(strip(str(value)))
                if r and c == mono:
                    set_fonts(run, FONTS["body"][0], "Courier New")
                    run.font.size = Pt(8)
                if r == 0:
                    run.bold = True
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif align:
                    p.alignment = aligns[align[c]]
        for c, w in enumerate(widths_mm):
            table.columns[c].width = Mm(w)
        self.doc.add_paragraph().paragraph_format.line_spacing = Pt(8)  # breathing room after a table
        return table

    def to_bytes(self) -> bytes:
        """The finished .docx, its package tidied (:func:`ucm_check.documents.house.tidy`)."""
        from ucm_check.documents.house import tidy

        tidy(self.doc, **self.meta)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
