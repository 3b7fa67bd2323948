"""The assessment's readers hold against what a fuzz campaign sent them (issue 24): schemes of the
wrong TOML type, self-check templates that were Python format strings, damaged and hostile
workbooks, oversized files, absurd decimals, binary history files, impossible periods and control
characters. Each is exit 2 with a Chinese message (never a traceback, never exit 4) and nothing kept."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.assess.test_import_errors import assert_rejected, folder, office_rows, run_import, write_csv  # noqa: F401
from ucm_check.assess.sheets import MAX_COLUMNS, MAX_PART_BYTES, MAX_ROWS
from ucm_check.assess.limits import MAX_FILE_BYTES
from ucm_check.cli import main

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="考评" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(folder: Path, *, score: str = "<v>80</v>", head: str = "", extra: str = "") -> str:
    """A 区城考办 sheet as Excel writes it: 单位名称 | 得分, one row per unit; ``score`` is the first
    unit's score cell body, ``extra`` more XML after the rows."""
    rows = [f'<row r="1">{inline("A1", "单位名称")}{inline("B1", "得分")}</row>']
    for n, (name, _) in enumerate(office_rows(folder), start=2):
        cell = f'<c r="B{n}">{score}</c>' if n == 2 else f'<c r="B{n}"><v>80</v></c>'
        rows.append(f'<row r="{n}">{inline(f"A{n}", name)}{cell}</row>')
    return f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet {NS}><sheetData>{"".join(rows)}{extra}</sheetData></worksheet>'


def workbook(path: Path, sheet: str | None, *, shared: str = f'<sst {NS} count="1" uniqueCount="1"><si><t>x</t></si></sst>',
             book: str = WORKBOOK) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", shared)
        if sheet is not None:
            z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_the_hand_made_workbook_is_read_when_nothing_is_wrong(folder, tmp_path, capsys):
    code, err = run_import(folder, workbook(tmp_path / "s.xlsx", sheet_xml(folder)), capsys)
    assert code == 0, err


@pytest.mark.parametrize("case, expected", [
    ("no worksheet", "工作簿中没有任何工作表"),
    ("sheet part missing", "不是有效的 Excel 工作簿"),
    ("truncated", "不是有效的 Excel 工作簿"),
    ("NaN", "不是有限的数"),
    ("bad reference", "无效的单元格引用 “B0”"),
    ("bad shared string", "不是有效的 Excel 工作簿"),
    ("DTD", "含有 DTD"),
    ("huge dimension", f"在第 1048576 行有内容，超出 {MAX_ROWS} 行、{MAX_COLUMNS} 列的上限"),
    ("far column", f"在第 40 行 ZZZ 列有内容，超出 {MAX_ROWS} 行、{MAX_COLUMNS} 列的上限"),
])
def test_a_damaged_or_hostile_workbook_is_refused(folder, tmp_path, capsys, case, expected):
    path = tmp_path / "s.xlsx"
    if case == "no worksheet":
        workbook(path, None, book=WORKBOOK.replace('<sheet name="考评" sheetId="1" r:id="rId1"/>', ""))
    elif case == "sheet part missing":
        workbook(path, None)
    elif case == "truncated":
        workbook(path, sheet_xml(folder)[:700])
    elif case == "NaN":
        workbook(path, sheet_xml(folder, score="<v>NaN</v>"))
    elif case == "bad reference":
        workbook(path, sheet_xml(folder).replace('r="B2"', 'r="B0"'))
    elif case == "bad shared string":
        workbook(path, sheet_xml(folder, score="<v>7</v>").replace('<c r="B2">', '<c r="B2" t="s">'))
    elif case == "DTD":
        head = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        workbook(path, sheet_xml(folder, head=head))
    elif case == "huge dimension":
        sheet = sheet_xml(folder, extra=f'<row r="1048576">{inline("XFD1048576", "x")}</row>')
        workbook(path, sheet.replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>'))
    else:
        workbook(path, sheet_xml(folder, extra=f'<row r="40">{inline("ZZZ40", "x")}</row>'))
    code, err = run_import(folder, path, capsys)
    assert_rejected(folder, code, err, expected)


def test_a_huge_shared_string_is_refused_before_it_is_read(folder, tmp_path, capsys):
    path = workbook(tmp_path / "s.xlsx", sheet_xml(folder), shared=f"<sst {NS}><si><t>" + "a" * (MAX_PART_BYTES + 1) + "</t></si></sst>")
    assert path.stat().st_size < 1_000_000
    code, err = run_import(folder, path, capsys)
    assert_rejected(folder, code, err, "xl/sharedStrings.xml 解压后有", f"超出 {MAX_PART_BYTES} 字节的上限")


@pytest.mark.parametrize("name", ["s.csv", "s.xlsx", "s.xls"])
def test_a_file_over_the_size_limit_is_refused_unread(folder, tmp_path, capsys, name):
    path = tmp_path / name
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, the size is what counts
    code, err = run_import(folder, path, capsys)
    assert_rejected(folder, code, err, f"超出 {MAX_FILE_BYTES} 字节的上限")


def test_a_fifo_is_refused_instead_of_waiting_for_a_writer(folder, tmp_path, capsys):
    path = tmp_path / "s.csv"
    os.mkfifo(path)
    code, err = run_import(folder, path, capsys)
    assert_rejected(folder, code, err, "不是普通文件")


def test_a_score_with_57_decimals_is_refused_at_import(folder, tmp_path, capsys):
    rows = office_rows(folder)
    rows[2][1] = "80." + "1" * 57
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, "s.csv:4:2:", "得分最多 6 位小数，实际为 “80.111")


