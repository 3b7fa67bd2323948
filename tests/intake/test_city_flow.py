"""A city uses the same flow for its counties (§三 指导监督), and its own submission carries their
results up to the province."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from tests.helpers import PROFILES
from tests.intake.conftest import ROSTER, run, write

CITY = (PROFILES / "hunan-city.toml").read_text(encoding="utf-8")
COUNTY = (PROFILES / "hunan-county-typical.toml").read_text(encoding="utf-8")  # 86.2


def test_xiangxi_collects_jishou_and_the_province_sees_the_county_under_it(capsys, tmp_path):
    for folder in ("县级收件", "省级收件", "州"):
        (tmp_path / folder).mkdir()
    write(tmp_path / "吉首市.toml", COUNTY.replace("某县城市管理和综合执法局", "吉首市城市管理和综合执法局"))
    code, _, err = run(capsys, "bundle", str(tmp_path / "吉首市.toml"), "-o", str(tmp_path / "县级收件" / "吉首市.zip"),
                       "--as-of", "2020-11-05")
    assert code == 0, err
    results = tmp_path / "州" / "县级收件结果.json"
    code, _, err = run(capsys, "intake", str(tmp_path / "县级收件"), "--roster", str(ROSTER), "--office", "433100",
                       "--as-of", "2020-11-08", "--format", "json", "-o", str(results))
    assert code == 0, err
    county = json.loads(results.read_text(encoding="utf-8"))["units"]
    assert [(u["name"], u["status"], u["as_of"]) for u in county] == [("吉首市城市管理和综合执法局", "on_time", "2020-11-05")]
    write(tmp_path / "州" / "湘西州.toml", CITY.replace("某市城市管理和综合执法局", "湘西自治州住房和城乡建设局")
          .replace('level = "设区市"', 'level = "自治州"'))
    code, _, err = run(capsys, "bundle", str(tmp_path / "州" / "湘西州.toml"), "-o", str(tmp_path / "省级收件" / "湘西州.zip"),
                       "--as-of", "2020-11-10", "--attach-intake", str(results))
    assert code == 0, err
    code, out, err = run(capsys, "verify", str(tmp_path / "省级收件" / "湘西州.zip"))
    assert code == 0, err
    code, out, err = run(capsys, "intake", str(tmp_path / "省级收件"), "--roster", str(ROSTER), "--as-of", "2020-11-20",
                         "--format", "json")
    assert code == 0, err
    xiangxi = next(u for u in json.loads(out)["units"] if u["id"] == "433100")
    assert xiangxi["status"] == "on_time" and xiangxi["notes"] == ["缺社会评价：按评价办法以社会满意度调查为准，“群众满意度（%，问卷和电话调查等）”视为未填写"]
    assert [(c["name"], c["status"], c["final"]) for c in xiangxi["counties"]] == [
        ("吉首市城市管理和综合执法局", "on_time", county[0]["final"])]
    assert [(c["rank"], c["name"], c["city"]) for c in json.loads(out)["county_ranking"]] == [
        (1, "吉首市城市管理和综合执法局", "433100")]
    code, out, _ = run(capsys, "intake", str(tmp_path / "省级收件"), "--roster", str(ROSTER), "--as-of", "2020-11-20")
    assert re.search(r"湘西自治州住房和城乡建设局\s+自治州\s+按时报送.*县级 1 个：按时 1、逾期 0、未报送 0、无效 0\n", out)
    assert re.search(r"\n  　吉首市城市管理和综合执法局\s+县市区\s+按时报送", out)
    assert re.search(r"县市区排名.*\n.*\n\s+1\s+吉首市城市管理和综合执法局\s+湘西自治州住房和城乡建设局\s+按时报送", out)


def test_only_an_intake_document_can_be_attached(capsys, tmp_path):
    write(tmp_path / "city.toml", CITY)
    write(tmp_path / "x.json", '{"schema_version": 1, "profiles": []}')
    code, _, err = run(capsys, "bundle", str(tmp_path / "city.toml"), "-o", str(tmp_path / "c.zip"), "--attach-intake",
                       str(tmp_path / "x.json"))
    assert code == 2 and "不能作为下级收件结果附上：不是 ucm-check intake --format json 生成的收件结果" in err
    assert not (tmp_path / "c.zip").exists()


def province_inbox(capsys, tmp_path):
    """湘西州's bundle carrying 吉首市's result (the typical county, 86.2, sealed 2020-11-05)."""
    for folder in ("县级收件", "省级收件", "州"):
        (tmp_path / folder).mkdir()
    write(tmp_path / "吉首市.toml", COUNTY.replace("某县城市管理和综合执法局", "吉首市城市管理和综合执法局"))
    assert run(capsys, "bundle", str(tmp_path / "吉首市.toml"), "-o", str(tmp_path / "县级收件" / "吉首市.zip"),
               "--as-of", "2020-11-05")[0] == 0
    results = tmp_path / "州" / "县级收件结果.json"
    assert run(capsys, "intake", str(tmp_path / "县级收件"), "--roster", str(ROSTER), "--office", "433100",
               "--as-of", "2020-11-08", "--format", "json", "-o", str(results))[0] == 0
    write(tmp_path / "州" / "湘西州.toml", CITY.replace("某市城市管理和综合执法局", "湘西自治州住房和城乡建设局")
          .replace('level = "设区市"', 'level = "自治州"'))
    assert run(capsys, "bundle", str(tmp_path / "州" / "湘西州.toml"), "-o", str(tmp_path / "省级收件" / "湘西州.zip"),
               "--as-of", "2020-11-10", "--attach-intake", str(results))[0] == 0
    return tmp_path / "省级收件"


def test_the_province_spot_checks_a_county_through_its_citys_bundle(capsys, tmp_path):
    """Seed 000 “检查面延伸到县”. Hand computation: the typical county deducts 17.3 with 7 dress
    violations (1.4) and 1 late assignment (1). The city's intake had no survey under social = "fact",
    so 八(2) (82.6%: 1 point) was unanswered: final 87.2; its lowest, with 八(2) (at most 4) and 七(3)
    (4: it applies to 吉首市, which the standard names, and the county left it out) at their worst,
    79.2. The province finds 12 dress violations (capped at 2: +0.6) and 5 late assignments (+4): 4.6
    more than the county's own 86.2, above the margin of 3, so 自评偏高; final 87.2 - 4.6 = 82.6,
    lowest 79.2 - 4.6 = 74.6."""
    inbox = province_inbox(capsys, tmp_path)
    write(inbox / "吉首市.check.toml", '[check]\nunit = "433101"\ninspectors = ["省厅 王五"]\ndate = 2020-11-25\n'
          "[facts.uniform]\ndress_violations = 12\n[facts.assigned]\nlate_assignments = 5\n")
    code, out, err = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "json")
    assert code == 0, err
    doc = json.loads(out, parse_float=Decimal)
    county = next(u for u in doc["units"] if u["id"] == "433100")["counties"][0]
    assert (county["final"], county["basis"], county["overrated"]) == (Decimal("82.6"), Decimal("74.6"), True)
    check = county["check"]
    assert (check["file"], check["self_total"], check["verified_total"], check["difference"]) == (
        "吉首市.check.toml", Decimal("86.2"), Decimal("81.6"), Decimal("4.6"))
    assert {r["code"]: r["difference"] for r in check["rules"]} == {"HN-03-2": Decimal("0.6"), "HN-11-1": 4}
    assert doc["stray"] == [] and doc["county_ranking"][0]["basis"] == Decimal("74.6")
    code, out, _ = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30")
    assert re.search(r"吉首市城市管理和综合执法局\s+合计（省级核查）\s+86\.2\s+81\.6\s+4\.6", out)
    assert re.search(r"　吉首市城市管理和综合执法局\s+县市区\s+按时报送\s+82\.6（最低 74\.6）\s+自评偏高；本级核查：自评 86\.2、核查 81\.6", out)


def test_a_county_check_the_citys_bundle_cannot_serve_is_listed_with_the_reason(capsys, tmp_path):
    inbox = province_inbox(capsys, tmp_path)
    write(inbox / "泸溪县.check.toml", '[check]\nunit = "433102"\ninspectors = ["王五"]\ndate = 2020-11-25\n'
          "[facts.uniform]\ndress_violations = 12\n")
    roster = write(tmp_path / "名册.toml", ROSTER.read_text(encoding="utf-8") +
                   '\n[[unit]]\nid = "433102"\nname = "泸溪县城市管理和综合执法局"\nregion = "泸溪县"\nlevel = "县市区"\nparent = "433100"\n')
    code, out, err = run(capsys, "intake", str(inbox), "--roster", str(roster), "--as-of", "2020-11-30", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["stray"] == [{"file": "泸溪县.check.toml", "reason": "核查文件未使用：湘西自治州住房和城乡建设局 的提交包所附"
                                                                            "县级收件结果中没有 泸溪县城市管理和综合执法局"}]
