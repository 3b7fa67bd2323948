"""``ucm-check new-plugin``: a package that works as generated, and refusals for bad names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ucm_check.cli import main
from ucm_check.commands.new_plugin import files


def run(capsys, *argv):
    code = main(["--log-level", "error", "new-plugin", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["Night", "1patrol", "night patrol", "night--patrol", "夜间"])
def test_a_name_that_cannot_be_a_package_is_refused(capsys, tmp_path, name):
    code, _, err = run(capsys, name, "--dir", str(tmp_path))
    assert code == 2 and "插件名" in err and not any(tmp_path.iterdir())


def test_an_existing_folder_is_not_overwritten_without_force(capsys, tmp_path):
    (tmp_path / "night").mkdir()
    code, _, err = run(capsys, "night", "--dir", str(tmp_path))
    assert code == 2 and "已存在" in err and not any((tmp_path / "night").iterdir())
    assert run(capsys, "night", "--dir", str(tmp_path), "--force")[0] == 0


def test_an_unknown_standard_to_attach_to_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "night", "--dir", str(tmp_path), "--standard", "hunan-2021")
    assert code == 2 and "未知的评价标准 “hunan-2021”" in err


def test_an_area_added_to_hunan_2020_passes_its_generated_tests_from_source(capsys, tmp_path):
    assert run(capsys, "night", "--dir", str(tmp_path), "--standard", "hunan-2020")[0] == 0
    package = tmp_path / "night"
    assert not (package / "src" / "ucm_check_night" / "standard.py").exists()
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=package,
                           capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(package / "src")})
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert "3 passed" in tests.stdout


def test_the_entry_points_name_every_generated_plugin_module():
    generated = files("city-night")
    pyproject = generated["pyproject.toml"]
    modules = sorted(p.rsplit("/", 1)[1][:-3] for p in generated if p.startswith("src/") and not p.endswith("__init__.py"))
    assert modules == ["rules", "standard"]
    for module in modules:
        assert f'city_night_{module} = "ucm_check_city_night.{module}"' in pyproject