def test_a_score_cell_with_control_characters_is_shown_escaped(folder, tmp_path, capsys):
    rows = office_rows(folder)
    rows[0][1] = "\x1b[31m80"
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, "实际为 “\\x1b[31m80”")
    assert "\x1b" not in err


@pytest.mark.parametrize("argv", [["import", "--source", "office", "-f", "x.csv", "--period", "0000-01"],
                                  ["rank", "--period", "0000-01"], ["rank", "--period", "2101"],
                                  ["history", "--to", "0000-01"]])
def test_a_period_outside_1949_to_2100_is_refused(folder, capsys, argv):
    capsys.readouterr()
    assert main(["assess", argv[0], str(folder), *argv[1:]]) == 2
    err = capsys.readouterr().err
    assert "的年份应在 1949 到 2100 之间" in err and "Traceback" not in err


@pytest.mark.parametrize("edit, message", [
    (('missing = "reweight"', "missing = []"), "scheme.missing 应为以下之一"),
    (('aggregate = "mean"', "aggregate = { a = 1 }"), "scheme.aggregate 应为以下之一"),
    (('rule = "linear"', 'rule = ["linear"]'), "funding.rule 应为以下之一"),
    (('name = "第三方考评"', 'name = "第三方考评"\nkind = []'), "sources.third_party.kind 应为以下之一"),
    (('missing = "reweight"', 'missing = "\\u001b[2J"'), '实际为 "\\u001b[2J"'),
])
def test_scheme_fields_of_the_wrong_type_are_located(folder, capsys, edit, message):
    scheme = folder / "scheme.toml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 2
    err = capsys.readouterr().err
    assert "scheme.toml:" in err and message in err and "Traceback" not in err and "\x1b" not in err


SELF_CHECK = '\n[sources.self]\nname = "自评"\nkind = "self-check"\nprofiles = {template}\n'


@pytest.mark.parametrize("template, message", [
    ('"{0}/{period}.toml"', "中的 {0} 不是可用的占位符；可用：{period}（考评月份，如 2026-03）、{short}（单位简称）、{name}（单位全称）"),
    ('"{short.__class__}/{period}.toml"', "中的 {short.__class__} 不是可用的占位符"),
    ('"{period}/{short!r}.toml"', "中的 {short!r} 不是可用的占位符"),
    ('"{period/{short}.toml"', "中的花括号不成对"),
    ('"自评/{short}.toml"', "应含 {period}"),
])
def test_a_self_check_template_takes_only_its_named_placeholders(folder, capsys, template, message):
    scheme = folder / "scheme.toml"
    scheme.write_text(scheme.read_text(encoding="utf-8") + SELF_CHECK.format(template=template), encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 2
    err = capsys.readouterr().err
    assert f"sources.self.profiles {message}" in err
    assert "Traceback" not in err


@pytest.fixture
def ranked(fresh_year, capsys) -> Path:
    capsys.readouterr()
    assert main(["assess", "rank", str(fresh_year), "--period", "2026-03"]) == 0
    return fresh_year


def test_a_binary_kept_csv_is_exit_2_naming_the_file(ranked, capsys):
    kept = ranked / "history" / "2026-02" / "inputs.csv"
    kept.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    capsys.readouterr()
    assert main(["assess", "rank", str(ranked), "--period", "2026-03"]) == 2
    err = capsys.readouterr().err
    assert "inputs.csv" in err and "Traceback" not in err


def test_a_binary_results_json_is_ranked_again_from_the_inputs(ranked, capsys):
    results = ranked / "history" / "2026-02" / "results.json"
    good = results.read_bytes()
    for damage in (b"\xff\xfe\x00binary", b"[" * 100_000, b'{"scheme": {}, "groups": 7}'):
        results.write_bytes(damage)
        capsys.readouterr()
        assert main(["assess", "history", str(ranked), "--to", "2026-03", "--format", "json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["months"][-2:] == ["2026-02", "2026-03"]
        assert results.read_bytes() == good


def test_a_roster_name_with_a_control_character_is_located_and_shown_escaped(folder, capsys):
    roster = folder / "roster.csv"
    roster.write_text(roster.read_text(encoding="utf-8-sig").replace("东风路街道办事处", "东风路\x1b[2J街道办事处", 1), encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 2
    err = capsys.readouterr().err
    assert "roster.csv:2:1: 错误：单位名称中有控制字符：“东风路\\x1b[2J街道办事处”" in err and "\x1b" not in err


def test_an_unknown_source_is_shown_escaped(folder, capsys):
    capsys.readouterr()
    assert main(["assess", "import", str(folder), "--period", "2026-03", "--source", "x\x07y", "-f", "s.csv"]) == 2
    err = capsys.readouterr().err
    assert "方案中没有来源 “x\\x07y”" in err and "\x07" not in err


def test_a_sheet_name_that_is_not_there_is_shown_escaped_with_the_sheets_there_are(folder, tmp_path, capsys):
    path = workbook(tmp_path / "s.xlsx", sheet_xml(folder))
    capsys.readouterr()
    argv = ["assess", "import", str(folder), "--period", "2026-03", "--source", "office", "-f", str(path), "--sheet", "三月\x1b[8m"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "工作簿中没有名为 “三月\\x1b[8m” 的工作表；有：考评" in err and "\x1b" not in err
