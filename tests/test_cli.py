"""The ``ucm-check`` commands as a user runs them: reports, JSON contract, thresholds, exit codes."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import PROFILES
from ucm_check.cli import main

TYPICAL = str(PROFILES / "hunan-county-typical.toml")
CITY = str(PROFILES / "hunan-city.toml")
COMPLIANT = str(PROFILES / "hunan-county-compliant.toml")
INCOMPLETE = str(PROFILES / "hunan-county-incomplete.toml")


def run(capsys, *argv):
    code = main(["--log-level", "error", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_shows_area_table_totals_and_each_gap_with_its_evidence(capsys):
    code, out, _ = run(capsys, "check", TYPICAL)
    assert code == 0
    assert re.search(r"三 统一执法人员着装\s+4\s+1\.4\s+2\.6", out)
    assert "总分 86.2（满分 120）= 基础分 100 - 扣分 17.3 + 加分 3.5" in out
    gap = out[out.index("[HN-03-2]"):].split("\n[")[0]
    assert "扣 1.4 分（整改可挽回 1.4 分）" in gap
    assert "条款：湘建执函〔2020〕94号 附件 一（三）2（2）" in gap
    assert "实际：发现着装不规范的起数：7起" in gap
    assert "每发现一起着装未规范" in gap and "整改：" in gap


def test_gaps_are_ordered_by_points_recoverable_by_default(capsys):
    _, out, _ = run(capsys, "check", TYPICAL)
    shown = [float(p) for p in re.findall(r"^\[HN-\S+\] .+  扣 ([\d.]+) 分", out, re.M)]
    assert shown == sorted(shown, reverse=True) and shown[0] == 3
    _, by_area, _ = run(capsys, "check", TYPICAL, "--sort", "area")
    codes = re.findall(r"^\[(HN-\d\d)-\S+\] .+  扣", by_area, re.M)
    assert codes == sorted(codes)


def test_json_report_has_the_documented_shape_and_exact_decimals(capsys):
    code, out, _ = run(capsys, "check", TYPICAL, "--format", "json")
    assert code == 0
    assert "86.2" in out and "1.4" in out and "0000000" not in out
    doc = json.loads(out)
    assert doc["schema_version"] == 1 and doc["exit_code"] == 0 and doc["plugin_errors"] == []
    p = doc["profiles"][0]
    assert (p["total"], p["deducted"], p["bonus"]) == (86.2, 17.3, 3.5)
    assert p["unit"]["level"] == "县市区" and p["standard"]["id"] == "hunan-2020"
    assert p["completeness"]["complete"] is True and p["completeness"]["unanswered"] == 0
    uniform = next(a for a in p["areas"] if a["id"] == "uniform")
    assert (uniform["title"], uniform["max"], uniform["score"]) == ("统一执法人员着装", 4, 2.6)
    dress = next(f for f in uniform["findings"] if f["code"] == "HN-03-2")
    assert dress["status"] == "deducted" and dress["points"] == 1.4 and dress["recoverable"] == 1.4
    assert dress["clause"] == "附件 一（三）2（2）" and "7" in dress["observed"]
    assert p["gaps"][0] == "HN-06-4"
    rule = doc["rules"]["HN-03-2"]
    assert rule["clause"]["text"] == "湘建执函〔2020〕94号 附件 一（三）2（2）" and rule["max"] == 2
    assert "扣0.2分" in rule["text"] and rule["remedy"] and rule["tailored"] == []


def test_incomplete_profile_is_flagged_with_how_much_it_could_still_lose(capsys):
    code, out, _ = run(capsys, "check", INCOMPLETE)
    assert code == 0
    assert "评价不完整" in out and "暂计总分" in out
    _, js, _ = run(capsys, "check", INCOMPLETE, "--format", "json")
    c = json.loads(js)["profiles"][0]["completeness"]
    assert c["complete"] is False and c["unanswered"] > 0
    assert c["lowest_total"] == json.loads(js)["profiles"][0]["total"] - c["max_further_deduction"]


def test_min_score_passes_at_the_threshold_and_fails_just_above_it(capsys):
    assert run(capsys, "check", TYPICAL, "--min-score", "86.2")[0] == 0
    code, _, err = run(capsys, "check", TYPICAL, "--min-score", "86.3")
    assert code == 1 and "86.2" in err and "差 0.1 分" in err


def test_min_score_judges_an_incomplete_profile_by_its_lowest_possible_total(capsys):
    code, _, err = run(capsys, "check", INCOMPLETE, "--min-score", "60")
    assert code == 1 and "评价不完整" in err


def test_several_profiles_one_invalid_reports_all_and_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[unit\n", encoding="utf-8")
    code, out, err = run(capsys, "check", COMPLIANT, str(bad), "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert [p["valid"] for p in doc["profiles"]] == [True, False]
    assert doc["profiles"][1]["errors"][0]["line"] == 1 and "语法错误" in err


def test_explain_prints_text_clause_reading_remedy_and_examples(capsys):
    code, out, _ = run(capsys, "explain", "hn-08-2")
    assert code == 0
    for part in ("[HN-08-2] 群众满意度", "附件 一（八）2（2）", "读法：", "整改：", "达标示例：service.satisfaction_rate = 85",
                 "扣分示例：service.satisfaction_rate = 74.9", "最多扣 4 分"):
        assert part in out, part


def test_explain_an_unknown_code_suggests_close_ones(capsys):
    code, _, err = run(capsys, "explain", "HN-8-2")
    assert code == 2 and "HN-08-2" in err


def test_plugins_lists_every_area_plugin_with_version_hooks_and_status(capsys):
    code, out, _ = run(capsys, "plugins", "--format", "json")
    assert code == 0
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    for area in ("party", "training", "uniform", "vehicles", "systems", "discipline", "grid", "service",
                 "patrol", "supervision", "assigned", "opinion", "bonus"):
        p = plugins[f"ucm_check_hunan2020.{area}"]
        assert p["status"] == "ok" and p["hooks"] == ["ucm_check_areas"] and p["version"]
    assert plugins["ucm_check_hunan2020.standard"]["hooks"] == ["ucm_check_standards"]
    assert json.loads(out)["disabled"] == []


def test_plugins_lists_what_was_disabled(capsys):
    code, out, _ = run(capsys, "plugins", "--disable-plugin", "ucm_check_hunan2020.bonus")
    assert code == 0 and "已停用：ucm_check_hunan2020.bonus" in out
    assert "ucm_check_hunan2020.bonus " not in out


def test_schema_accepts_every_bundled_hunan_profile_and_rejects_a_bad_one(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    import tomllib

    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].startswith("http://json-schema.org/draft-04/")
    for path in sorted(p for p in PROFILES.glob("hunan-*.toml") if not p.name.endswith(".plan.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert list(jsonschema.Draft4Validator(schema).iter_errors(data)) == [], path.name
    data = tomllib.loads(open(TYPICAL, encoding="utf-8").read())
    data["uniform"]["dress_violations"] = -1
    data["party"]["colour"] = "red"
    assert len(list(jsonschema.Draft4Validator(schema).iter_errors(data))) == 2


@pytest.mark.parametrize("level", ["县市区", "设区市"])
def test_init_writes_a_commented_template_where_nothing_counts_as_answered(capsys, tmp_path, level):
    path = tmp_path / "new.toml"
    code, out, _ = run(capsys, "init", str(path), "--level", level, "--name", "新县城管局")
    assert code == 0 and path.exists()
    text = path.read_text(encoding="utf-8")
    assert "# organization_established = true" in text and "[party]" in text
    assert ("本单位层级不适用" in text) == (level == "县市区")
    _, js, _ = run(capsys, "check", str(path), "--format", "json")
    p = json.loads(js)["profiles"][0]
    assert p["valid"] and p["completeness"]["answered"] == 0 and p["completeness"]["complete"] is False
    assert run(capsys, "init", str(path))[0] == 2  # refuses to overwrite


def test_uncommenting_the_template_examples_gives_a_full_marks_profile(capsys, tmp_path):
    path = tmp_path / "new.toml"
    run(capsys, "init", str(path), "--level", "设区市")
    text = re.sub(r"^# (\w+ = )", r"\1", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")
    _, js, _ = run(capsys, "check", str(path), "--format", "json")
    p = json.loads(js)["profiles"][0]
    assert p["completeness"]["complete"] and p["deducted"] == 0


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["check"])
    assert info.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_files_ucm_check_writes_are_replaced_atomically_and_keep_their_permissions(tmp_path):
    import os
    import stat

    from ucm_check.files.atomic import write_text

    path = tmp_path / "x.toml"
    write_text(path, "a = 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    write_text(path, "a = 2\n")
    assert path.read_text() == "a = 2\n" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.toml"]
    write_text(tmp_path / "b.csv", "单位\n", encoding="utf-8-sig")
    assert (tmp_path / "b.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def _command_paths() -> list[list[str]]:
    """Every command and sub-command (``assess import`` ...) of the full parser, as argv prefixes."""
    import argparse

    from ucm_check.cli import build_parser

    paths: list[list[str]] = [[]]

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    paths.append([*prefix, name])
                    walk(child, [*prefix, name])

    walk(build_parser(), [])
    return paths


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "ucm-check")
def test_help_of_every_command_and_sub_command_prints_and_exits_0(path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "ucm_check", *path, "--help"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-1500:]
    assert done.stdout.startswith("usage: ucm-check") and "Traceback" not in done.stderr
    assert "options:" in done.stdout


def test_help_lists_every_sub_command_it_is_tested_for():
    names = {" ".join(p) for p in _command_paths()}
    assert {"plan", "assess import", "assess rank", "intake", "new-plugin"} <= names


def test_the_bundled_roster_is_named_without_a_path_from_any_folder(capsys, tmp_path, monkeypatch):
    from tests.helpers import ROOT

    code, by_path, _ = run(capsys, "intake", "--roster", str(ROOT / "rosters" / "hunan-2020.toml"))
    assert code == 0
    monkeypatch.chdir(tmp_path)
    for name in ("hunan-2020", "hunan-2020.toml"):
        code, by_name, err = run(capsys, "intake", "--roster", name)
        assert code == 0, err
        assert by_name == by_path and "共 28 个单位" in by_name


def test_a_roster_name_that_is_neither_a_file_nor_bundled_lists_the_bundled_ones(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "intake", "--roster", "hunan-2099")
    assert code == 2
    assert "找不到名册 “hunan-2099”：既不是文件，也不是随软件提供的名册；随软件提供的有：henan-2021、hunan-2020" in err


@pytest.mark.parametrize("columns", ["50", "132"])
def test_help_wraps_at_the_terminal_width_as_argparse_itself_would(capsys, monkeypatch, columns):
    """The parser sizes its help without shutil: the text must be argparse's own, line for line."""
    import argparse

    from ucm_check.cli import build_parser

    monkeypatch.setenv("COLUMNS", columns)
    ours = build_parser(["check"])
    sub = next(a for a in ours._actions if isinstance(a, argparse._SubParsersAction)).choices["check"]
    for parser in (ours, sub):
        plain = argparse.HelpFormatter  # what argparse uses when not told otherwise (asks shutil)
        wrapped = parser.format_help()
        parser.formatter_class = plain
        assert wrapped == parser.format_help()
