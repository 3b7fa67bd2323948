"""A real terminal for the TUI tests: a program in a detached tmux session, keys sent one by one.

Tests that use it carry ``pytest.mark.requires_tool("tmux")``: skipped when tmux is missing, failed under
``UCM_REQUIRE_TOOLS=1`` as CI runs (``tests/tools.py``).
"""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path


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
