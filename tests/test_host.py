"""The plugin host keeps one broken plugin from taking the others down, and says which one broke."""

from __future__ import annotations

import sys
import textwrap

import pytest

from tests.helpers import NIGHT_PATROL_PLUGIN, PROFILES
from ucm_check.profile.checking import check_file
from ucm_check.engine.host import DEFAULT_PLUGINS, build_host

GOOD_AREA = NIGHT_PATROL_PLUGIN


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [m for m in sys.modules if m.startswith("ucmtest_")]:
        del sys.modules[name]


def write(folder, name, code):
    (folder / f"{name}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return (name, name)


def test_a_plugin_that_fails_to_import_is_reported_and_the_rest_still_score(plugin_dir):
    host = build_host(entry_points=False, modules=[write(plugin_dir, "ucmtest_broken", "import no_such_module\n")])
    assert [(e.plugin, e.hook) for e in host.errors] == [("ucmtest_broken", "import")]
    assert "ModuleNotFoundError" in host.errors[0].error
    assert host.plugins["ucmtest_broken"].status == "failed"
    result = check_file(str(PROFILES / "hunan-county-typical.toml"), host).result
    assert str(result.total) == "86.2"


def test_a_plugin_whose_hook_raises_is_reported_by_hook(plugin_dir):
    code = "from ucm_check.hookspecs import hookimpl\n@hookimpl\ndef ucm_check_areas():\n    raise RuntimeError('坏了')\n"
    host = build_host(entry_points=False, modules=[write(plugin_dir, "ucmtest_raises", code)])
    assert len(host.standards["hunan-2020"].areas) == 13
    assert [(e.plugin, e.hook) for e in host.errors] == [("ucmtest_raises", "ucm_check_areas")]
    assert "RuntimeError: 坏了" in host.errors[0].error


def test_an_area_whose_rules_raise_while_scoring_is_isolated(plugin_dir):
    code = GOOD_AREA.replace('shape=Flag(FACT, D("0"))', "shape=Boom()").replace(
        "FACT = yes_no", "class Boom:\n    facts = ()\n    max_points = D(0)\n    def evaluate(self, get, context=None):\n        raise ZeroDivisionError('x')\n\nFACT = yes_no")
    host = build_host(entry_points=False, modules=[write(plugin_dir, "ucmtest_boom", code)])
    result = check_file(str(PROFILES / "hunan-county-typical.toml"), host).result
    assert str(result.total) == "86.2"
    assert [a.area.id for a in result.errors] == ["night"] and not result.complete
    assert [(e.plugin, e.hook) for e in host.errors] == [("ucmtest_boom", "evaluate")]


def test_an_implementation_of_an_unknown_hook_is_flagged(plugin_dir):
    code = "from ucm_check.hookspecs import hookimpl\n@hookimpl\ndef ucm_check_aeras():\n    return []\n"
    host = build_host(entry_points=False, modules=[write(plugin_dir, "ucmtest_typo", code)])
    assert [(e.plugin, e.hook) for e in host.errors] == [("ucmtest_typo", "ucm_check_aeras")]


def test_a_second_area_with_the_same_id_is_refused(plugin_dir):
    code = GOOD_AREA.replace('area("night"', 'area("party"')
    host = build_host(entry_points=False, modules=[write(plugin_dir, "ucmtest_dup", code)])
    assert host.standards["hunan-2020"].area("party").max == 8
    assert host.errors[0].plugin == "ucmtest_dup" and "party" in host.errors[0].error


def test_a_good_extra_plugin_adds_its_area(plugin_dir):
    host = build_host(entry_points=False, modules=[write(plugin_dir, "ucmtest_good", GOOD_AREA)])
    assert host.errors == []
    assert host.standards["hunan-2020"].areas[-1].id == "night"


def test_cli_exit_code_3_when_a_plugin_fails(plugin_dir, monkeypatch, capsys):
    from ucm_check.engine import host as host_module
    from ucm_check.cli import main

    write(plugin_dir, "ucmtest_broken2", "raise ImportError('插件坏了')\n")
    monkeypatch.setattr(host_module, "DEFAULT_PLUGINS", (*DEFAULT_PLUGINS, "ucmtest_broken2"))
    code = main(["--log-level", "error", "check", str(PROFILES / "hunan-county-typical.toml")])
    out, err = capsys.readouterr()
    assert code == 3
    assert "总分 86.2" in out and "ucmtest_broken2" in err and "import" in err


def test_entry_points_are_read_from_dist_info_folders(tmp_path):
    from ucm_check.engine.entrypoints import scan

    info = tmp_path / "ucm_check_demo-1.2.3.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nx = y:z\n\n[ucm_check]\ndemo = ucm_check_demo.plugin\nother = pkg.mod:obj\n", encoding="utf-8")
    eps = scan("ucm_check", [str(tmp_path)])
    assert [(e.name, e.module, e.attr, e.dist, e.version) for e in eps] == [
        ("demo", "ucm_check_demo.plugin", "", "ucm_check_demo", "1.2.3"),
        ("other", "pkg.mod", "obj", "ucm_check_demo", "1.2.3"),
    ]
