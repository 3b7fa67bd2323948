"""The plan as an XLSX workbook that prints well: 问题清单 (split over a continuation sheet when its
columns do not fit the paper), 责任清单 and 时间表 with a Gantt chart of one column per month.

Every sheet prints landscape at 100 % on A4 (or A3), so its 10 pt text stays 10 pt on paper: long
text wraps and rows grow to fit (:mod:`ucm_check.plan.sheetlayout`). A title row and the header
repeat on every page, the print area is the table, and each sheet numbers its own pages. 状态 is a
drop-down; a conditional format marks overdue rows on the text columns only, so the Gantt bars of
overdue items stay visible, and it follows the status if someone changes it in Excel or WPS.
Text from the plan is written as text, never as a formula (:mod:`ucm_check.files.cellsafe`).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ucm_check.numbers import fmt
from ucm_check.plan import sheetlayout as lay
from ucm_check.plan import views
from ucm_check.files.cellsafe import risky
from ucm_check.plan.export import COLUMNS, late_text, summary, title
from ucm_check.plan.model import CLOSED, DONE, STATUSES, Item, Plan, deadline_text
from ucm_check.plan.sheetlayout import WRAP_AT, cell_width, column_widths  # noqa: F401  (the intake workbook's sizing)

OVERDUE_FILL = "#FFC7CE"
BAR_FILLS = {views.PLANNED: "#9BC2E6", views.DUE: "#2F75B5", views.LATE: "#FF0000",
             views.FINISHED: "#A9D08E", views.ONGOING_CELL: "#D9D9D9"}
#: The 问题清单 columns a unit acts on, printed first; the other COLUMNS go to a continuation sheet.
FIRST = ("问题", "整改措施", "牵头单位", "责任单位", "完成时限", "状态", "逾期")
#: 时间表 columns before the months; the other columns are on the 问题清单 and 责任清单.
TIMETABLE = ("编号", "问题", "牵头单位", "完成时限", "状态", "逾期")
MONTH_WIDTH = 6
TITLE_PT, MONTH_PT = 12, 9
"""Font sizes of the title row and of the month labels over the 时间表's chart."""
LEGEND = ((views.PLANNED, "计划整改期间"), (views.DUE, "完成时限所在月"), (views.LATE, "逾期"),
          (views.FINISHED, "已完成"), (views.ONGOING_CELL, "长期坚持"))
"""时间表 bar colours and what they mean, printed under the chart."""


class _Sheet:
    """One printed table: title, header, rows, widths, page set-up, drop-down and highlighting."""

    def __init__(self, book: Any, formats: dict[str, Any], name: str, plan: Plan, as_of: dt.date, paper: str):
        self.book, self.f, self.as_of, self.paper = book, formats, as_of, paper
        self.ws = book.add_worksheet(name)
        self.name, self.plan = name, plan
        self.label_lines = 1
        """Lines of the tallest month label over the chart (the 时间表 sets it before writing)."""

    def _text(self, r: int, c: int, value: Any, fmt_name: str) -> None:
        text = "" if value is None else str(value)
        self.ws.write_string(r, c, text, self.f[fmt_name + "_quoted" if risky(text) else fmt_name])

    def write(self, headers: list[str], values: list[list[Any]], widths: list[int], *, extra: int = 0) -> None:
        ws, f = self.ws, self.f
        last = len(headers) - 1 + extra
        if last > 0:
            ws.merge_range(0, 0, 0, last, "", f["title"])
        heading = f"{title(self.plan, self.as_of)}（{self.name}）\n{summary(self.plan, self.as_of)}"
        self._text(0, 0, heading, "title")
        # a long unit name wraps in the merged title row, never cut at the print edge
        span = sum(widths[:len(headers)]) + extra * MONTH_WIDTH
        ws.set_row(0, lay.height(lay.lines(heading, span, TITLE_PT, len(headers) + extra), TITLE_PT))
        for c, header in enumerate(headers):
            ws.write_string(1, c, header, f["header"])
            ws.set_column(c, c, widths[c])
        header_lines = max(lay.lines(h, widths[c]) for c, h in enumerate(headers))
        ws.set_row(1, max(lay.height(header_lines), lay.height(self.label_lines, MONTH_PT)))
        for r, row in enumerate(values, start=2):
            tallest = 1
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), f["date"])
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, f["cell"])
                else:
                    self._text(r, c, value, "wrap")
                    tallest = max(tallest, lay.lines(value, widths[c]))
            # neither renderer fits row heights to wrapped text on opening a file: set them
            ws.set_row(r, lay.height(tallest))
        end = 1 + max(len(values), 1)
        ws.freeze_panes(2, 0)
        ws.repeat_rows(0, 1)
        ws.print_area(0, 0, end, last)
        paper_code, _, _ = lay.PAPERS[self.paper]
        ws.set_landscape()
        ws.set_paper(paper_code)
        ws.set_print_scale(100)
        ws.set_margins(left=lay.MARGIN_IN, right=lay.MARGIN_IN, top=0.6, bottom=0.6)
        ws.set_start_page(1)  # each sheet numbers its own pages
        ws.set_footer(f"&C&\"宋体\"&10{self.name}  第 &P 页 共 &N 页")
        if "状态" in headers and "完成时限" in headers:
            self._status(headers, end, len(headers) - 1)

    def _status(self, headers: list[str], end: int, last_text: int) -> None:
        from xlsxwriter.utility import xl_col_to_name

        status, deadline = headers.index("状态"), headers.index("完成时限")
        self.ws.data_validation(2, status, end, status, {
            "validate": "list", "source": list(STATUSES),
            "input_title": "整改状态", "input_message": "从下拉列表选择；逾期由完成时限和日期推算，不必填写。",
            "error_title": "状态无效", "error_message": "请从下拉列表中选择：" + "、".join(STATUSES),
        })
        s, d, day = xl_col_to_name(status), xl_col_to_name(deadline), self.as_of
        self.ws.conditional_format(2, 0, end, last_text, {  # text columns only: the month bars keep their colours
            "type": "formula", "format": self.f["overdue"],
            "criteria": f'=AND(ISNUMBER(${d}3),${d}3<DATE({day.year},{day.month},{day.day}),'
                        f'${s}3<>"{DONE}",${s}3<>"{CLOSED}")',
        })


