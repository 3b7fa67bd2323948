"""Spot checks and surveys follow the unit, not a file name; a bundle speaks for one unit only.

Issue 17 §3: 株洲市 resent ``株洲市-更正.zip`` after ``株洲市.zip`` and the province's survey and spot
check, filed as ``株洲市.*.toml``, were dropped silently; a bundle whose manifest named 甲县 while its
profile was 丙县's replaced 甲县's genuine submission.

Hand computation (profiles/hunan-city.toml, 111): the spot check finds 15 dress violations (0.2 each,
capped at 2) and 2 traffic violations (0.5 each: 1), so 108; the survey's 85% replaces the unit's
own 75% under the roster's ``social = "fact"`` (八(2) 75% deducts 1, 85% nothing): final 109.
"""

from __future__ import annotations

import json
from decimal import Decimal

from tests.intake.conftest import ROSTER, cli, write
from tests.intake.test_journey import bundle, rewrite

ZHUZHOU = "株洲市城市管理和综合执法局"
CHECK = ('[check]\nunit = "430200"\ninspectors = ["王五"]\ndate = 2020-11-25\n'
         "[facts.uniform]\ndress_violations = 15\n[facts.vehicles]\ntraffic_violations = 2\n")
SURVEY = '[social]\nunit = "430200"\nsatisfaction_rate = 85\n'


def folder(tmp_path):
    (tmp_path / "收件").mkdir()
    return tmp_path / "收件"


