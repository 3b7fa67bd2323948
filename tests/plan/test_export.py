"""Every export format, read back: text, Markdown, CSV with BOM, JSON, and XLSX through openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import attrs
import openpyxl
import pytest

from tests.plan.conftest import AS_OF
from ucm_check.plan import DONE, IN_PROGRESS, ONGOING, DeadlineChange, Item, Milestone
from ucm_check.plan.export import render_csv, render_json, render_markdown, render_text
from ucm_check.plan.xlsx import render_xlsx
from ucm_check.files.textwidth import width

LATE_DAY = dt.date(2026, 12, 25)  # the day after the 30-day items fall due


@pytest.fixture
def plan(fresh_plan):
    """The typical county's plan with some work assigned, one item done and one hand-added."""
    p = fresh_plan.replace(attrs.evolve(
        fresh_plan.item("HN-03-2"), lead_unit="督查科", responsible_units=("一中队", "二中队"), person="张三",
        status=IN_PROGRESS, milestones=(Milestone(dt.date(2026, 12, 10), "第一轮督查", True),),
        history=(DeadlineChange(dt.date(2026, 11, 30), dt.date(2026, 12, 10), dt.date(2026, 12, 24), "等待督查通报"),)))
    p = p.replace(attrs.evolve(p.item("HN-06-3"), status=DONE, lead_unit="督查科"))
    return p.replace(Item("自定-1", "档案室漏雨 | 需修缮", lead_unit="办公室", deadline=ONGOING, created=AS_OF))


def test_text_heads_with_completion_rate_and_overdue_count_and_marks_late_items(plan):
    text = render_text(plan, LATE_DAY)
    lines = text.splitlines()
    assert lines[0] == "整改台账：某县城市管理和综合执法局  截至 2026-12-25"
    # 18 items, 1 done; the 30-day items (due 2026-12-24) other than the done one are late, as is HN-11-1 (15 days)
    late = [i.id for i in plan.overdue(LATE_DAY)]
    assert lines[1] == f"整改完成率 5.6%（1/18）  逾期 {len(late)} 项  可销号 0 项"
    assert "HN-06-3" not in late and "HN-03-2" in late and "HN-11-1" in late
    row = next(l for l in lines if l.startswith("HN-03-2 "))
    assert "整改中，逾期 1 天" in row and row.rstrip().endswith("== !!")
    assert "      时限调整：2026-11-30 由 2026-12-10 调整为 2026-12-24（等待督查通报）" in lines
    assert "其他（手工添加）" in lines


def _after(text: str, cells: int) -> str:
    """``text`` from display cell ``cells`` on (a wide character counts two)."""
    used = 0
    for n, ch in enumerate(text):
        if used >= cells:
            return text[n:]
        used += width(ch)
    return ""


def test_text_timeline_bars_start_under_the_first_month_whatever_the_chinese_status(plan):
    lines = render_text(plan, LATE_DAY).splitlines()
    header = next(l for l in lines if l.startswith("编号"))
    start = width(header[: header.index("11 12")])
    rows = {l.split()[0]: l for l in lines if l.startswith(("HN-", "自定-")) and l.split()[1][:1] in "2长"}
    assert _after(rows["HN-03-2"], start) == "== !!"
    assert _after(rows["HN-06-3"], start) == "## ##"  # done: shown finished up to its deadline
    assert _after(rows["自定-1"], start) == " ".join(["--"] * 7)  # ongoing from the month it was added
    assert _after(rows["HN-06-4"], start) == " ".join(["=="] * 6 + ["||"])


def test_markdown_has_the_three_views_and_escapes_pipes(plan):
    md = render_markdown(plan, LATE_DAY)
    assert [l for l in md.splitlines() if l.startswith("## ")] == ["## 问题清单", "## 责任清单", "## 时间表"]
    assert "档案室漏雨 \\| 需修缮" in md
    assert "### 督查科" in md and "### 一中队" in md and "### （未指定单位）" in md
    assert "### 2026年12月" in md and md.index("### 2026年12月") < md.index("### 长期")


