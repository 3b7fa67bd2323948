"""A real terminal: drive ``ucm-check tui`` in tmux, read the pane, and check a save lands on disk.

Skipped when tmux is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Pane:
    """A real terminal: ``command`` in a detached 80x24 tmux session, keys sent one by one."""

    def __init__(self, command: str, cwd: Path):
        # a server of its own (-L): closing this pane never races another test's (or person's) tmux
        self.name = f"ucm-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", "-c", str(cwd),
                        "env", "LANG=C.UTF-8", "TERM=xterm-256color", "sh", "-c", command], check=True)

    def text(self) -> str:
        out = subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, check=False)
        return out.stdout.decode("utf-8", "replace")

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time: an escape followed by a letter would read as alt+letter
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if needle in text:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; the pane shows:\n{self.text()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False, capture_output=True)


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
        pane.keys("BSpace", "2")
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
