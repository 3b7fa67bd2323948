"""Installed for real: the Henan pack and a scaffolded plugin, each pip-installed into a fresh
virtual environment, are found through their entry points.

The fresh environment sees the running environment's packages through a ``.pth`` file (ucm-check
itself, pytest, hatchling when present), so only the package under test is installed into it:
no registry downloads beyond a build backend, a few seconds per test.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.plugins.conftest import ROOT


def fresh_venv(where: Path) -> Path:
    """A new virtual environment layered on this one; returns its python."""
    venv.create(where, with_pip=False)
    python = where / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    parent = sysconfig.get_paths()["purelib"]
    Path(site, "_parent_env.pth").write_text(f"import site; site.addsitedir({parent!r})\n", encoding="utf-8")
    return python


def pip_install(python: Path, package: Path) -> None:
    offline_build = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           *offline_build, str(package)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def ucm_check(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "ucm_check", *args], cwd=cwd, capture_output=True, text=True)


def test_the_henan_pack_installed_into_a_fresh_venv_is_listed_and_scores_a_henan_profile(tmp_path):
    python = fresh_venv(tmp_path / "venv")
    before = ucm_check(python, "plugins", "--format", "json", cwd=tmp_path)
    assert "henan-2021" not in before.stdout
    pip_install(python, ROOT / "plugins" / "henan2021")

    listed = ucm_check(python, "plugins", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    doc = json.loads(listed.stdout)
    henan = {p["name"]: p for p in doc["plugins"] if p["name"].startswith("henan2021_")}
    assert set(henan) == {"henan2021_standard", "henan2021_management", "henan2021_capacity",
                          "henan2021_opinion", "henan2021_reporting", "henan2021_requirements"}
    assert all(p["source"] == "entry point" and p["version"] == "0.1.0" and p["status"] == "ok" for p in henan.values())
    assert {s["id"]: len(s["areas"]) for s in doc["standards"]}["henan-2021"] == 5

    checked = ucm_check(python, "check", str(ROOT / "profiles" / "henan-city.toml"), "--format", "json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    profile = json.loads(checked.stdout)["profiles"][0]
    assert profile["standard"]["id"] == "henan-2021"
    statuses = {f["code"]: f["status"] for a in profile["areas"] for f in a["findings"]}
    # dates long past stay overdue / met whatever day the test runs
    assert statuses["HEN-23-2"] == "overdue" and statuses["HEN-23-4"] == "compliant" and statuses["HEN-24-3"] == "not_met"

    disabled = ucm_check(python, "plugins", "--disable-plugin", "ucm-check-henan2021", "--format", "json", cwd=tmp_path)
    assert disabled.returncode == 0
    listed = json.loads(disabled.stdout)
    assert not [p for p in listed["plugins"] if p["name"].startswith("henan2021_")]
    assert "henan-2021" not in {s["id"] for s in listed["standards"]} and listed["disabled"]


def test_a_scaffolded_plugin_installs_passes_its_own_tests_and_is_listed(tmp_path):
    python = fresh_venv(tmp_path / "venv")
    made = ucm_check(python, "new-plugin", "night-patrol", "--dir", str(tmp_path), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    package = tmp_path / "night-patrol"
    pip_install(python, package)

    tests = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=package,
                           capture_output=True, text=True)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "3 passed" in tests.stdout

    listed = ucm_check(python, "plugins", cwd=package)
    assert listed.returncode == 0, listed.stderr
    assert "night_patrol_rules" in listed.stdout and "night-patrol（1 个区域）" in listed.stdout
    bad = ucm_check(python, "check", "examples/bad.toml", cwd=package)
    assert bad.returncode == 0 and "扣 2 分" in bad.stdout


def test_the_city_capacity_pack_installed_into_a_fresh_venv_checks_its_bundled_profiles(tmp_path):
    python = fresh_venv(tmp_path / "venv")
    pip_install(python, ROOT / "plugins" / "citycapacity")
    listed = ucm_check(python, "plugins", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    doc = json.loads(listed.stdout)
    assert {p["name"] for p in doc["plugins"] if p["name"].startswith("citycapacity_")} == {
        "citycapacity_standard", "citycapacity_county", "citycapacity_city", "citycapacity_systems"}
    assert {s["id"]: len(s["areas"]) for s in doc["standards"]}["city-capacity"] == 4   # county, city, their systems
    for name, code, status in (("citycapacity-county.toml", "CAP-23a", "overdue"), ("citycapacity-city.toml", "CAP-24b", "overdue")):
        checked = ucm_check(python, "check", str(ROOT / "profiles" / name), "--as-of", "2026-11-24", "--format", "json",
                            cwd=tmp_path)
        assert checked.returncode == 0, checked.stderr  # no policy given: nothing exits 1
        profile = json.loads(checked.stdout)["profiles"][0]
        statuses = {f["code"]: f["status"] for a in profile["areas"] for f in a["findings"]}
        assert statuses[code] == status and profile["standard"]["id"] == "city-capacity"
