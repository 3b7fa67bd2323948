"""What a cold ``--version`` and ``check`` import: only what they use (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROFILE = Path(__file__).resolve().parent.parent.parent / "profiles" / "hunan-county-typical.toml"
HEAVY = ("textual", "docx", "xlsxwriter", "tomlkit", "structlog", "rich", "lxml", "python_calamine",
         "chinese_calendar", "platformdirs", "importlib.metadata", "tempfile", "shutil")

PROBE = """
import sys
from ucm_check.cli import main
code = main({argv!r})
sys.stderr.write("\\nMODULES:" + ",".join(sorted(sys.modules)) + "\\n")
sys.stderr.write("CODE:" + str(code) + "\\n")
"""


def modules_after(argv: list[str], cwd: Path) -> set[str]:
    """The modules loaded by the end of ``ucm-check ARGV`` (run twice: the second run is the cached one)."""
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True,
                             cwd=cwd, check=True)
    assert "CODE:0" in run.stderr, run.stderr
    return set(run.stderr.rpartition("MODULES:")[2].partition("\n")[0].split(","))


def loaded(modules: set[str], names) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_version_imports_neither_argparse_nor_the_engine(tmp_path):
    modules = modules_after(["--version"], tmp_path)
    assert loaded(modules, ("argparse", "typing", "attr", "attrs", "pluggy", "ucm_check.engine", "ucm_check.model",
                            *HEAVY)) == []


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_cold_check_imports_no_writer_ui_or_metadata_library(tmp_path, fmt):
    modules = modules_after(["check", str(PROFILE), "--format", fmt], tmp_path)
    assert "ucm_check.engine.cache" in modules  # the cached path was the one taken
    assert loaded(modules, HEAVY) == []


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
def test_without_a_configured_folder_the_cache_goes_to_the_xdg_cache_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("UCM_CHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    modules_after(["check", str(PROFILE), "--format", "json"], tmp_path)
    assert list((tmp_path / "xdg" / "ucm-check").glob("*.cache"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the shortcut answers on Linux only")
@pytest.mark.parametrize("xdg, home", [
    ("/srv/xdg-cache", "/home/clerk"), (None, "/home/clerk"), ("", "/home/clerk"), ("relative/xdg", "/home/clerk"),
    (None, "relative-home"), (None, None), ("/srv/xdg-cache", None),
])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, xdg, home):
    """platformdirs is the reference; the shortcut that spares importing it must agree or step aside."""
    import platformdirs

    from ucm_check.engine import stamps

    monkeypatch.delenv("UCM_CHECK_CACHE_DIR")
    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    shortcut = stamps.xdg_cache_folder()
    assert shortcut in ("", platformdirs.user_cache_dir("ucm-check", appauthor=False))
    assert stamps.folder() == platformdirs.user_cache_dir("ucm-check", appauthor=False)


def _cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ucm_check", *argv], capture_output=True, text=True)


def test_only_the_named_command_gets_a_sub_parser_but_help_and_mistakes_still_list_them_all():
    """The sub-parsers of other commands are not built for a named command; whatever needs the list
    (help asked before the command, a misspelt command) still shows every command."""
    from ucm_check.cli import COMMANDS, build_parser

    def commands(parser):
        return sorted(next(a for a in parser._actions if a.dest == "command").choices)

    assert commands(build_parser(["check", "x.toml"])) == ["check"]
    assert commands(build_parser(["--help", "check"])) == sorted(COMMANDS)
    assert commands(build_parser(["chek"])) == sorted(COMMANDS)
    listed = _cli("--help", "check").stdout
    assert all(f"    {name} " in listed for name in COMMANDS)
    wrong = _cli("chek", "x.toml")
    assert wrong.returncode == 2 and "'new-plugin'" in wrong.stderr and "用法错误" in wrong.stderr
    assert "PROFILE" in _cli("check", "--help").stdout


def test_without_any_folder_to_keep_the_cache_in_the_run_goes_on_without_it(monkeypatch):
    """platformdirs cannot name a folder (no home at all): the host is built from the plugins."""
    from ucm_check.engine import cache, stamps

    def nowhere() -> str:
        raise RuntimeError("no home folder")

    monkeypatch.setattr(stamps, "folder", nowhere)
    host = cache.build_host(entry_points=False)
    assert "hunan-2020" in host.standards and not host.errors


def test_stamps_of_a_package_that_is_not_a_folder_on_disk_do_not_stop_the_run(tmp_path):
    """A module inside a zip or a frozen program's archive has a path no ``stat`` can reach."""
    from ucm_check.engine.stamps import file_stamps

    real = tmp_path / "mod.py"
    real.write_text("x = 1\n", encoding="utf-8")
    archived = str(tmp_path / "bundle.zip" / "pack")
    stamps = file_stamps([archived, str(real)])
    assert [archived, None, None] in stamps and [str(real), real.stat().st_mtime_ns, 6] in stamps
