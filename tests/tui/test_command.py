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
