"""One registry of output formats (ucm_check.engine.formats): check, plan and the exports read it,
and a plugin adds a format through the hook ucm_check_output_formats."""

from __future__ import annotations

import textwrap

from ucm_check.cli import main
from ucm_check.engine import formats
from ucm_check.exports import EXPORTS

PLUGIN = textwrap.dedent('''
    from ucm_check.engine.formats import OutputFormat
    from ucm_check.hookspecs import hookimpl


    class Writer:
        def __init__(self, out, run):
            self.out = out

        def add(self, outcome):
            self.out.write(f"unit={outcome.row.unit} total={outcome.row.total}\\n")

        def finish(self, run):
            self.out.write("end\\n")


    @hookimpl
    def ucm_check_output_formats():
        return [OutputFormat("check", "oneline", f"{__name__}:Writer", (".one",)),
                OutputFormat("check", "json", f"{__name__}:Writer")]   # a builtin name: ignored
''')


def test_every_builtin_format_can_be_loaded():
    for entry in formats.BUILTIN:
        assert callable(entry.load()), entry


def test_commands_and_the_export_chooser_list_the_registry():
    from ucm_check.commands import check, plan

    assert check.FORMATS == ("text", "json", "junit", "sarif", "github", "gitlab", "markdown", "tap")
    assert plan.FORMATS == ("text", "markdown", "csv", "xlsx", "json")
    assert [k.id for k in EXPORTS[:5]] == ["check-markdown", "plan-xlsx", "plan-csv", "plan-markdown",
                                           "self-report-docx"]


def test_output_suffix_picks_the_format():
    assert formats.by_suffix("check", "out/ucm.sarif").name == "sarif"
    assert formats.by_suffix("check", "report.XML").name == "junit"
    assert formats.by_suffix("check", "report.txt") is None


def test_a_plugin_adds_a_check_format_that_check_writes(tmp_path, capsys):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "oneline.py").write_text(PLUGIN, encoding="utf-8")
    code = main(["check", "profiles/hunan-county-compliant.toml", "--format", "oneline",
                 "--plugins-dir", str(folder)])
    out = capsys.readouterr().out
    assert code == 0
    assert out == "unit=示范县城市管理和综合执法局 total=100.0\nend\n"


def test_a_builtin_format_is_never_replaced_by_a_plugins(tmp_path, capsys):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "oneline.py").write_text(PLUGIN, encoding="utf-8")
    main(["check", "profiles/hunan-county-compliant.toml", "--format", "json", "--plugins-dir", str(folder)])
    assert capsys.readouterr().out.lstrip().startswith("{")


def test_an_unknown_format_is_a_usage_error_naming_the_formats(capsys):
    code = main(["check", "profiles/hunan-county-compliant.toml", "--format", "nope"])
    err = capsys.readouterr().err
    assert code == 2
    assert "未知的报告格式 “nope”" in err and "sarif" in err
