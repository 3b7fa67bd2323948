"""The 整改台账 on paper and in a spreadsheet, along the user's journey: check a profile, let
``ucm-check plan`` write the plan, fill in units (one of them hostile), export CSV and XLSX with
the CLI, then let the consumers judge — openpyxl for what the cells are, LibreOffice (PDF) for
what prints: page size, page count, no text under 9 pt, per-sheet page numbers, bars kept."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest

from tests.ci.conftest import run
from tests.render import char_sizes, page_sizes_mm, page_text, to_pdf

AS_OF = "2026-12-25"
HOSTILE = {
    "lead_unit": '=HYPERLINK("http://evil.example")',  # no comma: a plan splits one string into units at 、，
    "person": "=1+1",
    "measures": "+86 10 12345678 @督查科",
    "note": "-2+3",
}


@pytest.fixture
def county(tmp_path):
    from tests.helpers import PROFILES

    path = tmp_path / "county.toml"
    path.write_text((PROFILES / "hunan-county-typical.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def plan_file(capsys, county):
    """The plan ``ucm-check plan`` wrote, with the first item's fields filled in as a user might."""
    assert run(capsys, "plan", str(county), "--as-of", "2026-11-24")[0] == 0
    path = county.with_name("county.plan.toml")
    text = path.read_text(encoding="utf-8")
    first = text.index("[[items]]")
    head, item, rest = text[:first], text[first:text.index("[[items]]", first + 1)], text[text.index("[[items]]", first + 1):]
    for key, value in HOSTILE.items():
        item = re.sub(rf'^{key} = ".*"$', f"{key} = {value!r}".replace("'", '"') if '"' not in value else
                      f"{key} = '{value}'", item, count=1, flags=re.M)
    item = item.replace('responsible_units = []', 'responsible_units = ["@一中队", "+二中队"]')
    path.write_text(head + item + rest, encoding="utf-8")
    return path


def export(capsys, county, tmp_path, fmt: str, *extra: str) -> Path:
    target = tmp_path / f"台账.{fmt}"
    code, _, err = run(capsys, "plan", str(county), "--as-of", AS_OF, "--format", fmt, "-o", str(target), *extra)
    assert code == 0, err
    return target


def test_csv_neutralises_cells_a_spreadsheet_would_run_and_keeps_them_readable(capsys, county, plan_file, tmp_path):
    rows = list(csv.reader(io.StringIO(export(capsys, county, tmp_path, "csv").read_bytes().decode("utf-8-sig"))))
    head, first = rows[0], next(r for r in rows[1:] if r[1] == "HN-01-3")
    cell = dict(zip(head, first))
    assert cell["牵头单位"] == "'" + HOSTILE["lead_unit"] and cell["责任人"] == "'=1+1"
    assert cell["整改措施"] == "'" + HOSTILE["measures"] and cell["备注"] == "'-2+3"
    assert cell["责任单位"] == "'@一中队、+二中队"
    risky = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
    assert all(r[0].isdigit() for r in rows[1:]) and any(c == "2027-03-01" or re.fullmatch(r"\d{4}-\d\d-\d\d", c) for c in first)


def test_xlsx_writes_such_cells_as_quoted_text_never_as_formulas(capsys, county, plan_file, tmp_path):
    book = openpyxl.load_workbook(export(capsys, county, tmp_path, "xlsx"))
    found = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    assert c.quotePrefix, (ws.title, c.coordinate)
                    found[c.value] = ws.title
    assert HOSTILE["lead_unit"] in found and "=1+1" in found and "-2+3" in found
    assert "@一中队" in found and "+二中队" in found  # the 责任清单 lists each unit under its own name


@pytest.mark.parametrize("text, safe", [("=1+1", "'=1+1"), ("+86", "'+86"), ("-2", "'-2"), ("@x", "'@x"),
                                        ("\tx", "'\tx"), ("\rx", "'\rx"), ("x=1", "x=1"), ("", ""),
                                        ("2026-12-24", "2026-12-24"), ("＝1", "＝1")])
def test_owasp_triggers_and_nothing_else_get_the_quote(text, safe):
    from ucm_check.files.cellsafe import csv_cell, risky

    assert csv_cell(text) == safe and risky(text) == (safe != text)


@pytest.fixture
def printed(capsys, county, plan_file, tmp_path):
    book = export(capsys, county, tmp_path, "xlsx")
    return book, to_pdf(book, tmp_path / "pdf")


def test_every_sheet_prints_on_a4_landscape_at_9_pt_or_more_with_per_sheet_page_numbers(printed):
    book, pdf = printed
    sizes = page_sizes_mm(pdf)
    assert set(sizes) == {(297, 210)}
    assert min(char_sizes(pdf)) >= 9
    pages = page_text(pdf)
    footers = [re.search(r"(\S+) 第 (\d+) 页 共 (\d+) 页\s*$", p.strip()).groups()[:2] for p in pages]
    sheets = openpyxl.load_workbook(book).sheetnames
    assert [name for name, n in footers if n == "1"] == sheets  # each sheet starts at page 1, in order
    for (name, n), (prev, m) in zip(footers[1:], footers):
        assert int(n) == (int(m) + 1 if name == prev else 1)
    # no column spills onto a page of its own: every page repeats the title and shows the ids
    assert all("整改台账：" in p and "HN-" in p for p in pages)
    assert 4 <= len(pages) <= 20


