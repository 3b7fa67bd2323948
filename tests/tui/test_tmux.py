"""A real terminal: drive ``ucm-check tui`` in tmux, read the pane, and check a save lands on disk.

Skipped when tmux is not installed, failed under ``UCM_REQUIRE_TOOLS=1`` (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.terminal import Pane

pytestmark = pytest.mark.requires_tool("tmux")


def test_the_tui_renders_chinese_in_a_real_terminal_and_saves(tmp_path):
    profiles = Path(__file__).resolve().parents[2] / "profiles"
    target = tmp_path / "t.toml"
    shutil.copy(profiles / "hunan-county-typical.toml", target)
    done = tmp_path / "exit-code"
    pane = Pane(f"{sys.executable} -m ucm_check tui t.toml --no-entry-points; echo $? > {done}", tmp_path)
    try:
        screen = pane.wait_for("加强基层党建工作")
        assert "总分 86.2 分" in screen and "保存" in screen
        pane.keys("Down", "Down", "Enter")  # 三、统一执法人员着装
        pane.wait_for("执法着装规范")
        pane.keys("Tab")  # the second question: dress violations, 7
        pane.keys("BSpace", "2", "Enter")  # enter commits the typed answer
        pane.wait_for("（未保存）")
        pane.keys("C-s")
        pane.wait_for("已保存")
        assert "dress_violations = 2  # 督查通报 7 起" in target.read_text(encoding="utf-8")
        pane.keys("C-q")
        deadline = time.monotonic() + 10
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.read_text().strip() == "0"
    finally:
        pane.close()


def test_the_timetable_fits_80_columns_of_a_real_terminal_and_scrolls_to_later_months(tmp_path):
    """Issue 20: at 80x24 the 牵头单位 column was off-screen. In a real terminal it is there (cut
    short), the top line says how to reach the months beyond the edge, and the arrow keys do."""
    profiles = Path(__file__).resolve().parents[2] / "profiles"
    for name in ("hunan-county-typical.toml", "hunan-county-typical.plan.toml"):
        shutil.copy(profiles / name, tmp_path / name)
    pane = Pane(f"{sys.executable} -m ucm_check tui hunan-county-typical.toml --no-entry-points", tmp_path)
    try:
        pane.wait_for("加强基层党建工作")
        pane.keys("t")
        screen = pane.wait_for("左右键滚动查看其余月份")
        header = next(line for line in screen.splitlines() if "编号" in line)
        assert "牵头" in header and "状态" in header, screen
        assert "牵头单位：办公室" in screen                       # HN-11-1's, in full in the detail
        months = next(line for line in screen.splitlines() if "11 12" in line)
        assert "05" not in months                                 # the plan's last deadline is 2027-05-23
        pane.keys(*["Right"] * 30)
        deadline = time.monotonic() + 10
        while "04 05" not in pane.text() and time.monotonic() < deadline:
            time.sleep(0.2)
        scrolled = pane.text()
        assert "04 05" in scrolled and any(line.startswith(" 月份") for line in scrolled.splitlines()), scrolled
    finally:
        pane.close()
