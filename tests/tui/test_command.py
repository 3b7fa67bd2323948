"""``ucm-check tui`` from the command line: bad input is refused in Chinese before Textual starts."""

from __future__ import annotations

import subprocess
import sys

from ucm_check.cli import main


def test_an_invalid_profile_is_reported_in_chinese_with_exit_2_and_no_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[unit]\nname = "某县"\nlevel = "乡镇"\nstandard = "hunan-2020"\n', encoding="utf-8")
    assert main(["tui", str(bad), "--no-entry-points"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3:9: 错误：单位层级应为以下之一" in err and "Traceback" not in err


def test_loading_the_tui_command_module_does_not_import_textual():
    code = "import sys, ucm_check.cli as c; c.build_parser(); import ucm_check.commands.tui; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_garbage_collector_waits_for_the_first_screen_and_is_back_on_once_it_is_shown(
        tmp_path, make_app, profile_copy, monkeypatch):
    import gc

    from ucm_check.tui.app import UcmApp, launch

    seen = {}
    opening = UcmApp.open_profile

    def open_profile(self, path):
        seen["while opening"] = gc.isenabled()  # on mount, before the first paint
        return opening(self, path)

    async def shown(pilot):
        await pilot.pause()
        seen["once shown"] = gc.isenabled()
        pilot.app.exit()

    monkeypatch.setattr(UcmApp, "open_profile", open_profile)
    try:
        launch(make_app(profile_copy()), headless=True, size=(80, 24), auto_pilot=shown)
    finally:
        gc.unfreeze()  # this test process goes on; the tui command's ends with its app
        gc.enable()
    assert seen == {"while opening": False, "once shown": True}


def test_a_refused_profile_leaves_the_garbage_collector_on(tmp_path, capsys):
    import gc

    bad = tmp_path / "bad.toml"
    bad.write_text('[unit]\nname = "某县"\nlevel = "乡镇"\nstandard = "hunan-2020"\n', encoding="utf-8")
    assert main(["tui", str(bad), "--no-entry-points"]) == 2
    assert gc.isenabled()
