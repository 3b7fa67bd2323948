"""The headless path never imports Textual (GUIDE §4: harlequin's subprocess check)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import PROFILES

PROBE = r"""
import sys
{body}
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.") or m == "structlog")
sys.stderr.write("LOADED:" + ",".join(loaded) + "\n")
"""


def loaded_after(body: str) -> str:
    run = subprocess.run([sys.executable, "-c", PROBE.format(body=body)], capture_output=True, text=True, check=True)
    return run.stderr.rpartition("LOADED:")[2].strip()


def test_importing_the_cli_loads_no_textual():
    assert loaded_after("import ucm_check.cli") == ""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_headless_check_loads_neither_textual_nor_structlog(fmt):
    profile = PROFILES / "hunan-county-typical.toml"
    body = f"from ucm_check.cli import main\nmain(['check', {str(profile)!r}, '--format', {fmt!r}])"
    assert loaded_after(body) == ""
