"""docs/plugins.md works as written: its tutorial's files are run, and every hook is documented."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys

import pytest

from tests.plugins.conftest import ROOT
from ucm_check import hookspecs
from ucm_check.cli import main

DOC = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
FILES = dict((m.group(2), m.group(3)) for m in re.finditer(r"```(python|toml)\n# file: (\S+)\n(.*?)```", DOC, re.S))


@pytest.fixture
def tutorial(tmp_path):
    for name, body in FILES.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_the_tutorial_has_its_plugin_profile_test_and_tailoring_files():
    assert set(FILES) == {"night_patrol.py", "city.toml", "test_night_patrol.py", "city-tailoring.toml",
                          "reporting_calendar.py", "calendar.toml"}


def test_the_dated_duties_example_finds_what_section_6_says(capsys, tutorial):
    code = main(["--log-level", "error", "check", str(tutorial / "calendar.toml"), "--no-entry-points",
                 "--plugins-dir", str(tutorial), "--as-of", "2025-10-20", "--format", "json"])
    import json

    profile = json.loads(capsys.readouterr().out)["profiles"][0]
    findings = {f["code"]: f for a in profile["areas"] for f in a["findings"]}
    assert (findings["CAL-1"]["status"], findings["CAL-1"]["due"]) == ("pending", "2025-10-31")
    assert "2025年9月于 2025-10-09 报送，晚于期限 2025-09-30 9 天" in findings["CAL-1"]["note"]
    assert (findings["CAL-2"]["status"], findings["CAL-2"]["due"]) == ("overdue", "2025-10-14")
    assert code == 0   # no policy given: only a policy gate exits 1 (docs/ci.md)


def test_the_tutorial_plugin_scores_the_tutorial_profile_as_the_text_says(capsys, tutorial):
    code = main(["--log-level", "error", "check", str(tutorial / "city.toml"), "--no-entry-points",
                 "--plugins-dir", str(tutorial), "--format", "json"])
    import json

    profile = json.loads(capsys.readouterr().out)["profiles"][0]
    findings = {f["code"]: f for a in profile["areas"] for f in a["findings"]}
    assert code == 0
    assert (findings["NP-2"]["status"], findings["NP-2"]["points"]) == ("deducted", 1.5)   # 3 × 0.5
    assert findings["NP-3"]["status"] == "overdue"                                        # due 2024-12-31
    assert profile["total"] == 8.5


def test_the_tutorial_test_file_passes_with_the_shipped_fixtures(tutorial):
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_night_patrol.py"],
                         cwd=tutorial, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "3 passed" in run.stdout


def test_the_tutorial_tailoring_file_applies(capsys, tutorial):
    code = main(["--log-level", "error", "check", str(tutorial / "city.toml"), "--no-entry-points",
                 "--plugins-dir", str(tutorial), "--tailoring", str(tutorial / "city-tailoring.toml")])
    out = capsys.readouterr().out
    assert code == 0
    assert "[NP-2] 按计划巡查  扣 0.75 分" in out                    # 3 × 0.25 after tailoring
    assert "[NP-4] 夜间巡查记录" in out and "未填写" in out           # the added rule awaits an answer
    assert "某市夜间巡查补充清单（2024）（某县细则裁剪）" in out


def _specs() -> dict[str, object]:
    return {name: fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(fn, "ucm_check_spec")}


def test_every_hookspec_has_a_docstring_and_a_section_in_docs_plugins_md():
    specs = _specs()
    assert {"ucm_check_standards", "ucm_check_areas", "ucm_check_default_deadline"} <= set(specs)
    undocumented = [n for n, fn in specs.items() if len((fn.__doc__ or "").strip()) < 40]
    missing = [n for n in specs if f"### `{n}`" not in DOC]
    assert not undocumented, f"hookspecs without a docstring: {undocumented}"
    assert not missing, f"hooks without a section under '## Hooks' in docs/plugins.md: {missing}"


def test_every_hook_documented_exists():
    documented = set(re.findall(r"^### `(ucm_check_\w+)`", DOC, re.M))
    assert documented == set(_specs())
