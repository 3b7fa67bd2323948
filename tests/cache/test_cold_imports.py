"""What a cold ``--version`` and ``check`` import: only what they use (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROFILE = Path(__file__).resolve().parent.parent.parent / "profiles" / "hunan-county-typical.toml"
HEAVY = ("textual", "docx", "xlsxwriter", "tomlkit", "structlog", "rich", "lxml", "python_calamine",
         "chinese_calendar", "platformdirs", "importlib.metadata", "tempfile")

PROBE = """
import sys
from ucm_check.cli import main
code = main({argv!r})
sys.stderr.write("\\nMODULES:" + ",".join(sorted(sys.modules)) + "\\n")
sys.stderr.write("CODE:" + str(code) + "\\n")
"""


def modules_after(argv: list[str], cwd: Path) -> set[str]:
    """The modules loaded by the end of ``ucm-check ARGV`` (run twice: the second run is the cached one)."""
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True,
                             cwd=cwd, check=True)
    assert "CODE:0" in run.stderr, run.stderr
    return set(run.stderr.rpartition("MODULES:")[2].partition("\n")[0].split(","))


def loaded(modules: set[str], names) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_version_imports_neither_argparse_nor_the_engine(tmp_path):
    modules = modules_after(["--version"], tmp_path)
    assert loaded(modules, ("argparse", "typing", "attr", "attrs", "pluggy", "ucm_check.engine", "ucm_check.model",
                            *HEAVY)) == []


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_cold_check_imports_no_writer_ui_or_metadata_library(tmp_path, fmt):
    modules = modules_after(["check", str(PROFILE), "--format", fmt], tmp_path)
    assert "ucm_check.engine.cache" in modules  # the cached path was the one taken
    assert loaded(modules, HEAVY) == []


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
def test_platformdirs_is_imported_only_without_a_configured_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("UCM_CHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path))
    modules = modules_after(["check", str(PROFILE), "--format", "json"], tmp_path)
    assert "platformdirs" in modules
    assert list((tmp_path / "xdg" / "ucm-check").glob("*.cache"))
