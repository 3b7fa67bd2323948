"""A non-editable install, run from outside the repository, still finds every builtin plugin."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv

from tests.helpers import PROFILES, ROOT


def test_pip_install_dot_into_a_fresh_venv_finds_builtins_and_scores_profiles(tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    pip = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(ROOT)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-2000:]
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(PROFILES / "hunan-county-typical.toml", outside / "county.toml")
    exe = str(bindir / "ucm-check")

    plugins = subprocess.run([exe, "plugins", "--format", "json"], cwd=outside, capture_output=True, text=True)
    assert plugins.returncode == 0, plugins.stderr
    listed = json.loads(plugins.stdout)
    builtin = [p for p in listed["plugins"] if p["source"] == "builtin"]
    assert len(builtin) == 14 and all(p["status"] == "ok" for p in builtin)
    assert listed["standards"][0]["id"] == "hunan-2020" and len(listed["standards"][0]["areas"]) == 13

    check = subprocess.run([exe, "check", "county.toml", "--format", "json"], cwd=outside, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["profiles"][0]["total"] == 86.2
    installed = subprocess.run([str(bindir / "python"), "-c", "import ucm_check; print(ucm_check.__file__)"],
                               cwd=outside, capture_output=True, text=True)
    assert "site-packages" in installed.stdout
