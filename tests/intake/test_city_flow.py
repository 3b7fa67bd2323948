"""A city uses the same flow for its counties (§三 指导监督), and its own submission carries their
results up to the province."""

from __future__ import annotations

import json
import re

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
    assert xiangxi["status"] == "on_time" and xiangxi["notes"] == ["缺社会评价：按评价办法以社会满意度调查为准，service.satisfaction_rate 视为未填写"]
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
