"""Bundles: everything a submission needs with a manifest of hashes, byte-identical for the same
inputs, and ``verify FILE.zip`` catching tampering, additions and unsafe entry names."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from tests.ci.test_evidence import EVIDENCE
from tests.ci.conftest import copy_profile, run


@pytest.fixture
def county(tmp_path):
    (tmp_path / "佐证").mkdir()
    (tmp_path / "佐证" / "批复.pdf").write_bytes(b"%PDF-1.4 pifu")
    (tmp_path / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    return copy_profile(tmp_path, extra=EVIDENCE)


def bundle(capsys, county, out, *extra):
    return run(capsys, "bundle", str(county), "-o", str(out), "--as-of", "2026-11-24", *extra)


def test_a_bundle_holds_profile_plan_reports_evidence_and_a_manifest_of_hashes(capsys, county, tmp_path):
    plan = tmp_path / "county.plan.toml"
    plan.write_text('[plan]\nprofile = "county.toml"\nunit = "某县"\nstandard = "hunan-2020"\n', encoding="utf-8")
    code, out, _ = bundle(capsys, county, tmp_path / "out.zip")
    assert code == 0 and "已生成提交包" in out
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("MANIFEST.json"))
        report = json.loads(zf.read("ucm-check-report.json"))
        contents = {n: zf.read(n) for n in names}
        infos = zf.infolist()
    assert names == sorted(names) == ["MANIFEST.json", "county.plan.toml", "county.toml", "ucm-check-report.json",
                                      "ucm-check-report.md", "佐证/公示.png", "佐证/批复.pdf"]
    assert manifest["profile"] == "county.toml" and manifest["plan"] == "county.plan.toml" and manifest["as_of"] == "2026-11-24"
    for item in manifest["files"]:
        assert hashlib.sha256(contents[item["path"]]).hexdigest() == item["sha256"] and item["size"] == len(contents[item["path"]])
    assert {i["role"] for i in manifest["files"]} == {"profile", "plan", "report", "evidence"}
    assert contents["county.toml"] == county.read_bytes()
    assert report["profiles"][0]["total"] == 86.2 and report["profiles"][0]["file"] == "county.toml"
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) and i.external_attr >> 16 == 0o100644 for i in infos)


def test_the_same_inputs_give_a_byte_identical_zip(capsys, county, tmp_path):
    bundle(capsys, county, tmp_path / "one.zip")
    (county.parent / "佐证" / "批复.pdf").touch()  # a newer mtime changes nothing
    bundle(capsys, county, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    bundle(capsys, county, tmp_path / "three.zip", "--as-of", "2026-11-25")
    assert (tmp_path / "three.zip").read_bytes() != (tmp_path / "one.zip").read_bytes()


def test_verify_accepts_an_untouched_bundle(capsys, county, tmp_path):
    bundle(capsys, county, tmp_path / "out.zip")
    code, out, err = run(capsys, "verify", str(tmp_path / "out.zip"))
    assert code == 0 and "校验通过" in out and err == ""


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)


@pytest.mark.parametrize("change, message", [
    (lambda n, d: d + b"x" if n == "佐证/批复.pdf" else d, "“佐证/批复.pdf” 与打包时记录的指纹（SHA-256）不符"),
    (lambda n, d: None if n == "佐证/公示.png" else d, "清单列出的 “佐证/公示.png” 不在压缩包中"),
    (lambda n, d: d.replace(b"dress_violations = 7", b"dress_violations = 0") if n == "county.toml" else d,
     "“county.toml” 与打包时记录的指纹（SHA-256）不符"),
])
def test_verify_catches_a_changed_or_missing_entry(capsys, county, tmp_path, change, message):
    bundle(capsys, county, tmp_path / "out.zip")
    _rewrite(tmp_path / "out.zip", tmp_path / "bad.zip", change)
    code, _, err = run(capsys, "verify", str(tmp_path / "bad.zip"))
    assert code == 2 and message in err


def test_verify_catches_an_added_entry_and_an_escaping_name(capsys, county, tmp_path):
    bundle(capsys, county, tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip", "a") as zf:
        zf.writestr("../evil.sh", b"rm -rf /")
    code, _, err = run(capsys, "verify", str(tmp_path / "out.zip"))
    assert code == 2 and "“../evil.sh” 含 “..”" in err  # refused from the directory, before reading
    bundle(capsys, county, tmp_path / "added.zip")
    with zipfile.ZipFile(tmp_path / "added.zip", "a") as zf:
        zf.writestr("extra.sh", b"echo hi")
    code, _, err = run(capsys, "verify", str(tmp_path / "added.zip"))
    assert code == 2 and "“extra.sh” 不在清单中" in err


def test_verify_catches_a_report_that_no_longer_matches_the_profile(capsys, county, tmp_path):
    import io

    bundle(capsys, county, tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files["ucm-check-report.json"] = files["ucm-check-report.json"].replace(b'"total": 86.2', b'"total": 96.2')
    manifest = json.loads(files["MANIFEST.json"])
    for item in manifest["files"]:  # a careful forger fixes the manifest too
        item["sha256"] = hashlib.sha256(files[item["path"]]).hexdigest()
        item["size"] = len(files[item["path"]])
    files["MANIFEST.json"] = json.dumps(manifest).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in files.items():
            zf.writestr(n, d)
    (tmp_path / "forged.zip").write_bytes(buf.getvalue())
    code, _, err = run(capsys, "verify", str(tmp_path / "forged.zip"))
    assert code == 2 and "包内报告总分 96.2 与按档案重新评分的 86.2 不符" in err


def test_bundle_refuses_evidence_that_escapes_and_writes_nothing(capsys, county, tmp_path_factory):
    import os

    outside = tmp_path_factory.mktemp("outside") / "x.pdf"
    outside.write_bytes(b"x")
    os.symlink(outside, county.parent / "佐证" / "x.pdf")
    county.write_text(county.read_text(encoding="utf-8").replace('["佐证/批复.pdf"]', '["佐证/x.pdf"]'), encoding="utf-8")
    code, _, err = bundle(capsys, county, county.parent / "out.zip")
    assert code == 2 and "指向提交目录之外" in err and not (county.parent / "out.zip").exists()


def test_bundle_refuses_evidence_whose_hash_changed(capsys, county):
    run(capsys, "verify", str(county), "--record")
    (county.parent / "佐证" / "公示.png").write_bytes(b"other")
    code, _, err = bundle(capsys, county, county.parent / "out.zip")
    assert code == 2 and "SHA-256 与档案记录不符" in err and not (county.parent / "out.zip").exists()


def test_verify_of_something_that_is_not_a_bundle_is_invalid(capsys, tmp_path):
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    assert "无法读取压缩包" in run(capsys, "verify", str(tmp_path / "x.zip"))[2]
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as zf:
        zf.writestr("a.txt", "a")
    code, _, err = run(capsys, "verify", str(tmp_path / "y.zip"))
    assert code == 2 and "没有 MANIFEST.json" in err
