"""Evidence in a profile: shape errors at their line, files inside the submission folder only,
SHA-256 recorded and checked, and compliance claims lacking the evidence a policy requires."""

from __future__ import annotations

import hashlib
import os

import pytest

from tests.ci.conftest import copy_profile, run

EVIDENCE = '\n# 佐证材料\n[evidence]\nHN-01-1 = ["佐证/批复.pdf"]  # 党组织成立批复\nHN-05-1a = [{ path = "佐证/公示.png", title = "公示截图" }]\n'


@pytest.fixture
def county(tmp_path):
    (tmp_path / "佐证").mkdir()
    (tmp_path / "佐证" / "批复.pdf").write_bytes(b"%PDF-1.4 pifu")
    (tmp_path / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    return copy_profile(tmp_path, extra=EVIDENCE)


def last_line(path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("entry, message", [
    ('HN-99-9 = ["a.pdf"]', "“HN-99-9” 不是 hunan-2020 的规则编号"),
    ('HN-01-1 = ["/etc/passwd"]', "是绝对路径"),
    ('HN-01-1 = ["../other/a.pdf"]', "含 “..”，指向提交目录之外"),
    ('HN-01-1 = ["佐证\\\\a.pdf"]', "含反斜杠"),
    ('HN-01-1 = []', "应为非空数组"),
    ('HN-01-1 = [{ path = "a.pdf", sha256 = "abc" }]', "sha256 应为 64 位小写十六进制"),
    ('HN-01-1 = [{ file = "a.pdf" }]', "未知字段 “file”"),
    ('HN-01-1 = ["a.pdf", "a.pdf"]', "重复列出"),
])
def test_a_bad_evidence_entry_is_invalid_input_at_its_line(capsys, tmp_path, entry, message):
    path = copy_profile(tmp_path, extra=f"\n[evidence]\n{entry}\n")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and f"{path}:{last_line(path)}:1: 错误：" in err and message in err


def test_verify_accepts_files_inside_the_folder_and_warns_that_hashes_are_not_recorded(capsys, county):
    code, out, err = run(capsys, "verify", str(county))
    assert code == 0 and "2 个文件，0 个有问题" in out
    assert err.count("尚未记录 SHA-256") == 2


def test_record_writes_the_hashes_keeping_comments_and_a_later_change_is_caught(capsys, county):
    before = county.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "verify", str(county), "--record")
    assert code == 0 and "已把 2 个佐证文件的 SHA-256 写入" in out
    after = county.read_text(encoding="utf-8")
    digest = hashlib.sha256(b"%PDF-1.4 pifu").hexdigest()
    assert f'sha256 = "{digest}"' in after and "# 党组织成立批复" in after and 'title = "公示截图"' in after
    assert after.splitlines()[:100] == before.splitlines()[:100]
    assert run(capsys, "verify", str(county))[0] == 0
    (county.parent / "佐证" / "批复.pdf").write_bytes(b"%PDF-1.4 changed")
    code, _, err = run(capsys, "verify", str(county))
    assert code == 2 and "SHA-256 与档案记录不符" in err and "文件在记录后被改动" in err


def test_a_missing_file_is_invalid(capsys, county):
    os.remove(county.parent / "佐证" / "公示.png")
    code, _, err = run(capsys, "verify", str(county))
    assert code == 2 and "“佐证/公示.png” 不存在" in err


def test_a_symlink_leading_out_of_the_submission_folder_is_refused(capsys, county, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.pdf"
    outside.write_bytes(b"secret")
    os.symlink(outside, county.parent / "佐证" / "link.pdf")
    os.symlink(county.parent / "佐证" / "批复.pdf", county.parent / "佐证" / "inner.pdf")
    county.write_text(county.read_text(encoding="utf-8").replace('["佐证/批复.pdf"]', '["佐证/link.pdf", "佐证/inner.pdf"]'),
                      encoding="utf-8")
    code, out, err = run(capsys, "verify", str(county))
    assert code == 2 and "“佐证/link.pdf” 经符号链接指向提交目录之外" in err
    assert "错误：evidence.HN-01-1：佐证文件 “佐证/inner.pdf”" not in err and "3 个文件，1 个有问题" in out


def test_a_linked_folder_leading_out_is_refused_too(capsys, county, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "a.pdf").write_bytes(b"a")
    os.symlink(outside, county.parent / "外部")
    county.write_text(county.read_text(encoding="utf-8").replace('["佐证/批复.pdf"]', '["外部/a.pdf"]'), encoding="utf-8")
    code, _, err = run(capsys, "verify", str(county))
    assert code == 2 and "指向提交目录之外" in err


def test_verify_reports_compliance_claims_lacking_required_evidence(capsys, county, tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text('evidence_required = ["HN-01-*", "HN-05-1a"]\n', encoding="utf-8")
    code, out, err = run(capsys, "verify", str(county), "--policy", str(policy))
    # HN-01-1 and HN-05-1a list evidence; HN-01-2 is claimed compliant without; HN-01-3 is a gap, not a claim
    assert code == 1 and "缺少佐证的达标自评 1 项" in out
    assert "HN-01-2" in err and "HN-01-3" not in err and "HN-01-1 " not in err


def test_verify_of_an_invalid_profile_is_invalid_input(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[unit\n", encoding="utf-8")
    assert run(capsys, "verify", str(path))[0] == 2
    assert run(capsys, "verify", str(tmp_path / "none.toml"))[0] == 2


def test_record_keeps_the_profile_permissions(capsys, county):
    import stat

    county.chmod(0o640)
    run(capsys, "verify", str(county), "--record")
    assert stat.S_IMODE(county.stat().st_mode) == 0o640 and "sha256" in county.read_text(encoding="utf-8")
