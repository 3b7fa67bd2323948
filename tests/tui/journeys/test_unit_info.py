"""Journey (real terminal): the whole self-check without touching TOML (issue 20's Done-when).

``ucm-check init``, ``ucm-check tui``, 单位信息 (key u) filled in, a few answers, the 自评报告
exported from the TUI; the .docx, read with python-docx, has the unit name, region, period and the
主要做法和成效 typed, and no 【待填写】 for what was entered. The file on disk is checked by the CLI.
"""

from __future__ import annotations

import shutil
import sys
import time

import pytest

from journeys.driver import check_json, statuses
from tests.packs import run_cli
from tests.terminal import Pane

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

NAME, REGION, PERIOD = "乙县城市管理和综合执法局", "湖南省某市乙县", "2020"
PRACTICES = ("一是建立党建网格，覆盖全部街道", "二是全员轮训，持证率达到百分之九十八")


def docx_text(path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_unit_information_typed_in_the_tui_reaches_the_exported_self_report(tmp_path):
    path = tmp_path / "乙县.toml"
    assert run_cli("init", str(path), "--level", "县市区").returncode == 0
    done = tmp_path / "exit-code"
    term = Pane(f"{sys.executable} -m ucm_check tui 乙县.toml --no-entry-points; echo $? > {done}", tmp_path)
    try:
        term.wait_for("加强基层党建工作")
        term.keys("u")                                               # 单位信息
        term.wait_for("单位名称（必填）")
        term.keys("-l", NAME, "Tab", "-l", REGION, "Tab", "C-u", "-l", PERIOD, "Tab")
        for _ in range(5):                                           # 报送日期, 标题, 主送, 字号, 签发人, 成文日期
            term.keys("Tab")
        term.keys("Tab")
        term.wait_for("主要做法和成效")
        term.keys("-l", PRACTICES[0], "Enter", "-l", PRACTICES[1], "Tab")
        term.keys("Escape")                                          # back to the overview
        term.wait_for("u 单位信息")
        term.keys("Enter")                                           # 一、加强基层党建工作
        term.wait_for("党组织健全")
        term.keys("y", "Tab", "n", "Escape")                         # two answers
        term.keys("x")                                               # export
        term.wait_for("自评报告（Word 公文）")
        term.keys("End", "Enter")                                    # the last kind: 自评报告
        term.wait_for("先保存再导出")
        term.keys("Enter")
        shown = term.wait_for("已导出")
        term.keys("C-q")
        deadline = time.monotonic() + 15
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        term.close()
    report = tmp_path / "乙县-自评报告.docx"
    toast = shown[shown.index("已导出"):]
    assert f"{report.parent.parts[1]}/" in toast and "乙县-自评报告.docx" in toast   # the full path, not a bare name
    text = docx_text(report)
    for wanted in (NAME, REGION, PERIOD, *PRACTICES):
        assert wanted in text, wanted
    assert "请填写单位名称" not in text
    assert "主要做法和成效（由本单位撰写" not in text                 # the practices placeholder is gone
    checked = check_json(path)
    assert (checked["unit"]["name"], checked["unit"]["region"], checked["unit"]["period"]) == (NAME, REGION, PERIOD)
    rules = statuses(checked)
    assert rules["HN-01-1"] == "compliant" and rules["HN-01-2"] == "deducted"
    saved = path.read_text(encoding="utf-8")
    assert f'region = "{REGION}"' in saved and PRACTICES[1] in saved
    assert "# recipient = " in saved                                   # fields left alone stay commented
