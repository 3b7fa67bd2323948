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