def test_the_printout_holds_every_item_and_every_column(printed):
    book, pdf = printed
    text = "".join(page_text(pdf))
    wb = openpyxl.load_workbook(book)
    ids = {ws.cell(row=r, column=2).value for ws in [wb["问题清单"]] for r in range(3, ws.max_row + 1)}
    assert len(ids) == 17 and all(i in text for i in ids)
    parts = [name for name in wb.sheetnames if name.startswith("问题清单")]
    for name in parts:  # a long header wraps onto a second line, so look for its characters in order
        page = next(p for p in page_text(pdf) if f"（{name}）" in p)
        for header in (c.value for c in wb[name][2]):
            rest = iter(page)
            assert all(ch in rest for ch in header), (name, header)


def test_a3_keeps_the_problem_list_on_fewer_sheets_and_prints_on_a3(capsys, county, plan_file, tmp_path):
    a4 = openpyxl.load_workbook(export(capsys, county, tmp_path, "xlsx")).sheetnames
    book = export(capsys, county, tmp_path, "xlsx", "--paper", "A3")
    pdf = to_pdf(book, tmp_path / "a3")
    assert set(page_sizes_mm(pdf)) == {(420, 297)} and min(char_sizes(pdf)) >= 9
    assert len(openpyxl.load_workbook(book).sheetnames) <= len(a4)


def test_overdue_rows_are_marked_on_their_text_and_their_gantt_bars_stay(capsys, county, plan_file, tmp_path):
    ws = openpyxl.load_workbook(export(capsys, county, tmp_path, "xlsx"))["时间表"]
    headers = [c.value for c in ws[2]]
    first_month = next(i for i, h in enumerate(headers) if "月" in str(h)) + 1
    (rule_range,) = list(ws.conditional_formatting)
    last_col = max(cell_range.max_col for cell_range in rule_range.sqref.ranges)
    assert last_col < first_month  # the overdue fill never covers a month cell
    late = [r for r in range(3, ws.max_row + 1) if (ws.cell(row=r, column=headers.index("逾期") + 1).value or "")]
    assert late and all(ws.cell(row=r, column=c).fill.fgColor.rgb == "FFFF0000"
                        for r in late for c in [next(c for c in range(first_month, len(headers) + 1)
                                                     if ws.cell(row=r, column=c).fill.fgColor.rgb not in ("00000000", "FF9BC2E6"))])
    assert ws.row_dimensions[2].height >= 28 and ws.cell(row=2, column=first_month).alignment.wrap_text


def test_each_sheet_has_a_print_area_and_prints_at_full_size(capsys, county, plan_file, tmp_path):
    wb = openpyxl.load_workbook(export(capsys, county, tmp_path, "xlsx"))
    for ws in wb.worksheets:
        assert ws.print_area.startswith(f"'{ws.title}'!$A$1:")
        assert ws.page_setup.scale in (None, 100)  # none written means 100 %
        assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"


def test_plan_markdown_shows_html_emphasis_and_pipes_in_unit_names_literally(capsys, county, plan_file, tmp_path):
    path = county.with_name("county.plan.toml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"@一中队"', '"城管<b>局</b>|*一*中队"', 1), encoding="utf-8")
    out = run(capsys, "plan", str(county), "--as-of", AS_OF, "--format", "markdown")[1]
    assert "<b>" not in out and "### 城管&lt;b&gt;局&lt;/b&gt;\\|\\*一\\*中队" in out
    row = next(line for line in out.splitlines() if "HN-01-3" in line and line.startswith("| "))
    assert "城管&lt;b&gt;局&lt;/b&gt;\\|\\*一\\*中队" in row


def test_the_timetable_has_a_legend_and_marks_the_month_of_today(printed):
    book, pdf = printed
    ws = openpyxl.load_workbook(book)["时间表"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    today = next(v for v in cells if "今天\n25日" in v)
    assert today.startswith("12月") and cells[today].fill.fgColor.rgb.endswith("FFFF00")
    assert "图例：" in cells and {"计划整改期间", "完成时限所在月", "逾期", "已完成", "长期坚持"} <= set(cells)
    swatch = ws.cell(cells["逾期"].row, cells["逾期"].column - 1)
    assert swatch.fill.fgColor.rgb.endswith("FF0000")
    text = "\n".join(page_text(pdf))
    squeezed = re.sub(r"\s", "", text)
    assert "图例：计划整改期间" in squeezed and "今天" in squeezed


def test_a_long_unit_name_wraps_the_title_row_instead_of_cutting_the_counts(capsys, county, plan_file, tmp_path):
    long_name = "湘西土家族苗族自治州凤凰县城市管理和综合执法局城市管理综合行政执法大队"
    for path in (county, plan_file):
        path.write_text(path.read_text(encoding="utf-8").replace("某县城市管理和综合执法局", long_name), encoding="utf-8")
    target = tmp_path / "long.xlsx"
    code, _, err = run(capsys, "plan", str(county), "--as-of", AS_OF, "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    pdf = to_pdf(target, tmp_path / "pdf")
    first = page_text(pdf)[0].replace("\n", "")
    assert long_name in first and "逾期" in first and "可销号" in first
