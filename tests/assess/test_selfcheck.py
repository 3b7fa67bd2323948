"""ucm-check itself as a source: each unit's self-check total, an incomplete profile at its lowest
possible total, a missing profile an error."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import PROFILES
from tests.assess.conftest import kept_lines
from ucm_check.cli import main

SCHEME = """[scheme]
name = "自评试点"
[sources.third_party]
name = "第三方考评"
[sources.self]
name = "ucm-check 自评"
kind = "self-check"
max = 120
profiles = "自评/{period}/{short}.toml"
[groups.county]
name = "县市区组"
weights = { third_party = 50, self = 50 }
"""
ROSTER = "单位名称,简称,组别\n甲县城市管理和综合执法局,甲县,county\n乙县城市管理和综合执法局,乙县,county\n丙县城市管理和综合执法局,丙县,county\n"


def make(tmp_path: Path, profiles: dict[str, str]) -> Path:
    folder = tmp_path / "试点"
    folder.mkdir()
    (folder / "scheme.toml").write_text(SCHEME, encoding="utf-8")
    (folder / "roster.csv").write_text(ROSTER, encoding="utf-8-sig")
    month = folder / "自评" / "2026-03"
    month.mkdir(parents=True)
    for short, name in profiles.items():
        shutil.copy(PROFILES / f"hunan-county-{name}.toml", month / f"{short}.toml")
    (tmp_path / "tp.csv").write_text("单位,得分\n甲县,80\n乙县,80\n丙县,80\n", encoding="utf-8")
    return folder


def test_an_incomplete_profile_counts_its_lowest_possible_total_and_never_outranks(tmp_path, capsys):
    folder = make(tmp_path, {"甲县": "compliant", "乙县": "typical", "丙县": "incomplete"})
    assert main(["assess", "import", str(folder), "--period", "2026-03", "--source", "self"]) == 0
    kept = kept_lines(folder, "2026-03", "self")
    # the incomplete profile answers 97 so far but could fall to 32: 32 is what it counts
    assert kept[1:] == ["甲县城市管理和综合执法局,100.0,自评/2026-03/甲县.toml",
                        "乙县城市管理和综合执法局,86.2,自评/2026-03/乙县.toml",
                        "丙县城市管理和综合执法局,32.0,自评/2026-03/丙县.toml（不完整，按最低可能得分）"]
    assert main(["assess", "import", str(folder), "--period", "2026-03", "--source", "third_party", "-f", str(tmp_path / "tp.csv")]) == 0
    capsys.readouterr()
    assert main(["assess", "rank", str(folder), "--period", "2026-03"]) == 0
    lines = [l.split() for l in capsys.readouterr().out.splitlines() if "执法局" in l]
    # 80×0.5 + 100×0.5 = 90.00; 80×0.5 + 86.2×0.5 = 83.10; 80×0.5 + 32×0.5 = 56.00
    assert [(l[0], l[2], l[3]) for l in lines] == [("1", "甲县城市管理和综合执法局", "90.00"),
                                                   ("2", "乙县城市管理和综合执法局", "83.10"),
                                                   ("3", "丙县城市管理和综合执法局", "56.00")]


def test_a_missing_profile_is_an_error_naming_the_unit_and_path(tmp_path, capsys):
    folder = make(tmp_path, {"甲县": "compliant", "乙县": "typical"})
    assert main(["assess", "import", str(folder), "--period", "2026-03", "--source", "self"]) == 2
    err = capsys.readouterr().err
    assert "丙县.toml: 错误：丙县城市管理和综合执法局 的自评档案不存在" in err
    assert kept_lines(folder, "2026-03", "self") is None


def test_an_invalid_profile_reports_its_own_line_and_column(tmp_path, capsys):
    folder = make(tmp_path, {"甲县": "compliant", "乙县": "typical", "丙县": "typical"})
    bad = folder / "自评" / "2026-03" / "丙县.toml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("[unit]", "[unit]\ncolour = \"red\"", 1), encoding="utf-8")
    line = bad.read_text(encoding="utf-8").splitlines().index('colour = "red"') + 1
    assert main(["assess", "import", str(folder), "--period", "2026-03", "--source", "self"]) == 2
    assert f"丙县.toml:{line}:1: 错误：[unit] 中有未知字段 “colour”" in capsys.readouterr().err
