"""Finding plugins: loose files in a folder (option or environment), disabling by name, and one
broken plugin isolated while the rest still score (exit 3)."""

from __future__ import annotations

import json
import textwrap

import pytest

from tests.helpers import NIGHT_PATROL_PLUGIN, PROFILES
from ucm_check.cli import main
from ucm_check.engine.host import DEFAULT_PLUGINS, DISABLE_ENV, PLUGINS_DIR_ENV, build_host

TYPICAL = str(PROFILES / "hunan-county-typical.toml")
NIGHT_PATROL = NIGHT_PATROL_PLUGIN


def run(capsys, *argv):
    code = main(["--log-level", "error", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.delenv(PLUGINS_DIR_ENV, raising=False)
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    (tmp_path / "night_patrol.py").write_text(textwrap.dedent(NIGHT_PATROL), encoding="utf-8")
    (tmp_path / "_helper.py").write_text("raise SystemExit('helpers are not plugins')\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not python\n", encoding="utf-8")
    (tmp_path / "test_night_patrol.py").write_text("import no_such_module\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text("import no_such_module\n", encoding="utf-8")
    return tmp_path


def test_a_loose_plugin_file_in_a_plugins_dir_adds_its_area(folder):
    host = build_host(entry_points=False, plugin_dirs=[str(folder)])
    assert not host.errors
    assert host.plugins["night_patrol"].source == "file"
    assert host.standards["hunan-2020"].area("night").rules[0].code == "NP-1"
    assert set(host.plugins) - set(DEFAULT_PLUGINS) == {"night_patrol"}   # not _helper, notes.txt or tests


def test_plugins_lists_a_loose_plugin_given_by_option_or_by_environment(capsys, folder, monkeypatch):
    code, out, _ = run(capsys, "plugins", "--no-entry-points", "--plugins-dir", str(folder), "--format", "json")
    listed = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert code == 0 and listed["night_patrol"]["source"] == "file" and listed["night_patrol"]["status"] == "ok"
    monkeypatch.setenv(PLUGINS_DIR_ENV, str(folder))
    code, out, _ = run(capsys, "plugins", "--no-entry-points")
    assert code == 0 and "night_patrol" in out and "插件目录" in out


def test_a_missing_plugins_dir_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["plugins", "--no-entry-points", "--plugins-dir", str(tmp_path / "nope")])
    assert info.value.code == 2 and "插件目录不存在" in capsys.readouterr().err


def test_a_disabled_plugin_is_not_loaded(capsys, folder, monkeypatch):
    host = build_host(entry_points=False, plugin_dirs=[str(folder)], disabled=["night_patrol", "ucm_check_hunan2020.bonus"])
    assert "night_patrol" not in host.plugins and host.disabled == ["ucm_check_hunan2020.bonus", "night_patrol"]
    assert host.standards["hunan-2020"].area("bonus") is None
    code, out, _ = run(capsys, "check", TYPICAL, "--no-entry-points", "--plugins-dir", str(folder))
    assert code == 0 and "[NP-1] 夜间巡查" in out            # loaded: its fact is unanswered in the profile
    code, out, _ = run(capsys, "check", TYPICAL, "--no-entry-points", "--plugins-dir", str(folder),
                       "--disable-plugin", "night_patrol")
    assert code == 0 and "NP-1" not in out and "总分 86.2" in out
    monkeypatch.setenv(DISABLE_ENV, "ucm_check_hunan2020.bonus, night_patrol")
    env_host = build_host(entry_points=False, plugin_dirs=[str(folder)], environment=True)
    assert set(env_host.disabled) == {"ucm_check_hunan2020.bonus", "night_patrol"}


def test_disabling_a_name_no_plugin_has_is_a_usage_error_with_a_suggestion(capsys):
    with pytest.raises(SystemExit) as info:
        main(["plugins", "--no-entry-points", "--disable-plugin", "ucm_check_hunan2020.bonsu"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and "没有名为 “ucm_check_hunan2020.bonsu” 的插件可停用，是否想写 “ucm_check_hunan2020.bonus”？" in err


def test_a_loose_plugin_that_fails_to_import_is_isolated_and_the_check_exits_3(capsys, folder):
    (folder / "broken.py").write_text("def oops(:\n", encoding="utf-8")
    code, out, err = run(capsys, "check", TYPICAL, "--no-entry-points", "--plugins-dir", str(folder))
    assert code == 3
    assert "总分（仅已填写项目） 86.2" in out and "[NP-1] 夜间巡查" in out   # the others still score
    assert "插件 broken 在 import 中出错：SyntaxError" in err


def test_a_loose_plugin_whose_hook_raises_is_named_with_its_hook(capsys, folder):
    (folder / "raises.py").write_text(
        "from ucm_check.hookspecs import hookimpl\n\n@hookimpl\ndef ucm_check_areas():\n    raise KeyError('区域表')\n",
        encoding="utf-8")
    code, out, err = run(capsys, "check", TYPICAL, "--no-entry-points", "--plugins-dir", str(folder), "--format", "json")
    doc = json.loads(out)
    assert code == 3 and doc["exit_code"] == 3
    assert [(e["plugin"], e["hook"]) for e in doc["plugin_errors"]] == [("raises", "ucm_check_areas")]
    assert "KeyError" in doc["plugin_errors"][0]["error"] and "raises.py:5" in doc["plugin_errors"][0]["error"]
    assert doc["profiles"][0]["total"] == 86.2


def test_two_loose_plugins_with_one_name_are_both_reported(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.py").write_text("", encoding="utf-8")
    host = build_host(entry_points=False, plugin_dirs=[str(tmp_path / "a"), str(tmp_path / "b")])
    assert [(e.plugin, e.hook) for e in host.errors] == [(str(tmp_path / "b" / "same.py"), "import")]
    assert "插件名 same 已被其他插件使用" in host.errors[0].error


def test_a_missing_folder_named_by_the_environment_is_reported_as_a_plugin_failure(capsys, folder, monkeypatch, tmp_path):
    import os

    monkeypatch.setenv(PLUGINS_DIR_ENV, os.pathsep.join([str(tmp_path / "gone"), str(folder)]))
    code, out, err = run(capsys, "check", TYPICAL, "--no-entry-points")
    assert code == 3 and "[NP-1] 夜间巡查" in out                 # the folder that exists still loads
    assert f"插件 {tmp_path / 'gone'} 在 plugins-dir 中出错：无法读取插件目录" in err
