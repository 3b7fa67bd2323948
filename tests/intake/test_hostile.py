"""One bad bundle never takes the intake down (issue 24): it is that unit's invalid result with the
reason, the others are judged, and stdout is one JSON document. Only regular files are read;
manifests are bounded in items; rosters are located in linear time and walked without recursion;
what came from a bundle is escaped before it is echoed."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.intake.conftest import ROSTER, cli, run, write
from tests.intake.test_journey import bundle, rewrite

CHANGSHA, ZHUZHOU = "长沙市城市管理和综合执法局", "株洲市城市管理和综合执法局"


def reseal(path, name: str, data: bytes) -> None:
    """Replace entry ``name`` and re-hash it into the manifest, as a forger would."""
    def change(zin, zout):
        manifest = json.loads(zin.read("MANIFEST.json"))
        for item in manifest["files"]:
            if item["path"] == name:
                item["sha256"], item["size"] = hashlib.sha256(data).hexdigest(), len(data)
        for info in zin.infolist():
            body = {name: data, "MANIFEST.json": json.dumps(manifest, ensure_ascii=False).encode()}
            zout.writestr(info, body.get(info.filename, zin.read(info)))
    rewrite(path, change)


@pytest.fixture
def inbox(tmp_path):
    """株洲市's good bundle beside whatever the test adds as 长沙市's."""
    folder = tmp_path / "收件"
    folder.mkdir()
    bundle(tmp_path / "w1", folder / "株洲市.zip", ZHUZHOU, "2020-11-10")
    return folder


def intake(folder) -> tuple[dict, dict]:
    code, out, err = cli("intake", str(folder), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "json")
    assert code == 0, err
    doc = json.loads(out, parse_float=Decimal)
    return doc, {u["name"]: u for u in doc["units"]}


def report_with(total) -> bytes:
    return json.dumps({"profiles": [{"total": total, "unit": {"name": CHANGSHA}}]}).encode()


@pytest.mark.parametrize("report, reason", [
    (report_with("x"), "包内报告 ucm-check-report.json 缺失或无法解析"),
    (report_with("NaN"), "包内报告 ucm-check-report.json 缺失或无法解析"),
    (b'{"profiles": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "包内报告 ucm-check-report.json 缺失或无法解析"),
], ids=["total-x", "total-nan", "nested-100000"])
def test_a_forged_report_re_hashed_into_the_manifest_is_that_units_invalid_result(tmp_path, inbox, report, reason):
    made = bundle(tmp_path / "w2", inbox / "长沙市.zip", CHANGSHA, "2020-11-10")
    reseal(made, "ucm-check-report.json", report)
    _, units = intake(inbox)
    assert units[CHANGSHA]["status"] == "invalid" and units[CHANGSHA]["reasons"] == [reason]
    assert units[ZHUZHOU]["status"] == "on_time"


def test_a_bundle_whose_file_name_is_gbk_is_received_under_its_readable_name(tmp_path, inbox):
    made = bundle(tmp_path / "w2", inbox / "x.zip", CHANGSHA, "2020-11-10")
    gbk = os.path.join(os.fsencode(inbox), "长沙市-补报.zip".encode("gbk"))
    os.rename(made, gbk)
    _, units = intake(inbox)
    assert (units[CHANGSHA]["status"], units[CHANGSHA]["file"]) == ("on_time", "长沙市-补报.zip")


def test_an_unreadable_bundle_with_a_gbk_name_is_still_attributed_by_it(inbox):
    with open(os.path.join(os.fsencode(inbox), "长沙市.zip".encode("gbk")), "wb") as fh:
        fh.write(b"not a zip")
    _, units = intake(inbox)
    assert units[CHANGSHA]["status"] == "invalid" and units[CHANGSHA]["file"] == "长沙市.zip"


def test_links_fifos_and_devices_are_listed_and_never_opened(inbox):
    os.symlink("/dev/zero", inbox / "长沙市.zip")
    os.symlink("/dev/zero", inbox / "株洲市.check.toml")
    os.mkfifo(inbox / "湘潭市.zip")
    os.symlink(inbox / "株洲市.zip", inbox / "衡阳市.zip")
    doc, units = intake(inbox)
    assert sorted(s["file"] for s in doc["stray"]) == sorted(["长沙市.zip", "株洲市.check.toml", "湘潭市.zip", "衡阳市.zip"])
    assert {s["reason"] for s in doc["stray"]} == {"不是普通文件（符号链接、管道或设备文件）：未读取"}
    assert units[CHANGSHA]["status"] == "missing" and units[ZHUZHOU]["check"] is None


def test_a_manifest_of_a_million_empty_items_is_refused_before_it_is_parsed(tmp_path, inbox):
    made = bundle(tmp_path / "w2", inbox / "长沙市.zip", CHANGSHA, "2020-11-10")

    def flood(zin, zout):
        for info in zin.infolist():
            if info.filename == "MANIFEST.json":
                info.compress_type = zipfile.ZIP_STORED  # stored: no compression ratio to give it away
                zout.writestr(info, b'{"format": "ucm-check-bundle", "files": [' + b"{}," * 1_000_000 + b"{}]}")
            else:
                zout.writestr(info, zin.read(info))
    rewrite(made, flood)
    _, units = intake(inbox)
    assert units[CHANGSHA]["status"] == "invalid"
    assert units[CHANGSHA]["reasons"] == ["MANIFEST.json 的项目超过 10000 个（提交包最多 10000 个文件）：未解析"]


def test_a_manifest_listing_more_files_than_a_bundle_may_hold_is_refused(tmp_path, inbox):
    made = bundle(tmp_path / "w2", inbox / "长沙市.zip", CHANGSHA, "2020-11-10")

    def flood(zin, zout):
        for info in zin.infolist():
            if info.filename == "MANIFEST.json":
                zout.writestr(info, b'{"format": "ucm-check-bundle", "files": [' + b"1," * 20_000 + b"1]}")
            else:
                zout.writestr(info, zin.read(info))
    rewrite(made, flood)
    _, units = intake(inbox)
    assert units[CHANGSHA]["reasons"] == ["MANIFEST.json 的 files 有 20001 项，超过上限 10000 项"]


def test_ansi_escapes_and_controls_from_a_bundle_are_escaped_in_every_output(tmp_path, inbox, capsys):
    made = bundle(tmp_path / "w2", inbox / "某市.zip", CHANGSHA, "2020-11-10")
    rewrite(made, lambda zin, zout: [zout.writestr(i, zin.read(i).replace(
        CHANGSHA.encode(), b"\\u001b[2J\\u001b[31m\\u202e" + CHANGSHA.encode()) if i.filename == "MANIFEST.json" else zin.read(i))
        for i in zin.infolist()])
    for fmt in ("text", "markdown", "json"):
        code, out, _ = run(capsys, "intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", fmt)
        assert code == 0 and "\x1b" not in out and "\u202e" not in out
        assert "\\x1b[2J\\x1b[31m\\u202e" in out.replace("\\\\", "\\")


def test_a_4000_unit_roster_is_never_searched_line_by_line_per_unit(host, monkeypatch):
    """Locating a unit scans the text; a valid roster needs no location at all (it used to locate
    every unit's parent: 4,000 units took 20 s)."""
    from ucm_check.intake import roster as module

    text = ROSTER.read_text(encoding="utf-8").split("[[unit]]")[0] + "".join(
        f'[[unit]]\nid = "c{i}"\nname = "市{i}"\nlevel = "设区市"\n'
        + "".join(f'[[unit]]\nid = "c{i}-{j}"\nname = "县{i}-{j}"\nlevel = "县市区"\nparent = "c{i}"\n' for j in range(3))
        for i in range(1000))
    calls = []
    real = module.unit_position
    monkeypatch.setattr(module, "unit_position", lambda *a, **kw: calls.append(a[1]) or real(*a, **kw))
    roster = module.parse_roster("名册.toml", text, host.standards)
    assert len(roster.units) == 4000 and len(roster.children("c999")) == 3 and calls == []


def test_a_1500_level_parent_chain_is_printed_and_received_without_recursion(capsys, tmp_path):
    head = ROSTER.read_text(encoding="utf-8").split("[[unit]]")[0]
    chain = "".join(f'[[unit]]\nid = "u{i}"\nname = "单位{i}"\nlevel = "县市区"\nparent = "{f"u{i - 1}" if i else ""}"\n'
                    for i in range(1500))
    roster = write(tmp_path / "名册.toml", head + chain)
    code, out, err = run(capsys, "intake", "--roster", str(roster))
    assert code == 0, err
    assert out.splitlines()[-3] == "  " * 1499 + "u1499  单位1499  县市区"
    (tmp_path / "in").mkdir()
    code, out, err = run(capsys, "intake", str(tmp_path / "in"), "--roster", str(roster), "--office", "u1498",
                         "--as-of", "2020-11-30", "--format", "json")
    assert code == 0 and [u["id"] for u in json.loads(out)["units"]] == ["u1499"]


def test_a_parent_cycle_is_named_once_and_briefly(host):
    from ucm_check.intake.roster import InvalidRoster, parse_roster

    head = ROSTER.read_text(encoding="utf-8").split("[[unit]]")[0]
    ring = "".join(f'[[unit]]\nid = "u{i}"\nname = "单位{i}"\nlevel = "县市区"\nparent = "u{(i + 1) % 50}"\n' for i in range(50))
    with pytest.raises(InvalidRoster) as caught:
        parse_roster("名册.toml", head + ring, host.standards)
    first = str(caught.value.errors[0])
    assert "上级关系成环（u0 → u1 → u2 → … → u48 → u49 → u0）" in first


def test_a_roster_that_is_a_fifo_or_a_device_is_refused_without_reading(capsys, tmp_path):
    os.mkfifo(tmp_path / "名册.toml")
    for roster in (tmp_path / "名册.toml", Path("/dev/zero")):
        code, _, err = run(capsys, "intake", "--roster", str(roster))
        assert code == 2 and "名册文件不是普通文件（目录、管道或设备）：未读取" in err


def test_an_oversized_spot_check_is_refused_before_it_is_read(inbox):
    (inbox / "株洲市.check.toml").write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    code, out, err = cli("intake", str(inbox), "--roster", str(ROSTER), "--as-of", "2020-11-30", "--format", "json")
    assert code == 2 and "核查文件有 2048 KB，超过上限 1024 KB：未读取" in err
    assert json.loads(out)["units"][1]["status"] == "on_time"
