"""The intake as an xlsx workbook for the office, one table per sheet: 汇总 (status and scores),
分市州 and 县市区排名, 各规则 (per-rule statistics), 核查对比 (spot-check differences), 共性问题,
拟通报表扬, 拟通报批评, and the housekeeping (其他文件: unused surveys, stray files) on a sheet of its
own, away from the director's tables.

Printed as a director reads it: A4 landscape at 100 % so the 10 pt 宋体 stays 10 pt on paper (long
text wraps instead of the page shrinking), bold filled headers, title and header repeated on every
page, 第 N 页 共 M 页. Numbers are numbers, a 最终得分 with its lowest possible value
("112（最低 108）") is split into two number columns, ISO dates are dates; every other cell is
written as a string (no formula injection).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation

from ucm_check.intake import tables
from ucm_check.intake.records import Intake
from ucm_check.intake.tables import Table
from ucm_check.plan import sheetlayout as lay
from ucm_check.plan.sheetlayout import WRAP_AT, cell_width, column_widths  # noqa: F401  (kept for callers)

FONT = "宋体"
_LOWEST = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*（最低\s*(-?\d+(?:\.\d+)?)）\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HOUSEKEEPING = ("stray",)
"""Tables about files rather than units: printed on their own sheet."""


def _number(text: str) -> float | None:
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return float(value) if value is not None and value.is_finite() else None


def _date(text: str) -> dt.datetime | None:
    if not _DATE.match(text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def split_lowest(table: Table) -> Table:
    """``table`` with each numeric column whose cells read ``112（最低 108）`` split in two: the
    total, and 最低可能得分 beside it (empty where the unit is complete)."""
    headers, rows, numeric = list(table.headers), [list(r) for r in table.rows], set(table.numeric)
    c = 0
    while c < len(headers):
        if any(_LOWEST.match(r[c]) for r in rows):
            headers.insert(c + 1, "最低可能得分")
            for r in rows:
                m = _LOWEST.match(r[c])
                r[c:c + 1] = [m.group(1), m.group(2)] if m else [r[c], ""]
            numeric = {n + 1 if n > c else n for n in numeric} | {c, c + 1}
            c += 1
        c += 1
    return Table(table.key, table.title, tuple(headers), tuple(tuple(r) for r in rows), frozenset(numeric))


def with_clauses(table: Table, standard: object, assessed: dict[str, int]) -> Table:
    """``table`` with the clause beside each rule code (``HN-07-3`` → ``一（七）2（3）``) and, in the
    共性问题, how many units each rule was assessed for beside how many lost points (N of M)."""
    if "规则" not in table.headers or standard is None:
        return table
    at = table.headers.index("规则")
    headers = [*table.headers[:at + 1], "条款", *table.headers[at + 1:]]
    rows = []
    for row in table.rows:
        code = row[at].split(" ", 1)[0]
        rule = standard.rule(code) if hasattr(standard, "rule") else None
        clause = str(rule.clause.path).replace(" ", "").removeprefix("附件") if rule else ""
        rows.append((*row[:at + 1], clause, *row[at + 1:]))
    numeric = {c + 1 if c > at else c for c in table.numeric}
    if table.key == "issues" and "失分单位数" in headers:
        lost = headers.index("失分单位数")
        headers.insert(lost + 1, "参评单位数")
        rows = [(*r[:lost + 1], str(assessed.get(r[at].split(" ", 1)[0], "")), *r[lost + 1:]) for r in rows]
        numeric = {c + 1 if c > lost else c for c in numeric} | {lost + 1}
    return Table(table.key, table.title, tuple(headers), tuple(rows), frozenset(numeric))


class _Writer:
    def __init__(self, book, title: str):
        self.book, self.title = book, title
        self.clauses = lambda table: table
        base = {"font_name": FONT, "font_size": lay.FONT_PT, "valign": "top", "border": 1}
        self.f = {
            "title": book.add_format({**base, "bold": True, "font_size": 12, "border": 0, "valign": "vcenter",
                                      "text_wrap": True}),
            "note": book.add_format({**base, "border": 0, "text_wrap": True}),
            "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True,
                                       "valign": "vcenter", "align": "center"}),
            "cell": book.add_format(base),
            "wrap": book.add_format({**base, "text_wrap": True}),
            "num": book.add_format({**base, "align": "right"}),
            "date": book.add_format({**base, "num_format": "yyyy-mm-dd", "align": "center"}),
        }

    def sheet(self, name: str, table: Table, notes: list[str] = ()) -> None:
        """One sheet holding ``table``, its title above and ``notes`` under the title."""
        table = split_lowest(self.clauses(table))
        ws = self.book.add_worksheet(name[:31])
        headers, rows = list(table.headers), [list(r) for r in table.rows]
        widths = lay.natural(headers, rows)
        widths = lay.fit(widths, lay.budget("A4")) or widths
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        heading = f"{self.title}（{table.title}）"
        # a narrow table's title spans blank columns up to the page's width rather than wrapping
        # into a tall column of two or three characters a line
        span = list(widths)
        while lay.used(span) < lay.budget("A4") - 12 and sum(span) < cell_width(heading) + 4:
            span.append(12)
        for c in range(len(widths), len(span)):
            ws.set_column(c, c, 12)
        last = max(len(span) - 1, 1)
        ws.merge_range(0, 0, 0, last, heading, self.f["title"])
        ws.set_row(0, 18 * lay.lines(heading, int(sum(widths[:last + 1]) * 0.8)) + 6)
        row = 1
        for note in notes:
            ws.merge_range(row, 0, row, last, note, self.f["note"])
            ws.set_row(row, lay.LINE_PT * lay.lines(note, int(sum(widths[:last + 1]))) + 4)
            row += 1
        for c, h in enumerate(headers):
            ws.write_string(row, c, h, self.f["header"])
        ws.set_row(row, lay.LINE_PT * max(lay.lines(h, widths[c]) for c, h in enumerate(headers)) + 6)
        ws.freeze_panes(row + 1, 0)
        ws.repeat_rows(0, row)
        row += 1
        if not rows:
            ws.write_string(row, 0, "（无）", self.f["cell"])
            row += 1
        for values in rows:
            height = 1
            for c, text in enumerate(values):
                number = _number(text) if c in table.numeric else None
                date = _date(text)
                if number is not None:
                    ws.write_number(row, c, number, self.f["num"])
                elif date is not None:
                    ws.write_datetime(row, c, date, self.f["date"])
                else:
                    ws.write_string(row, c, text, self.f["wrap"])
                    height = max(height, lay.lines(text, widths[c]))
            ws.set_row(row, lay.LINE_PT * height + 4)
            row += 1
        ws.print_area(0, 0, row - 1, last)
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_print_scale(100)
        ws.set_margins(left=lay.MARGIN_IN, right=lay.MARGIN_IN, top=0.6, bottom=0.6)
        ws.set_footer(f'&C&"{FONT}"&10{name}  第 &P 页 共 &N 页')


def render_xlsx(intake: Intake) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "default_format_properties": {"font_name": FONT, "font_size": lay.FONT_PT}})
    book.set_properties({"title": intake.roster.title, "author": "ucm-check"})
    w = _Writer(book, intake.roster.title)
    from ucm_check.intake import results

    assessed = {st.code: st.assessed for st in results.rule_stats(intake)}
    w.clauses = lambda t: with_clauses(t, intake.standard, assessed)
    head = tables.headline(intake)
    w.sheet("汇总", tables.summary(intake), head[1:])
    w.sheet("分市州", tables.cities(intake))
    w.sheet("县市区排名", tables.county_ranking(intake))
    w.sheet("各规则", tables.rules(intake))
    w.sheet("核查对比", tables.checks(intake))
    w.sheet("共性问题", tables.issues(intake))
    w.sheet("拟通报表扬", tables.praise(intake))
    w.sheet("拟通报批评", tables.criticise(intake))
    w.sheet("其他文件", tables.stray(intake))
    book.close()
    return buffer.getvalue()


def write_xlsx(path: str, intake: Intake) -> None:
    """Write the workbook atomically."""
    from ucm_check.files.atomic import write_bytes

    write_bytes(path, render_xlsx(intake))
