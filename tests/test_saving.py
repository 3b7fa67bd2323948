"""Issue 10, first table: every writer keeps the BOM and line endings of the file it replaces, refuses
a read-only file by its mode bits (we may run as root), and on a full disk or a read-only folder
says so in Chinese with exit 2, leaving the old file and no temporary file behind."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from tests.ci.conftest import copy_profile, run
from tests.ci.test_evidence import EVIDENCE
from ucm_check.files import atomic

AS_OF = ("--as-of", "2026-11-24")


@pytest.fixture
def county(tmp_path) -> Path:
    (tmp_path / "佐证").mkdir()
    (tmp_path / "佐证" / "批复.pdf").write_bytes(b"%PDF-1.4 pifu")
    (tmp_path / "佐证" / "公示.png").write_bytes(b"\x89PNG gongshi")
    return copy_profile(tmp_path, extra=EVIDENCE)


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def full_disk(monkeypatch) -> None:
    def write(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_write", write)


def test_verify_record_keeps_the_bom_and_crlf_line_endings(capsys, county):
    county.write_bytes(b"\xef\xbb\xbf" + county.read_bytes().replace(b"\n", b"\r\n"))
    code, out, err = run(capsys, "verify", str(county), "--record")
    assert code == 0, err
    raw = county.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"sha256") == 2
    assert raw.count(b"\n") == raw.count(b"\r\n") > 50


def test_verify_record_refuses_a_read_only_profile_by_its_mode_bits(capsys, county):
    before = county.read_bytes()
    county.chmod(0o444)
    code, _, err = run(capsys, "verify", str(county), "--record")
    assert code == 2 and "只读" in err and "0444" in err
    assert county.read_bytes() == before and litter(county.parent) == []


def test_verify_record_on_a_full_disk_exits_2_and_leaves_the_profile_and_no_temporary_file(capsys, county, monkeypatch):
    before = county.read_bytes()
    full_disk(monkeypatch)
    code, _, err = run(capsys, "verify", str(county), "--record")
    assert code == 2 and "磁盘空间已满" in err and "No space" not in err
    assert county.read_bytes() == before and litter(county.parent) == []


def test_verify_record_in_a_read_only_folder_exits_2_in_chinese(capsys, county, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(county.parent))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, "verify", str(county), "--record")
    assert code == 2 and "文件系统是只读的" in err and str(county) in err


def test_check_output_on_a_full_disk_exits_2_without_a_half_file_or_litter(capsys, county, monkeypatch):
    out = county.parent / "report.json"
    out.write_text("old report", encoding="utf-8")
    full_disk(monkeypatch)
    code, _, err = run(capsys, "check", str(county), "--format", "json", "-o", str(out))
    assert code == 2 and "磁盘空间已满" in err
    assert out.read_text(encoding="utf-8") == "old report" and litter(county.parent) == []


def test_check_output_onto_a_read_only_file_is_refused(capsys, county):
    out = county.parent / "report.sarif"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o444)
    code, _, err = run(capsys, "check", str(county), "-o", str(out))
    assert code == 2 and "只读" in err and out.read_text(encoding="utf-8") == "{}"


def test_bundle_on_a_full_disk_exits_2_and_writes_nothing(capsys, county, monkeypatch):
    full_disk(monkeypatch)
    code, _, err = run(capsys, "bundle", str(county), "-o", str(county.parent / "b.zip"), *AS_OF)
    assert code == 2 and "磁盘空间已满" in err
    assert not (county.parent / "b.zip").exists() and litter(county.parent) == []


def fix_a_gap(county: Path) -> None:
    text = county.read_text(encoding="utf-8")
    county.write_text(text.replace("dress_violations = 7", "dress_violations = 0", 1), encoding="utf-8")


def test_a_plan_saved_again_keeps_the_bom_and_crlf_its_editor_gave_it(capsys, county):
    assert run(capsys, "plan", str(county), *AS_OF)[0] == 0
    plan = county.parent / "county.plan.toml"
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes().replace(b"\n", b"\r\n"))
    fix_a_gap(county)
    assert run(capsys, "plan", str(county), "--as-of", "2026-12-24")[0] == 0
    raw = plan.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert b"gap_closed = 2026-12-24" in raw


def test_a_plan_save_on_a_full_disk_keeps_the_old_plan(capsys, county, monkeypatch):
    assert run(capsys, "plan", str(county), *AS_OF)[0] == 0
    plan = county.parent / "county.plan.toml"
    before = plan.read_bytes()
    fix_a_gap(county)
    full_disk(monkeypatch)
    code, _, err = run(capsys, "plan", str(county), "--as-of", "2026-12-24")
    assert code == 2 and "磁盘空间已满" in err
    assert plan.read_bytes() == before and litter(county.parent) == []


def test_init_in_a_read_only_folder_is_exit_2_not_an_internal_error(capsys, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    code, _, err = run(capsys, "init", str(tmp_path / "new.toml"))
    assert code == 2 and "没有权限" in err and "内部错误" not in err


def test_leftovers_of_killed_saves_are_swept_but_a_save_under_way_is_not(capsys, county):
    folder, name = county.parent, county.name
    old = time.time() - atomic.STALE_SECONDS - 60
    dead = folder / f".{name}.999999999-abcd1234.tmp"   # no such process
    legacy = folder / f".{name}.k3j4h5g6.tmp"          # written before temp names carried a pid
    alive = folder / f".{name}.{os.getppid()}-efgh5678.tmp"  # a running process: its save is under way
    fresh = folder / f".{name}.999999998-ijkl9012.tmp"  # too young to judge
    for path in (dead, legacy, alive, fresh):
        path.write_bytes(b"half")
    for path in (dead, legacy, alive):
        os.utime(path, (old, old))
    assert run(capsys, "verify", str(county), "--record")[0] == 0
    assert litter(folder) == sorted([alive.name, fresh.name])


def test_a_new_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    path = tmp_path / "x.txt"
    atomic.write_text(path, "one")
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    path.chmod(0o640)
    atomic.replace_text(path, "two\n")
    assert path.read_text() == "two\n" and path.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