def intake(inbox) -> dict:
    code, out, err = cli("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "json")
    assert code == 0, err
    return json.loads(out, parse_float=Decimal)


def unit(doc: dict, name: str) -> dict:
    return next(u for u in doc["units"] if u["name"] == name)


def test_a_resubmission_under_a_new_name_keeps_the_spot_check_and_survey_filed_for_the_unit(tmp_path):
    inbox = folder(tmp_path)
    bundle(tmp_path / "work", inbox / "株洲市.zip", ZHUZHOU, "2020-11-10")
    write(inbox / "株洲市.check.toml", CHECK)
    write(inbox / "株洲市.social.toml", SURVEY)
    bundle(tmp_path / "work2", inbox / "株洲市-更正.zip", ZHUZHOU, "2020-11-14")
    doc = intake(inbox)
    zz = unit(doc, ZHUZHOU)
    assert zz["file"] == "株洲市-更正.zip" and zz["check"]["file"] == "株洲市.check.toml"
    assert zz["social"]["file"] == "株洲市.social.toml"
    assert (zz["self_total"], zz["verified_total"], zz["final"]) == (111, 108, 109)
    assert doc["stray"] == []


def test_an_overlay_without_a_unit_field_goes_by_its_file_name(tmp_path):
    inbox = folder(tmp_path)
    bundle(tmp_path / "work", inbox / "提交包-1.zip", ZHUZHOU, "2020-11-10")
    write(inbox / "株洲市.social.toml", SURVEY.replace('unit = "430200"\n', ""))
    zz = unit(intake(inbox), ZHUZHOU)
    assert zz["social"]["file"] == "株洲市.social.toml" and zz["final"] == 112


def test_a_bundle_whose_manifest_names_another_unit_than_its_profile_is_refused_and_the_genuine_one_counts(tmp_path):
    inbox = folder(tmp_path)
    bundle(tmp_path / "work", inbox / "株洲市.zip", ZHUZHOU, "2020-11-10")
    # 湘潭市's profile, sealed later, its manifest edited to speak for 株洲市 (the manifest hashes
    # every other entry, not itself, so nothing else needs re-hashing)
    fake = bundle(tmp_path / "work2", inbox / "株洲市-补充.zip", "湘潭市城市管理和综合执法局", "2020-11-20")

    def claim(zin, zout):
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "MANIFEST.json":
                data = data.replace("湘潭市城市管理和综合执法局".encode(), ZHUZHOU.encode())
            zout.writestr(info, data)
    rewrite(fake, claim)
    doc = intake(inbox)
    zz = unit(doc, ZHUZHOU)
    assert (zz["status"], zz["file"], zz["days_late"]) == ("on_time", "株洲市.zip", 0)
    assert len(zz["other_files"]) == 1 and zz["other_files"][0].startswith("株洲市-补充.zip（无效：")
    assert "清单写的单位 “株洲市城市管理和综合执法局” 与档案 [unit] name “湘潭市城市管理和综合执法局” 不一致" in zz["other_files"][0]
    assert unit(doc, "湘潭市城市管理和综合执法局")["status"] == "missing"


def test_a_bundle_whose_report_names_another_unit_is_refused(tmp_path):
    """The profile and the manifest were both changed to 株洲市 (and re-hashed): the report inside
    still says 湘潭市, so the bundle is not 株洲市's own."""
    import hashlib

    inbox = folder(tmp_path)
    fake = bundle(tmp_path / "work", inbox / "株洲市.zip", "湘潭市城市管理和综合执法局", "2020-11-10")

    def claim(zin, zout):
        profile = zin.read("profile.toml").decode().replace("湘潭市", "株洲市").encode()
        manifest = json.loads(zin.read("MANIFEST.json"))
        manifest["unit"] = ZHUZHOU
        for item in manifest["files"]:
            if item["path"] == "profile.toml":
                item["sha256"], item["size"] = hashlib.sha256(profile).hexdigest(), len(profile)
        for info in zin.infolist():
            data = {"profile.toml": profile, "MANIFEST.json": json.dumps(manifest, ensure_ascii=False).encode()}
            zout.writestr(info, data.get(info.filename, zin.read(info)))
    rewrite(fake, claim)
    zz = unit(intake(inbox), ZHUZHOU)
    assert zz["status"] == "invalid" and zz["complete"] is False
    assert zz["reasons"] == ["清单写的单位 “株洲市城市管理和综合执法局” 与包内报告的单位 “湘潭市城市管理和综合执法局” 不一致："
                             "一个提交包只能代表一个单位，不予采用"]


def test_an_overlay_for_a_unit_without_a_valid_bundle_is_listed_as_unused_with_the_reason(tmp_path):
    inbox = folder(tmp_path)
    bundle(tmp_path / "work", inbox / "株洲市.zip", ZHUZHOU, "2020-11-10")
    write(inbox / "株洲市.check.toml", CHECK)
    write(inbox / "株洲市-复核.check.toml", CHECK.replace("2020-11-25", "2020-11-26"))
    write(inbox / "湘潭市.social.toml", '[social]\nunit = "430300"\nsatisfaction_rate = 85\n')
    write(inbox / "吉首市.social.toml", '[social]\nunit = "吉首市城市管理和综合执法局"\nsatisfaction_rate = 85\n')
    doc = intake(inbox)
    assert unit(doc, ZHUZHOU)["check"]["file"] == "株洲市-复核.check.toml"
    assert doc["stray"] == [
        {"file": "株洲市.check.toml", "reason": f"核查文件未使用：{ZHUZHOU} 另有日期较新的核查文件 株洲市-复核.check.toml"},
        {"file": "吉首市.social.toml",
         "reason": "社会评价文件未使用：吉首市城市管理和综合执法局 所属的 湘西自治州住房和城乡建设局 没有有效的提交包，无法核查其县级结果"},
        {"file": "湘潭市.social.toml", "reason": "社会评价文件未使用：湘潭市城市管理和综合执法局 未报送提交包"},
    ]


def test_missing_and_refused_units_are_never_complete(tmp_path):
    inbox = folder(tmp_path)
    bundle(tmp_path / "work", inbox / "株洲市.zip", ZHUZHOU, "2020-12-01")  # after the intake date: refused
    doc = intake(inbox)
    assert {(u["status"], u["complete"]) for u in doc["units"]} == {("missing", False), ("invalid", False)}


def test_mean_points_lost_round_half_up():
    from ucm_check.intake.results import RuleStat

    stat = RuleStat("HN-01-1", "t", "一 x", Decimal(2), 3, 12, Decimal("1.5"))
    assert stat.mean_lost == Decimal("0.13")  # 0.125: half to even would give 0.12


def test_a_city_starting_from_init_resends_and_keeps_the_provinces_check_and_survey(tmp_path):
    """The user's journey from a blank template: 株洲市 answers two facts and sends its bundle; the
    province files its spot check and survey; 株洲市 answers one more fact and resends under another
    name. Unanswered rules cost nothing yet, so the self total is 100; the inspectors' 15 dress
    violations (capped at 2) and 2 traffic violations (1) make it 97, exactly the margin of 3 (not
    自评偏高); the survey's 85% leaves 八(2) at 0; the unit is still incomplete, so not praised."""
    inbox, work = folder(tmp_path), tmp_path / "株洲市"
    work.mkdir()
    profile = work / "株洲市.toml"
    assert cli("init", str(profile), "--level", "设区市")[0] == 0
    text = profile.read_text(encoding="utf-8").replace("（请填写单位名称）", ZHUZHOU)
    text = text.replace("# dress_violations = 0", "dress_violations = 0").replace("# traffic_violations = 0", "traffic_violations = 0")
    profile.write_text(text, encoding="utf-8")
    assert cli("bundle", str(profile), "-o", str(inbox / "株洲市.zip"), "--as-of", "2020-11-10")[0] == 0
    write(inbox / "株洲市.check.toml", CHECK)
    write(inbox / "株洲市.social.toml", SURVEY)
    profile.write_text(text.replace("# late_assignments = 0", "late_assignments = 0"), encoding="utf-8")
    assert cli("bundle", str(profile), "-o", str(inbox / "株洲市-更正.zip"), "--as-of", "2020-11-14")[0] == 0
    doc = intake(inbox)
    zz = unit(doc, ZHUZHOU)
    assert (zz["file"], zz["check"]["file"], zz["social"]["file"]) == ("株洲市-更正.zip", "株洲市.check.toml", "株洲市.social.toml")
    assert (zz["self_total"], zz["verified_total"], zz["final"], zz["overrated"], zz["complete"]) == (100, 97, 97, False, False)
    assert zz["other_files"][0].startswith("株洲市.zip（评价日期 2020-11-10，已被较新的提交包取代）")
    assert doc["stray"] == [] and doc["praise"] == []


def test_an_overlay_named_by_the_units_roster_id_goes_to_that_unit(tmp_path):
    inbox = folder(tmp_path)
    bundle(tmp_path / "work", inbox / "株洲市.zip", ZHUZHOU, "2020-11-10")
    write(inbox / "430200.social.toml", SURVEY.replace('unit = "430200"\n', ""))
    assert unit(intake(inbox), ZHUZHOU)["social"]["file"] == "430200.social.toml"
