"""Every way a source file can be wrong: a Chinese message naming file, row and column, exit 2,
and nothing kept for the month."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assess.district import roster
from tests.assess.conftest import kept_lines
from ucm_check.cli import main


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "district"
    assert main(["assess", "init", str(target)]) == 0
    return target


def office_rows(folder: Path) -> list[list[str]]:
    """A valid 区城考办 file: every street and special-work unit, score 80."""
    return [[u["单位名称"], "80"] for u in roster(folder) if u["组别"] != "区直局委组"]


def write_csv(path: Path, rows: list[list[str]], header=("单位名称", "得分"), encoding="utf-8-sig") -> Path:
    path.write_text("\n".join(",".join(r) for r in [list(header), *rows]) + "\n", encoding=encoding)
    return path


def run_import(folder: Path, path: Path | None, capsys, period="2026-03", source="office") -> tuple[int, str]:
    capsys.readouterr()
    argv = ["assess", "import", str(folder), "--period", period, "--source", source]
    code = main(argv + (["-f", str(path)] if path else []))
    return code, capsys.readouterr().err


def test_a_valid_file_is_kept_for_the_month(folder, tmp_path, capsys):
    code, _ = run_import(folder, write_csv(tmp_path / "ok.csv", office_rows(folder)), capsys)
    assert code == 0 and kept_lines(folder, "2026-03", "office") is not None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_or_gbk_is_read(folder, tmp_path, capsys, encoding):
    code, err = run_import(folder, write_csv(tmp_path / "ok.csv", office_rows(folder), encoding=encoding), capsys)
    assert code == 0, err


def assert_rejected(folder: Path, code: int, err: str, *expected: str) -> None:
    assert code == 2
    for text in expected:
        assert text in err, err
    assert kept_lines(folder, "2026-03", "office") is None
    assert "Traceback" not in err


def test_an_unknown_unit_names_row_and_column_and_suggests(folder, tmp_path, capsys):
    rows = office_rows(folder)
    rows[3][0] = "南园路街道办"
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, "s.csv:5:1: 错误：名册中没有单位 “南园路街道办”", "是否想写", "（第 5 行第 1 列）")


def test_a_unit_named_twice_by_name_and_short_name_is_a_duplicate(folder, tmp_path, capsys):
    rows = office_rows(folder) + [["东风街道", "70"]]
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, f"s.csv:{len(rows) + 1}:1:", "重复：第 2 行已有该单位（东风路街道办事处）的得分")


def test_a_missing_unit_is_listed_never_dropped(folder, tmp_path, capsys):
    rows = office_rows(folder)[1:]
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, "s.csv:1:1:", "缺少单位：东风路街道办事处", "缺评")


def test_a_unit_of_a_group_that_does_not_use_the_source_is_refused(folder, tmp_path, capsys):
    rows = office_rows(folder) + [["区城管局", "80"]]
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, "属于其他考评组，该组不采用“区城考办考评”的得分")


@pytest.mark.parametrize("score, message", [
    ("100.5", "得分 100.5 超出“区城考办考评”的范围 0 到 100"),
    ("-1", "得分 -1 超出“区城考办考评”的范围 0 到 100"),
    ("", "得分为空"),
    ("八十", "得分应为数字（如 87.5），实际为 “八十”"),
    ("NaN", "得分应为数字（如 87.5），实际为 “NaN”"),
    ("inf", "得分应为数字（如 87.5），实际为 “inf”"),
])
def test_a_bad_score_names_its_cell_as_written(folder, tmp_path, capsys, score, message):
    rows = office_rows(folder)
    rows[2][1] = score
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)
    assert_rejected(folder, code, err, "s.csv:4:2:", message)


def test_scores_at_the_range_edges_are_accepted(folder, tmp_path, capsys):
    rows = office_rows(folder)
    rows[0][1], rows[1][1] = "0", "100"
    assert run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)[0] == 0


def test_a_period_column_naming_another_month_is_refused(folder, tmp_path, capsys):
    rows = [[name, "2026-03" if i != 4 else "2026年2月", score] for i, (name, score) in enumerate(office_rows(folder))]
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", rows, header=("单位名称", "考评月份", "得分")), capsys)
    assert_rejected(folder, code, err, "s.csv:6:2:", "期间 “2026年2月” 与导入的期间 2026-03（2026年3月）不符")


@pytest.mark.parametrize("period, message", [("2026-13", "期间 “2026-13” 不存在"), ("2026-Q1", "不是月份"),
                                             ("三月", "无法识别")])
def test_a_period_that_does_not_exist_is_refused(folder, tmp_path, capsys, period, message):
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", office_rows(folder)), capsys, period=period)
    assert code == 2 and message in err


def test_an_unknown_source_is_refused_with_a_suggestion(folder, tmp_path, capsys):
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", office_rows(folder)), capsys, source="ofice")
    assert code == 2 and "方案中没有来源 “ofice”，是否想写 “office”？" in err


def test_a_file_without_the_headers_says_what_it_looked_for(folder, tmp_path, capsys):
    code, err = run_import(folder, write_csv(tmp_path / "s.csv", office_rows(folder), header=("名字", "分")), capsys)
    assert_rejected(folder, code, err, "s.csv:1:1:", "找不到表头", "“单位名称”", "“得分”")


def test_a_file_in_neither_utf8_nor_gbk_is_refused(folder, tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_bytes("单位名称,得分\n".encode("utf-8") + b"\xff\xfe\xfa\xfb,80\n")
    code, err = run_import(folder, path, capsys)
    assert_rejected(folder, code, err, "既不是 UTF-8 也不是 GBK")


def test_a_broken_xlsx_or_xls_and_an_unsupported_format_are_refused(folder, tmp_path, capsys):
    broken = tmp_path / "s.xlsx"
    broken.write_bytes(b"not a zip")
    code, err = run_import(folder, broken, capsys)
    assert_rejected(folder, code, err, "不是有效的 xlsx 工作簿")
    old = tmp_path / "s.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, err = run_import(folder, old, capsys)
    assert_rejected(folder, code, err, "不是有效的 Excel 工作簿")
    ods = tmp_path / "s.ods"
    ods.write_bytes(b"PK")
    code, err = run_import(folder, ods, capsys)
    assert_rejected(folder, code, err, "格式不受支持", "另存为 .xlsx 或 CSV")


def test_xlsx_problems_name_the_column_letter(folder, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["区城考办 2026年3月考评"])
    ws.append(["序号", "单位", "得分"])
    for n, (name, _) in enumerate(office_rows(folder), start=1):
        ws.append([n, name, 80.5 if n != 3 else 101])
    book.save(tmp_path / "s.xlsx")
    code, err = run_import(folder, tmp_path / "s.xlsx", capsys)
    assert_rejected(folder, code, err, "s.xlsx:5:3:", "得分 101 超出", "（第 5 行 C 列）")


def test_a_source_marked_not_assessed_is_kept_as_missing_never_zero(folder, tmp_path, capsys):
    rows = office_rows(folder)
    rows[0][1] = "缺评"
    assert run_import(folder, write_csv(tmp_path / "s.csv", rows), capsys)[0] == 0
    kept = kept_lines(folder, "2026-03", "office")
    assert kept[1].startswith("东风路街道办事处,缺评,")


def test_ranking_a_month_with_a_source_not_imported_names_the_source(folder, tmp_path, capsys):
    run_import(folder, write_csv(tmp_path / "s.csv", office_rows(folder)), capsys)
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 2
    assert "2026年3月尚未导入：第三方考评（third_party）" in capsys.readouterr().err