def _deadline(item: Item) -> Any:
    return item.deadline if isinstance(item.deadline, dt.date) else deadline_text(item.deadline)


def _cell(header: str, item: Item, as_of: dt.date) -> Any:
    """A problem-list cell as the sheet wants it: dates as dates, points as numbers, the rest as text."""
    if header == "完成时限":
        return _deadline(item)
    if header == "可挽回分值":
        return float(fmt(item.points)) if item.points else 0
    if header == "编号":
        return item.id
    return COLUMNS[header](item, as_of)


def _shown(value: Any) -> Any:
    return deadline_text(value) if isinstance(value, dt.date) else value


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": "宋体", "font_size": lay.FONT_PT, "valign": "top", "border": 1}
    f = {
        "title": book.add_format({**base, "bold": True, "font_size": 12, "border": 0, "valign": "vcenter", "text_wrap": True}),
        "header": book.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center", "valign": "vcenter", "text_wrap": True}),
        "cell": book.add_format(base),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "date": book.add_format({**base, "num_format": "yyyy-mm-dd"}),
        "overdue": book.add_format({"bg_color": OVERDUE_FILL, "font_color": "#9C0006"}),
        "month": book.add_format({**base, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7",
                                  "font_size": 9, "text_wrap": True}),
        **{kind: book.add_format({"bg_color": fill, "border": 1, "border_color": "#FFFFFF"}) for kind, fill in BAR_FILLS.items()},
    }
    f["title_quoted"] = book.add_format({**base, "bold": True, "font_size": 12, "border": 0, "quote_prefix": True,
                                         "text_wrap": True})
    f["today"] = book.add_format({**base, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#FFFF00",
                                  "font_color": "#C00000", "font_size": 9, "text_wrap": True, "border": 2,
                                  "border_color": "#C00000"})
    f["legend"] = book.add_format({**base, "border": 0})
    f["wrap_quoted"] = book.add_format({**base, "text_wrap": True, "quote_prefix": True})
    return f


def _problem_sheets(book: Any, f: dict[str, Any], plan: Plan, as_of: dt.date, paper: str) -> None:
    headers = ["序号", *COLUMNS]
    values = [[n, *(_cell(h, item, as_of) for h in COLUMNS)]
              for n, item in enumerate((i for _, items in views.by_area(plan) for i in items), start=1)]
    widths = lay.natural(headers, [[_shown(v) for v in row] for row in values])
    room = lay.budget(paper)
    for k, part in enumerate(lay.split(headers, widths, room, keep=2, first=FIRST)):
        name = views.VIEWS["area"] + ("" if k == 0 else "（续）" if k == 1 else f"（续{k}）")
        part_widths = lay.fit([widths[c] for c in part], room) or [widths[c] for c in part]
        _Sheet(book, f, name, plan, as_of, paper).write([headers[c] for c in part], [[row[c] for c in part] for row in values],
                                                        part_widths)


