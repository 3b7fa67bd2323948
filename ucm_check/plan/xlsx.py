"""The plan as an XLSX workbook: one sheet per view (问题清单, 责任清单, 时间表).

Column widths come from :func:`unicodedata.east_asian_width` (XlsxWriter's ``autofit()`` counts a
Chinese character as one narrow character, so Chinese columns came out half as wide as needed).
Each sheet has a title row and a frozen header, both repeated on every printed page; 状态 is a
drop-down; a conditional format highlights overdue rows and follows the status if someone
changes it in Excel or WPS. The 时间表 sheet ends with one narrow column per month: a Gantt chart.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any, Callable

from ucm_check.numbers import fmt
from ucm_check.plan import views
from ucm_check.plan.export import COLUMNS, _join, late_text, milestones_text, summary, title
from ucm_check.plan.model import DONE, CLOSED, STATUSES, Item, Plan, deadline_text
from ucm_check.textwidth import width

WRAP_AT = 40
"""Columns whose text is wider than this many cells wrap at this width."""
OVERDUE_FILL = "#FFC7CE"
BAR_FILLS = {views.PLANNED: "#9BC2E6", views.DUE: "#2F75B5", views.LATE: "#FF0000",
             views.FINISHED: "#A9D08E", views.ONGOING_CELL: "#D9D9D9"}

Cell = Callable[[Item, dt.date], Any]


def cell_width(value: Any) -> int:
    """Display cells of ``value``'s text: two for wide and full-width characters, one otherwise."""
    return max((width(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: list[str], rows: list[list[Any]]) -> list[int]:
    """Excel column widths fitting header and cells (+2 padding), long text capped at :data:`WRAP_AT`."""
    widths = []
    for c, header in enumerate(headers):
        need = max([cell_width(header)] + [cell_width(row[c]) for row in rows])
        widths.append(min(need, WRAP_AT) + 2)
    return widths


class _Sheet:
    """Writes one view: title, header, rows, widths, frozen header, drop-down and highlighting."""

    def __init__(self, book: Any, formats: dict[str, Any], name: str, plan: Plan, as_of: dt.date):
        self.book, self.f, self.as_of = book, formats, as_of
        self.ws = book.add_worksheet(name)
        self.name, self.plan = name, plan

    def write(self, headers: list[str], rows: list[tuple[Item, list[Any]]], *, extra: int = 0) -> None:
        ws, f = self.ws, self.f
        values = [[v for v in row] for _, row in rows]
        widths = column_widths(headers, [[deadline_text(v) if isinstance(v, dt.date) else v for v in r] for r in values])
        last = len(headers) - 1 + extra
        ws.merge_range(0, 0, 0, last, f"{title(self.plan, self.as_of)}（{self.name}）  {summary(self.plan, self.as_of)}", f["title"])
        ws.set_row(0, 24)
        for c, header in enumerate(headers):
            ws.write_string(1, c, header, f["header"])
            ws.set_column(c, c, widths[c], f["wrap"] if widths[c] > WRAP_AT else None)
        for r, row in enumerate(values, start=2):
            lines = 1
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), f["date"])
                else:
                    ws.write(r, c, value, f["wrap"] if widths[c] > WRAP_AT else f["cell"])
                    lines = max(lines, math.ceil(cell_width(value) / (widths[c] - 2)) if widths[c] > WRAP_AT else 1)
            ws.set_row(r, 15 * lines + 3)
        ws.freeze_panes(2, 0)
        ws.repeat_rows(0, 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_footer("&C第 &P 页，共 &N 页")
        self._status(headers, len(values), last)

    def _status(self, headers: list[str], n: int, last: int) -> None:
        from xlsxwriter.utility import xl_col_to_name

        status, deadline = headers.index("状态"), headers.index("完成时限")
        end = 1 + max(n, 1)
        self.ws.data_validation(2, status, end, status, {
            "validate": "list", "source": list(STATUSES),
            "input_title": "整改状态", "input_message": "从下拉列表选择；逾期由完成时限和日期推算，不必填写。",
            "error_title": "状态无效", "error_message": "请从下拉列表中选择：" + "、".join(STATUSES),
        })
        s, d, day = xl_col_to_name(status), xl_col_to_name(deadline), self.as_of
        self.ws.conditional_format(2, 0, end, last, {
            "type": "formula", "format": self.f["overdue"],
            "criteria": f'=AND(ISNUMBER(${d}3),${d}3<DATE({day.year},{day.month},{day.day}),'
                        f'${s}3<>"{DONE}",${s}3<>"{CLOSED}")',
        })


def _deadline(item: Item) -> Any:
    return item.deadline if isinstance(item.deadline, dt.date) else deadline_text(item.deadline)


def render_xlsx(plan: Plan, as_of: dt.date) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    base = {"font_name": "宋体", "font_size": 11, "valign": "top", "border": 1}
    formats = {
        "title": book.add_format({**base, "bold": True, "font_size": 14, "border": 0, "valign": "vcenter"}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center", "valign": "vcenter", "text_wrap": True}),
        "cell": book.add_format(base),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "date": book.add_format({**base, "num_format": "yyyy-mm-dd"}),
        "overdue": book.add_format({"bg_color": OVERDUE_FILL, "font_color": "#9C0006"}),
        "month": book.add_format({**base, "bold": True, "align": "center", "bg_color": "#DDEBF7", "font_size": 9}),
        **{kind: book.add_format({"bg_color": fill, "border": 1, "border_color": "#FFFFFF"}) for kind, fill in BAR_FILLS.items()},
    }
    cells = {h: f for h, f in COLUMNS.items()}

    problem = ["序号", *COLUMNS]
    rows = []
    for area, items in views.by_area(plan):
        for item in items:
            row = [len(rows) + 1] + [cells[h](item, as_of) if h != "完成时限" else _deadline(item) for h in COLUMNS]
            row[problem.index("可挽回分值")] = float(fmt(item.points)) if item.points else 0
            rows.append((item, row))
    _Sheet(book, formats, views.VIEWS["area"], plan, as_of).write(problem, rows)

    duty = ["单位", "角色", "编号", "问题", "整改措施", "责任人", "完成时限", "状态", "逾期"]
    rows = [(i, [unit, role, i.id, i.problem, i.measures, i.person, _deadline(i), i.status, late_text(i, as_of)])
            for unit, pairs in views.by_unit(plan) for i, role in pairs]
    _Sheet(book, formats, views.VIEWS["unit"], plan, as_of).write(duty, rows)

    span = views.months(plan, as_of) if plan.items else []
    timetable = ["月份", "编号", "问题", "牵头单位", "责任单位", "完成时限", "阶段节点", "状态", "逾期"]
    rows = [(i, [month, i.id, i.problem, i.lead_unit, _join(i.responsible_units), _deadline(i), milestones_text(i),
                 i.status, late_text(i, as_of)]) for month, items in views.by_month(plan) for i in items]
    sheet = _Sheet(book, formats, views.VIEWS["month"], plan, as_of)
    sheet.write(timetable, rows, extra=len(span))
    first = len(timetable)
    for k, (year, month) in enumerate(span):
        sheet.ws.write_string(1, first + k, f"{year}年\n{month}月" if k == 0 or month == 1 else f"{month}月", formats["month"])
        sheet.ws.set_column(first + k, first + k, 5)
    for r, (item, _) in enumerate(rows, start=2):
        for k, kind in enumerate(views.bar(item, span, as_of)):
            if kind != views.EMPTY:
                sheet.ws.write_blank(r, first + k, None, formats[kind])
    book.close()
    return buf.getvalue()
