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

    # Bundled files are named without a path, from outside the checkout (issue 17).
    roster = subprocess.run([exe, "intake", "--roster", "hunan-2020"], cwd=outside, capture_output=True, text=True)
    assert roster.returncode == 0, roster.stderr
    assert "共 28 个单位" in roster.stdout
    missing = subprocess.run([str(bindir / "python"), "-c", "import openpyxl"], capture_output=True, text=True)
    assert missing.returncode != 0, "the plain venv must not have the test extras"
    assert subprocess.run([exe, "assess", "init", "考评"], cwd=outside, capture_output=True).returncode == 0
    book = outside / "区城考办.xlsx"
    _office_workbook(outside / "考评" / "roster.csv", book)
    imported = subprocess.run([exe, "assess", "import", "考评", "--period", "2026-03", "--source", "office", "-f", str(book)],
                              cwd=outside, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    kept = (outside / "考评" / "history" / "2026-03" / "inputs.csv").read_text(encoding="utf-8-sig")
    assert "office,东风路街道办事处,80.5," in kept


def _office_workbook(roster, path) -> None:
    """The 区城考办's scores as an xlsx: 80.5 for every unit of the groups that use it."""
    import csv

    from openpyxl import Workbook

    with open(roster, encoding="utf-8-sig", newline="") as fh:
        units = [u["单位名称"] for u in csv.DictReader(fh) if u["组别"] != "区直局委组"]
    book = Workbook()
    book.active.append(["单位名称", "得分"])
    for unit in units:
        book.active.append([unit, 80.5])
    book.save(path)
