"""The intake as an xlsx workbook for the office: 汇总 (status and scores), 分市州 (each unit with the
counties its bundle carries), 各规则 (per-rule statistics), 核查对比 (spot-check differences) and
通报 (共性问题, 表扬, 批评). A4 landscape, one page wide, title and header repeated on every page,
column widths computed for Chinese text; every text cell written as a string (no formula injection).
"""

from __future__ import annotations

import io
import math
from decimal import Decimal, InvalidOperation

from ucm_check.intake import tables
from ucm_check.intake.records import Intake
from ucm_check.intake.tables import Table
from ucm_check.plan.sheetlayout import WRAP_AT, cell_width, column_widths


def _number(text: str) -> float | None:
    try:
        return float(Decimal(text)) if text else None
    except InvalidOperation:
        return None


class _Writer:
    def __init__(self, book, title: str):
        self.book, self.title = book, title
        self.f = {
            "title": book.add_format({"bold": True, "font_size": 13, "valign": "vcenter"}),
            "note": book.add_format({"font_size": 10}),
            "section": book.add_format({"bold": True, "font_size": 11}),
            "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"}),
            "cell": book.add_format({"border": 1, "valign": "top"}),
            "wrap": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "num": book.add_format({"border": 1, "valign": "top"}),
        }

    def sheet(self, name: str, parts: list[Table], notes: list[str] = ()) -> None:
        """One sheet holding ``parts`` one under the other; the first part's header is frozen."""
        ws = self.book.add_worksheet(name)
        ncols = max(len(t.headers) for t in parts)
        widths = [0] * ncols
        for t in parts:
            for c, w in enumerate(column_widths(list(t.headers), [list(r) for r in t.rows])):
                widths[c] = max(widths[c], w)
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.merge_range(0, 0, 0, max(ncols - 1, 1), f"{self.title}（{name}）", self.f["title"])
        ws.set_row(0, 24)
        row = 1
        for note in notes:
            ws.merge_range(row, 0, row, max(ncols - 1, 1), note, self.f["note"])
            row += 1
        for i, t in enumerate(parts):
            if len(parts) > 1:
                ws.write_string(row, 0, t.title, self.f["section"])
                row += 1
            for c, h in enumerate(t.headers):
                ws.write_string(row, c, h, self.f["header"])
            if i == 0:
                ws.freeze_panes(row + 1, 0)
                ws.repeat_rows(row, row)
            row += 1
            if not t.rows:
                ws.write_string(row, 0, "（无）", self.f["cell"])
                row += 2
                continue
            for values in t.rows:
                lines = 1
                for c, text in enumerate(values):
                    value = _number(text) if c in t.numeric else None
                    if value is not None:
                        ws.write_number(row, c, value, self.f["num"])
                    else:
                        wrap = widths[c] - 2 >= WRAP_AT
                        ws.write_string(row, c, text, self.f["wrap"] if wrap else self.f["cell"])
                        if wrap:
                            lines = max(lines, math.ceil(cell_width(text) / (widths[c] - 2)))
                ws.set_row(row, 15 * lines + 3)
                row += 1
            row += 1
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C第 &P 页，共 &N 页")


def render_xlsx(intake: Intake) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": intake.roster.title})
    w = _Writer(book, intake.roster.title)
    head = tables.headline(intake)
    w.sheet("汇总", [tables.summary(intake)], head[1:])
    w.sheet("分市州", [tables.cities(intake), tables.county_ranking(intake)])
    w.sheet("各规则", [tables.rules(intake)])
    w.sheet("核查对比", [tables.checks(intake)])
    w.sheet("通报", [tables.issues(intake), tables.praise(intake), tables.criticise(intake), tables.stray(intake)])
    book.close()
    return buffer.getvalue()


def write_xlsx(path: str, intake: Intake) -> None:
    """Write the workbook atomically."""
    from ucm_check.files.atomic import write_bytes

    write_bytes(path, render_xlsx(intake))
