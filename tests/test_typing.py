"""The engine and the plugin API are typed: ``mypy --strict`` holds for them (the Shape protocol,
typed hook specs). Skipped, saying why, where mypy is not installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["ucm_check/engine", "ucm_check/model.py", "ucm_check/shapes.py", "ucm_check/rulekit.py",
           "ucm_check/hookspecs.py", "ucm_check/numbers.py", "ucm_check/dated"]


def test_mypy_strict_holds_for_the_engine_and_the_plugin_api():
    pytest.importorskip("mypy", reason="mypy is a test extra: pip install -e '.[test]'")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *CHECKED],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