def _legend(ws: Any, f: dict[str, Any], row: int, as_of: dt.date) -> int:
    """图例 under the 时间表: each bar colour with its meaning, and the marked month of today."""
    ws.write_string(row, 0, "图例：", f["legend"])
    for k, (kind, text) in enumerate(LEGEND, 1):  # one row each: the swatch under 编号, its meaning beside it
        ws.write_blank(row + k, 0, None, f[kind])
        ws.write_string(row + k, 1, text, f["legend"])
    ws.write_string(row + len(LEGEND) + 1, 0, f"黄底红框的月份为今天（{as_of.year}年{as_of.month}月{as_of.day}日，"
                    "即评价截至日）所在月。", f["legend"])
    return row + len(LEGEND) + 1


def _month_label(k: int, year: int, month: int, as_of: dt.date) -> str:
    """A month's header over the chart: its year on the first month and on each January, and
    今天 with the day on the month of the as-of date."""
    label = f"{year}年\n{month}月" if k == 0 or month == 1 else f"{month}月"
    # 今天 and the day on lines of their own: 今天15日 is wider than a month's column and broke before 日
    return label + (f"\n今天\n{as_of.day}日" if (year, month) == (as_of.year, as_of.month) else "")


def render_xlsx(plan: Plan, as_of: dt.date, *, paper: str = "A4") -> bytes:
    """The workbook's bytes, laid out for landscape ``paper`` (A4 or A3)."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "default_format_properties": {"font_name": "宋体", "font_size": lay.FONT_PT}})
    f = _formats(book)
    room = lay.budget(paper)
    _problem_sheets(book, f, plan, as_of, paper)

    duty = ["单位", "角色", "编号", "问题", "整改措施", "责任人", "完成时限", "状态", "逾期"]
    rows = [[unit, role, i.id, i.problem, i.measures, COLUMNS["责任人"](i, as_of), _deadline(i), i.status, late_text(i, as_of)]
            for unit, pairs in views.by_unit(plan) for i, role in pairs]
    widths = lay.natural(duty, [[_shown(v) for v in r] for r in rows])
    _Sheet(book, f, views.VIEWS["unit"], plan, as_of, paper).write(duty, rows, lay.fit(widths, room) or widths)

    span = views.months(plan, as_of) if plan.items else []
    timetable = list(TIMETABLE)
    items = [i for _, its in views.by_month(plan) for i in its]
    rows = [[_cell(h, i, as_of) for h in timetable] for i in items]
    widths = lay.natural(timetable, [[_shown(v) for v in r] for r in rows])
    sheet = _Sheet(book, f, views.VIEWS["month"], plan, as_of, paper)
    labels = [_month_label(k, year, month, as_of) for k, (year, month) in enumerate(span)]
    sheet.label_lines = max([lay.lines(label, MONTH_WIDTH, MONTH_PT) for label in labels], default=1)
    fitted = lay.fit(widths, room, fixed=lay.used([MONTH_WIDTH] * len(span)))
    sheet.write(timetable, rows, fitted or widths, extra=len(span))
    if fitted is None:  # more months than one page holds: the rest print on following pages, 编号 and 问题 repeated
        sheet.ws.repeat_columns(0, 1)
    first = len(timetable)
    for k, ((year, month), label) in enumerate(zip(span, labels)):
        now = (year, month) == (as_of.year, as_of.month)
        sheet.ws.write_string(1, first + k, label, f["today" if now else "month"])
        sheet.ws.set_column(first + k, first + k, MONTH_WIDTH)
    last_row = _legend(sheet.ws, f, len(items) + 3, as_of)
    sheet.ws.print_area(0, 0, last_row, len(timetable) - 1 + len(span))
    for r, item in enumerate(items, start=2):
        for k, kind in enumerate(views.bar(item, span, as_of)):
            if kind != views.EMPTY:
                sheet.ws.write_blank(r, first + k, None, f[kind])
    book.close()
    return buf.getvalue()
