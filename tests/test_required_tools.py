"""A missing judge skips locally and fails in CI: ``UCM_REQUIRE_TOOLS=1`` turns every skip for a
missing LibreOffice, pdftoppm, tmux or chromium into a failure that names the program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import tools

ROOT = Path(__file__).resolve().parent.parent

PROBE = '''
import pytest
from tests.render import to_pdf

def test_a_document_judged_by_libreoffice(tmp_path):
    to_pdf(tmp_path / "x.docx", tmp_path)

@pytest.mark.requires_tool("tmux")
def test_a_real_terminal():
    pass
'''


def _run_without_tools(tmp_path, require: str) -> subprocess.CompletedProcess:
    """pytest on :data:`PROBE` with a PATH holding none of the judges (python is called by full path)."""
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), tools.REQUIRE_ENV: require, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
                           "-c", str(ROOT / "pyproject.toml"), "--confcutdir", str(ROOT / "tests"),
                           "-p", "tests.conftest", str(tmp_path / "test_probe.py")],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def test_in_ci_a_missing_libreoffice_or_tmux_fails_naming_it(tmp_path):
    run = _run_without_tools(tmp_path, "1")
    assert run.returncode == 1, run.stdout
    assert "UCM_REQUIRE_TOOLS=1 and LibreOffice is not installed" in run.stdout
    assert "UCM_REQUIRE_TOOLS=1 and tmux is not installed" in run.stdout
    assert "1 failed, 1 error" in run.stdout  # the LibreOffice test fails, the marked one errors in setup


def test_locally_the_same_tests_skip_saying_which_program_is_missing(tmp_path):
    run = _run_without_tools(tmp_path, "")
    assert run.returncode == 0, run.stdout
    assert "LibreOffice is not installed (apt-get install libreoffice-calc-nogui" in run.stdout
    assert "tmux is not installed (apt-get install tmux" in run.stdout
    assert "2 skipped" in run.stdout


@pytest.mark.parametrize("tool, label", [("pdftoppm", "pdftoppm (poppler)"), ("chromium", "Chromium")])
def test_need_names_every_judge(monkeypatch, tool, label):
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    monkeypatch.setenv(tools.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception, match=f"{label.replace('(', '[(]').replace(')', '[)]')} is not installed"):
        tools.need(tool)
    monkeypatch.setenv(tools.REQUIRE_ENV, "0")
    with pytest.raises(pytest.skip.Exception, match="is not installed"):
        tools.need(tool)


def test_a_judge_that_is_installed_is_returned_by_path(monkeypatch):
    monkeypatch.setattr(tools.shutil, "which", lambda name: f"/opt/bin/{name}" if name == "libreoffice" else None)
    monkeypatch.setenv(tools.REQUIRE_ENV, "1")
    assert tools.need("soffice") == "/opt/bin/libreoffice"


def _ci_run_without_apt(tmp_path, ci: str) -> subprocess.CompletedProcess:
    """``.ci/run`` on a machine where no judge is installed and apt-get cannot install one."""
    import shutil

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for program in ("dirname", "grep"):
        (bin_dir / program).symlink_to(shutil.which(program))
    (bin_dir / "apt-get").write_text("#!/bin/sh\necho 'E: Unable to locate package' >&2\nexit 100\n", encoding="utf-8")
    (bin_dir / "apt-get").chmod(0o755)
    env = {"PATH": str(bin_dir), "CI": ci, "HOME": str(tmp_path)}
    return subprocess.run([shutil.which("bash"), str(ROOT / ".ci" / "run")], capture_output=True, text=True, env=env,
                          cwd=tmp_path)


def test_ci_stops_with_an_error_naming_the_judges_it_could_not_install(tmp_path):
    run = _ci_run_without_apt(tmp_path, "true")
    assert run.returncode == 1
    assert "::error::could not install tmux libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils " \
           "fonts-noto-cjk chromium" in run.stderr


def test_ci_run_requires_the_judges_for_the_tests_it_runs():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert "export UCM_REQUIRE_TOOLS=1" in lines
    assert lines.index("export UCM_REQUIRE_TOOLS=1") < lines.index("python -m pytest -q")