def test_csv_is_the_problem_list_in_deadline_order_with_chinese_headers(plan):
    rows = list(csv.reader(io.StringIO(render_csv(plan, LATE_DAY))))
    assert rows[0][:6] == ["序号", "编号", "区域", "问题", "条款", "可挽回分值"]
    assert len(rows) == 1 + 18
    body = {r[1]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert body["HN-03-2"]["责任单位"] == "一中队、二中队" and body["HN-03-2"]["逾期"] == "逾期 1 天"
    assert body["HN-03-2"]["阶段节点"] == "2026-12-10 第一轮督查（已完成）"
    assert body["HN-03-2"]["可挽回分值"] == "1.4"
    assert rows[-1][1] == "自定-1" and rows[-1][11] == "长期"


def test_json_numbers_are_exact_and_overdue_is_derived(plan):
    doc = json.loads(render_json(plan, LATE_DAY))
    assert doc["summary"] == {"items": 18, "completed": 1, "completion_rate": 5.6,
                              "overdue": len(plan.overdue(LATE_DAY)), "ready_to_close": 0}
    items = {i["id"]: i for i in doc["items"]}
    assert items["HN-03-2"]["points"] == 1.4 and items["HN-03-2"]["overdue"] is True
    assert items["HN-06-3"]["overdue"] is False and items["自定-1"]["deadline"] == "长期"
    assert sum(Decimal(str(i["points"])) for i in doc["items"]) == Decimal("17.3")


@pytest.fixture
def book(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(render_xlsx(plan, LATE_DAY))
    return openpyxl.load_workbook(path)


def _width(ws, letter: str) -> float:
    """Column width, following openpyxl's grouping of equal neighbouring columns."""
    index = openpyxl.utils.column_index_from_string(letter)
    for dim in ws.column_dimensions.values():
        if dim.min <= index <= dim.max:
            return dim.width
    raise AssertionError(f"no width for column {letter}")


def _columns(ws) -> dict[str, str]:
    return {cell.value: cell.column_letter for cell in ws[2] if cell.value}


def test_xlsx_has_one_sheet_per_view_with_chinese_headers(book):
    from ucm_check.plan.export import COLUMNS

    names = book.sheetnames
    parts = [n for n in names if n.startswith("问题清单")]
    assert names == [*parts, "责任清单", "时间表"] and parts[:2] == ["问题清单", "问题清单（续）"]
    first, *rest = ([c.value for c in book[name][2]] for name in parts)
    assert first[:5] == ["序号", "编号", "问题", "整改措施", "牵头单位"] and all(r[:2] == ["序号", "编号"] for r in rest)
    assert sorted(first + [h for r in rest for h in r[2:]]) == sorted(["序号", *COLUMNS])  # each column once, ids on every part
    assert [c.value for c in book["责任清单"][2]] == ["单位", "角色", "编号", "问题", "整改措施", "责任人", "完成时限", "状态", "逾期"]
    assert [c.value for c in book["时间表"][2]][:6] == ["编号", "问题", "牵头单位", "完成时限", "状态", "逾期"]
    assert book["问题清单"]["A1"].value.startswith("整改台账：某县城市管理和综合执法局  截至 2026-12-25（问题清单）")


def test_xlsx_widths_fit_chinese_text_counting_two_cells_per_character(book):
    ws = book["问题清单"]
    cols = _columns(ws)
    units = [ws.cell(row=r, column=openpyxl.utils.column_index_from_string(cols["责任单位"])).value or "" for r in range(3, ws.max_row + 1)]
    assert max(units, key=len) == "一中队、二中队"
    assert _width(ws, cols["责任单位"]) >= 2 * len("一中队、二中队")  # autofit would give ~7
    assert _width(ws, cols["完成时限"]) >= len("2026-12-24")
    assert 12 <= _width(ws, cols["问题"]) <= 42  # long text wraps, narrowed to fit the paper
    assert ws.cell(row=3, column=openpyxl.utils.column_index_from_string(cols["问题"])).alignment.wrap_text


def test_xlsx_freezes_and_prints_the_header_on_every_page(book):
    for ws in book.worksheets:
        assert ws.freeze_panes == "A3"
        assert ws.print_title_rows == "$1:$2"
        assert ws.page_setup.orientation == "landscape"


def test_xlsx_status_is_a_drop_down_over_every_data_row(book):
    for ws in (book[name] for name in ("问题清单", "责任清单", "时间表")):
        col = _columns(ws)["状态"]
        (dv,) = ws.data_validations.dataValidation
        assert dv.type == "list" and dv.formula1 == '"未开始,整改中,已完成,已销号"'
        last = next(r for r in range(3, ws.max_row + 2) if ws[f"A{r}"].value is None) - 1  # the legend follows a gap
        assert str(dv.sqref) == f"{col}3:{col}{last}"


def test_xlsx_highlights_overdue_rows_by_deadline_before_the_as_of_date_and_open_status(book, plan):
    ws = book["问题清单"]
    cols = _columns(ws)
    (rule_range,) = list(ws.conditional_formatting)
    (rule,) = rule_range.rules
    d, s = cols["完成时限"], cols["状态"]
    assert rule.formula == [f'AND(ISNUMBER(${d}3),${d}3<DATE(2026,12,25),${s}3<>"已完成",${s}3<>"已销号")']
    assert rule.dxf.fill.bgColor.rgb == "FFFFC7CE"
    assert str(rule_range.sqref).startswith("A3:")
    # the formula's inputs are right: deadlines are real dates, 长期 is text, overdue rows say so
    late = {i.id for i in plan.overdue(LATE_DAY)}
    for r in range(3, ws.max_row + 1):
        item_id, deadline = ws[f"{cols['编号']}{r}"].value, ws[f"{d}{r}"].value
        assert isinstance(deadline, dt.datetime) or deadline == "长期"
        flagged = isinstance(deadline, dt.datetime) and deadline.date() < LATE_DAY and ws[f"{s}{r}"].value not in ("已完成", "已销号")
        assert flagged == (item_id in late)
        assert bool(ws[f"{cols['逾期']}{r}"].value) == (item_id in late)


def test_xlsx_timetable_draws_a_bar_per_month(book):
    ws = book["时间表"]
    headers = [c.value for c in ws[2]]
    assert headers[6:8] == ["2026年\n11月", "12月\n今天\n25日"]  # the month of the as-of day is marked
    assert headers[8] == "2027年\n1月" and headers[-1] == "5月"

    def fills(item_id):
        row = next(r for r in range(3, ws.max_row + 1) if ws[f"A{r}"].value == item_id)
        return [ws.cell(row=row, column=c).fill.fgColor.rgb for c in range(7, len(headers) + 1)]

    blue, dark, red, none = "FF9BC2E6", "FF2F75B5", "FFFF0000", "00000000"
    assert fills("HN-03-2") == [blue, red] + [none] * 5  # due in December, late as of 12-25
    assert fills("HN-06-4") == [blue] * 6 + [dark]  # 180 days: due May 2027
