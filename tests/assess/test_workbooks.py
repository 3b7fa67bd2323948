"""Workbooks as offices have them, judged by LibreOffice: a third party's legacy .xls is imported
(the reason python-calamine reads source files), and the fund's column reaches the printed 排名表."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.assess.test_fund import with_fund
from tests.assess.test_import_errors import folder, office_rows, run_import  # noqa: F401
from tests.render import to_pdf
from tests.assess.conftest import kept_lines
from ucm_check.cli import main


def to_xls(document: Path, out_dir: Path) -> Path:
    """``document`` saved by LibreOffice as Excel 97-2003 (.xls), as WPS and old Excel keep files."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-*-nogui")
    profile = out_dir / ".lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                           "--convert-to", "xls:MS Excel 97", "--outdir", str(out_dir), str(document)],
                          capture_output=True, text=True, timeout=240)
    xls = out_dir / (document.stem + ".xls")
    assert done.returncode == 0 and xls.exists(), f"LibreOffice failed: {done.stdout}\n{done.stderr}"
    return xls


def test_a_legacy_xls_from_a_third_party_is_imported_with_its_title_row(folder, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["区城考办 2026年3月考评结果"])
    book.active.append(["序号", "被考评单位", "得分"])
    for n, (name, _) in enumerate(office_rows(folder), start=1):
        book.active.append([n, name, 80.5 if n != 2 else 91.25])
    book.save(tmp_path / "区城考办03.xlsx")
    xls = to_xls(tmp_path / "区城考办03.xlsx", tmp_path / "xls")
    code, err = run_import(folder, xls, capsys)
    assert code == 0, err
    kept = kept_lines(folder, "2026-03", "office")
    assert kept[1].startswith("东风路街道办事处,80.5,区城考办03.xls:3")
    assert kept[2].startswith("西湖路街道办事处,91.25,区城考办03.xls:4")


def test_a_legacy_xls_with_a_bad_score_names_its_row_and_column_letter(folder, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["单位名称", "得分"])
    for n, (name, _) in enumerate(office_rows(folder), start=1):
        book.active.append([name, 80 if n != 4 else "良好"])
    book.save(tmp_path / "s.xlsx")
    code, err = run_import(folder, to_xls(tmp_path / "s.xlsx", tmp_path / "xls"), capsys)
    assert code == 2 and "s.xls:5:2:" in err and "实际为 “良好”（第 5 行 B 列）" in err


def test_the_fund_column_reaches_the_printed_ranking(fresh_year, tmp_path, capsys):
    import pdfplumber

    folder = with_fund(fresh_year)
    out = tmp_path / "排名表.xlsx"
    capsys.readouterr()
    assert main(["assess", "publish", str(folder), "--period", "2026-03", "-o", str(out)]) == 0
    with pdfplumber.open(to_pdf(out, tmp_path / "pdf")) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "基金奖惩" in text and "奖 62499.99元" in text and "扣 30000.00元" in text


def test_a_tiny_xls_with_a_cell_in_its_far_corner_is_refused_not_allowed_a_gigabyte(folder, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["单位名称", "得分"])
    book.active["IV65536"] = 1  # the last cell of a .xls sheet: calamine would size a 65536 x 256 grid
    book.save(tmp_path / "角落.xlsx")
    xls = to_xls(tmp_path / "角落.xlsx", tmp_path / "xls")
    assert xls.stat().st_size < 20_000
    code, err = run_import(folder, xls, capsys)
    assert code == 2 and "不是有效的 Excel 工作簿（文件损坏、格式不符或工作表过大" in err
    assert kept_lines(folder, "2026-03", "office") is None
